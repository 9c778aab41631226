from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.wo_staff.tools import TRUSTED, trusted

# the periods of OCA contract (contract.recurring.mixin), here so that they
# are translated with WO; a test checks they stay the same as OCA's
RULE_TYPES = [
    ("daily", "Day(s)"),
    ("weekly", "Week(s)"),
    ("monthly", "Month(s)"),
    ("monthlylastday", "Month(s) last day"),
    ("quarterly", "Quarter(s)"),
    ("semesterly", "Semester(s)"),
    ("yearly", "Year(s)"),
]
INVOICING_TYPES = [("pre-paid", "Pre-paid"), ("post-paid", "Post-paid")]
# what makes the template; it is frozen once the document is in force
TEMPLATE = {
    "invoice_line_ids",
    "invoice_rule_type",
    "invoice_interval",
    "invoicing_type",
    "invoice_date_start",
}
FROZEN_STATES = ("in_force", "completed", "terminated")
CONTRACT_LINES_PER_CREATE = 500
# the first month of each calendar period, for "the next period start"
PERIOD_MONTHS = {"quarterly": 3, "semesterly": 6, "yearly": 12}


def next_period_start(day, rule_type):
    """The first day of the calendar period (of ``rule_type``) that starts
    on or after ``day``: a Monday, the 1st of a month, of a quarter, ..."""
    if rule_type == "daily":
        return day
    if rule_type == "weekly":
        return day + relativedelta(days=(7 - day.weekday()) % 7)
    start = day if day.day == 1 else day + relativedelta(months=1, day=1)
    months = PERIOD_MONTHS.get(rule_type, 1)
    while (start.month - 1) % months:
        start += relativedelta(months=1)
    return start


