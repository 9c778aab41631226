from odoo import models

from odoo.addons.wo_staff.tools import TRUSTED, trusted


class WoTask(models.Model):
    _name = "wo.task"
    _inherit = ["wo.task", "wo.service.knowledge.mixin"]

    _wo_knowledge_kind_field = "wo_task_kind_ids"

    def write(self, vals):
        result = super().write(vals)
        if "state_id" in vals and not trusted(self.env, "wo_service_generating"):
            served = self.filtered(lambda task: task.res_model == "wo.service.client")
            if served:
                runs = self.env["wo.service.run"].sudo().search([("task_id", "in", served.ids)])
                for run in runs:
                    run.state_code = run.task_id.state_code
        return result

    def _on_reported(self):
        # a step reported: the steps of the same client and period that
        # wait for it start
        result = super()._on_reported()
        if self.res_model != "wo.service.client":
            return result
        waiting = (
            self.env["wo.service.run"]
            .sudo()
            .search([("wait_run_id.task_id", "=", self.id), ("task_id.state_code", "=", "draft")])
        )
        for task in waiting.task_id:
            task.with_context(wo_task_engine=TRUSTED).action_assign()
        return result
