from odoo import api, fields, models
from odoo.tools import SQL

# employee fields shown on My Profile: the passport details, to the user
# themself and to HR officers only (see _compute_wo_passport)
WO_PASSPORT_FIELDS = {
    "wo_passport_number": "passport_id",
    "wo_passport_series": "wo_passport_series",
    "wo_passport_issued_by": "wo_passport_issued_by",
    "wo_passport_issue_date": "wo_passport_issue_date",
    "wo_passport_expiration_date": "passport_expiration_date",
}


class ResUsers(models.Model):
    _inherit = "res.users"

    wo_acting_for_ids = fields.Many2many(
        "res.users",
        string="Acts For",
        compute="_compute_wo_acting_for_ids",
        help="The users this user acts for today: themself, the heads of the "
        "departments they are a deputy of, and the people they substitute.",
    )
    wo_headed_department_ids = fields.Many2many(
        "hr.department",
        string="Headed Departments",
        compute="_compute_wo_headed_department_ids",
        help="Departments, with their sub-departments, headed by this user or by "
        "someone they act for today.",
    )
    wo_substitution_ids = fields.One2many("wo.substitution", "user_id", string="Substitutions")
    # The passport details of the user's employee, read-only: the user sees
    # their own, HR officers everyone's, others nothing; HR changes them on
    # the employee. Not related fields: those would carry the HR group of
    # the employee's fields, and hr lets a user write every field of their
    # own user that they may read under that group (My Profile).
    wo_passport_number = fields.Char(string="Passport No", compute="_compute_wo_passport")
    wo_passport_series = fields.Char(string="Passport Series", compute="_compute_wo_passport")
    wo_passport_issued_by = fields.Char(string="Passport Issued By", compute="_compute_wo_passport")
    wo_passport_issue_date = fields.Date(
        string="Passport Issue Date", compute="_compute_wo_passport"
    )
    wo_passport_expiration_date = fields.Date(
        string="Passport Expiration Date", compute="_compute_wo_passport"
    )

    @property
    def SELF_READABLE_FIELDS(self):
        # every field of My Profile, or hr reads it without the user's own rights
        return super().SELF_READABLE_FIELDS + [*WO_PASSPORT_FIELDS, "wo_acting_for_ids"]

    # ------------------------------------------------------------------
    # Who acts for whom: the one implementation every WO addon uses
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    def _compute_wo_acting_for_ids(self):
        acting = self._wo_acting_for_map()
        for user in self:
            user.wo_acting_for_ids = self.browse(sorted(acting.get(user.id, {user.id})))

    @api.depends_context("uid")
    def _compute_wo_headed_department_ids(self):
        for user in self:
            user.wo_headed_department_ids = self.env["hr.department"].browse(
                user._wo_headed_department_ids()
            )

    @api.depends(*(f"employee_ids.{fname}" for fname in WO_PASSPORT_FIELDS.values()))
    @api.depends_context("uid", "company")
    def _compute_wo_passport(self):
        hr_officer = self.env.user.has_group("hr.group_hr_user")
        for user in self:
            # sudo: the user's own employee, or an HR officer reading it
            employee = user.sudo().employee_id if hr_officer or user == self.env.user else None
            for fname, employee_fname in WO_PASSPORT_FIELDS.items():
                user[fname] = employee[employee_fname] if employee else False

    def _wo_acting_for_map(self, date=None):
        """For each user of ``self``, the ids of the users they act for on
        ``date`` (default: today), themself included.

        Two sources, one query: deputies of department heads (always, while
        deputy, head and department are active), and substitutions in force on
        the date. Not transitive: a deputy's deputy does not act for the head.
        """
        result = {user.id: {user.id} for user in self}
        if not self:
            return result
        date = date or fields.Date.context_today(self)
        self.env["wo.department.deputy"].flush_model()
        self.env["wo.substitution"].flush_model()
        self.env["hr.department"].flush_model(["manager_id", "active"])
        self.env["hr.employee"].flush_model(["user_id", "active"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT deputy.user_id, head.user_id
                  FROM wo_department_deputy line
                  JOIN hr_employee deputy ON deputy.id = line.employee_id AND deputy.active
                  JOIN hr_department dept ON dept.id = line.department_id AND dept.active
                  JOIN hr_employee head ON head.id = dept.manager_id AND head.active
                 WHERE deputy.user_id = ANY(%s) AND head.user_id IS NOT NULL
                 UNION %s
                """,
                self.ids,
                self.env["wo.substitution"]._wo_current_substitutes_sql(self.ids, date),
            )
        )
        for actor, principal in rows:
            result[actor].add(principal)
        return result

    def _wo_acting_for_user_ids(self, date=None):
        """Ids of the users ``self`` (one user) acts for, themself included."""
        self.ensure_one()
        return sorted(self._wo_acting_for_map(date)[self.id])

    def _wo_acts_for(self, other, date=None):
        """Whether ``self`` may act for the user ``other``."""
        self.ensure_one()
        return other.id in self._wo_acting_for_map(date)[self.id]

    def _wo_headed_department_ids(self, date=None):
        """Ids of the departments (with sub-departments) headed by ``self`` or
        by someone ``self`` acts for."""
        self.ensure_one()
        self.env["hr.department"].flush_model(["manager_id", "active", "parent_path"])
        rows = self.env.execute_query(
            SQL(
                """SELECT DISTINCT sub.id
                     FROM hr_department dept
                     JOIN hr_employee head ON head.id = dept.manager_id
                     JOIN hr_department sub ON sub.parent_path LIKE dept.parent_path || '%%'
                    WHERE dept.active AND sub.active AND head.user_id = ANY(%s)""",
                self._wo_acting_for_user_ids(date),
            )
        )
        return [row[0] for row in rows]

    def _wo_department_map(self):
        """For each user of ``self``: {company id: department} of their
        employees (one query), for the records that note their people's
        department. ``_wo_department(map, user, company)`` reads it."""
        result = {}
        employees = self.env["hr.employee"].sudo().search([("user_id", "in", self.ids)])
        for employee in employees:
            result.setdefault(employee.user_id.id, {}).setdefault(
                employee.company_id.id, employee.department_id
            )
        return result

    @api.model
    def _wo_department(self, department_map, user, company):
        """The user's department in ``company``, else in any company."""
        by_company = department_map.get(user.id, {})
        department = by_company.get(company.id)
        if department is None and by_company:
            department = next(iter(by_company.values()))
        return department or self.env["hr.department"]

    @api.model
    def _wo_acting_for_changed(self):
        """Deputies, heads or substitutions changed: the change takes effect at
        once, in this transaction (computed fields) and for the record rules
        of every worker (their cached domains)."""
        self.invalidate_model(["wo_acting_for_ids", "wo_headed_department_ids"])
        self.env.registry.clear_cache()
