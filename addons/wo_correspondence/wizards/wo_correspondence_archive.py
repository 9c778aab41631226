from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..models.wo_correspondence import DIRECTIONS


class WoCorrespondenceArchive(models.TransientModel):
    """Archive in bulk the letters that lost their relevance: by kind (with
    its sub-kinds), direction and registration date."""

    _name = "wo.correspondence.archive"
    _description = "Archive Correspondence"

    kind_ids = fields.Many2many("wo.correspondence.kind", string="Kinds")
    direction = fields.Selection(DIRECTIONS)
    journal_id = fields.Many2one("wo.correspondence.journal")
    date_to = fields.Date(string="Registered Until", required=True)
    only_closed = fields.Boolean(
        string="Only Closed Letters",
        default=True,
        help="Leave the letters still on control or waiting for an answer.",
    )
    letter_count = fields.Integer(string="Letters to Archive", compute="_compute_letter_count")

    def _domain(self):
        self.ensure_one()
        domain = Domain("date_registration", "<=", self.date_to) & Domain("name", "!=", False)
        if self.kind_ids:
            domain &= Domain("kind_id", "child_of", self.kind_ids.ids)
        if self.journal_id:
            domain &= Domain("journal_id", "=", self.journal_id.id)
        if self.direction:
            domain &= Domain("direction", "=", self.direction)
        if self.only_closed:
            domain &= Domain("state", "in", ("registered", "done"))
        return domain

    @api.depends("kind_ids", "direction", "journal_id", "date_to", "only_closed")
    def _compute_letter_count(self):
        Letter = self.env["wo.correspondence"]
        for wizard in self:
            wizard.letter_count = Letter.search_count(wizard._domain()) if wizard.date_to else 0

    def action_archive(self):
        self.ensure_one()
        letters = self.env["wo.correspondence"].search(self._domain())
        if not letters:
            raise UserError(self.env._("No letter matches: nothing archived."))
        letters.action_archive()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s letters archived.", count=len(letters)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
