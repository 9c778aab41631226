"""Suite-level tests: they drive Odoo in subprocesses, on scratch databases of
the server that ``./wo test`` prepared (its ``.wo/odoo.conf``)."""

import configparser
import os
import shutil
import subprocess
import sys
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

    def drop(self, database):
        subprocess.run(["dropdb", "--if-exists", "--force", database], check=True)
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(self.config)
        filestore = Path(parser["options"]["data_dir"], "filestore", database)
        shutil.rmtree(filestore, ignore_errors=True)

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
        result = subprocess.run(
            [self.python, "-m", "odoo", "shell", "-c", str(self.config), "-d", database]
            + ["--no-http", "--log-level=info"],
            input=script,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        log = result.stdout + result.stderr
        (self.logs / f"{name}.log").write_text(log)
        assert result.returncode == 0, f"odoo shell exited with {result.returncode}:\n{log}"
        return log

    @staticmethod
    def bad_lines(log):
        return wo_dev.bad_lines(log)


@pytest.fixture
def odoo(odoo_config, tmp_path):
    return Odoo(odoo_config, tmp_path)


def derived_config(config, path, addons_path):
    """A copy of the config of ``./wo test`` with another addons path."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    parser["options"]["addons_path"] = ",".join(str(p) for p in addons_path)
    with path.open("w") as handle:
        parser.write(handle)
    return path


def config_addons_path(config):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    return [Path(p) for p in parser["options"]["addons_path"].split(",")]
