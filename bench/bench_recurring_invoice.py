"""Recurring invoices: OCA contract's cron on WO-linked contracts against plain OCA contracts.

1. Start N contracts: put N invoiced documents in force (each creates its OCA
   contract from the document's template) against creating N plain OCA
   contracts with the same lines, in the same run: queries and seconds per
   contract, ratios.
2. One run of OCA's cron (``cron_recurring_create_invoice``) invoicing the N
   WO-linked contracts, against one run invoicing the N plain contracts
   (their first invoice dates differ, so each run invoices only its own
   set): queries and seconds per contract, ratios. Both sets are checked:
   every contract invoiced once, and once only after a second run.

Both sets carry the period on their lines (``line_recurrence``), as WO makes
its contracts: with the period on the header only, OCA contract 19.0 leaves
the lines past the first 1000 of one cron batch with their old next invoice
date, and invoices them again on the next run (measured: 600 contracts of 2
lines, 100 invoiced twice).

Sizes: ``WO_BENCH_INVOICE_SIZES`` (default 1000); ``WO_BENCH_LARGE=1`` adds
10000 (long: each contract is a real OCA contract and invoice).
"""

import os

from common import measure, ratio_row
from dateutil.relativedelta import relativedelta

from odoo import Command, fields

SIZES = [int(s) for s in os.environ.get("WO_BENCH_INVOICE_SIZES", "1000").split(",")]
if os.environ.get("WO_BENCH_LARGE"):
    SIZES.append(10000)


def _sale_journal(env):
    Journal = env["account.journal"]
    domain = [*Journal._check_company_domain(env.company), ("type", "=", "sale")]
    if not Journal.search_count(domain, limit=1):
        env["account.chart.template"].try_loading(
            "generic_coa", company=env.company, install_demo=False
        )
    return Journal.search(domain, limit=1)


def run(env, report):
    journal = _sale_journal(env)
    products = env["product.product"].create(
        [
            {"name": "Bench rent", "type": "service", "list_price": 1000.0},
            {"name": "Bench cleaning", "type": "service", "list_price": 50.0},
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench tenant {i}", "is_company": True} for i in range(50)]
    )
    doc_type = env["wo.document.type"].create(
        {
            "name": "Bench lease",
            "code": "BLSE",
            "is_invoiced": True,
            "approval_required": False,
            "route_step_ids": [Command.clear()],
        }
    )
    template = [
        {"product_id": products[0].id, "quantity": 2, "price_unit": 700.0},
        {"product_id": products[1].id, "quantity": 1, "price_unit": 45.5},
    ]
    today = fields.Date.context_today(env.user)
    Contract = env["contract.contract"]

    for index, size in enumerate(SIZES):
        # each size in its own months, so that runs never overlap
        wo_start = today.replace(day=1) + relativedelta(months=index * 3)
        plain_start = wo_start + relativedelta(days=10)
        documents = env["wo.document"].create(
            [
                {
                    "type_id": doc_type.id,
                    "subject": f"Bench lease {i}",
                    "partner_id": partners[i % len(partners)].id,
                    "invoice_rule_type": "monthly",
                    "invoice_interval": 1,
                    "invoicing_type": "pre-paid",
                    "invoice_date_start": wo_start,
                    "invoice_line_ids": [Command.create(line) for line in template],
                }
                for i in range(size)
            ]
        )
        documents.action_approve_without_route()
        documents.action_mark_signed()

        def start_wo(documents=documents):
            documents.action_put_in_force()

        def start_plain(size=size, plain_start=plain_start):
            values = [
                {
                    "name": f"Plain contract {i}",
                    "partner_id": partners[i % len(partners)].id,
                    "journal_id": journal.id,
                    "contract_type": "sale",
                    "recurring_rule_type": "monthly",
                    "recurring_interval": 1,
                    "recurring_invoicing_type": "pre-paid",
                    "date_start": plain_start,
                    # as WO makes them: the period on the lines (see
                    # wo_document._wo_contract_values)
                    "line_recurrence": True,
                    "contract_line_ids": [
                        Command.create(
                            dict(
                                line,
                                name=products.browse(line["product_id"]).name,
                                date_start=plain_start,
                                recurring_rule_type="monthly",
                                recurring_interval=1,
                                recurring_invoicing_type="pre-paid",
                            )
                        )
                        for line in template
                    ],
                }
                for i in range(size)
            ]
            # chunks of 500 lines, as WO does: OCA contract 19.0 fails on
            # more than 1000 new lines in one create()
            for i in range(0, size, 250):
                Contract.create(values[i : i + 250])

        wo_q, wo_t = measure(env, start_wo)
        pl_q, pl_t = measure(env, start_plain)
        ratio_row(report, "start contracts", size, (wo_q, wo_t), (pl_q, pl_t))
        env.invalidate_all()

        wo_contracts = Contract.search([("wo_document_id", "in", documents.ids)])
        plain_contracts = Contract.search(
            [("wo_document_id", "=", False), ("date_start", "=", plain_start)]
        )

        def invoiced(contracts):
            return len(
                env["account.move.line"]
                .search([("contract_line_id", "in", contracts.contract_line_ids.ids)])
                .move_id
            )

        wo_q, wo_t = measure(env, lambda d=wo_start: Contract.cron_recurring_create_invoice(d))
        env.invalidate_all()
        wo_invoices = invoiced(wo_contracts)
        stale = len(
            wo_contracts.contract_line_ids.filtered(
                lambda line, d=wo_start: line.recurring_next_date <= d
            )
        )
        pl_q, pl_t = measure(env, lambda d=plain_start: Contract.cron_recurring_create_invoice(d))
        env.invalidate_all()
        pl_invoices = invoiced(plain_contracts)
        # a second run on the same day invoices nothing more
        Contract.cron_recurring_create_invoice(plain_start)
        env.invalidate_all()
        again = (invoiced(wo_contracts), invoiced(plain_contracts))
        assert (wo_invoices, pl_invoices, stale) == (size, size, 0), (wo_invoices, pl_invoices)
        assert again == (size, size), again
        ratio_row(report, "cron: invoice all", size, (wo_q, wo_t), (pl_q, pl_t))
        env.invalidate_all()
