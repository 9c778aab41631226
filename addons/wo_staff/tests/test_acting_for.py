from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestActingFor(WoCommon):
    """Who acts for whom: deputies of heads and substitutes within their dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.Substitution = cls.env["wo.substitution"]
        # what the rules protect: the head's own absence, seen by who acts for them
        cls.head_absence = cls.Substitution.create(
            {
                "user_id": cls.user_head.id,
                "substitute_id": cls.user_accountant.id,
                "date_from": cls.today + timedelta(days=30),
                "date_to": cls.today + timedelta(days=40),
            }
        )

    def visible_to(self, user):
        return self.Substitution.with_user(user).search([("id", "=", self.head_absence.id)])

    def test_deputy_acts_for_head(self):
        self.assertTrue(self.user_deputy._wo_acts_for(self.user_head))
        self.assertTrue(self.user_deputy_2._wo_acts_for(self.user_head))
        self.assertEqual(self.user_deputy.wo_acting_for_ids, self.user_deputy | self.user_head)
        self.assertEqual(self.visible_to(self.user_deputy), self.head_absence)

    def test_non_deputy_does_not_act_for_head(self):
        for user in (self.user_employee, self.user_outsider, self.user_accountant):
            self.assertFalse(user._wo_acts_for(self.user_head), user.login)
        self.assertEqual(self.user_employee._wo_acting_for_user_ids(), [self.user_employee.id])
        self.assertFalse(self.visible_to(self.user_employee))
        self.assertFalse(self.visible_to(self.user_outsider))
        # the head does not act for the deputy: it goes one way
        self.assertFalse(self.user_head._wo_acts_for(self.user_deputy))

    def test_everyone_acts_for_themself(self):
        self.assertEqual(self.user_outsider.wo_acting_for_ids, self.user_outsider)

    def test_removing_deputy_revokes_in_same_transaction(self):
        self.assertEqual(self.visible_to(self.user_deputy), self.head_absence)
        self.dep_legal.wo_deputy_ids.filtered(
            lambda line: line.employee_id == self.emp_deputy
        ).unlink()
        self.assertFalse(self.user_deputy._wo_acts_for(self.user_head))
        self.assertEqual(self.user_deputy.wo_acting_for_ids, self.user_deputy)
        # the record rule's cached domain is gone with it
        self.assertFalse(self.visible_to(self.user_deputy))
        # the other deputy still stands in
        self.assertTrue(self.user_deputy_2._wo_acts_for(self.user_head))

    def test_new_head_is_acted_for_by_deputies(self):
        self.assertEqual(self.visible_to(self.user_deputy), self.head_absence)
        self.dep_legal.manager_id = self.emp_accountant
        self.assertTrue(self.user_deputy._wo_acts_for(self.user_accountant))
        self.assertFalse(self.user_deputy._wo_acts_for(self.user_head))
        self.assertFalse(self.visible_to(self.user_deputy))

    def test_archived_department_or_deputy_does_not_act(self):
        self.emp_deputy.action_archive()
        self.assertFalse(self.user_deputy._wo_acts_for(self.user_head))
        self.dep_legal.action_archive()
        self.assertFalse(self.user_deputy_2._wo_acts_for(self.user_head))

    def test_not_transitive(self):
        # the head of Legal is a deputy of the director; Legal's deputies are not
        self.dep_management.wo_deputy_ids = [(0, 0, {"employee_id": self.emp_head.id})]
        self.assertTrue(self.user_head._wo_acts_for(self.user_director))
        self.assertFalse(self.user_deputy._wo_acts_for(self.user_director))

    def test_substitution_acts_only_inside_its_dates(self):
        start = self.today + timedelta(days=10)
        end = self.today + timedelta(days=12)
        self.Substitution.create(
            {
                "user_id": self.user_accountant.id,
                "substitute_id": self.user_outsider.id,
                "date_from": start,
                "date_to": end,
            }
        )
        outsider = self.user_outsider
        self.assertFalse(outsider._wo_acts_for(self.user_accountant))
        self.assertFalse(outsider._wo_acts_for(self.user_accountant, start - timedelta(days=1)))
        self.assertTrue(outsider._wo_acts_for(self.user_accountant, start))
        self.assertTrue(outsider._wo_acts_for(self.user_accountant, end))
        self.assertFalse(outsider._wo_acts_for(self.user_accountant, end + timedelta(days=1)))
        # the accountant's absence is not the head's: no extra power
        self.assertFalse(outsider._wo_acts_for(self.user_head, start))

    def test_substitution_in_force_opens_the_rule(self):
        self.assertFalse(self.visible_to(self.user_outsider))
        substitution = self.Substitution.create(
            {
                "user_id": self.user_head.id,
                "substitute_id": self.user_outsider.id,
                "date_from": self.today,
                "date_to": self.today + timedelta(days=2),
            }
        )
        self.assertEqual(self.visible_to(self.user_outsider), self.head_absence)
        # ending it takes effect at once
        substitution.action_end()
        self.assertFalse(substitution.active)
        self.assertFalse(self.user_outsider._wo_acts_for(self.user_head))
        self.assertFalse(self.visible_to(self.user_outsider))

    def test_end_running_substitution_keeps_history(self):
        substitution = self.Substitution.create(
            {
                "user_id": self.user_head.id,
                "substitute_id": self.user_outsider.id,
                "date_from": self.today - timedelta(days=3),
                "date_to": self.today + timedelta(days=3),
            }
        )
        self.assertTrue(self.user_outsider._wo_acts_for(self.user_head))
        substitution.action_end()
        self.assertTrue(substitution.active)
        self.assertEqual(substitution.date_to, self.today - timedelta(days=1))
        self.assertEqual(substitution.state, "ended")
        self.assertFalse(self.user_outsider._wo_acts_for(self.user_head))

    def test_headed_departments_include_sub_departments(self):
        legal_tree = self.dep_legal | self.dep_contracts
        self.assertEqual(self.user_head.wo_headed_department_ids, legal_tree)
        # a deputy heads what the head heads
        self.assertEqual(self.user_deputy.wo_headed_department_ids, legal_tree)
        self.assertFalse(self.user_employee.wo_headed_department_ids)
        everything = self.dep_management | legal_tree | self.dep_accounting
        self.assertEqual(self.user_director.wo_headed_department_ids, everything)

    def test_acting_for_costs_one_query(self):
        users = self.user_deputy | self.user_employee | self.user_outsider
        users._wo_acting_for_map()  # warm-up
        with self.assertQueryCount(1):
            result = users._wo_acting_for_map()
        self.assertEqual(result[self.user_deputy.id], {self.user_deputy.id, self.user_head.id})

    def test_rule_cost_does_not_grow_with_records(self):
        for offset in range(50):
            self.Substitution.create(
                {
                    "user_id": self.user_head.id,
                    "substitute_id": self.user_accountant.id,
                    "date_from": date(2030, 1, 1) + timedelta(days=offset * 2),
                    "date_to": date(2030, 1, 1) + timedelta(days=offset * 2),
                }
            )
        Substitution = self.Substitution.with_user(self.user_deputy)
        Substitution.search([])  # warm-up: rule domain cached
        with self.assertQueryCount(1):
            found = Substitution.search([])
        self.assertEqual(len(found), 51)
