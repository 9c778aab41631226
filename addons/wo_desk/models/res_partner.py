from datetime import timedelta

from odoo import fields, models

# the counterparty at a glance: (field, model, domain of its records for a
# counterparty given as the commercial partner's id, and the date "today")
GLANCE = {
    "wo_glance_on_approval": (
        "wo.document",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("state", "=", "on_approval"),
        ],
    ),
    "wo_glance_signed": (
        "wo.document",
        lambda env, partner, today: [("partner_id", "child_of", partner), ("state", "=", "signed")],
    ),
    "wo_glance_in_force": (
        "wo.document",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("state", "=", "in_force"),
        ],
    ),
    "wo_glance_expiring": (
        "wo.document",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("state", "=", "in_force"),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=30)),
        ],
    ),
    "wo_glance_agreements": (
        "wo.document",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("parent_id", "!=", False),
            ("state", "not in", ("cancelled", "terminated")),
        ],
    ),
    "wo_glance_answers_due": (
        "wo.correspondence",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("answer_state", "=", "due"),
        ],
    ),
    "wo_glance_open_tasks": (
        "wo.task",
        lambda env, partner, today: [
            ("partner_id", "child_of", partner),
            ("is_closed", "=", False),
            ("state_code", "!=", "draft"),
        ],
    ),
    "wo_glance_bookings": (
        "calendar.event",
        lambda env, partner, today: [
            ("partner_ids", "child_of", partner),
            ("wo_resource_ids", "!=", False),
            ("start", ">=", fields.Datetime.to_datetime(today)),
        ],
    ),
    # where Odoo's mass mailing is installed (WO Mailing): mailings sent to
    # the counterparty and its contact persons
    "wo_glance_mailings": (
        "mailing.trace",
        lambda env, partner, today: [
            ("model", "=", "res.partner"),
            ("res_id", "in", env["res.partner"]._search([("id", "child_of", partner)])),
            ("trace_status", "in", ("sent", "open", "reply")),
        ],
    ),
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    wo_glance_on_approval = fields.Integer(string="On Approval", compute="_compute_wo_glance")
    wo_glance_signed = fields.Integer(string="Signed", compute="_compute_wo_glance")
    wo_glance_in_force = fields.Integer(string="In Force", compute="_compute_wo_glance")
    wo_glance_expiring = fields.Integer(string="Expiring in 30 Days", compute="_compute_wo_glance")
    wo_glance_agreements = fields.Integer(
        string="Supplementary Agreements", compute="_compute_wo_glance"
    )
    wo_glance_answers_due = fields.Integer(string="Answers Due", compute="_compute_wo_glance")
    wo_glance_open_tasks = fields.Integer(string="Open Assignments", compute="_compute_wo_glance")
    wo_glance_bookings = fields.Integer(string="Coming Bookings", compute="_compute_wo_glance")
    wo_glance_mailings = fields.Integer(string="Mailings Received", compute="_compute_wo_glance")
    wo_glance_has_mailings = fields.Boolean(compute="_compute_wo_glance_has_mailings")

    def _compute_wo_glance_has_mailings(self):
        # Odoo's mass mailing may not be installed (WO Mailing brings it)
        self.wo_glance_has_mailings = "mailing.trace" in self.env

    def _compute_wo_glance(self):
        """Counts of the counterparty's records the user may read (0 for a
        kind the user has no access to), a query per kind."""
        today = fields.Date.context_today(self)
        for fname, (model, domain) in GLANCE.items():
            if model not in self.env:
                self[fname] = 0
                continue
            Model = self.env[model]
            readable = Model.has_access("read")
            for partner in self:
                partner[fname] = (
                    Model.search_count(domain(self.env, partner.commercial_partner_id.id, today))
                    if readable and partner.id
                    else 0
                )

    def action_wo_glance(self):
        """A glance count opens the list of its records."""
        self.ensure_one()
        fname = self.env.context.get("wo_glance")
        if fname not in GLANCE or GLANCE[fname][0] not in self.env:
            return False
        model, domain = GLANCE[fname]
        return {
            "type": "ir.actions.act_window",
            "name": self._fields[fname].get_description(self.env)["string"],
            "res_model": model,
            "domain": domain(
                self.env, self.commercial_partner_id.id, fields.Date.context_today(self)
            ),
            "views": [[False, "list"], [False, "form"]],
            "context": {"create": False},
        }
