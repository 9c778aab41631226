"""Scale: the office workload from 1 to 16 client processes on one threaded
Odoo, one node with 2 workers, and two nodes with 2 workers each and a
streaming replica, against Odoo's own project.task create and res.partner
write from as many clients.

Run by ``./wo bench scale`` (its own processes: Odoo nodes, client
processes, a replica), on a copy of the database it built with every WO
addon, ``project`` and demo data. Each client process sends its share over
JSON-2 (``--protocol xmlrpc`` for XML-RPC), one request at a time, as a
person of the office would: register a letter, report an assignment line,
decide an approval step, book the meeting room, open a list of 80 letters,
search the registry. Prints, for each setup and client count, operations
per second, p50 and p95 latency, errors and the anomalies of
``wo_load.ANOMALIES`` (both must be 0), Odoo's figures for the same clients
and the ratio; then where each setup stops scaling.
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import wo_dev
import wo_load

COUNTS = (1, 2, 4, 8, 16)
# rounds of the WO workload per client and run (6 operations each); Odoo's
# workload has 2 operations a round: three times as many rounds
ROUNDS = 5
SETUPS = (
    ("threaded", {"nodes": 1, "workers": 0}),
    ("1 node x 2 workers", {"nodes": 1, "workers": 2}),
    ("2 nodes x 2 workers + replica", {"nodes": 2, "workers": 2, "replica": True}),
)
# the share of its best throughput from which a setup no longer scales
KNEE = 0.9


def figures(wall, rows):
    ok = [seconds for _, good, _, seconds, _ in rows if good]
    latencies = sorted(ok) or [0.0]
    return {
        "ops/s": len(ok) / wall,
        "p50 ms": 1000 * statistics.median(latencies),
        "p95 ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
        "errors": len(rows) - len(ok),
        "first error": next((error for _, good, error, _, _ in rows if not good), ""),
    }


def portion(setup, offset, count, rounds):
    """The records of ``count`` clients from client ``offset`` on, with
    booking hours after those of the clients before."""
    clients = [
        dict(share, slot_base=offset * rounds)
        for share in setup["clients"][offset : offset + count]
    ]
    return dict(setup, clients=clients)


def run_setup(name, options, config, database, protocol, log_folder):
    """Runs every client count on one setup, WO's workload then Odoo's;
    returns its rows, the anomalies and the WARNING/ERROR lines of WO's runs."""
    tag = "ABC"[[n for n, _ in SETUPS].index(name)]
    setup = wo_load.prepare(
        config, database, log_folder / f"setup-{tag}.log", sum(COUNTS), ROUNDS * 3, tag=tag
    )
    primary = wo_dev.Postgres()
    replica = wo_load.Replica(primary).start() if options.get("replica") else None
    settings = {"workers": options["workers"], "max_cron_threads": 0}
    if replica:
        settings.update(db_replica_host=str(replica.folder), db_replica_port=5432)
    nodes = [
        wo_load.Node(config, database, log_folder, f"{tag}-node{index}", **settings)
        for index in range(options["nodes"])
    ]
    figures_of = {}
    try:
        for node in nodes:
            node.start()
        urls = [node.url for node in nodes]
        # every worker with its registry loaded before anything is measured
        warm = [[urls[c % len(urls)]] for c in range(4 * len(urls))]
        wo_load.run_clients(warm, database, portion(setup, 0, len(warm), 0), ("list",), 3)
        for who, operations, rounds in (
            ("WO", wo_load.WO_OPERATIONS, ROUNDS),
            ("Odoo", wo_load.ODOO_OPERATIONS, ROUNDS * 3),
        ):
            offset = 0
            for count in COUNTS:
                part = portion(setup, offset, count, ROUNDS * 3)
                per_client = [[urls[c % len(urls)]] for c in range(count)]
                wall, results = wo_load.run_clients(
                    per_client, database, part, operations, rounds, protocol
                )
                figures_of[who, count] = figures(wall, [row for rows in results for row in rows])
                print(
                    f"  {name}, {count} clients: {who} {figures_of[who, count]['ops/s']:.1f} ops/s",
                    flush=True,
                )
                offset += count
            if who == "WO":
                bad = [line for node in nodes for line in node.bad_lines()]
        found = wo_load.anomalies(primary.env(), database, setup)
    finally:
        for node in nodes:
            node.stop()
        if replica:
            replica.stop()
    rows = [(name, count, figures_of["WO", count], figures_of["Odoo", count]) for count in COUNTS]
    return rows, found, bad


