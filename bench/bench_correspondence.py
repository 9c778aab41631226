"""Correspondence: registration against project.task, XML-RPC clients, search in 1M letters.

1. Register N letters in one ``create`` + one ``action_register`` and one by
   one, against creating N project.task the same two ways: queries and
   milliseconds per record, ratios.
2. 4 XML-RPC clients registering letters at once through a real Odoo server
   (threaded, on 127.0.0.1): throughput, failed requests, duplicate numbers.
3. Search by number, by sender's number, by subject words (trigram index) and
   by party and period in a registry of WO_BENCH_REGISTRY_SIZE letters
   (default 1M, inserted with SQL): milliseconds per ORM search as a
   registry-office user (access rules applied) against the same search in
   plain SQL on the table, as a ratio.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client
from pathlib import Path

from common import bench_user, measure, ratio_row

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
REGISTRY_SIZE = int(os.environ.get("WO_BENCH_REGISTRY_SIZE", "1000000"))
CLIENTS = 4
PER_CLIENT = int(os.environ.get("WO_BENCH_RPC_LETTERS", "100"))
REPEAT = 20
# the registry's own order (wo.correspondence._order), as the list view asks
ORDER = "ORDER BY priority DESC, date_registration DESC, id DESC LIMIT 80"


def run(env, report):
    registrar = bench_user(
        env,
        "bench_registrar",
        [
            "wo_correspondence.group_wo_correspondence_registrar",
            "project.group_project_user",
        ],
    )
    party = env["res.partner"].create({"name": "Bench Sender", "is_company": True})
    project = env["project.project"].create({"name": "Bench letters"})
    project.message_subscribe(partner_ids=registrar.partner_id.ids)
    journal = env["wo.correspondence.journal"].create(
        {"name": "Bench incoming", "code": "BIN", "direction": "incoming"}
    )
    Letter = env["wo.correspondence"].with_user(registrar)
    Task = env["project.task"].with_user(registrar)

    def letter_vals(i):
        return {
            "direction": "incoming",
            "journal_id": journal.id,
            "subject": f"Letter {i}",
            "partner_id": party.id,
            "sender_number": f"S-{i}",
        }

    for size in SIZES:
        wo_q, wo_t = measure(
            env,
            lambda size=size: Letter.create(
                [letter_vals(i) for i in range(size)]
            ).action_register(),
        )
        pj_q, pj_t = measure(
            env,
            lambda size=size: Task.create(
                [{"name": f"Letter {i}", "project_id": project.id} for i in range(size)]
            ),
        )
        ratio_row(report, "register, one create", size, (wo_q, wo_t), (pj_q, pj_t))

        def one_by_one(size=size):
            for i in range(size):
                Letter.create(letter_vals(i)).action_register()

        def tasks_one_by_one(size=size):
            for i in range(size):
                Task.create({"name": f"Letter {i}", "project_id": project.id})

        wo_q, wo_t = measure(env, one_by_one)
        pj_q, pj_t = measure(env, tasks_one_by_one)
        ratio_row(report, "register, one by one", size, (wo_q, wo_t), (pj_q, pj_t))
        env.invalidate_all()

    _bench_rpc(env, report)
    _bench_search(env, report, registrar, party, journal)


# ------------------------------------------------------------------ XML-RPC
def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bench_rpc(env, report):
    """A real server in a subprocess; its data is committed, then removed."""
    database = env.cr.dbname
    config = os.environ["WO_ODOO_CONFIG"]
    port = _free_port()
    registry = env.registry
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM res_users WHERE login = 'admin'")
        admin_exists = cr.fetchone()[0]
        setup_env = env(cr=cr)
        admin = setup_env.ref("base.user_admin")
        admin.password = "bench-admin"
        partner = setup_env["res.partner"].create({"name": "RPC Sender"})
        journal = setup_env["wo.correspondence.journal"].create(
            {"name": "RPC incoming", "code": "RPCIN", "direction": "incoming"}
        )
        ids = (partner.id, journal.id, journal.sequence_id.id)
    if not admin_exists:
        return
    log = Path(os.environ.get("TMPDIR", "/tmp"), f"wo-bench-rpc-{port}.log")
    server = subprocess.Popen(
        [sys.executable, "-m", "odoo", "server", "-c", config, "-d", database]
        + [f"--http-port={port}", "--http-interface=127.0.0.1", "--max-cron-threads=0"]
        + ["--log-level=warn", f"--db-filter=^{database}$", f"--logfile={log}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
                break
            except OSError:
                time.sleep(0.5)
        uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            database, "admin", "bench-admin", {}
        )
        failures, numbers = [], []

        def client(index):
            models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
            for i in range(PER_CLIENT):
                try:
                    letter_id = models.execute_kw(
                        database,
                        uid,
                        "bench-admin",
                        "wo.correspondence",
                        "create",
                        [
                            {
                                "direction": "incoming",
                                "journal_id": ids[1],
                                "subject": f"RPC {index}-{i}",
                                "partner_id": ids[0],
                            }
                        ],
                    )
                    models.execute_kw(
                        database,
                        uid,
                        "bench-admin",
                        "wo.correspondence",
                        "action_register",
                        [[letter_id]],
                    )
                    numbers.append(letter_id)
                except (xmlrpc.client.Fault, OSError) as error:
                    failures.append(repr(error)[:200])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        elapsed = time.perf_counter() - started
        with registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT name) FROM wo_correspondence "
                "WHERE journal_id = %s AND name IS NOT NULL",
                [ids[1]],
            )
            registered, distinct = cr.fetchone()
        print(
            f"  XML-RPC: {registered} registered by {CLIENTS} clients in {elapsed:.1f} s "
            f"({registered / elapsed:.1f} letters/s), {len(failures)} failed requests, "
            f"{registered - distinct} duplicate numbers"
            + (f"; first failure: {failures[0]}" if failures else "")
        )
    finally:
        server.terminate()
        server.wait(60)
        with registry.cursor() as cr:
            cr.execute("DELETE FROM wo_correspondence WHERE journal_id = %s", [ids[1]])
            cleanup = env(cr=cr)
            cleanup["wo.correspondence.journal"].browse(ids[1]).unlink()
            cleanup["ir.sequence"].browse(ids[2]).unlink()
            cleanup["res.partner"].browse(ids[0]).unlink()


# ------------------------------------------------------------------- search
def _bench_search(env, report, registrar, party, journal):
    cr = env.cr
    env.flush_all()
    others = env["res.partner"].create([{"name": f"Party {i}"} for i in range(200)])
    partner_ids = [party.id, *others.ids]
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO wo_correspondence (
            name, direction, company_id, journal_id, date_registration, date_document,
            sender_number, partner_id, priority, subject, active, state, control_state,
            answer_state, page_count, enclosure_count, create_uid, write_uid,
            create_date, write_date)
        SELECT 'BIN-' || (2016 + g %% 10) || '-' || lpad(g::text, 7, '0'), 'incoming',
               %(company)s, %(journal)s, DATE '2016-01-01' + (g %% 3650),
               DATE '2016-01-01' + (g %% 3650), 'S-' || g,
               (%(partners)s::int[])[1 + g %% %(nparties)s], '1',
               (ARRAY['Claim', 'Invoice', 'Price list', 'Request', 'Notice'])[1 + g %% 5]
                 || ' on delivery ' || g || ' of '
                 || (ARRAY['pallets', 'paper', 'cement', 'film', 'pipes'])[1 + (g / 5) %% 5],
               TRUE, 'registered', 'none', 'none', 1, 0, 1, 1, now(), now()
        FROM generate_series(1, %(size)s) g
        """,
        {
            "company": env.company.id,
            "journal": journal.id,
            "partners": partner_ids,
            "nparties": len(partner_ids),
            "size": REGISTRY_SIZE,
        },
    )
    cr.execute("ANALYZE wo_correspondence")
    print(f"  {REGISTRY_SIZE} letters inserted in {time.perf_counter() - started:.0f} s")
    env.invalidate_all()
    Letter = env["wo.correspondence"].with_user(registrar)
    probe = REGISTRY_SIZE // 2 + 7
    searches = [
        (
            "by number",
            [("name", "=", f"BIN-{2016 + probe % 10}-{probe:07d}")],
            f"SELECT id FROM wo_correspondence WHERE name = %s {ORDER}",
            [f"BIN-{2016 + probe % 10}-{probe:07d}"],
        ),
        (
            "by sender's number",
            [("sender_number", "ilike", f"S-{probe}")],
            f"SELECT id FROM wo_correspondence WHERE sender_number ILIKE %s {ORDER}",
            [f"%S-{probe}%"],
        ),
        (
            "by subject words",
            [("subject", "ilike", f"delivery {probe} of")],
            f"SELECT id FROM wo_correspondence WHERE subject ILIKE %s {ORDER}",
            [f"%delivery {probe} of%"],
        ),
        (
            "by party and period",
            [
                ("partner_id", "=", others[17].id),
                ("date_registration", ">=", "2020-03-01"),
                ("date_registration", "<=", "2020-03-31"),
            ],
            (
                "SELECT id FROM wo_correspondence WHERE partner_id = %s "
                f"AND date_registration BETWEEN %s AND %s {ORDER}"
            ),
            [others[17].id, "2020-03-01", "2020-03-31"],
        ),
    ]
    for label, domain, sql, params in searches:
        Letter.search(domain, limit=80)  # warm the caches of rules and plans
        started = time.perf_counter()
        for _run in range(REPEAT):
            found = Letter.search(domain, limit=80)
            env.invalidate_all()
        orm = (time.perf_counter() - started) / REPEAT
        started = time.perf_counter()
        for _run in range(REPEAT):
            cr.execute(sql, params)
            rows = cr.fetchall()
        plain = (time.perf_counter() - started) / REPEAT
        print(
            f"  search {label} in {REGISTRY_SIZE} letters: ORM {orm * 1000:.2f} ms "
            f"({len(found)} found), plain SQL {plain * 1000:.2f} ms ({len(rows)} found), "
            f"ratio {orm / plain if plain else 0.0:.2f}"
        )
