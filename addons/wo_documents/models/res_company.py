from odoo import fields, models

try:
    from pyhanko.sign.timestamps import HTTPTimeStamper
except ImportError:  # pragma: no cover - declared in requirements.txt
    HTTPTimeStamper = None


class ResCompany(models.Model):
    _inherit = "res.company"

    wo_tsa_url = fields.Char(
        string="Timestamp Authority (RFC 3161)",
        help="The address of the timestamp authority that vouches for the time of every "
        "signature made for this company, e.g. https://freetsa.org/tsr. Empty: no timestamp.",
    )
    wo_trusted_certificate_ids = fields.One2many(
        "wo.trusted.certificate", "company_id", string="Trusted Certificates"
    )

    def _wo_timestamper(self):
        self.ensure_one()
        if not self.wo_tsa_url:
            return None
        return HTTPTimeStamper(self.wo_tsa_url, timeout=30)
