from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.wo_service.models.document_page import FTS_INDEX, question_words

from .common import WoServiceCommon


@tagged("post_install", "-at_install")
class TestKnowledge(WoServiceCommon):
    """The knowledge base on OCA document_page: pages by WO level, linked to
    contact kinds, assignment kinds and threads, suggested where the
    question comes in, sent to the counterparty, drafted when unanswered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_crm_contacts.group_wo_contacts_author")
        cls.wo_grant("wo_service.group_wo_service_reader")
        Page = cls.env["document.page"]
        # kinds and words of their own: the demo FAQ may be there too
        Kind = cls.env["wo.contact.kind"]
        cls.call = Kind.create({"name": "Hotline call"})
        cls.meeting = Kind.create({"name": "Audit meeting"})
        cls.assignment = cls.env["wo.task.kind"].create(
            {
                "name": "Hotline assignment",
                "cycle_id": cls.env.ref("wo_tasks.wo_task_kind_assignment").cycle_id.id,
            }
        )
        cls.category = Page.create({"name": "Test FAQ", "type": "category"})

        def page(name, content, **vals):
            return Page.create(
                {"name": name, "content": content, "parent_id": cls.category.id, **vals}
            )

        cls.vat = page(
            "When is the zorblax return due?",
            "<p>By the <b>20th</b> of the next month.</p>",
            wo_contact_kind_ids=[Command.link(cls.call.id)],
        )
        cls.documents = page(
            "Monthly quibbleforms",
            "<p>Send the quibbleforms and frobnicate statements by the fifth.</p>",
            wo_task_kind_ids=[Command.link(cls.assignment.id)],
        )
        cls.unrelated = page("Wobbleparking", "<p>Visitors wobblepark behind the building.</p>")
        cls.draft = page("Quibbleforms in a foreign currency?", "<p>?</p>", wo_draft=True)
        cls.other_company = page(
            "Quibbleforms of the second company",
            "<p>Quibbleforms are booked in Warsaw.</p>",
            company_id=cls.company_2.id,
        )
        cls.acme.email = "office@acme.example.com"
        # the levels' users read the contact journal where questions come in
        contacts_reader = cls.env.ref("wo_crm_contacts.group_wo_contacts_reader")
        for user in cls.levels.values():
            user.group_ids = [Command.link(contacts_reader.id)]

    def entry(self, subject, kind=None, **vals):
        return (
            self.env["wo.contact.entry"]
            .with_user(self.user_employee)
            .create(
                {
                    "subject": subject,
                    "kind_id": (kind or self.call).id,
                    "partner_id": self.acme.id,
                    **vals,
                }
            )
        )

    def test_search_text_follows_the_content(self):
        self.assertEqual(self.vat.wo_search_text.strip(), "By the *20th* of the next month.")
        self.vat.write({"content": "<p>By the twentieth.</p>", "draft_name": "2"})
        self.assertEqual(self.vat.wo_search_text.strip(), "By the twentieth.")
        self.assertEqual(len(self.vat.history_ids), 2, "OCA's history kept")

    def test_question_words(self):
        self.assertEqual(
            question_words("Re: When is the VAT return, vat & 20th; коли декларація з ПДВ?"),
            ["return", "20th", "декларація"],
        )
        self.assertEqual(question_words("a & b | ! :*"), [], "nothing of the query language")

    def test_suggested_by_kind_then_words(self):
        entry = self.entry("Do you need the frobnicate papers?")
        # the call's page first, then the page with the words; never a draft
        self.assertEqual(entry.wo_knowledge_page_ids, self.vat | self.documents)
        self.assertEqual(entry.wo_knowledge_page_ids[0], self.vat)
        meeting = self.entry("Quibbleforms, papers", kind=self.meeting)
        self.assertEqual(meeting.wo_knowledge_page_ids, self.documents)
        # a word's beginning matches, titles too
        self.assertEqual(
            self.entry("wobblepar", kind=self.meeting).wo_knowledge_page_ids, self.unrelated
        )
        self.assertFalse(self.entry("Nothing known", kind=self.meeting).wo_knowledge_page_ids)

    def test_suggested_on_assignments_and_threads(self):
        task = self.env["wo.task"].create(
            {
                "subject": "Wobbleparking for the auditors",
                "kind_id": self.assignment.id,
                "executor_ids": [Command.create({"user_id": self.user_employee.id})],
            }
        )
        self.assertEqual(task.wo_knowledge_page_ids, self.documents | self.unrelated)
        self.assertEqual(task.wo_knowledge_page_ids[0], self.documents, "the kind's page first")
        entry = self.entry("Anything", kind=self.meeting)
        thread = self.env["wo.contact.thread"].create(
            {"name": "Audit 2026", "partner_id": self.acme.id}
        )
        entry.thread_id = thread
        self.unrelated.wo_thread_ids = thread
        entry.invalidate_recordset(["wo_knowledge_page_ids"])
        self.assertEqual(entry.wo_knowledge_page_ids, self.unrelated)

    def test_suggestions_follow_the_readers_rights(self):
        entry = self.entry("Quibbleforms")
        self.assertNotIn(self.other_company, entry.wo_knowledge_page_ids, "another company's page")
        second = (
            self.env["document.page"].with_user(self.user_company_2)._wo_suggest("Quibbleforms")
        )
        self.assertEqual(second, self.other_company)
        nobody = self.env["document.page"].with_user(self.user_no_wo)._wo_suggest("Quibbleforms")
        self.assertFalse(nobody, "no WO Service level: no knowledge")

    def test_the_index_answers_the_search(self):
        query = self.env["document.page"]._wo_fts_query(
            ["quibbleforms"], [("type", "=", "content")]
        )
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn(FTS_INDEX, plan)

    def test_suggestions_cost(self):
        """Opening a question's form: the entry, the pages of its kind, the
        full-text query, the pages' names; whatever the number of pages."""
        user = self.user_employee
        self.entry("A first question warms the caches").wo_knowledge_page_ids.mapped("name")
        entry = self.entry("Do you need the frobnicate papers?").with_user(user)
        self.env.invalidate_all()
        entry.wo_knowledge_page_ids.mapped("name")  # the user's rules, once
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            entry.wo_knowledge_page_ids.mapped("name")

    def test_levels(self):
        reader, editor, author, manager = (
            self.levels[level] for level in ("reader", "editor", "author", "manager")
        )
        Page = self.env["document.page"]
        self.assertEqual(self.vat.with_user(reader).name, "When is the zorblax return due?")
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
            self.vat.with_user(reader).write({"content": "<p>Changed</p>"})
        self.vat.with_user(editor).write({"content": "<p>By the 20th.</p>", "draft_name": "2"})
        self.assertEqual(self.vat.content, "<p>By the 20th.</p>")
        with self.assertRaises(AccessError):
            Page.with_user(editor).create({"name": "New", "parent_id": self.category.id})
        page = Page.with_user(author).create({"name": "New", "parent_id": self.category.id})
        with self.assertRaises(AccessError):
            page.with_user(author).unlink()
        page.with_user(manager).unlink()
        self.assertFalse(page.exists())
        with self.assertRaises(AccessError):
            self.vat.with_user(self.user_no_wo).read(["name"])
        with self.assertRaises(AccessError):
            self.vat.with_user(self.user_portal).read(["name"])

    def test_send_a_page_to_the_counterparty(self):
        entry = self.entry("Zorblax deadline")
        action = (
            self.vat.with_user(self.user_employee)
            .with_context(wo_knowledge_model="wo.contact.entry", wo_knowledge_res_id=entry.id)
            .action_wo_send()
        )
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        ).save()
        composer._action_send_mail()
        message = entry.message_ids[0]
        self.assertEqual(message.subject, "When is the zorblax return due?")
        self.assertIn("20th", message.body)
        self.assertEqual(message.partner_ids, self.acme)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.recipient_ids, self.acme)

    def test_send_refused(self):
        entry = self.entry("Zorblax deadline")
        page = self.vat.with_user(self.user_employee)
        count = self.env["mail.message"].search_count([])
        with self.assertRaisesRegex(UserError, "from a contact entry or an assignment"):
            page.with_context(
                wo_knowledge_model="res.users", wo_knowledge_res_id=1
            ).action_wo_send()
        with self.assertRaisesRegex(UserError, "from a contact entry or an assignment"):
            page.action_wo_send()
        with self.assertRaisesRegex(UserError, "no longer exists"):
            page.with_context(
                wo_knowledge_model="wo.contact.entry", wo_knowledge_res_id=entry.id + 10**6
            ).action_wo_send()
        self.acme.email = False
        with self.assertRaisesRegex(UserError, "Acme Supplies has no e-mail address"):
            page.with_context(
                wo_knowledge_model="wo.contact.entry", wo_knowledge_res_id=entry.id
            ).action_wo_send()
        # someone who may not read the entry sends nothing from it
        hidden = (
            self.env["wo.contact.entry"]
            .sudo()
            .create(
                {
                    "subject": "Private",
                    "kind_id": self.call.id,
                    "partner_id": self.acme.id,
                    "user_id": self.user_head.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            self.vat.with_user(self.user_no_wo).with_context(
                wo_knowledge_model="wo.contact.entry", wo_knowledge_res_id=hidden.id
            ).action_wo_send()
        self.assertEqual(self.env["mail.message"].search_count([]), count)

    def test_a_question_without_answer_becomes_a_draft(self):
        # the employee who took the call is an author of the knowledge base
        author = self.user_employee
        author.group_ids = [Command.link(self.env.ref("wo_service.group_wo_service_author").id)]
        entry = self.entry(
            "Do you book cryptoblorb?", description="<p>A client asks about cryptoblorb.</p>"
        )
        action = entry.with_user(author).action_wo_knowledge_draft()
        page = self.env["document.page"].browse(action["res_id"])
        self.assertTrue(page.wo_draft)
        self.assertEqual(page.name, "Do you book cryptoblorb?")
        self.assertEqual(page.wo_contact_kind_ids, self.call)
        self.assertEqual(
            page.parent_id, self.env.ref("wo_service.document_page_category_questions")
        )
        self.assertIn("cryptoblorb", page.content)
        self.assertIn(entry.subject, page.message_ids[0].body)
        self.assertNotIn(
            page, self.entry("cryptoblorb").wo_knowledge_page_ids, "drafts not suggested"
        )
        # twice: refused; a reader: refused; nothing written
        count = self.env["document.page"].search_count([])
        with self.assertRaisesRegex(UserError, "already waiting for its answer"):
            entry.with_user(author).action_wo_knowledge_draft()
        with self.assertRaisesRegex(UserError, "Author or Manager drafts pages"):
            self.entry("Other question").with_user(self.user_accountant).action_wo_knowledge_draft()
        self.assertEqual(self.env["document.page"].search_count([]), count)
        # answered: suggested from then on
        page.write({"wo_draft": False, "content": "<p>No, we do not book cryptoblorb.</p>"})
        self.assertIn(page, self.entry("cryptoblorb").wo_knowledge_page_ids)
