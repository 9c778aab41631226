from odoo import fields, models

EXECUTION_MODES = [
    ("sequential", "Sequential"),
    ("parallel", "Parallel"),
    ("responsible", "Responsible executor"),
]


class WoTaskKind(models.Model):
    _name = "wo.task.kind"
    _description = "Assignment Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    execution_mode = fields.Selection(
        EXECUTION_MODES,
        required=True,
        default="sequential",
        help="Sequential: executors report in turn. Parallel: all at once. "
        "Responsible executor: the others report to the first, who reports the task.",
    )
    cycle_id = fields.Many2one(
        "wo.task.cycle",
        string="Business Cycle",
        required=True,
        default=lambda self: self.env.ref("wo_tasks.wo_task_cycle_default", False),
        ondelete="restrict",
    )
    reminder_days = fields.Integer(
        default=1, help="Remind executors this many days before their deadline (0: no reminder)."
    )
    allow_next_when_overdue = fields.Boolean(
        string="Next Goes On When Overdue",
        help="Sequential mode: when a line becomes overdue, the next executor may start.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _reminder_days_check = models.Constraint(
        "CHECK (reminder_days >= 0)", "The reminder cannot come after the deadline."
    )


class WoTaskDelayReason(models.Model):
    _name = "wo.task.delay.reason"
    _description = "Delay Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE (code)", "This delay reason code already exists.")
