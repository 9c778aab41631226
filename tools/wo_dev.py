#!/usr/bin/env python3
"""The README's commands: run WO, test WO, benchmark WO.

``./wo run``   starts PostgreSQL, creates or updates the ``wo`` database with
               every WO addon and demo data, and serves the web client.
``./wo test``  fresh database, every WO addon installed with a clean log,
               every test (addons and suite) with pytest-odoo, Odoo's own
               tests of the core modules WO extends, and lint.
``./wo bench`` runs the benchmarks of ``bench/`` on a scratch database;
               ``./wo bench scale``: Odoo nodes under load (bench_scale.py).

Odoo 19.0 Community must be importable as ``odoo`` by this Python; nothing
of Odoo lives in this repository. PostgreSQL is the server named by the
usual ``PGHOST``/``PGPORT``/``PGUSER``/``PGPASSWORD`` variables when they are
set, otherwise a private cluster kept in ``.wo/`` (Debian's PostgreSQL is
installed first when it is missing and we run as root): ``.wo/pgdata`` for
``./wo run``, with PostgreSQL's own durability, and ``.wo/pgdata-test`` for
the scratch databases of tests and benchmarks, with the fast settings that a
power cut may cost data.
"""

import argparse
import ast
import concurrent.futures
import configparser
import hashlib
import os
import re
import secrets
import shutil
import site
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".wo"
ADDONS = ROOT / "addons"
ODOO_MISSING = (
    "Odoo 19.0 Community cannot be imported by this python3 "
    "(`python3 -c 'import odoo.release'` must print version 19.0): "
    "install Odoo 19.0 Community first, then run this command again."
)
# A line of Odoo's log at one of these levels fails an install (as OCA CI).
BAD_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) ")
DEBIAN_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "chromium": "chromium"}
# Odoo's own tests of the core modules WO extends (--test-tags specs): they
# must pass with WO installed as they pass without it. ``./wo test`` runs
# these; ``--core-all`` adds the rest, for a run before stopping work.
CORE_TESTS = [
    "/hr",
    "/calendar",
    "/contacts",
    "/crm",
    "/mass_mailing",
    "/portal",  # wo_portal: the portal's home, its controller and layout
    # mail: the models WO inherits (activities, followers, tracking)
    "/mail/tests/test_mail_activity.py",
    "/mail/tests/test_mail_message.py",
    "/mail/tests/test_mail_tools.py",
    "/mail/tests/test_res_partner.py",
    "/mail/tests/test_res_users.py",
]
CORE_TESTS_ALL = [spec for spec in CORE_TESTS if not spec.startswith("/mail/")] + [
    "/mail",
    "/account",  # WO invoices through OCA contract
    # the crypto stack WO pins for its signatures (requirements.txt): Odoo's
    # tests that use it (two-factor, passkeys, SMTP with TLS certificates)
    "/auth_totp",
    "/auth_totp_mail",
    "/auth_totp_portal",
    "/auth_passkey",
    "/base/tests/test_ir_mail_server.py",
    "/base/tests/test_ir_mail_server_smtpd.py",
]
# every WO addon out of a database, in ``odoo shell``
UNINSTALL_WO = """
names = {names!r}
env["ir.module.module"].search([("name", "in", names)]).button_immediate_uninstall()
env.cr.commit()
""".format
# the summary lines of an Odoo test run
TESTS_SUMMARY = re.compile(r"odoo\.tests\.(?:result|stats): (.*(?:tests when loading|tests \d).*)")


# set when ./wo test gives up (its install log is not clean): the Odoo runs
# of the core check beside it stop too
STOP = threading.Event()


class Stopped(RuntimeError):
    """An Odoo run ended early because ./wo test gave up."""


