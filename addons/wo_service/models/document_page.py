import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

# the words of a question that are looked up: letters and digits only (the
# query language of PostgreSQL's full-text search cannot be injected through
# them), at least four characters (the short words of every language are
# too common to tell pages apart), not the common longer words of the
# languages WO speaks, at most a dozen
WORDS = re.compile(r"\w{4,}", re.UNICODE)
MAX_WORDS = 12
COMMON_WORDS = frozenset(
    {
        # English
        "about",
        "also",
        "been",
        "could",
        "does",
        "from",
        "have",
        "hello",
        "here",
        "need",
        "please",
        "should",
        "than",
        "thank",
        "thanks",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "what",
        "when",
        "where",
        "which",
        "will",
        "with",
        "would",
        "your",
        # Ukrainian
        "будь",
        "буде",
        "дуже",
        "добрий",
        "день",
        "дякую",
        "коли",
        "ласка",
        "можна",
        "потрібно",
        "також",
        "треба",
        "чому",
        "якщо",
        "який",
        "яка",
        "які",
        "якій",
        # Russian
        "будет",
        "добрый",
        "когда",
        "какая",
        "какие",
        "какой",
        "нужно",
        "очень",
        "пожалуйста",
        "почему",
        "спасибо",
        "также",
        "чтобы",
        "если",
        "можно",
        # Polish
        "będzie",
        "bardzo",
        "czemu",
        "dlaczego",
        "dziękuję",
        "dzień",
        "jakie",
        "jaki",
        "jest",
        "kiedy",
        "która",
        "które",
        "który",
        "może",
        "oraz",
        "proszę",
        "także",
        "gdzie",
    }
)
# what the full-text search looks in: a page's title and text as a text
# vector, a column PostgreSQL computes and stores itself (a generated column:
# written with the page, whoever writes it, and read as it is by the search
# and its ranking) with a GIN index. The 'simple' configuration (no
# stemming) serves English, Ukrainian, Russian and Polish alike; a word's
# beginning matches (prefix search) in place of stemming. The column goes
# with ``wo_search_text`` when the addon is uninstalled (its column is
# dropped with what depends on it).
FTS_COLUMN = "wo_fts"
FTS_INDEX = "document_page_wo_fts_column_index"
# the index of the first version, on the expression (the column replaces it)
OLD_FTS_INDEX = "document_page_wo_fts_index"
# the drafts waiting for an answer are few among the pages: a partial index
DRAFT_INDEX = "document_page_wo_draft_index"


def question_words(text):
    """The distinct words of ``text`` a search looks for, lower case."""
    words = []
    for word in WORDS.findall((text or "").lower()):
        word = word.strip("_")
        if len(word) >= 4 and word not in COMMON_WORDS and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


