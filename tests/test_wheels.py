"""One package per addon: each addon builds as a wheel ``odoo-addon-<name>``
(whool, the OCA way) and installs with pip into an Odoo whose addons path does
not hold this repository; the addons then install from there."""

import ast
import json
import re
import subprocess
import sys
import zipfile

import pytest
import wo_dev

from conftest import Odoo, config_addons_path, derived_config

ADDONS = wo_dev.wo_addons()
DATABASE = "wo_suite_wheels"


def distribution(addon):
    return f"odoo-addon-{addon}"


@pytest.fixture(scope="session")
def wheels(tmp_path_factory):
    """The wheels of every addon, built once per session (whool comes from
    requirements-dev.txt: no build isolation, nothing downloaded)."""
    folder = tmp_path_factory.mktemp("wheels")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(folder), *(str(wo_dev.ADDONS / addon) for addon in ADDONS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="session")
def wheel_python(wheels, tmp_path_factory):
    """A throw-away virtual environment beside the installed Odoo, with the
    wheels installed; their dependencies resolved against what is installed
    (Odoo, OCA addons, Python libraries), nothing downloaded."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(root)],
        check=True,
    )
    python = root / "bin" / "python"
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheels)]
        + [distribution(addon) for addon in ADDONS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return python


def test_one_wheel_per_addon(wheels):
    built = {path.name.split("-")[0]: path for path in wheels.glob("*.whl")}
    assert sorted(built) == sorted(f"odoo_addon_{addon}" for addon in ADDONS)
    for addon in ADDONS:
        manifest = ast.literal_eval((wo_dev.ADDONS / addon / "__manifest__.py").read_text())
        with zipfile.ZipFile(built[f"odoo_addon_{addon}"]) as wheel:
            names = wheel.namelist()
            metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        assert f"odoo/addons/{addon}/__manifest__.py" in names
        assert not [n for n in names if not n.startswith((f"odoo/addons/{addon}/", "odoo_addon"))]
        for key in ("data", "demo"):
            for name in manifest.get(key, []):
                assert f"odoo/addons/{addon}/{name}" in names, f"{addon}: {name} not packaged"
        metadata = metadata.decode()
        assert re.search(rf"^Name: odoo-addon-{addon}$", metadata, re.MULTILINE)
        # the manifest's version, with a post-release number for later commits
        version = re.search(r"^Version: (\S+)$", metadata, re.MULTILINE).group(1)
        assert version.startswith(manifest["version"]), version
        for depend in manifest["depends"]:
            if depend in ADDONS:
                assert f"Requires-Dist: odoo-addon-{depend}==19.0.*" in metadata


def test_addons_install_from_the_wheels(odoo_config, wheel_python, hr_database, tmp_path):
    venv = wheel_python.parent.parent
    odoo_paths = [p for p in config_addons_path(odoo_config) if p.resolve() != wo_dev.ADDONS]
    config = derived_config(odoo_config, tmp_path / "wheels.conf", odoo_paths)
    odoo = Odoo(config, tmp_path, python=wheel_python)
    # Odoo's Employees already there: the WO addons from their wheels
    odoo.copy(hr_database, DATABASE)
    try:
        log = odoo.run(DATABASE, "-i", ",".join(ADDONS), name="install-wheels")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        paths = next(line for line in log.splitlines() if "odoo: addons paths:" in line)
        assert str(wo_dev.ADDONS) not in paths, paths
        assert str(venv) in paths, paths

        script = f"""
import json
from odoo.modules.module import get_module_path
modules = env["ir.module.module"].search([("name", "in", {ADDONS!r})])
print("WO-MODULES " + json.dumps({{m.name: [m.state, get_module_path(m.name)] for m in modules}}))
"""
        log = odoo.shell(DATABASE, script, name="modules-wheels")
        line = next(line for line in log.splitlines() if line.startswith("WO-MODULES "))
        modules = json.loads(line[len("WO-MODULES ") :])
        assert sorted(modules) == sorted(ADDONS)
        for addon, (state, path) in modules.items():
            assert state == "installed", addon
            assert path.startswith(f"{venv}/lib/"), f"{addon} loaded from {path}"
    finally:
        odoo.drop(DATABASE)
