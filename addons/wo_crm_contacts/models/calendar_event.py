from odoo import Command, api, fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    wo_partner_id = fields.Many2one("res.partner", string="Counterparty", index="btree_not_null")
    wo_kind_id = fields.Many2one("wo.event.kind", string="Event Kind", ondelete="restrict")
    wo_remind_user_ids = fields.Many2many(
        "res.users",
        "wo_calendar_event_remind_user_rel",
        "event_id",
        "user_id",
        string="Staff to Remind",
        help="They attend the event, so its reminders (alarms) reach them.",
    )
    wo_resource_ids = fields.Many2many(
        "wo.resource",
        "wo_calendar_event_resource_rel",
        "event_id",
        "resource_id",
        string="Resources",
        domain="[('active', '=', True)]",
        copy=True,
    )
    wo_booking_ids = fields.One2many("wo.resource.booking", "event_id", string="Bookings")
    wo_conflict_warning = fields.Text(
        string="Conflicts",
        compute="_compute_wo_conflict_warning",
    )

    @api.depends("partner_ids", "start", "stop")
    def _compute_wo_conflict_warning(self):
        for event in self:
            lines = []
            if event.start and event.stop:
                busy = event.partner_ids._get_busy_calendar_events(event.start, event.stop)
                for partner in event.partner_ids:
                    others = busy.get(partner.id, self.env["calendar.event"]).filtered(
                        lambda other, event=event: (
                            other != event._origin
                            and other.id != event.id
                            # back to back is no conflict
                            and other.start < event.stop
                            and other.stop > event.start
                        )
                    )
                    for other in others:
                        lines.append(
                            self.env._(
                                "%(attendee)s is busy: %(event)s (%(start)s - %(stop)s)",
                                attendee=partner.name,
                                event=other.name,
                                start=fields.Datetime.to_string(other.start),
                                stop=fields.Datetime.to_string(other.stop),
                            )
                        )
            event.wo_conflict_warning = "\n".join(lines) or False

    @api.onchange("partner_ids", "start", "stop")
    def _onchange_wo_conflicts(self):
        if self.wo_conflict_warning:
            return {
                "warning": {
                    "title": self.env._("Attendees already busy"),
                    "message": self.wo_conflict_warning,
                }
            }
        return None

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events.filtered("wo_remind_user_ids")._wo_add_remind_attendees()
        events._wo_sync_bookings()
        return events

    def write(self, vals):
        result = super().write(vals)
        if "wo_remind_user_ids" in vals:
            self._wo_add_remind_attendees()
        if {
            "wo_resource_ids",
            "start",
            "stop",
            "allday",
            "start_date",
            "stop_date",
            "active",
        } & set(vals):
            self._wo_sync_bookings()
        return result

    def _wo_add_remind_attendees(self):
        """The staff to remind become attendees: the calendar's own alarms
        then reach each of them, on every occurrence of a recurrence."""
        for event in self:
            missing = event.wo_remind_user_ids.partner_id - event.partner_ids
            if missing:
                event.write({"partner_ids": [Command.link(partner.id) for partner in missing]})

    def _wo_sync_bookings(self):
        """Each event (each occurrence of a recurrence) books its resources
        from its start to its stop."""
        Booking = self.env["wo.resource.booking"].sudo()
        for event in self:
            # archived resources too: booking one is refused, not silently skipped
            resources = event.with_context(active_test=False).wo_resource_ids
            wanted = resources if event.active else self.env["wo.resource"]
            current = event.sudo().wo_booking_ids
            stale = current.filtered(
                lambda b, event=event, wanted=wanted: (
                    b.resource_id not in wanted or b.start != event.start or b.stop != event.stop
                )
            )
            stale.unlink()
            kept = (current - stale).resource_id
            to_book = wanted - kept
            if to_book:
                Booking.create(
                    [
                        {
                            "resource_id": resource.id,
                            "event_id": event.id,
                            "start": event.start,
                            "stop": event.stop,
                        }
                        for resource in to_book
                    ]
                )
