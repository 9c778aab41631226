"""Contacts: the journal against project.task, the birthday cron, concurrent bookings.

1. Create N contact entries (2 contact persons each) in one ``create``,
   against N ``project.task``: queries and seconds per record, ratios.
2. The birthday cron over 10k and 100k partners (100k more with
   WO_BENCH_LARGE=1): seconds per partner in the table and per reminder;
   its cost follows the birthdays found, not the partners stored.
3. 1000 booking attempts on 10 resources from 4 clients at once, each in
   its own transaction: zero overlaps in the result, every refusal a clean
   error (the Python check or the database's exclusion constraint).
"""

import os
import random
import threading
import time
from datetime import date, datetime, timedelta

import psycopg2
from common import measure, ratio_row

from odoo import Command, api
from odoo.exceptions import ValidationError

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
PARTNER_SIZES = [10_000, 100_000] + ([1_000_000] if os.environ.get("WO_BENCH_LARGE") else [])


def _bench_journal(env, report):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", "bench_contacts")]) or Users.create(
        {
            "name": "Bench Contacts",
            "login": "bench_contacts",
            "group_ids": [
                Command.set(
                    [
                        env.ref("wo_crm_contacts.group_wo_contacts_author").id,
                        env.ref("project.group_project_user").id,
                    ]
                )
            ],
        }
    )
    company = env["res.partner"].create({"name": "Bench Counterparty", "is_company": True})
    persons = env["res.partner"].create(
        [{"name": f"Bench Person {i}", "parent_id": company.id} for i in range(2)]
    )
    project = env["project.project"].create({"name": "Bench contacts project"})
    project.message_subscribe(partner_ids=user.partner_id.ids)
    Entry = env["wo.contact.entry"].with_user(user)
    Task = env["project.task"].with_user(user)
    for size in SIZES:
        wo_q, wo_t = measure(
            env,
            lambda size=size: Entry.create(
                [
                    {
                        "subject": f"Call {i}",
                        "partner_id": company.id,
                        "contact_ids": [Command.set(persons.ids)],
                        "result": "Agreed",
                    }
                    for i in range(size)
                ]
            ),
        )
        pj_q, pj_t = measure(
            env,
            lambda size=size: Task.create(
                [
                    {"name": f"Call {i}", "project_id": project.id, "partner_id": company.id}
                    for i in range(size)
                ]
            ),
        )
        ratio_row(report, "create entries", size, (wo_q, wo_t), (pj_q, pj_t))
        env.invalidate_all()


def _bench_birthdays(env, report):
    Partner = env["res.partner"]
    salesperson = env.ref("base.user_admin")
    company = Partner.create(
        {"name": "Bench Birthdays", "is_company": True, "user_id": salesperson.id}
    )
    env.flush_all()
    inserted = 0
    for size in PARTNER_SIZES:
        env.cr.execute(
            """
            INSERT INTO res_partner (name, parent_id, commercial_partner_id, active, type,
                                     wo_birthday, wo_birthday_md, create_uid, write_uid,
                                     create_date, write_date)
            SELECT 'Bench Person ' || n, %s, %s, TRUE, 'contact', d,
                   EXTRACT(MONTH FROM d)::int * 100 + EXTRACT(DAY FROM d)::int, 1, 1, now(), now()
              FROM generate_series(%s, %s) n,
                   LATERAL (SELECT DATE '1970-01-01' + (n * 7919 %% 365) AS d) x
            """,
            (company.id, company.id, inserted + 1, size),
        )
        inserted = size
        env.cr.execute("ANALYZE res_partner")
        env.cr.commit()
        before = env["mail.activity"].search_count(
            [("res_id", "=", company.id), ("res_model", "=", "res.partner")]
        )
        q0, t0 = env.cr.sql_log_count, time.perf_counter()
        Partner._cron_wo_birthday_reminders()
        elapsed = time.perf_counter() - t0
        queries = env.cr.sql_log_count - q0
        reminders = (
            env["mail.activity"].search_count(
                [("res_id", "=", company.id), ("res_model", "=", "res.partner")]
            )
            - before
        )
        # run again: nothing more
        Partner._cron_wo_birthday_reminders()
        again = (
            env["mail.activity"].search_count(
                [("res_id", "=", company.id), ("res_model", "=", "res.partner")]
            )
            - before
        )
        report.row(
            measure="birthday cron",
            size=size,
            wo_q_rec=f"{queries} queries",
            odoo_q_rec=f"{reminders} reminders",
            q_ratio=f"rerun +{again - reminders}",
            wo_ms_rec=elapsed * 1000 / size,
            odoo_ms_rec=f"{elapsed * 1000 / max(reminders, 1):.3f} ms/reminder",
            t_ratio=f"{elapsed:.2f} s",
        )
        # next size: the same people may be reminded again in the bench
        env.cr.execute(
            "UPDATE res_partner SET wo_birthday_reminded_year = NULL WHERE parent_id = %s",
            (company.id,),
        )
        env.cr.commit()


