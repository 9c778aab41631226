from odoo import fields, models, tools
from odoo.tools import SQL


class WoDeskExecution(models.Model):
    """Execution discipline: one row per assignment line given to an
    executor (activated), with what became of it, computed from the lines as
    they are now: done on time, done late, overdue now, refused, and the
    delay in days (of the report, or until today while it is open)."""

    _name = "wo.desk.execution"
    _description = "WO Execution Control"
    _auto = False
    _order = "date_given desc, id desc"
    _rec_name = "task_id"

    line_id = fields.Many2one("wo.task.executor", string="Assignment Line", readonly=True)
    task_id = fields.Many2one("wo.task", string="Assignment", readonly=True)
    user_id = fields.Many2one("res.users", string="Executor", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    controller_id = fields.Many2one("res.users", readonly=True)
    kind_id = fields.Many2one("wo.task.kind", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("on_time", "Done on time"),
            ("late", "Done late"),
            ("overdue", "Overdue"),
            ("refused", "Refused"),
        ],
        readonly=True,
    )
    date_given = fields.Date(string="Given On", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_report = fields.Date(string="Reported On", readonly=True)
    delay_reason_id = fields.Many2one("wo.task.delay.reason", readonly=True)
    given = fields.Integer(readonly=True, aggregator="sum")
    done_on_time = fields.Integer(readonly=True, aggregator="sum")
    done_late = fields.Integer(readonly=True, aggregator="sum")
    overdue_now = fields.Integer(readonly=True, aggregator="sum")
    refused = fields.Integer(readonly=True, aggregator="sum")
    delay_days = fields.Integer(string="Average Delay (days)", readonly=True, aggregator="avg")
    delay_max = fields.Integer(string="Maximum Delay (days)", readonly=True, aggregator="max")

    def _query(self):
        # the delay: days after the deadline of the report, or of today
        # while the line is open; 0 when on time
        delay = SQL(
            """GREATEST(0, COALESCE(line.date_report::date,
                   CASE WHEN line.state IN ('active', 'in_progress', 'overdue')
                        THEN CURRENT_DATE END) - line.date_deadline_effective)"""
        )
        late = SQL(
            "line.state = 'reported' AND line.date_report::date > line.date_deadline_effective"
        )
        overdue = SQL(
            """line.state IN ('active', 'in_progress', 'overdue')
               AND line.date_deadline_effective < CURRENT_DATE"""
        )
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS line_id,
                   line.task_id,
                   line.user_id,
                   line.department_id,
                   line.controller_id,
                   line.kind_id,
                   line.company_id,
                   CASE WHEN line.state = 'refused' THEN 'refused'
                        WHEN %(late)s THEN 'late'
                        WHEN line.state = 'reported' THEN 'on_time'
                        WHEN %(overdue)s THEN 'overdue'
                        ELSE 'open' END AS state,
                   line.date_activated::date AS date_given,
                   line.date_deadline_effective AS date_deadline,
                   line.date_report::date AS date_report,
                   line.delay_reason_id,
                   1 AS given,
                   (line.state = 'reported' AND NOT (%(late)s))::int AS done_on_time,
                   (%(late)s)::int AS done_late,
                   (%(overdue)s)::int AS overdue_now,
                   (line.state = 'refused')::int AS refused,
                   %(delay)s AS delay_days,
                   %(delay)s AS delay_max
              FROM wo_task_executor line
             WHERE line.date_activated IS NOT NULL
            """,
            late=late,
            overdue=overdue,
            delay=delay,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def action_open_task(self):
        """A row opens its assignment."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "wo.task",
            "res_id": self.task_id.id,
            "views": [[False, "form"]],
        }

    def _wo_summary(self):
        """The rows of the PDF: per department and executor, the counts and
        the delays of the lines in ``self``."""
        groups = self._read_group(
            [("id", "in", self.ids)],
            ["department_id", "user_id"],
            [
                "given:sum",
                "done_on_time:sum",
                "done_late:sum",
                "overdue_now:sum",
                "refused:sum",
                "delay_days:avg",
                "delay_max:max",
            ],
        )
        return [
            {
                "department": department.display_name or "",
                "user": user.display_name or "",
                "given": given,
                "done_on_time": on_time,
                "done_late": late,
                "overdue_now": overdue,
                "refused": refused,
                "delay_days": delay or 0.0,
                "delay_max": delay_max or 0,
            }
            for department, user, given, on_time, late, overdue, refused, delay, delay_max in groups
        ]
