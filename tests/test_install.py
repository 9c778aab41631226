"""Every addon installs alone into a database with only Odoo's Employees (what
every WO addon needs first; the rest comes as its manifest says) and
uninstalls; from a database with every addon and its demo data (installed by
``./wo test`` before any test), each uninstalls alone, and all together
upgrade with -u and uninstall; each time with no WARNING or ERROR in Odoo's
log. Into a database that Odoo was used with before: test_adoption.py."""

import pytest
import wo_dev

ADDONS = wo_dev.wo_addons()


@pytest.mark.parametrize("addon", ADDONS)
def test_installs_alone(odoo, hr_database, addon):
    # into a database with only what every WO addon needs (hr): the other
    # modules it needs come with it, as its manifest says
    database = f"wo_suite_{addon}"
    odoo.copy(hr_database, database)
    try:
        log = odoo.run(database, "-i", addon, name=f"install-{addon}")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        assert f"Loading module {addon} " in log
        # and out again, alone (the WO addons it needs stay)
        script = f"""
env["ir.module.module"].search([("name", "=", {addon!r})]).button_immediate_uninstall()
env.cr.commit()
print("WO-STATE", env["ir.module.module"].search([("name", "=", {addon!r})]).state)
"""
        log = odoo.shell(database, script, name=f"uninstall-{addon}")
        assert "WO-STATE uninstalled" in log, log[-3000:]
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
    finally:
        odoo.drop(database)


def test_install_all_upgrade_uninstall(odoo, installed_database):
    # installed all together with demo data by ./wo test, which stops at once
    # when that install's log is not clean: records made with the addons
    # (assignments in their states, events of their kinds, activities of
    # their types) are gone before the data they refer to, with no error in
    # the uninstall log
    database = "wo_suite_all"
    names = ",".join(ADDONS)
    odoo.copy(installed_database, database)
    try:
        log = odoo.run(database, "-u", names, name="upgrade-all")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        for addon in ADDONS:
            assert f"Loading module {addon} " in log

        script = f"""
modules = env["ir.module.module"].search([("name", "in", {ADDONS!r})])
modules.button_immediate_uninstall()
env.cr.commit()
states = env["ir.module.module"].search([("name", "in", {ADDONS!r})]).mapped("state")
print("WO-STATES", sorted(set(states)))
leftovers = env["ir.model"].search_count([("model", "=like", "wo.%")])
print("WO-MODELS", leftovers)
"""
        log = odoo.shell(database, script, name="uninstall-all")
        assert "WO-STATES ['uninstalled']" in log, log[-3000:]
        assert "WO-MODELS 0" in log, log[-3000:]
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
    finally:
        odoo.drop(database)


def test_uninstall_one_by_one_with_demo(odoo, installed_database):
    """Each addon uninstalls alone from a database with every addon's demo
    data, the others staying (the last added first, so that none takes
    another with it), each with a clean log."""
    database = "wo_suite_one_by_one"
    odoo.copy(installed_database, database)
    try:
        script = f"""
import logging
log = logging.getLogger("wo")  # in Odoo's log, between its lines
Module = env["ir.module.module"]
for name in reversed({ADDONS!r}):
    log.info("WO-UNINSTALLING %s", name)
    Module.search([("name", "=", name)]).button_immediate_uninstall()
    env.cr.commit()
    installed = Module.search([("name", "in", {ADDONS!r}), ("state", "=", "installed")])
    log.info("WO-LEFT %s %s", name, ",".join(installed.mapped("name")))
"""
        log = odoo.shell(database, script, name="uninstall-one-by-one")
        # the log of each uninstall: between its line and the next one
        sections = log.split(" wo: WO-UNINSTALLING ")[1:]
        assert len(sections) == len(ADDONS), log[-3000:]
        for index, section in enumerate(sections):
            name = ADDONS[-1 - index]
            left = ",".join(sorted(ADDONS[: -1 - index]))
            assert f"WO-LEFT {name} " in section, section[-3000:]
            listed = section.split(f"WO-LEFT {name} ", 1)[1].splitlines()[0].strip()
            assert ",".join(sorted(filter(None, listed.split(",")))) == left, (name, listed)
            assert not odoo.bad_lines(section), f"{name}:\n" + "\n".join(odoo.bad_lines(section))
    finally:
        odoo.drop(database)
