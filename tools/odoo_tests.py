"""Odoo's own tests of installed modules, on the complete registry.

    python3 tools/odoo_tests.py FAILURES_FILE server -c CONF -d DB --test-tags TAGS ...

runs ``odoo server`` with the arguments given (``--test-tags`` and
``--stop-after-init`` included) with two changes:

* the ``at_install`` tests selected by the tags run together with the
  ``post_install`` ones, after every installed module is loaded. Run by
  ``odoo`` on a database that is not being installed, an ``at_install``
  test runs while the registry is still being built, before the modules
  that come after its own are loaded: it would test ``hr`` without the WO
  code that extends it, which is what a user never runs.
* every failing test is written to FAILURES_FILE, one test tag a line
  (``/hr:TestHrEmployee.test_x``, or ``/hr:TestHrEmployee`` when the class
  could not even be set up), so that the caller can run exactly those again.

Everything else (selection by tags, the HTTP server for browser tests, the
log, the summary line and the exit code) is Odoo's own.
"""

import re
import sys
import unittest

import odoo.cli
from odoo.tests import case, loader, result

# "setUpClass (odoo.addons.hr.tests.test_x.TestX)" for a class that failed to set up
CLASS_ERROR = re.compile(r"^\w+ \(odoo\.addons\.(\w+)\.[\w.]+\.(\w+)\)$")


def make_suite(module_names, position="at_install"):
    if position == "at_install":
        return loader.OdooSuite([])  # run below, with the complete registry
    tests = {}
    for at in ("at_install", "post_install"):
        for test in make_suite.odoo(module_names, at):
            tests.setdefault(test.id(), test)
    return loader.OdooSuite(list(tests.values()))


def failed_test_tag(test):
    """The --test-tags spec that selects ``test`` (a test, a subtest or the
    holder of a class's set-up error), or None."""
    while isinstance(test, case._SubTest) and test.test_case:
        test = test.test_case
    if isinstance(test, unittest.TestCase) and hasattr(test, "test_module"):
        return f"/{test.test_module}:{type(test).__name__}.{test._testMethodName}"
    match = CLASS_ERROR.match(str(test))
    return match and f"/{match[1]}:{match[2]}"


def record_failures(path):
    def wrap(method):
        def recorded(self, test, err):
            tag = failed_test_tag(test)
            if tag:
                with open(path, "a") as failures:
                    failures.write(tag + "\n")
            return method(self, test, err)

        return recorded

    for name in ("addError", "addFailure"):
        setattr(result.OdooTestResult, name, wrap(getattr(result.OdooTestResult, name)))


def main():
    path, odoo_args = sys.argv[1], sys.argv[2:]
    open(path, "w").close()
    record_failures(path)
    make_suite.odoo = loader.make_suite
    loader.make_suite = make_suite
    sys.argv = ["odoo", *odoo_args]
    odoo.cli.main()


if __name__ == "__main__":
    main()