def run_until_stopped(cmd, **kwargs):
    """``subprocess.run(cmd, **kwargs).returncode``, the process ended at
    once (and ``Stopped`` raised) when ``STOP`` is set."""
    with subprocess.Popen(cmd, **kwargs) as process:
        while True:
            try:
                return process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                if STOP.is_set():
                    process.kill()
                    process.wait()
                    raise Stopped(f"stopped: {' '.join(map(str, cmd[:4]))} ...") from None


def say(text):
    print(f"[wo] {text}", flush=True)


def die(text, code=2):
    print(f"[wo] {text}", file=sys.stderr, flush=True)
    sys.exit(code)


# --------------------------------------------------------------------- Odoo
def odoo_addons_dirs():
    """Odoo's own addons folders, found from the installed ``odoo`` package."""
    try:
        import odoo.release
    except ImportError:
        die(ODOO_MISSING)
    if tuple(odoo.release.version_info[:2]) != (19, 0):
        die(ODOO_MISSING)
    # ``odoo`` is a namespace package: its source checkout is one portion,
    # a <site-packages>/odoo of OCA wheels may be another.
    dirs = [
        d
        for package in map(Path, odoo.__path__)
        for d in (package.parent / "addons", package / "addons")
        if (d / "base").is_dir() or (d / "web").is_dir()
    ]
    # OCA addons installed from PyPI (odoo-addon-<name>) land in
    # <site-packages>/odoo/addons, beside (not inside) a source checkout.
    for site_dir in [*site.getsitepackages(), site.getusersitepackages()]:
        oca = Path(site_dir, "odoo", "addons")
        if oca.is_dir() and oca.resolve() not in {d.resolve() for d in dirs}:
            dirs.append(oca)
    return dirs


def wo_addons():
    """Every WO addon of the repository, dependencies first."""
    manifests = {}
    for path in sorted(ADDONS.glob("*/__manifest__.py")):
        manifests[path.parent.name] = ast.literal_eval(path.read_text())
    ordered = []

    def visit(name):
        if name in ordered or name not in manifests:
            return
        for dep in manifests[name].get("depends", []):
            visit(dep)
        ordered.append(name)

    for name in manifests:
        visit(name)
    return ordered


# ---------------------------------------------------------------- packages
def pip_install():
    """Install the Python packages the repository declares."""
    say("installing the declared Python packages (requirements-dev.txt)")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + ["-r", str(ROOT / "requirements-dev.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        print(result.stdout + result.stderr, file=sys.stderr)
        die("pip could not install requirements-dev.txt.")


def apt_install(packages, why):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"{' '.join(packages)} missing ({why}); install them from your distribution")
        return False
    say(f"installing {' '.join(packages)} from Debian ({why})")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    result = subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        env=env,
        check=False,
    )
    return result.returncode == 0


def ensure_debian_tools():
    """wkhtmltopdf for PDF reports, chromium for HttpCase tours."""
    missing = [pkg for cmd, pkg in DEBIAN_PACKAGES.items() if not shutil.which(cmd)]
    if missing:
        apt_install(missing, "PDF reports and browser tests")


