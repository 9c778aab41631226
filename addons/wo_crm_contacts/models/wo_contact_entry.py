from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

ACTIVITY_TYPE = "wo_crm_contacts.mail_activity_type_next_contact"


class WoContactEntry(models.Model):
    """One contact with a counterparty: a call, a meeting, a conference, an
    e-mail, a fax; planned until its date passes, held afterwards."""

    _name = "wo.contact.entry"
    _description = "Contact Journal Entry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "subject"

    subject = fields.Char(required=True, tracking=True)
    kind_id = fields.Many2one(
        "wo.contact.kind",
        required=True,
        default=lambda self: self.env["wo.contact.kind"].search([], limit=1),
        tracking=True,
        ondelete="restrict",
        index=True,
    )
    kind_icon = fields.Char(related="kind_id.icon", string="Kind Icon")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    duration = fields.Float(help="In hours.", default=0.25)
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")],
        compute="_compute_state",
        search="_search_state",
        help="Held once its date has passed.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Counterparty", required=True, index=True, tracking=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "wo_contact_entry_contact_rel",
        "entry_id",
        "partner_id",
        string="Contact Persons",
        domain="[('id', 'child_of', commercial_partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Employee",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    salesperson_id = fields.Many2one(
        related="commercial_partner_id.user_id",
        string="Salesperson",
        store=True,
        index="btree_not_null",
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_department_id", store=True, index="btree_not_null"
    )
    description = fields.Html()
    result = fields.Text(tracking=True)
    date_next = fields.Date(string="Next Contact", tracking=True, index="btree_not_null")
    remind_days = fields.Integer(string="Remind Days Before", default=1)
    # indexed: an activity done (deleted) looks for the entries that refer to it
    next_activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    amount_ids = fields.One2many("wo.contact.amount", "entry_id", string="Amounts", copy=True)
    amount_total = fields.Monetary(
        compute="_compute_amount_total", store=True, currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_ids = fields.Many2many("product.product", string="Products")
    thread_id = fields.Many2one("wo.contact.thread", index="btree_not_null", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _duration_positive = models.Constraint(
        "CHECK (duration >= 0)", "A contact's duration cannot be negative."
    )
    _remind_days_positive = models.Constraint(
        "CHECK (remind_days >= 0)", "The reminder cannot come after the next contact date."
    )
    _partner_date_idx = models.Index("(commercial_partner_id, date DESC)")

    @api.depends("date")
    def _compute_state(self):
        now = fields.Datetime.now()
        for entry in self:
            entry.state = "held" if entry.date and entry.date <= now else "planned"

    def _search_state(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        values = {value} if isinstance(value, str) else set(value)
        now = fields.Datetime.now()
        domains = {"held": Domain("date", "<=", now), "planned": Domain("date", ">", now)}
        return Domain.OR(domains[v] for v in values if v in domains)

    @api.depends("user_id", "company_id")
    def _compute_department_id(self):
        Users = self.env["res.users"]
        departments = self.user_id._wo_department_map()
        for entry in self:
            entry.department_id = Users._wo_department(departments, entry.user_id, entry.company_id)

    @api.depends("amount_ids.amount")
    def _compute_amount_total(self):
        for entry in self:
            entry.amount_total = sum(entry.amount_ids.mapped("amount"))

    @api.constrains("date", "date_next")
    def _check_date_next(self):
        for entry in self:
            if entry.date_next and entry.date and entry.date_next < entry.date.date():
                raise ValidationError(
                    self.env._(
                        "The next contact (%(next)s) cannot come before this one (%(date)s).",
                        next=entry.date_next,
                        date=entry.date.date(),
                    )
                )

    @api.constrains("contact_ids", "partner_id")
    def _check_contacts(self):
        for entry in self:
            strangers = entry.contact_ids.filtered(
                lambda contact, entry=entry: (
                    contact.commercial_partner_id != entry.commercial_partner_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(contacts)s do not work for %(partner)s.",
                        contacts=", ".join(strangers.mapped("name")),
                        partner=entry.commercial_partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (vals.get("duration") or 0) < 0:
                raise ValidationError(self.env._("A contact's duration cannot be negative."))
        entries = super().create(vals_list)
        entries._sync_next_contact_activity()
        return entries

    def write(self, vals):
        if (vals.get("duration") or 0) < 0:
            raise ValidationError(self.env._("A contact's duration cannot be negative."))
        result = super().write(vals)
        if {"date_next", "remind_days", "user_id"} & set(vals):
            self._sync_next_contact_activity()
        return result

    def _sync_next_contact_activity(self):
        """One reminder per entry for its next contact, N days before: created
        once, moved when the date moves, removed when the date is cleared."""
        for entry in self.sudo():
            activity = entry.next_activity_id.exists()
            if not entry.date_next:
                if activity:
                    activity.unlink()
                continue
            deadline = entry.date_next - timedelta(days=entry.remind_days or 0)
            values = {"date_deadline": deadline, "user_id": entry.user_id.id}
            if activity:
                activity.write(values)
            else:
                activity = entry.activity_schedule(
                    ACTIVITY_TYPE,
                    summary=self.env._(
                        "Next contact with %(partner)s on %(date)s",
                        partner=entry.partner_id.name,
                        date=entry.date_next,
                    ),
                    **values,
                )
                entry.with_context(tracking_disable=True).write({"next_activity_id": activity.id})

    def action_open_thread(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "wo.contact.thread",
            "res_id": self.thread_id.id,
            "view_mode": "form",
        }

    def action_start_thread(self):
        """Start a thread (a deal) from this contact."""
        for entry in self.filtered(lambda e: not e.thread_id):
            entry.thread_id = self.env["wo.contact.thread"].create(
                {
                    "name": entry.subject,
                    "partner_id": entry.commercial_partner_id.id,
                    "user_id": entry.user_id.id,
                }
            )
        return self.action_open_thread() if len(self) == 1 else True


class WoContactAmount(models.Model):
    _name = "wo.contact.amount"
    _description = "Contact Amount"

    entry_id = fields.Many2one("wo.contact.entry", required=True, index=True, ondelete="cascade")
    kind_id = fields.Many2one("wo.contact.amount.kind", required=True, ondelete="restrict")
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="entry_id.currency_id")
    company_id = fields.Many2one(related="entry_id.company_id", store=True)
