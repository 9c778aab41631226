"""WO as it runs when an office outgrows one process: two Odoo nodes in
multi-process mode on one database, their cron workers, a node that dies
in the middle of the work. Real processes, real XML-RPC clients (one
process each), a streaming replica, a PostgreSQL killed mid-write, and the
verdict read in SQL."""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
import wo_dev
import wo_load

from conftest import Odoo, config_addons_path, derived_config

CLIENTS, ROUNDS = 4, 5


@pytest.fixture
def nodes_database(odoo, installed_database):
    """A copy of the database ``./wo test`` installed, with demo data."""
    database = "wo_suite_nodes"
    odoo.copy(installed_database, database)
    yield database
    odoo.drop(database)


@pytest.fixture
def node_config(odoo_config, tmp_path):
    # the addons path and database server of ./wo test
    return derived_config(odoo_config, tmp_path / "base.conf", config_addons_path(odoo_config))


def start_nodes(config, database, folder, count=2, **settings):
    nodes = [
        wo_load.Node(config, database, folder, f"node{index}", **settings) for index in range(count)
    ]
    for node in nodes:
        node.start()
    return nodes


def pg_env():
    return wo_dev.Postgres().env()


def kill_in_flight(node, database, setup, clients):
    """Once the clients have registered a few letters, hold the rows of the
    letters that ``clients`` have still to register (``SELECT ... FOR
    UPDATE``): each of them sends its next registration to ``node``, whose
    worker waits on the row. With one request of each in flight, ``node``
    is killed; the rows are let go."""
    letters = [letter for c in clients for letter in setup["clients"][c]["letters"]]
    connection = wo_load.connect(pg_env(), database)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            deadline = time.time() + 120

            def wait(sql, count):
                while time.time() < deadline:
                    cursor.execute(sql)
                    if cursor.fetchone()[0] >= count:
                        return
                    time.sleep(0.02)
                raise AssertionError(f"never reached {count}: {sql}")

            wait(
                f"""SELECT count(*) FROM wo_correspondence
                    WHERE journal_id = {setup["journal"]} AND name IS NOT NULL""",
                len(setup["clients"]) * 2,
            )
            cursor.execute("BEGIN")
            cursor.execute(
                "SELECT id FROM wo_correspondence WHERE id = ANY(%s) AND name IS NULL FOR UPDATE",
                [letters],
            )
            wait(
                """SELECT count(*) FROM pg_stat_activity
                    WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))""",
                len(clients),
            )
            node.kill()
            cursor.execute("ROLLBACK")
    finally:
        connection.close()


def outcomes(rows):
    """(operation, "ok" or the error) counted over client rows."""
    return Counter((name, "ok" if ok else error) for name, ok, error, _, _ in rows)


