from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    wo_desk_digest_ids = fields.One2many("wo.desk.digest", "user_id", string="Weekly Digests")
