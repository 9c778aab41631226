"""A machine walks every WO screen, for every role of the demo data, at both sizes.

As each role, at desktop and at phone size, the walker of
``static/tests/walk/wo_walk.js`` opens every menu under the WO root that the
user sees, every view type of its action and the first record's form, in one
page load, and fails on any error dialog, server error or console error,
naming the size (the test), the role (the subtest), the menu and the view.
It walks the WO addons installed in the database, with their demo data.

``WO_SCREENSHOTS=<folder>`` saves a PNG of every menu's first screen at phone
size, ``<menu xmlid>-<login>.png`` (only of screens that passed).
"""

import base64
import json
import logging
import os
import time
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

WALKER = "@wo_staff/../tests/walk/wo_walk"
PREFIX = "wo_walk:"
ROOT_MENU = "wo_staff.wo_menu_root"


LOGINS = ["admin", "wo_director", "wo_head", "wo_deputy", "wo_user", "wo_accountant"]
# made once for both sizes: the first page would make them in its test's
# transaction, a minute on a busy machine, where HttpCase waits one at most
BUNDLES = [
    ("web.assets_web", True, True),
    ("web.assets_web_print", True, False),
    ("web.assets_tests", False, True),
]


@tagged("post_install", "-at_install")
class TestRoleWalk(HttpCase):
    """One test per size, a subtest per role: one transaction, so that the web
    client's lazy asset bundles are made once for all the roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.env["res.users"].search([("login", "in", LOGINS)])
        # no onboarding tour nor OdooBot's chat window over the screens
        if "tour_enabled" in users._fields:
            users.tour_enabled = False
        if "odoobot_state" in users._fields:
            users.odoobot_state = "disabled"
        for name, css, js in BUNDLES:
            bundle = cls.env["ir.qweb"]._get_asset_bundle(name, css=css, js=js)
            if css:
                bundle.css()
            if js:
                bundle.js()

    def test_desktop(self):
        self.browser_size = "1400x900"
        for login in LOGINS:
            with self.subTest(role=login):
                self.walk(login)

    def test_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        for login in LOGINS:
            with self.subTest(role=login):
                self.walk(login)

    def menus_with_action(self, user):
        """The menus under the WO root that ``user`` sees and that open an action."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        root = next((m for m in menus.values() if m.get("xmlid") == ROOT_MENU), None)
        self.assertTrue(root, f"{user.login} sees no WO menu")
        found, todo = [], list(root["children"])
        while todo:
            menu = menus[todo.pop()]
            todo.extend(menu["children"])
            if menu["action_id"]:
                found.append(menu["xmlid"])
        return found

    def walk(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"no user {login}: the walk needs the demo data")
        expected_menus = self.menus_with_action(user)
        folder = os.environ.get("WO_SCREENSHOTS") if self.touch_enabled else None
        summary = {}
        handle_console = ChromeBrowser._handle_console

        def on_console(browser, **params):
            """The walker's lines: its summary, its requests for screenshots."""
            text = (params.get("args") or [{}])[0].get("value")
            if isinstance(text, str) and text.startswith(f"{PREFIX}summary:"):
                summary.update(json.loads(text.split(":", 2)[2]))
            elif isinstance(text, str) and text.startswith(f"{PREFIX}screenshot:"):
                self.screenshot(browser, Path(folder), text.split(":", 2)[2])
            return handle_console(browser, **params)

        options = {"login": login, "screenshots": bool(folder)}
        started = time.time()
        try:
            with patch.object(ChromeBrowser, "_handle_console", on_console):
                self.browser_js(
                    "/odoo",
                    f"odoo.loader.modules.get({WALKER!r}).walk({json.dumps(options)})",
                    ready=f"odoo.isReady === true && odoo.loader.modules.has({WALKER!r})",
                    login=login,
                    timeout=600,
                    success_signal=f"{PREFIX}done",
                )
        finally:
            _logger.info(
                "walked as %s at %s in %.0f s: %s",
                login,
                self.browser_size,
                time.time() - started,
                summary,
            )
        self.assertEqual(summary.get("menus"), len(expected_menus), expected_menus)
        # a menu is one screen at least, its other views and first form more
        self.assertGreaterEqual(summary["screens"], summary["menus"])
        self.assertGreater(summary["forms"], 0, "no first record opened: is there demo data?")

    @staticmethod
    def screenshot(browser, folder, name):
        """Saves the page as ``folder/name.png``, then lets the walker go on."""

        def save(future):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{name}.png").write_bytes(base64.b64decode(future.result()["data"]))
            finally:
                browser._websocket_send(
                    "Runtime.evaluate",
                    params={"expression": f"window.woWalkScreenshot = {json.dumps(name)}"},
                )

        browser._websocket_send("Page.captureScreenshot", with_future=True).add_done_callback(save)
