"""Screens: time to a rendered list and an opened form in headless Chromium, against project.task.

A real Odoo server (threaded, on 127.0.0.1) and Debian's chromium driven
through the DevTools protocol. WO_BENCH_SCREEN_SIZE records (default 100k) of
each of wo.task, wo.document, wo.correspondence, wo.contact.entry and
project.task (the anchor) are cloned in SQL from one record made by the ORM,
committed for the server, and removed at the end. For each screen, on a
desktop (1400x900) and a phone (390x844, touch): WO_BENCH_SCREEN_LOADS loads
(default 20, after one warm-up) of ``/odoo/action-<xmlid>`` until the list (or
the phone's kanban) has rows, and of ``/odoo/action-<xmlid>/<id>`` until the
form's sheet is there, both with no request left in flight: median and p95
from navigation start, the ratio to Odoo's own Tasks, and the targets (list
under 0.5 s, form under 0.8 s). Two ways to open a screen
(WO_BENCH_SCREEN_MODES, default both): "page load", the whole web client
loaded from the screen's address, and "in the app", the action opened in the
web client already loaded, as a click on a menu does (from the click).
Measured as a user who holds a role on every record (executor, author,
addressee, employee, assignee), and as a Director on the desktop
(WO_BENCH_SCREEN_DIRECTOR=0 leaves it out). The server's own time per request
comes from its log. WO_BENCH_SCREEN_DEVICES ("desktop,phone") and
WO_BENCH_SCREEN_ONLY (screen names) shorten a run.
"""

import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import psycopg2
import websocket

from odoo import SUPERUSER_ID, Command, api

