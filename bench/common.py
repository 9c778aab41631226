"""Helpers shared by the benchmarks (bench/run.py puts this folder on sys.path)."""

import time

from odoo import Command


def measure(env, func):
    """(queries, seconds) of ``func()``, everything flushed before and after."""
    env.flush_all()
    q0, t0 = env.cr.sql_log_count, time.perf_counter()
    func()
    env.flush_all()
    return env.cr.sql_log_count - q0, time.perf_counter() - t0


def bench_user(env, login, groups):
    """The user ``login`` with ``groups`` (xml ids), created once."""
    Users = env["res.users"].with_context(no_reset_password=True)
    return Users.search([("login", "=", login)]) or Users.create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "group_ids": [Command.set([env.ref(group).id for group in groups])],
        }
    )


def ratio_row(report, measure, size, wo, odoo):
    """A report row of WO against Odoo's equivalent: ``wo`` and ``odoo`` are
    the (queries, seconds) of ``size`` records; per record and as ratios."""
    (wo_q, wo_t), (odoo_q, odoo_t) = wo, odoo
    report.row(
        measure=measure,
        size=size,
        wo_q_rec=wo_q / size,
        odoo_q_rec=odoo_q / size,
        q_ratio=wo_q / odoo_q,
        wo_ms_rec=wo_t * 1000 / size,
        odoo_ms_rec=odoo_t * 1000 / size,
        t_ratio=wo_t / odoo_t,
    )
