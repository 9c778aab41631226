from odoo.tests import tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestTaskScreens(WoTasksCommon):
    """What My Incoming and the kanban show."""

    def test_draft_is_not_incoming(self):
        """A draft is nobody's to do until it is assigned: it is not in the
        executor's My Incoming, and it is once assigned."""
        draft = self.make_task(self.user_employee, assign=False)
        Task = self.Task.with_user(self.user_employee)
        incoming = [("direction", "=", "incoming")]
        self.assertNotIn(draft, Task.search(incoming))
        self.assertFalse(draft.with_user(self.user_employee).direction)
        draft.with_user(self.user_head).action_assign()
        self.assertIn(draft, Task.search(incoming))
        draft.invalidate_recordset(["direction"])
        self.assertEqual(draft.with_user(self.user_employee).direction, "incoming")

    def test_kanban_opens_on_work_not_an_empty_draft_column(self):
        """The kanban by state (a phone's first screen) shows every state of
        the cycle but an empty Draft; Draft shows, first, when it has drafts."""
        task = self.make_task(self.user_employee)
        Task = self.Task.with_user(self.user_head).with_context(read_group_expand=True)
        domain = [("id", "=", task.id)]

        def columns():
            groups = Task.web_read_group(domain, ["state_id"], ["__count"])["groups"]
            return [group["state_id"][0] for group in groups]

        draft = self.env.ref("wo_tasks.wo_task_state_draft")
        assigned = self.env.ref("wo_tasks.wo_task_state_assigned")
        self.assertNotIn(draft.id, columns())
        self.assertEqual(columns()[0], assigned.id)
        domain = [("id", "in", (task | self.make_task(self.user_employee, assign=False)).ids)]
        self.assertEqual(columns()[:2], [draft.id, assigned.id])
