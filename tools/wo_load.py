"""Odoo nodes and an office workload over JSON-2 or XML-RPC, as WO runs in production:
shared by the suite tests of production mode (``tests/test_scale.py``) and
the scale benchmark (``bench/bench_scale.py``).

* ``Node``: one Odoo server process on a database (threaded, or Odoo's
  multi-process server with ``workers``), its own ports and log; stopped
  politely or killed (``kill -9`` of the master and its workers).
* ``prepare``: the records a workload works on (draft letters, assignment
  lines, documents on approval, a bookable resource), made in ``odoo
  shell`` and committed; their ids per client.
* ``run_clients``: client processes, each sending its share of the workload
  to a node over JSON-2 (or XML-RPC), as the people of an office would;
  what each operation answered and how long it took.
* ``anomalies``: what must never be in the database, whatever the load
  (numbers given twice, bookings that overlap, a decision taken twice, a
  letter half registered, a line active twice), counted in SQL.
* ``Replica``: a streaming replica of a cluster (``pg_basebackup -R``), for
  nodes with ``db_replica_host``.
"""

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import xmlrpc.client
from datetime import datetime, timedelta
from pathlib import Path

import psycopg2
import wo_dev

# the demo users of WO (login = password) and what they do in the workload
REGISTRAR = "admin"  # registers letters (the registry office)
EXECUTOR = "wo_user"  # reports assignment lines, books the resource, reads
APPROVER = "wo_head"  # decides approval steps

# what the workload does, in turn; "odoo_task" and "odoo_partner" are Odoo's
# own equivalents (project.task create, res.partner write) it is compared to
WO_OPERATIONS = ("register", "report", "decide", "book", "list", "search")
ODOO_OPERATIONS = ("odoo_task", "odoo_partner")

SETUP = """
import json
from datetime import datetime, timedelta
from odoo import Command, fields

clients, rounds, tag = {clients}, {rounds}, {tag!r}
count = clients * rounds
admin = env.ref("base.user_admin")
executor = env["res.users"].search([("login", "=", {executor!r})])
approver = env["res.users"].search([("login", "=", {approver!r})])
admin.group_ids |= env.ref("wo_correspondence.group_wo_correspondence_registrar")
partner = env["res.partner"].create({{"name": f"Load sender {{tag}}"}})
journal = env["wo.correspondence.journal"].create(
    {{"name": f"Load {{tag}}", "code": f"L{{tag}}", "direction": "incoming"}}
)
letters = env["wo.correspondence"].create(
    [
        {{
            "direction": "incoming",
            "journal_id": journal.id,
            "subject": f"Load letter {{i}}",
            "partner_id": partner.id,
            "notify_user_ids": [Command.set(executor.ids)],
        }}
        for i in range(count + 1)
    ]
)
kind = env.ref("wo_tasks.wo_task_kind_assignment")
tasks = env["wo.task"].create(
    [
        {{
            "subject": f"Load assignment {{i}}",
            "kind_id": kind.id,
            "initiator_id": approver.id,
            "controller_id": approver.id,
            "date_deadline": fields.Date.context_today(admin) + timedelta(days=30),
            "executor_ids": [Command.create({{"user_id": executor.id}})],
        }}
        for i in range(count)
    ]
)
tasks.action_assign()
doc_type = env["wo.document.type"].create(
    {{
        "name": f"Load {{tag}}",
        "code": f"L{{tag}}",
        "has_two_parties": False,
        "route_step_ids": [
            Command.create({{"name": "Head", "approver": "user", "user_id": approver.id}})
        ],
    }}
)
documents = env["wo.document"].create(
    [{{"type_id": doc_type.id, "subject": f"Load document {{i}}"}} for i in range(count + 1)]
)
documents.action_send_for_approval()
resource = env["wo.resource"].create({{"name": f"Load room {{tag}}", "kind": "room"}})
# a project of its own, without a customer: a task's create writes the
# project's customer contact (its phone) and that contact's company, one hot
# row for every client at once, which is not what is measured
project = (
    env["project.project"].create({{"name": f"Load {{tag}}"}})
    if "project.project" in env
    else None
)
partners = env["res.partner"].create(
    [{{"name": f"Load partner {{i}}"}} for i in range(clients)]
)

expires = fields.Datetime.now() + timedelta(days=1)
keys = {{
    user.login: env["res.users.apikeys"].with_user(user)._generate(None, "WO load", expires)
    for user in admin | executor | approver
}}


def share(records, client):
    return records.ids[client * rounds : (client + 1) * rounds]

result = {{
    "keys": keys,
    "journal": journal.id,
    "resource": resource.id,
    "doc_type": doc_type.id,
    "project": project.id if project else False,
    "executor": executor.id,
    # the last letter and document: every client races for them
    "contested_letter": letters[-1].id,
    "contested_document": documents[-1].id,
    "clients": [
        {{
            "letters": share(letters[:-1], c),
            "lines": share(tasks.executor_ids, c),
            "documents": share(documents[:-1], c),
            "partner": partners[c].id,
        }}
        for c in range(clients)
    ],
}}
env.cr.commit()
print("WO-LOAD " + json.dumps(result))
"""


