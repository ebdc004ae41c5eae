"""Who is signed in, loaded in one query with what every page asks about them.

Each request from a signed-in person loads them; then the page asks whether they may see drafts and whether
they teach (Django's ModelBackend: two queries for their permissions), and the header counts their unread
notifications (one more). With the page's content kept (publishing.fragments), building those queries cost
more than the rest of the page. This backend loads all three in one plain SQL statement: the user's row,
the ids of the permissions they hold (their own and their groups'), and their unread notifications.

It logs people in exactly as Django's ModelBackend does, and sessions name it (settings.SIGNED_IN_BACKEND).
On a database without a string aggregate we know, it loads people as Django does.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection

from reflections.models import Notification

# Each database's way to join a column's values into one "1,5,9" string.
JOIN_IDS = {"postgresql": "string_agg(CAST({} AS text), ',')", "sqlite": "group_concat({}, ',')"}

# Permission id -> "app_label.codename". Permissions are rows migrations create, so each process reads them
# once, and again only when someone holds one it has not seen.
_permission_names = {}


class SignedInBackend(ModelBackend):
    def get_user(self, user_id):
        join_ids = JOIN_IDS.get(connection.vendor)
        if join_ids is None:
            return super().get_user(user_id)
        user = next(iter(get_user_model()._default_manager.raw(_sql(join_ids), [user_id])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:  # Django answers a superuser's every question without their permissions
            # The set Django's ModelBackend keeps for the request, and answers has_perm from.
            user._perm_cache = _names(user.granted_permission_ids)
        return user


def _names(ids):
    ids = {int(i) for i in (ids or "").split(",") if i}
    if not ids <= _permission_names.keys():
        _permission_names.update(
            (permission.pk, f"{permission.content_type.app_label}.{permission.codename}")
            for permission in Permission.objects.select_related("content_type")
        )
    return {_permission_names[i] for i in ids if i in _permission_names}


@functools.cache
def _sql(join_ids):
    user = get_user_model()
    user_permissions = user.user_permissions.field
    user_groups = user.groups.field
    group_permissions = Group.permissions.field
    q = connection.ops.quote_name
    columns = ", ".join(f"u.{q(field.column)}" for field in user._meta.concrete_fields)
    user_id = f"u.{q(user._meta.pk.column)}"
    recipient, read_at = (q(Notification._meta.get_field(name).column) for name in ("recipient", "read_at"))
    return f"""
        SELECT {columns},
            (SELECT COUNT(*) FROM {q(Notification._meta.db_table)} n
                WHERE n.{recipient} = {user_id} AND n.{read_at} IS NULL) AS unread_notification_count,
            (SELECT {join_ids.format("granted.id")} FROM (
                SELECT up.{q(user_permissions.m2m_reverse_name())} AS id FROM {q(user_permissions.m2m_db_table())} up
                WHERE up.{q(user_permissions.m2m_column_name())} = {user_id}
                UNION ALL  -- one held both ways is listed twice: _names makes a set
                SELECT gp.{q(group_permissions.m2m_reverse_name())} FROM {q(group_permissions.m2m_db_table())} gp
                JOIN {q(user_groups.m2m_db_table())} ug
                    ON ug.{q(user_groups.m2m_reverse_name())} = gp.{q(group_permissions.m2m_column_name())}
                WHERE ug.{q(user_groups.m2m_column_name())} = {user_id}
            ) granted) AS granted_permission_ids
        FROM {q(user._meta.db_table)} u
        WHERE {user_id} = %s
    """  # noqa: S608 - table and column names from the models, the user's id a parameter
