"""Who acts for whom in record rules: cost of WO's rule per search of 80 records.

A user who acts for 0, 10 and 100 others (deputyships of department heads
and substitutions) searches 80 substitutions, in a table of 1k, 10k and
100k rows, with WO's record rule, and with it switched off (Odoo's own
company rule only). Warm: the rule's domain cached as in production. Cold:
the cache cleared before each search (the first search after a change).
The 80 visible rows are the oldest (``order="id desc"`` meets the rows the
user may not see first). Expected: the ratio stays flat as the table grows;
the rule adds no query when warm and two when cold (who acts for whom, once
per user and day).
"""

import time
from datetime import date, timedelta

SIZES = (1_000, 10_000, 100_000)
ACTING = (0, 10, 100)
REPEAT = 30


def _count_queries(env, func):
    before = env.cr.sql_log_count
    func()
    return env.cr.sql_log_count - before


def _timed(env, func, repeat=REPEAT, cold=False):
    times, queries = [], []
    for _ in range(repeat):
        if cold:
            env.registry.clear_cache()
        env.invalidate_all()
        start = time.perf_counter()
        queries.append(_count_queries(env, func))
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2], max(queries)


def _setup(env):
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    group = env.ref("wo_staff.group_wo_user")
    actor = Users.create(
        {"name": "Bench Actor", "login": "bench_actor", "group_ids": [(6, 0, group.ids)]}
    )
    filler = Users.create(
        {"name": "Bench Filler", "login": "bench_filler", "group_ids": [(6, 0, group.ids)]}
    )
    other = Users.create(
        {"name": "Bench Other", "login": "bench_other", "group_ids": [(6, 0, group.ids)]}
    )
    actor_employee = env["hr.employee"].create({"name": "Bench Actor", "user_id": actor.id})
    heads = Users.create(
        [
            {
                "name": f"Bench Head {i}",
                "login": f"bench_head_{i}",
                "group_ids": [(6, 0, group.ids)],
            }
            for i in range(max(ACTING))
        ]
    )
    head_employees = env["hr.employee"].create(
        [{"name": head.name, "user_id": head.id} for head in heads]
    )
    departments = env["hr.department"].create(
        [{"name": f"Bench Dept {i}", "manager_id": emp.id} for i, emp in enumerate(head_employees)]
    )
    # 80 absences of the actor: what they always see
    Substitution = env["wo.substitution"].with_context(tracking_disable=True)
    Substitution.create(
        [
            {
                "user_id": actor.id,
                "substitute_id": other.id,
                "date_from": date(2031, 1, 1) + timedelta(days=i),
                "date_to": date(2031, 1, 1) + timedelta(days=i),
            }
            for i in range(80)
        ]
    )
    # and one absence of each head, visible only while the actor acts for them
    Substitution.create(
        [
            {
                "user_id": head.id,
                "substitute_id": other.id,
                "date_from": date(2032, 1, 1),
                "date_to": date(2032, 1, 1),
            }
            for head in heads
        ]
    )
    return actor, actor_employee, filler, other, heads, departments


def _grow_table(env, filler, other, rows):
    """Fill the table with rows the actor may not see (direct SQL: bench data)."""
    env.flush_all()
    env.cr.execute("SELECT count(*) FROM wo_substitution")
    missing = rows - env.cr.fetchone()[0]
    if missing > 0:
        env.cr.execute(
            """INSERT INTO wo_substitution
                      (user_id, substitute_id, date_from, date_to, reason, company_id,
                       active, create_uid, write_uid, create_date, write_date)
               SELECT %s, %s, DATE '2030-01-01', DATE '2030-01-02', 'holiday', %s, TRUE,
                      1, 1, now(), now()
                 FROM generate_series(1, %s)""",
            (filler.id, other.id, env.company.id, missing),
        )
        env.cr.execute("ANALYZE wo_substitution")


def _set_acting(env, actor, actor_employee, heads, departments, count, today):
    """The actor is deputy of count/2 heads and substitutes count/2 others."""
    env["wo.department.deputy"].search([("employee_id", "=", actor_employee.id)]).unlink()
    env["wo.substitution"].search([("substitute_id", "=", actor.id)]).unlink()
    half = count // 2
    env["wo.department.deputy"].create(
        [{"department_id": dep.id, "employee_id": actor_employee.id} for dep in departments[:half]]
    )
    env["wo.substitution"].create(
        [
            {
                "user_id": head.id,
                "substitute_id": actor.id,
                "date_from": today,
                "date_to": today,
            }
            for head in heads[half:count]
        ]
    )
    assert len(actor._wo_acting_for_user_ids()) == count + 1


def run(env, report):
    rule = env.ref("wo_staff.wo_substitution_rule_own")
    actor, actor_employee, filler, other, heads, departments = _setup(env)
    today = date.today()
    for size in SIZES:
        _grow_table(env, filler, other, size)
        for count in ACTING:
            _set_acting(env, actor, actor_employee, heads, departments, count, today)
            env.flush_all()
            Substitution = env["wo.substitution"].with_user(actor)

            def search(Substitution=Substitution):
                return Substitution.search([], limit=80, order="id desc")

            rule.active = True
            env.flush_all()
            env.registry.clear_cache()
            assert len(search()) == 80
            warm, q_warm = _timed(env, search)
            cold, q_cold = _timed(env, search, cold=True)
            rule.active = False
            env.flush_all()
            env.registry.clear_cache()
            search()
            base, q_base = _timed(env, search)
            base_cold, q_base_cold = _timed(env, search, cold=True)
            rule.active = True
            report.row(
                rows=size,
                acts_for=count,
                q_rule=q_warm,
                q_cold=q_cold,
                q_odoo=q_base,
                q_odoo_cold=q_base_cold,
                ms_rule=warm * 1000,
                ms_odoo=base * 1000,
                ratio=warm / base,
                ms_cold=cold * 1000,
                ms_odoo_cold=base_cold * 1000,
                ratio_cold=cold / base_cold,
            )
