from odoo import fields, models


class WoTask(models.Model):
    _inherit = "wo.task"

    def _wo_document_approval(self):
        """The document this assignment is the approval route of, if any."""
        self.ensure_one()
        if self.res_model != "wo.document" or not self.res_id:
            return self.env["wo.document"]
        document = self.env["wo.document"].sudo().browse(self.res_id).exists()
        return document if document.approval_task_id == self else self.env["wo.document"]

    def _on_reported(self):
        # every approver decided: the route is done and the document approved
        result = super()._on_reported()
        document = self._wo_document_approval()
        if document:
            self._set_state("done")
            self._engine().write({"date_done": fields.Datetime.now()})
            self._close_activities(self.activity_ids)
            document._on_approval_decided(True)
        return result


class WoTaskExecutor(models.Model):
    _inherit = "wo.task.executor"

    def _wo_record_decision(self, decision, remarks=None):
        for line in self:
            document = line.task_id._wo_document_approval()
            if not document:
                continue
            self.env["wo.document.approval"].sudo().create(
                {
                    "document_id": document.id,
                    "line_id": line.id,
                    "sequence": line.sequence,
                    "approver_id": line.user_id.id,
                    "decided_by_id": self.env.uid,
                    "decision": decision,
                    "remarks": remarks,
                    "date_deadline": line.date_deadline_effective,
                    "is_late": line.is_late,
                    "delay_reason_id": line.delay_reason_id.id,
                }
            )

    def action_report(self, result=None, progress=100.0, delay_reason_id=None, delay_comment=None):
        documents = self.task_id.filtered(lambda t: t._wo_document_approval())
        if not documents:
            return super().action_report(result, progress, delay_reason_id, delay_comment)
        # an approval: the report is the decision, recorded before the
        # engine goes on (the next step, or the document approved)
        decision = "remarks" if (result or "").strip() else "approved"
        lines = self.with_context(wo_document_decision=decision)
        return super(WoTaskExecutor, lines).action_report(
            result, 100.0, delay_reason_id, delay_comment
        )

    def write(self, vals):
        result = super().write(vals)
        decision = self.env.context.get("wo_document_decision")
        if decision and vals.get("state") == "reported":
            self._wo_record_decision(decision, vals.get("result"))
        return result

    def action_refuse(self, reason):
        approvals = self.filtered(lambda line: line.task_id._wo_document_approval())
        result = super().action_refuse(reason)
        for line in approvals:
            line._wo_record_decision("rejected", reason)
            document = line.task_id._wo_document_approval()
            # a rejection ends the route: the document goes back to draft
            task = line.task_id
            task._close_activities(task.activity_ids | line.decision_activity_id)
            task._set_state("cancelled")
            remaining = task.executor_ids.filtered(
                lambda l: l.state not in ("reported", "refused", "skipped")
            )
            task._close_activities(remaining.activity_id)
            remaining._engine().write({"state": "skipped"})
            document._on_approval_decided(False, reason)
        return result
