"""Portal: /my/wo/documents against Odoo's /my/invoices, over HTTP, for one counterparty.

A counterparty's portal user opens the first and the last page (80 rows) of
the documents sent to their company, with 10, 1k and 100k documents sent to
it among WO_BENCH_PORTAL_BACKGROUND (default 1M) documents sent to other
counterparties; in the same run, with as many invoices of theirs among as
many invoices of others, Odoo's own /my/invoices. A real server (threaded,
on 127.0.0.1) answers; its data is committed, then removed. Figures: the
queries of a request (from the server's request log) and the median
milliseconds of 5 requests after one warm-up, and the ratios to Odoo's page.
Goal: flat with the number of documents, as Odoo's page is.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

SIZES = [int(s) for s in os.environ.get("WO_BENCH_PORTAL_SIZES", "10,1000,100000").split(",")]
BACKGROUND = int(os.environ.get("WO_BENCH_PORTAL_BACKGROUND", "1000000"))
OTHERS = 100  # the other counterparties the background is spread over
REPEAT = 5
PER_PAGE = 80
LOGIN = "bench_portal_user"
PASSWORD = "bench-portal-pass"
# a request line of Odoo's werkzeug log: "GET /my/... HTTP/1.1" 200 - <queries> <sql s> <other s>
REQUEST_LINE = re.compile(r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<queries>\d+) ')


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clone(cr, table, template_id, count, overrides):
    """``count`` copies of row ``template_id`` of ``table`` (the bench's own
    data, in SQL); ``overrides``: column -> SQL expression of ``n`` (1..count).
    Returns the first and last new ids."""
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND column_name != 'id'
              AND is_generated = 'NEVER' ORDER BY ordinal_position""",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    select = ", ".join(overrides.get(c, f'"{c}"') for c in columns)
    cr.execute(
        f"""INSERT INTO "{table}" ({", ".join(f'"{c}"' for c in columns)})
            SELECT {select} FROM "{table}", generate_series(1, %s) n WHERE id = %s
            RETURNING id""",  # names from the catalogue, values as parameters
        [count, template_id],
    )
    ids = [row[0] for row in cr.fetchall()]
    return min(ids), max(ids)


def _send_documents(cr, data, partner_ids_sql, count, tag):
    """``count`` documents of the partners ``partner_ids_sql`` (an SQL array
    expression of n) sent to them, and as many posted invoices."""
    first, last = _clone(
        cr,
        "wo_document",
        data["document"],
        count,
        {
            "name": f"'PB-{tag}-' || n",
            "subject": f"'Bench contract {tag} ' || n",
            "partner_id": partner_ids_sql,
        },
    )
    cr.execute(
        """INSERT INTO wo_portal_send (document_id, company_id, partner_id, state, date_sent,
                                       date_expiry, sent_by_id, access_token, message,
                                       create_uid, write_uid, create_date, write_date)
           SELECT d.id, d.company_id, d.partner_id, 'sent',
                  now() - (d.id - %s) * interval '1 second', now() + interval '30 days', 1,
                  md5(random()::text), 'Please sign.', 1, 1, now(), now()
             FROM wo_document d WHERE d.id BETWEEN %s AND %s""",
        [first, first, last],
    )
    _clone(
        cr,
        "account_move",
        data["invoice"],
        count,
        {
            "name": f"'PBINV/{tag}/' || n",
            "partner_id": partner_ids_sql,
            "commercial_partner_id": partner_ids_sql,
            "invoice_date": "CURRENT_DATE - mod(n, 700)",
            "date": "CURRENT_DATE - mod(n, 700)",
        },
    )


def _setup(env):
    """The counterparty, its portal user, the other counterparties and the
    template rows, committed."""
    Partner = env["res.partner"]
    counterparty = Partner.create({"name": "Bench Counterparty", "is_company": True})
    contact = Partner.create({"name": "Bench Contact", "parent_id": counterparty.id})
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "login": LOGIN,
                "password": PASSWORD,
                "partner_id": contact.id,
                "group_ids": [(6, 0, [env.ref("base.group_portal").id])],
            }
        )
    )
    others = Partner.create(
        [{"name": f"Bench Other {i}", "is_company": True} for i in range(OTHERS)]
    )
    document = env["wo.document"].create(
        {
            "type_id": env.ref("wo_documents.wo_document_type_contract").id,
            "subject": "Bench template",
            "partner_id": others[0].id,
            "amount": 1000,
        }
    )
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": others[0].id,
            "invoice_line_ids": [(0, 0, {"name": "Service", "quantity": 1, "price_unit": 100})],
        }
    )
    invoice.action_post()
    return {
        "counterparty": counterparty.id,
        "partners": (counterparty | contact | others).ids,
        "user": user.id,
        "others": others.ids,
        "document": document.id,
        "invoice": invoice.id,
    }


