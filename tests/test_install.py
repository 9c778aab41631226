"""Every addon installs alone into a fresh database and uninstalls, and with
all the others (and their demo data), upgrades with -u and uninstalls, with no
WARNING or ERROR in Odoo's log.
All of them together here; into a database that Odoo was used with before in
test_adoption.py."""

import pytest
import wo_dev

ADDONS = wo_dev.wo_addons()


@pytest.mark.parametrize("addon", ADDONS)
def test_installs_alone(odoo, addon):
    database = f"wo_suite_{addon}"
    odoo.drop(database)
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


def test_install_all_upgrade_uninstall(odoo):
    database = "wo_suite_all"
    names = ",".join(ADDONS)
    odoo.drop(database)
    try:
        # with demo data: records made with the addons (assignments in their
        # states, events of their kinds, activities of their types) are gone
        # before the data they refer to, with no error in the uninstall log
        log = odoo.run(database, "-i", names, "--with-demo", name="install-all")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))

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
