"""Records: filing letters into a case of the file plan (wo_records) against
a plain write of one field on the same letters, for WO_BENCH_SIZES letters
(default 10000,100000); closing a year's plan of 1k cases over those filed
letters and WO_BENCH_CLOSE_FILED more (default 1000000: the year's million
records; time, memory, commits); the inventory of a case of 10k letters against a plain search_read
of the same letters.

Filing goes through every check a person's filing does (the case open, of
the letter's company; the archivist files anywhere), a thousand letters a
write as a list's mass edit sends them. Goal: at most 1.2x the plain write
per letter, flat from 10k to 100k; closing independent of the letters
filed; the inventory of 10k letters under 2 s.
"""

import datetime
import os
import resource
import time

from common import measure, ratio_row

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "10000,100000").split(",")]
CLOSE_FILED = int(os.environ.get("WO_BENCH_CLOSE_FILED", "1000000"))
CHUNK = 1000


def _letters(env, journal, size, tag):
    """``size`` registered incoming letters (direct SQL: the bench's data)."""
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO wo_correspondence (
            name, direction, company_id, journal_id, date_registration, date_document,
            priority, subject, active, state, control_state, answer_state, page_count,
            enclosure_count, create_uid, write_uid, create_date, write_date)
        SELECT 'REC-' || %(tag)s || '-' || g, 'incoming', %(company)s, %(journal)s,
               CURRENT_DATE - (g %% 300), CURRENT_DATE - (g %% 300), '1', 'Letter ' || g,
               TRUE, 'registered', 'none', 'none', 1 + g %% 7, 0, 1, 1, now(), now()
          FROM generate_series(1, %(size)s) g
        RETURNING id
        """,
        {"tag": tag, "company": env.company.id, "journal": journal.id, "size": size},
    )
    ids = [row[0] for row in env.cr.fetchall()]
    return env["wo.correspondence"].browse(ids)


def _chunks(records):
    for start in range(0, len(records), CHUNK):
        yield records[start : start + CHUNK]


def run(env, report):
    env = env(context={"tracking_disable": True, "mail_notrack": True})
    archivist = env.ref("base.user_admin")
    journal = env["wo.correspondence.journal"].search(
        [("direction", "=", "incoming"), ("company_id", "=", env.company.id)], limit=1
    )
    year = 2900
    plan = env["wo.records.plan"].create({"year": year, "user_id": archivist.id})
    cases = env["wo.records.case"].create(
        [
            {
                "plan_id": plan.id,
                "index": f"B-{index:04d}",
                "title": f"Bench case {index}",
                "retention_years": 5,
                "date_open": datetime.date(year, 1, 1),
            }
            for index in range(1000)
        ]
    )
    plan.action_approve()
    case = cases[0]
    for size in SIZES:
        filed = _letters(env, journal, size, f"F{size}")
        plain = _letters(env, journal, size, f"P{size}")
        env.invalidate_all()

        def file(filed=filed):
            for chunk in _chunks(filed):
                chunk.with_user(archivist).write({"records_case_id": case.id})

        def write(plain=plain):
            for chunk in _chunks(plain):
                chunk.with_user(archivist).write({"page_count": 3})

        ratio_row(report, "file into a case", size, measure(env, file), measure(env, write))
        env.invalidate_all()

    # the inventory of a case of 10k letters
    sample = env["wo.correspondence"].search([("records_case_id", "=", case.id)], limit=10_000)
    env.flush_all()
    env.cr.execute(
        "UPDATE wo_correspondence SET records_case_id = NULL WHERE records_case_id = %s "
        "AND id != ALL(%s)",
        (case.id, sample.ids),
    )
    env.invalidate_all()
    wo = measure(env, lambda: case._inventory_rows())
    env.invalidate_all()
    odoo = measure(
        env,
        lambda: env["wo.correspondence"].search_read(
            [("records_case_id", "=", case.id)],
            ["name", "date_registration", "subject", "page_count"],
            order="date_registration, name",
        ),
    )
    ratio_row(report, "inventory of a case", len(sample), wo, odoo)

    # closing the year: the plan's 1k cases, whatever they hold (the year's
    # million records filed into them, straight in SQL: the bench's data)
    if CLOSE_FILED:
        env.cr.execute(
            """
            INSERT INTO wo_correspondence (
                name, direction, company_id, journal_id, date_registration, date_document,
                priority, subject, active, state, control_state, answer_state, page_count,
                enclosure_count, records_case_id, create_uid, write_uid, create_date, write_date)
            SELECT 'YEAR-' || g, 'incoming', %(company)s, %(journal)s, CURRENT_DATE,
                   CURRENT_DATE, '1', 'Letter ' || g, TRUE, 'registered', 'none', 'none', 1, 0,
                   (%(cases)s::int[])[1 + g %% %(count)s], 1, 1, now(), now()
              FROM generate_series(1, %(size)s) g
            """,
            {
                "company": env.company.id,
                "journal": journal.id,
                "cases": cases.ids,
                "count": len(cases),
                "size": CLOSE_FILED,
            },
        )
    env.invalidate_all()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    queries, _seconds = measure(env, lambda: cases._close(datetime.date(year, 12, 31)))
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
    print(
        f"close 1k cases holding {CLOSE_FILED + sum(SIZES)} letters: "
        f"{time.perf_counter() - started:.2f} s, {queries} queries, one transaction "
        f"(no commit), peak memory +{grown:.1f} MB"
    )
    report.row(
        measure="close 1k cases",
        size=len(cases),
        wo_q_rec=queries / len(cases),
        odoo_q_rec=0,
        q_ratio=0,
        wo_ms_rec=(time.perf_counter() - started) * 1000 / len(cases),
        odoo_ms_rec=0,
        t_ratio=0,
    )