SIZE = int(os.environ.get("WO_BENCH_SCREEN_SIZE", "100000"))
LOADS = int(os.environ.get("WO_BENCH_SCREEN_LOADS", "20"))
DIRECTOR = os.environ.get("WO_BENCH_SCREEN_DIRECTOR", "1") != "0"
DEVICE_NAMES = os.environ.get("WO_BENCH_SCREEN_DEVICES", "desktop,phone").split(",")
# a few screens only (their names, comma-separated); the anchor always
ONLY = [name for name in os.environ.get("WO_BENCH_SCREEN_ONLY", "").split(",") if name]
TARGETS = {"list": 500, "form": 800}  # ms
# how a screen is opened: the whole page loaded from its address, and the
# action opened in the web client already loaded, as a click on a menu does
MODES = os.environ.get("WO_BENCH_SCREEN_MODES", "page,app").split(",")
MODE_NAMES = {"page": "page load", "app": "in the app"}
PASSWORD = "bench-screens"
ANCHOR = "Tasks (Odoo)"
# screen, action, model
SCREENS = [
    ("My Incoming", "wo_tasks.wo_task_action_incoming", "wo.task"),
    ("Documents", "wo_documents.wo_document_action", "wo.document"),
    (
        "Incoming letters",
        "wo_correspondence.wo_correspondence_action_incoming",
        "wo.correspondence",
    ),
    ("Contact Journal", "wo_crm_contacts.wo_contact_entry_action", "wo.contact.entry"),
    (ANCHOR, "project.action_view_all_task", "project.task"),
]
DEVICES = {
    "desktop": {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    "phone": {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
}
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
SELECTORS = {
    "list": ".o_list_renderer .o_data_row, .o_kanban_record",
    "form": ".o_form_view .o_form_sheet",
}
QUIET_MS = 300  # no request in flight for this long: the web client is idle
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Counts the requests in flight (XHR and fetch) and notes when the list or
# the form first appears; performance.now() counts from navigation start.
PROBE = """
(() => {
    const probe = (window.__woBench = { inflight: 0, quietSince: 0, seen: {} });
    const started = () => { probe.inflight++; probe.quietSince = null; };
    const ended = () => {
        if (--probe.inflight === 0) probe.quietSince = performance.now();
    };
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (...args) {
        started();
        this.addEventListener("loadend", ended);
        return send.apply(this, args);
    };
    const nativeFetch = window.fetch;
    window.fetch = function (...args) {
        started();
        return nativeFetch.apply(this, args).finally(ended);
    };
    const selectors = %s;
    // a view already on the page before an in-app navigation does not count
    const fresh = (selector) =>
        [...document.querySelectorAll(selector)].some((element) => !element.dataset.woOld);
    const check = () => {
        for (const [kind, selector] of Object.entries(selectors)) {
            if (!(kind in probe.seen) && fresh(selector)) {
                probe.seen[kind] = performance.now();
            }
        }
    };
    probe.t0 = 0;
    // in the loaded web client: open an action as a menu does, from now
    probe.navigate = (action, resId) => {
        for (const selector of Object.values(selectors)) {
            document.querySelectorAll(selector).forEach((element) => {
                element.dataset.woOld = "1";
            });
        }
        probe.seen = {};
        probe.t0 = performance.now();
        probe.quietSince = probe.inflight ? null : probe.t0;
        const options = { clearBreadcrumbs: true };
        if (resId) {
            Object.assign(options, { viewType: "form", props: { resId } });
        }
        odoo.__WOWL_DEBUG__.root.env.services.action.doAction(action, options);
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();
""" % json.dumps(SELECTORS)
# the load's figures once the element is there and the client idle, else null
READY = """
(() => {
    const probe = window.__woBench;
    if (!probe || location.origin !== %s) return null;
    const seen = probe.seen[%s];
    const now = performance.now();
    if (seen === undefined || probe.inflight || now - probe.quietSince < %d) return null;
    return { rendered: seen - probe.t0, idle: Math.max(seen, probe.quietSince) - probe.t0 };
})()
"""
REQUEST_LINE = re.compile(
    r'"(?:GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<code>\d+) \S+ '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)


def run(env, report):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("  chromium is missing (./wo test installs it): no screens measured")
        return
    registry = env.registry
    started = time.perf_counter()
    with registry.cursor() as cr:
        data = _build(env(cr=cr))
    print(
        f"  {SIZE} records of each model built and committed in "
        f"{time.perf_counter() - started:.0f} s; load: {_load()}"
    )
    try:
        with _Server(env.cr.dbname) as server, _Browser(chromium) as browser:
            users = [("user", "bench_screens", DEVICE_NAMES)]
            if DIRECTOR:
                users.append(("director", "bench_screens_director", DEVICE_NAMES[:1]))
            for kind, login, devices in users:
                browser.log_in(server.url, env.cr.dbname, login)
                for device in devices:
                    _measure_device(report, server, browser, data, kind, device)
    finally:
        started = time.perf_counter()
        with registry.cursor() as cr:
            _remove(cr, data)
        print(f"  bench records removed in {time.perf_counter() - started:.0f} s")


# --------------------------------------------------------------------- data
def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _clone(cr, table, template, overrides, children=()):
    """SIZE copies of the row ``template`` of ``table``, each of its
    ``children`` rows ((table, column, overrides)) copied with it: the
    overrides are SQL expressions of ``g``, the copy's number (%% for %)."""
    # copies of rows whose references hold: the foreign keys' checks (a
    # trigger a row, for each key) would cost most of the time; a superuser
    # (the private cluster's role) may skip them
    try:
        with cr.savepoint():
            cr.execute("SET LOCAL session_replication_role = replica")
    except psycopg2.Error:
        pass
    columns = _columns(cr, table)
    values = [overrides.get(column, f't."{column}"') for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f"INSERT INTO {table} ({names}) "
        f"SELECT {', '.join(values)} FROM {table} t, generate_series(1, %s) g "
        "WHERE t.id = %s RETURNING id",
        [SIZE, template],
    )
    ids = [row[0] for row in cr.fetchall()]
    for child, column, child_overrides in children:
        columns = _columns(cr, child)
        values = [
            "n.id" if name == column else child_overrides.get(name, f'c."{name}"')
            for name in columns
        ]
        names = ", ".join(f'"{name}"' for name in columns)
        cr.execute(
            f"INSERT INTO {child} ({names}) "
            f"SELECT {', '.join(values)} FROM {child} c, unnest(%s::int[]) n(id) "
            f'WHERE c."{column}" = %s',
            [ids, template],
        )
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute(f"ANALYZE {table}")
    return ids


def _user(env, login, groups):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", login)]) or Users.create(
        {"name": login.replace("_", " ").title(), "login": login}
    )
    user.write({"group_ids": [Command.set([env.ref(g).id for g in groups])], "password": PASSWORD})
    return user


def _build(env):
    """One record of each model by the ORM, SIZE copies in SQL; committed."""
    roles = [
        "wo_tasks.group_wo_tasks_author",
        "wo_documents.group_wo_documents_author",
        "wo_correspondence.group_wo_correspondence_reader",
        "wo_crm_contacts.group_wo_contacts_author",
        "project.group_project_user",
    ]
    user = _user(env, "bench_screens", roles)
    director = _user(env, "bench_screens_director", [*roles, "wo_staff.group_wo_director"])
    boss = _user(env, "bench_screens_boss", roles)
    party = env["res.partner"].create({"name": "Screens Party", "is_company": True})
    persons = env["res.partner"].create(
        [{"name": f"Screens Person {i}", "parent_id": party.id} for i in range(2)]
    )
    cr = env.cr
    data = {"party": party.id, "persons": persons.ids}

    # My Incoming: assigned by the boss, the user then the Director to execute
    task = (
        env["wo.task"]
        .with_user(boss)
        .create(
            {
                "subject": "Screens assignment",
                "date_deadline": date.today() + timedelta(days=30),
                "partner_id": party.id,
                "executor_ids": [
                    Command.create({"user_id": user.id, "sequence": 1}),
                    Command.create({"user_id": director.id, "sequence": 2}),
                ],
            }
        )
    )
    task.action_assign()
    env.flush_all()
    data["wo.task"] = [task.id] + _clone(
        cr,
        "wo_task",
        task.id,
        {
            "name": "'SCR-' || g",
            "subject": "'Screens assignment ' || g",
            "date_deadline": "CURRENT_DATE + 1 + g %% 365",
        },
        [
            (
                "wo_task_executor",
                "task_id",
                {"activity_id": "NULL", "decision_activity_id": "NULL"},
            )
        ],
    )

    # Documents: the user is the author
    doc_type = env["wo.document.type"].create({"name": "Screens contract", "code": "SCR"})
    document = (
        env["wo.document"]
        .with_user(user)
        .create({"type_id": doc_type.id, "subject": "Screens document", "partner_id": party.id})
    )
    document.action_register()
    env.flush_all()
    data["wo.document.type"] = doc_type.id
    data["wo.document"] = [document.id] + _clone(
        cr,
        "wo_document",
        document.id,
        {
            "name": "'SCR-' || lpad(g::text, 7, '0')",
            "subject": "'Screens document ' || g",
            "date_registration": "CURRENT_DATE - g %% 3650",
        },
    )

    # Incoming letters: registered by the registry office, to the user
    journal = env["wo.correspondence.journal"].create(
        {"name": "Screens incoming", "code": "SCRIN", "direction": "incoming"}
    )
    letter = env["wo.correspondence"].create(
        {
            "direction": "incoming",
            "journal_id": journal.id,
            "subject": "Screens letter",
            "partner_id": party.id,
            "contact_id": persons[0].id,
            "sender_number": "S-0",
            "recipient_user_id": user.id,
        }
    )
    letter.action_register()
    env.flush_all()
    data["wo.correspondence.journal"] = journal.id
    data["wo.correspondence"] = [letter.id] + _clone(
        cr,
        "wo_correspondence",
        letter.id,
        {
            "name": "'SCRIN-' || g",
            "subject": "'Screens letter ' || g",
            "sender_number": "'S-' || g",
            "date_registration": "CURRENT_DATE - g %% 3650",
        },
    )

    # Contact Journal: the user's own calls
    entry = (
        env["wo.contact.entry"]
        .with_user(user)
        .create(
            {
                "subject": "Screens call",
                "partner_id": party.id,
                "contact_ids": [Command.set(persons.ids)],
                "result": "Agreed",
            }
        )
    )
    env.flush_all()
    data["wo.contact.entry"] = [entry.id] + _clone(
        cr,
        "wo_contact_entry",
        entry.id,
        {"subject": "'Screens call ' || g", "date": "t.date - g * interval '1 hour'"},
        [("wo_contact_entry_contact_rel", "entry_id", {})],
    )

    # the anchor: Odoo's tasks, assigned to the user and the Director
    project = env["project.project"].create({"name": "Screens project"})
    project_task = env["project.task"].create(
        {
            "name": "Screens task",
            "project_id": project.id,
            "partner_id": party.id,
            "date_deadline": date.today() + timedelta(days=30),
            "user_ids": [Command.set([user.id, director.id])],
        }
    )
    env.flush_all()
    data["project.project"] = project.id
    data["project.task"] = [project_task.id] + _clone(
        cr,
        "project_task",
        project_task.id,
        {
            "name": "'Screens task ' || g",
            "date_deadline": "t.date_deadline + (g %% 365) * interval '1 day'",
        },
        [("project_task_user_rel", "task_id", {})],
    )
    cr.commit()
    return data


def _remove(cr, data):
    """The bench's records, their messages, followers and activities."""
    for model in ("wo.document", "wo.correspondence", "wo.contact.entry", "wo.task"):
        cr.execute(f"DELETE FROM {model.replace('.', '_')} WHERE id = ANY(%s)", [data[model]])
    cr.execute("DELETE FROM project_task WHERE id = ANY(%s)", [data["project.task"]])
    for model in ("wo.document", "wo.correspondence", "wo.contact.entry", "wo.task"):
        for table, column in (
            ("mail_message", "model"),
            ("mail_followers", "res_model"),
            ("mail_activity", "res_model"),
        ):
            cr.execute(
                f"DELETE FROM {table} WHERE {column} = %s AND res_id = ANY(%s)",
                [model, data[model]],
            )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["project.project"].browse(data["project.project"]).unlink()
    env["wo.correspondence.journal"].browse(data["wo.correspondence.journal"]).unlink()
    doc_type = env["wo.document.type"].browse(data["wo.document.type"])
    journal = doc_type.journal_id
    doc_type.unlink()
    journal.unlink()
    env["res.partner"].browse([*data["persons"], data["party"]]).unlink()
    cr.commit()


# --------------------------------------------------------------- processes
def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


class _Server:
    """``odoo server`` on a free port of 127.0.0.1, its requests logged."""

    def __init__(self, database):
        self.database = database
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir(), f"wo-bench-screens-{self.port}.log")

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "odoo", "server", "-c", os.environ["WO_ODOO_CONFIG"]]
            + ["-d", self.database, f"--db-filter=^{self.database}$", "--workers=0"]
            + [f"--http-port={self.port}", "--http-interface=127.0.0.1"]
            + ["--max-cron-threads=0", "--log-level=warn", "--log-handler=werkzeug:INFO"]
            + [f"--logfile={self.log}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/web/health", timeout=5).read()
                return self
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"the Odoo server did not start: see {self.log}") from None
                time.sleep(0.5)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(60)

    def offset(self):
        return self.log.stat().st_size

    def requests(self, start):
        """(path, queries, sql seconds, other seconds) logged since ``start``."""
        with self.log.open(errors="replace") as handle:
            handle.seek(start)
            text = handle.read()
        return [
            (m["path"], int(m["queries"]), float(m["sql"]), float(m["other"]))
            for m in REQUEST_LINE.finditer(text)
        ]


