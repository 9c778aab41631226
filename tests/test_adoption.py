"""WO installed into a live Odoo: the database of a company that has used
Odoo's Employees, Contacts, Calendar and CRM for a while (no demo data; two
companies, employees without users, users without employees, departments
without heads, partners). Every WO addon installs with a clean log, adopts
what is there and changes nothing of it; then every WO addon uninstalls, all
together, with a clean log."""

import json

import wo_dev

ADDONS = wo_dev.wo_addons()
# what the company had installed before WO
LIVE_MODULES = "hr,contacts,calendar,crm,mass_mailing"

BUILD_LIVE_DATA = """
from odoo import Command
Company = env["res.company"]
main = env.company
branch = Company.create({"name": "Adopted Branch Ltd", "currency_id": main.currency_id.id})
Department = env["hr.department"]
board = Department.create({"name": "Adopted Board"})
sales = Department.create({"name": "Adopted Sales", "parent_id": board.id})
Department.create({"name": "Adopted Branch Office", "company_id": branch.id})
Employee = env["hr.employee"]
chief = Employee.create({"name": "Adopted Chief", "department_id": board.id})
board.manager_id = chief
for name, department in [("Adopted Seller", sales), ("Adopted Seller 2", sales)]:
    Employee.create({"name": name, "department_id": department.id, "parent_id": chief.id,
                     "work_email": name.lower().replace(" ", ".") + "@example.com"})
Employee.create({"name": "Adopted Branch Clerk", "company_id": branch.id})
Users = env["res.users"].with_context(no_reset_password=True)
employed = Users.create({"name": "Adopted Employed User", "login": "adopted_employed",
                         "group_ids": [Command.link(env.ref("base.group_user").id)]})
Employee.create({"name": employed.name, "user_id": employed.id, "department_id": sales.id})
for login, company in [("adopted_alone", main), ("adopted_branch", branch)]:
    Users.create({"name": login.replace("_", " ").title(), "login": login,
                  "company_id": company.id, "company_ids": [Command.set(company.ids)],
                  "group_ids": [Command.link(env.ref("base.group_user").id)]})
Partner = env["res.partner"]
client = Partner.create({"name": "Adopted Client LLC", "is_company": True,
                         "email": "office@client.example.com", "phone": "+380 44 100 00 00"})
Partner.create({"name": "Adopted Contact", "parent_id": client.id, "email": "c@client.example.com"})
Partner.create({"name": "Adopted Branch Partner", "company_id": branch.id})
env.cr.commit()
"""

# the fields of the existing rows that WO must leave as they are
SNAPSHOT = """
import json
FIELDS = {
    "res.company": ["name", "currency_id", "partner_id", "parent_id"],
    "res.partner": ["name", "email", "phone", "company_id", "parent_id", "is_company",
                    "active", "user_ids", "category_id", "type"],
    "res.users": ["login", "name", "active", "company_id", "company_ids", "partner_id",
                  "employee_ids", "tz", "lang", "share"],
    "hr.department": ["name", "manager_id", "parent_id", "company_id", "active"],
    "hr.employee": ["name", "user_id", "department_id", "company_id", "parent_id",
                    "coach_id", "work_email", "work_contact_id", "job_title", "active",
                    "resource_calendar_id"],
}
snapshot = {}
for model, fnames in FIELDS.items():
    records = env[model].with_context(active_test=False).search([])
    snapshot[model] = {str(row["id"]): row for row in records.read(fnames, load=None)}
# the groups of every user; the groups that exist, to leave out those that
# WO and the modules it needs (account, ...) add
for user in env["res.users"].with_context(active_test=False).search([]):
    snapshot["res.users"][str(user.id)]["group_ids"] = sorted(user.group_ids.ids)
snapshot["groups"] = env["res.groups"].search([]).ids
print("WO-SNAPSHOT", json.dumps(snapshot, default=str, sort_keys=True))
"""


def snapshot(odoo, database, name):
    log = odoo.shell(database, SNAPSHOT, name=name)
    line = next(line for line in log.splitlines() if line.startswith("WO-SNAPSHOT "))
    return json.loads(line.removeprefix("WO-SNAPSHOT "))


def changed_rows(before, after):
    """The rows of ``before`` that differ in ``after``; a user's new groups
    are left out (WO's, and those of the modules WO installs: the
    administrator becomes an accounting manager with account)."""
    groups = set(before.pop("groups"))
    after.pop("groups")
    for user in after["res.users"].values():
        user["group_ids"] = [group for group in user["group_ids"] if group in groups]
    return [
        f"{model} #{id_}: {before[model][id_]} -> {after[model].get(id_)}"
        for model in before
        for id_ in before[model]
        if after[model].get(id_) != before[model][id_]
    ]


def test_adopts_a_live_database_and_uninstalls(odoo, hr_database):
    database = "wo_suite_adoption"
    odoo.copy(hr_database, database)
    try:
        log = odoo.run(database, "-i", LIVE_MODULES, name="install-live")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        odoo.shell(database, BUILD_LIVE_DATA, name="live-data")
        before = snapshot(odoo, database, "snapshot-before")

        log = odoo.run(database, "-i", ",".join(ADDONS), name="install-wo")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        after = snapshot(odoo, database, "snapshot-after")
        changed = changed_rows(before, after)
        assert not changed, "WO changed existing rows:\n" + "\n".join(changed)

        script = f"""
modules = env["ir.module.module"].search([("name", "in", {ADDONS!r})])
modules.button_immediate_uninstall()
env.cr.commit()
states = env["ir.module.module"].search([("name", "in", {ADDONS!r})]).mapped("state")
print("WO-STATES", sorted(set(states)))
"""
        log = odoo.shell(database, script, name="uninstall-wo")
        assert "WO-STATES ['uninstalled']" in log, log[-3000:]
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
    finally:
        odoo.drop(database)