class DocumentPage(models.Model):
    """OCA's knowledge page, with what WO adds: the contact kinds,
    assignment kinds and threads it answers for, its text for the search,
    and draft pages made of questions not answered yet."""

    _inherit = "document.page"

    wo_contact_kind_ids = fields.Many2many(
        "wo.contact.kind",
        "document_page_wo_contact_kind_rel",
        "page_id",
        "kind_id",
        string="Contact Kinds",
        help="Suggested on the contact journal entries of these kinds.",
    )
    wo_task_kind_ids = fields.Many2many(
        "wo.task.kind",
        "document_page_wo_task_kind_rel",
        "page_id",
        "kind_id",
        string="Assignment Kinds",
        help="Suggested on the assignments of these kinds.",
    )
    wo_thread_ids = fields.Many2many(
        "wo.contact.thread",
        "document_page_wo_contact_thread_rel",
        "page_id",
        "thread_id",
        string="Threads",
        help="Suggested on the contact journal entries of these threads.",
    )
    wo_draft = fields.Boolean(
        string="Draft",
        copy=False,
        help="A question that found no answer: the page waits for its answer "
        "and is not suggested until it is unmarked.",
    )
    wo_search_text = fields.Text(
        string="Search Text",
        compute="_compute_wo_search_text",
        store=True,
        help="The page's text without its markup, for the full-text search.",
    )

    @api.depends("history_head.content", "type")
    def _compute_wo_search_text(self):
        for page in self:
            content = page.history_head.content if page.type == "content" else False
            page.wo_search_text = html2plaintext(content) if content else False

    def init(self):
        result = super().init()
        cr = self.env.cr
        cr.execute(
            SQL(
                "ALTER TABLE document_page ADD COLUMN IF NOT EXISTS %s tsvector GENERATED ALWAYS"
                " AS (to_tsvector('simple'::regconfig,"
                " COALESCE(name, '') || ' ' || COALESCE(wo_search_text, ''))) STORED",
                SQL.identifier(FTS_COLUMN),
            )
        )
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(OLD_FTS_INDEX)))
        cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON document_page USING gin (%s)",
                SQL.identifier(FTS_INDEX),
                SQL.identifier(FTS_COLUMN),
            )
        )
        cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON document_page (id) WHERE wo_draft",
                SQL.identifier(DRAFT_INDEX),
            )
        )
        return result

    @api.model
    def _wo_suggest(self, text, kind_field=None, kinds=None, threads=None, limit=5):
        """The pages that answer a question: first those linked to its kind
        or thread, then those whose title or text has its words, the most
        relevant first. The user's access rules apply (record rules of the
        company, the read right); draft pages are not suggested."""
        if not self.has_access("read"):
            return self.browse()
        found = self.browse()
        links = []
        if kind_field and kinds:
            links.append((kind_field, "in", kinds.ids))
        if threads:
            links.append(("wo_thread_ids", "in", threads.ids))
        base = [("type", "=", "content"), ("wo_draft", "=", False)]
        for link in links:
            found |= self.search([*base, link], limit=limit, order="write_date desc")
        words = question_words(text)
        if words and len(found) < limit:
            query = self._wo_fts_query(words, [*base, ("id", "not in", found.ids)])
            query.limit = limit - len(found)
            found |= self.browse(row[0] for row in self.env.execute_query(query.select()))
        return found[:limit]

    @api.model
    def _wo_fts_query(self, words, domain):
        """The query of the pages of ``domain`` (with the user's rules) that
        have one of ``words`` (or a word beginning so), the most relevant
        first."""
        query = self._search(domain)
        document = SQL.identifier(query.table, FTS_COLUMN)
        terms = SQL("to_tsquery('simple'::regconfig, %s)", " | ".join(f"{w}:*" for w in words))
        query.add_where(SQL("%s @@ %s", document, terms))
        query.order = SQL(
            "ts_rank(%s, %s) DESC, %s DESC", document, terms, SQL.identifier(query.table, "id")
        )
        return query

    def action_wo_send(self):
        """The page sent by e-mail to the counterparty of the record the
        question came from (a contact journal entry, an assignment): the
        composer of that record, with the page's text, to its counterparty."""
        self.ensure_one()
        model = self.env.context.get("wo_knowledge_model")
        res_id = self.env.context.get("wo_knowledge_res_id")
        if model not in ("wo.contact.entry", "wo.task") or not isinstance(res_id, int):
            raise UserError(self.env._("Send a page from a contact entry or an assignment."))
        record = self.env[model].browse(res_id).exists()
        if not record:
            raise UserError(self.env._("The record to send this page from no longer exists."))
        record.check_access("read")
        partner = record.partner_id
        if not partner.email:
            raise UserError(
                self.env._(
                    "%(partner)s has no e-mail address to send the page to.",
                    partner=partner.display_name or self.env._("The counterparty"),
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": model,
                "default_res_ids": record.ids,
                "default_composition_mode": "comment",
                "default_message_type": "comment",
                "default_subject": self.name,
                "default_body": self.content,
                "default_partner_ids": partner.ids,
            },
        }
