from odoo import api, fields, models

from .mailing_mailing import WO_PRIORITIES

# the headers mail clients read: X-Priority (most), Importance (Outlook),
# Priority (RFC 2156)
WO_PRIORITY_HEADERS = {
    "1": {"X-Priority": "1 (Highest)", "Importance": "high", "Priority": "urgent"},
    "3": {"X-Priority": "3 (Normal)", "Importance": "normal", "Priority": "normal"},
    "5": {"X-Priority": "5 (Lowest)", "Importance": "low", "Priority": "non-urgent"},
}


class MailMail(models.Model):
    _inherit = "mail.mail"

    wo_priority = fields.Selection(
        WO_PRIORITIES,
        string="Priority",
        default="3",
        help="High-priority messages leave the queue first; sent as the message's "
        "priority headers.",
    )

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        # the queue (process_email_queue) takes high priority first
        if order is None and self.env.context.get("wo_mail_queue"):
            order = "wo_priority, id desc"
        return super().search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def process_email_queue(self, email_ids=(), batch_size=1000):
        """Fetch the batch of the queue high priority first (see search) and
        send it in that order (see send)."""
        return super(MailMail, self.with_context(wo_mail_queue=True)).process_email_queue(
            email_ids=email_ids, batch_size=batch_size
        )

    def send(self, auto_commit=False, raise_exception=False, post_send_callback=None):
        """Send high-priority messages first, then normal, then low."""
        by_priority = self.grouped("wo_priority") if len(self) > 1 else {}
        if len(by_priority) < 2:
            return super().send(
                auto_commit=auto_commit,
                raise_exception=raise_exception,
                post_send_callback=post_send_callback,
            )
        for priority in sorted(by_priority, key=lambda p: p or "3"):
            super(MailMail, by_priority[priority]).send(
                auto_commit=auto_commit,
                raise_exception=raise_exception,
                post_send_callback=post_send_callback,
            )
        return True

    def _prepare_outgoing_list(self, mail_server=False, doc_to_followers=None):
        email_list = super()._prepare_outgoing_list(
            mail_server=mail_server, doc_to_followers=doc_to_followers
        )
        if self.mailing_id or self.wo_priority not in (False, "3"):
            headers = WO_PRIORITY_HEADERS[self.wo_priority or "3"]
            for email_values in email_list:
                email_values["headers"] = {**email_values.get("headers", {}), **headers}
        return email_list
