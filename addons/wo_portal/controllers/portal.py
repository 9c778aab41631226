from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

LETTER_STATES = ("registered", "on_control", "done")


class WoPortal(CustomerPortal):
    """The counterparty's side: the documents sent to their company and the
    letters addressed to it. Every record is found through the send or the
    letter's counterparty, as sudo, only after the check: a portal user has
    no access of its own to WO's models, so no other route (JSON-RPC,
    /web/content, messages) reaches them."""

    # ---------------------------------------------------------------- home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        if "wo_document_count" in counters:
            values["wo_document_count"] = (
                request.env["wo.portal.send"]
                .sudo()
                .search_count(request.env["wo.portal.send"]._wo_portal_domain(user.partner_id))
            )
        if "wo_letter_count" in counters:
            values["wo_letter_count"] = (
                request.env["wo.correspondence"].sudo().search_count(self._wo_letter_domain())
            )
        return values

    # ----------------------------------------------------------- documents
    @http.route(
        ["/my/wo/documents", "/my/wo/documents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def wo_portal_documents(self, page=1, **kw):
        Send = request.env["wo.portal.send"]
        domain = Send._wo_portal_domain(request.env.user.partner_id)
        count = Send.sudo().search_count(domain)
        pager = portal_pager(
            url="/my/wo/documents", total=count, page=page, step=self._items_per_page
        )
        sends = Send.sudo().search(
            domain,
            limit=self._items_per_page,
            offset=pager["offset"],
            order="date_sent desc, id desc",
        )
        sends.fetch(["document_id", "state", "date_sent", "date_due"])
        sends.document_id.fetch(["name", "subject", "amount", "currency_id", "state", "date_end"])
        values = self._prepare_portal_layout_values()
        values.update({"sends": sends, "pager": pager, "page_name": "wo_documents"})
        return request.render("wo_portal.portal_my_wo_documents", values)

    def _wo_send(self, send_id, access_token=None):
        send = request.env["wo.portal.send"]._wo_portal_find(send_id, access_token)
        if not send:
            raise NotFound()
        return send

    @http.route("/my/wo/documents/<int:send_id>", type="http", auth="public", website=True)
    def wo_portal_document(self, send_id, access_token=None, message=None, **kw):
        send = self._wo_send(send_id, access_token)
        return self._wo_render_document(send, access_token, message=message)

    def _wo_render_document(self, send, access_token=None, message=None, error=None):
        user = request.env.user
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "send": send,
                "document": send.document_id,
                "files": send._wo_portal_files(),
                "messages": send._wo_portal_messages(),
                "access_token": access_token if user._is_public() else None,
                "can_act": not user._is_public()
                and user.partner_id in send.contact_ids
                and send.state in ("sent", "approved"),
                "page_name": "wo_document",
                # a code of this controller's (never text from the URL)
                "wo_message": message if message in ("decided", "signed") else None,
                "wo_error": error,
            }
        )
        return request.render("wo_portal.portal_my_wo_document", values)

    @http.route(
        "/my/wo/documents/<int:send_id>/file/<int:attachment_id>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def wo_portal_document_file(self, send_id, attachment_id, access_token=None, **kw):
        send = self._wo_send(send_id, access_token)
        attachment = send._wo_portal_files().filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    def _wo_redirect(self, send, message=None, error=None):
        if error:
            send.env.invalidate_all()  # what the refused act left in the cache
            return self._wo_render_document(send, error=error)
        return request.redirect(f"/my/wo/documents/{send.id}?{urlencode({'message': message})}")

    def _wo_act(self, send_id, act):
        """Run ``act(send, user)`` in a savepoint: a refusal leaves nothing
        written and comes back on the page in the user's language."""
        send = self._wo_send(send_id)
        user = request.env.user
        try:
            with request.env.cr.savepoint():
                act(send, user)
        except UserError as error:
            return send, str(error.args[0])
        return send, None

    @http.route(
        "/my/wo/documents/<int:send_id>/decide",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def wo_portal_decide(self, send_id, decision=None, comment=None, **kw):
        send, error = self._wo_act(
            send_id, lambda send, user: send._wo_portal_decide(user, decision, comment)
        )
        return self._wo_redirect(send, message=None if error else "decided", error=error)

    @http.route(
        "/my/wo/documents/<int:send_id>/sign",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def wo_portal_sign(self, send_id, full_name=None, confirm=None, **kw):
        ip_address = request.httprequest.remote_addr
        send, error = self._wo_act(
            send_id,
            lambda send, user: send._wo_portal_sign_simple(
                user, full_name, bool(confirm), ip_address
            ),
        )
        return self._wo_redirect(send, message=None if error else "signed", error=error)

    @http.route(
        "/my/wo/documents/<int:send_id>/upload",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def wo_portal_upload(self, send_id, signed_file=None, **kw):
        ip_address = request.httprequest.remote_addr

        def act(send, user):
            if not hasattr(signed_file, "read"):
                raise UserError(send.env._("Choose the signed PDF to upload."))
            limit = (send.company_id.wo_portal_max_upload_mb or 20) * 1024 * 1024
            data = signed_file.read(limit + 1)
            send._wo_portal_sign_upload(user, data, signed_file.filename, ip_address)

        send, error = self._wo_act(send_id, act)
        if error:
            send._wo_portal_refused(request.env.user, error)
        return self._wo_redirect(send, message=None if error else "signed", error=error)

    # ------------------------------------------------------------- letters
    def _wo_letter_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [
            ("direction", "=", "outgoing"),
            ("partner_id", "child_of", partner.id),
            ("state", "in", LETTER_STATES),
        ]

    @http.route(
        ["/my/wo/letters", "/my/wo/letters/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def wo_portal_letters(self, page=1, **kw):
        Letter = request.env["wo.correspondence"].sudo()
        domain = self._wo_letter_domain()
        count = Letter.search_count(domain)
        pager = portal_pager(
            url="/my/wo/letters", total=count, page=page, step=self._items_per_page
        )
        letters = Letter.search(
            domain,
            limit=self._items_per_page,
            offset=pager["offset"],
            order="date_registration desc, id desc",
        )
        files = (
            request.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "wo.correspondence"), ("res_id", "in", letters.ids)])
        )
        letter_files = {}
        for attachment in files:
            letter_files.setdefault(attachment.res_id, []).append(attachment)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "letters": letters,
                "letter_files": letter_files,
                "pager": pager,
                "page_name": "wo_letters",
                "wo_message": kw.get("message") == "sent",
            }
        )
        return request.render("wo_portal.portal_my_wo_letters", values)

    @http.route(
        "/my/wo/letters/<int:letter_id>/file/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def wo_portal_letter_file(self, letter_id, attachment_id, **kw):
        letter = (
            request.env["wo.correspondence"]
            .sudo()
            .search([("id", "=", letter_id), *self._wo_letter_domain()])
        )
        attachment = (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("id", "=", attachment_id),
                    ("res_model", "=", "wo.correspondence"),
                    ("res_id", "=", letter.id or 0),
                ]
            )
        )
        if not letter or not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    @http.route("/my/wo/letters/new", type="http", auth="user", website=True, methods=["GET"])
    def wo_portal_letter_new(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "wo_letter_new", "wo_error": kw.get("error"), "form": kw})
        return request.render("wo_portal.portal_my_wo_letter_new", values)

    @http.route("/my/wo/letters/new", type="http", auth="user", website=True, methods=["POST"])
    def wo_portal_letter_send(self, subject=None, text=None, **kw):
        files = request.httprequest.files.getlist("attachments")
        user = request.env.user
        try:
            with request.env.cr.savepoint():
                request.env["wo.correspondence"]._wo_portal_receive(
                    user,
                    subject,
                    text,
                    [(f.filename, f.read()) for f in files if f and f.filename],
                )
        except UserError as error:
            values = self._prepare_portal_layout_values()
            values.update(
                {
                    "page_name": "wo_letter_new",
                    "wo_error": str(error.args[0]),
                    "form": {"subject": subject or "", "text": text or ""},
                }
            )
            return request.render("wo_portal.portal_my_wo_letter_new", values)
        return request.redirect("/my/wo/letters?message=sent")
