"""/notifications/: my notifications, marking them read, my email choices, and the count in the header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reflections.models import EmailOptOut, Notification, NotificationKind
from reflections.notifications import notify
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:notification_list")
SETTINGS = reverse("notifications:email_settings")


def add(recipient, number, *, read=False, link="/reflections/"):
    return Notification.objects.create(
        recipient=recipient,
        kind=NotificationKind.ASSIGNED,
        message=f"Notice number {number}",
        link=link,
        read_at=timezone.now() if read else None,
    )


@pytest.fixture
def someone_else(db):
    return make_user("sam", role="Practitioners")


@pytest.fixture
def logged_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (LIST, SETTINGS):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_my_notifications_newest_first_unread_marked_and_private(logged_in, practitioner, someone_else):
    add(practitioner, 1, read=True)
    add(practitioner, 2)
    add(someone_else, 3)

    response = logged_in.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.index("Notice number 2") < html.index("Notice number 1")
    assert "Notice number 3" not in html
    assert html.count('class="badge notification-new"') == 1
    assert "1 unread." in html


def test_the_list_is_paginated(logged_in, practitioner):
    for number in range(25):
        add(practitioner, number)

    first = logged_in.get(LIST).content.decode()
    second = logged_in.get(LIST + "?page=2").content.decode()

    assert first.count('class="notification-message"') == 20
    assert second.count('class="notification-message"') == 5
    assert "Page 2 of 2" in second


def test_mark_one_as_read_without_javascript(logged_in, practitioner):
    notification = add(practitioner, 1)
    other = add(practitioner, 2)

    response = logged_in.post(reverse("notifications:notification_read", args=[notification.pk]))

    assert response.status_code == 302 and response["Location"] == LIST
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None and other.read_at is None


def test_mark_all_as_read_keeps_the_page(logged_in, practitioner, someone_else):
    for number in range(3):
        add(practitioner, number)
    theirs = add(someone_else, 9)

    response = logged_in.post(reverse("notifications:notification_read_all"), {"page": "2"})

    assert response["Location"] == LIST + "?page=2"
    assert not Notification.objects.filter(recipient=practitioner, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(logged_in, practitioner):
    notification = add(practitioner, 1)
    assert logged_in.get(reverse("notifications:notification_read", args=[notification.pk])).status_code == 405
    assert logged_in.get(reverse("notifications:notification_read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(logged_in, practitioner):
    notification = add(practitioner, 1, link="/reflections/cpd/")

    response = logged_in.get(reverse("notifications:notification_open", args=[notification.pk]))

    assert response.status_code == 302 and response["Location"] == "/reflections/cpd/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_off_the_site_is_never_followed(logged_in, practitioner):
    notification = add(practitioner, 1, link="https://evil.example/")
    response = logged_in.get(reverse("notifications:notification_open", args=[notification.pk]))
    assert response["Location"] == LIST


def test_someone_elses_notification_is_404_and_stays_unread(logged_in, someone_else):
    theirs = add(someone_else, 1)
    for name, method in (
        ("notifications:notification_open", "get"),
        ("notifications:notification_read", "post"),
    ):
        response = getattr(logged_in, method)(reverse(name, args=[theirs.pk]))
        assert response.status_code == 404
    assert logged_in.get(reverse("notifications:notification_open", args=[theirs.pk + 1000])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_choices_show_a_practitioner_their_kinds(logged_in):
    html = logged_in.get(SETTINGS).content.decode()
    for kind in (
        NotificationKind.ASSIGNED,
        NotificationKind.REMINDER,
        NotificationKind.FEEDBACK,
        NotificationKind.REOPENED,
        NotificationKind.PEER_CONFIRMED,
    ):
        assert f'value="{kind.value}" id="email-{kind.value}" checked' in html
    assert NotificationKind.SUBMISSIONS.value not in html


def test_a_trainer_can_also_choose_the_submissions_digest(client):
    client.force_login(make_user("tina", role="Trainers", email="tina@example.org"))
    html = client.get(SETTINGS).content.decode()
    assert f'value="{NotificationKind.SUBMISSIONS.value}"' in html
    assert "Submissions arrive in a cohort I run" in html


def test_saving_email_choices_keeps_the_unticked_kinds_as_opt_outs(logged_in, practitioner):
    response = logged_in.post(SETTINGS, {"email": ["assigned", "feedback", "peer_confirmed"]})

    assert response.status_code == 302
    assert set(EmailOptOut.objects.filter(user=practitioner).values_list("kind", flat=True)) == {
        "reminder",
        "reopened",
    }
    html = logged_in.get(SETTINGS).content.decode()
    assert 'value="reminder" id="email-reminder">' in html
    assert "Your email choices are saved." in html

    logged_in.post(SETTINGS, {"email": ["assigned", "reminder", "feedback", "reopened", "peer_confirmed"]})
    assert not EmailOptOut.objects.filter(user=practitioner).exists()


def test_a_practitioner_cannot_opt_out_of_a_kind_they_never_get(logged_in, practitioner):
    logged_in.post(SETTINGS, {"email": ["assigned", "reminder", "feedback", "reopened", "peer_confirmed"]})
    assert not EmailOptOut.objects.filter(user=practitioner, kind="submissions").exists()


def test_the_emails_footer_links_to_the_email_choices(practitioner, mailoutbox, django_capture_on_commit_callbacks):
    practitioner.email = "pat@example.org"
    practitioner.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=practitioner, kind=NotificationKind.ASSIGNED, message="Something new", link="/reflections/")
    assert len(mailoutbox) == 1
    assert "http://127.0.0.1:8000/notifications/settings/" in mailoutbox[0].body


def test_the_header_shows_the_unread_count_with_an_accessible_name(logged_in, practitioner):
    add(practitioner, 1)
    add(practitioner, 2)
    add(practitioner, 3, read=True)

    html = logged_in.get(reverse("reflections:reflection_list")).content.decode()

    assert 'aria-label="Notifications, 2 unread"' in html
    assert ">Notifications (2)</a>" in html


def test_the_header_shows_no_count_with_nothing_unread(logged_in, practitioner):
    add(practitioner, 1, read=True)
    html = logged_in.get(reverse("reflections:reflection_list")).content.decode()
    assert ">Notifications</a>" in html
    assert "unread" not in html


def test_anonymous_visitors_get_no_notifications_link_and_no_query_for_it(client):
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("about")).content.decode()
    assert "Notifications" not in html
    assert not [query for query in captured if "reflections_notification" in query["sql"]]


def test_the_header_count_costs_the_same_queries_however_many_notifications(logged_in, practitioner):
    def counted():
        with CaptureQueriesContext(connection) as captured:
            html = logged_in.get(reverse("about")).content.decode()
        return len(captured), html

    add(practitioner, 0)
    few, before = counted()
    for number in range(50):
        add(practitioner, number)
    many, after = counted()

    assert few == many  # counted with the session's own query (recovery_portal.signed_in)
    assert 'aria-label="Notifications, 1 unread"' in before
    assert 'aria-label="Notifications, 51 unread"' in after


def test_the_list_costs_the_same_queries_with_2_or_60_notifications(logged_in, practitioner):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert logged_in.get(LIST).status_code == 200
        return len(captured)

    add(practitioner, 1)
    add(practitioner, 2, read=True)
    few = queries()
    for number in range(58):
        add(practitioner, number, read=number % 2 == 0)
    assert queries() == few
    assert few <= 6
