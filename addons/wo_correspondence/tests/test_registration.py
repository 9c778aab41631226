from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.wo_documents.tests.pki import first_page_stamp_text, make_pdf

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestRegistration(WoCorrespondenceCommon):
    def test_numbering_per_direction_and_year(self):
        first_in = self.registered("incoming")
        second_in = self.registered("incoming")
        first_out = self.registered("outgoing")
        first_int = self.registered("internal")
        self.assertEqual(first_in.name, f"TIN-{self.year}-00001")
        self.assertEqual(second_in.name, f"TIN-{self.year}-00002")
        self.assertEqual(first_out.name, f"TOUT-{self.year}-00001")
        self.assertEqual(first_int.name, f"TINT-{self.year}-00001")
        self.assertEqual(first_in.date_registration, date.today())
        self.assertEqual(first_in.registrar_id, self.user_registrar)
        self.assertEqual(first_in.state, "registered")

    def test_new_year_starts_at_one(self):
        # letters of last December registered now take last year's numbers;
        # the first letter of a year gets 00001 whatever came before
        self.registered("incoming")
        self.registered("incoming")
        last_year = date(self.year - 1, 12, 30)
        old = self.registered("incoming", date_registration=last_year, date_document=last_year)
        older = self.registered("incoming", date_registration=last_year, date_document=last_year)
        self.assertEqual(old.name, f"TIN-{self.year - 1}-00001")
        self.assertEqual(older.name, f"TIN-{self.year - 1}-00002")
        self.assertEqual(self.registered("incoming").name, f"TIN-{self.year}-00003")

    def test_numbers_per_company(self):
        company_3 = self.env["res.company"].create({"name": "WO Third Company"})
        journal = self.env["wo.correspondence.journal"].search(
            [("company_id", "=", company_3.id), ("direction", "=", "incoming")]
        )
        self.assertEqual(len(journal), 1, "a new company gets its journals")
        self.user_registrar.company_ids |= company_3
        letter = self.Letter.with_user(self.user_registrar).create(
            {
                "direction": "incoming",
                "company_id": company_3.id,
                "subject": "Hello",
                "partner_id": self.acme.id,
            }
        )
        self.assertEqual(letter.journal_id, journal)
        letter.with_user(self.user_registrar).with_company(company_3).action_register()
        self.assertEqual(letter.name, f"IN-{self.year}-00001")

    def test_number_never_typed_in_nor_changed(self):
        with self.assertRaisesRegex(UserError, "never typed in"):
            self.letter(name="TIN-2020-00001")
        letter = self.registered("incoming")
        with self.assertRaisesRegex(UserError, "never typed in"):
            letter.with_user(self.user_registrar).write({"name": "X"})
        with self.assertRaisesRegex(UserError, "never change"):
            letter.with_user(self.user_registrar).write({"direction": "outgoing"})
        self.assertEqual(letter.name, f"TIN-{self.year}-00001")
        self.assertEqual(letter.direction, "incoming")

    def test_registration_needs_sender_and_subject(self):
        no_sender = self.letter(partner_id=False)
        with self.assertRaisesRegex(UserError, "without the sender"):
            no_sender.action_register()
        self.assertFalse(no_sender.name)
        self.assertFalse(no_sender.date_registration)
        no_subject = self.letter(subject=False)
        with self.assertRaisesRegex(UserError, "without a subject"):
            no_subject.action_register()
        self.assertFalse(no_subject.name)
        internal = self.letter("internal", sender_user_id=False)
        with self.assertRaisesRegex(UserError, "without the sender"):
            internal.action_register()
        # nothing consumed: the next registered letter is the first
        self.assertEqual(self.registered("incoming").name, f"TIN-{self.year}-00001")

    def test_registration_dates(self):
        today = date.today()
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.letter(date_registration=today + timedelta(days=1))
        self.assertFalse(self.Letter.search([("subject", "=", "Delivery of 12 March")]))
        # the journal tolerates one day before the letter's own date
        self.letter(date_registration=today - timedelta(days=1), date_document=today)
        with self.assertRaisesRegex(ValidationError, "more than the journal allows"):
            self.letter(date_registration=today - timedelta(days=5), date_document=today)
        self.journal_in.date_tolerance_days = 10
        letter = self.letter(date_registration=today - timedelta(days=5), date_document=today)
        letter.action_register()
        self.assertEqual(letter.date_registration, today - timedelta(days=5))

    def test_negative_pages_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.letter(page_count=-1)
        letter = self.letter(page_count=3)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            letter.write({"enclosure_count": -2})
        self.assertEqual((letter.page_count, letter.enclosure_count), (3, 0))

    def test_kind_loop_refused(self):
        parent = self.env["wo.correspondence.kind"].create({"name": "Parent"})
        child = self.env["wo.correspondence.kind"].create({"name": "Child", "parent_id": parent.id})
        with self.assertRaisesRegex(ValidationError, "loop"):
            parent.parent_id = child
        self.assertFalse(parent.parent_id)
        self.assertEqual(child.complete_name, "Parent / Child")

    def test_notification_reaches_exactly_the_listed(self):
        listed = self.user_head | self.user_accountant | self.user_employee
        letter = self.letter(notify_user_ids=[(6, 0, listed.ids)])
        before = self.env["mail.message"].search([("model", "=", letter._name)])
        letter.action_register()
        message = self.env["mail.message"].search(
            [("model", "=", letter._name), ("res_id", "=", letter.id), ("id", "not in", before.ids)]
        )
        notified = message.notification_ids.res_partner_id
        self.assertEqual(notified, listed.partner_id)
        self.assertEqual(letter.activity_ids.user_id, listed)
        self.assertEqual(len(letter.activity_ids), 3)
        self.assertTrue(listed.partner_id <= letter.message_partner_ids)
        self.assertNotIn(self.user_outsider.partner_id, letter.message_partner_ids)
        # each notified user now reads the letter
        for user in listed:
            self.assertTrue(letter.with_user(user).subject)

    def test_notify_only_who_may_read(self):
        letter = self.letter(notify_user_ids=[(6, 0, self.user_no_wo.ids)])
        with self.assertRaisesRegex(UserError, "cannot read correspondence"):
            letter.action_register()
        self.assertFalse(letter.name)

    def test_registered_fields_registry_office_only(self):
        letter = self.registered("incoming")
        letter.with_user(self.user_head).write({"priority": "3"})
        with self.assertRaisesRegex(UserError, "only the registry office corrects"):
            letter.with_user(self.user_head).write({"subject": "Changed"})
        self.assertEqual(letter.subject, "Delivery of 12 March")
        letter.with_user(self.user_registrar).write({"subject": "Delivery of 13 March"})
        self.assertEqual(letter.subject, "Delivery of 13 March")

    def test_only_registry_office_registers(self):
        letter = self.letter(user=self.user_employee)
        with self.assertRaisesRegex(UserError, "Only the registry office"):
            letter.with_user(self.user_employee).action_register()
        self.assertFalse(letter.name)
        with self.assertRaisesRegex(UserError, "already registered"):
            self.registered("incoming").action_register()

    def test_registered_never_deleted_archive_works(self):
        draft = self.letter(user=self.levels["manager"])
        draft.with_user(self.levels["manager"]).unlink()
        self.assertFalse(draft.exists())
        letter = self.registered("incoming")
        with self.assertRaisesRegex(UserError, "never deleted"):
            letter.with_user(self.levels["manager"]).unlink()
        self.assertTrue(letter.exists())
        letter.with_user(self.user_registrar).action_archive()
        self.assertFalse(letter.active)
        self.assertNotIn(letter, self.Letter.search([("journal_id", "=", self.journal_in.id)]))
        archived = self.Letter.with_context(active_test=False).search(
            [("journal_id", "=", self.journal_in.id), ("active", "=", False)]
        )
        self.assertEqual(archived, letter)
        letter.with_user(self.user_registrar).action_unarchive()
        self.assertTrue(letter.active)
        self.assertEqual(letter.name, f"TIN-{self.year}-00001")

    def test_bulk_archive_by_kind_and_date(self):
        subkind = self.env["wo.correspondence.kind"].create(
            {"name": "Sub-claim", "parent_id": self.kind_claim.id}
        )
        old_claim = self.registered("incoming", kind_id=subkind.id)
        info = self.registered("incoming", kind_id=self.kind_information.id)
        open_claim = self.registered("incoming", kind_id=self.kind_claim.id, answer_required=True)
        wizard = (
            self.env["wo.correspondence.archive"]
            .with_user(self.user_registrar)
            .create(
                {
                    "kind_ids": [(6, 0, self.kind_claim.ids)],
                    "journal_id": self.journal_in.id,
                    "date_to": date.today(),
                }
            )
        )
        self.assertEqual(wizard.letter_count, 1, "the open claim waits for its answer")
        wizard.action_archive()
        self.assertFalse(old_claim.active)
        self.assertTrue(info.active)
        self.assertTrue(open_claim.active)
        empty = (
            self.env["wo.correspondence.archive"]
            .with_user(self.user_registrar)
            .create({"date_to": date(2000, 1, 1)})
        )
        with self.assertRaisesRegex(UserError, "nothing archived"):
            empty.action_archive()

    def test_kind_sets_answer_due(self):
        letter = self.registered("incoming", kind_id=self.kind_claim.id)
        self.assertTrue(letter.answer_required)
        self.assertEqual(letter.date_answer_due, date.today() + timedelta(days=30))
        self.assertEqual(letter.answer_state, "due")
        self.assertEqual(letter.state, "on_control")

    def test_reply_closes_answer_control(self):
        incoming = self.registered("incoming", kind_id=self.kind_claim.id)
        reply = self.letter("outgoing", reply_to_ids=[(6, 0, incoming.ids)])
        self.assertEqual(incoming.reply_ids, reply)
        self.assertEqual(incoming.answer_state, "due", "a draft reply answers nothing yet")
        reply.action_register()
        self.assertEqual(incoming.answer_state, "answered")
        self.assertEqual(incoming.state, "done")
        self.assertFalse(
            self.Letter.search([("id", "=", incoming.id), ("answer_state", "=", "due")])
        )
        self.assertEqual(incoming.reply_count, 1)
        self.assertEqual(reply.reply_count, 1)

    def test_reply_to_outgoing_refused(self):
        outgoing = self.registered("outgoing")
        with self.assertRaisesRegex(ValidationError, "is not one"):
            self.letter("outgoing", subject="Reply", reply_to_ids=[(6, 0, outgoing.ids)])
        self.assertFalse(self.Letter.search([("subject", "=", "Reply")]))
        incoming = self.registered("incoming")
        with self.assertRaisesRegex(ValidationError, "Only an outgoing letter answers"):
            self.letter("incoming", subject="Reply", reply_to_ids=[(6, 0, incoming.ids)])
        self.assertFalse(self.Letter.search([("subject", "=", "Reply")]))

    def test_answer_overdue_search(self):
        late = self.registered(
            "incoming",
            answer_required=True,
            date_answer_due=date.today() - timedelta(days=1),
        )
        on_time = self.registered("incoming", kind_id=self.kind_claim.id)
        self.assertTrue(late.is_answer_overdue)
        self.assertFalse(on_time.is_answer_overdue)
        found = self.Letter.search(
            [("journal_id", "=", self.journal_in.id), ("is_answer_overdue", "=", True)]
        )
        self.assertEqual(found, late)

    def test_answer_reminder_cron_once(self):
        letter = self.registered("incoming", kind_id=self.kind_claim.id)
        letter.date_answer_due = date.today() + timedelta(days=1)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for _run in range(2):
            with self.enter_registry_test_mode(), self.registry.cursor() as cr:
                self.Letter.with_env(self.env(cr=cr))._cron_remind_answers()
        letter.invalidate_recordset()
        reminders = letter.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.user_head)

    def test_partner_smart_button(self):
        self.registered("incoming")
        self.registered("outgoing", partner_id=self.acme_contact.id)
        self.assertEqual(self.acme.with_user(self.user_registrar).wo_correspondence_count, 2)
        action = self.acme.action_view_wo_correspondence()
        self.assertEqual(len(self.Letter.search(action["domain"])), 2)

    def test_corrections_are_tracked(self):
        letter = self.registered("incoming")
        self.env.flush_all()
        self.env.cr.precommit.run()  # what registration did without tracking is done
        letter.with_user(self.user_registrar).with_context(
            tracking_disable=False, mail_notrack=False
        ).write({"subject": "Delivery of 13 March"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", letter._name),
                ("mail_message_id.res_id", "=", letter.id),
            ]
        )
        self.assertEqual(values.mapped("old_value_char"), ["Delivery of 12 March"])
        self.assertEqual(values.mapped("new_value_char"), ["Delivery of 13 March"])

    def test_registration_stamp_per_journal(self):
        """A journal that stamps: number and date on the first page of the
        letter's PDF at registration, as an incremental update, the scan kept;
        a journal that does not, or a file that is no PDF: left as it was."""
        self.journal_in.stamp_registration = True

        def with_file(letter, raw, name):
            attachment = self.env["ir.attachment"].create(
                {"name": name, "raw": raw, "res_model": letter._name, "res_id": letter.id}
            )
            letter.with_user(self.user_registrar).message_main_attachment_id = attachment
            return attachment

        scan = make_pdf("Scanned claim", pages=2)
        letter = self.letter("incoming")
        original = with_file(letter, scan, "claim.pdf")
        letter.with_user(self.user_registrar).action_register()
        stamped = letter.message_main_attachment_id
        self.assertNotEqual(stamped, original)
        self.assertTrue(stamped.raw.startswith(scan), "an incremental update of the scan")
        self.assertEqual(original.raw, scan, "the scan kept among the attachments")
        self.assertIn(
            f"Reg. No. {letter.name} of {letter.date_registration}",
            first_page_stamp_text(stamped.raw),
        )
        self.assertIn(stamped, letter.message_ids.attachment_ids)

        plain = self.letter("outgoing")  # its journal does not stamp
        kept = with_file(plain, scan, "offer.pdf")
        plain.with_user(self.user_registrar).action_register()
        self.assertEqual(plain.message_main_attachment_id, kept)
        self.assertEqual(first_page_stamp_text(kept.raw), "")

        text_file = self.letter("incoming")
        note = with_file(text_file, b"Not a PDF", "note.txt")
        text_file.with_user(self.user_registrar).action_register()
        self.assertEqual(text_file.message_main_attachment_id, note)
        self.assertEqual(note.raw, b"Not a PDF")


@tagged("post_install", "-at_install")
class TestKanbanColumns(WoCorrespondenceCommon):
    def test_columns_in_the_order_of_the_work(self):
        """By state, as the kanban opens: registered first (a phone opens on
        the first column), Draft only when there are drafts."""
        letter = self.letter()
        Letter = self.env["wo.correspondence"].with_context(read_group_expand=True)

        def columns(domain):
            groups = Letter.web_read_group(domain, ["state"], ["__count"])["groups"]
            return [group["state"] for group in groups]

        self.assertEqual(columns([("id", "=", letter.id)])[:2], ["draft", "registered"])
        self.assertEqual(columns([("id", "=", 0)]), ["registered", "on_control", "done"])
