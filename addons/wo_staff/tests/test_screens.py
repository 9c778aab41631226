"""What the web client asks of WO's views, asked on the server: a kanban
grouped as it opens, a calendar's range, a department list for a plain user.
Each of these once failed in the web client only (an "Oops!" screen)."""

from lxml import etree

from odoo.tests import tagged

from .common import WoCommon


def wo_views(env, view_type):
    """The primary views of ``view_type`` that WO addons define, with their
    model (every installed WO addon: in ``./wo test``, the whole suite)."""
    data = env["ir.model.data"].search(
        [("model", "=", "ir.ui.view"), ("module", "=like", "wo\\_%")]
    )
    views = env["ir.ui.view"].browse(data.mapped("res_id")).exists()
    return views.filtered(lambda v: v.type == view_type and v.mode == "primary")


@tagged("post_install", "-at_install")
class TestScreens(WoCommon):
    def test_every_grouped_kanban_opens(self):
        """A kanban grouped by default (the phone's first view) reads its
        groups as the web client does."""
        kanbans = wo_views(self.env, "kanban")
        self.assertTrue(kanbans)
        for view in kanbans:
            arch = etree.fromstring(view.arch)
            groupby = arch.get("default_group_by")
            if not groupby:
                continue
            with self.subTest(view=view.xml_id, groupby=groupby):
                model = self.env[view.model].with_user(self.user_director)
                # the kanban asks for its empty columns too
                result = model.with_context(read_group_expand=True).web_read_group(
                    [], [groupby], ["__count"], auto_unfold=True
                )
                self.assertIn("groups", result)

    def test_every_calendar_reads_its_range(self):
        """A calendar filters on its start and stop: both must be searchable."""
        calendars = wo_views(self.env, "calendar")
        self.assertTrue(calendars)
        for view in calendars:
            arch = etree.fromstring(view.arch)
            model = self.env[view.model].with_user(self.user_director)
            start = arch.get("date_start")
            stop = arch.get("date_stop") or start
            with self.subTest(view=view.xml_id):
                model.search_fetch(
                    [(start, "<=", "2030-01-01 00:00:00"), (stop, ">=", "2020-01-01 00:00:00")],
                    [start],
                )

    def test_departments_list_for_a_plain_user(self):
        """Staff -> Departments as a user without HR rights: the deputies
        column (a relation to private employees) reads."""
        self.env.invalidate_all()
        result = (
            self.env["hr.department"]
            .with_user(self.user_employee)
            .web_search_read(
                [("id", "=", self.dep_legal.id)],
                {
                    "display_name": {},
                    "manager_id": {"fields": {"display_name": {}}},
                    "wo_deputy_employee_ids": {"fields": {"display_name": {}}},
                },
            )
        )
        deputies = result["records"][0]["wo_deputy_employee_ids"]
        self.assertEqual(
            [d["display_name"] for d in deputies],
            [self.emp_deputy.name, self.emp_deputy_2.name],
        )

    def test_head_found_up_the_tree(self):
        """A department without a head is decided for by its parent's head; an
        author who heads their department asks the head above them."""
        self.assertEqual(self.dep_contracts._wo_head(), self.user_head)
        self.assertEqual(self.dep_legal._wo_head(), self.user_head)
        self.assertEqual(self.dep_legal._wo_head(exclude=self.user_head), self.user_director)
        self.assertFalse(self.dep_management._wo_head(exclude=self.user_director))
