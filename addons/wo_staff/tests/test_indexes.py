from odoo.tests import TransactionCase, tagged

# the records Odoo deletes in its daily work: an activity marked done, a
# mail sent, an attachment replaced, a draft invoice deleted. Deleting one
# looks, in each table that refers to its table, for the rows that refer to
# it: without an index, a scan of the whole table per record deleted.
DELETED_DAILY = ("mail.activity", "mail.mail", "mail.message", "ir.attachment", "account.move")

# the WO tables that grow with the office's work (a row per document, letter,
# assignment, executor line, decision, signature, step of history...): a list
# filters and groups them by each of their many2ones (type, kind, approver,
# party), and deleting or merging a partner, a user or a kind updates the
# rows that refer to it: each of their many2ones is found through an index.
GROWING = (
    "wo.document",
    "wo.document.approval",
    "wo.document.custody",
    "wo.document.signature",
    "wo.correspondence",
    "wo.correspondence.resolution",
    "wo.task",
    "wo.task.executor",
    "wo.task.history",
    "wo.contact.entry",
    "wo.resource.booking",
    "wo.portal.send",
    "wo.records.act.decision",
    "wo.records.familiarisation.line",
    "wo.service.run",
)
# as in Odoo (account.move's own): who created or last wrote a row (users
# are archived, not deleted), and its currency (never deleted nor merged, and
# no list looks for the rows of one currency)
NOT_INDEXED = {"create_uid", "write_uid", "currency_id"}


@tagged("post_install", "-at_install")
class TestIndexes(TransactionCase):
    """What Odoo deletes every day, and each many2one of the tables that
    grow, is found through an index (the WO addons installed, whichever
    they are)."""

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
        self.assertEqual(self._unindexed(columns), [], "each needs index='btree_not_null'")

    def test_many2ones_of_growing_tables_are_indexed(self):
        columns = [
            (model._table, name, field.comodel_name)
            for model in (self.env[model_name] for model_name in GROWING if model_name in self.env)
            for name, field in model._fields.items()
            if field.type == "many2one" and field.store and name not in NOT_INDEXED
        ]
        if "wo.document" in self.env:
            self.assertIn(("wo_document", "type_id", "wo.document.type"), columns)
        self.assertEqual(
            self._unindexed(columns), [], "each needs index=True (or 'btree_not_null')"
        )

    def _unindexed(self, columns):
        """The columns no index starts with."""
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
        return unindexed