class WoDocument(models.Model):
    """A contract document of an invoiced type carries a recurring invoice
    template; OCA contract invoices it (one contract.contract per document)
    while the document is in force."""

    _inherit = "wo.document"

    is_invoiced = fields.Boolean(related="type_id.is_invoiced", string="Type Is Invoiced")
    invoice_line_ids = fields.One2many(
        "wo.document.invoice.line", "document_id", string="Recurring Invoice Lines", copy=True
    )
    invoice_rule_type = fields.Selection(RULE_TYPES, string="Period", default="monthly")
    invoice_interval = fields.Integer(string="Invoice Every", default=1)
    invoicing_type = fields.Selection(INVOICING_TYPES, string="Invoicing", default="pre-paid")
    invoice_date_start = fields.Date(
        string="Invoice From",
        help="The first invoiced period starts here. Empty: the start of validity, or the day "
        "the document comes into force.",
    )
    invoice_amount = fields.Monetary(
        string="Per Period (untaxed)",
        compute="_compute_invoice_amount",
        currency_field="currency_id",
    )
    invoice_amount_total = fields.Monetary(
        string="Per Period (with tax)",
        compute="_compute_invoice_amount",
        currency_field="currency_id",
    )
    can_edit_invoicing = fields.Boolean(compute="_compute_can_edit_invoicing")
    # what OCA contract made of it; read as superuser (the document's own
    # access was checked reading it): people without accounting rights see
    # the totals, never the invoices
    recurring_contract_id = fields.Many2one(
        "contract.contract", compute="_compute_recurring_invoicing", compute_sudo=True
    )
    invoice_count = fields.Integer(compute="_compute_recurring_invoicing", compute_sudo=True)
    amount_invoiced_untaxed = fields.Monetary(
        string="Invoiced (untaxed)",
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
        currency_field="company_currency_id",
    )
    amount_invoiced = fields.Monetary(
        string="Invoiced (with tax)",
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
        currency_field="company_currency_id",
    )
    amount_paid = fields.Monetary(
        string="Paid (with tax)",
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
        currency_field="company_currency_id",
    )
    invoicing_status = fields.Selection(
        [
            ("none", "Not started"),
            ("prepared", "Prepared"),
            ("running", "Invoicing"),
            ("stopped", "Stopped"),
        ],
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
    )
    date_invoiced_until = fields.Date(
        string="Invoiced Until", compute="_compute_recurring_invoicing", compute_sudo=True
    )
    date_next_invoice = fields.Date(
        string="Next Invoice", compute="_compute_recurring_invoicing", compute_sudo=True
    )
    invoice_error = fields.Text(
        string="Invoicing Failed", compute="_compute_recurring_invoicing", compute_sudo=True
    )
    date_invoice_stop = fields.Date(
        string="Invoicing Stopped On",
        readonly=True,
        copy=False,
        help="The day the document was terminated or completed: nothing after it is invoiced.",
    )
    amount_credit_untaxed = fields.Monetary(
        string="To Credit (untaxed)",
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
        currency_field="company_currency_id",
        help="Invoiced in advance for the days after invoicing stopped, not yet credited.",
    )
    amount_credit_total = fields.Monetary(
        string="To Credit (with tax)",
        compute="_compute_recurring_invoicing",
        compute_sudo=True,
        currency_field="company_currency_id",
    )
    invoice_credit_note_id = fields.Many2one(
        "account.move",
        string="Credit Note",
        readonly=True,
        copy=False,
        # deleting an invoice looks for the documents that refer to it
        index="btree_not_null",
        groups="account.group_account_invoice",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("invoice_line_ids.price_subtotal", "invoice_line_ids.price_total")
    def _compute_invoice_amount(self):
        for document in self:
            document.invoice_amount = sum(document.invoice_line_ids.mapped("price_subtotal"))
            document.invoice_amount_total = sum(document.invoice_line_ids.mapped("price_total"))

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_edit_invoicing(self):
        author = self.env.user.has_group("wo_documents.group_wo_documents_author")
        for document in self:
            document.can_edit_invoicing = author and document.state not in FROZEN_STATES

    def _compute_recurring_invoicing(self):
        contracts = self._wo_contracts()
        line_contract = {
            line.id: contract
            for contract in contracts.values()
            for line in contract.contract_line_ids
        }
        move_ids_by_contract = {}
        if line_contract:
            for move, line in self.env["account.move.line"]._read_group(
                [("contract_line_id", "in", list(line_contract))], ["move_id", "contract_line_id"]
            ):
                move_ids_by_contract.setdefault(line_contract[line.id], set()).add(move.id)
        # one read of all the invoices
        all_ids = set().union(*move_ids_by_contract.values())
        Move = self.env["account.move"]
        Move.browse(all_ids).fetch(
            ["state", "amount_untaxed_signed", "amount_total_signed", "amount_residual_signed"]
        )
        for document in self:
            contract = contracts.get(document._origin.id, self.env["contract.contract"])
            moves = Move.browse(move_ids_by_contract.get(contract, ())).filtered(
                lambda m: m.state != "cancel"
            )
            posted = moves.filtered(lambda m: m.state == "posted")
            document.recurring_contract_id = contract
            document.invoice_count = len(moves)
            document.amount_invoiced_untaxed = sum(moves.mapped("amount_untaxed_signed"))
            document.amount_invoiced = sum(moves.mapped("amount_total_signed"))
            document.amount_paid = sum(posted.mapped("amount_total_signed")) - sum(
                posted.mapped("amount_residual_signed")
            )
            invoiced = [
                date for date in contract.contract_line_ids.mapped("last_date_invoiced") if date
            ]
            document.date_invoiced_until = max(invoiced) if invoiced else False
            document.date_next_invoice = contract.active and contract.recurring_next_date
            document.invoice_error = contract.invoice_generation_error
            if not contract:
                document.invoicing_status = "none"
            elif contract.active:
                document.invoicing_status = "running"
            else:
                document.invoicing_status = "stopped" if document.date_invoice_stop else "prepared"
            credit = document._wo_credit_values(contract)
            document.amount_credit_untaxed = sum(
                value["invoice_line"].price_subtotal * value["fraction"] for value in credit
            )
            document.amount_credit_total = sum(
                value["invoice_line"].price_total * value["fraction"] for value in credit
            )

    # --------------------------------------------------------------- constrains
    @api.constrains("invoice_interval")
    def _check_invoice_interval(self):
        for document in self:
            if document.invoice_interval < 1:
                raise ValidationError(
                    self.env._(
                        "%(document)s: invoice every 1 period or more.",
                        document=document.display_name,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    def write(self, vals):
        if TEMPLATE & set(vals):
            self._wo_check_template_editable()
        if vals.get("state") == "in_force":
            self.filtered(lambda d: d.is_invoiced and d.state != "in_force")._wo_check_may_invoice(
                vals
            )
        result = super().write(vals)
        if "state" in vals or "date_end" in vals:
            self.filtered("is_invoiced")._wo_sync_recurring_contract(closing="state" in vals)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoicing(self):
        """A draft that was only prepared for invoicing takes its prepared
        contract with it; a document whose contract runs stays."""
        contracts = self._wo_contracts()
        running = [
            contract
            for contract in contracts.values()
            if contract.active or any(contract.contract_line_ids.mapped("last_date_invoiced"))
        ]
        if running:
            raise UserError(
                self.env._(
                    "%(document)s is invoiced by a recurring contract: terminate it instead.",
                    document=running[0].wo_document_id.display_name,
                )
            )
        for contract in contracts.values():
            contract.unlink()

    # ------------------------------------------------------------------- actions
    def action_view_invoices(self):
        self.ensure_one()
        if not self.env["account.move"].has_access("read"):
            raise UserError(
                self.env._(
                    "%(document)s: %(count)s invoices. Opening them needs invoicing rights "
                    "(Invoicing / Accounting).",
                    document=self.display_name,
                    count=self.invoice_count,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice")
        # which invoices, as superuser; the user's own rights then decide
        # which of them they open
        contract = self.sudo().recurring_contract_id
        invoices = contract._get_related_invoices() if contract else self.env["account.move"]
        action.update(
            domain=[("id", "in", invoices.ids)],
            context={"default_move_type": "out_invoice", "create": False},
        )
        return action

    def action_create_credit_note(self):
        """A draft credit note for the days invoiced in advance after the
        document stopped invoicing (made by users with invoicing rights)."""
        self.ensure_one()
        self.env["account.move"].check_access("create")
        self.check_access("read")
        document = self.sudo()
        credit = document._wo_credit_values(document.recurring_contract_id)
        if not credit:
            raise UserError(
                self.env._(
                    "%(document)s: nothing was invoiced after invoicing stopped, or it is "
                    "credited already.",
                    document=self.display_name,
                )
            )
        invoice = credit[0]["invoice_line"].move_id
        first_day = document.date_invoice_stop + relativedelta(days=1)
        last_day = max(value["line"].last_date_invoiced for value in credit)
        refund = (
            self.env["account.move"]
            .sudo()
            .with_company(invoice.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "journal_id": invoice.journal_id.id,
                    "currency_id": invoice.currency_id.id,
                    "fiscal_position_id": invoice.fiscal_position_id.id,
                    "invoice_user_id": self.env.user.id,
                    "reversed_entry_id": invoice.id,
                    "ref": self.env._(
                        "%(document)s: %(start)s - %(end)s, after invoicing stopped",
                        document=self.display_name,
                        start=first_day,
                        end=last_day,
                    ),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": value["invoice_line"].product_id.id,
                                "name": value["invoice_line"].name,
                                "quantity": value["invoice_line"].quantity,
                                "product_uom_id": value["invoice_line"].product_uom_id.id,
                                "price_unit": value["invoice_line"].price_unit * value["fraction"],
                                "discount": value["invoice_line"].discount,
                                "tax_ids": [Command.set(value["invoice_line"].tax_ids.ids)],
                                "contract_line_id": value["line"].id,
                            }
                        )
                        for value in credit
                    ],
                }
            )
        )
        document.invoice_credit_note_id = refund
        document.message_post(
            body=self.env._(
                "Credit note prepared for %(start)s - %(end)s, invoiced in advance after "
                "invoicing stopped: %(amount)s with tax.",
                start=first_day,
                end=last_day,
                amount=refund.amount_total,
            ),
            subtype_xmlid="mail.mt_note",
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action.update(res_id=refund.id, view_mode="form", views=[(False, "form")])
        return action

    def action_open_invoice_copy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Copy to Counterparties"),
            "res_model": "wo.document.invoice.copy",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    # ----------------------------------------------------------------- invoicing
    def _wo_contracts(self):
        """{document id: its contract.contract}, as superuser, archived ones too."""
        ids = [document._origin.id for document in self if document._origin.id]
        if not ids:
            return {}
        contracts = (
            self.env["contract.contract"]
            .sudo()
            .with_context(active_test=False)
            .search([("wo_document_id", "in", ids)])
        )
        return {contract.wo_document_id.id: contract for contract in contracts}

    def _wo_check_template_editable_by_user(self):
        if not self.env.su and not self.env.user.has_group(
            "wo_documents.group_wo_documents_author"
        ):
            raise AccessError(
                self.env._("Only Authors of WO Documents change recurring invoice templates.")
            )

    def _wo_check_template_editable(self):
        self._wo_check_template_editable_by_user()
        frozen = self.filtered(lambda d: d.state in FROZEN_STATES)
        if frozen and not trusted(self.env, "wo_document_flow"):
            raise UserError(
                self.env._(
                    "%(document)s is in force or closed: its recurring invoice template no "
                    "longer changes. Change the prices by a supplementary agreement, or "
                    "the recurring contract itself in Invoicing.",
                    document=frozen[0].display_name,
                )
            )

    def _wo_invoice_date_start(self):
        """The template's start, else the start of validity, else (a copy to
        counterparties, for instance) the day it comes into force or the
        next period start, as the type says; never before the validity."""
        self.ensure_one()
        start = self.invoice_date_start or self.date_start
        if not start:
            start = fields.Date.context_today(self)
            if self.type_id.invoice_start == "next_period":
                start = next_period_start(start, self.invoice_rule_type)
        if self.date_start and start < self.date_start:
            start = self.date_start
        return start

    def _wo_check_may_invoice(self, vals=None):
        """What invoicing needs, checked before anything is written."""
        vals = vals or {}
        for document in self:
            if not document.invoice_line_ids:
                raise UserError(
                    self.env._(
                        "%(document)s is a %(type)s, which is invoiced: its recurring invoice "
                        "template has no lines. Add the services to invoice first.",
                        document=document.display_name,
                        type=document.type_id.name,
                    )
                )
            negative = document.invoice_line_ids.filtered(lambda line: line.price_unit < 0)
            if negative:
                raise UserError(
                    self.env._(
                        "%(document)s: %(service)s has a negative price.",
                        document=document.display_name,
                        service=negative[0].product_id.display_name,
                    )
                )
            if not document.partner_id:
                raise UserError(
                    self.env._(
                        "%(document)s has no second party to invoice.",
                        document=document.display_name,
                    )
                )
            date_end = fields.Date.to_date(vals.get("date_end", document.date_end))
            if date_end and date_end < document._wo_invoice_date_start():
                raise UserError(
                    self.env._(
                        "%(document)s: its validity ends (%(end)s) before invoicing starts "
                        "(%(start)s).",
                        document=document.display_name,
                        end=date_end,
                        start=document._wo_invoice_date_start(),
                    )
                )
            document.type_id._wo_sale_journal(document.company_id)

    def _wo_contract_values(self, active):
        """The OCA contract of this document: its second party, the
        template's services, period and start, and its validity end."""
        self.ensure_one()
        partner = self.partner_id.with_company(self.company_id)
        start = self._wo_invoice_date_start()
        return {
            "name": self.display_name,
            "code": self.name or False,
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "journal_id": self.type_id._wo_sale_journal(self.company_id).id,
            "contract_type": "sale",
            # the period on each line too: with the period on the header
            # only, OCA contract 19.0 mirrors the lines' next invoice date
            # from the header and back, which goes wrong past 1000 lines in
            # one cron batch (some lines are not advanced, and invoiced again
            # on the next run); lines with their own period are not affected
            "line_recurrence": True,
            "recurring_rule_type": self.invoice_rule_type,
            "recurring_interval": self.invoice_interval,
            "recurring_invoicing_type": self.invoicing_type,
            "date_start": start,
            "payment_term_id": partner.property_payment_term_id.id,
            "fiscal_position_id": self.env["account.fiscal.position"]
            .with_company(self.company_id)
            ._get_fiscal_position(partner.commercial_partner_id)
            .id,
            "user_id": (self.responsible_id or self.author_id).id,
            "wo_document_id": self.id,
            "active": active,
            "contract_line_ids": [
                Command.create(
                    {
                        "sequence": line.sequence,
                        "product_id": line.product_id.id,
                        "name": line.name or line.product_id.display_name,
                        "quantity": line.quantity,
                        "uom_id": line.uom_id.id,
                        "price_unit": line.price_unit,
                        "discount": line.discount,
                        "recurring_rule_type": self.invoice_rule_type,
                        "recurring_interval": self.invoice_interval,
                        "recurring_invoicing_type": self.invoicing_type,
                        "date_start": start,
                        "date_end": self.date_end or False,
                    }
                )
                for line in self.invoice_line_ids
            ],
        }

    def _wo_prepare_recurring_contracts(self, active=False):
        """Create the contract of each document (not yet running unless
        ``active``): one per document, the database refuses a second."""
        self.check_access("write")
        Contract = self.env["contract.contract"].sudo()
        contracts = Contract.browse()
        chunk, lines = [], 0
        for document in self:
            values = document._wo_contract_values(active)
            chunk.append(values)
            lines += len(values["contract_line_ids"])
            # OCA contract 19.0 can compute the next invoice date of more
            # than 1000 new lines in one create() wrongly (seen with the
            # period on the header: ValidationError "You must supply a date
            # of next invoice"): create them in chunks
            if lines >= CONTRACT_LINES_PER_CREATE:
                contracts |= Contract.create(chunk)
                chunk, lines = [], 0
        if chunk:
            contracts |= Contract.create(chunk)
        return contracts

    def _wo_sync_recurring_contract(self, closing=True):
        """In force: the contract runs (created or started now). Completed or
        terminated (``closing``: the state just changed): it stops. A new end
        of validity: the contract ends then."""
        contracts = self._wo_contracts()
        to_create = self.browse()
        for document in self:
            contract = contracts.get(document.id, self.env["contract.contract"])
            if document.state == "in_force":
                if not contract:
                    to_create |= document
                elif not contract.active:
                    # prepared (by a copy to counterparties): the template may
                    # have changed since, and nothing was invoiced
                    values = document._wo_contract_values(active=True)
                    values["contract_line_ids"] = [Command.clear(), *values["contract_line_ids"]]
                    contract.write(values)
                else:
                    document._wo_end_contract(contract, document.date_end)
            elif closing and document.state in ("completed", "terminated") and contract.active:
                document._wo_stop_contract(contract)
        if to_create:
            to_create._wo_prepare_recurring_contracts(active=True)

    def _wo_end_contract(self, contract, date_end):
        self.ensure_one()
        lines = contract.contract_line_ids.filtered(lambda line: line.date_end != date_end)
        if not lines:
            return
        for line in lines:
            if date_end and line.last_date_invoiced and date_end < line.last_date_invoiced:
                raise UserError(
                    self.env._(
                        "%(document)s is already invoiced until %(date)s: its validity cannot "
                        "end before.",
                        document=self.display_name,
                        date=line.last_date_invoiced,
                    )
                )
        lines.write({"date_end": date_end or False})

    def _wo_stop_contract(self, contract):
        """The contract stops at once (archived: OCA's cron no longer sees
        it). Its lines end at the end of the last invoiced period, or (as
        the type says) at today's date (or the end of validity, if earlier),
        the days up to it being invoiced now; what was invoiced already
        stays, and a period invoiced in advance beyond it can be credited."""
        self.ensure_one()
        stop = fields.Date.context_today(self)
        if self.date_end:
            stop = min(stop, self.date_end)
        self.with_context(wo_document_flow=TRUSTED).write({"date_invoice_stop": stop})
        to_stop = self.type_id.invoice_stop == "termination"
        for line in contract.contract_line_ids:
            last = line.last_date_invoiced
            end = (max(stop, last) if last else stop) if to_stop else last
            if not end or (line.date_start and end < line.date_start):
                # never invoiced (or never started): nothing to invoice at all
                line.write({"date_end": line.date_start, "is_canceled": True})
            elif line.date_end != end:
                line.write({"date_end": end})
        if to_stop:
            self._wo_invoice_until_stop(contract)
        contract.active = False
        invoiced = [
            date for date in contract.contract_line_ids.mapped("last_date_invoiced") if date
        ]
        self.message_post(
            body=self.env._(
                "Recurring invoicing stopped on %(stop)s: invoiced until %(date)s, nothing more "
                "is invoiced.",
                stop=stop,
                date=max(invoiced) if invoiced else "-",
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _wo_invoice_until_stop(self, contract):
        """Invoice at once, by OCA contract, what is left up to the lines' end."""
        contract = contract.with_company(contract.company_id)
        for _period in range(366):
            due = contract.contract_line_ids.filtered(
                lambda line: (
                    not line.display_type
                    and not line.is_canceled
                    and line.recurring_next_date
                    and line.next_period_date_start
                )
            )
            if not due:
                break
            contract._recurring_create_invoice(max(due.mapped("recurring_next_date")))

    def _wo_credit_values(self, contract):
        """What was invoiced in advance after invoicing stopped and is not yet
        credited: per contract line, its last invoice line and the part of
        its period after the stop."""
        self.ensure_one()
        stop = self.date_invoice_stop
        if not stop or self.sudo().invoice_credit_note_id.state not in (False, "cancel"):
            return []
        lines = contract.contract_line_ids.filtered(
            lambda line: (
                not line.display_type and line.last_date_invoiced and line.last_date_invoiced > stop
            )
        )
        if not lines:
            return []
        latest = {}
        for invoice_line in (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("contract_line_id", "in", lines.ids),
                    ("move_id.move_type", "=", "out_invoice"),
                    ("move_id.state", "!=", "cancel"),
                ],
                order="id desc",
            )
        ):
            latest.setdefault(invoice_line.contract_line_id.id, invoice_line)
        values = []
        for line in lines.filtered(lambda line: line.id in latest):
            period_start = (
                line.last_date_invoiced
                + relativedelta(days=1)
                - line.get_relative_delta(line.recurring_rule_type, line.recurring_interval)
            )
            if line.date_start:
                period_start = max(period_start, line.date_start)
            days = (line.last_date_invoiced - period_start).days + 1
            after = (line.last_date_invoiced - stop).days
            values.append(
                {"line": line, "invoice_line": latest[line.id], "fraction": min(1, after / days)}
            )
        return values

    def _wo_invoicing_failed(self, message):
        """OCA's cron could not invoice: said on the document, and an
        activity for its responsible (one while it fails)."""
        activity_type = self.env.ref("wo_recurring_invoice.mail_activity_type_invoice_failed")
        for document in self.sudo():
            if not document.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                document.message_post(
                    body=self.env._("Recurring invoicing failed: %(error)s", error=message),
                    subtype_xmlid="mail.mt_note",
                )
                document.activity_schedule(
                    activity_type_id=activity_type.id,
                    note=message,
                    user_id=(document.responsible_id or document.author_id).id,
                )

    def _wo_invoicing_recovered(self):
        activity_type = self.env.ref("wo_recurring_invoice.mail_activity_type_invoice_failed")
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=self.env._("Invoiced again by the next run."))