def _cleanup(registry, data, marks):
    started = time.perf_counter()
    with registry.cursor() as cr:
        cr.execute("DELETE FROM wo_portal_send WHERE id > %s", [marks["send"]])
        cr.execute("DELETE FROM wo_document WHERE id > %s", [marks["document"]])
        cr.execute("DELETE FROM account_move WHERE id > %s", [marks["move"]])
        cr.execute("DELETE FROM account_move_line WHERE move_id > %s", [marks["move"]])
        cr.execute("DELETE FROM res_users WHERE id = %s", [data["user"]])
        cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(data["partners"])])
    print(f"  the bench's rows removed in {time.perf_counter() - started:.0f} s", flush=True)


def _get(session, url, path):
    started = time.perf_counter()
    response = session.get(url + path, timeout=120)
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return response, elapsed


def run(env, report):
    registry = env.registry
    database = env.cr.dbname
    with registry.cursor() as cr:
        cr.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM wo_portal_send),"
            "       (SELECT coalesce(max(id), 0) FROM wo_document),"
            "       (SELECT coalesce(max(id), 0) FROM account_move)"
        )
        marks = dict(zip(("send", "document", "move"), cr.fetchone(), strict=True))
        data = _setup(env(cr=cr))
    port = _free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp"), f"wo-bench-portal-{port}.log")
    server = None
    try:
        others = f"(ARRAY{data['others']})[1 + mod(n, {OTHERS})]"
        started = time.perf_counter()
        with registry.cursor() as cr:
            _send_documents(cr, data, others, BACKGROUND, "bg")
            cr.execute("ANALYZE wo_document; ANALYZE wo_portal_send; ANALYZE account_move")
        print(
            f"  {BACKGROUND} documents sent to {OTHERS} other counterparties and as many "
            f"invoices, in {time.perf_counter() - started:.0f} s"
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "odoo", "server", "-c", os.environ["WO_ODOO_CONFIG"]]
            + ["-d", database, f"--db-filter=^{database}$", "--max-cron-threads=0"]
            + [f"--http-port={port}", "--http-interface=127.0.0.1", f"--logfile={log}"]
            + ["--log-level=warn", "--log-handler=werkzeug:INFO"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        session = requests.Session()
        deadline = time.time() + 180
        while True:
            try:
                session.get(f"{url}/web/login", timeout=10)
                break
            except requests.ConnectionError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        answer = session.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": database, "login": LOGIN, "password": PASSWORD}},
            timeout=60,
        ).json()
        assert answer.get("result", {}).get("uid"), answer
        done = 0
        for size in SIZES:
            with registry.cursor() as cr:
                _send_documents(cr, data, str(data["counterparty"]), size - done, f"c{size}")
                cr.execute("ANALYZE wo_document; ANALYZE wo_portal_send; ANALYZE account_move")
            done = size
            last = (size - 1) // PER_PAGE + 1
            for page, suffix in (("first", ""), ("last", f"/page/{last}" if last > 1 else "")):
                figures = {}
                for name, base in (("wo", "/my/wo/documents"), ("odoo", "/my/invoices")):
                    path = base + suffix
                    _get(session, url, path)  # warm-up
                    times = []
                    for _index in range(REPEAT):
                        response, elapsed = _get(session, url, path)
                        times.append(elapsed)
                    rows = response.text.count(
                        "o_wo_portal_document_row" if name == "wo" else "/my/invoices/"
                    )
                    figures[name] = (statistics.median(times) * 1000, rows)
                time.sleep(0.5)  # the log is written
                queries = {}
                for line in reversed(log.read_text().splitlines()):
                    match = REQUEST_LINE.search(line)
                    if not match:
                        continue
                    for name, base in (("wo", "/my/wo/documents"), ("odoo", "/my/invoices")):
                        if match["path"] == base + suffix and name not in queries:
                            queries[name] = int(match["queries"])
                    if len(queries) == 2:
                        break
                print(
                    f"  {size} sent, {page} page: wo {figures['wo'][0]:.0f} ms"
                    f" {queries.get('wo')} queries, odoo {figures['odoo'][0]:.0f} ms"
                    f" {queries.get('odoo')} queries",
                    flush=True,
                )
                report.row(
                    sent=size,
                    background=BACKGROUND,
                    page=page,
                    wo_rows=figures["wo"][1],
                    wo_queries=queries.get("wo", -1),
                    odoo_queries=queries.get("odoo", -1),
                    wo_ms=figures["wo"][0],
                    odoo_ms=figures["odoo"][0],
                    t_ratio=figures["wo"][0] / figures["odoo"][0],
                )
    finally:
        if server:
            server.terminate()
            server.wait(60)
        _cleanup(registry, data, marks)
