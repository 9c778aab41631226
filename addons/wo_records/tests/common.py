import base64
import datetime
from unittest.mock import patch

from odoo import Command

from odoo.addons.wo_correspondence.tests.common import WoCorrespondenceCommon
from odoo.addons.wo_documents.tests.common import WoDocumentsCommon
from odoo.addons.wo_staff.tools import TRUSTED

ARCHIVIST = "wo_records.group_wo_records_archivist"


class WoRecordsCommon(WoCorrespondenceCommon, WoDocumentsCommon):
    """This year's file plan of the test company (Legal and Accounting
    sections), in force; an archivist; letters and documents to file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["wo.records.plan"]
        cls.Case = cls.env["wo.records.case"]
        cls.Act = cls.env["wo.records.act"]
        cls.today = datetime.date.today()
        cls.year = cls.today.year
        # the database may hold file plans of these years (demo data): out of
        # the way, so that the tests make their own
        old = cls.Plan.search([("year", ">=", cls.year - 10), ("year", "<=", cls.year + 10)])
        for plan in old.with_context(wo_records_flow=TRUSTED):
            plan.year = 1900 + plan.id % 1000
        # and out of the crons' way
        cls.Plan.search([]).date_close_reminded = cls.today
        cls.Case.search([]).with_context(wo_records_flow=TRUSTED).date_expiry_notified = cls.today
        cls.user_archivist = cls.wo_user(
            "wo_archivist",
            "Arina Archivist",
            f"{ARCHIVIST},wo_correspondence.group_wo_correspondence_reader,"
            "wo_documents.group_wo_documents_reader",
        )
        cls.wo_employee(cls.user_archivist, cls.dep_management)
        cls.article_contracts = cls.env.ref("wo_records.wo_records_article_contracts")
        cls.article_orders = cls.env.ref("wo_records.wo_records_article_orders_core")
        cls.plan = cls.Plan.create({"year": cls.year, "user_id": cls.user_archivist.id})
        cls.section_legal = cls.env["wo.records.section"].create(
            {
                "plan_id": cls.plan.id,
                "code": "02",
                "name": "Legal",
                "department_id": cls.dep_legal.id,
            }
        )
        cls.section_contracts = cls.env["wo.records.section"].create(
            {
                "plan_id": cls.plan.id,
                "code": "04",
                "name": "Contracts",
                "department_id": cls.dep_contracts.id,
            }
        )
        cls.section_accounting = cls.env["wo.records.section"].create(
            {
                "plan_id": cls.plan.id,
                "code": "03",
                "name": "Accounting",
                "department_id": cls.dep_accounting.id,
            }
        )
        cls.case_letters = cls.make_case("02-07", "Letters from counterparties", cls.section_legal)
        cls.case_contracts = cls.make_case(
            "04-01", "Contracts", cls.section_contracts, article_id=cls.article_contracts.id
        )
        cls.case_accounting = cls.make_case("03-02", "Tax office", cls.section_accounting)
        cls.plan.with_user(cls.user_archivist).action_approve()
        cls.journal_in.records_case_id = cls.case_letters

    @classmethod
    def make_case(cls, index, title, section=None, plan=None, **vals):
        values = {
            "plan_id": (plan or cls.plan).id,
            "section_id": section.id if section else False,
            "index": index,
            "title": title,
            "date_open": datetime.date((plan or cls.plan).year, 1, 1),
        }
        if "article_id" not in vals and "retention" not in vals:
            values.update(retention="years", retention_years=5)
        values.update(vals)
        return cls.Case.create(values)

    @classmethod
    def old_plan(cls, years_ago, *cases):
        """A plan of ``years_ago``, in force, with ``cases`` (index, title,
        retention years) closed at its year's end."""
        plan = cls.Plan.create({"year": cls.year - years_ago, "user_id": cls.user_archivist.id})
        made = cls.Case.browse()
        for index, title, years in cases:
            vals = {"retention": "permanent"} if years is None else {"retention_years": years}
            made |= cls.make_case(index, title, plan=plan, department_id=cls.dep_legal.id, **vals)
        plan.with_user(cls.user_archivist).action_approve()
        made.with_user(cls.user_archivist)._close(datetime.date(plan.year, 12, 31))
        return plan, made

    def crashed_on_third_batch(self, run):
        """Runs ``run`` (a cron) with the third activity creation killing
        the worker; True if it crashed. (Not Odoo's assertRaises: its
        savepoint would undo the batches committed before.)"""
        Activity = type(self.env["mail.activity"])
        original = Activity.create
        calls = {"count": 0}

        def crash_on_third_batch(records, vals_list):
            calls["count"] += 1
            if calls["count"] == 3:
                raise RuntimeError("worker killed")
            return original(records, vals_list)

        with patch.object(Activity, "create", crash_on_third_batch):
            try:
                run()
            except RuntimeError:
                return True
        return False

    @classmethod
    def attach(cls, record, name="scan.pdf", data=b"%PDF-1.4 test"):
        return cls.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(data),
                "res_model": record._name,
                "res_id": record.id,
            }
        )

    @classmethod
    def act(cls, kind, cases, approvers=None, **vals):
        values = {
            "kind": kind,
            "case_ids": [Command.set(cases.ids)],
            "approver_ids": [Command.set((approvers or cls.user_director).ids)],
            "user_id": cls.user_archivist.id,
        }
        values.update(vals)
        return cls.Act.with_user(cls.user_archivist).create(values)
