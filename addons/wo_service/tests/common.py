import datetime

from odoo import Command

from odoo.addons.wo_staff.tests.common import WoCommon


class WoServiceCommon(WoCommon):
    """A monthly procedure of three steps (collect, book after collect,
    report after book), a client managed by the accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_tasks.group_wo_tasks_editor")
        cls.levels = cls.wo_level_users("wo_service", "service")
        cls.Procedure = cls.env["wo.service.procedure"]
        cls.Client = cls.env["wo.service.client"]
        cls.Run = cls.env["wo.service.run"]
        cls.today = datetime.date.today()
        cls.acme = cls.env["res.partner"].create(
            {"name": "Acme Supplies", "is_company": True, "user_id": cls.user_accountant.id}
        )
        cls.globex = cls.env["res.partner"].create(
            {"name": "Globex", "is_company": True, "user_id": cls.user_employee.id}
        )
        cls.procedure = cls.Procedure.create(
            {
                "name": "Monthly bookkeeping",
                "period": "monthly",
                "horizon_days": 0,
                "step_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "name": "Collect {client} {period}",
                            "executor_type": "manager",
                            "deadline_base": "start",
                            "deadline_offset": 5,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "name": "Book {client} {period}",
                            "executor_type": "user",
                            "user_ids": [Command.set(cls.user_employee.ids)],
                            "deadline_base": "start",
                            "deadline_offset": 15,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 3,
                            "name": "Report to {client}",
                            "executor_type": "head",
                            "department_id": cls.dep_legal.id,
                            "deadline_base": "end",
                            "deadline_offset": 3,
                        }
                    ),
                ],
            }
        )
        cls.collect, cls.book, cls.report = cls.procedure.step_ids
        cls.book.depends_on_id = cls.collect
        cls.report.depends_on_id = cls.book
        cls.month = cls.today.replace(day=1)

    @classmethod
    def apply(cls, partner=None, start=None, **vals):
        return cls.Client.create(
            {
                "procedure_id": cls.procedure.id,
                "partner_id": (partner or cls.acme).id,
                "date_start": start or cls.month,
                **vals,
            }
        )

    def runs(self, client):
        return self.Run.search([("client_id", "=", client.id)], order="period_start, sequence")

    def run_cron(self, **kwargs):
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env["wo.service.client"].with_env(self.env(cr=cr))._cron_generate(**kwargs)
        self.env.invalidate_all()
