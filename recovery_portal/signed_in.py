"""Who is signed in, loaded with their session in one query, with what every page asks about them.

Each request from a signed-in person reads their session and loads them; then the page asks whether they may
see drafts and whether they teach (Django's ModelBackend: two queries for their permissions), and the header
counts their unread notifications (one more). With the page's content kept (publishing.fragments), those
queries cost more than the rest of the page, and planning them more than running them. Here one SQL
statement reads the session (accounts.Session, which names the person) and loads, on the same row: the
person, the ids of the permissions they hold (their own and their groups'), and their unread notifications.
On PostgreSQL the statement is prepared once per connection kept between requests, so each request only runs it.

- SessionStore (SESSION_ENGINE names this module) is Django's database store with that read.
- AuthenticationMiddleware is Django's; it hands the person the session loaded to the backend, so Django's
  own checks (the backend the session names, the password hash, an active account) still decide.
- SignedInBackend is Django's ModelBackend; it logs people in exactly as that does, and sessions name it
  (settings.SIGNED_IN_BACKEND). Asked for someone the session did not load, it loads them in one query.

On a database without a string aggregate we know, sessions and people are loaded as Django loads them.
"""

import contextvars
import functools
import weakref

from django.contrib import auth
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangosAuthenticationMiddleware
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.models import Session
from reflections.models import Notification

# Each database's way to join a column's values into one "1,5,9" string.
JOIN_IDS = {"postgresql": "string_agg(CAST({} AS text), ',')", "sqlite": "group_concat({}, ',')"}

# Permission id -> "app_label.codename". Permissions are rows migrations create, so each process reads them
# once, and again only when someone holds one it has not seen.
_permission_names = {}

# The session whose request is finding out who is signed in (set by AuthenticationMiddleware).
_session = contextvars.ContextVar("signed_in_session", default=None)

# PostgreSQL connections on which the session statement is prepared. A connection Django opens afresh is a
# new object, so it is prepared again; one that is closed and dropped leaves the set by itself.
_prepared_on = weakref.WeakSet()
PREPARED_NAME = "recovery_portal_signed_in_session"