class Node:
    """An Odoo server on ``database`` with ``settings`` over the config of
    ``./wo test`` (``workers`` > 0: the multi-process server), on ports of
    its own; logs into ``folder/name.log``."""

    def __init__(self, config, database, folder, name="node", **settings):
        self.database = database
        self.name = name
        self.http_port = wo_dev.free_port()
        settings.setdefault("gevent_port", wo_dev.free_port())
        self.config = wo_dev.derive_config(
            config, Path(folder, f"{name}.conf"), http_port=self.http_port, **settings
        )
        self.log_path = Path(folder, f"{name}.log")
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, timeout=180):
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                wo_dev.odoo_command(
                    self.config, "-d", self.database, f"--db-filter=^{self.database}$"
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=wo_dev.ROOT,
                # its own process group: kill() takes its workers with it
                start_new_session=True,
            )
        deadline = time.time() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.time() > deadline:
                raise RuntimeError(f"{self.name}: no answer\n{self.log()[-3000:]}")
            time.sleep(0.5)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self):
        """A node that dies: ``kill -9`` of the master and every worker."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log(self):
        return self.log_path.read_text()

    def bad_lines(self):
        """The WARNING and ERROR lines of its log but those ``EXPECTED``."""
        lines = self.log().splitlines()
        return [
            line
            for index, line in enumerate(lines)
            if wo_dev.BAD_LOG_LINE.match(line)
            and not any(
                reason in " ".join(lines[index : index + 3]) for reason in EXPECTED_UNDER_LOAD
            )
        ]


# what a node logs, and must, when the database keeps a guarantee in a race
# (PostgreSQL refuses the second transaction: Odoo retries the request, or
# tells the person, which Odoo logs as a WARNING of odoo.http), and Odoo 19's
# notice on each XML-RPC call
EXPECTED_UNDER_LOAD = (
    "ERROR: could not serialize access due to concurrent update",
    'violates exclusion constraint "wo_resource_booking_no_overlap"',
    "odoo.http: The operation cannot be completed: This resource is already booked at that time.",
    " is already registered.",
    " is not on approval.",
    (
        "odoo.addons.rpc.controllers.xmlrpc: The /xmlrpc, /xmlrpc/2 and /jsonrpc endpoints are "
        "deprecated in Odoo 19"
    ),
)


def prepare(config, database, log_path, clients, rounds, tag="X"):
    """Make the workload's records in ``database`` (committed) for
    ``clients`` × ``rounds``; return their ids (``SETUP``'s result)."""
    script = SETUP.format(
        clients=clients, rounds=rounds, tag=tag, executor=EXECUTOR, approver=APPROVER
    )
    code, log = wo_dev.odoo_shell(config, Path(log_path), database, script)
    line = next((line for line in log.splitlines() if line.startswith("WO-LOAD ")), None)
    if code or not line:
        raise RuntimeError(f"the workload's data could not be made:\n{log[-3000:]}")
    return json.loads(line.removeprefix("WO-LOAD "))


# ------------------------------------------------------------------ clients
class RpcError(Exception):
    """What the server refused: ``message`` as the person would read it;
    its last line as the exception's text."""

    def __init__(self, message):
        self.message = message.strip()
        super().__init__(self.message.splitlines()[-1])


class Client:
    """The office's people as external clients of one node:
    ``call(login, model, method, ids=None, **kwargs)`` over Odoo 19's JSON-2
    API (``/json/2``: its read methods are served by the read replica where
    there is one) or over XML-RPC (deprecated in Odoo 19, still what many
    integrations send), with the user's API key (``keys``)."""

    def __init__(self, url, database, keys, protocol="json2"):
        self.url = url
        self.database = database
        self.keys = keys
        self.protocol = protocol
        self.uids = {}
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, login, model, method, ids=None, **kwargs):
        if self.protocol == "xmlrpc":
            return self._xmlrpc(login, model, method, ids, kwargs)
        body = kwargs if ids is None else {"ids": ids, **kwargs}
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"bearer {self.keys[login]}",
                "X-Odoo-Database": self.database,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read())["message"]
            except (ValueError, KeyError):
                message = f"HTTP {error.code}"
            raise RpcError(message) from None

    def _xmlrpc(self, login, model, method, ids, kwargs):
        if login not in self.uids:
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
            self.uids[login] = common.authenticate(self.database, login, self.keys[login], {})
        args = [] if ids is None else [ids]
        try:
            return self.models.execute_kw(
                self.database, self.uids[login], self.keys[login], model, method, args, kwargs
            )
        except xmlrpc.client.Fault as fault:
            raise RpcError(fault.faultString) from None


