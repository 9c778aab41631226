import base64
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import WoPortalCommon, counterparty_sign


@tagged("post_install", "-at_install")
class TestPortalHttp(HttpCase, WoPortalCommon):
    """The portal is on the Internet: over HTTP, with real sessions, each
    counterparty's users reach what was sent to their company and nothing
    else, through every route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acme_send = cls.send()
        cls.globex_send = cls.send(cls.globex_document)
        cls.note = cls.document.message_post(
            body="Internal: our lowest price is 4000.",
            subtype_xmlid="mail.mt_note",
            attachment_ids=[
                cls.env["ir.attachment"]
                .create(
                    {
                        "name": "internal-calculation.txt",
                        "raw": b"lowest price 4000",
                        "res_model": "wo.document",
                        "res_id": cls.document.id,
                    }
                )
                .id
            ],
        )
        cls.note_attachment = cls.note.attachment_ids

    def login(self, user):
        self.authenticate(user.login, user.login)

    def get(self, url, **kw):
        return self.url_open(url, allow_redirects=False, **kw)

    def post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def page(self, send, token=None):
        url = f"/my/wo/documents/{send.id}"
        return self.get(f"{url}?access_token={token}" if token else url)

    def assert_not_found(self, response):
        self.assertEqual(response.status_code, 404, response.url)
        self.assertNotIn(b"Services for", response.content, "nothing leaked")

    # ---------------------------------------------------------- the pages
    def test_each_counterparty_sees_its_own_documents(self):
        self.login(self.anna)
        listing = self.get("/my/wo/documents")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(b"Services for Acme Supplies", listing.content)
        self.assertNotIn(b"Globex", listing.content)
        page = self.page(self.acme_send)
        self.assertEqual(page.status_code, 200)
        self.assertIn(b"Please sign.", page.content)
        self.assertNotIn(b"lowest price", page.content, "internal notes never")
        self.assertIn(b"/my/wo/documents", self.get("/my").content, "on the portal's home")
        # Boris of Acme sees it too (he may not act on it)
        self.login(self.boris)
        self.assertEqual(self.page(self.acme_send).status_code, 200)
        self.login(self.greg)
        self.assert_not_found(self.page(self.acme_send))
        self.assertNotIn(b"Acme", self.get("/my/wo/documents").content)
        self.assertEqual(self.page(self.globex_send).status_code, 200)

    def test_tokens(self):
        token = self.acme_send.access_token
        self.assertEqual(self.page(self.acme_send, token).status_code, 200, "the e-mail's link")
        # a wrong token, the other counterparty's token, an id that does not
        # exist: the same answer, nothing to tell them apart
        wrong = self.page(self.acme_send, "0" * len(token))
        other = self.page(self.acme_send, self.globex_send.access_token)
        missing = self.get(f"/my/wo/documents/{self.globex_send.id + 1000}?access_token={token}")
        for response in (wrong, other, missing):
            self.assert_not_found(response)
        self.assertEqual(wrong.content, missing.content)
        self.login(self.greg)
        self.assert_not_found(self.page(self.acme_send, self.globex_send.access_token))
        self.assertEqual(self.page(self.acme_send, token).status_code, 200, "a shared link")
        self.logout()
        # expired
        self.acme_send.date_expiry = fields.Datetime.now() - timedelta(minutes=1)
        self.assert_not_found(self.page(self.acme_send, token))
        self.acme_send.date_expiry = fields.Datetime.now() + timedelta(days=1)
        # withdrawn: the token and the page stop working, even for Anna
        self.acme_send.with_user(self.user_deputy_2).action_withdraw()
        self.assert_not_found(self.page(self.acme_send, token))
        self.login(self.anna)
        self.assert_not_found(self.page(self.acme_send))

    def test_a_token_does_not_let_anyone_act(self):
        token = self.acme_send.access_token
        response = self.url_open(
            f"/my/wo/documents/{self.acme_send.id}/decide?access_token={token}",
            data={"decision": "approved"},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (303, 400, 403, 404))  # to the login, or refused
        self.assertEqual(self.acme_send.state, "sent")

    def test_files(self):
        main = self.document.message_main_attachment_id
        url = f"/my/wo/documents/{self.acme_send.id}/file/{main.id}"
        self.login(self.anna)
        download = self.get(url)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, self.pdf)
        # the internal note's file, the other counterparty's file, through
        # our route or Odoo's
        self.assert_not_found(
            self.get(f"/my/wo/documents/{self.acme_send.id}/file/{self.note_attachment.id}")
        )
        globex_file = self.globex_document.message_main_attachment_id
        self.assert_not_found(
            self.get(f"/my/wo/documents/{self.acme_send.id}/file/{globex_file.id}")
        )
        self.assert_not_found(
            self.get(f"/my/wo/documents/{self.globex_send.id}/file/{globex_file.id}")
        )
        for attachment in (main, self.note_attachment, globex_file):
            for route in (f"/web/content/{attachment.id}", f"/web/image/{attachment.id}"):
                response = self.get(route)
                if route.startswith("/web/content"):
                    self.assertIn(response.status_code, (403, 404), route)
                # /web/image answers Odoo's placeholder image for what it may not show
                self.assertNotIn(b"lowest price", response.content)
                self.assertNotEqual(response.content, self.pdf)
        self.logout()
        self.assertEqual(
            self.get(f"{url}?access_token={self.acme_send.access_token}").content, self.pdf
        )
        self.assert_not_found(self.get(url))

    def test_json_rpc_reaches_nothing(self):
        self.login(self.anna)
        for model, method, args in (
            ("wo.portal.send", "search_read", [[]]),
            ("wo.document", "search_read", [[]]),
            ("wo.document", "read", [self.document.ids, ["subject"]]),
            ("wo.portal.send", "write", [self.acme_send.ids, {"state": "signed"}]),
            ("wo.document.approval", "search_read", [[]]),
            ("wo.correspondence", "search_read", [[]]),
        ):
            with self.subTest(model=model, method=method), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
        try:
            messages = self.make_jsonrpc_request(
                "/mail/thread/messages",
                {"thread_model": "wo.document", "thread_id": self.document.id},
            )
        except JsonRpcException:
            messages = None
        self.assertNotIn("lowest price", str(messages))
        self.assertNotIn("Please sign", str(messages), "no message of the document at all")
        self.assertEqual(self.acme_send.state, "sent", "nothing written")

    # ------------------------------------------------------------ acting
    def test_approve_and_sign_over_http(self):
        self.login(self.greg)
        self.assert_not_found(
            self.post(f"/my/wo/documents/{self.acme_send.id}/decide", {"decision": "approved"})
        )
        self.assertEqual(self.acme_send.state, "sent", "nothing written")
        self.login(self.boris)
        refused = self.post(
            f"/my/wo/documents/{self.acme_send.id}/decide", {"decision": "approved"}
        )
        self.assertEqual(refused.status_code, 200)
        self.assertIn(b"Only the contacts", refused.content)
        self.assertEqual(self.acme_send.state, "sent")
        self.login(self.anna)
        done = self.post(f"/my/wo/documents/{self.acme_send.id}/decide", {"decision": "approved"})
        self.assertEqual(done.status_code, 303)
        self.assertEqual(self.acme_send.state, "approved")
        again = self.post(
            f"/my/wo/documents/{self.acme_send.id}/decide",
            {"decision": "rejected", "comment": "no"},
        )
        self.assertIn(b"already taken", again.content)
        self.trust_test_ca()
        signed = counterparty_sign(self.pdf, self.pki)
        other = counterparty_sign(self.globex_document.message_main_attachment_id.raw, self.pki)
        bad = self.post(
            f"/my/wo/documents/{self.acme_send.id}/upload",
            files={"signed_file": ("signed.pdf", other, "application/pdf")},
        )
        self.assertIn(b"not the document sent", bad.content)
        self.assertEqual(self.acme_send.state, "approved")
        self.assertIn(
            "was refused",
            self.document.message_ids.filtered(lambda m: m.subtype_id.internal)[:1].body,
            "a refused upload is noted for our people",
        )
        good = self.post(
            f"/my/wo/documents/{self.acme_send.id}/upload",
            files={"signed_file": ("signed.pdf", signed, "application/pdf")},
        )
        self.assertEqual(good.status_code, 303)
        self.assertEqual(self.acme_send.state, "signed")
        self.assertEqual(self.document.message_main_attachment_id.raw, signed)
        self.assertTrue(self.document.date_returned)
        page = self.page(self.acme_send)
        self.assertIn(b"Signed and returned", page.content)
        self.assertEqual(self.acme_send.sign_ip, "127.0.0.1")

    # ----------------------------------------------------------- letters
    def test_letters(self):
        Journal = self.env["wo.correspondence.journal"]
        journal_out = Journal.create(
            {"name": "Portal out", "code": "PTLOUT", "direction": "outgoing"}
        )
        journal_in = Journal.create({"name": "Portal in", "code": "PTLIN", "direction": "incoming"})
        self.env.company.wo_portal_letter_journal_id = journal_in
        letter = self.env["wo.correspondence"].create(
            {
                "direction": "outgoing",
                "journal_id": journal_out.id,
                "subject": "Price list for Acme",
                "partner_id": self.acme.id,
            }
        )
        letter.action_register()
        self.assertEqual(letter.state, "registered")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "prices.txt",
                "raw": b"prices",
                "res_model": "wo.correspondence",
                "res_id": letter.id,
            }
        )
        file_url = f"/my/wo/letters/{letter.id}/file/{attachment.id}"
        self.login(self.greg)
        self.assertNotIn(b"Price list for Acme", self.get("/my/wo/letters").content)
        self.assertEqual(self.get(file_url).status_code, 404)
        self.login(self.anna)
        self.assertIn(b"Price list for Acme", self.get("/my/wo/letters").content)
        self.assertEqual(self.get(file_url).content, b"prices")
        Letter = self.env["wo.correspondence"]
        before = Letter.search_count([])
        empty = self.post("/my/wo/letters/new", {"subject": " ", "text": "x"})
        self.assertIn(b"Give the letter a subject", empty.content)
        self.assertEqual(Letter.search_count([]), before, "nothing written")
        sent = self.post(
            "/my/wo/letters/new",
            {"subject": "Our claim", "text": "The film was torn."},
            files={"attachments": ("photo.txt", b"torn film", "text/plain")},
        )
        self.assertEqual(sent.status_code, 303)
        received = Letter.search([("subject", "=", "Our claim")])
        self.assertEqual(received.direction, "incoming")
        self.assertEqual(received.state, "draft")
        self.assertEqual(received.journal_id, journal_in)
        self.assertEqual(received.partner_id, self.acme)
        self.assertEqual(received.contact_id, self.anna.partner_id)
        files = self.env["ir.attachment"].search(
            [("res_model", "=", "wo.correspondence"), ("res_id", "=", received.id)]
        )
        self.assertEqual(base64.b64decode(files.datas), b"torn film")
        self.assertNotIn(b"Our claim", self.get("/my/wo/letters").content, "a draft, not theirs")
