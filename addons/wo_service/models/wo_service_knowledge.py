from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class WoServiceKnowledgeMixin(models.AbstractModel):
    """Where a question comes in (a contact journal entry, an assignment):
    the knowledge pages that answer it, to read or send to the
    counterparty, and a draft page when none does."""

    _name = "wo.service.knowledge.mixin"
    _description = "Knowledge Suggestions"

    # the field of document.page that links pages to this record's kind
    _wo_knowledge_kind_field = None

    wo_knowledge_page_ids = fields.Many2many(
        "document.page",
        string="Knowledge",
        compute="_compute_wo_knowledge_page_ids",
        groups="wo_service.group_wo_service_reader",
        help="Pages of the knowledge base that answer this question: those of "
        "its kind first, then those with the words of its subject.",
    )

    def _wo_knowledge_threads(self):
        """The threads this record belongs to (none by default)."""
        return self.env["wo.contact.thread"]

    @api.depends("subject", "kind_id")
    @api.depends_context("uid")
    def _compute_wo_knowledge_page_ids(self):
        Page = self.env["document.page"]
        for record in self:
            record.wo_knowledge_page_ids = Page._wo_suggest(
                record.subject,
                kind_field=self._wo_knowledge_kind_field,
                kinds=record.kind_id,
                threads=record._wo_knowledge_threads(),
            )

    def action_wo_knowledge_draft(self):
        """A question that found no answer becomes a draft page, for the
        knowledge base's authors to answer."""
        self.ensure_one()
        Page = self.env["document.page"]
        if not Page.has_access("create"):
            raise UserError(
                self.env._("A WO Service Author or Manager drafts pages of the knowledge base.")
            )
        if Page.search_count([("wo_draft", "=", True), ("name", "=", self.subject)], limit=1):
            raise UserError(
                self.env._(
                    "A draft page for “%(question)s” is already waiting for its answer.",
                    question=self.subject,
                )
            )
        category = self.env.ref("wo_service.document_page_category_questions", False)
        vals = {
            "name": self.subject,
            "wo_draft": True,
            "parent_id": category.id if category else False,
            "content": self.description or Markup("<p>%s</p>") % self.subject,
            "draft_name": "1.0",
            "draft_summary": self.env._("Drafted from a question"),
        }
        if self.kind_id:
            vals[self._wo_knowledge_kind_field] = [Command.link(self.kind_id.id)]
        threads = self._wo_knowledge_threads()
        if threads:
            vals["wo_thread_ids"] = [Command.set(threads.ids)]
        page = Page.create(vals)
        page.message_post(
            body=Markup(self.env._("Drafted from the question %(question)s."))
            % {"question": self._get_html_link()},
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "document.page",
            "res_id": page.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class WoContactEntry(models.Model):
    _name = "wo.contact.entry"
    _inherit = ["wo.contact.entry", "wo.service.knowledge.mixin"]

    _wo_knowledge_kind_field = "wo_contact_kind_ids"

    def _wo_knowledge_threads(self):
        return self.thread_id

    @api.depends("subject", "kind_id", "thread_id")
    @api.depends_context("uid")
    def _compute_wo_knowledge_page_ids(self):
        return super()._compute_wo_knowledge_page_ids()
