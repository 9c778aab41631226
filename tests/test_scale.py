"""WO as it runs when an office outgrows one process: two Odoo nodes in
multi-process mode on one database, their cron workers, a node that dies
in the middle of the work. Real processes, real XML-RPC clients (one
process each), and the verdict read in SQL."""

import threading
import time
from collections import Counter

import pytest
import wo_dev
import wo_load

from conftest import config_addons_path, derived_config

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

        # 3. node0 dies (kill -9 of the master and its workers) while the
        # clients register and report; they go on through node1
        more = wo_load.prepare(
            node_config, database, tmp_path / "setup2.log", CLIENTS, ROUNDS * 2, tag="Y"
        )
        env = pg_env()
        registered = f"""SELECT count(*) FROM wo_correspondence
            WHERE journal_id = {more["journal"]} AND name IS NOT NULL"""

        def kill_when_busy():
            deadline = time.time() + 120
            while time.time() < deadline:
                if int(wo_load.psql(env, database, registered)[0][0]) >= CLIENTS * 2:
                    break
                time.sleep(0.05)
            nodes[0].kill()

        killer = threading.Thread(target=kill_when_busy)
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
        # only the requests the dead node held, at most one per client of it
        assert all(error.startswith("node: ") for _, _, error, _, _ in lost), lost
        assert len(lost) <= CLIENTS // 2, lost
        # node0 died in the middle: each of its clients lost one request
        # and went on through node1
        for rows in results[::2]:
            errors = [index for index, row in enumerate(rows) if not row[1]]
            assert len(errors) == 1 and errors[0] < len(rows) - 1, rows
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
    made.executor_ids.with_context(wo_task_engine=True).write({{"date_deadline": deadline}})
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
    )
}}
env["ir.cron"].search([("id", "not in", [c.id for c in crons.values()])]).active = False
for xmlid, cron in crons.items():
    if "custody" not in xmlid and "dates" not in xmlid:
        cron.code = cron.code.replace("()", "(batch_size=3)")
    cron.write({{"active": True, "nextcall": fields.Datetime.now() + timedelta(days=1)}})
env.cr.commit()
print("WO-CRON " + json.dumps({{
    "crons": [c.id for c in crons.values()],
    "overdue": overdue.ids, "due": due.ids, "letters": letters.ids,
    "people": people.ids, "documents": documents.ids, "custody": custody.ids,
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
}


def test_crons_with_two_cron_workers(odoo, node_config, nodes_database, tmp_path):
    """Two nodes, a cron worker each, woken together three times for every
    WO cron (which commit every three records): each overdue line, reminder,
    answer, birthday, original and control date is handled exactly once."""
    database = nodes_database
    log = odoo.shell(database, CRON_DATA.format(count=20), name="cron-data")
    data = wo_load.json.loads(
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
