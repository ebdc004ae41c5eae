"""A reader's permissions in one query instead of Django's two (their own, their groups').

Every page that shows publishable content asks whether the reader may see drafts (publishing.models
visible_to), so a logged-in reader's page costs their permissions on each request. This backend, listed
before Django's ModelBackend, loads them in one plain SQL query into the cache Django's ModelBackend reads
(`_perm_cache` on the user, for the request), which then answers from it. It logs nobody in: sessions still
name Django's backend, so nobody is logged out by it. Superusers get Django's own answer.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


class PermissionsInOneQuery:
    """Not a ModelBackend: without get_user it is never the backend a session names (nor force_login's)."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return ModelBackend().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = {f"{label}.{codename}" for label, codename in _permissions_of(user_obj.pk)}
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)


def _permissions_of(user_id):
    user_permissions = get_user_model().user_permissions.field
    user_groups = get_user_model().groups.field
    group_permissions = Group.permissions.field
    q = connection.ops.quote_name
    sql = f"""
        SELECT ct.{q("app_label")}, p.{q("codename")}
        FROM {q(Permission._meta.db_table)} p
        JOIN {q(ContentType._meta.db_table)} ct ON ct.{q("id")} = p.{q("content_type_id")}
        WHERE p.{q("id")} IN (
            SELECT up.{q(user_permissions.m2m_reverse_name())} FROM {q(user_permissions.m2m_db_table())} up
            WHERE up.{q(user_permissions.m2m_column_name())} = %s
            UNION
            SELECT gp.{q(group_permissions.m2m_reverse_name())} FROM {q(group_permissions.m2m_db_table())} gp
            JOIN {q(user_groups.m2m_db_table())} ug
                ON ug.{q(user_groups.m2m_reverse_name())} = gp.{q(group_permissions.m2m_column_name())}
            WHERE ug.{q(user_groups.m2m_column_name())} = %s
        )
    """  # noqa: S608 - table and column names from the models, the user's id a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, user_id])
        return cursor.fetchall()
