from datetime import timedelta

from odoo import Command, fields

from odoo.addons.wo_staff.tests.common import WoCommon


class WoTasksCommon(WoCommon):
    """WO's shared base, with every role user an Author of WO Tasks, one user
    per level, and a helper to give assignments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_tasks.group_wo_tasks_author")
        cls.levels = cls.wo_level_users("wo_tasks", "tasks")
        cls.today = fields.Date.context_today(cls.env["wo.task"])
        cls.kind_sequential = cls.env.ref("wo_tasks.wo_task_kind_assignment")
        cls.kind_parallel = cls.env.ref("wo_tasks.wo_task_kind_instruction")
        cls.kind_responsible = cls.env.ref("wo_tasks.wo_task_kind_team")
        cls.kind_relay = cls.env.ref("wo_tasks.wo_task_kind_relay")
        cls.Task = cls.env["wo.task"]

    @classmethod
    def make_task(cls, executors, kind=None, initiator=None, controller=None, assign=True, **vals):
        """An assignment given by ``initiator`` (default: the head) to
        ``executors`` in order, controlled by ``controller`` (default: the
        initiator); assigned unless ``assign`` is False."""
        initiator = initiator or cls.user_head
        values = {
            "subject": "Prepare the annual report",
            "kind_id": (kind or cls.kind_sequential).id,
            "initiator_id": initiator.id,
            "controller_id": (controller or initiator).id,
            "date_deadline": cls.today + timedelta(days=10),
            "executor_ids": [
                Command.create({"user_id": user.id, "sequence": index})
                for index, user in enumerate(executors)
            ],
        }
        values.update(vals)
        task = cls.Task.with_user(initiator).create(values)
        if assign:
            task.action_assign()
        return task.with_user(cls.env.user)

    def line_of(self, task, user):
        return task.executor_ids.filtered(lambda line: line.user_id == user)

    def states(self, task):
        task.invalidate_recordset()
        task.executor_ids.invalidate_recordset()
        return [line.state for line in task.executor_ids.sorted("sequence")]

    def activities_of(self, task, user):
        return task.activity_ids.filtered(lambda activity: activity.user_id == user)
