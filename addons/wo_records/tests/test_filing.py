from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoRecordsCommon


@tagged("post_install", "-at_install")
class TestFiling(WoRecordsCommon):
    """Documents and letters go into cases: by default at registration, by
    hand into an open case of their company and department."""

    def test_letter_filed_by_its_journal_at_registration(self):
        letter = self.registered()
        self.assertEqual(letter.records_case_id, self.case_letters)
        self.assertEqual(self.case_letters.record_count, 1)

    def test_kind_case_goes_before_the_journal(self):
        self.kind_claim.records_case_id = self.case_accounting
        letter = self.registered(kind_id=self.kind_claim.id)
        self.assertEqual(letter.records_case_id, self.case_accounting)

    def test_default_case_of_last_year_finds_this_years(self):
        _plan, (old,) = self.old_plan(1, ("02-07", "Letters", 5))
        self.journal_in.records_case_id = old
        letter = self.registered()
        self.assertEqual(letter.records_case_id, self.case_letters, "same index, this year")

    def test_case_required_at_registration(self):
        self.journal_in.write({"records_case_id": False, "records_case_required": True})
        letter = self.letter()
        with self.assertRaisesRegex(UserError, "choose its case first"):
            letter.with_user(self.user_registrar).action_register()
        self.assertFalse(letter.name, "nothing was registered")
        self.assertFalse(letter.records_case_id)
        letter.with_user(self.user_registrar).records_case_id = self.case_letters
        letter.with_user(self.user_registrar).action_register()
        self.assertTrue(letter.name)

    def test_document_filed_by_its_type(self):
        self.contract_type.records_case_id = self.case_contracts
        document = self.draft()
        document.with_user(self.user_employee).action_register()
        self.assertEqual(document.records_case_id, self.case_contracts)

    def test_document_type_requires_a_case(self):
        self.contract_type.write({"records_case_id": False, "records_case_required": True})
        document = self.draft()
        with self.assertRaisesRegex(UserError, "choose its case first"):
            document.with_user(self.user_employee).action_register()
        self.assertFalse(document.name)

    def test_closed_case_accepts_nothing(self):
        self.case_contracts.with_user(self.user_archivist).action_close()
        document = self.draft()
        with self.assertRaisesRegex(UserError, "is closed: it accepts no record"):
            document.with_user(self.user_employee).records_case_id = self.case_contracts
        self.assertFalse(document.records_case_id)
        # and what is in a closed case stays there
        letter = self.registered()
        self.case_letters.with_user(self.user_archivist).action_close()
        with self.assertRaisesRegex(UserError, "which is closed: it stays there"):
            letter.with_user(self.user_archivist).records_case_id = self.case_accounting
        self.assertEqual(letter.records_case_id, self.case_letters)

    def test_what_a_closed_case_holds_is_not_deleted(self):
        document, other = self.draft(), self.draft()
        (document | other).with_user(self.user_employee).records_case_id = self.case_contracts
        # a draft filed into an open case goes as before
        other.sudo().unlink()
        self.assertFalse(other.exists())
        self.case_contracts.with_user(self.user_archivist).action_close()
        with self.assertRaisesRegex(UserError, "which is closed: it cannot be deleted"):
            document.sudo().unlink()
        self.assertTrue(document.exists())

    def test_filing_many_at_once_costs_as_filing_one(self):
        """The case is locked, read and checked against the user's
        departments once for all the records filed into it."""

        def cost(count):
            documents = self.Document.browse([self.draft().id for _ in range(count)])
            documents = documents.with_user(self.user_employee)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            documents.records_case_id = self.case_contracts
            self.env.flush_all()
            self.assertEqual(documents.records_case_id, self.case_contracts)
            return self.env.cr.sql_log_count - before

        cost(1)  # the user's rules, once
        self.assertEqual(cost(20), cost(2))

    def test_another_companys_case_refused(self):
        plan_2 = self.Plan.create({"year": self.year, "company_id": self.company_2.id})
        case_2 = self.make_case("01", "Second company", plan=plan_2)
        document = self.draft()
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            document.with_user(self.user_archivist).records_case_id = case_2
        self.assertFalse(document.records_case_id)

    def test_files_into_the_cases_of_their_department(self):
        document = self.draft()
        # Contracts' employee: Contracts' case yes, Accounting's no
        with self.assertRaisesRegex(UserError, "cases of your department"):
            document.with_user(self.user_employee).records_case_id = self.case_accounting
        self.assertFalse(document.records_case_id)
        document.with_user(self.user_employee).records_case_id = self.case_contracts
        self.assertEqual(document.records_case_id, self.case_contracts)
        # the head of Legal files into the cases of Legal and below
        other = self.draft(user=self.user_head)
        other.with_user(self.user_head).records_case_id = self.case_contracts
        self.assertEqual(other.records_case_id, self.case_contracts)
        # the archivist anywhere
        other.with_user(self.user_archivist).records_case_id = self.case_accounting
        self.assertEqual(other.records_case_id, self.case_accounting)

    def test_filing_is_tracked(self):
        document = self.draft().with_context(tracking_disable=False, mail_notrack=False)
        # filed in a later request: Odoo tracks no change of a record in the
        # transaction that made it
        self.env.cr.precommit.data.pop("mail.tracking.wo.document", None)
        document.with_user(self.user_employee).records_case_id = self.case_contracts
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        values = document.sudo().message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "records_case_id"
        )
        self.assertEqual(len(values), 1)

    def test_legal_hold_by_archivist_or_director(self):
        document = self.draft()
        with self.assertRaisesRegex(UserError, "legal hold"):
            document.with_user(self.user_employee).records_legal_hold = True
        self.assertFalse(document.records_legal_hold)
        document.with_user(self.user_director).records_legal_hold = True
        self.assertTrue(document.records_legal_hold)

    def test_registration_with_filing_cost(self):
        letters = [self.letter() for _index in range(3)]
        letters[0].with_user(self.user_registrar).action_register()
        self.env.invalidate_all()
        # registration of one letter, filed by its journal's default case
        with self.assertQueryCount(__system__=29):
            letters[1].with_user(self.user_registrar).action_register()
        self.assertEqual(letters[1].records_case_id, self.case_letters)
        # and without a case to file into: the filing costs the difference
        self.journal_in.records_case_id = False
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            letters[2].with_user(self.user_registrar).action_register()
        self.assertFalse(letters[2].records_case_id)
