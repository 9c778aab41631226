from odoo.tests import TransactionCase, tagged

# the records Odoo deletes in its daily work: an activity marked done, a
# mail sent, an attachment replaced, a draft invoice deleted. Deleting one
# looks, in each table that refers to its table, for the rows that refer to
# it: without an index, a scan of the whole table per record deleted.
DELETED_DAILY = ("mail.activity", "mail.mail", "mail.message", "ir.attachment", "account.move")


@tagged("post_install", "-at_install")
class TestIndexes(TransactionCase):
    """What WO stores and Odoo deletes every day is found through an index
    (the WO addons installed, whichever they are)."""

    def test_references_to_what_odoo_deletes_are_indexed(self):
        columns = [
            (model._table, name, field.comodel_name)
            for model in self.env.registry.values()
            if not model._abstract and model._auto
            for name, field in model._fields.items()
            if field.type == "many2one"
            and field.store
            and field.comodel_name in DELETED_DAILY
            and (field._module or "").startswith("wo_")
        ]
        if "wo.task.executor" in self.env:
            # the search finds what is there: an executor line's activity
            self.assertIn(("wo_task_executor", "activity_id", "mail.activity"), columns)
        unindexed = []
        for table, column, comodel in columns:
            self.env.cr.execute(
                """SELECT 1 FROM pg_index i
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = %s::regclass AND a.attname = %s""",
                [table, column],
            )
            if not self.env.cr.fetchone():
                unindexed.append(f"{table}.{column} -> {comodel}")
        self.assertEqual(unindexed, [], "each needs index='btree_not_null'")
