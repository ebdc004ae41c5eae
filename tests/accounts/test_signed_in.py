"""Who is signed in comes with their session in one query, with their permissions and unread notifications
(recovery_portal.signed_in): with the answers, the logging in and out, and the expiry Django's own backends
give, and Django's own checks of the session deciding."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DjangosSessionStore
from django.contrib.sessions.models import Session as DjangosSession
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Session
from recovery_portal.signed_in import SignedInBackend
from reflections.models import Notification, NotificationKind
from tests.factories import make_user

SIGNED_IN_AS = "Signed in as <strong>{}</strong>"

pytestmark = pytest.mark.django_db


def signed_in(user):
    """The user as a request from them loads them."""
    return SignedInBackend().get_user(user.pk)


def notify(user, *, read=False):
    return Notification.objects.create(
        recipient=user,
        kind=NotificationKind.ASSIGNED,
        message="An exercise is assigned to you.",
        read_at=timezone.now() if read else None,
    )


def test_a_curator_may_change_content_through_their_group_and_a_practitioner_may_not(practitioner, curator):
    assert signed_in(curator).has_perm("research.change_publication")
    assert signed_in(curator).has_perm("themes.change_theme")
    assert not signed_in(practitioner).has_perm("research.change_publication")
    assert not signed_in(practitioner).has_perm("reflections.change_exercise")


def test_a_permission_given_to_the_user_alone_counts(practitioner):
    practitioner.user_permissions.add(Permission.objects.get(codename="change_exercise"))

    assert signed_in(practitioner).has_perm("reflections.change_exercise")
    assert not signed_in(practitioner).has_perm("research.change_publication")


@pytest.mark.parametrize("role", ["Curators", "Trainers", "Practitioners"])
def test_every_role_has_the_permissions_djangos_backend_gives(role):
    user = make_user(f"someone-{role.lower()}", role=role)
    user.user_permissions.add(Permission.objects.get(codename="view_contributor"))
    djangos = ModelBackend().get_all_permissions(get_user_model().objects.get(pk=user.pk))

    assert signed_in(user).get_all_permissions() == djangos
    assert djangos  # the comparison means something


def test_a_permission_made_after_the_names_were_read_is_known(practitioner, curator):
    signed_in(curator).has_perm("research.change_publication")  # the process reads the names it knows
    new = Permission.objects.create(
        codename="review_everything",
        name="Can review everything",
        content_type=ContentType.objects.get_for_model(Session),
    )
    practitioner.user_permissions.add(new)

    assert signed_in(practitioner).has_perm("accounts.review_everything")


def test_an_inactive_person_is_not_signed_in_and_a_superuser_may_do_everything(curator):
    curator.is_active = False
    curator.save()
    boss = get_user_model().objects.create_superuser("boss", password="pw")

    assert signed_in(curator) is None
    assert signed_in(boss).has_perm("research.change_publication")
    assert signed_in(boss).has_perm("reflections.teach")
    assert SignedInBackend().get_user(999_999) is None


def test_the_user_their_permissions_and_their_unread_count_cost_one_query(curator, django_assert_num_queries):
    notify(curator)
    notify(curator)
    notify(curator, read=True)
    signed_in(curator)  # the process reads the permissions' names once

    with django_assert_num_queries(1):
        user = signed_in(curator)
        assert user.has_perm("research.change_publication")
        assert not user.has_perm("reflections.change_reflection")
        assert user.unread_notification_count == 2


def test_the_header_counts_unread_notifications_with_the_user(client, practitioner):
    for _ in range(3):
        notify(practitioner)
    notify(practitioner, read=True)
    client.force_login(practitioner)

    html = client.get("/").content.decode()

    assert 'aria-label="Notifications, 3 unread"' in html
    assert "Notifications (3)" in html


def test_logging_in_with_the_form_names_this_backend_and_logging_out_ends_it(client, practitioner):
    response = client.post("/accounts/login/", {"username": "pat", "password": "pw"})

    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == settings.SIGNED_IN_BACKEND
    assert "Signed in as" in client.get("/").content.decode()

    client.post("/accounts/logout/")

    assert "Signed in as" not in client.get("/").content.decode()
    assert not Session.objects.exists()


def test_an_expired_session_signs_nobody_in(client, practitioner):
    client.force_login(practitioner)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    html = client.get("/").content.decode()

    assert "Signed in as" not in html
    assert "Log in" in html


def test_a_made_up_session_key_signs_nobody_in(client, practitioner):
    client.force_login(practitioner)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    assert "Signed in as" not in client.get("/").content.decode()


def test_a_page_reads_the_session_with_the_person_it_names_in_one_query(client, practitioner):
    client.force_login(practitioner)
    notify(practitioner)

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/accounts/password_change/")  # a page of Django's own, with no query of its own

    assert SIGNED_IN_AS.format("pat") in response.content.decode()
    assert 'aria-label="Notifications, 1 unread"' in response.content.decode()
    assert len(captured) == 1


@pytest.mark.parametrize("kept_for", [60, 0])
def test_the_statement_is_prepared_only_on_postgresql_connections_kept_for_later(
    client, practitioner, monkeypatch, kept_for
):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", kept_for)
    client.force_login(practitioner)

    with CaptureQueriesContext(connection) as captured:
        html = client.get("/accounts/password_change/").content.decode()

    assert SIGNED_IN_AS.format("pat") in html
    prepared = [query for query in captured if query["sql"].startswith("EXECUTE")]
    assert len(prepared) == (1 if connection.vendor == "postgresql" and kept_for else 0)


def test_the_session_names_its_person_from_logging_in_to_logging_out(client, practitioner):
    client.post("/accounts/login/", {"username": "pat", "password": "pw"})

    assert Session.objects.get().user == practitioner

    client.post("/accounts/logout/")

    assert not Session.objects.exists()


def test_deleting_an_account_ends_its_sessions_everywhere(client, practitioner, curator):
    client.force_login(practitioner)
    elsewhere = type(client)()
    elsewhere.force_login(curator)

    practitioner.delete()

    assert SIGNED_IN_AS.format("pat") not in client.get("/").content.decode()
    assert list(Session.objects.values_list("user__username", flat=True)) == ["cora"]


def test_a_changed_password_signs_out_the_other_sessions(client, practitioner):
    client.force_login(practitioner)
    practitioner.set_password("a-new-password-for-pat")
    practitioner.save()

    html = client.get("/").content.decode()

    assert SIGNED_IN_AS.format("pat") not in html
    assert "Log in" in html


def test_changing_my_password_keeps_me_signed_in_here_with_the_session_naming_me(client, practitioner):
    client.force_login(practitioner)
    before = client.session.session_key

    response = client.post(
        "/accounts/password_change/",
        {"old_password": "pw", "new_password1": "a-new-password-for-pat", "new_password2": "a-new-password-for-pat"},
        follow=True,
    )

    assert SIGNED_IN_AS.format("pat") in response.content.decode()
    assert Session.objects.get().user == practitioner
    assert Session.objects.get().session_key != before  # Django gives the session a new key


def test_an_inactive_persons_session_signs_nobody_in(client, practitioner):
    client.force_login(practitioner)
    practitioner.is_active = False
    practitioner.save()

    assert SIGNED_IN_AS.format("pat") not in client.get("/").content.decode()


def test_the_person_the_session_data_names_is_signed_in_whatever_its_column_says(client, practitioner, curator):
    client.force_login(practitioner)
    Session.objects.update(user=curator)

    html = client.get("/").content.decode()

    assert SIGNED_IN_AS.format("pat") in html
    assert SIGNED_IN_AS.format("cora") not in html


@pytest.mark.django_db(transaction=True)  # closing the connection ends a test's transaction
def test_a_session_still_signs_its_person_in_on_a_new_database_connection(client, role_groups):
    practitioner = make_user("pat", role="Practitioners")
    client.force_login(practitioner)
    client.get("/")
    connection.close()  # as when CONN_MAX_AGE runs out: on PostgreSQL, the statement is prepared again

    assert SIGNED_IN_AS.format("pat") in client.get("/").content.decode()


def test_sessions_from_before_the_person_column_move_across_and_stay_signed_in(client, practitioner):
    """accounts/migrations/0003_session moves the live sessions of Django's own table, naming their person."""
    old = DjangosSessionStore()
    old.update({SESSION_KEY: str(practitioner.pk), BACKEND_SESSION_KEY: settings.SIGNED_IN_BACKEND})
    old[HASH_SESSION_KEY] = practitioner.get_session_auth_hash()
    old.create()
    expired = DjangosSessionStore()
    expired.update({SESSION_KEY: str(practitioner.pk)})
    expired.set_expiry(-60)
    expired.create()
    migration = importlib.import_module("accounts.migrations.0003_session")

    migration.move_sessions(django_apps, schema_editor=None)

    assert list(Session.objects.values_list("session_key", "user")) == [(old.session_key, practitioner.pk)]
    assert not DjangosSession.objects.exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert SIGNED_IN_AS.format("pat") in client.get("/").content.decode()


def test_clearsessions_drops_the_expired_sessions_and_keeps_the_live(client, practitioner, curator):
    client.force_login(practitioner)
    elsewhere = type(client)()
    elsewhere.force_login(curator)
    Session.objects.filter(user=curator).update(expire_date=timezone.now() - timedelta(seconds=1))

    call_command("clearsessions")

    assert list(Session.objects.values_list("user__username", flat=True)) == ["pat"]
