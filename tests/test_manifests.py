"""Every WO addon is complete: manifest, files, tests, readme, translations."""

import ast
import re

import polib
import pytest
import wo_dev

ADDONS = wo_dev.wo_addons()
LANGUAGES = ("uk", "ru", "pl")
LICENSES = {"AGPL-3", "LGPL-3", "GPL-3", "OPL-1"}
DEFAULT_KEYS = {"installable"}  # keys that repeat Odoo's defaults


def manifest(addon):
    return ast.literal_eval((wo_dev.ADDONS / addon / "__manifest__.py").read_text())


def test_there_are_addons():
    assert "wo_staff" in ADDONS


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_keys(addon):
    data = manifest(addon)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", data["version"]), data["version"]
    assert data["license"] in LICENSES
    assert data["author"] == "WO Team"
    assert data["website"].startswith("https://")
    assert data["summary"] and "\n" not in data["summary"]
    assert data["depends"], "an addon names what it builds on"
    assert data["category"] == "WO"
    assert not DEFAULT_KEYS & set(data), f"default keys repeated: {DEFAULT_KEYS & set(data)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_files_exist(addon):
    data = manifest(addon)
    root = wo_dev.ADDONS / addon
    for key in ("data", "demo"):
        for name in data.get(key, []):
            assert (root / name).is_file(), f"{key} file {name} is missing"
    # menus last among the data files
    views = [name for name in data.get("data", []) if name.startswith("views/")]
    if any(name.endswith("_menus.xml") for name in views):
        assert data["data"][-1].endswith("_menus.xml"), "menus load last"
    assert (root / "static/description/icon.png").is_file()
    assert (root / "pyproject.toml").is_file()


@pytest.mark.parametrize("addon", ADDONS)
def test_every_test_module_is_imported(addon):
    tests = wo_dev.ADDONS / addon / "tests"
    modules = {path.stem for path in tests.glob("test_*.py")}
    assert modules, "an addon has tests"
    imported = set(
        re.findall(r"^from \. import (\w+)", (tests / "__init__.py").read_text(), re.MULTILINE)
    )
    assert modules <= imported, f"not imported, so never run: {modules - imported}"


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_and_translations(addon):
    root = wo_dev.ADDONS / addon
    for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
        assert (root / "readme" / fragment).read_text().strip(), fragment
    assert (root / "README.rst").is_file()
    pot = polib.pofile(str(root / "i18n" / f"{addon}.pot"))
    msgids = {entry.msgid for entry in pot}
    assert msgids
    for lang in LANGUAGES:
        po = polib.pofile(str(root / "i18n" / f"{lang}.po"))
        missing = msgids - {entry.msgid for entry in po if entry.msgstr}
        assert not missing, f"{lang}.po: {len(missing)} of {len(msgids)} untranslated"