# --------------------------------------------------------------- PostgreSQL
class Postgres:
    """A reachable server: the configured one, or a private cluster of ours:
    ``durable`` for the users' data of ``./wo run`` (PostgreSQL's defaults:
    fsync, synchronous commit, full page writes), else the scratch cluster of
    tests and benchmarks, fast and not crash-safe."""

    # both: no TCP, room for Odoo's workers; no JIT (as WO recommends for its
    # databases: PostgreSQL's JIT compiles each record-rule query anew,
    # seconds on a small machine)
    OPTIONS = "-c listen_addresses='' -c max_connections=200 -c jit=off"
    FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def __init__(self, durable=False):
        self.durable = durable
        self.external = bool(os.environ.get("PGHOST"))
        if self.external:
            self.host = os.environ["PGHOST"]
            self.port = os.environ.get("PGPORT", "5432")
            self.user = os.environ.get("PGUSER", "")
            self.password = os.environ.get("PGPASSWORD", "")
        else:
            self.data = self._data_dir(durable)
            self.host = str(self.data)
            self.port = "5432"
            self.user = "wo"
            self.password = ""

    # the private clusters live in .wo/ unless the path is unusable for them
    @staticmethod
    def _data_dir(durable):
        variable, folder = ("WO_PGDATA", "pgdata") if durable else ("WO_TEST_PGDATA", "pgdata-test")
        if os.environ.get(variable):
            return Path(os.environ[variable])
        data = STATE / folder
        # a unix socket path is limited to 107 bytes
        if len(str(data / ".s.PGSQL.5432.lock")) > 100 or not _world_traversable(STATE):
            digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
            data = Path(tempfile.gettempdir()) / f"wo-{folder}-{digest}"
        return data

    def options(self):
        return f"-k {self.data} {self.OPTIONS}" + ("" if self.durable else f" {self.FAST}")

    def setting(self, name):
        return self.psql(f"SHOW {name}").stdout.strip()

    def env(self):
        env = dict(os.environ, PGHOST=self.host, PGPORT=self.port)
        if self.user:
            env["PGUSER"] = self.user
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def psql(self, sql, dbname="postgres", check=True):
        return subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", dbname] + ["-c", sql],
            env=self.env(),
            capture_output=True,
            text=True,
            check=check,
        )

    def reachable(self):
        return self.psql("SELECT 1", check=False).returncode == 0

    def ensure(self):
        if self.external:
            if not self.reachable():
                die(f"PostgreSQL at PGHOST={self.host} PGPORT={self.port} does not answer.")
            say(f"using the PostgreSQL server at {self.host}:{self.port}")
            return self
        if self.reachable():
            if self.durable and self.setting("fsync") == "off":
                # started by a WO from before the two clusters, with the
                # test settings: the same data, from now on crash-safe
                say("restarting the private PostgreSQL cluster with PostgreSQL's durability")
                self._pg_ctl(_pg_bindir(), "restart", "-m", "fast")
            return self
        bindir = _pg_bindir()
        if not bindir:
            apt_install(["postgresql"], "the database server")
            bindir = _pg_bindir()
            if not bindir:
                die("PostgreSQL is not installed: install it, or set PGHOST to a server.")
        self._start(bindir)
        return self

    def _as_owner(self, cmd):
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *cmd]
        return cmd

    def _start(self, bindir):
        data = self.data
        if not (data / "PG_VERSION").exists():
            say(f"creating a private PostgreSQL cluster in {data}")
            data.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(data, "postgres", "postgres")
            subprocess.run(
                self._as_owner(
                    [f"{bindir}/initdb", "-D", str(data), "-U", "postgres"]
                    + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        say(f"starting the private PostgreSQL cluster in {data}")
        self._pg_ctl(bindir, "start")
        # the role Odoo connects with (Odoo refuses the 'postgres' role)
        admin = subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-h", str(data), "-U", "postgres", "-d"]
            + ["postgres", "-c", "SELECT 1 FROM pg_roles WHERE rolname = 'wo'"],
            capture_output=True,
            text=True,
            check=True,
        )
        if admin.stdout.strip() != "1":
            subprocess.run(
                ["psql", "-X", "-q", "-h", str(data), "-U", "postgres", "-d", "postgres"]
                + ["-c", "CREATE ROLE wo LOGIN SUPERUSER"],
                check=True,
            )

    def _pg_ctl(self, bindir, *action):
        subprocess.run(
            self._as_owner(
                [f"{bindir}/pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log")]
                + ["-o", self.options(), "-w", "-t", "60", *action]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        """Stops the private cluster (tests of the clusters themselves)."""
        self._pg_ctl(_pg_bindir(), "stop", "-m", "fast")

    def database_exists(self, name):
        result = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        return result.stdout.strip() == "1"

    def copy_database(self, template, name):
        """``name`` as a copy of ``template`` and its filestore."""
        copy_database(template, name, STATE / "data", env=self.env())

    def drop_database(self, name):
        drop_database(name, STATE / "data", env=self.env())


def drop_database(name, data_dir, env=None):
    """Drops ``name`` and its filestore under ``data_dir`` (Odoo's data_dir);
    ``env``: the PostgreSQL variables (default: this process's)."""
    subprocess.run(["dropdb", "--if-exists", "--force", name], env=env, check=True)
    shutil.rmtree(Path(data_dir, "filestore", name), ignore_errors=True)


def copy_database(template, name, data_dir, env=None):
    """``name`` as a copy of ``template`` and its filestore (``createdb -T``)."""
    drop_database(name, data_dir, env)
    subprocess.run(["createdb", "-T", template, name], env=env, check=True)
    filestore = Path(data_dir, "filestore")
    if (filestore / template).is_dir():
        shutil.copytree(filestore / template, filestore / name)


def _world_traversable(path):
    path = path.resolve() if path.exists() else path.parent.resolve()
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def _pg_bindir():
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        if out.returncode == 0 and Path(out.stdout.strip(), "initdb").exists():
            return out.stdout.strip()
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1].parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).resolve().parent) if initdb else None


