"""Who is signed in comes in one query with their permissions and unread notifications
(recovery_portal.signed_in), and their session in one plain query (accounts.sessions): with the answers,
the logging in and out, and the expiry Django's own backends give."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone

from recovery_portal.signed_in import SignedInBackend
from reflections.models import Notification, NotificationKind
from tests.factories import make_user

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

    assert signed_in(practitioner).has_perm("sessions.review_everything")


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