def operation(client, name, data, index, slot):
    """One operation of the workload; returns what the server answered."""
    if name == "register":
        letter = data["letters"][index]
        client.call(REGISTRAR, "wo.correspondence", "action_register", [letter])
        return client.call(REGISTRAR, "wo.correspondence", "read", [letter], fields=["name"])[0][
            "name"
        ]
    if name == "report":
        line = data["lines"][index]
        return client.call(EXECUTOR, "wo.task.executor", "action_report", [line], result="Done")
    if name == "decide":
        document = data["documents"][index]
        return client.call(
            APPROVER, "wo.document", "action_decide", [document], decision="approved"
        )
    if name == "book":
        return client.call(EXECUTOR, "calendar.event", "create", vals_list=booking(data, slot))
    if name == "list":
        return len(
            client.call(
                EXECUTOR,
                "wo.correspondence",
                "search_read",
                domain=[],
                fields=["name", "subject", "partner_id", "date_registration", "state"],
                limit=80,
            )
        )
    if name == "search":
        return len(
            client.call(
                EXECUTOR,
                "wo.correspondence",
                "search_read",
                domain=[
                    "|",
                    ("name", "ilike", f"/{index}"),
                    ("subject", "ilike", f"letter {index}"),
                ],
                fields=["name", "subject"],
                limit=80,
            )
        )
    if name == "odoo_task":
        return client.call(
            REGISTRAR,
            "project.task",
            "create",
            vals_list={"name": f"Load task {slot}", "project_id": data["project"]},
        )
    if name == "odoo_partner":
        return client.call(
            REGISTRAR, "res.partner", "write", [data["partner"]], vals={"comment": f"load {slot}"}
        )
    raise ValueError(name)


def booking(data, slot, minutes=30):
    """A meeting that books the workload's resource for ``minutes`` in the
    hour ``slot`` (hours from 1 January 2035): distinct slots never overlap."""
    start = datetime(2035, 1, 1) + timedelta(hours=slot)
    return {
        "name": f"Load booking {slot}",
        "start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "stop": (start + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S"),
        "wo_resource_ids": [(6, 0, [data["resource"]])],
    }