def _bench_bookings(env, report, attempts=1000, clients=4, resources=10):
    registry = env.registry
    Resource = env["wo.resource"]
    pool = Resource.create(
        [{"name": f"Bench resource {i}", "kind": "room"} for i in range(resources)]
    )
    env.cr.commit()
    day = datetime.combine(date.today() + timedelta(days=400), datetime.min.time())
    outcome = {"booked": 0, "refused_python": 0, "refused_database": 0, "other": []}
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        for _ in range(attempts // clients):
            resource = rng.choice(pool.ids)
            start = day + timedelta(minutes=30 * rng.randrange(0, 40))
            try:
                with registry.cursor() as cr:
                    cenv = api.Environment(cr, api.SUPERUSER_ID, {})
                    cenv["calendar.event"].create(
                        {
                            "name": "Bench booking",
                            "start": start,
                            "stop": start + timedelta(minutes=30 * rng.randrange(1, 4)),
                            "wo_resource_ids": [Command.set([resource])],
                        }
                    )
                key = "booked"
            except ValidationError:
                key = "refused_python"
            except psycopg2.IntegrityError as error:
                key = (
                    "refused_database"
                    if error.diag.constraint_name == "wo_resource_booking_no_overlap"
                    else "other"
                )
            except Exception as error:  # noqa: BLE001 - counted and reported
                key = "other"
                with lock:
                    outcome["other"].append(repr(error))
                continue
            with lock:
                outcome[key] += 1

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t0
    env.cr.execute(
        """
        SELECT count(*) FROM wo_resource_booking a JOIN wo_resource_booking b
          ON a.resource_id = b.resource_id AND a.id < b.id
         AND tsrange(a.start, a.stop, '[)') && tsrange(b.start, b.stop, '[)')
         WHERE a.resource_id = ANY(%s)
        """,
        (pool.ids,),
    )
    overlaps = env.cr.fetchone()[0]
    report.row(
        measure="bookings",
        size=attempts,
        wo_q_rec=f"{outcome['booked']} booked",
        odoo_q_rec=f"{outcome['refused_python']} refused (check)",
        q_ratio=f"{outcome['refused_database']} refused (db)",
        wo_ms_rec=elapsed * 1000 / attempts,
        odoo_ms_rec=f"{overlaps} overlaps",
        t_ratio=f"{len(outcome['other'])} other errors",
    )
    for error in outcome["other"][:5]:
        print("   other error:", error)
    # clean up the committed bench rows
    env.cr.execute(
        """DELETE FROM calendar_event WHERE id IN
               (SELECT event_id FROM wo_resource_booking WHERE resource_id = ANY(%s))""",
        (pool.ids,),
    )
    pool.unlink()
    env.cr.commit()


def run(env, report):
    _bench_journal(env, report)
    env.cr.commit()
    _bench_bookings(env, report)
    _bench_birthdays(env, report)
