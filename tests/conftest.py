"""Suite-level tests: they drive Odoo in subprocesses, on scratch databases of
the server that ``./wo test`` prepared (its ``.wo/odoo-test.conf``)."""

import configparser
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import wo_dev


@pytest.fixture(scope="session")
def odoo_config():
    config = os.environ.get("WO_ODOO_CONFIG")
    if not config:
        pytest.fail("run the suite tests through ./wo test (WO_ODOO_CONFIG is not set)")
    return Path(config)


class Odoo:
    """Odoo in a subprocess, on a scratch database: the Odoo of ``./wo test``,
    or the same with another config (another addons path) or another Python
    (a virtual environment's)."""

    def __init__(self, config, tmp_path, python=sys.executable):
        self.config = config
        self.logs = tmp_path
        self.python = python

    def data_dir(self):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(self.config)
        return parser["options"]["data_dir"]

    def drop(self, database):
        wo_dev.drop_database(database, self.data_dir())

    def copy(self, template, database):
        """``database`` as a copy of ``template`` and its filestore."""
        wo_dev.copy_database(template, database, self.data_dir())

    def run(self, database, *args, name="odoo"):
        """Run Odoo to completion; return the log, failing on a bad exit."""
        code, log = wo_dev.run_odoo(
            self.config,
            self.logs / f"{name}.log",
            "-d",
            database,
            "--log-level=info",
            *args,
            python=self.python,
        )
        assert code == 0, f"odoo {' '.join(args)} exited with {code}:\n{log[-3000:]}"
        return log

    def shell(self, database, script, name="shell"):
        code, log = wo_dev.odoo_shell(
            self.config, self.logs / f"{name}.log", database, script, python=self.python
        )
        assert code == 0, f"odoo shell exited with {code}:\n{log}"
        return log

    @staticmethod
    def bad_lines(log):
        return wo_dev.bad_lines(log)


@pytest.fixture
def odoo(odoo_config, tmp_path):
    return Odoo(odoo_config, tmp_path)


@pytest.fixture(scope="session")
def installed_database():
    """The database ``./wo test`` installed every WO addon into, with demo
    data, as it was when its install log was found clean (a copy made before
    any test ran)."""
    return os.environ["WO_TEST_DATABASE"] + "_installed"


@pytest.fixture(scope="session")
def hr_database(odoo_config, tmp_path_factory):
    """A database with Odoo's Employees (``hr``, with ``mail``) and nothing
    else, no demo data: what every WO addon needs first. A test installs into
    a copy of it (``Odoo.copy``, seconds) instead of installing ``hr`` again
    (most of a minute each time)."""
    odoo = Odoo(odoo_config, tmp_path_factory.mktemp("hr_database"))
    database = "wo_suite_template_hr"
    odoo.drop(database)
    log = odoo.run(database, "-i", "hr", name="install-hr")
    assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
    yield database
    odoo.drop(database)


@pytest.fixture
def cluster_base():
    """A folder for private PostgreSQL clusters of a test (not under pytest's
    ``tmp_path``: the postgres user must reach it)."""
    base = Path(tempfile.mkdtemp(prefix="wo-clusters-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def derived_config(config, path, addons_path, **settings):
    """A copy of the config of ``./wo test`` with another addons path and
    other ``settings``."""
    return wo_dev.derive_config(
        config, path, addons_path=",".join(str(p) for p in addons_path), **settings
    )


def config_addons_path(config):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    return [Path(p) for p in parser["options"]["addons_path"].split(",")]