# ------------------------------------------------------------------ config
def write_config(pg, path=None, **settings):
    """The repository's odoo.conf plus paths, database and ``settings``, in
    ``path``: ``.wo/odoo.conf`` for ``./wo run``, ``.wo/odoo-test.conf`` for
    tests and benchmarks."""
    STATE.mkdir(exist_ok=True)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "odoo.conf")
    options = parser["options"]
    options.update({key: str(value) for key, value in settings.items()})
    options["addons_path"] = ",".join(str(p) for p in [ADDONS, *odoo_addons_dirs()])
    options["data_dir"] = str(STATE / "data")
    options["db_host"] = pg.host
    options["db_port"] = pg.port
    options["db_user"] = pg.user
    if pg.password:
        options["db_password"] = pg.password
    path = path or STATE / ("odoo.conf" if pg.durable else "odoo-test.conf")
    with path.open("w") as handle:
        parser.write(handle)
    return path


def derive_config(config, path, **settings):
    """A copy of the Odoo config ``config`` with other ``settings``, in ``path``."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    parser["options"].update({key: str(value) for key, value in settings.items()})
    with Path(path).open("w") as handle:
        parser.write(handle)
    return Path(path)


def odoo_command(config, *args, python=sys.executable):
    return [python, str(ROOT / "tools" / "odoo_bin.py"), *odoo_arguments(config, *args)]


def odoo_arguments(config, *args):
    return ["server", "-c", str(config), *args]


def run_odoo(config, log_path, *args, python=sys.executable):
    """Run Odoo to completion (with ``python``: a virtual environment's);
    return (exit code, log text)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        code = run_until_stopped(
            odoo_command(config, "--stop-after-init", "--no-http", *args, python=python),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    return code, log_path.read_text()


def odoo_shell(config, log_path, database, script, python=sys.executable):
    """``script`` in ``odoo shell`` on ``database`` (with ``python``: a
    virtual environment's); returns (exit code, log text)."""
    result = subprocess.run(
        [python, "-m", "odoo", "shell", "-c", str(config), "-d", database]
        + ["--no-http", "--log-level=info"],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    log = result.stdout + result.stderr
    log_path.write_text(log)
    return result.returncode, log


def bad_lines(log):
    return [line for line in log.splitlines() if BAD_LOG_LINE.match(line)]


def prepare(durable=False, **settings):
    """Everything the commands need; returns (postgres, config path)."""
    odoo_addons_dirs()  # stops at once when Odoo 19 cannot be imported
    pip_install()
    pg = Postgres(durable).ensure()
    return pg, write_config(pg, **settings)


def master_password():
    """The master password of ``./wo run``'s Odoo (the database manager's),
    made once and kept in ``.wo/master-password``, readable by its owner only."""
    path = STATE / "master-password"
    if not path.exists():
        STATE.mkdir(exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24) + "\n")
    return path.read_text().strip()


def production_settings(workers):
    """Odoo's multi-process mode as Odoo's deployment guide sets it up:
    ``workers`` HTTP workers, two cron workers, the gevent port for the web
    client's live updates (the bus), behind a reverse proxy, no database
    list, memory and time limits per worker."""
    return {
        "workers": workers,
        "max_cron_threads": 2,
        "gevent_port": 8072,
        "proxy_mode": True,
        "list_db": False,
        # per worker: recycled above the soft limit, killed above the hard one
        "limit_memory_soft": 2 * 1024**3,
        "limit_memory_hard": 5 * 1024**3 // 2,
        "limit_time_cpu": 600,
        "limit_time_real": 1200,
        "limit_request": 65536,
        # connections per process: (workers + 2 cron + gevent) x 16 <= 200
        "db_maxconn": 16,
    }


# ---------------------------------------------------------------- commands
def cmd_run(args):
    settings = {"admin_passwd": master_password()}
    if args.workers:
        settings.update(production_settings(args.workers))
    if args.interface:
        settings["http_interface"] = args.interface
    pg, config = prepare(durable=True, **settings)
    ensure_debian_tools()
    addons = ",".join(wo_addons())
    if pg.database_exists(args.database):
        say(f"updating the database {args.database}")
        code, log = run_odoo(
            config,
            STATE / "logs" / "run-update.log",
            "-d",
            args.database,
            "-i",
            addons,
            "-u",
            addons,
        )
    else:
        say(f"creating the database {args.database} with every WO addon and demo data")
        code, log = run_odoo(
            config,
            STATE / "logs" / "run-install.log",
            "-d",
            args.database,
            "-i",
            addons,
            "--with-demo",
        )
    if code:
        print(log[-4000:], file=sys.stderr)
        die("Odoo could not install or update WO: see the log above.", code)
    mode = "one process"
    if args.workers:
        mode = (
            f"{args.workers} workers and 2 cron workers; live updates on port 8072, "
            "where a reverse proxy sends /websocket (README)"
        )
    say(
        f"WO is ready ({mode}): open http://127.0.0.1:8069 and log in as admin / admin "
        "(demo users: login = password, e.g. wo_director / wo_director). Ctrl+C stops. "
        f"Master password: in {STATE / 'master-password'}"
    )
    os.execv(
        sys.executable,
        odoo_command(config, "-d", args.database, f"--db-filter=^{args.database}$"),
    )


def _script(name):
    """A console script installed beside this Python (pip's bin folder)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def run_lint():
    say("lint: ruff, ruff format, pylint-odoo and OCA's module checks, READMEs")
    failed = False
    addons = [f"addons/{a}" for a in wo_addons()]
    checks = [
        [sys.executable, "-m", "ruff", "check", "--no-fix", "."],
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        [sys.executable, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *addons],
        [_script("oca-checks-odoo-module"), *addons],
        [sys.executable, "tools/gen_readme.py", "--check"],
    ]
    for cmd in checks:
        result = subprocess.run(cmd, cwd=ROOT, check=False)
        if result.returncode:
            say(f"lint failed: {' '.join(cmd)}")
            failed = True
    return not failed


def run_core_tests(config, database, tags, name):
    """Odoo's tests selected by ``tags`` on ``database`` (tools/odoo_tests.py);
    returns (exit code, log, failing test tags)."""
    failures = STATE / "logs" / f"{name}.failures"
    log_path = STATE / "logs" / f"{name}.log"
    started = time.time()
    with log_path.open("w") as log:
        code = run_until_stopped(
            [sys.executable, str(ROOT / "tools" / "odoo_tests.py"), str(failures)]
            + odoo_arguments(config, "-d", database, "--test-tags", ",".join(tags))
            + ["--stop-after-init", f"--http-port={free_port()}", "--log-level=info"],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    log = log_path.read_text()
    say(f"{name}: {time.time() - started:.0f} s, exit code {code} (log: {log_path})")
    for line in TESTS_SUMMARY.findall(log):
        print(f"    {line.strip()}")
    return code, log, sorted(set(failures.read_text().split()))


def core_check(pg, config, database, tags):
    """Odoo's own tests of the core modules WO extends, on a database with
    every WO addon and no demo data (Odoo's tests are written for databases
    without it, as Odoo 19 creates them); then on the same database once
    every WO addon is uninstalled again: Odoo's modules still work after WO.
    A test that fails is run again on a database with the same modules but
    no WO: only a test that fails with WO (or after it) alone fails the
    check. Returns whether it passed."""
    database = f"{database}_core"
    bare = BareDatabase(pg, config, f"{database}_without_wo")
    try:
        say(f"installing every WO addon into {database} (no demo data) for Odoo's own tests")
        pg.drop_database(database)
        code, log = run_odoo(
            config,
            STATE / "logs" / "core-install.log",
            "-d",
            database,
            "-i",
            ",".join(wo_addons()),
        )
        if code:
            print(log[-4000:], file=sys.stderr)
            say(f"could not build {database}")
            return False
        with_wo = core_compare(config, database, tags, "core-with-wo", bare)
        say(f"uninstalling every WO addon from {database}")
        code, log = odoo_shell(
            config, STATE / "logs" / "core-uninstall.log", database, UNINSTALL_WO(names=wo_addons())
        )
        if code or bad_lines(log):
            print("\n".join(bad_lines(log)) or log[-4000:], file=sys.stderr)
            say(f"could not uninstall WO from {database}")
            return False
        after_wo = core_compare(config, database, tags, "core-after-uninstall", bare)
    except RuntimeError as error:
        say(str(error))
        return False
    finally:
        bare.drop()
    return with_wo and after_wo


class BareDatabase:
    """A database with the same Odoo modules as the one tested, and no WO,
    built on first use; remembers which tests fail on it."""

    def __init__(self, pg, config, name):
        self.pg, self.config, self.name = pg, config, name
        self.modules = None
        self.failing, self.passing = set(), set()

    def failing_of(self, tests, modules, name):
        """Those of ``tests`` that fail here too (run only once each)."""
        if modules != self.modules:
            say(f"building {self.name} with the same modules and no WO")
            self.drop()
            code, log = run_odoo(
                self.config, STATE / "logs" / f"{name}-install.log", "-d", self.name, "-i", modules
            )
            if code:
                print(log[-4000:], file=sys.stderr)
                raise RuntimeError(f"could not build {self.name}")
            self.modules = modules
            self.failing, self.passing = set(), set()
        todo = [test for test in tests if test not in self.failing | self.passing]
        if todo:
            say(f"running {len(todo)} of them again without WO, in {self.name}")
            _, _, failed = run_core_tests(self.config, self.name, todo, name)
            self.failing.update(failed)
            self.passing.update(test for test in todo if test not in failed)
        return [test for test in tests if test in self.failing]

    def drop(self):
        self.pg.drop_database(self.name)
        self.modules = None


def core_compare(config, database, tags, name, bare):
    """Odoo's tests selected by ``tags`` on ``database`` as it is; a test that
    fails is run again on ``bare`` (same modules, no WO), and only a test that
    fails on ``database`` alone fails the check (logs ``name*.log``).
    Returns whether it passed."""
    say(f"Odoo's own tests on {database}: {', '.join(tags)}")
    code, log, failed = run_core_tests(config, database, tags, name)
    if code and not failed:
        print(log[-4000:], file=sys.stderr)
        say(f"Odoo's tests did not run to the end on {database} (see the log above)")
        return False
    if not failed:
        say(f"Odoo's own tests: all pass on {database}")
        return True
    say(f"{len(failed)} failed on {database}")
    failed_without = bare.failing_of(failed, core_modules(bare.pg, database), f"{name}-bare")
    caused = [test for test in failed if test not in failed_without]
    if caused:
        # once more where they failed, alone: a browser test that timed out
        # on a busy machine is not something WO changes
        say(f"{len(caused)} pass without WO; running them again on {database}")
        _, _, failed_again = run_core_tests(config, database, caused, f"{name}-again")
        caused = [test for test in caused if test in failed_again]
    for test in failed:
        print(f"    {'WO CHANGES IT' if test in caused else 'fails without WO too'}: {test}")
    if caused:
        say(f"Odoo's own tests: {len(caused)} fail because of WO (listed above)")
        return False
    say(f"Odoo's own tests: {len(failed)} fail, all without WO too: nothing WO changes")
    return True


def core_modules(pg, database):
    """The installed modules of ``database`` that are not WO's, comma-separated."""
    rows = pg.psql("SELECT name FROM ir_module_module WHERE state = 'installed'", database)
    wo = set(wo_addons())
    return ",".join(sorted(set(rows.stdout.split()) - wo))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cmd_test(args):
    pg, config = prepare()
    ensure_debian_tools()
    tags = CORE_TESTS_ALL if args.core_all else CORE_TESTS
    if args.core:
        # only Odoo's own tests, on their own database
        sys.exit(0 if core_check(pg, config, args.database, tags) else 1)
    # Odoo's own tests of the core modules WO extends (all of mail and account
    # with --core-all), not for chosen test paths: on their own database and
    # port, beside everything else from the start (each run is one process:
    # two cores, two runs); lint beside the install
    core = lint = None
    if not args.paths:
        core = concurrent.futures.ThreadPoolExecutor(1).submit(
            core_check, pg, config, args.database, tags
        )
    if not args.no_lint:
        lint = concurrent.futures.ThreadPoolExecutor(1).submit(run_lint)
    try:
        install_with_demo(pg, config, args.database)
    except SystemExit:
        STOP.set()
        raise
    lint_ok = lint.result() if lint else True
    tests_ok = run_pytest(pg, config, args.database, args.paths)
    core_ok = core.result() if core else True
    if not core_ok:
        say("Odoo's own tests failed because of WO (see the core lines above)")
    if not lint_ok:
        say("lint failed (see above)")
    sys.exit(0 if tests_ok and core_ok and lint_ok else 1)


def install_with_demo(pg, config, database):
    """Every WO addon with demo data into a fresh ``database``: the log must be clean."""
    addons = wo_addons()
    say(f"installing {', '.join(addons)} into a fresh database {database} (with demo data)")
    pg.drop_database(database)
    started = time.time()
    code, log = run_odoo(
        config,
        STATE / "logs" / "test-install.log",
        "-d",
        database,
        "-i",
        ",".join(addons),
        "--with-demo",
        "--log-level=info",
    )
    lines = bad_lines(log)
    say(
        f"install took {time.time() - started:.0f} s, exit code {code}, "
        f"{len(lines)} WARNING/ERROR lines"
    )
    for line in lines:
        print(f"    {line}")
    if code:
        print(log[-4000:], file=sys.stderr)
    if code or lines:
        die("the install log is not clean: no tests run.", 1)
    # a copy as installed, for the suite test that upgrades and uninstalls
    # it (tests/test_install.py), before the tests use the database
    pg.copy_database(database, f"{database}_installed")


def run_pytest(pg, config, database, paths):
    """The WO tests (addons and suite) with pytest-odoo; returns whether they passed."""
    env = dict(pg.env(), WO_ODOO_CONFIG=str(config), WO_TEST_DATABASE=database)
    pytest = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-r",
        "fEs",
        "--durations=15",  # where CI's time goes
        f"--odoo-config={config}",
        f"--odoo-database={database}",
        "--odoo-http",
        "--odoo-log-level=warn",
        *(paths or ["addons", "tests"]),
    ]
    say("pytest: " + " ".join(pytest[3:]))
    return subprocess.run(pytest, cwd=ROOT, env=env, check=False).returncode == 0


def cmd_bench(args):
    pg, config = prepare()
    if "scale" in args.names:
        bench_scale(pg, config, args)
    database = args.database
    addons = ",".join(wo_addons() + ["project"])
    if args.reuse and pg.database_exists(database):
        say(f"reusing the scratch database {database} (updating the WO addons)")
        steps = ["-u", addons]
    else:
        pg.drop_database(database)
        say(f"building the scratch database {database}")
        steps = ["-i", addons]
    code, log = run_odoo(config, STATE / "logs" / "bench-install.log", "-d", database, *steps)
    if code:
        print(log[-4000:], file=sys.stderr)
        die("could not build the benchmark database.", code)
    env = dict(pg.env(), WO_ODOO_CONFIG=str(config), WO_BENCH_DATABASE=database)
    cmd = [sys.executable, str(ROOT / "bench" / "run.py"), *args.names]
    sys.exit(subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode)


def bench_scale(pg, config, args):
    """``./wo bench scale``: the scale benchmark (bench/bench_scale.py) in
    processes of its own, on a database with every WO addon, ``project``
    and demo data (its users work)."""
    if args.names != ["scale"]:
        die("./wo bench scale runs alone: ./wo bench scale [--reuse]")
    database = f"{args.database}_scale"
    if not (args.reuse and pg.database_exists(database)):
        pg.drop_database(database)
        say(f"building the scratch database {database} (with demo data)")
        code, log = run_odoo(
            config,
            STATE / "logs" / "bench-scale-install.log",
            "-d",
            database,
            "-i",
            ",".join(wo_addons() + ["project"]),
            "--with-demo",
        )
        if code:
            print(log[-4000:], file=sys.stderr)
            die("could not build the benchmark database.", code)
    env = dict(pg.env(), WO_ODOO_CONFIG=str(config), WO_BENCH_DATABASE=database)
    cmd = [sys.executable, str(ROOT / "bench" / "bench_scale.py"), *args.scale_options]
    sys.exit(subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode)


def main():
    parser = argparse.ArgumentParser(prog="wo", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve WO with demo data on http://127.0.0.1:8069")
    run.add_argument("--database", default="wo")
    run.add_argument(
        "--workers",
        type=int,
        default=0,
        help="production mode: Odoo's multi-process server with N workers (README)",
    )
    run.add_argument(
        "--interface", help="the address to serve on (default 127.0.0.1: behind a proxy)"
    )
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test", help="install, test and lint every WO addon")
    test.add_argument("--database", default="wo_test")
    test.add_argument("--no-lint", action="store_true", help="skip lint (local runs)")
    test.add_argument(
        "--core", action="store_true", help="only Odoo's own tests of the core modules WO extends"
    )
    test.add_argument(
        "--core-all",
        action="store_true",
        help="everything, with more of Odoo's own tests (all of mail, account): before stopping",
    )
    test.add_argument("paths", nargs="*", help="test paths (default: addons tests)")
    test.set_defaults(func=cmd_test)
    bench = sub.add_parser("bench", help="run the benchmarks of bench/")
    bench.add_argument("--database", default="wo_bench")
    bench.add_argument("--reuse", action="store_true", help="reuse the scratch database")
    bench.add_argument(
        "names", nargs="*", help="benchmarks to run (default: all but scale, which runs alone)"
    )
    bench.add_argument(
        "--protocol",
        dest="scale_options",
        action="append",
        type=lambda value: f"--protocol={value}",
        default=[],
        help="scale: json2 (default) or xmlrpc",
    )
    bench.set_defaults(func=cmd_bench)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