class _Browser:
    """Headless Chromium, one page, driven through the DevTools protocol."""

    def __init__(self, chromium):
        self.chromium = chromium
        self.next_id = 0

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="wo-bench-chromium-")
        port = _free_port()
        self.process = subprocess.Popen(
            [self.chromium, *CHROMIUM_FLAGS, f"--remote-debugging-port={port}"]
            + [f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        page = None
        while not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
                    targets = json.load(answer)
                page = next((t for t in targets if t["type"] == "page"), None)
            except OSError:
                pass
            if not page:
                if time.time() > deadline:
                    raise RuntimeError("chromium did not open its DevTools port")
                time.sleep(0.2)
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], suppress_origin=True, timeout=120
        )
        self.call("Page.enable")  # or the probe is not added to new documents
        self.call("Page.addScriptToEvaluateOnNewDocument", source=PROBE)
        self.agent = self.evaluate("navigator.userAgent")
        return self

    def __exit__(self, *exc):
        self.ws.close()
        self.process.terminate()
        self.process.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def log_in(self, url, database, login):
        request = urllib.request.Request(
            f"{url}/web/session/authenticate",
            data=json.dumps(
                {"jsonrpc": "2.0", "params": {"db": database, "login": login, "password": PASSWORD}}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as answer:
            cookie = answer.headers["Set-Cookie"]
            body = json.load(answer)
        if "error" in body:
            raise RuntimeError(f"{login} cannot log in: {body['error']}")
        session = re.search(r"session_id=([^;]+)", cookie)[1]
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=session, url=url)

    def device(self, name):
        self.call("Emulation.setDeviceMetricsOverride", **DEVICES[name])
        phone = name == "phone"
        self.call("Emulation.setTouchEmulationEnabled", enabled=phone, maxTouchPoints=5)
        self.call(
            "Emulation.setUserAgentOverride",
            userAgent=PHONE_AGENT if phone else self.agent,
        )

    def load(self, url, view, timeout=60):
        """(rendered, idle) in ms from navigation start to ``view`` shown."""
        self.call("Page.navigate", url="about:blank")
        self.call("Page.navigate", url=url)
        return self._wait(url, view, timeout)

    def open_in_app(self, url, action, res_id, view, timeout=60):
        """(rendered, idle) in ms from a click on a menu (the action opened
        in the web client already loaded at ``url``) to ``view`` shown."""
        self.evaluate(f"window.__woBench.navigate({json.dumps(action)}, {json.dumps(res_id)})")
        return self._wait(url, view, timeout)

    def _wait(self, url, view, timeout):
        check = READY % (json.dumps(url.split("/odoo/")[0]), json.dumps(view), QUIET_MS)
        deadline = time.time() + timeout
        while True:
            figures = self.evaluate(check)
            if figures:
                return figures["rendered"], figures["idle"]
            if time.time() > deadline:
                text = self.evaluate("document.body && document.body.innerText.slice(0, 300)")
                raise RuntimeError(f"{url}: no {view} after {timeout} s; the page says {text!r}")
            time.sleep(0.05)


# ------------------------------------------------------------ measurements
def _p95(values):
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def _measure_device(report, server, browser, data, kind, device):
    browser.device(device)
    figures = {}
    screens = [s for s in SCREENS if not ONLY or s[0] in ONLY or s[0] == ANCHOR]
    for screen, action, model in screens:
        record = data[model][len(data[model]) // 2]
        for view, path in (("list", ""), ("form", f"/{record}")):
            url = f"{server.url}/odoo/action-{action}{path}"
            browser.load(url, view, timeout=300)  # warm-up: assets, caches
            for mode in MODES:
                offset = server.offset()
                if mode == "page":
                    loads = [browser.load(url, view) for _ in range(LOADS)]
                else:
                    res_id = record if view == "form" else None
                    loads = [browser.open_in_app(url, action, res_id, view) for _ in range(LOADS)]
                idle = [load[1] for load in loads]
                figures[screen, view, mode] = (idle, [load[0] for load in loads])
                figures[screen, view, mode, "server"] = server.requests(offset)
                # as it goes: a long run stopped early still says something
                print(
                    f"  {kind} {device} {screen} {view} ({MODE_NAMES[mode]}): median "
                    f"{statistics.median(idle):.0f} ms, p95 {_p95(idle):.0f} ms; load {_load()}",
                    flush=True,
                )
                _print_slowest(figures[screen, view, mode, "server"])
    for view, mode in ((view, mode) for view in ("list", "form") for mode in MODES):
        anchor = statistics.median(figures[ANCHOR, view, mode][0])
        for screen, _action, _model in screens:
            idle, rendered = figures[screen, view, mode]
            requests = figures[screen, view, mode, "server"]
            median = statistics.median(idle)
            report.row(
                user=kind,
                device=device,
                screen=screen,
                view=view,
                mode=MODE_NAMES[mode],
                median_ms=round(median),
                p95_ms=round(_p95(idle)),
                rendered_ms=round(statistics.median(rendered)),
                anchor_ms=round(anchor),
                ratio=median / anchor,
                server_ms=round(sum(r[2] + r[3] for r in requests) * 1000 / LOADS),
                rpc=round(len(requests) / LOADS),
                target=f"{'met' if median < TARGETS[view] else 'MISSED'} <{TARGETS[view]}",
            )


def _print_slowest(requests):
    """The server's three costliest requests of a screen, per load."""
    by_path = defaultdict(list)
    for path, queries, sql, other in requests:
        by_path[re.sub(r"/\d+", "/<id>", re.split(r"[?#]", path)[0])].append((queries, sql, other))
    costs = sorted(
        (
            (
                sum(s + o for __, s, o in calls) / len(calls),
                path,
                statistics.median(q for q, __, __ in calls),
                statistics.median(s for __, s, __ in calls),
                statistics.median(o for __, __, o in calls),
            )
            for path, calls in by_path.items()
        ),
        reverse=True,
    )[:3]
    print(
        "    slowest requests (median queries, sql ms + other ms): "
        + "; ".join(
            f"{path} {q:.0f} q {s * 1000:.0f}+{o * 1000:.0f}" for __, path, q, s, o in costs
        ),
        flush=True,
    )
