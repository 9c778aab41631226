from odoo import api, fields, models

from odoo.addons.wo_tasks.models.wo_task_cycle import ENGINE_CODES


class WoServiceRun(models.Model):
    """The assignment generated for one client, step and period: made once
    (a unique index). The progress board reads these."""

    _name = "wo.service.run"
    _description = "Procedure Assignment"
    _order = "period_start desc, partner_id, sequence, id"
    _rec_name = "task_id"

    client_id = fields.Many2one(
        "wo.service.client",
        string="Applied Procedure",
        required=True,
        index=True,
        ondelete="cascade",
    )
    procedure_id = fields.Many2one(
        related="client_id.procedure_id", store=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="client_id.partner_id", store=True, index=True)
    user_id = fields.Many2one(
        related="client_id.user_id", string="Manager", store=True, index="btree_not_null"
    )
    step_id = fields.Many2one("wo.service.step", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(related="step_id.sequence", store=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    period_label = fields.Char(string="Period", required=True)
    task_id = fields.Many2one(
        "wo.task", string="Assignment", required=True, index=True, ondelete="cascade"
    )
    wait_run_id = fields.Many2one(
        "wo.service.run",
        string="Starts After",
        index="btree_not_null",
        ondelete="set null",
        help="The assignment of the same period this one waits for.",
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("in_progress", "In progress"),
            ("overdue", "Overdue"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_state",
    )
    state_id = fields.Many2one(related="task_id.state_id", string="Assignment State")
    # kept by the assignment's moves (wo.task.write), not a stored related
    # field: that would cost every assignment of WO a query at each move
    state_code = fields.Selection(ENGINE_CODES, string="Stage", readonly=True, index=True)
    is_overdue = fields.Boolean(related="task_id.is_overdue")
    date_deadline = fields.Date(related="task_id.date_deadline")
    company_id = fields.Many2one(related="client_id.company_id", store=True, index="btree_not_null")

    _once = models.UniqueIndex(
        "(client_id, step_id, period_start)",
        "A step's assignment is generated once per client and period.",
    )

    @api.depends("task_id", "period_label")
    def _compute_display_name(self):
        # the assignment's number and subject, also for a reader of the
        # board who may not open the assignment
        for run in self:
            run.display_name = run.task_id.sudo().display_name or run.period_label

    def _compute_state(self):
        # the board shows every run's state to whoever reads the run, also
        # of an assignment the reader may not open (its related fields are
        # read the same way)
        for run in self:
            task = run.task_id.sudo()
            code = task.state_code
            if code in ("done", "reported"):
                run.state = "done"
            elif code == "cancelled":
                run.state = "cancelled"
            elif code == "draft":
                run.state = "waiting"
            elif task.is_overdue:
                run.state = "overdue"
            else:
                run.state = "in_progress"
