from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WoRecordsCommon


@tagged("post_install", "-at_install")
class TestPlan(WoRecordsCommon):
    """The file plan: cases with unique indexes and retention no shorter
    than their article's; copied to the next year; kept by the archivist."""

    def test_case_index_unique_in_its_plan(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.make_case("02-07", "Again")
        # the same index in another year's plan is the rule, not an error
        _plan, cases = self.old_plan(1, ("02-07", "Letters", 5))
        self.assertEqual(cases.index, "02-07")

    def test_case_needs_an_index(self):
        with self.assertRaisesRegex(ValidationError, "needs its index"):
            self.make_case("  ", "No index")
        self.assertFalse(self.Case.search([("title", "=", "No index")]))

    def test_retention_never_shorter_than_the_article(self):
        with self.assertRaisesRegex(ValidationError, "less than article 327"):
            self.make_case(
                "02-09", "Short", article_id=self.article_contracts.id, retention_years=2
            )
        self.assertFalse(self.Case.search([("index", "=", "02-09")]))
        with self.assertRaisesRegex(ValidationError, "less than article 16a"):
            self.make_case(
                "02-10",
                "Orders",
                article_id=self.article_orders.id,
                retention="years",
                retention_years=50,
            )
        with self.assertRaisesRegex(ValidationError, "at least one year"):
            self.make_case("02-11", "Zero", retention="years", retention_years=0)
        self.assertFalse(self.Case.search([("index", "=", "02-11")]))
        with self.assertRaisesRegex(ValidationError, "less than article"):
            self.case_contracts.retention_years = 1
        self.assertEqual(self.case_contracts.retention_years, 3)
        # longer, or permanent, is fine; the article gives its period
        longer = self.make_case(
            "02-12", "Long", article_id=self.article_contracts.id, retention_years=10
        )
        self.assertEqual(longer.retention_years, 10)
        case = self.Case.create(
            {
                "plan_id": self.plan.id,
                "index": "02-13",
                "title": "T",
                "article_id": self.article_orders.id,
            }
        )
        self.assertEqual(case.retention, "permanent")

    def test_section_of_another_plan_refused(self):
        plan = self.Plan.create({"year": self.year - 2})
        with self.assertRaisesRegex(ValidationError, "another file plan"):
            self.make_case("05-01", "Wrong", self.section_legal, plan=self.Plan.browse(plan.id))

    def test_one_plan_a_year(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Plan.create({"year": self.year})
        with self.assertRaisesRegex(ValidationError, "is a year"):
            self.Plan.create({"year": 26})

    def test_copy_to_next_year(self):
        self.case_letters.note = "Scans only"
        action = self.plan.with_user(self.user_archivist).action_copy_next_year()
        new = self.Plan.browse(action["res_id"])
        self.assertEqual(new.year, self.year + 1)
        self.assertEqual(new.state, "draft")
        self.assertEqual(
            sorted(new.case_ids.mapped("index")), sorted(self.plan.case_ids.mapped("index"))
        )
        copied = new.case_ids.filtered(lambda c: c.index == "04-01")
        self.assertEqual(copied.article_id, self.article_contracts)
        self.assertEqual(copied.section_id.plan_id, new)
        self.assertEqual(copied.department_id, self.dep_contracts)
        self.assertEqual(copied.date_open.isoformat(), f"{self.year + 1}-01-01")
        self.assertEqual(copied.state, "open")
        self.assertEqual(new.case_ids.filtered(lambda c: c.index == "02-07").note, "Scans only")
        self.assertEqual(len(new.section_ids), 3)
        with self.assertRaisesRegex(UserError, "already has a file plan"):
            self.plan.with_user(self.user_archivist).action_copy_next_year()

    def test_summary_of_the_year(self):
        self.make_case("01-01", "Orders", article_id=self.article_orders.id)
        self.case_accounting.with_user(self.user_archivist).action_close()
        self.assertEqual(self.plan.case_count, 4)
        self.assertEqual(self.plan.case_permanent_count, 1)
        self.assertEqual(self.plan.case_temporary_count, 3)
        self.assertEqual(self.plan.case_closed_count, 1)
        self.assertEqual(self.plan.case_open_count, 3)

    def test_only_the_archivist_keeps_the_plan(self):
        employee = self.user_employee
        self.assertEqual(self.plan.with_user(employee).year, self.year)
        self.assertTrue(self.case_letters.with_user(employee).title)
        with self.assertRaises(AccessError):
            self.plan.with_user(employee).write({"user_id": employee.id})
        with self.assertRaises(AccessError):
            self.Case.with_user(employee).create(
                {"plan_id": self.plan.id, "index": "99", "title": "Mine", "retention_years": 1}
            )
        with self.assertRaisesRegex(UserError, "Only an archivist"):
            self.plan.with_user(employee).action_copy_next_year()
        with self.assertRaisesRegex(UserError, "Only an archivist"):
            self.case_letters.with_user(self.user_director).action_close()
        self.assertEqual(self.case_letters.state, "open")
        # the archivist does
        case = self.Case.with_user(self.user_archivist).create(
            {"plan_id": self.plan.id, "index": "99", "title": "Mine", "retention_years": 2}
        )
        self.assertEqual(case.retention, "years")
        with self.assertRaisesRegex(ValidationError, "give its retention"):
            self.Case.create({"plan_id": self.plan.id, "index": "98", "title": "None"})

    def test_other_company_sees_nothing(self):
        self.assertFalse(
            self.Plan.with_user(self.user_company_2).search([("id", "=", self.plan.id)])
        )
        with self.assertRaises(AccessError):
            self.case_letters.with_user(self.user_company_2).read(["title"])

    def test_plan_in_force_needs_cases_and_is_kept(self):
        empty = self.Plan.create({"year": self.year + 2})
        with self.assertRaisesRegex(UserError, "has no case"):
            empty.with_user(self.user_archivist).action_approve()
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            self.plan.unlink()
        empty.unlink()
        self.assertFalse(empty.exists())

    def test_what_was_filed_keeps_its_plan_year_and_company(self):
        letter = self.registered()
        self.assertEqual(letter.records_case_id, self.case_letters)
        other = self.Plan.create({"year": self.year + 3})
        with self.assertRaisesRegex(UserError, "keeps its year and its company"):
            self.plan.with_user(self.user_archivist).year = self.year + 4
        with self.assertRaisesRegex(UserError, "keeps its year and its company"):
            self.plan.company_id = self.company_2
        with self.assertRaisesRegex(UserError, "stays in its file plan and company"):
            self.case_letters.plan_id = other
        self.assertEqual(self.plan.year, self.year)
        self.assertEqual(self.case_letters.plan_id, self.plan)
        # a draft plan is still being written
        other.year = self.year + 4
        self.assertEqual(other.year, self.year + 4)
