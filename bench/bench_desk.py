"""Desk: the server time of My Desk (wo.desk.get_desk) against Odoo's own
activity systray (res.users.get_activity_groups) for the same user, in the
same run, with 10, 1k and 10k open items of the user among many lines and
contact journal entries.

The user has ``open`` active assignment lines and as many open activities
(what the engine gives them with each line); around them, lines and contact
journal entries of other people: 100k of each (1M with WO_BENCH_LARGE=1).
Median of 5 calls each, caches cleared before every call; queries of one
call. Goal: under 150 ms and flat whatever the number of open items (the
desk reads counts and 8 items a section); the execution report of a year
for a department of 100 over the same lines under 1 s.
"""

import itertools
import os
import statistics
import time
from datetime import date, timedelta

from common import bench_user

OPEN = (10, 1_000, 10_000)
BACKGROUND = 1_000_000 if os.environ.get("WO_BENCH_LARGE") else 100_000
BATCH = itertools.count()
GROUPS = [
    "wo_staff.group_wo_user",
    "wo_tasks.group_wo_tasks_author",
    "wo_documents.group_wo_documents_reader",
    "wo_correspondence.group_wo_correspondence_reader",
    "wo_crm_contacts.group_wo_contacts_reader",
]


def _lines(env, executors, count, state, per_task=10):
    """``count`` lines in ``state`` for ``executors`` in turn, ``per_task`` a
    task (direct SQL: the bench's own data, built in seconds)."""
    kind = env.ref("wo_tasks.wo_task_kind_assignment")
    in_progress = env.ref("wo_tasks.wo_task_state_in_progress")
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO wo_task (name, subject, kind_id, priority, initiator_id, controller_id,
                             date_deadline, execution_mode, state_id, state_code, is_closed,
                             company_id, progress, is_in_progress, planned_hours, actual_hours,
                             create_uid, write_uid, create_date, write_date)
        SELECT 'DESK-' || %s || '-' || n, 'Desk ' || n, %s, '1', %s, %s, %s, 'parallel', %s,
               'in_progress',
               FALSE, %s, 0, FALSE, 0, 0, 1, 1, now(), now()
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (
            next(BATCH),
            kind.id,
            executors[0].id,
            executors[0].id,
            date.today() + timedelta(days=5),
            in_progress.id,
            env.company.id,
            max(1, count // per_task),
        ),
    )
    task_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        """
        INSERT INTO wo_task_executor (task_id, sequence, user_id, state, date_deadline_effective,
                                      date_activated, progress, is_responsible, company_id,
                                      kind_id, controller_id, create_uid, write_uid, create_date,
                                      write_date)
        SELECT t, s, (%s::int[])[1 + (t + s) %% %s], %s,
               CURRENT_DATE + ((t + s) %% 20 - 10), now() - interval '30 days', 0, FALSE, %s,
               %s, %s, 1, 1, now(), now()
          FROM unnest(%s::int[]) t, generate_series(1, %s) s
        RETURNING task_id
        """,
        (
            executors.ids,
            len(executors),
            state,
            env.company.id,
            kind.id,
            executors[0].id,
            task_ids,
            min(per_task, count),
        ),
    )
    return sorted({row[0] for row in env.cr.fetchall()})


def _entries(env, users, count):
    """``count`` contact journal entries of ``users`` spread over two years,
    one counterparty (direct SQL)."""
    partner = env["res.partner"].create({"name": "Bench desk counterparty", "is_company": True})
    kind = env.ref("wo_crm_contacts.wo_contact_kind_call")
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO wo_contact_entry (subject, kind_id, partner_id, commercial_partner_id,
                                      user_id, company_id, date, duration, remind_days,
                                      create_uid, write_uid, create_date, write_date)
        SELECT 'Call ' || n, %s, %s, %s, (%s::int[])[1 + n %% %s], %s,
               now() - (n %% 730) * interval '1 day', 0.25, 1, 1, 1, now(), now()
          FROM generate_series(1, %s) n
        """,
        (kind.id, partner.id, partner.id, users.ids, len(users), env.company.id, count),
    )


def _activities(env, user, task_ids):
    """An open activity of ``user`` on each task, as the engine gives them."""
    model = env["ir.model"]._get("wo.task")
    todo = env.ref("mail.mail_activity_data_todo")
    env.cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, user_id,
                                   date_deadline, summary, automated, active,
                                   create_uid, write_uid, create_date, write_date)
        SELECT %s, 'wo.task', t, %s, %s, CURRENT_DATE, 'Desk', TRUE, TRUE, 1, 1, now(), now()
          FROM unnest(%s::int[]) t
        """,
        (model.id, todo.id, user.id, task_ids),
    )


def _median(env, func, times=5):
    seconds, queries = [], 0
    for _ in range(times):
        env.invalidate_all()
        env.registry.clear_cache()
        start, q0 = time.perf_counter(), env.cr.sql_log_count
        func()
        seconds.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - q0
    return statistics.median(seconds), queries


def run(env, report):
    others = [bench_user(env, f"bench_desk_other_{i}", GROUPS[:2]) for i in range(20)]
    others = env["res.users"].browse([user.id for user in others])
    _lines(env, others, BACKGROUND, "reported")
    _entries(env, others, BACKGROUND)
    user = bench_user(env, "bench_desk_user", GROUPS)
    done = 0
    for size in OPEN:
        tasks = _lines(env, user, size - done, "active", per_task=1)
        _activities(env, user, tasks)
        done = size
        env.cr.execute("ANALYZE wo_task_executor, wo_task, mail_activity")
        desk, desk_q = _median(env, lambda: env["wo.desk"].with_user(user).get_desk())
        systray, systray_q = _median(
            env, lambda: env["res.users"].with_user(user)._get_activity_groups()
        )
        report.row(
            open_items=size,
            lines=BACKGROUND + size,
            entries=BACKGROUND,
            desk_ms=desk * 1000,
            desk_q=desk_q,
            systray_ms=systray * 1000,
            systray_q=systray_q,
            ratio=desk / systray,
        )
    # the execution report: a year of lines for a department of 100
    department = env["hr.department"].create({"name": "Bench execution"})
    people = [bench_user(env, f"bench_desk_exec_{i}", GROUPS[:2]) for i in range(100)]
    people = env["res.users"].browse([p.id for p in people])
    env["hr.employee"].create(
        [{"name": p.name, "user_id": p.id, "department_id": department.id} for p in people]
    )
    _lines(env, people, 100_000, "reported", per_task=10)
    env.cr.execute(
        "UPDATE wo_task_executor SET department_id = %s WHERE user_id = ANY(%s)",
        (department.id, people.ids),
    )
    env.cr.execute("ANALYZE wo_task_executor")
    director = bench_user(env, "bench_desk_director", ["wo_staff.group_wo_director", *GROUPS])
    Report = env["wo.desk.execution"].with_user(director)
    year = date.today() - timedelta(days=365)
    seconds, queries = _median(
        env,
        lambda: Report._read_group(
            [("department_id", "=", department.id), ("date_given", ">=", year)],
            ["user_id"],
            [
                "given:sum",
                "done_on_time:sum",
                "done_late:sum",
                "overdue_now:sum",
                "refused:sum",
                "delay_days:avg",
                "delay_max:max",
            ],
        ),
        times=3,
    )
    report.row(
        open_items="report",
        lines=100_000,
        entries=0,
        desk_ms=seconds * 1000,
        desk_q=queries,
        systray_ms=0.0,
        systray_q=0,
        ratio=0.0,
    )
