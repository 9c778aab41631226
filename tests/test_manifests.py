"""Every WO addon is complete: manifest, files, tests, readme, translations;
its version follows its data model, its migration scripts run."""

import ast
import difflib
import os
import re
from pathlib import Path

import polib
import pytest
import wo_dev
import wo_load

from odoo.tools.parse_version import parse_version

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


# ------------------------------------------------------ versions and upgrades
# The stored data model of each addon, as installed by ./wo test in its
# database, is recorded in tests/data_models/<addon>.txt with the version it
# belongs to. A change of the data model under the same version fails: bump
# the manifest's version (and write migrations/<version>/ scripts where a
# field, a model or a stored value changes meaning), then record it with
#     WO_RECORD_DATA_MODELS=1 ./wo test --no-lint tests/test_manifests.py
DATA_MODELS = Path(__file__).parent / "data_models"
DATA_MODEL_SQL = r"""
SELECT module, regexp_replace(line, '\s+', ' ', 'g') FROM (
SELECT d.module, 'model ' || m.model AS line
  FROM ir_model m JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
 WHERE NOT m.transient
UNION
SELECT d.module, concat_ws(' ', 'field', f.model || '.' || f.name, f.ttype, f.relation,
       f.relation_table, CASE WHEN f.required THEN 'required' END,
       CASE WHEN f.translate IS NOT NULL AND f.translate <> 'False' THEN 'translate' END,
       CASE WHEN f.company_dependent THEN 'company_dependent' END,
       CASE WHEN f.ttype = 'many2one' THEN 'ondelete=' || f.on_delete END)
  FROM ir_model_fields f JOIN ir_model m ON m.id = f.model_id
  JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
 WHERE f.store AND NOT m.transient
UNION
SELECT d.module, 'selection ' || f.model || '.' || f.name || ' ' || s.value
  FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id
  JOIN ir_model m ON m.id = f.model_id
  JOIN ir_model_data d ON d.model = 'ir.model.fields.selection' AND d.res_id = s.id
 WHERE f.store AND NOT m.transient
UNION
SELECT mm.name, concat_ws(' ', 'constraint', c.name, c.type, c.definition)
  FROM ir_model_constraint c JOIN ir_module_module mm ON mm.id = c.module
 WHERE c.type = 'u' OR c.definition LIKE 'UNIQUE%'
) AS data_model
"""


@pytest.fixture(scope="module")
def data_models():
    """{addon: sorted lines of its stored data model} from ./wo test's database."""
    database = os.environ.get("WO_TEST_DATABASE")
    if not database:
        pytest.fail("run the suite tests through ./wo test (WO_TEST_DATABASE is not set)")
    models = {}
    for module, *line in wo_load.psql(os.environ, database, DATA_MODEL_SQL):
        models.setdefault(module, []).append("\t".join(line))
    return {addon: sorted(lines) for addon, lines in models.items()}


def read_data_model(addon):
    path = DATA_MODELS / f"{addon}.txt"
    if not path.is_file():
        return None, []
    version, *lines = path.read_text().splitlines()
    return version.split()[-1], lines


@pytest.mark.parametrize("addon", ADDONS)
def test_version_bumped_when_the_data_model_changes(addon, data_models):
    version = manifest(addon)["version"]
    current = data_models.get(addon, [])
    recorded_version, recorded = read_data_model(addon)
    changed = current != recorded
    if changed and recorded_version == version:
        diff = "\n".join(
            difflib.unified_diff(recorded, current, "recorded", "installed", lineterm="", n=0)
        )
        pytest.fail(
            f"the data model of {addon} changed but its version is still {version}: bump "
            "the manifest's version (with migrations/<version>/ scripts where a field, a "
            "model or a stored value changes meaning), then record the data model "
            f"(WO_RECORD_DATA_MODELS=1, see tests/test_manifests.py).\n{diff}"
        )
    if changed or recorded_version != version:
        if os.environ.get("WO_RECORD_DATA_MODELS"):
            DATA_MODELS.mkdir(exist_ok=True)
            text = "\n".join([f"# the stored data model of {addon} {version}", *current])
            (DATA_MODELS / f"{addon}.txt").write_text(text + "\n")
        else:
            pytest.fail(
                f"{addon} {version}: the data model recorded in tests/data_models is of "
                f"{recorded_version}: record it (WO_RECORD_DATA_MODELS=1, see "
                "tests/test_manifests.py)"
            )


@pytest.mark.parametrize("addon", ADDONS)
def test_migration_scripts(addon):
    """migrations/<version>/{pre,post,end}-*.py, each with migrate(cr, version),
    for a version of this series up to the manifest's (a later one never runs)."""
    current = parse_version(manifest(addon)["version"])
    for folder in sorted((wo_dev.ADDONS / addon / "migrations").glob("*")):
        assert folder.is_dir(), f"{folder.name}: migrations/ holds one folder per version"
        assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", folder.name), (
            f"migrations/{folder.name}: name the folder with the full version (19.0.x.y.z)"
        )
        assert parse_version(folder.name) <= current, (
            f"migrations/{folder.name} is later than the manifest's version: it never runs"
        )
        for script in folder.iterdir():
            assert re.fullmatch(r"(pre|post|end)-[\w-]+\.py", script.name), script.name
            tree = ast.parse(script.read_text())
            functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            assert "migrate" in functions, f"{script.name} has no migrate(cr, version)"
