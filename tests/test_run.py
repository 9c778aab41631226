"""``./wo run`` keeps users' data safely and serves as Odoo is served in
production: its PostgreSQL cluster is crash-safe (PostgreSQL's defaults), a
separate one has the fast settings for scratch databases, a cluster that an
older WO started with the fast settings is restarted safe with its data, and
``--workers N`` is Odoo's multi-process server (HTTP workers, cron workers,
the gevent port) that really starts and answers."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import wo_dev

from conftest import ROOT, config_addons_path, derived_config

# in a process of its own: no PGHOST (the private clusters), both kinds of
# cluster in ``base``; prints what each server says of its durability
CLUSTERS = """
import json, sys
from pathlib import Path
sys.path.insert(0, {tools!r})
import wo_dev

SETTINGS = ("fsync", "synchronous_commit", "full_page_writes")

def durability(pg):
    return {{name: pg.setting(name) for name in SETTINGS}}

result = {{}}
# an older WO's ./wo run: the run cluster started with the test settings
old = wo_dev.Postgres(durable=False)
old.data, old.host = Path({run!r}), {run!r}
old.ensure()
old.psql("CREATE DATABASE wo_kept")
old.psql("CREATE TABLE kept AS SELECT 42 AS answer", dbname="wo_kept")
result["old"] = durability(old)
run = wo_dev.Postgres(durable=True).ensure()
result["run"] = durability(run)
result["kept"] = run.psql("SELECT answer FROM kept", dbname="wo_kept").stdout.strip()
test = wo_dev.Postgres(durable=False).ensure()
result["test"] = durability(test)
result["dirs"] = [str(run.data), str(test.data)]
run.stop()
test.stop()
print("WO-CLUSTERS " + json.dumps(result))
"""


def test_run_cluster_is_durable_test_cluster_is_fast(cluster_base):
    run, test = cluster_base / "run", cluster_base / "test"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update(WO_PGDATA=str(run), WO_TEST_PGDATA=str(test))
    script = CLUSTERS.format(tools=str(ROOT / "tools"), run=str(run))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("WO-CLUSTERS "))
    clusters = json.loads(line.removeprefix("WO-CLUSTERS "))
    off = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    on = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
    assert clusters["old"] == off
    # the same cluster, restarted crash-safe, its data kept
    assert clusters["run"] == on
    assert clusters["kept"] == "42"
    assert clusters["test"] == off
    assert clusters["dirs"] == [str(run), str(test)]


def test_production_settings():
    settings = wo_dev.production_settings(4)
    assert settings["workers"] == 4
    assert settings["max_cron_threads"] == 2
    assert settings["list_db"] is False
    assert settings["proxy_mode"] is True
    assert settings["limit_memory_hard"] > settings["limit_memory_soft"] > 0
    # every process's connections fit PostgreSQL's 200
    assert (4 + 2 + 1) * settings["db_maxconn"] <= 200


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def answer(server, log_path, url, timeout=120):
    """The first answer of ``url`` (status, body), waiting while the server starts."""
    deadline = time.time() + timeout
    while True:
        assert server.poll() is None, log_path.read_text()[-3000:]
        try:
            return get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            assert time.time() < deadline, f"{url}: no answer\n{log_path.read_text()[-3000:]}"
            time.sleep(1)


def children(pid):
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_production_mode_serves_with_workers(odoo, odoo_config, hr_database, tmp_path):
    """Odoo's multi-process server with the settings of ``./wo run
    --workers 2``, on a database with WO: it answers on the HTTP port, its
    database list is closed, the gevent port serves the bus, and the
    master process has its HTTP workers, cron workers and gevent process."""
    database = "wo_suite_workers"
    odoo.copy(hr_database, database)
    http_port, gevent_port = wo_dev.free_port(), wo_dev.free_port()
    # the addons path of ./wo test, the settings of ./wo run --workers 2
    config = derived_config(
        odoo_config,
        tmp_path / "workers.conf",
        config_addons_path(odoo_config),
        **dict(
            wo_dev.production_settings(2),
            http_port=http_port,
            gevent_port=gevent_port,
            admin_passwd="not-admin",
        ),
    )
    log_path = tmp_path / "workers.log"
    try:
        odoo.run(database, "-i", "wo_staff", name="install-wo-staff")
        with log_path.open("w") as log:
            server = subprocess.Popen(
                wo_dev.odoo_command(config, "-d", database, f"--db-filter=^{database}$"),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        try:
            status, body = answer(server, log_path, f"http://127.0.0.1:{http_port}/web/health")
            assert status == 200, log_path.read_text()[-3000:]
            assert json.loads(body)["status"] == "pass"
            # no database list (list_db = False)
            status, body = get(f"http://127.0.0.1:{http_port}/web/database/manager")
            assert "The database manager has been disabled" in body, status
            # the login page of the database, served by a worker
            status, body = get(f"http://127.0.0.1:{http_port}/web/login")
            assert status == 200 and "oe_login_form" in body
            # the gevent process answers the web client's bus
            status, _ = answer(server, log_path, f"http://127.0.0.1:{gevent_port}/websocket")
            assert status in (400, 426), status
            # 2 HTTP workers + 2 cron workers + the gevent process
            deadline = time.time() + 30
            while len(children(server.pid)) < 5 and time.time() < deadline:
                time.sleep(1)
            assert len(children(server.pid)) >= 5, children(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        log = log_path.read_text()
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
    finally:
        odoo.drop(database)


def test_master_password_made_once(tmp_path, monkeypatch):
    monkeypatch.setattr(wo_dev, "STATE", tmp_path / ".wo")
    first = wo_dev.master_password()
    assert len(first) >= 24 and first != "admin"
    assert wo_dev.master_password() == first
    assert (tmp_path / ".wo" / "master-password").stat().st_mode & 0o777 == 0o600
