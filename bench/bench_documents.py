"""Documents: creation and registration against project.task, approvals, search at scale.

1. Create and register N documents against creating N project.task in the
   same run: queries and seconds per record, ratios.
2. Approve 1000 documents along a one-step route: seconds and queries per
   decision.
3. Search by number and by party among 100k documents, with WO's indexes
   and with them dropped (in the same transaction, then restored).
"""

import os
import time

from common import bench_user, measure, ratio_row

from odoo import Command

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
SEARCH_SIZE = int(os.environ.get("WO_BENCH_SEARCH_SIZE", "100000"))


def run(env, report):
    author = bench_user(
        env,
        "bench_doc_author",
        ["wo_documents.group_wo_documents_author", "project.group_project_user"],
    )
    approver = bench_user(env, "bench_doc_approver", ["wo_documents.group_wo_documents_editor"])
    party = env["res.partner"].create({"name": "Bench Party", "is_company": True})
    project = env["project.project"].create({"name": "Bench documents"})
    project.message_subscribe(partner_ids=author.partner_id.ids)
    doc_type = env["wo.document.type"].create(
        {
            "name": "Bench contract",
            "code": "BENCH",
            "route_step_ids": [
                Command.create({"name": "Approver", "approver": "user", "user_id": approver.id})
            ],
        }
    )
    Document = env["wo.document"].with_user(author)
    Task = env["project.task"].with_user(author)

    for size in SIZES:

        def create_docs(size=size):
            Document.create(
                [
                    {
                        "type_id": doc_type.id,
                        "subject": f"Doc {i}",
                        "partner_id": party.id,
                        "amount": i,
                    }
                    for i in range(size)
                ]
            ).action_register()

        wo_q, wo_t = measure(env, create_docs)
        pj_q, pj_t = measure(
            env,
            lambda size=size: Task.create(
                [
                    {"name": f"Doc {i}", "project_id": project.id, "partner_id": party.id}
                    for i in range(size)
                ]
            ),
        )
        ratio_row(report, "create+register", size, (wo_q, wo_t), (pj_q, pj_t))
        env.invalidate_all()

    documents = Document.create(
        [
            {"type_id": doc_type.id, "subject": f"Approve {i}", "partner_id": party.id}
            for i in range(1000)
        ]
    )
    for document in documents:
        document.action_send_for_approval()
    env.flush_all()
    as_approver = documents.with_user(approver)
    q, t = measure(env, lambda: [doc.action_decide("approved") for doc in as_approver])
    approved = sum(1 for doc in documents if doc.state == "approved")
    report.row(
        measure="approve",
        size=1000,
        wo_q_rec=q / 1000,
        odoo_q_rec=f"{approved} approved",
        q_ratio="",
        wo_ms_rec=t * 1000 / 1000,
        odoo_ms_rec="",
        t_ratio="",
    )

    # search at scale
    env.flush_all()
    existing = env["wo.document"].search_count([])
    missing = max(SEARCH_SIZE - existing, 0)
    if missing:
        env.cr.execute(
            """
            INSERT INTO wo_document (name, type_id, journal_id, subject, author_id, company_id,
                                     partner_id, state, date_registration, currency_id,
                                     confidential, is_signed, is_returned, is_original_out,
                                     create_uid, write_uid, create_date, write_date)
            SELECT 'BULK-' || lpad(n::text, 7, '0'), %s, %s, 'Bulk ' || n, %s, %s, %s, 'draft',
                   CURRENT_DATE, %s, FALSE, FALSE, FALSE, FALSE, 1, 1, now(), now()
              FROM generate_series(1, %s) n
            """,
            (
                doc_type.id,
                doc_type.journal_id.id,
                author.id,
                env.company.id,
                party.id,
                env.company.currency_id.id,
                missing,
            ),
        )
    other = env["res.partner"].create({"name": "Needle Party", "is_company": True})
    needle = env["wo.document"].create(
        {"type_id": doc_type.id, "subject": "Needle", "partner_id": other.id}
    )
    needle.action_register()
    env.flush_all()
    env.cr.execute("ANALYZE wo_document")

    def searches():
        found_number = env["wo.document"].search([("name", "=", needle.name)])
        found_party = env["wo.document"].search([("partner_id", "=", other.id)], limit=80)
        assert found_number == needle and found_party == needle

    def timed(repeat=50):
        timings = []
        for _ in range(repeat):
            env.invalidate_all()
            t0 = time.perf_counter()
            searches()
            timings.append(time.perf_counter() - t0)
        timings.sort()
        return timings[len(timings) // 2]

    with_indexes = timed()
    env.cr.execute("SAVEPOINT drop_indexes")
    env.cr.execute(
        """DROP INDEX IF EXISTS wo_document_number_uniq, wo_document__name_index,
                      wo_document_partner_date_idx, wo_document__partner_id_index"""
    )
    without_indexes = timed(10)
    env.cr.execute("ROLLBACK TO SAVEPOINT drop_indexes")
    report.row(
        measure="search number+party",
        size=env["wo.document"].search_count([]),
        wo_q_rec="",
        odoo_q_rec="",
        q_ratio="",
        wo_ms_rec=with_indexes * 1000,
        odoo_ms_rec=f"{without_indexes * 1000:.3f} ms without indexes",
        t_ratio=without_indexes / with_indexes,
    )