class SessionStore(db.SessionStore):
    """Django's database sessions, kept in accounts.Session with the person each names. Reading a session
    loads that person too (`signed_in_user`); writing, expiry and clearing are Django's own."""

    signed_in_user = None

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = data.get(SESSION_KEY)  # who the data says is signed in: set at login, none after logout
        return session

    def _get_session_from_db(self):
        if not self.session_key:  # no cookie, or one that is not a session key
            return None
        connection = connections[router.db_for_read(self.model)]
        join_ids = JOIN_IDS.get(connection.vendor)
        if join_ids is None:
            return super()._get_session_from_db()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and connection.settings_dict["CONN_MAX_AGE"] != 0:
                _prepare(connection, join_ids)  # worth it only on a connection kept for later requests
                cursor.execute(f"EXECUTE {PREPARED_NAME}(%s, %s)", [self.session_key, now])
            else:
                cursor.execute(_session_sql(join_ids, "%s", "%s"), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        session_data, *person = row
        self.signed_in_user = _user_from_row(connection, person) if person[0] is not None else None
        return self.model(session_key=self.session_key, session_data=session_data)


class AuthenticationMiddleware(DjangosAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _signed_in(request))


def _signed_in(request):
    """Django's auth.get_user, with the backend able to take the person the session loaded."""
    if not hasattr(request, "_cached_user"):
        token = _session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _session.reset(token)
    return request._cached_user


class SignedInBackend(ModelBackend):
    def get_user(self, user_id):
        user = getattr(_session.get(), "signed_in_user", None)
        if user is None or str(user.pk) != str(user_id):
            user = _load_user(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user


def _load_user(user_id):
    """The person with this id and what pages ask about them, in one query, or as Django loads them."""
    connection = connections[router.db_for_read(get_user_model())]
    join_ids = JOIN_IDS.get(connection.vendor)
    if join_ids is None:
        return ModelBackend().get_user(user_id)
    with connection.cursor() as cursor:
        cursor.execute(_user_sql(join_ids), [user_id])
        row = cursor.fetchone()
    return _user_from_row(connection, row) if row else None


def _user_from_row(connection, row):
    """A user from the columns _person_columns names: their fields, unread count and permission ids."""
    fields = get_user_model()._meta.concrete_fields
    values = list(row[: len(fields)])
    for index, column, converter in _converters(connection):
        values[index] = converter(values[index], column, connection)
    user = get_user_model().from_db(connection.alias, [field.attname for field in fields], values)
    user.unread_notification_count, permission_ids = row[len(fields) :]
    if not user.is_superuser:  # Django answers a superuser's every question without their permissions
        # The set Django's ModelBackend keeps for the request, and answers has_perm from.
        user._perm_cache = _names(permission_ids)
    return user


@functools.lru_cache(maxsize=64)  # per connection: Django keeps one per thread
def _converters(connection):
    """What the database's values need before they are the model's (SQLite's booleans and dates)."""
    converters = []
    for index, field in enumerate(get_user_model()._meta.concrete_fields):
        column = field.cached_col
        for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
            converters.append((index, column, converter))
    return converters


def _names(ids):
    ids = {int(i) for i in (ids or "").split(",") if i}
    if not ids <= _permission_names.keys():
        _permission_names.update(
            (permission.pk, f"{permission.content_type.app_label}.{permission.codename}")
            for permission in Permission.objects.select_related("content_type")
        )
    return {_permission_names[i] for i in ids if i in _permission_names}


def _prepare(connection, join_ids):
    """Prepare the session statement on this connection if it is not yet: planning it costs more than running
    it. (Named prepared statements need a connection of one's own: not PgBouncer in transaction mode.)"""
    if connection.connection in _prepared_on:
        return
    with connection.connection.cursor() as cursor:  # set-up of the connection, as Django's own time zone is
        cursor.execute(f"PREPARE {PREPARED_NAME} AS {_session_sql(join_ids, '$1', '$2')}")
    _prepared_on.add(connection.connection)


@functools.cache
def _session_sql(join_ids, session_key, now):
    q = connections[router.db_for_read(Session)].ops.quote_name
    user = get_user_model()
    person = Session._meta.get_field("user").column
    return f"""
        SELECT s.{q("session_data")}, {_person_columns(join_ids)}
        FROM {q(Session._meta.db_table)} s
        LEFT JOIN {q(user._meta.db_table)} u ON u.{q(user._meta.pk.column)} = s.{q(person)}
        WHERE s.{q("session_key")} = {session_key} AND s.{q("expire_date")} > {now}
    """  # noqa: S608 - table and column names from the models, the values parameters


@functools.cache
def _user_sql(join_ids):
    user = get_user_model()
    q = connections[router.db_for_read(user)].ops.quote_name
    return f"""
        SELECT {_person_columns(join_ids)}
        FROM {q(user._meta.db_table)} u
        WHERE u.{q(user._meta.pk.column)} = %s
    """  # noqa: S608 - table and column names from the models, the user's id a parameter


def _person_columns(join_ids):
    """The columns of user `u` that _user_from_row reads: their fields, unread count and permission ids."""
    user = get_user_model()
    user_permissions = user.user_permissions.field
    user_groups = user.groups.field
    group_permissions = Group.permissions.field
    q = connections[router.db_for_read(user)].ops.quote_name
    columns = ", ".join(f"u.{q(field.column)}" for field in user._meta.concrete_fields)
    user_id = f"u.{q(user._meta.pk.column)}"
    recipient, read_at = (q(Notification._meta.get_field(name).column) for name in ("recipient", "read_at"))
    return f"""{columns},
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
            ) granted) AS granted_permission_ids"""  # noqa: S608 - names from the models
