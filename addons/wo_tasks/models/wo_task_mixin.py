from odoo import api, fields, models
from odoo.fields import Domain


class WoTaskMixin(models.AbstractModel):
    """Tasks on any record: a "Tasks" smart button, a tab with the record's
    assignments, and one action to give an assignment about the record.

    Add ``wo.task.mixin`` to ``_inherit`` and, in the form view, the button
    ``action_view_wo_tasks`` with ``wo_task_count`` (see res.partner)."""

    _name = "wo.task.mixin"
    _description = "Assignments on a Record"

    wo_task_ids = fields.One2many("wo.task", compute="_compute_wo_task_ids", string="Assignments")
    wo_task_count = fields.Integer(compute="_compute_wo_task_ids", string="Assignment Count")

    def _wo_task_search_domain(self):
        """The assignments of the records of ``self``."""
        return Domain("res_model", "=", self._name) & Domain("res_id", "in", self.ids)

    def _wo_task_owners(self, task):
        """The records of ``self`` an assignment belongs to."""
        return self.filtered(
            lambda record: task.res_model == self._name and task.res_id == record.id
        )

    @api.depends_context("uid")
    def _compute_wo_task_ids(self):
        tasks = self.env["wo.task"].search(self._wo_task_search_domain())
        by_record = {record.id: self.env["wo.task"] for record in self}
        for task in tasks:
            for owner in self._wo_task_owners(task):
                by_record[owner.id] |= task
        for record in self:
            record.wo_task_ids = by_record[record.id]
            record.wo_task_count = len(by_record[record.id])

    def _wo_task_defaults(self):
        self.ensure_one()
        defaults = {
            "default_res_model": self._name,
            "default_res_id": self.id,
            "default_subject": self.display_name,
        }
        if (
            "partner_id" in self._fields
            and self._fields["partner_id"].comodel_name == "res.partner"
        ):
            defaults["default_partner_id"] = self.partner_id.id
        return defaults

    def action_view_wo_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_tasks.wo_task_action_all")
        action.update(
            domain=list(self._wo_task_search_domain()),
            context=self._wo_task_defaults(),
        )
        return action

    def action_create_wo_task(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "wo.task",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": self._wo_task_defaults(),
        }
