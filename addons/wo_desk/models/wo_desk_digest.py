from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.wo_staff.tools.batches import process_in_batches
from odoo.addons.wo_tasks.models.wo_task_executor import REPORTABLE


class WoDeskDigest(models.Model):
    """The weekly digest a head was sent (or had nothing to be sent): one
    row per head and week, written with the e-mail in one transaction, so
    that the cron sends each head one digest a week, even after a crash or
    with two cron workers."""

    _name = "wo.desk.digest"
    _description = "WO Weekly Digest"
    _order = "week desc, id desc"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", readonly=True)
    week = fields.Date(required=True, readonly=True, help="The Monday of the week.")
    # indexed: a mail sent (deleted) looks for the digests that refer to it
    mail_id = fields.Many2one(
        "mail.mail", readonly=True, ondelete="set null", index="btree_not_null"
    )
    overdue_count = fields.Integer(readonly=True)
    due_count = fields.Integer(readonly=True)

    _user_week_uniq = models.UniqueIndex("(user_id, week)")

    @api.model
    def _cron_send(self, batch_size=100):
        """A digest to every head of a department for this week: the lines of
        their departments overdue now and due this week."""
        today = fields.Date.context_today(self)
        week = today - timedelta(days=today.weekday())
        heads = (
            self.env["hr.department"]
            .search([("manager_id.user_id", "!=", False)])
            .manager_id.user_id
        )
        domain = [
            ("id", "in", heads.ids),
            ("wo_desk_digest_ids", "not any", [("week", "=", week)]),
        ]
        process_in_batches(
            self.env["res.users"],
            domain,
            lambda users: self._wo_send(users, week),
            batch_size,
        )

    def _wo_send(self, users, week):
        Line = self.env["wo.task.executor"].sudo()
        end = week + timedelta(days=6)
        today = fields.Date.context_today(self)
        for user in users:
            # the departments the user heads, with their sub-departments
            headed = self.env["hr.department"].search([("manager_id.user_id", "=", user.id)])
            departments = self.env["hr.department"].search([("id", "child_of", headed.ids)])
            open_lines = Line.search(
                [("department_id", "in", departments.ids), ("state", "in", REPORTABLE)],
                order="date_deadline_effective, id",
            )
            overdue = open_lines.filtered(
                lambda line: line.date_deadline_effective and line.date_deadline_effective < today
            )
            due = open_lines.filtered(
                lambda line: (
                    line.date_deadline_effective and today <= line.date_deadline_effective <= end
                )
            )
            mail = self.env["mail.mail"]
            if overdue or due:
                mail = self._wo_mail(user, week, overdue, due)
            self.create(
                {
                    "user_id": user.id,
                    "week": week,
                    "mail_id": mail.id,
                    "overdue_count": len(overdue),
                    "due_count": len(due),
                }
            )

    def _wo_mail(self, user, week, overdue, due):
        user_env = self.with_context(lang=user.lang).env
        body = user_env["ir.qweb"]._render(
            "wo_desk.wo_desk_digest_mail",
            {"user": user, "week": week, "overdue": overdue, "due": due},
        )
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": user_env._(
                        "Execution control, week of %(week)s: %(overdue)s overdue, %(due)s due",
                        week=week,
                        overdue=len(overdue),
                        due=len(due),
                    ),
                    "body_html": body,
                    "recipient_ids": [(6, 0, user.partner_id.ids)],
                    "auto_delete": True,
                }
            )
        )
