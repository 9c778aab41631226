"""Service: generating the periods' assignments of client-service procedures
(wo_service) against creating the same assignments with plain ``wo.task``
create in the same run: WO_BENCH_SIZES assignments (default 1000,10000: 200
and 2k clients of a 5-step procedure; WO_BENCH_LARGE=1 adds 50k, 10k
clients).

WO: ``_generate_now`` of the clients (lock, one run record per assignment,
thread, deadlines, every step assigned: the bench's steps wait for nothing).
Odoo's equivalent: the same five assignments per client made with
``wo.task`` create and assigned, no procedure. Queries and ms per
assignment. Goal: at most 1.2x the plain create, and flat from the smaller
size to the larger.

The knowledge base: the pages a question's subject finds among
WO_BENCH_KNOWLEDGE_SIZES pages (default 10000,100000), as a Service reader
(``_wo_suggest``: PostgreSQL full-text search on the GIN index), against
Odoo's own search of the page list (``ilike`` on the title and the text, one
condition per word), and once more with the index dropped. Queries and ms per
search.
"""

import datetime
import os
import random

from common import bench_user, measure, ratio_row

from odoo import Command
from odoo.fields import Domain

from odoo.addons.wo_staff.tools import TRUSTED

STEPS = 5
SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
if os.environ.get("WO_BENCH_LARGE"):
    SIZES.append(50_000)
PAGES = [
    int(size) for size in os.environ.get("WO_BENCH_KNOWLEDGE_SIZES", "10000,100000").split(",")
]
SEARCHES = 40
SEARCHES_WITHOUT_INDEX = 5
# the pages' words: "term0000" ... "term4999" (one length: a word's beginning
# matches only itself, as with real words), the low numbers the most common
VOCABULARY = 5000


def _procedure(env, user, tag):
    return env["wo.service.procedure"].create(
        {
            "name": f"Bench procedure {tag}",
            "horizon_days": 0,
            "step_ids": [
                Command.create(
                    {
                        "sequence": index,
                        "name": f"Step {index} of {{client}} for {{period}}",
                        "executor_type": "user",
                        "user_ids": [Command.set(user.ids)],
                        "deadline_base": "end",
                        "deadline_offset": index,
                    }
                )
                for index in range(STEPS)
            ],
        }
    )


def _plain(env, user, partners, deadline):
    Task = env["wo.task"].with_context(wo_task_engine=TRUSTED)
    kind = env.ref("wo_tasks.wo_task_kind_assignment")
    for partner in partners:
        first = None
        for index in range(STEPS):
            task = Task.create(
                {
                    "subject": f"Step {index} of {partner.name}",
                    "kind_id": kind.id,
                    "initiator_id": user.id,
                    "controller_id": user.id,
                    "partner_id": partner.id,
                    "date_deadline": deadline,
                    "parent_id": first.id if first else False,
                    "executor_ids": [Command.create({"user_id": user.id, "sequence": 0})],
                }
            )
            first = first or task
            # the steps of the bench's procedure wait for nothing: all start
            task.action_assign()


def run(env, report):
    env = env(context={"tracking_disable": True, "mail_notrack": True})
    user = env.ref("base.user_admin")
    today = datetime.date.today()
    deadline = today + datetime.timedelta(days=40)
    for assignments in SIZES:
        size = assignments // STEPS
        Partner = env["res.partner"]
        plain = Partner.create([{"name": f"Plain {size}-{n}"} for n in range(size)])
        served = Partner.create([{"name": f"Served {size}-{n}"} for n in range(size)])
        procedure = _procedure(env, user, size)
        clients = env["wo.service.client"].create(
            [
                {"procedure_id": procedure.id, "partner_id": partner.id, "date_start": today}
                for partner in served
            ]
        )
        odoo_figures = measure(env, lambda plain=plain: _plain(env, user, plain, deadline))
        wo_figures = measure(env, lambda clients=clients: clients._generate_now())
        made = env["wo.service.run"].search_count([("client_id", "in", clients.ids)])
        assert made == size * STEPS, made
        ratio_row(report, "generate a period", size * STEPS, wo_figures, odoo_figures)
    run_knowledge(env, report)


def _pages(env, count, tag):
    """``count`` pages of 60 words each (and a title of three), written
    straight to the table: the bench measures the search, not OCA's history."""
    env.cr.execute(
        """
        INSERT INTO document_page
               (name, type, active, wo_search_text, create_uid, write_uid, create_date, write_date)
        SELECT 'Bench ' || %s || ' term' || lpad((g %% 4999)::text, 4, '0')
                  || ' term' || lpad((g %% 331)::text, 4, '0'),
               'content', TRUE,
               (SELECT string_agg(
                           'term' || lpad(floor(random() * random() * %s)::int::text, 4, '0'), ' '
                       )
                  FROM generate_series(1, 60) WHERE g > 0),
               1, 1, now(), now()
          FROM generate_series(1, %s) g
        """,
        (tag, VOCABULARY, count),
    )
    env.cr.execute("ANALYZE document_page")


def _questions(count):
    rng = random.Random(count)
    return [
        "Client asks about {} and {}".format(
            *(f"term{rng.randrange(VOCABULARY):04d}" for _ in range(2))
        )
        for _ in range(count)
    ]


def _ilike(Page, question):
    words = [word for word in question.split() if word.startswith("term")]
    domain = Domain.OR(
        Domain("name", "ilike", word) | Domain("wo_search_text", "ilike", word) for word in words
    )
    return Page.search(Domain("type", "=", "content") & domain, limit=5)


def run_knowledge(env, report):
    from odoo.addons.wo_service.models.document_page import FTS_INDEX

    reader = bench_user(env, "bench_knowledge_reader", ["wo_service.group_wo_service_reader"])
    Page = env["document.page"].with_user(reader)
    created = 0
    for pages in PAGES:
        _pages(env, pages - created, pages)
        created = pages
        questions = _questions(SEARCHES)
        Page._wo_suggest(questions[0])  # the reader's rules, once
        _ilike(Page, questions[0])
        found = []
        wo_figures = measure(
            env,
            lambda found=found, questions=questions: found.extend(
                Page._wo_suggest(q) for q in questions
            ),
        )
        assert any(found), "the searches find pages"
        odoo_figures = measure(
            env, lambda questions=questions: [_ilike(Page, q) for q in questions]
        )
        ratio_row(report, f"knowledge search, {pages} pages", SEARCHES, wo_figures, odoo_figures)
        few = questions[:SEARCHES_WITHOUT_INDEX]
        env.cr.execute("SAVEPOINT bench_no_index")
        env.cr.execute(f'DROP INDEX "{FTS_INDEX}"')
        bare = measure(env, lambda few=few: [Page._wo_suggest(q) for q in few])
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_no_index")
        odoo_few = measure(env, lambda few=few: [_ilike(Page, q) for q in few])
        ratio_row(
            report, f"... without the index, {pages} pages", SEARCHES_WITHOUT_INDEX, bare, odoo_few
        )
