from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class WoResource(models.Model):
    """A shared resource people book for their events: a car, a room, a projector."""

    _name = "wo.resource"
    _description = "Shared Resource"
    _inherit = ["mail.thread"]
    _order = "kind, name"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [("car", "Car"), ("room", "Meeting room"), ("equipment", "Equipment"), ("other", "Other")],
        required=True,
        default="room",
    )
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True)
    description = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    booking_ids = fields.One2many("wo.resource.booking", "resource_id", string="Bookings")
    booking_count = fields.Integer(compute="_compute_booking_count")

    def _compute_booking_count(self):
        counts = dict(
            self.env["wo.resource.booking"]._read_group(
                [("resource_id", "in", self.ids)], ["resource_id"], ["__count"]
            )
        )
        for resource in self:
            resource.booking_count = counts.get(resource, 0)

    def action_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_crm_contacts.wo_resource_booking_action"
        )
        action.update(
            domain=[("resource_id", "=", self.id)], context={"default_resource_id": self.id}
        )
        return action


class WoResourceBooking(models.Model):
    """A resource held by an event from its start to its stop. Two bookings
    of one resource never overlap: the database refuses it (an exclusion
    constraint), so it holds for concurrent requests too."""

    _name = "wo.resource.booking"
    _description = "Resource Booking"
    _order = "start desc, id desc"

    resource_id = fields.Many2one("wo.resource", required=True, index=True, ondelete="cascade")
    event_id = fields.Many2one("calendar.event", required=True, index=True, ondelete="cascade")
    name = fields.Char(related="event_id.name", readonly=False)
    user_id = fields.Many2one(
        related="event_id.user_id", string="Booked By", store=True, index="btree_not_null"
    )
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)
    company_id = fields.Many2one(
        related="resource_id.company_id", store=True, index="btree_not_null"
    )

    _stop_after_start = models.Constraint("CHECK (stop > start)", "A booking ends after it starts.")
    _no_overlap = models.Constraint(
        "EXCLUDE USING gist (resource_id WITH =, tsrange(start, stop, '[)') WITH &&)",
        "This resource is already booked at that time.",
    )
    _event_resource_uniq = models.Constraint(
        "UNIQUE (event_id, resource_id)", "An event books a resource once."
    )

    def _auto_init(self):
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    @api.model
    def _check_free(self, values_list):
        """Before the INSERT: say which resource is busy, when, and by whom.
        (The exclusion constraint is what guarantees it.)"""
        Booking = self.sudo()
        for values in values_list:
            resource = self.env["wo.resource"].sudo().browse(values["resource_id"])
            if not resource.active:
                raise ValidationError(
                    self.env._(
                        "%(resource)s is archived: it cannot be booked.", resource=resource.name
                    )
                )
            if values["stop"] <= values["start"]:
                raise ValidationError(self.env._("A booking ends after it starts."))
            clash = Booking.search(
                [
                    ("resource_id", "=", resource.id),
                    ("start", "<", values["stop"]),
                    ("stop", ">", values["start"]),
                    ("event_id", "!=", values.get("event_id") or False),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(resource)s is already booked from %(start)s to %(stop)s by %(user)s "
                        "(%(event)s).",
                        resource=resource.name,
                        start=fields.Datetime.to_string(clash.start),
                        stop=fields.Datetime.to_string(clash.stop),
                        user=clash.user_id.name or "",
                        event=clash.event_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # booked from the bookings' calendar: the booking is an event's, as
            # every booking; the event (the user's own) books the resource
            return self._wo_book_through_events(vals_list)
        self._check_free(
            [
                dict(
                    vals,
                    start=fields.Datetime.to_datetime(vals["start"]),
                    stop=fields.Datetime.to_datetime(vals["stop"]),
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    @api.model
    def _wo_book_through_events(self, vals_list):
        """One calendar event per booking asked for, organised by the user,
        booking the resource for its time; the bookings it made."""
        if any(vals.get("event_id") for vals in vals_list):
            # an event's bookings are its own: nobody forges one
            raise AccessError(
                self.env._("A booking of an event is made on the event: its Resources field.")
            )
        if not all(vals.get("resource_id") for vals in vals_list):
            raise ValidationError(self.env._("Choose the resource to book."))
        events = self.env["calendar.event"].create(
            [
                {
                    "name": vals.get("name")
                    or self.env["wo.resource"].browse(vals.get("resource_id")).name
                    or self.env._("Booking"),
                    "start": vals.get("start"),
                    "stop": vals.get("stop"),
                    "wo_resource_ids": [Command.set([vals["resource_id"]])],
                }
                for vals in vals_list
            ]
        )
        return events.sudo().wo_booking_ids.with_env(self.env)
