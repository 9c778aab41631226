from odoo import api, models
from odoo.exceptions import AccessError


class WoRoleMixin(models.AbstractModel):
    """Which role may write which fields, enforced in ``write()``.

    A model lists, per role, the fields that role may change::

        _wo_role_fields = {
            "initiator": {"name", "description"},
            "controller": {"date_deadline"},
        }
        _wo_role_user_fields = {"initiator": "initiator_id", "controller": "user_id"}

    A field named under any role is *guarded*: only a user holding one of the
    roles that list it may write it (directly, or acting for the holder as a
    deputy or a substitute). Fields named under no role are left to the access
    rights and record rules. Superuser mode and the groups of
    ``_wo_role_bypass_groups`` are not checked. A model whose roles are not
    plain user fields overrides ``_wo_roles_of()``.
    """

    _name = "wo.role.mixin"
    _description = "WO Role-Based Write Guard"

    _wo_role_fields = {}
    _wo_role_user_fields = {}
    _wo_role_bypass_groups = ("wo_staff.group_wo_director",)

    @api.model
    def _wo_guarded_fields(self):
        return set().union(*self._wo_role_fields.values()) if self._wo_role_fields else set()

    def _wo_roles_of(self, user_ids):
        """Roles held on each record of ``self`` by any of ``user_ids``.

        :param user_ids: set of user ids (a user and those they act for)
        :return: dict record id -> set of role names
        """
        roles = {}
        for record in self:
            held = roles.setdefault(record.id, set())
            for role, fname in self._wo_role_user_fields.items():
                if set(record[fname].ids) & user_ids:
                    held.add(role)
        return roles

    def _wo_allowed_fields(self, roles):
        """Fields the holder of ``roles`` may write on ``self`` (one record).
        Override to make it depend on the record's state."""
        return set().union(*(self._wo_role_fields.get(role, ()) for role in roles))

    def _wo_check_role_write(self, vals):
        guarded = self._wo_guarded_fields() & set(vals)
        if not guarded or self.env.su:
            return
        user = self.env.user
        if any(user.has_group(group) for group in self._wo_role_bypass_groups):
            return
        acting_for = set(user._wo_acting_for_user_ids())
        for record_id, roles in self._wo_roles_of(acting_for).items():
            allowed = self.browse(record_id)._wo_allowed_fields(roles)
            refused = guarded - allowed
            if refused:
                record = self.browse(record_id)
                labels = ", ".join(
                    sorted(
                        self._fields[fname].get_description(self.env)["string"] for fname in refused
                    )
                )
                raise AccessError(
                    self.env._(
                        "You may not change %(fields)s of %(record)s: your role on it "
                        "does not allow it.",
                        fields=labels,
                        record=record.display_name,
                    )
                )

    def write(self, vals):
        self._wo_check_role_write(vals)
        return super().write(vals)
