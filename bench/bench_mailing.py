"""Mailings: queueing and sending a WO mailing against plain mass_mailing on the same list.

For each size N (WO_BENCH_SIZES, default 1000,10000; WO_BENCH_LARGE=1 adds
100000) the same N counterparties (one tag) receive:

- a WO mailing: recipients by counterparty group, {salutation} {name}
  {company} in subject and body, high priority, a chosen mailbox;
- a plain mass_mailing mailing: the same partners by domain, Odoo's own
  <t t-out="object.name"/> in the body, the same mailbox.

Queueing (mail.mail and traces for each recipient, mass_mailing's composer)
is measured on all N; sending (the mail queue, through a local SMTP sink on
127.0.0.1 started here) on at most WO_BENCH_SEND (default 1000) messages of
each, to keep the run short. Figures: queries and milliseconds per
recipient, and WO / mass_mailing ratios (goal: queries ratio <= 1.0).
Nothing is committed: commits are disabled and the run is rolled back.
"""

import os
import socketserver
import threading
import warnings
from unittest.mock import patch

from common import measure

SIZES = [int(size) for size in os.environ.get("WO_BENCH_SIZES", "1000,10000").split(",")]
if os.environ.get("WO_BENCH_LARGE"):
    SIZES.append(100000)
SEND = int(os.environ.get("WO_BENCH_SEND", "1000"))
SINK_TIMEOUT = 30  # seconds a silent SMTP client is kept


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server that accepts every message and counts it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.received = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self):
        return self.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.request.settimeout(SINK_TIMEOUT)
        self.reply("220 wo-bench-sink ESMTP")
        try:
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                command = line[:4].upper()
                if command == b"EHLO":
                    self.wfile.write(b"250-wo-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif command == b"DATA":
                    self.reply("354 end with <CRLF>.<CRLF>")
                    while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                        pass
                    with self.server.lock:
                        self.server.received += 1
                    self.reply("250 queued")
                elif command == b"QUIT":
                    self.reply("221 bye")
                    return
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    self.reply("250 ok")
        except (TimeoutError, ConnectionError):
            return


def make_partners(env, size):
    """``size`` counterparties with an e-mail address, created once."""
    Partner = env["res.partner"]
    existing = Partner.search([("email", "=like", "bench.mailing.%@example.com")], order="id")
    missing = size - len(existing)
    if missing > 0:
        start = len(existing)
        for first in range(start, size, 5000):
            Partner.create(
                [
                    {
                        "name": f"Bench Recipient {index}",
                        "email": f"bench.mailing.{index}@example.com",
                        "wo_salutation": "Mr.",
                    }
                    for index in range(first, min(first + 5000, size))
                ]
            )
            env.flush_all()
            env.invalidate_all()
        existing = Partner.search([("email", "=like", "bench.mailing.%@example.com")], order="id")
    return existing[:size]


def tag(env, partners, size):
    category = env["res.partner.category"].create({"name": f"Bench mailing {size}"})
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id)
        SELECT unnest(%s::int[]), %s
        """,
        (partners.ids, category.id),
    )
    env.invalidate_all()
    return category


def run(env, report):
    partner_model = env["ir.model"]._get_id("res.partner")
    # mass_mailing and the mail queue commit as they go: not in a benchmark
    with (
        SmtpSink() as sink,
        patch.object(type(env.cr), "commit", lambda cr: None),
        warnings.catch_warnings(),
    ):
        # mail's composer still calls the pre-19 progress API: Odoo's, not ours
        warnings.filterwarnings("ignore", message="Since 19.0, use _commit_progress")
        mailbox = env["ir.mail_server"].create(
            {
                "name": "Bench sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": sink.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )

        def mailings(category):
            Mailing = env["mailing.mailing"]
            wo = Mailing.create(
                {
                    "subject": "{salutation} {name}, prices for {company}",
                    "body_html": "<p>Dear {salutation} {name} of {company},</p><p>prices.</p>",
                    "mailing_model_id": partner_model,
                    "wo_category_ids": [(6, 0, category.ids)],
                    "wo_priority": "1",
                    "mail_server_id": mailbox.id,
                }
            )
            plain = Mailing.create(
                {
                    "subject": "Prices",
                    "body_html": "<p>Dear <t t-out='object.name'/>,</p><p>prices.</p>",
                    "mailing_model_id": partner_model,
                    "mailing_domain": repr([("category_id", "in", category.ids)]),
                    "mail_server_id": mailbox.id,
                }
            )
            return wo, plain

        # warm-up (caches of both paths), not measured
        warm = tag(env, make_partners(env, 120), "warm-up")
        for mailing in mailings(warm):
            mailing.action_send_mail()
            env["mail.mail"].with_context(
                filters=[("mailing_id", "=", mailing.id)]
            ).process_email_queue(batch_size=20)
        for size in SIZES:
            partners = make_partners(env, size)
            category = tag(env, partners, size)
            wo, plain = mailings(category)
            assert wo.total == plain.total == size, (wo.total, plain.total, size)
            figures = {}
            for label, mailing in (("wo", wo), ("odoo", plain)):
                env.invalidate_all()
                queue_q, queue_t = measure(env, mailing.action_send_mail)
                env.invalidate_all()
                received = sink.received
                queue = env["mail.mail"].with_context(filters=[("mailing_id", "=", mailing.id)])
                send_q, send_t = measure(
                    env, lambda queue=queue: queue.process_email_queue(batch_size=SEND)
                )
                sent = sink.received - received
                figures[label] = (queue_q, queue_t, send_q, send_t, sent)
            for step, index in (("queue", 0), ("send", 2)):
                wo_q, wo_t = figures["wo"][index : index + 2]
                odoo_q, odoo_t = figures["odoo"][index : index + 2]
                count = size if step == "queue" else figures["wo"][4]
                odoo_count = size if step == "queue" else figures["odoo"][4]
                report.row(
                    measure=step,
                    size=size,
                    recipients=count,
                    wo_q_rec=wo_q / max(count, 1),
                    odoo_q_rec=odoo_q / max(odoo_count, 1),
                    q_ratio=(wo_q / max(count, 1)) / max(odoo_q / max(odoo_count, 1), 1e-9),
                    wo_ms_rec=wo_t * 1000 / max(count, 1),
                    odoo_ms_rec=odoo_t * 1000 / max(odoo_count, 1),
                    t_ratio=(wo_t / max(count, 1)) / max(odoo_t / max(odoo_count, 1), 1e-9),
                )
            env.invalidate_all()