def test_races_across_two_nodes_and_a_node_dying(node_config, nodes_database, tmp_path):
    """Two nodes with two HTTP workers each: clients register letters,
    report assignment lines, decide approval steps and book the one
    resource through both at once; then every client races for the same
    letter, document, line and hour; then one node is killed in the middle
    of the work. Nothing is ever given twice, nothing half-written."""
    database = nodes_database
    setup = wo_load.prepare(node_config, database, tmp_path / "setup.log", CLIENTS, ROUNDS)
    nodes = start_nodes(
        node_config, database, tmp_path, workers=2, max_cron_threads=0, db_maxconn=16
    )
    try:
        urls = [node.url for node in nodes]
        # 1. the work of four people through both nodes
        operations = ("register", "report", "decide", "book")
        _, results = wo_load.run_clients(
            [[urls[c % 2]] for c in range(CLIENTS)], database, setup, operations, ROUNDS
        )
        counted = outcomes(row for rows in results for row in rows)
        assert counted == Counter({(name, "ok"): CLIENTS * ROUNDS for name in operations})
        numbers = [row[4] for rows in results for row in rows if row[0] == "register"]
        assert len(set(numbers)) == len(numbers) == CLIENTS * ROUNDS

        # 2. everyone at once on the same record, through both nodes
        racers = [urls[c % 2] for c in range(CLIENTS)]
        letter = setup["contested_letter"]
        keys = setup["keys"]
        # through XML-RPC, as integrations still send it
        got = wo_load.contest(
            racers,
            database,
            keys,
            wo_load.REGISTRAR,
            "wo.correspondence",
            "action_register",
            [letter],
            protocol="xmlrpc",
        )
        assert [kind for kind, _ in got].count("ok") == 1, got
        assert all("is already registered" in text for kind, text in got if kind == "error")
        document = setup["contested_document"]
        got = wo_load.contest(
            racers,
            database,
            keys,
            wo_load.APPROVER,
            "wo.document",
            "action_decide",
            [document],
            decision="approved",
        )
        assert [kind for kind, _ in got].count("ok") == 1, got
        assert all("is not on approval" in text for kind, text in got if kind == "error")
        hour = CLIENTS * ROUNDS + 1
        got = wo_load.contest(
            racers,
            database,
            keys,
            wo_load.EXECUTOR,
            "calendar.event",
            "create",
            vals_list=wo_load.booking(setup, hour),
        )
        assert [kind for kind, _ in got].count("ok") == 1, got
        assert all(
            "This resource is already booked at that time." in text
            for kind, text in got
            if kind == "error"
        ), got

        # 3. node0 dies (kill -9 of the master and its workers) with a
        # request of each of its clients in flight; they go on through node1
        more = wo_load.prepare(
            node_config, database, tmp_path / "setup2.log", CLIENTS, ROUNDS * 2, tag="Y"
        )
        env = pg_env()
        killer = threading.Thread(
            target=kill_in_flight,
            args=(nodes[0], database, more, [c for c in range(CLIENTS) if c % 2 == 0]),
        )
        killer.start()
        _, results = wo_load.run_clients(
            [[urls[c % 2], urls[1]] for c in range(CLIENTS)],
            database,
            more,
            ("register", "report"),
            ROUNDS * 2,
        )
        killer.join()
        assert nodes[0].process.returncode is not None
        lost = [row for rows in results for row in rows if not row[1]]
        # only the requests the dead node held, one per client of it
        assert all(error.startswith("node: ") for _, _, error, _, _ in lost), lost
        assert len(lost) == CLIENTS // 2, lost
        # each client of node0 lost the registration in flight and went on
        # through node1 to the end of its work
        for rows in results[::2]:
            errors = [index for index, row in enumerate(rows) if not row[1]]
            assert len(errors) == 1 and rows[errors[0]][0] == "register", rows
            assert errors[0] < len(rows) - 1, rows
        for client, rows in enumerate(results):
            # what a client was told was registered is registered, with its number
            for (name, ok, _, _, value), index in zip(
                rows[::2], range(len(rows) // 2), strict=True
            ):
                if name == "register" and ok:
                    letter = more["clients"][client]["letters"][index]
                    row = wo_load.psql(
                        env, database, f"SELECT name FROM wo_correspondence WHERE id = {letter}"
                    )
                    assert row == [[value]]
        # node1 served everything after the death of node0
        assert nodes[1].process.poll() is None
        for node_setup in (setup, more):
            assert wo_load.anomalies(env, database, node_setup) == dict.fromkeys(
                wo_load.ANOMALIES, 0
            )
        contested = wo_load.psql(
            env,
            database,
            f"""SELECT count(*) FROM wo_document_approval
                WHERE document_id = {setup["contested_document"]}""",
        )
        assert contested == [["1"]]
    finally:
        for node in nodes:
            node.stop()
    for node in nodes[1:]:
        assert not node.bad_lines(), "\n".join(node.bad_lines())


# the work of every WO cron at once: records each one must handle once
CRON_DATA = """
import json
from datetime import timedelta
from odoo import Command, fields
from odoo.addons.wo_staff.tools import TRUSTED

today = fields.Date.context_today(env.user)
count = {count}
head = env["res.users"].search([("login", "=", "wo_head")])
user = env["res.users"].search([("login", "=", "wo_user")])
kind = env.ref("wo_tasks.wo_task_kind_assignment")
kind.reminder_days = 1


def tasks(subject, deadline):
    made = env["wo.task"].create(
        [
            {{
                "subject": f"{{subject}} {{i}}",
                "kind_id": kind.id,
                "initiator_id": head.id,
                "controller_id": head.id,
                "date_deadline": today + timedelta(days=10),
                "executor_ids": [Command.create({{"user_id": user.id}})],
            }}
            for i in range(count)
        ]
    )
    made.action_assign()
    # time passes: the deadline comes (as the engine, not as a person)
    made.executor_ids.with_context(wo_task_engine=TRUSTED).write({{"date_deadline": deadline}})
    return made


overdue = tasks("Cron overdue", today - timedelta(days=2))
due = tasks("Cron due", today + timedelta(days=1))
journal = env["wo.correspondence.journal"].create(
    {{"name": "Cron", "code": "CRON", "direction": "incoming"}}
)
sender = env["res.partner"].create({{"name": "Cron sender"}})
letters = env["wo.correspondence"].create(
    [
        {{
            "direction": "incoming",
            "journal_id": journal.id,
            "subject": f"Cron letter {{i}}",
            "partner_id": sender.id,
            "recipient_user_id": user.id,
            "answer_required": True,
            "date_answer_due": today + timedelta(days=1),
        }}
        for i in range(count)
    ]
)
letters.action_register()
company = env["res.partner"].create(
    {{"name": "Cron customer", "is_company": True, "user_id": head.id}}
)
birthday = (today + timedelta(days=1)).replace(year=1980)
people = env["res.partner"].create(
    [
        {{"name": f"Cron person {{i}}", "parent_id": company.id, "wo_birthday": birthday}}
        for i in range(count)
    ]
)
doc_type = env["wo.document.type"].create(
    {{"name": "Cron", "code": "CRON", "has_two_parties": False, "remind_control_days": 3}}
)
documents = env["wo.document"].create(
    [
        {{
            "type_id": doc_type.id,
            "subject": f"Cron document {{i}}",
            "responsible_id": user.id,
            "date_control": today + timedelta(days=1),
        }}
        for i in range(count)
    ]
)
custody = env["wo.document.custody"].create(
    [
        {{
            "document_id": document.id,
            "holder_id": head.id,
            "date_given": today - timedelta(days=10),
            "date_due": today - timedelta(days=2),
        }}
        for document in documents
    ]
)
# leases in force from today (wo_recurring_invoice): OCA contract's cron
# invoices each of them once
lease = env.ref("wo_documents.wo_document_type_contract").copy(
    {{
        "name": "Cron lease",
        "code": "CRONL",
        "is_invoiced": True,
        "approval_required": False,
        "route_step_ids": [Command.clear()],
    }}
)
rent = env["product.product"].create(
    {{"name": "Cron rent", "type": "service", "list_price": 100.0, "taxes_id": False}}
)
leases = env["wo.document"].create(
    [
        {{
            "type_id": lease.id,
            "subject": f"Cron lease {{i}}",
            "partner_id": company.id,
            "amount": 100,
            "invoice_rule_type": "monthly",
            "invoice_interval": 1,
            "invoicing_type": "pre-paid",
            "invoice_date_start": today,
            "invoice_line_ids": [
                Command.create({{"product_id": rent.id, "quantity": 1, "price_unit": 100.0}})
            ],
        }}
        for i in range(count)
    ]
)
for document in leases:
    document.action_approve_without_route()
    document.action_mark_signed()
    document.action_put_in_force()
# only WO's crons run, each in small batches (many commits, many chances to race)
crons = {{
    xmlid: env.ref(xmlid)
    for xmlid in (
        "wo_tasks.ir_cron_wo_task_overdue",
        "wo_tasks.ir_cron_wo_task_remind",
        "wo_correspondence.ir_cron_wo_correspondence_answers",
        "wo_crm_contacts.ir_cron_wo_birthday_reminders",
        "wo_documents.ir_cron_wo_document_custody",
        "wo_documents.ir_cron_wo_document_dates",
        "contract.contract_cron_for_invoice",
    )
}}
env["ir.cron"].search([("id", "not in", [c.id for c in crons.values()])]).active = False
for xmlid, cron in crons.items():
    if "custody" not in xmlid and "dates" not in xmlid and "contract" not in xmlid:
        cron.code = cron.code.replace("()", "(batch_size=3)")
    cron.write({{"active": True, "nextcall": fields.Datetime.now() + timedelta(days=1)}})
env.cr.commit()
print("WO-CRON " + json.dumps({{
    "crons": [c.id for c in crons.values()],
    "overdue": overdue.ids, "due": due.ids, "letters": letters.ids,
    "people": people.ids, "documents": documents.ids, "custody": custody.ids,
    "leases": leases.ids,
}}))
"""

# per kind of work: (SQL of how many times each record was handled, with
# %(ids)s; the key of its records in CRON_DATA's result)
CRON_EFFECTS = {
    "overdue notices": (
        """SELECT res_id, count(*) FROM mail_message WHERE model = 'wo.task'
           AND res_id = ANY(%(ids)s) AND body LIKE '%%Overdue since%%' GROUP BY res_id""",
        "overdue",
    ),
    "overdue activities": (
        """SELECT res_id, count(*) FROM mail_activity WHERE res_model = 'wo.task'
           AND res_id = ANY(%(ids)s) AND summary LIKE 'Overdue:%%' GROUP BY res_id""",
        "overdue",
    ),
    "reminders": (
        """SELECT res_id, count(*) FROM mail_message WHERE model = 'wo.task'
           AND res_id = ANY(%(ids)s) AND subject LIKE 'Due on%%' GROUP BY res_id""",
        "due",
    ),
    "answer reminders": (
        """SELECT res_id, count(*) FROM mail_activity WHERE res_model = 'wo.correspondence'
           AND res_id = ANY(%(ids)s) AND summary LIKE 'Answer %%' GROUP BY res_id""",
        "letters",
    ),
    "birthday reminders": (
        """SELECT partner.id, count(*) FROM res_partner partner JOIN mail_activity activity
           ON activity.res_model = 'res.partner' AND activity.res_id = partner.parent_id
           AND activity.summary LIKE 'Birthday of ' || partner.name || ' %%'
           WHERE partner.id = ANY(%(ids)s) GROUP BY partner.id""",
        "people",
    ),
    "original return reminders": (
        """SELECT custody.id, count(*) FROM wo_document_custody custody JOIN mail_activity a
           ON a.res_model = 'wo.document' AND a.res_id = custody.document_id
           AND a.summary LIKE 'Return the original%%'
           WHERE custody.id = ANY(%(ids)s) GROUP BY custody.id""",
        "custody",
    ),
    "control date reminders": (
        """SELECT res_id, count(*) FROM mail_activity WHERE res_model = 'wo.document'
           AND res_id = ANY(%(ids)s) AND summary LIKE 'Control date%%' GROUP BY res_id""",
        "documents",
    ),
    "invoices": (
        """SELECT contract.wo_document_id, count(DISTINCT line.move_id)
           FROM contract_contract contract
           JOIN contract_line ON contract_line.contract_id = contract.id
           JOIN account_move_line line ON line.contract_line_id = contract_line.id
           WHERE contract.wo_document_id = ANY(%(ids)s) GROUP BY contract.wo_document_id""",
        "leases",
    ),
}


def test_crons_with_two_cron_workers(odoo, node_config, nodes_database, tmp_path):
    """Two nodes, a cron worker each, woken together three times for every
    WO cron (which commit every three records) and OCA contract's invoicing
    of WO's leases: each overdue line, reminder, answer, birthday, original
    and control date is handled exactly once, each lease invoiced once."""
    database = nodes_database
    log = odoo.shell(database, CRON_DATA.format(count=20), name="cron-data")
    data = json.loads(
        next(line for line in log.splitlines() if line.startswith("WO-CRON ")).removeprefix(
            "WO-CRON "
        )
    )
    crons = ",".join(str(cron) for cron in data["crons"])
    env = pg_env()
    nodes = start_nodes(
        node_config, database, tmp_path, workers=1, max_cron_threads=1, log_level="info"
    )
    try:
        for _ in range(3):
            started = wo_load.psql(env, database, "SELECT now() AT TIME ZONE 'UTC'")[0][0]
            wo_load.psql(
                env,
                database,
                f"""UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 minute'
                    WHERE id IN ({crons});
                    INSERT INTO ir_cron_trigger (cron_id, call_at)
                    SELECT id, now() AT TIME ZONE 'UTC' FROM ir_cron WHERE id IN ({crons})""",
            )
            deadline = time.time() + 240
            while True:
                # what Odoo does to wake its cron workers (ir.cron._notifydb),
                # again while they work (a worker busy with a job misses it)
                wo_load.psql(env, "postgres", f"SELECT pg_notify('cron_trigger', '{database}')")
                waiting = wo_load.psql(
                    env,
                    database,
                    f"""SELECT count(*) FROM ir_cron WHERE id IN ({crons})
                        AND (lastcall IS NULL OR lastcall < '{started}'
                             OR nextcall <= now() AT TIME ZONE 'UTC')""",
                )[0][0]
                if waiting == "0":
                    break
                assert time.time() < deadline, f"{waiting} crons did not run"
                time.sleep(1)
    finally:
        for node in nodes:
            node.stop()
    for name, (sql, key) in CRON_EFFECTS.items():
        ids = "ARRAY[" + ",".join(str(i) for i in data[key]) + "]"
        handled = dict(wo_load.psql(env, database, sql % {"ids": ids}))
        assert handled == {str(i): "1" for i in data[key]}, name
    # both nodes' cron workers took part
    for node in nodes:
        assert "Job " in node.log() and " starting" in node.log(), node.name
        assert not node.bad_lines(), "\n".join(node.bad_lines())


# reads of the WO tables (sequential and index scans) in a server's statistics
SCANS = """SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)
           FROM pg_stat_user_tables WHERE relname LIKE 'wo\\_%'"""


def scans(env, database, grown_from=None, timeout=30):
    """``SCANS`` once PostgreSQL published the statistics of idle
    connections (every 10 s at most); with ``grown_from``, waits for more."""
    deadline = time.time() + timeout
    while True:
        value = int(wo_load.psql(env, database, SCANS)[0][0])
        if grown_from is None or value > grown_from or time.time() > deadline:
            return value
        time.sleep(1)


def session(url, database, login, password):
    """A web client session (cookie) of ``login``."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    body = {"params": {"db": database, "login": login, "password": password}}
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=60) as response:
        assert "error" not in json.loads(response.read())
    return opener


def test_read_replica(node_config, nodes_database, tmp_path):
    """A node with ``db_replica_host`` on a real streaming replica: every
    WO list and form read, the registry search, the web client's list and
    the reports are served by the replica (its statistics grow, the
    primary's do not), none of them writes (Odoo would log its retry on the
    primary), and writes go to the primary and reach the replica."""
    database = nodes_database
    primary = wo_dev.Postgres()
    primary_env = primary.env()
    setup = wo_load.prepare(node_config, database, tmp_path / "setup.log", 1, 2)
    replica = wo_load.Replica(primary).start()
    try:
        replica_env = replica.env()
        assert wo_load.psql(replica_env, database, "SELECT pg_is_in_recovery()") == [["t"]]
        (node,) = start_nodes(
            node_config,
            database,
            tmp_path,
            count=1,
            workers=2,
            max_cron_threads=0,
            db_replica_host=replica.folder,
            db_replica_port=5432,
        )
        try:
            models = [
                row[0]
                for row in wo_load.psql(
                    primary_env,
                    database,
                    """SELECT model FROM ir_model WHERE model LIKE 'wo.%' AND NOT transient
                       AND to_regclass(replace(model, '.', '_')) IS NOT NULL ORDER BY model""",
                )
            ]
            assert len(models) > 20, models
            clients = {
                protocol: wo_load.Client(node.url, database, setup["keys"], protocol)
                for protocol in ("json2", "xmlrpc")
            }
            web = session(node.url, database, "wo_director", "wo_director")
            letter = setup["clients"][0]["letters"][0]
            # a write: served by the primary, then on the replica
            clients["json2"].call(
                wo_load.REGISTRAR, "wo.correspondence", "action_register", [letter]
            )
            number = wo_load.psql(
                primary_env, database, f"SELECT name FROM wo_correspondence WHERE id = {letter}"
            )
            assert number[0][0].startswith("LX-")
            wo_load.caught_up(primary_env, replica_env, database)
            assert (
                wo_load.psql(
                    replica_env, database, f"SELECT name FROM wo_correspondence WHERE id = {letter}"
                )
                == number
            )
            time.sleep(11)  # the statistics of the write are published
            before = scans(primary_env, database), scans(replica_env, database)

            # every WO list and form, as each kind of user, over JSON-2
            for login in (wo_load.EXECUTOR, wo_load.APPROVER, wo_load.REGISTRAR):
                for model in models:
                    # not the models this user may not read (WO's settings)
                    if not clients["json2"].call(login, model, "has_access", operation="read"):
                        continue
                    rows = clients["json2"].call(login, model, "search_read", domain=[], limit=80)
                    if rows:
                        clients["json2"].call(login, model, "read", [rows[0]["id"]])
                    clients["json2"].call(login, model, "search_count", domain=[])
            # the registry search, the web client's list, the reports
            found = clients["json2"].call(
                wo_load.EXECUTOR,
                "wo.correspondence",
                "search_read",
                domain=[("name", "ilike", number[0][0])],
                fields=["name"],
            )
            assert [row["name"] for row in found] == [number[0][0]]
            web_list = web.open(
                urllib.request.Request(
                    f"{node.url}/web/dataset/call_kw/wo.correspondence.web_search_read",
                    data=json.dumps(
                        {
                            "params": {
                                "model": "wo.correspondence",
                                "method": "web_search_read",
                                "args": [],
                                "kwargs": {
                                    "domain": [],
                                    "specification": {"name": {}, "subject": {}},
                                    "limit": 80,
                                },
                            }
                        }
                    ).encode(),
                    headers={"Content-Type": "application/json"},
                ),
                timeout=60,
            )
            answer = json.loads(web_list.read())
            assert answer.get("result", {}).get("length", 0) > 0, answer
            document = setup["clients"][0]["documents"][0]
            for report, record in (
                ("wo_correspondence.report_wo_correspondence_card", letter),
                ("wo_documents.report_wo_document_card", document),
                ("wo_documents.report_wo_document_approval_sheet", document),
            ):
                with web.open(f"{node.url}/report/html/{report}/{record}", timeout=60) as page:
                    assert page.status == 200
                    assert b"Load " in page.read()

            after_replica = scans(replica_env, database, grown_from=before[1])
            time.sleep(11)
            after_primary = scans(primary_env, database)
        finally:
            node.stop()
        # the replica served the reads, the primary none of them
        assert after_replica - before[1] > 3 * len(models), (before, after_replica)
        assert after_primary == before[0], (before, after_primary)
        # nothing wrote in a read-only request (Odoo would retry it on the
        # primary, with a WARNING "retrying with a read/write cursor")
        assert not node.bad_lines(), "\n".join(node.bad_lines())
    finally:
        replica.stop()


def cluster_processes(data):
    """The postmaster of the cluster in ``data`` and its children (pids)."""
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


def process_alive(pid):
    """Whether ``pid`` runs (not dead, nor a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def crash(cluster):
    """A power cut for ``cluster``: ``kill -9`` of the server and of every
    backend at once (the server stopped first: no new backend meanwhile)."""
    postmaster = cluster_processes(cluster.data)[0]
    os.kill(postmaster, signal.SIGSTOP)
    killed = [*cluster_processes(cluster.data)[1:], postmaster]
    for pid in killed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for pid in killed:
        while process_alive(pid):
            time.sleep(0.05)
    if Path(f"/proc/{postmaster}").exists():
        # the dead server, unreaped where nothing reaps orphans (a
        # container's first process): its lock files would stop the restart
        for lock in ("postmaster.pid", ".s.PGSQL.5432.lock"):
            (cluster.data / lock).unlink()


def recover(cluster):
    """Starts ``cluster`` again after ``crash``: PostgreSQL's recovery."""
    try:
        cluster.ensure()
    except subprocess.CalledProcessError:
        pytest.fail((cluster.data / "server.log").read_text()[-3000:])
    assert "automatic recovery in progress" in (cluster.data / "server.log").read_text()


@pytest.fixture
def durable_cluster(cluster_base, monkeypatch):
    """A private cluster as ``./wo run`` makes one (PostgreSQL's own
    durability), the server of the Odoo processes the test starts; and the
    variables of the test cluster."""
    test_env = pg_env()
    with monkeypatch.context() as patch:
        for name in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD"):
            patch.delenv(name, raising=False)
        patch.setenv("WO_PGDATA", str(cluster_base / "pg"))
        cluster = wo_dev.Postgres(durable=True).ensure()
    env = cluster.env()
    # Odoo takes its server from these before its config file
    for name in ("PGHOST", "PGPORT", "PGUSER"):
        monkeypatch.setenv(name, env[name])
    yield cluster, test_env
    if cluster.reachable():
        cluster.stop()


def move_database(source_env, target_env, database, name, data_dir):
    """``database`` of the server of ``source_env`` as ``name`` on the
    server of ``target_env`` (pg_dump), with a copy of its filestore;
    returns the filestore's folder."""
    subprocess.run(["createdb", name], env=target_env, check=True)
    with subprocess.Popen(
        ["pg_dump", "-d", database], env=source_env, stdout=subprocess.PIPE
    ) as dump:
        subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", name],
            env=target_env,
            stdin=dump.stdout,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    assert dump.returncode == 0
    filestore = Path(data_dir, "filestore", name)
    shutil.rmtree(filestore, ignore_errors=True)
    shutil.copytree(Path(data_dir, "filestore", database), filestore)
    return filestore


def register_until_done(client, letters, timeout=60):
    """Registers ``letters`` one by one, again while the node's workers
    still try their connections from before a restart."""
    deadline = time.time() + timeout
    for letter in letters:
        while True:
            try:
                client.call(wo_load.REGISTRAR, "wo.correspondence", "action_register", [letter])
                break
            except wo_load.RpcError:
                assert time.time() < deadline, "the node does not register after the restart"
                time.sleep(0.5)


def test_postgres_killed_mid_write(odoo_config, installed_database, durable_cluster, tmp_path):
    """``./wo run``'s kind of cluster (PostgreSQL's own durability) killed
    with ``kill -9``, the server and every backend, while clients register
    letters through a node: after the restart every registration a client
    was told of is there with its number and its notifications, no number
    repeats, and the same node goes on registering without a restart."""
    cluster, test_env = durable_cluster
    env = cluster.env()
    assert cluster.setting("fsync") == cluster.setting("synchronous_commit") == "on"
    database = "wo_suite_durable"
    filestore = move_database(
        test_env, env, installed_database, database, Odoo(odoo_config, tmp_path).data_dir()
    )
    config = derived_config(
        odoo_config,
        tmp_path / "durable.conf",
        config_addons_path(odoo_config),
        db_host=cluster.host,
        db_port=cluster.port,
    )
    rounds = 25
    setup = wo_load.prepare(config, database, tmp_path / "setup.log", CLIENTS, rounds)
    node = wo_load.Node(config, database, tmp_path, "node", workers=2, max_cron_threads=0)
    node.start()
    registered = f"""SELECT count(*) FROM wo_correspondence
        WHERE journal_id = {setup["journal"]} AND name IS NOT NULL"""

    def crash_when_busy():
        with contextlib.closing(wo_load.connect(env, database)) as connection:
            connection.autocommit = True
            with connection.cursor() as cursor:
                deadline = time.time() + 120
                while time.time() < deadline:
                    cursor.execute(registered)
                    if cursor.fetchone()[0] >= CLIENTS * 3:
                        break
                    time.sleep(0.01)
        crash(cluster)

    try:
        killer = threading.Thread(target=crash_when_busy)
        killer.start()
        _, results = wo_load.run_clients(
            [[node.url]] * CLIENTS, database, setup, ("register",), rounds
        )
        killer.join()
        told = {
            setup["clients"][client]["letters"][index]: value
            for client, rows in enumerate(results)
            for index, (_, ok, _, _, value) in enumerate(rows)
            if ok
        }
        # the clients saw the database go away in the middle of their work
        # (some registered when it died but were not told: the read after)
        assert CLIENTS * 2 <= len(told) < CLIENTS * rounds
        assert not cluster.reachable()

        recover(cluster)
        for letter, number in told.items():
            assert wo_load.psql(
                env, database, f"SELECT name FROM wo_correspondence WHERE id = {letter}"
            ) == [[number]]
        # the node, not restarted, registers again with its next numbers
        left = wo_load.psql(
            env,
            database,
            f"""SELECT id FROM wo_correspondence WHERE journal_id = {setup["journal"]}
                AND name IS NULL ORDER BY id LIMIT 3""",
        )
        register_until_done(
            wo_load.Client(node.url, database, setup["keys"]), [int(id_) for (id_,) in left]
        )
        numbers = wo_load.psql(
            env,
            database,
            f"""SELECT name FROM wo_correspondence
                WHERE journal_id = {setup["journal"]} AND name IS NOT NULL""",
        )
        assert len(numbers) >= len(told) + len(left)
        assert len({number for (number,) in numbers}) == len(numbers)
        assert wo_load.anomalies(env, database, setup) == dict.fromkeys(wo_load.ANOMALIES, 0)
    finally:
        node.stop()
        shutil.rmtree(filestore, ignore_errors=True)
