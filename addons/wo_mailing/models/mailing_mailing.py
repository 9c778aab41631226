import re

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

WO_PRIORITIES = [("1", "High"), ("3", "Normal"), ("5", "Low")]
# what a user types in the subject and the body, put in for each recipient
WO_PLACEHOLDER_RE = re.compile(r"\{(name|salutation|company)\}")
DEFAULT_MAX_RECIPIENTS = 500


def wo_personalize(text, values, html=False):
    """``text`` with ``{name}``, ``{salutation}`` and ``{company}`` replaced by
    ``values``; in HTML the values are escaped."""
    if not text or not values:
        return text
    if html:
        return Markup(
            WO_PLACEHOLDER_RE.sub(lambda match: str(escape(values[match.group(1)])), str(text))
        )
    return WO_PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], text)


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    wo_priority = fields.Selection(
        WO_PRIORITIES,
        string="Priority",
        compute="_compute_wo_priority",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Sent as the priority headers of every message (X-Priority, Importance, "
        "Priority); high-priority messages leave the mail queue first.",
    )
    wo_kind_id = fields.Many2one("wo.mailing.kind", string="Kind", tracking=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True, tracking=True
    )
    wo_category_ids = fields.Many2many(
        "res.partner.category",
        "wo_mailing_partner_category_rel",
        "mailing_id",
        "category_id",
        string="Counterparty Groups",
        help="Every counterparty with one of these tags receives the mailing.",
    )
    wo_partner_ids = fields.Many2many(
        "res.partner",
        "wo_mailing_partner_rel",
        "mailing_id",
        "partner_id",
        string="Single Counterparties",
        help="Counterparties that receive the mailing whatever their tags; someone who is "
        "also in a group receives it once.",
    )
    wo_preview_partner_id = fields.Many2one(
        "res.partner",
        string="Preview For",
        help="Shows the subject and the text as this recipient will receive them.",
    )
    wo_preview_subject = fields.Char(string="Subject Preview", compute="_compute_wo_preview")
    wo_preview_body = fields.Html(
        string="Text Preview", compute="_compute_wo_preview", sanitize=False
    )
    wo_sent_hooked = fields.Boolean(string="Sent Hook Called", copy=False, readonly=True)

    @api.depends("wo_kind_id")
    def _compute_wo_priority(self):
        for mailing in self:
            if mailing.wo_kind_id:
                mailing.wo_priority = mailing.wo_kind_id.default_priority
            elif not mailing.wo_priority:
                mailing.wo_priority = "3"

    @api.depends(
        "mailing_model_id",
        "contact_list_ids",
        "mailing_type",
        "mailing_filter_id",
        "wo_category_ids",
        "wo_partner_ids",
    )
    def _compute_mailing_domain(self):
        result = super()._compute_mailing_domain()
        for mailing in self:
            wo_domain = mailing._wo_recipients_domain()
            if wo_domain is not None and mailing.mailing_model_name == "res.partner":
                domain = mailing._get_default_mailing_domain() & wo_domain
                mailing.mailing_domain = repr(list(domain))
        return result

    @api.depends("mailing_domain", "mailing_model_real", "ab_testing_enabled", "ab_testing_pc")
    def _compute_total(self):
        # mass_mailing's count, kept up to date when the recipients change
        return super()._compute_total()

    @api.depends("subject", "body_html", "body_arch", "wo_preview_partner_id")
    def _compute_wo_preview(self):
        for mailing in self:
            partner = mailing.wo_preview_partner_id
            if not partner:
                mailing.wo_preview_subject = False
                mailing.wo_preview_body = False
                continue
            values = mailing._wo_personal_values(partner)[partner.id]
            mailing.wo_preview_subject = wo_personalize(mailing.subject or "", values)
            mailing.wo_preview_body = wo_personalize(
                mailing.body_html or mailing.body_arch or "", values, html=True
            )

    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        if self.env.context.get("wo_mailing") and "mailing_model_id" in fields:
            values["mailing_model_id"] = self.env["ir.model"]._get_id("res.partner")
        return values

    def write(self, vals):
        finishing = self.browse()
        if vals.get("state") == "done":
            finishing = self.filtered(lambda mailing: not mailing.wo_sent_hooked)
        result = super().write(vals)
        if finishing:
            finishing.sudo().wo_sent_hooked = True
            finishing._wo_mailing_sent()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_put_in_queue(self):
        self._wo_check_sendable()
        return super().action_put_in_queue()

    def action_send_mail(self, res_ids=None):
        self._wo_check_sendable(count=len(res_ids) if res_ids else None)
        return super().action_send_mail(res_ids=res_ids)

    def action_wo_import(self):
        self.ensure_one()
        return self._wo_open_wizard("wo_mailing.wo_mailing_import_action")

    def action_wo_copy_recipients(self):
        self.ensure_one()
        return self._wo_open_wizard("wo_mailing.wo_mailing_recipients_copy_action")

    def _wo_open_wizard(self, xmlid):
        self.check_access("write")
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["context"] = {"default_mailing_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_mass_mailing_context(self):
        return dict(super()._get_mass_mailing_context(), wo_mailing_priority=self.wo_priority)

    def _wo_recipients_domain(self):
        """The counterparties chosen by group or one by one, or None when the
        mailing uses neither (then mass_mailing's own domain stands)."""
        self.ensure_one()
        categories = self.wo_category_ids._origin
        partners = self.wo_partner_ids._origin
        if not categories and not partners:
            return None
        domain = Domain.FALSE
        if partners:
            domain |= Domain("id", "in", partners.ids)
        if categories:
            domain |= Domain("category_id", "in", categories.ids)
        return domain & Domain("email", "!=", False)

    @api.model
    def _wo_max_recipients(self):
        value = self.env["ir.config_parameter"].sudo().get_param("wo_mailing.max_recipients")
        try:
            return int(value) if value else DEFAULT_MAX_RECIPIENTS
        except ValueError:
            return DEFAULT_MAX_RECIPIENTS

    def _wo_check_sendable(self, count=None):
        """Refuse to send a mailing without subject or recipients, a mailing
        sent by a WO Mailing Reader or Editor, and a mailing to more than the
        configured number of recipients unless the user is a WO Mailing
        Manager. The cron (superuser) is not checked again. ``count``: the
        number of recipients when they are given, else the mailing's count."""
        if self.env.su:
            return
        user = self.env.user
        if user.has_group("wo_mailing.group_wo_mailing_reader") and not user.has_group(
            "wo_mailing.group_wo_mailing_author"
        ):
            raise AccessError(self.env._("Only a WO Mailing Author or Manager sends mailings."))
        limit = self._wo_max_recipients()
        is_manager = user.has_group("wo_mailing.group_wo_mailing_manager")
        for mailing in self:
            if not (mailing.subject or "").strip():
                raise UserError(
                    self.env._("The mailing %(name)s has no subject.", name=mailing.display_name)
                )
            total = mailing.total if count is None else count
            if not total:
                raise UserError(
                    self.env._(
                        "The mailing %(name)s has no recipients: choose counterparty groups, "
                        "single counterparties or a mailing list.",
                        name=mailing.display_name,
                    )
                )
            if total > limit and not is_manager:
                raise AccessError(
                    self.env._(
                        "The mailing %(name)s goes to %(count)s recipients: only a WO Mailing "
                        "Manager sends to more than %(limit)s.",
                        name=mailing.display_name,
                        count=total,
                        limit=limit,
                    )
                )

    def _wo_recipient_partner_ids(self):
        """The counterparties this mailing went to (its traces, cancelled ones
        aside), or, before it is sent, those it would go to now."""
        self.ensure_one()
        if self.mailing_model_name != "res.partner":
            return []
        traces = self.env["mailing.trace"].search_read(
            [
                ("mass_mailing_id", "=", self.id),
                ("model", "=", "res.partner"),
                ("trace_status", "!=", "cancel"),
            ],
            ["res_id"],
        )
        if traces:
            return sorted({trace["res_id"] for trace in traces})
        return sorted(self._get_recipients())

    def _wo_personal_values(self, records):
        """``{record id: {"name", "salutation", "company"}}`` for the recipients
        ``records`` (counterparties, or mailing contacts)."""
        fields_ = records._fields
        values = {}
        for record in records:
            if "commercial_company_name" in fields_:
                company = record.commercial_company_name
            elif "company_name" in fields_:
                company = record.company_name
            else:
                company = False
            values[record.id] = {
                "name": (record.name if "name" in fields_ else record.display_name) or "",
                "salutation": (record.wo_salutation if "wo_salutation" in fields_ else "") or "",
                "company": company or "",
            }
        return values

    def _wo_mailing_sent(self):
        """Called once per mailing, when it is done (every message queued).

        A hook for the addons that follow a mailing up, e.g. a bridge that
        registers it as outgoing correspondence: override and call super()."""
        return True
