from odoo import api, fields, models

# the states the execution engine moves a task to; a cycle may add its own
ENGINE_CODES = [
    ("draft", "Draft"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("reported", "Reported"),
    ("done", "Done"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
    ("other", "Other"),
]
CLOSED_CODES = ("done", "cancelled")
OPEN_WORK_CODES = ("assigned", "in_progress", "returned")


class WoTaskCycle(models.Model):
    """A business cycle: the states of an assignment and the moves between
    them, with which role may make each move."""

    _name = "wo.task.cycle"
    _description = "Assignment Business Cycle"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    state_ids = fields.One2many("wo.task.state", "cycle_id", string="States", copy=True)
    transition_ids = fields.One2many(
        "wo.task.transition", "cycle_id", string="Transitions", copy=True
    )

    def _state(self, code):
        self.ensure_one()
        return self.state_ids.filtered(lambda state: state.code == code)[:1]


class WoTaskState(models.Model):
    _name = "wo.task.state"
    _description = "Assignment State"
    _order = "cycle_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    cycle_id = fields.Many2one("wo.task.cycle", required=True, index=True, ondelete="cascade")
    code = fields.Selection(ENGINE_CODES, required=True, default="other")
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(help="Folded in the kanban view.")
    is_closed = fields.Boolean(compute="_compute_is_closed", store=True)

    _cycle_code_uniq = models.UniqueIndex(
        "(cycle_id, code) WHERE code != 'other'",
        "A cycle has one state for each engine code (draft, assigned, ...).",
    )

    @api.depends("code")
    def _compute_is_closed(self):
        for state in self:
            state.is_closed = state.code in CLOSED_CODES


class WoTaskTransition(models.Model):
    _name = "wo.task.transition"
    _description = "Assignment State Transition"
    _order = "cycle_id, state_from_id, state_to_id"

    cycle_id = fields.Many2one("wo.task.cycle", required=True, index=True, ondelete="cascade")
    state_from_id = fields.Many2one(
        "wo.task.state",
        string="From",
        required=True,
        ondelete="cascade",
        domain="[('cycle_id', '=', cycle_id)]",
    )
    state_to_id = fields.Many2one(
        "wo.task.state",
        string="To",
        required=True,
        ondelete="cascade",
        domain="[('cycle_id', '=', cycle_id)]",
    )
    allow_initiator = fields.Boolean(string="Initiator")
    allow_controller = fields.Boolean(string="Controller")
    allow_executor = fields.Boolean(string="Executor")

    _move_uniq = models.Constraint(
        "UNIQUE (cycle_id, state_from_id, state_to_id)", "This move is already in the cycle."
    )

    def _allowed_roles(self):
        self.ensure_one()
        return {
            role
            for role, allowed in (
                ("initiator", self.allow_initiator),
                ("controller", self.allow_controller),
                ("executor", self.allow_executor),
            )
            if allowed
        }
