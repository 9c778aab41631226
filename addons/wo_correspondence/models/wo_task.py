from odoo import models

# what a letter computes from the assignments of its resolutions
CONTROL_FIELDS = ("state", "control_state", "date_control", "answer_state")


class WoTask(models.Model):
    _inherit = "wo.task"

    def write(self, vals):
        result = super().write(vals)
        if "state_id" in vals or "date_deadline" in vals:
            self._wo_correspondence_recompute()
        return result

    def _wo_correspondence_recompute(self):
        """A resolution's assignment moved: its letter's control follows.

        Explicit rather than a stored dependency on the tasks' fields, which
        would cost every assignment's state change a look-up for letters."""
        letter_ids = {
            task.res_id for task in self if task.res_model == "wo.correspondence" and task.res_id
        }
        if letter_ids:
            Letter = self.env["wo.correspondence"].sudo()
            letters = Letter.browse(letter_ids).exists()
            for fname in CONTROL_FIELDS:
                self.env.add_to_compute(Letter._fields[fname], letters)
