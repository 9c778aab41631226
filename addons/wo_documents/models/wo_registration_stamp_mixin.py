from odoo import fields, models


class WoRegistrationStampMixin(models.AbstractModel):
    """A registered record (``name``, ``date_registration``) whose main PDF
    may carry its registration number and date on the first page."""

    _name = "wo.registration.stamp.mixin"
    _description = "Registration Stamp on the Main PDF"

    def _wo_stamp_registration(self):
        """The registration number and date stamped on the first page of the
        main PDF, as an incremental update; the stamped PDF becomes the main
        file and the earlier one stays among the attachments. Nothing for a
        file that is not a PDF, nor where ``_wo_may_stamp`` says no."""
        self.ensure_one()
        attachment = self.message_main_attachment_id
        if not attachment or not self._wo_may_stamp():
            return False
        data = attachment.raw or b""
        if data[:5] != b"%PDF-":
            return False
        text = self.env._(
            "Reg. No. %(number)s of %(date)s",
            number=self.name,
            date=fields.Date.to_string(self.date_registration),
        )
        stamped = self.env["wo.document.signature"]._stamp_first_page(data, text)
        new_attachment = self.env["ir.attachment"].create(
            {
                "name": attachment.name,
                "raw": stamped,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
                "description": text,
            }
        )
        self._wo_set_main_file(new_attachment)
        self.message_post(
            body=self.env._(
                "%(text)s stamped on the first page of the main file; the earlier version "
                "stays among the attachments.",
                text=text,
            ),
            subtype_xmlid="mail.mt_note",
            attachment_ids=new_attachment.ids,
        )
        return True

    def _wo_may_stamp(self):
        return True

    def _wo_set_main_file(self, attachment):
        self.message_main_attachment_id = attachment
