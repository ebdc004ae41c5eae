"""Django's database sessions, read with one plain SQL statement.

Every request from a signed-in person reads their session, and building the ORM's query for it costs
more than running it. Writing, expiry and clearing are Django's own (SESSION_ENGINE names this module).
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if not self.session_key:  # no cookie, or one that is not a session key
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {q('session_data')} FROM {q(model._meta.db_table)} "  # noqa: S608 - names from the model
                f"WHERE {q('session_key')} = %s AND {q('expire_date')} > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
