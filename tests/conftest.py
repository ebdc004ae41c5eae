import pytest

from recovery_portal.content import (
    EXERCISES_FILE,
    REFLECTIVE_MODELS_FILE,
    load_content,
    load_exercises,
    load_reflective_models,
    read_content,
)
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_pages(settings):
    """Tests see each page as rendered now; tests/site/test_page_cache.py turns the cache on."""
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks (emails, reminders) run in the test itself, as in `make run`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete():
    """Transactional tests (every browser test) end with a flush, which on PostgreSQL is one TRUNCATE of every
    table: it gives each of the ~60 tables new files, about 0.45 s a test on this machine, where deleting the
    few hundred rows a test leaves takes 10 ms. The foreign keys are all deferred, so the order does not matter.
    """
    from django.db import connection

    if connection.vendor != "postgresql":  # SQLite's flush already deletes
        yield
        return
    operations = type(connection.ops)
    truncate = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "sql_flush", sql_flush)
        yield


@pytest.fixture
def shipped_content(db):
    """The real shipped content, loaded as `make run` loads it."""
    load_content(read_content())
    load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))
    load_exercises(read_content(EXERCISES_FILE))


@pytest.fixture
def role_groups(transactional_db):
    """The role groups and their permissions, for transactional tests.

    A transactional test (every live_server test, for one) ends with a flush that also empties
    what data migrations made, and serialized rollback cannot bring it back when the test runs on
    another connection object (Playwright's sync API does). Such tests recreate the groups instead.
    """
    from django.apps import apps

    from accounts.roles import grant_all_role_permissions

    grant_all_role_permissions(apps)


@pytest.fixture
def curator(db):
    return make_user("cora", role="Curators", is_staff=True)


@pytest.fixture
def practitioner(db):
    return make_user("pat", role="Practitioners")


@pytest.fixture
def trainer(db):
    return make_user("tess", role="Trainers", email="tess@example.org")
