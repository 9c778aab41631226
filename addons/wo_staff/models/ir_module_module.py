import logging
import sys

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.sql import existing_tables

_logger = logging.getLogger(__name__)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _wo_empty_removed_tables(self):
        """Before Odoo deletes the uninstalled addons' data by their XML ids:
        the rows of the tables it is about to drop, and the addons' columns on
        the tables that stay, so that no record made with the addons (an
        assignment in a demo state, an event of a WO kind, an activity of a
        WO type) keeps one of those data from being deleted. What goes is
        what dropping the tables loses anyway. Called by each WO addon's
        uninstall hook; the first call does it all, the others find nothing."""
        removing = self.search([("state", "=", "to remove")]).mapped("name")
        if not removing:
            return
        for name in removing:
            # what an addon removes through the ORM first (records of other
            # apps that hold its records): its package's wo_before_emptying(env)
            before = getattr(sys.modules.get(f"odoo.addons.{name}"), "wo_before_emptying", None)
            if before:
                before(self.env)
        self.env.flush_all()
        cr = self.env.cr

        def owned(kind):
            """ids of the records of ``kind`` that only removed addons declare"""
            cr.execute(
                SQL(
                    """SELECT res_id FROM ir_model_data WHERE model = %s
                        GROUP BY res_id HAVING bool_and(module = ANY(%s))""",
                    kind,
                    removing,
                )
            )
            return [row[0] for row in cr.fetchall()]

        dropped = self.env["ir.model"].browse(owned("ir.model")).mapped("model")
        tables = {
            model._table: model
            for name in dropped
            if (model := self.env.get(name)) is not None and model._auto and not model._abstract
        }
        # the removed addons' many2one columns on tables that stay
        fields = self.env["ir.model.fields"].browse(owned("ir.model.fields"))
        for field in fields.filtered(lambda f: f.ttype == "many2one" and f.store):
            model = self.env.get(field.model)
            if model is None or model._table in tables or field.name not in model._fields:
                continue
            # a model on an SQL view (a report) has no column to clear
            if not model._auto:
                continue
            if not model._fields[field.name].column_type:
                continue
            cr.execute(
                SQL(
                    "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL",
                    SQL.identifier(model._table),
                    SQL.identifier(field.name),
                )
            )
            cr.execute(
                SQL(
                    "UPDATE %s SET %s = NULL WHERE %s IS NOT NULL",
                    SQL.identifier(model._table),
                    SQL.identifier(field.name),
                    SQL.identifier(field.name),
                )
            )
        if "mail.activity" in self.env:
            activity_types = owned("mail.activity.type")
            cr.execute(
                SQL(
                    "DELETE FROM mail_activity WHERE res_model = ANY(%s) "
                    "OR activity_type_id = ANY(%s)",
                    dropped,
                    activity_types,
                )
            )
        self._wo_empty_tables(list(tables))
        # records the removed addons declare in WO tables that stay (an
        # assignment kind of wo_documents in wo_tasks' table): what refers to
        # them there and would stop their deletion goes (or forgets them,
        # where a reference may be empty): an approval assignment of a
        # document is nothing without the documents
        cr.execute(
            SQL(
                """SELECT model, array_agg(res_id) FROM (
                       SELECT model, res_id FROM ir_model_data
                        WHERE model LIKE 'wo.%%' GROUP BY model, res_id
                       HAVING bool_and(module = ANY(%s))) owned
                    GROUP BY model""",
                removing,
            )
        )
        for name, ids in cr.fetchall():
            model = self.env.get(name)
            if model is not None and model._auto and model._table not in tables:
                self._wo_release(model._table, ids)
        self.env.invalidate_all()

    @api.model
    def _wo_release(self, table, ids, depth=0):
        """Clears what refers to rows ``ids`` of ``table`` and would stop
        their deletion: a reference that may be empty is emptied, a row that
        must have one is deleted (itself released first)."""
        cr = self.env.cr
        cr.execute(
            """SELECT conrelid::regclass::text, a.attname, NOT a.attnotnull
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.confdeltype IN ('r', 'a')
                  AND confrelid::regclass::text = %s""",
            [table],
        )
        for source, column, nullable in cr.fetchall():
            if nullable:
                cr.execute(
                    SQL(
                        "UPDATE %s SET %s = NULL WHERE %s = ANY(%s)",
                        SQL.identifier(source),
                        SQL.identifier(column),
                        SQL.identifier(column),
                        ids,
                    )
                )
                continue
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE %s = ANY(%s)",
                    SQL.identifier(source),
                    SQL.identifier(column),
                    ids,
                )
            )
            rows = [row[0] for row in cr.fetchall()]
            if rows and depth < 5:
                self._wo_release(source, rows, depth + 1)
                cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s)", SQL.identifier(source), rows))
                _logger.info("uninstall: %s rows of %s deleted", cr.rowcount, source)

    @api.model
    def _wo_empty_tables(self, tables):
        """Deletes every row of ``tables``, those referred to last."""
        if not tables:
            return
        cr = self.env.cr
        cr.execute(
            """SELECT conrelid::regclass::text, confrelid::regclass::text, a.attname,
                      NOT a.attnotnull
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.confdeltype IN ('r', 'a')
                  AND conrelid::regclass::text = ANY(%s)
                  AND confrelid::regclass::text = ANY(%s)
                  AND conrelid <> confrelid""",
            [tables, tables],
        )
        restricting = cr.fetchall()
        existing = set(existing_tables(cr, tables))
        left = [table for table in tables if table in existing]
        while left:
            free = [
                table
                for table in left
                if not any(src in left and dst == table for src, dst, __, __ in restricting)
            ]
            if not free and not any(nullable for __, __, __, nullable in restricting):
                free = left  # a cycle of required references: deleted together
            elif not free:
                # a cycle: the nullable references among what is left go first
                for src, dst, column, nullable in restricting:
                    if src in left and dst in left and nullable:
                        cr.execute(
                            SQL(
                                "UPDATE %s SET %s = NULL",
                                SQL.identifier(src),
                                SQL.identifier(column),
                            )
                        )
                restricting = [item for item in restricting if not item[3]]
                continue
            for table in free:
                cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
                if cr.rowcount:
                    _logger.info("uninstall: %s rows of %s deleted", cr.rowcount, table)
            left = [table for table in left if table not in free]
