import copy
import pickle
import xmlrpc.client
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tools import TRUSTED, trusted

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestTrustedContext(HttpCase, WoTasksCommon):
    """The engine's flag (``wo_task_engine``) is server code's alone: the
    same key sent in a request's context (XML-RPC, JSON-RPC of the web
    client) changes nothing, and the engine's own writes still pass."""

    def test_the_flag_is_an_object_no_request_can_build(self):
        env = self.env(context={"wo_task_engine": True})
        self.assertFalse(trusted(env, "wo_task_engine"))
        env = self.env(context={"wo_task_engine": TRUSTED})
        self.assertTrue(trusted(env, "wo_task_engine"))
        # copied, deep-copied or pickled, the flag stays itself
        self.assertIs(copy.deepcopy({"flag": TRUSTED})["flag"], TRUSTED)
        self.assertIs(pickle.loads(pickle.dumps(TRUSTED)), TRUSTED)

    def test_a_client_sending_the_flag_gains_nothing(self):
        task = self.make_task([self.user_employee], controller=self.user_head)
        line = self.line_of(task, self.user_employee)
        yesterday = self.today - timedelta(days=1)
        forged = {"wo_task_engine": True}
        # in Python, as a request would pass it
        with self.assertRaisesRegex(UserError, "changes state through its actions"):
            line.with_user(self.user_head).with_context(**forged).write({"state": "done"})
        with self.assertRaisesRegex(ValidationError, "already past"):
            line.with_user(self.user_head).with_context(**forged).write(
                {"date_deadline": yesterday}
            )
        # over XML-RPC
        uid = self.user_head.id
        with self.assertRaisesRegex(xmlrpc.client.Fault, "changes state through its actions"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                self.user_head.login,
                "wo.task.executor",
                "write",
                [line.ids, {"state": "done"}],
                {"context": forged},
            )
        # over the web client's JSON-RPC
        self.authenticate(self.user_head.login, self.user_head.login)
        with self.assertRaises(JsonRpcException) as refused, mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/wo.task.executor/write",
                {
                    "model": "wo.task.executor",
                    "method": "write",
                    "args": [line.ids, {"date_deadline": str(yesterday)}],
                    "kwargs": {"context": forged},
                },
            )
        self.assertEqual(refused.exception.args[0], "odoo.exceptions.ValidationError")
        line.invalidate_recordset()
        self.assertEqual(line.state, "active")
        self.assertNotEqual(line.date_deadline, yesterday)
        # the engine's own write passes
        line._engine().write({"date_deadline": yesterday})
        self.assertEqual(line.date_deadline, yesterday)
