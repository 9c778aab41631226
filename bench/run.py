#!/usr/bin/env python3
"""Run WO's benchmarks inside Odoo, on the scratch database of ``./wo bench``.

Each ``bench/bench_*.py`` has ``run(env, report)``: it builds its data in the
transaction, measures WO against Odoo's own equivalent in the same run, and
reports rows of figures; the transaction is rolled back at the end.
"""

import importlib.util
import os
import sys
import threading
from pathlib import Path

import odoo.api
import odoo.modules.registry
import odoo.tools

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


class Report:
    def __init__(self, title):
        self.title = title
        self.rows = []

    def row(self, **figures):
        self.rows.append(figures)

    def print(self):
        print(f"\n== {self.title}")
        if not self.rows:
            return
        columns = list(self.rows[0])
        widths = [max(len(c), *(len(_fmt(r[c])) for r in self.rows)) for c in columns]
        print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
        for row in self.rows:
            print("  ".join(_fmt(row[c]).rjust(w) for c, w in zip(columns, widths, strict=True)))


def _fmt(value):
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main():
    names = sys.argv[1:]
    odoo.tools.config.parse_config(["-c", os.environ["WO_ODOO_CONFIG"], "--log-level=warn"])
    database = os.environ["WO_BENCH_DATABASE"]
    threading.current_thread().dbname = database
    registry = odoo.modules.registry.Registry(database)
    # bench_scale.py runs alone, in processes of its own (./wo bench scale)
    paths = sorted(p for p in BENCH.glob("bench_*.py") if p.stem != "bench_scale")
    if names:
        paths = [p for p in paths if p.stem.removeprefix("bench_") in names]
    for path in paths:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        report = Report(module.__doc__.strip().splitlines()[0])
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})
            module.run(env, report)
            cr.rollback()
        report.print()


if __name__ == "__main__":
    main()
