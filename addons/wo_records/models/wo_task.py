from odoo import fields, models
from odoo.exceptions import UserError


class WoTask(models.Model):
    _inherit = "wo.task"

    def _wo_records_act(self):
        """The act this assignment is the approval of, if any."""
        self.ensure_one()
        if self.res_model != "wo.records.act" or not self.res_id:
            return self.env["wo.records.act"]
        act = self.env["wo.records.act"].sudo().browse(self.res_id).exists()
        return act if act.approval_task_id == self else self.env["wo.records.act"]

    def _on_reported(self):
        # every member approved: the act is carried out
        act = self._wo_records_act()
        if act and self.executor_ids.filtered(lambda line: line.state == "skipped"):
            raise UserError(
                self.env._(
                    "Every member of the commission decides on %(act)s: a decision is "
                    "never skipped.",
                    act=act.name,
                )
            )
        if act and self.executor_ids.filtered(lambda line: line.state == "refused"):
            # every line closed, one refused: a rejection (action_refuse goes on)
            return None
        result = super()._on_reported()
        if not act:
            return result
        self._set_state("done")
        self._engine().write({"date_done": fields.Datetime.now()})
        self._close_activities(self.activity_ids)
        act._on_approved()
        return result


class WoTaskExecutor(models.Model):
    _inherit = "wo.task.executor"

    def write(self, vals):
        result = super().write(vals)
        decision = {"reported": "approved", "refused": "rejected"}.get(vals.get("state"))
        if decision:
            for line in self:
                act = line.task_id._wo_records_act()
                if act:
                    self.env["wo.records.act.decision"].sudo().create(
                        {
                            "act_id": act.id,
                            "line_id": line.id,
                            "approver_id": line.user_id.id,
                            "decided_by_id": self.env.uid,
                            "decision": decision,
                            "remarks": vals.get("result") or vals.get("refusal_reason"),
                        }
                    )
        return result

    def action_refuse(self, reason):
        acts = self.filtered(lambda line: line.task_id._wo_records_act())
        result = super().action_refuse(reason)
        for line in acts:
            task = line.task_id
            act = task._wo_records_act()
            # a rejection ends the approval: the act goes back to draft
            task._close_activities(task.activity_ids | line.decision_activity_id)
            task._set_state("cancelled")
            remaining = task.executor_ids.filtered(
                lambda other: other.state not in ("reported", "refused", "skipped")
            )
            task._close_activities(remaining.activity_id)
            remaining._engine().write({"state": "skipped"})
            act._on_rejected(reason)
        return result