def print_table(rows):
    columns = (
        "setup",
        "clients",
        "WO ops/s",
        "p50 ms",
        "p95 ms",
        "errors",
        "Odoo ops/s",
        "Odoo p50",
        "Odoo p95",
        "Odoo err",
        "WO/Odoo",
    )
    lines = [
        (
            name,
            str(count),
            f"{wo['ops/s']:.1f}",
            f"{wo['p50 ms']:.0f}",
            f"{wo['p95 ms']:.0f}",
            str(wo["errors"]),
            f"{odoo['ops/s']:.1f}",
            f"{odoo['p50 ms']:.0f}",
            f"{odoo['p95 ms']:.0f}",
            str(odoo["errors"]),
            f"{wo['ops/s'] / odoo['ops/s']:.2f}" if odoo["ops/s"] else "-",
        )
        for name, count, wo, odoo in rows
    ]
    widths = [max(len(c), *(len(line[i]) for line in lines)) for i, c in enumerate(columns)]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for line in lines:
        print("  ".join(v.rjust(w) for v, w in zip(line, widths, strict=True)))


def knee(rows):
    """The fewest clients with which a setup gives ``KNEE`` of its best
    throughput: where it stops scaling."""
    best = max(wo["ops/s"] for _, _, wo, _ in rows)
    return next(count for _, count, wo, _ in rows if wo["ops/s"] >= KNEE * best)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", choices=("json2", "xmlrpc"), default="json2")
    args = parser.parse_args()
    config = Path(os.environ["WO_ODOO_CONFIG"])
    template = os.environ["WO_BENCH_DATABASE"]
    database = f"{template}_run"
    pg = wo_dev.Postgres()
    pg.copy_database(template, database)
    print(f"== {__doc__.strip().splitlines()[0]}")
    print(f"   {os.cpu_count()} cores, protocol {args.protocol}, {ROUNDS} rounds of 6 operations")
    print(f"   per WO client and run, {ROUNDS * 3} rounds of 2 per Odoo client", flush=True)
    started = time.time()
    all_rows, failures = [], []
    # the nodes' logs stay for a look (Odoo's own errors under load among them)
    logs = wo_dev.STATE / "logs" / "bench-scale"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    for name, options in SETUPS:
        rows, found, bad = run_setup(name, options, config, database, args.protocol, logs)
        all_rows += rows
        if any(found.values()):
            failures.append(f"{name}: anomalies {found}")
        if bad:
            failures.append(f"{name}: {len(bad)} WARNING/ERROR log lines, first: {bad[0]}")
        for _, count, wo, _ in rows:
            if wo["errors"]:
                failures.append(
                    f"{name}, {count} clients: {wo['errors']} WO errors, first: {wo['first error']}"
                )
    pg.drop_database(database)
    print()
    print_table(all_rows)
    print()
    for name, _ in SETUPS:
        rows = [row for row in all_rows if row[0] == name]
        best = max(rows, key=lambda row: row[2]["ops/s"])
        odoo_errors = sum(odoo["errors"] for _, _, _, odoo in rows)
        print(
            f"{name}: {KNEE:.0%} of its best ({best[2]['ops/s']:.1f} WO ops/s, at "
            f"{best[1]} clients) from {knee(rows)} clients on; Odoo's own workload: "
            f"{odoo_errors} requests refused"
        )
    print("WO/Odoo: WO's operations per second over Odoo's (above 1: WO's are more)")
    print(f"logs: {logs}")
    print(f"\n{time.time() - started:.0f} s in all")
    for failure in failures:
        print(f"FAILED {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
