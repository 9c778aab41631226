from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WoTaskResource(models.Model):
    """Planned and actual resources of an assignment: labour (hours of an
    executor) and material (a product, a quantity, a unit)."""

    _name = "wo.task.resource"
    _description = "Assignment Resource"
    _order = "task_id, plan_type, resource_type, id"

    task_id = fields.Many2one("wo.task", required=True, index=True, ondelete="cascade")
    plan_type = fields.Selection(
        [("planned", "Planned"), ("actual", "Actual")], required=True, default="planned"
    )
    resource_type = fields.Selection(
        [("labour", "Labour"), ("material", "Material")], required=True, default="labour"
    )
    user_id = fields.Many2one("res.users", string="Executor")
    hours = fields.Float()
    product_id = fields.Many2one("product.product")
    quantity = fields.Float(default=1.0)
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    note = fields.Char()
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    _hours_positive = models.Constraint("CHECK (hours >= 0)", "Hours cannot be negative.")
    _quantity_positive = models.Constraint(
        "CHECK (quantity >= 0)", "A quantity cannot be negative."
    )

    @api.depends("product_id")
    def _compute_uom_id(self):
        for resource in self:
            if resource.product_id and not resource.uom_id:
                resource.uom_id = resource.product_id.uom_id

    @api.constrains("resource_type", "user_id", "product_id")
    def _check_kind(self):
        for resource in self:
            if resource.resource_type == "material" and not resource.product_id:
                raise ValidationError(self.env._("A material resource names its product."))
