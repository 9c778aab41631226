from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.wo_correspondence.models.wo_correspondence import REGISTRAR_GROUP
from odoo.addons.wo_tasks.models.wo_task_cycle import CLOSED_CODES
from odoo.addons.wo_tasks.models.wo_task_executor import REPORTABLE

# items shown in a section; its count says how many there are in all
LIMIT = 8


class WoDesk(models.AbstractModel):
    """The desk: a user's work of the day, read in one call (``get_desk``)
    with the user's own rights. A section the user has no access to is left
    out; work of the people the user acts for today (a head's deputy, a
    substitute) is in the same sections, marked with their name."""

    _name = "wo.desk"
    _description = "WO Desk"

    @api.model
    @api.readonly
    def get_desk(self):
        user = self.env.user
        acting = self.env["res.users"].browse(user._wo_acting_for_user_ids())
        today = fields.Date.context_today(self)
        context = {
            "user": user,
            "acting": acting,
            "today": today,
            # the day in UTC, as datetimes are stored
            "day": self._wo_day_bounds(today),
        }
        # the approval routes waiting for them: decisions, not "my turn"
        context["approvals"] = (
            self.env["wo.document"]
            .sudo()
            .search_fetch(self._wo_approval_domain(acting), ["approval_task_id"])
        )
        sections = [
            section
            for section in (
                self._wo_section_contacts(context),
                self._wo_section_my_turn(context),
                self._wo_section_decisions(context),
                self._wo_section_to_register(context),
                self._wo_section_to_resolve(context),
                self._wo_section_to_read(context),
                self._wo_section_familiarisation(context),
                self._wo_section_control(context),
                self._wo_section_events(context),
                self._wo_section_birthdays(context),
            )
            if section is not None
        ]
        return {
            "user": user.name,
            "today": fields.Date.to_string(today),
            "acting_for": [other.name for other in acting if other != user],
            "sections": sections,
        }

    # ------------------------------------------------------------ helpers
    def _wo_day_bounds(self, day):
        """The start and end of ``day`` in the user's time zone, as naive UTC."""
        start = fields.Datetime.context_timestamp(self, datetime.combine(day, time.min))
        offset = start.utcoffset() or timedelta()
        start = datetime.combine(day, time.min) - offset
        return start, start + timedelta(days=1)

    def _wo_readable(self, model):
        return self.env[model].has_access("read")

    def _wo_section(self, key, title, model, domain, order, item, context):
        """A section: its count, its first ``LIMIT`` records as ``item``
        makes them, and the domain that lists them all."""
        Model = self.env[model]
        records = Model.search(domain, order=order, limit=LIMIT)
        return self._wo_section_of(key, title, records, domain, item, context)

    def _wo_section_of(self, key, title, records, domain, item, context):
        """A section of the first ``records`` (at most ``LIMIT``) of
        ``domain``."""
        count = len(records)
        if count == LIMIT:
            count = records.search_count(domain)
        return {
            "key": key,
            "title": title,
            "model": records._name,
            "count": count,
            "items": [item(record, context) for record in records],
            "domain": list(Domain(domain)),
        }

    @staticmethod
    def _wo_for(user, context):
        """The name of the person an item is for, when not the user."""
        return user.name if user and user != context["user"] else False

    @staticmethod
    def _wo_urgency(deadline, today):
        if not deadline:
            return "later"
        if deadline < today:
            return "overdue"
        if deadline == today:
            return "today"
        if deadline <= today + timedelta(days=6 - today.weekday()):
            return "week"
        return "later"

    # ----------------------------------------------------------- sections
    def _wo_section_contacts(self, context):
        """Today's planned contacts with counterparties, by kind."""
        if not self._wo_readable("wo.contact.entry"):
            return None
        start, stop = context["day"]
        domain = [
            ("user_id", "in", context["acting"].ids),
            ("date", ">=", start),
            ("date", "<", stop),
        ]

        def item(entry, context):
            return {
                "id": entry.id,
                "name": entry.subject,
                "detail": entry.partner_id.display_name or "",
                "kind": entry.kind_id.display_name or "",
                "icon": entry.kind_icon or "fa-comments",
                "date": fields.Datetime.to_string(entry.date),
                "for": self._wo_for(entry.user_id, context),
            }

        return self._wo_section(
            "contacts",
            self.env._("Today's contacts"),
            "wo.contact.entry",
            domain,
            "kind_id, date, id",
            item,
            context,
        )

    def _wo_section_my_turn(self, context):
        """Assignment lines that are mine (or of those I act for) to report
        on, overdue first, then by deadline; approvals are decisions."""
        if not self._wo_readable("wo.task.executor"):
            return None
        domain = [
            ("user_id", "in", context["acting"].ids),
            ("state", "in", REPORTABLE),
            ("task_id", "not in", context["approvals"].approval_task_id.ids),
        ]

        def item(line, context):
            deadline = line.date_deadline_effective
            return {
                "id": line.task_id.id,
                "res_model": "wo.task",
                "name": line.task_id.display_name,
                "detail": line.task_id.initiator_id.name or "",
                "date": fields.Date.to_string(deadline) if deadline else False,
                "urgency": "overdue"
                if line.state == "overdue"
                else self._wo_urgency(deadline, context["today"]),
                "for": self._wo_for(line.user_id, context),
            }

        return self._wo_section(
            "my_turn",
            self.env._("My turn"),
            "wo.task.executor",
            domain,
            "date_deadline_effective asc nulls last, id",
            item,
            context,
        )

    @staticmethod
    def _wo_approval_domain(acting):
        """Documents whose approval route waits for one of ``acting``."""
        return [
            ("state", "=", "on_approval"),
            (
                "approval_task_id.executor_ids",
                "any",
                [("user_id", "in", acting.ids), ("state", "in", REPORTABLE)],
            ),
        ]

    def _wo_section_decisions(self, context):
        """Documents waiting for the user's decision: approval steps, and
        signing of the documents the user is responsible for."""
        if not self._wo_readable("wo.document"):
            return None
        acting = context["acting"]
        domain = Domain.OR(
            [
                Domain(self._wo_approval_domain(acting)),
                Domain("state", "=", "on_signing") & Domain("responsible_id", "in", acting.ids),
            ]
        )

        def item(document, context):
            # whose step it is: the user's own, or of someone they act for
            waiting = document.sudo().approval_task_id.executor_ids.filtered(
                lambda line: line.state in REPORTABLE and line.user_id in context["acting"]
            )
            mine = context["user"] in waiting.user_id or document.state != "on_approval"
            return {
                "id": document.id,
                "name": document.display_name,
                "detail": document.partner_id.display_name or "",
                "for": False if mine else self._wo_for(waiting[:1].user_id, context),
                "label": self.env._("Approve")
                if document.state == "on_approval"
                else self.env._("Sign"),
                "date": fields.Date.to_string(document.date_control)
                if document.date_control
                else False,
            }

        return self._wo_section(
            "decisions",
            self.env._("Waiting for my decision"),
            "wo.document",
            domain,
            "id",
            item,
            context,
        )

    def _wo_section_to_register(self, context):
        """Incoming letters waiting for registration (registrars only)."""
        if not (
            context["user"].has_group(REGISTRAR_GROUP) and self._wo_readable("wo.correspondence")
        ):
            return None

        def item(letter, context):
            return {
                "id": letter.id,
                "name": letter.display_name,
                "detail": letter.partner_id.display_name or "",
                "label": self.env._("Register"),
                "date": False,
            }

        drafts = Domain("state", "=", "draft") & Domain("direction", "=", "incoming")
        return self._wo_section(
            "to_register",
            self.env._("Letters to register"),
            "wo.correspondence",
            drafts,
            "priority desc, id",
            item,
            context,
        )

    def _wo_section_to_resolve(self, context):
        """Registered incoming letters addressed to the user (or to those
        they act for) that have no resolution yet."""
        if not self._wo_readable("wo.correspondence"):
            return None
        domain = [
            ("direction", "=", "incoming"),
            ("recipient_user_id", "in", context["acting"].ids),
            ("state", "=", "registered"),
            ("resolution_ids", "=", False),
        ]

        def item(letter, context):
            return {
                "id": letter.id,
                "name": letter.display_name,
                "detail": letter.partner_id.display_name or "",
                "label": self.env._("Resolve"),
                "date": fields.Date.to_string(letter.date_registration)
                if letter.date_registration
                else False,
                "for": self._wo_for(letter.recipient_user_id, context),
            }

        return self._wo_section(
            "to_resolve",
            self.env._("Resolutions to issue"),
            "wo.correspondence",
            domain,
            "priority desc, date_registration, id",
            item,
            context,
        )

    def _wo_section_to_read(self, context):
        """Letters the user was told of at registration and has not yet
        acknowledged (their activity is still open)."""
        if not self._wo_readable("wo.correspondence"):
            return None
        acting = context["acting"].ids
        domain = [
            ("notify_user_ids", "in", acting),
            ("activity_ids", "any", [("user_id", "in", acting)]),
        ]

        def item(letter, context):
            return {
                "id": letter.id,
                "name": letter.display_name,
                "detail": letter.partner_id.display_name or "",
                "date": fields.Date.to_string(letter.date_registration)
                if letter.date_registration
                else False,
            }

        return self._wo_section(
            "to_read",
            self.env._("To read"),
            "wo.correspondence",
            domain,
            "date_registration desc, id desc",
            item,
            context,
        )

    def _wo_section_familiarisation(self, context):
        """Documents and letters sent to the user to read and confirm
        (familiarisation lists), the earliest deadline first."""
        if not self._wo_readable("wo.records.familiarisation.line"):
            return None
        domain = [("user_id", "in", context["acting"].ids), ("date_read", "=", False)]

        def item(line, context):
            record = line.familiarisation_id._record()
            deadline = line.familiarisation_id.date_deadline
            return {
                # one record may wait for the user and for someone they act for
                "key": f"familiarisation-{line.id}",
                "id": record.id,
                "res_model": record._name,
                "name": record.display_name,
                "detail": line.familiarisation_id.sender_id.name or "",
                "date": fields.Date.to_string(deadline) if deadline else False,
                "urgency": self._wo_urgency(deadline, context["today"]),
                "for": self._wo_for(line.user_id, context),
            }

        return self._wo_section(
            "familiarisation",
            self.env._("To read and confirm"),
            "wo.records.familiarisation.line",
            domain,
            "id",
            item,
            context,
        )

    def _wo_section_control(self, context):
        """Open assignments the user gave or controls, overdue first."""
        if not self._wo_readable("wo.task"):
            return None
        acting = context["acting"].ids
        domain = [
            "|",
            ("controller_id", "in", acting),
            ("initiator_id", "in", acting),
            ("state_code", "not in", [*CLOSED_CODES, "draft"]),
        ]

        def item(task, context):
            return {
                "id": task.id,
                "name": task.display_name,
                "detail": ", ".join(task.executor_ids.user_id.mapped("name")),
                "date": fields.Date.to_string(task.date_deadline) if task.date_deadline else False,
                "urgency": self._wo_urgency(task.date_deadline, context["today"]),
                "for": self._wo_for(task.controller_id, context)
                and self._wo_for(task.initiator_id, context),
            }

        return self._wo_section(
            "control",
            self.env._("Under my control"),
            "wo.task",
            domain,
            "date_deadline asc nulls last, id",
            item,
            context,
        )

    def _wo_section_events(self, context):
        """Today's meetings and bookings of the user."""
        if not self._wo_readable("calendar.event"):
            return None
        start, stop = context["day"]
        domain = [
            ("partner_ids", "in", context["acting"].partner_id.ids),
            ("start", "<", stop),
            ("stop", ">=", start),
        ]

        def item(event, context):
            return {
                "id": event.id,
                "name": event.name,
                "detail": ", ".join(event.wo_resource_ids.mapped("name")),
                "date": fields.Datetime.to_string(event.start),
                "allday": event.allday,
            }

        return self._wo_section(
            "events",
            self.env._("Meetings and bookings today"),
            "calendar.event",
            domain,
            "start, id",
            item,
            context,
        )

    def _wo_section_birthdays(self, context):
        """Birthdays in the seven days from today of the contact persons of
        the counterparties the user manages; in the last days of December
        the week goes on into January."""
        if not self._wo_readable("res.partner"):
            return None
        today = context["today"]
        end = today + timedelta(days=6)
        mine = Domain("parent_id.user_id", "in", context["acting"].ids)
        # this year's part of the week, then next year's (in early January:
        # no 29 February to care for there)
        parts = [
            mine
            & Domain("wo_birthday_this_year", ">=", today)
            & Domain("wo_birthday_this_year", "<=", min(end, today.replace(month=12, day=31)))
        ]
        if end.year != today.year:
            parts.append(
                mine
                & Domain("wo_birthday", "!=", False)
                & Domain("wo_birthday_md", "<=", end.month * 100 + end.day)
            )
        Partner = self.env["res.partner"]
        partners = Partner.browse()
        for part in parts:
            partners |= Partner.search(
                part, order="wo_birthday_md, id", limit=LIMIT - len(partners)
            )
            if len(partners) == LIMIT:
                break

        def item(partner, context):
            birthday = partner.wo_birthday_this_year
            if birthday < today:  # January's, next year
                birthday = partner._wo_birthday_in(today.year + 1)
            return {
                "id": partner.id,
                "name": partner.name,
                "detail": partner.parent_id.name or "",
                "date": fields.Date.to_string(birthday),
            }

        return self._wo_section_of(
            "birthdays",
            self.env._("Birthdays this week"),
            partners,
            Domain.OR(parts),
            item,
            context,
        )
