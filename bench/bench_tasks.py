"""Assignments (wo.task) against Odoo's project.task, measured in the same run.

1. Create N assignments with 3 executors, in one ``create`` and one by one,
   against N ``project.task`` with 3 assignees: queries and seconds per
   record, and their ratios (goal: no worse than project.task).
2. The overdue cron over N due lines: seconds per line, peak Python memory,
   commits (goal: flat cost per line as the backlog grows).
3. Listing 80 assignments as a Reader (record rules of roles and acting-for)
   against the same as a Director (no rule but the company's).

Sizes: WO_BENCH_SIZES (default "1000,10000"); the cron also at 100000 lines
when WO_BENCH_LARGE=1 (about an hour on 2 cores).
"""

import os
import time
import tracemalloc
from datetime import date, timedelta

from common import bench_user, measure

from odoo import Command

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
CRON_SIZES = SIZES + ([100_000] if os.environ.get("WO_BENCH_LARGE") else [])


def _queries(env):
    return env.cr.sql_log_count


def _users(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    groups = [
        env.ref("wo_tasks.group_wo_tasks_author").id,
        env.ref("project.group_project_user").id,
    ]
    users = Users.search([("login", "=like", "bench_task_%")], order="id")
    if len(users) < 11:
        users = Users.create(
            [
                {
                    "name": f"Bench Task {i}",
                    "login": f"bench_task_{i:02d}",
                    "group_ids": [Command.set(groups)],
                }
                for i in range(11)
            ]
        )
    return users


def _bench_create(env, report, users):
    initiator, executors = users[0], users[1:4]
    Task = env["wo.task"].with_user(initiator)
    project = env["project.project"].create({"name": "Bench project"})
    project.message_subscribe(partner_ids=users.partner_id.ids)
    ProjectTask = env["project.task"].with_user(initiator)
    deadline = date.today() + timedelta(days=30)

    def wo_vals(i):
        return {
            "subject": f"Bench assignment {i}",
            "date_deadline": deadline,
            "executor_ids": [
                Command.create({"user_id": user.id, "sequence": seq})
                for seq, user in enumerate(executors)
            ],
        }

    def project_vals(i):
        return {
            "name": f"Bench task {i}",
            "project_id": project.id,
            "date_deadline": deadline,
            "user_ids": [Command.set(executors.ids)],
        }

    for size in SIZES:
        for mode in ("batch", "one by one"):
            if mode == "batch":
                wo_q, wo_t = measure(
                    env, lambda size=size: Task.create([wo_vals(i) for i in range(size)])
                )
                pj_q, pj_t = measure(
                    env,
                    lambda size=size: ProjectTask.create([project_vals(i) for i in range(size)]),
                )
            else:
                wo_q, wo_t = measure(
                    env, lambda size=size: [Task.create(wo_vals(i)) for i in range(size)]
                )
                pj_q, pj_t = measure(
                    env,
                    lambda size=size: [ProjectTask.create(project_vals(i)) for i in range(size)],
                )
            report.row(
                measure="create",
                size=size,
                mode=mode,
                wo_q_rec=wo_q / size,
                odoo_q_rec=pj_q / size,
                q_ratio=wo_q / pj_q,
                wo_ms_rec=wo_t * 1000 / size,
                odoo_ms_rec=pj_t * 1000 / size,
                t_ratio=wo_t / pj_t,
            )
            env.invalidate_all()


def _due_lines(env, users, count):
    """``count`` active lines, already past their deadline, in tasks of 10
    lines (direct SQL: the bench's own data, built in seconds)."""
    kind = env.ref("wo_tasks.wo_task_kind_assignment")
    in_progress = env.ref("wo_tasks.wo_task_state_in_progress")
    env.flush_all()
    tasks = count // 10
    env.cr.execute(
        """
        INSERT INTO wo_task (name, subject, kind_id, priority, initiator_id, controller_id,
                             date_deadline, execution_mode, state_id, state_code, is_closed,
                             company_id, progress, is_in_progress, planned_hours, actual_hours,
                             create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-' || n, 'Due ' || n, %s, '1', %s, %s, %s, 'parallel', %s, 'in_progress',
               FALSE, %s, 0, FALSE, 0, 0, 1, 1, now(), now()
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (
            kind.id,
            users[0].id,
            users[0].id,
            date.today() - timedelta(days=1),
            in_progress.id,
            env.company.id,
            tasks,
        ),
    )
    task_ids = [row[0] for row in env.cr.fetchall()]
    # ten lines a task, one for each of ten executors
    env.cr.execute(
        """
        INSERT INTO wo_task_executor (task_id, sequence, user_id, state, date_deadline_effective,
                                      progress, is_responsible, company_id, kind_id, controller_id,
                                      create_uid, write_uid, create_date, write_date)
        SELECT t, s, (%s::int[])[s], 'active', %s, 0, FALSE, %s, %s, %s, 1, 1, now(), now()
          FROM unnest(%s::int[]) t, generate_series(1, 10) s
        """,
        (
            users.ids[1:11],
            date.today() - timedelta(days=1),
            env.company.id,
            kind.id,
            users[0].id,
            task_ids,
        ),
    )
    return task_ids


def _bench_cron(env, report, users):
    Line = env["wo.task.executor"]
    commits = {"count": 0}
    real_commit = env.cr.commit

    def counting_commit():
        commits["count"] += 1
        real_commit()

    for size in CRON_SIZES:
        task_ids = _due_lines(env, users, size)
        env.cr.commit = counting_commit
        commits["count"] = 0
        tracemalloc.start()
        q0, t0 = _queries(env), time.perf_counter()
        Line._cron_mark_overdue()
        elapsed = time.perf_counter() - t0
        __, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        queries = _queries(env) - q0
        env.cr.commit = real_commit
        done = Line.search_count([("task_id", "in", task_ids), ("state", "=", "overdue")])
        report.row(
            measure="overdue cron",
            size=size,
            mode=f"{done} marked",
            wo_q_rec=queries / size,
            odoo_q_rec="",
            q_ratio="",
            wo_ms_rec=elapsed * 1000 / size,
            odoo_ms_rec=f"peak {peak / 2**20:.1f} MiB",
            t_ratio=f"{commits['count']} commits",
        )
        # clean the scratch rows the cron committed
        env.cr.execute("DELETE FROM wo_task WHERE id = ANY(%s)", (task_ids,))
        real_commit()
        env.invalidate_all()


def _bench_list(env, report, users):
    reader = bench_user(env, "bench_reader", ["wo_tasks.group_wo_tasks_reader"])
    director = bench_user(env, "bench_director", ["wo_staff.group_wo_director"])
    env["wo.task"].with_user(users[0]).create(
        [
            {
                "subject": f"Reader's {i}",
                "executor_ids": [
                    Command.create({"user_id": reader.id}),
                    Command.create({"user_id": users[1].id}),
                ],
            }
            for i in range(80)
        ]
    )
    spec = {
        "name": {},
        "subject": {},
        "priority": {},
        "date_deadline": {},
        "progress": {},
        "state_id": {"fields": {"display_name": {}}},
        "initiator_id": {"fields": {"display_name": {}}},
        "executor_user_ids": {"fields": {"display_name": {}}},
        "is_overdue": {},
    }
    results = {}
    for name, user in (("reader", reader), ("director", director)):
        Task = env["wo.task"].with_user(user)
        Task.web_search_read([], spec, limit=80)
        timings = []
        for _ in range(20):
            env.invalidate_all()
            q0, t0 = _queries(env), time.perf_counter()
            data = Task.web_search_read([], spec, limit=80)
            timings.append(time.perf_counter() - t0)
            queries = _queries(env) - q0
        assert len(data["records"]) == 80
        timings.sort()
        results[name] = (queries, timings[len(timings) // 2])
    total = env["wo.task"].search_count([])
    report.row(
        measure="list 80",
        size=total,
        mode="reader vs director",
        wo_q_rec=results["reader"][0],
        odoo_q_rec=results["director"][0],
        q_ratio=results["reader"][0] / results["director"][0],
        wo_ms_rec=results["reader"][1] * 1000,
        odoo_ms_rec=results["director"][1] * 1000,
        t_ratio=results["reader"][1] / results["director"][1],
    )


def run(env, report):
    users = _users(env)
    _bench_create(env, report, users)
    _bench_list(env, report, users)
    env.cr.commit()  # what the cron commits must not be undone by the bench's own rollback
    _bench_cron(env, report, users)