def _client(args):
    """One client process: ``rounds`` rounds of ``operations`` on its urls
    (the first; the next ones when a node stops answering, as a proxy would
    send it elsewhere). Returns rows (operation, ok, error, seconds, value)."""
    urls, database, data, client_index, operations, rounds, barrier, protocol = args
    clients = [Client(url, database, data["keys"], protocol) for url in urls]
    current = 0
    rows = []
    barrier.wait()
    for index in range(rounds):
        for name in operations:
            # distinct hours for each client (after the hours of earlier runs)
            slot = data.get("slot_base", 0) + client_index * rounds + index
            started = time.perf_counter()
            try:
                value = operation(clients[current], name, data, index, slot)
                rows.append((name, True, None, time.perf_counter() - started, value))
            except RpcError as error:
                rows.append((name, False, str(error), time.perf_counter() - started, None))
            except (OSError, xmlrpc.client.ProtocolError) as error:
                # the node is gone: this request is lost, the next go elsewhere
                rows.append((name, False, f"node: {error}", time.perf_counter() - started, None))
                current = min(current + 1, len(clients) - 1)
    return rows


def _default_signals():
    # a forked worker keeps the signal handlers of its parent (pytest's, or
    # Odoo's): with them, the pool's SIGTERM would not end it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def processes(count):
    """A pool of ``count`` forked worker processes, closed and joined at the
    end (never terminated: a worker killed while it holds the pool's queue
    lock would leave the others waiting for it forever)."""
    pool = multiprocessing.get_context("fork").Pool(count, initializer=_default_signals)
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def client_data(setup, client):
    """What client number ``client`` works on: its share and the common records."""
    common = {key: value for key, value in setup.items() if key != "clients"}
    return common | setup["clients"][client]


def run_clients(urls_per_client, database, setup, operations, rounds, protocol="json2"):
    """Each client (one process each) runs ``rounds`` of ``operations`` at
    once with the others; returns (wall seconds, rows per client)."""
    count = len(urls_per_client)
    with multiprocessing.get_context("fork").Manager() as manager:
        barrier = manager.Barrier(count + 1)
        with processes(count) as pool:
            pending = pool.map_async(
                _client,
                [
                    (
                        urls,
                        database,
                        client_data(setup, c),
                        c,
                        operations,
                        rounds,
                        barrier,
                        protocol,
                    )
                    for c, urls in enumerate(urls_per_client)
                ],
            )
            barrier.wait()
            started = time.perf_counter()
            results = pending.get(timeout=1800)
            return time.perf_counter() - started, results


def contest(urls, database, keys, login, model, method, ids=None, protocol="json2", **kwargs):
    """A client per url (one process each) calls ``model.method`` at once
    with the others; returns what each got: ("ok", value) or ("error", the
    message a person would read)."""
    with multiprocessing.get_context("fork").Manager() as manager:
        barrier = manager.Barrier(len(urls))
        with processes(len(urls)) as pool:
            call = (database, keys, login, model, method, ids, protocol, kwargs, barrier)
            return pool.map(_contest, [(url, *call) for url in urls])


def _contest(params):
    url, database, keys, login, model, method, ids, protocol, kwargs, barrier = params
    client = Client(url, database, keys, protocol)
    barrier.wait()
    try:
        return ("ok", client.call(login, model, method, ids, **kwargs))
    except RpcError as error:
        return ("error", str(error))


