from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.wo_staff.tools import process_in_batches

BIRTHDAY_DAYS_PARAM = "wo_crm_contacts.birthday_remind_days"


class ResPartner(models.Model):
    _inherit = "res.partner"

    wo_birthday = fields.Date(string="Birthday")
    wo_birthday_this_year = fields.Date(
        string="Birthday This Year",
        compute="_compute_wo_birthday_this_year",
        search="_search_wo_birthday_this_year",
    )
    wo_birthday_md = fields.Integer(
        string="Birthday (Month and Day)",
        compute="_compute_wo_birthday_md",
        store=True,
        index="btree_not_null",
        help="Month * 100 + day of the birthday, to find the coming ones.",
    )
    wo_birthday_reminded_year = fields.Integer(
        string="Birthday Reminded For", readonly=True, copy=False
    )
    wo_birthday_soon = fields.Boolean(
        string="Birthday Soon",
        compute="_compute_wo_birthday_soon",
        search="_search_wo_birthday_soon",
    )
    wo_contact_entry_ids = fields.One2many(
        "wo.contact.entry", "commercial_partner_id", string="Contact Journal"
    )
    wo_contact_count = fields.Integer(compute="_compute_wo_contact_stats", string="Contacts Count")
    wo_thread_count = fields.Integer(compute="_compute_wo_contact_stats", string="Thread Count")
    wo_last_contact_ids = fields.Many2many(
        "wo.contact.entry", compute="_compute_wo_contact_stats", string="Last Contacts"
    )
    wo_next_contact_id = fields.Many2one(
        "wo.contact.entry", compute="_compute_wo_contact_stats", string="Next Planned Contact"
    )

    @api.depends("wo_birthday")
    def _compute_wo_birthday_this_year(self):
        year = fields.Date.context_today(self).year
        for partner in self:
            partner.wo_birthday_this_year = partner._wo_birthday_in(year)

    def _wo_birthday_in(self, year):
        birthday = self.wo_birthday
        if not birthday:
            return False
        if birthday.month == 2 and birthday.day == 29 and not _is_leap(year):
            return date(year, 2, 28)
        return birthday.replace(year=year)

    def _search_wo_birthday_this_year(self, operator, value):
        """For the birthdays' calendar: its range, as month and day of this
        year (a range in another year holds all or none of them)."""
        if operator not in ("<", "<=", ">", ">=") or not value:
            return NotImplemented
        value = fields.Date.to_date(value)
        year = fields.Date.context_today(self).year
        known = Domain("wo_birthday", "!=", False)
        if value.year != year:
            before = value.year < year
            return known if before == (operator in (">", ">=")) else Domain.FALSE
        month_day = value.month * 100 + value.day
        if month_day == 228 and operator in ("<=", ">") and not _is_leap(year):
            month_day = 229  # 29 February shows on the 28th in a common year
        return known & Domain("wo_birthday_md", operator, month_day)

    @api.depends("wo_birthday")
    def _compute_wo_birthday_md(self):
        for partner in self:
            birthday = partner.wo_birthday
            partner.wo_birthday_md = birthday.month * 100 + birthday.day if birthday else 0

    @api.constrains("wo_birthday")
    def _check_wo_birthday(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.wo_birthday and partner.wo_birthday > today:
                raise ValidationError(
                    self.env._(
                        "%(name)s's birthday (%(date)s) is in the future.",
                        name=partner.name,
                        date=partner.wo_birthday,
                    )
                )

    @api.model
    def _wo_birthday_days(self):
        return int(self.env["ir.config_parameter"].sudo().get_param(BIRTHDAY_DAYS_PARAM, 3))

    @api.model
    def _wo_coming_month_days(self, today=None, days=None):
        """month * 100 + day of today and the next ``days`` days."""
        today = today or fields.Date.context_today(self)
        days = self._wo_birthday_days() if days is None else days
        coming = [today + timedelta(days=offset) for offset in range(days + 1)]
        values = {d.month * 100 + d.day for d in coming}
        # born on 29 February: remembered on 28 February in common years
        if 228 in values and not _is_leap(today.year):
            values.add(229)
        return sorted(values)

    def _compute_wo_birthday_soon(self):
        coming = set(self._wo_coming_month_days())
        for partner in self:
            partner.wo_birthday_soon = partner.wo_birthday_md in coming

    def _search_wo_birthday_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("wo_birthday_md", "in", self._wo_coming_month_days())
        return domain if (operator == "=") == value else ~domain

    @api.depends_context("uid")
    def _compute_wo_contact_stats(self):
        Entry = self.env["wo.contact.entry"]
        Thread = self.env["wo.contact.thread"]
        commercial = self.commercial_partner_id
        counts = dict(
            Entry._read_group(
                [("commercial_partner_id", "in", commercial.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        threads = dict(
            Thread._read_group(
                [("partner_id", "child_of", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        now = fields.Datetime.now()
        for partner in self:
            company = partner.commercial_partner_id
            partner.wo_contact_count = counts.get(company, 0)
            partner.wo_thread_count = sum(
                n for p, n in threads.items() if p.commercial_partner_id == company
            )
            partner.wo_last_contact_ids = (
                Entry.search(
                    [("commercial_partner_id", "=", company.id), ("date", "<=", now)], limit=5
                )
                if company.id
                else Entry
            )
            partner.wo_next_contact_id = (
                Entry.search(
                    [("commercial_partner_id", "=", company.id), ("date", ">", now)],
                    order="date",
                    limit=1,
                )
                if company.id
                else Entry
            )

    @api.model
    def _cron_wo_birthday_reminders(self, batch_size=1000):
        """Remind the salesperson of each counterparty N days before the
        birthday of one of its contact persons, once a year per person."""
        today = fields.Date.context_today(self)
        # the year of each coming birthday: next year's for the days past 31 December
        by_year = {}
        for offset in range(self._wo_birthday_days() + 1):
            day = today + timedelta(days=offset)
            by_year.setdefault(day.year, []).append(day.month * 100 + day.day)
            if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
                by_year[day.year].append(229)
        domain = Domain.OR(
            Domain("wo_birthday_md", "in", mds)
            & (
                Domain("wo_birthday_reminded_year", "=", False)
                | Domain("wo_birthday_reminded_year", "<", year)
            )
            for year, mds in by_year.items()
        )

        def remind(partners):
            for year, group in partners.grouped(
                lambda p: _this_years(p.wo_birthday, today).year
            ).items():
                group.write({"wo_birthday_reminded_year": year})
            for partner in partners:
                responsible = partner.commercial_partner_id.user_id or partner.user_id
                if not responsible:
                    continue
                birthday = _this_years(partner.wo_birthday, today)
                partner.commercial_partner_id.activity_schedule(
                    "wo_crm_contacts.mail_activity_type_birthday",
                    date_deadline=birthday,
                    summary=self.env._(
                        "Birthday of %(name)s on %(date)s", name=partner.name, date=birthday
                    ),
                    user_id=responsible.id,
                )

        process_in_batches(self, domain, remind, batch_size)

    def action_wo_log_contact(self):
        """The short form to log a contact (a call by default) with this partner."""
        self.ensure_one()
        call = self.env.ref("wo_crm_contacts.wo_contact_kind_call", raise_if_not_found=False)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Contact"),
            "res_model": "wo.contact.entry",
            "view_mode": "form",
            "views": [
                (self.env.ref("wo_crm_contacts.wo_contact_entry_view_form_quick").id, "form")
            ],
            "target": "new",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_contact_ids": [self.id] if self.parent_id else [],
                "default_kind_id": call.id if call else False,
            },
        }

    def action_wo_view_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_crm_contacts.wo_contact_entry_action"
        )
        action.update(
            domain=[("commercial_partner_id", "=", self.commercial_partner_id.id)],
            context={"default_partner_id": self.commercial_partner_id.id},
        )
        return action

    def action_wo_view_threads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_crm_contacts.wo_contact_thread_action"
        )
        action.update(
            domain=[("partner_id", "child_of", self.commercial_partner_id.id)],
            context={"default_partner_id": self.commercial_partner_id.id},
        )
        return action


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _this_years(birthday, today):
    """The birthday's date in the coming days (28 February for 29 February
    in a common year)."""
    for year in (today.year, today.year + 1):
        try:
            day = date(year, birthday.month, birthday.day)
        except ValueError:
            day = date(year, 2, 28)
        if day >= today:
            return day
    return today
