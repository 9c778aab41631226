"""The shared test base of every WO addon.

``from odoo.addons.wo_staff.tests.common import WoCommon`` gives a test class:

* two companies (``company``, ``company_2``);
* a department tree: Management (head: the director) > Legal (head:
  ``user_head``, deputies ``user_deputy`` then ``user_deputy_2``) > Contracts
  (no head of its own), and Accounting (head: ``user_accountant``);
* users per role: ``user_director`` (WO Director), ``user_wo_admin`` (WO
  Administrator), ``user_hr`` (HR officer), ``user_head``, ``user_deputy``,
  ``user_deputy_2``, ``user_employee`` (plain WO user in Contracts),
  ``user_accountant``, ``user_outsider`` (plain WO user in no department),
  ``user_company_2`` (plain WO user of the second company only),
  ``user_portal`` and ``user_no_wo`` (an internal user without any WO group);
* ``wo_level_users(privilege_prefix)``: one user per level of a WO app
  (Reader, Editor, Author, Manager) for the addons that define them.

``concurrently(registry, steps)`` is the race harness of every test of a
guarantee the database keeps (numbers never repeat, a decision is taken
once, bookings never overlap): each step in its own thread and committed
transaction, as two requests Odoo serves at once.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg2

from odoo import Command, api
from odoo.tests import TransactionCase, new_test_user


@dataclass
class Step:
    """One transaction of a race: ``function(env)`` as ``uid``; its
    transaction stays open ``hold`` seconds after it, for the others to meet
    it. Its outcome: ``value`` (what ``function`` returned, once committed)
    or ``error`` (the exception that ended it), and ``attempts``."""

    function: object
    uid: int = api.SUPERUSER_ID
    hold: float = 0.0
    value: object = None
    error: Exception = None
    attempts: int = 0
    done: threading.Event = field(default_factory=threading.Event)


def concurrently(registry, steps, retry=False, staggered=False):
    """Runs ``steps`` (``Step``) at once, each in its own thread and its own
    transaction of ``registry``, committed at its end (the test cleans up
    what they commit). They start together, or with ``staggered`` each one
    once the one before has done its work and holds its transaction open.
    With ``retry`` a serialization failure is tried again, as Odoo retries a
    request (up to 5 attempts). Returns ``steps``."""
    barrier = threading.Barrier(len(steps), timeout=10)

    def run(index, step):
        try:
            for attempt in range(5 if retry else 1):
                step.attempts = attempt + 1
                try:
                    with registry.cursor() as cr:
                        env = api.Environment(cr, step.uid, {})
                        if attempt == 0 and staggered and index:
                            steps[index - 1].done.wait(10)
                        elif attempt == 0 and not staggered:
                            barrier.wait()
                        value = step.function(env)
                        env.flush_all()
                        step.done.set()
                        threading.Event().wait(step.hold)
                    step.value, step.error = value, None
                    return
                except psycopg2.errors.SerializationFailure as error:
                    step.error = error
        except Exception as error:  # noqa: BLE001 - the test asserts on it
            step.error = error
        finally:
            step.done.set()

    threads = [threading.Thread(target=run, args=(index, step)) for index, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return steps


WO_LEVELS = ("reader", "editor", "author", "manager")


def register_at_once(registry, model, ids, method="action_register"):
    """Two records of ``model`` registered at once, each in its own
    transaction (the first holds its own open; the second fails to
    serialize and is retried, as Odoo retries a request); returns the two
    ``Step`` with the numbers given (``value``)."""

    def register(record_id):
        def step(env):
            record = env[model].browse(record_id)
            getattr(record, method)()
            return record.name

        return step

    return concurrently(
        registry,
        [Step(register(ids[0]), hold=0.5), Step(register(ids[1]))],
        retry=True,
    )


class WoCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # "today" of the fixtures is the day of the code under test: every
        # test user works in UTC, and so does the test's own environment
        # (the superuser of a demo database is in Europe/Brussels, a day
        # ahead of UTC from 23:00)
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tz="UTC",
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.company_2 = cls.env["res.company"].create({"name": "WO Second Company"})

        user = "wo_staff.group_wo_user"
        cls.user_director = cls.wo_user(
            "wo_director", "Daria Director", "wo_staff.group_wo_director"
        )
        cls.user_wo_admin = cls.wo_user("wo_admin", "Adam Administrator", "wo_staff.group_wo_admin")
        cls.user_hr = cls.wo_user("wo_hr", "Halyna Hr", f"{user},hr.group_hr_user")
        cls.user_head = cls.wo_user("wo_head", "Hanna Head", user)
        cls.user_deputy = cls.wo_user("wo_deputy", "Denys Deputy", user)
        cls.user_deputy_2 = cls.wo_user("wo_deputy_2", "Dora Deputy", user)
        cls.user_employee = cls.wo_user("wo_employee", "Emil Employee", user)
        cls.user_accountant = cls.wo_user("wo_accountant", "Alla Accountant", user)
        cls.user_outsider = cls.wo_user("wo_outsider", "Oleh Outsider", user)
        cls.user_company_2 = cls.wo_user(
            "wo_company_2", "Zofia Second", user, company=cls.company_2
        )
        cls.user_no_wo = cls.wo_user("wo_none", "Nina Nogroup", "base.group_user")
        cls.user_portal = cls.wo_user("wo_portal", "Pavlo Portal", "base.group_portal")

        Department = cls.env["hr.department"]
        cls.dep_management = Department.create({"name": "WO Management"})
        cls.dep_legal = Department.create({"name": "WO Legal", "parent_id": cls.dep_management.id})
        cls.dep_contracts = Department.create(
            {"name": "WO Contracts", "parent_id": cls.dep_legal.id}
        )
        cls.dep_accounting = Department.create(
            {"name": "WO Accounting", "parent_id": cls.dep_management.id}
        )
        cls.emp_director = cls.wo_employee(cls.user_director, cls.dep_management)
        cls.emp_head = cls.wo_employee(cls.user_head, cls.dep_legal)
        cls.emp_deputy = cls.wo_employee(cls.user_deputy, cls.dep_legal)
        cls.emp_deputy_2 = cls.wo_employee(cls.user_deputy_2, cls.dep_legal)
        cls.emp_employee = cls.wo_employee(cls.user_employee, cls.dep_contracts)
        cls.emp_accountant = cls.wo_employee(cls.user_accountant, cls.dep_accounting)
        cls.emp_hr = cls.wo_employee(cls.user_hr, cls.dep_management)
        cls.dep_management.manager_id = cls.emp_director
        cls.dep_legal.manager_id = cls.emp_head
        cls.dep_accounting.manager_id = cls.emp_accountant
        cls.dep_legal.wo_deputy_ids = [
            (0, 0, {"employee_id": cls.emp_deputy.id, "sequence": 1}),
            (0, 0, {"employee_id": cls.emp_deputy_2.id, "sequence": 2}),
        ]

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):
        """Odoo's ``assertRaises`` (rolled back in a savepoint, cache cleared,
        so that "nothing was written" can be checked after it), plus the
        message: unittest's own ``assertRaisesRegex`` has no savepoint."""
        with self.assertRaises(exception, msg=msg) as context:
            yield context
        self.assertRegex(str(context.exception), regex)
        self.env.invalidate_all()

    @classmethod
    def wo_user(cls, login, name, groups, company=None):
        company = company or cls.company
        login = f"test_{login}"  # never the logins of the demo data
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            email=f"{login}@example.com",
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            tz="UTC",
        )

    @classmethod
    def wo_employee(cls, user, department):
        return cls.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": department.id,
                "company_id": user.company_id.id,
            }
        )

    @classmethod
    def wo_grant(cls, group_xmlid):
        """Give ``group_xmlid`` (e.g. an app's Author level) to every user who
        holds a role in the tests: head, deputies, employee, accountant,
        outsider, HR officer, the second company's user."""
        workers = (
            cls.user_head
            | cls.user_deputy
            | cls.user_deputy_2
            | cls.user_employee
            | cls.user_accountant
            | cls.user_outsider
            | cls.user_company_2
            | cls.user_hr
        )
        workers.write({"group_ids": [Command.link(cls.env.ref(group_xmlid).id)]})

    @classmethod
    def wo_level_users(cls, module, app, extra_groups="wo_staff.group_wo_user"):
        """One user per level of a WO app: ``{level: user}``, where the group
        of a level is ``<module>.group_wo_<app>_<level>``."""
        users = {}
        for level in WO_LEVELS:
            groups = f"{module}.group_wo_{app}_{level}"
            if extra_groups:
                groups = f"{groups},{extra_groups}"
            users[level] = cls.wo_user(f"wo_{app}_{level}", f"{app} {level}".title(), groups)
        return users
