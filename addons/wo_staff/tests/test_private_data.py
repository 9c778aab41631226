from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.res_users import WO_PASSPORT_FIELDS
from .common import WoCommon

PRIVATE = [
    "wo_passport_series",
    "wo_passport_issued_by",
    "wo_passport_issue_date",
    "wo_rating",
    "wo_status_id",
    "private_phone",
    "passport_id",
]


@tagged("post_install", "-at_install")
class TestPrivateData(WoCommon):
    """Personal data: HR officers and the employee themself, never a plain user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_head.write(
            {
                "passport_id": "654321",
                "wo_passport_series": "KV",
                "wo_passport_issued_by": "Kyiv Migration Service",
                "wo_passport_issue_date": "2015-03-12",
                "passport_expiration_date": "2035-03-12",
                "private_phone": "+380 44 000 00 00",
                "wo_rating": "4",
                "wo_fax": "+380 44 111 11 11",
                "wo_messenger_ids": [(0, 0, {"kind": "telegram", "handle": "@hanna"})],
            }
        )

    def test_plain_user_cannot_read_private_data(self):
        for user in (self.user_employee, self.user_deputy, self.user_director):
            employee = self.emp_head.with_user(user)
            for fname in PRIVATE:
                with self.assertRaises(AccessError, msg=f"{user.login} read {fname}"):
                    employee.read([fname])
            # not through the head's user either: it shows nothing to others
            head = self.user_head.with_user(user).read(list(WO_PASSPORT_FIELDS))[0]
            self.assertFalse(any(head[fname] for fname in WO_PASSPORT_FIELDS), head)
            # the public employee has none of it
            public = self.env["hr.employee.public"].with_user(user).browse(self.emp_head.id)
            for fname in PRIVATE:
                self.assertNotIn(fname, public._fields)

    def test_plain_user_reads_work_contact_data(self):
        public = (
            self.env["hr.employee.public"].with_user(self.user_employee).browse(self.emp_head.id)
        )
        self.assertEqual(public.wo_fax, "+380 44 111 11 11")
        self.assertEqual(public.wo_messenger_ids.mapped("handle"), ["@hanna"])

    def test_employee_reads_own_private_data(self):
        me = self.user_head.with_user(self.user_head)
        values = me.read(
            [
                "wo_passport_series",
                "wo_passport_number",
                "wo_passport_issued_by",
                "wo_passport_issue_date",
                "wo_passport_expiration_date",
            ]
        )[0]
        self.assertEqual(values["wo_passport_series"], "KV")
        self.assertEqual(values["wo_passport_number"], "654321")
        self.assertEqual(values["wo_passport_issued_by"], "Kyiv Migration Service")
        self.assertEqual(str(values["wo_passport_issue_date"]), "2015-03-12")
        self.assertEqual(str(values["wo_passport_expiration_date"]), "2035-03-12")
        # ... but cannot change it: HR keeps it
        with self.assertRaises(AccessError):
            me.write({"wo_passport_series": "XX"})
        self.assertEqual(self.emp_head.wo_passport_series, "KV")

    def test_hr_officer_reads_and_writes(self):
        self.assertEqual(self.user_head.with_user(self.user_hr).wo_passport_series, "KV")
        employee = self.emp_head.with_user(self.user_hr)
        self.assertEqual(employee.wo_passport_series, "KV")
        self.assertEqual(employee.wo_rating, "4")
        employee.write({"wo_status_id": self.env.ref("wo_staff.wo_employee_status_key").id})
        self.assertEqual(self.emp_head.wo_status_id.name, "Key employee")

    def test_passport_dates_checked(self):
        with self.assertRaisesRegex(Exception, "cannot expire before it was issued"):
            self.emp_head.passport_expiration_date = "2010-01-01"
        self.assertEqual(str(self.emp_head.passport_expiration_date), "2035-03-12")
