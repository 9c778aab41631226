"""A machine walks every WO screen, for every role of the demo data, at both sizes.

As each role, at desktop and at phone size, the walker of
``static/tests/walk/wo_walk.js`` opens every menu under the WO root that the
user sees, every view type of its action and the first record's form, in one
page load, and fails on any error dialog, server error or console error,
naming the role and the size (the test), the menu and the view.
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
DESKTOP = ("1400x900", False)
PHONE = ("390x844", True)
# made once for the class: a test would make them in its own transaction, that
# its rollback undoes, so every walk would make them again (15 s on a small
# machine, more than the minute HttpCase waits for the page on a busy one)
BUNDLES = [
    ("web.assets_web", True, True),
    ("web.assets_web_print", True, False),
    ("web.assets_tests", False, True),
    ("web.assets_backend_lazy", True, True),
    ("web.assets_emoji", False, True),
    ("web.chartjs_lib", False, True),
    ("web.fullcalendar_lib", False, True),
]


@tagged("post_install", "-at_install")
class TestRoleWalk(HttpCase):
    """One test per role and size, each in its own transaction: a walk never
    sees what another one did (a field computed and stored on the way)."""

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
            if css and bundle.stylesheets:
                bundle.css()
            if js and bundle.javascripts:
                bundle.js()

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

    def walk(self, login, size):
        self.browser_size, self.touch_enabled = size
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

    def test_desktop_admin(self):
        self.walk("admin", DESKTOP)

    def test_desktop_director(self):
        self.walk("wo_director", DESKTOP)

    def test_desktop_head(self):
        self.walk("wo_head", DESKTOP)

    def test_desktop_deputy(self):
        self.walk("wo_deputy", DESKTOP)

    def test_desktop_user(self):
        self.walk("wo_user", DESKTOP)

    def test_desktop_accountant(self):
        self.walk("wo_accountant", DESKTOP)

    def test_phone_admin(self):
        self.walk("admin", PHONE)

    def test_phone_director(self):
        self.walk("wo_director", PHONE)

    def test_phone_head(self):
        self.walk("wo_head", PHONE)

    def test_phone_deputy(self):
        self.walk("wo_deputy", PHONE)

    def test_phone_user(self):
        self.walk("wo_user", PHONE)

    def test_phone_accountant(self):
        self.walk("wo_accountant", PHONE)