# -------------------------------------------------------------- the checks
ANOMALIES = {
    # a number given twice in a journal
    "letter numbers repeated": """
        SELECT count(*) FROM (
            SELECT name FROM wo_correspondence WHERE name IS NOT NULL
            GROUP BY journal_id, name HAVING count(*) > 1) twice""",
    # a letter with a number but no registration, or the other way round
    "letters half registered": """
        SELECT count(*) FROM wo_correspondence
        WHERE (name IS NULL) <> (date_registration IS NULL)
           OR (name IS NULL) <> (registrar_id IS NULL)""",
    # a registered letter of the workload without its one notice and one activity
    "letters registered without their notices": """
        SELECT count(*) FROM wo_correspondence letter
        WHERE letter.journal_id = %(journal)s AND letter.name IS NOT NULL AND (
            (SELECT count(*) FROM mail_message message
              WHERE message.model = 'wo.correspondence' AND message.res_id = letter.id
                AND message.body LIKE '%%Registered as%%') <> 1
         OR (SELECT count(*) FROM mail_activity activity
              WHERE activity.res_model = 'wo.correspondence'
                AND activity.res_id = letter.id) <> 1)""",
    "document numbers repeated": """
        SELECT count(*) FROM (
            SELECT name FROM wo_document WHERE name IS NOT NULL AND name <> '/'
            GROUP BY type_id, name HAVING count(*) > 1) twice""",
    # two bookings of one resource at once
    "bookings overlapping": """
        SELECT count(*) FROM wo_resource_booking a JOIN wo_resource_booking b
          ON a.resource_id = b.resource_id AND a.id < b.id
         AND a.start < b.stop AND b.start < a.stop""",
    # an approval step decided twice
    "steps decided twice": """
        SELECT count(*) FROM (
            SELECT line_id FROM wo_document_approval WHERE line_id IS NOT NULL
            GROUP BY line_id HAVING count(*) > 1) twice""",
    # one person's line of one assignment active twice
    "lines active twice": """
        SELECT count(*) FROM (
            SELECT task_id, user_id FROM wo_task_executor
            WHERE state IN ('active', 'in_progress')
            GROUP BY task_id, user_id HAVING count(*) > 1) twice""",
    # a reported line whose assignment did not move on
    "lines reported, assignment not advanced": """
        SELECT count(*) FROM wo_task_executor line JOIN wo_task task ON task.id = line.task_id
        WHERE line.state = 'reported' AND line.date_report IS NULL""",
}


def anomalies(env, database, setup):
    """Each of ``ANOMALIES`` counted in ``database`` (0 everywhere is right)."""
    return {
        name: int(psql(env, database, sql % {"journal": int(setup["journal"])})[0][0])
        for name, sql in ANOMALIES.items()
    }


def connect(env, database):
    """A psycopg2 connection to ``database``; ``env``: the PostgreSQL variables."""
    return psycopg2.connect(
        dbname=database,
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    )


def psql(env, database, sql):
    """The rows of ``sql`` in ``database`` (lists of strings); ``env``: the
    PostgreSQL variables."""
    result = subprocess.run(
        ["psql", "-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", database]
        + ["-c", sql],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]


# ------------------------------------------------------------------ replica
class Replica:
    """A hot standby of the test cluster, made as production makes one
    (``pg_basebackup -R``: a copy streaming the primary's WAL), on a socket
    folder of its own."""

    def __init__(self, primary):
        self.primary = primary
        # not under pytest's tmp_path: the postgres user must reach the folder
        self.folder = Path(tempfile.mkdtemp(prefix="wo-replica-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self.bindir = wo_dev._pg_bindir()

    def _run(self, *cmd):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        subprocess.run(cmd, check=True, capture_output=True, text=True)

    def start(self):
        self._run(
            f"{self.bindir}/pg_basebackup",
            "-h",
            self.primary.host,
            "-p",
            self.primary.port,
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        # the primary's settings (a standby needs as many connections)
        options = f"-k {self.folder} {wo_dev.Postgres.OPTIONS} -c hot_standby=on"
        self._run(
            f"{self.bindir}/pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )
        return self

    def env(self):
        return dict(self.primary.env(), PGHOST=str(self.folder), PGPORT="5432")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._run(f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def caught_up(primary_env, replica_env, database, timeout=60):
    """Waits until the replica has replayed everything the primary wrote."""
    lsn = psql(primary_env, database, "SELECT pg_current_wal_lsn()")[0][0]
    deadline = time.time() + timeout
    while psql(replica_env, database, f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") != [
        ["t"]
    ]:
        assert time.time() < deadline, "the replica does not catch up"
        time.sleep(0.2)
