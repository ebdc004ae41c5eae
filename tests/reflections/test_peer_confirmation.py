"""A peer confirms a CPD reflection by a signed link: valid 30 days, once, showing only the CPD summary."""

import re
import time
from datetime import date
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from reflections import peer
from reflections.models import Notification, NotificationKind, PeerConfirmation
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db

ANSWER = "She told me about the voices at night."
LEARNING = "Listening before planning changed the visit."
PEER_TEXT = "My supervisor helped me see the power imbalance."


@pytest.fixture
def record(practitioner, gibbs):
    practitioner.first_name, practitioner.last_name, practitioner.email = "Pat", "Lee", "pat@example.org"
    practitioner.save()
    return make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        answers={1: ANSWER},
        is_cpd=True,
        cpd_type="Supervision",
        cpd_title="Hope in a home visit",
        cpd_date=date(2026, 3, 14),
        cpd_description="A visit I reflected on with my supervisor.",
        cpd_learning=LEARNING,
        peer_reflection=PEER_TEXT,
        peer_role="Supervisor",
    )


@pytest.fixture
def ask(author_client, django_capture_on_commit_callbacks):
    def ask_for(reflection, address="sam.peer@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            return author_client.post(
                reverse("reflections:peer_request", args=[reflection.public_id]), {"email": address}
            )

    return ask_for


def link_in(mail):
    return re.search(r"http://127\.0\.0\.1:8000(/reflections/peer/[^/\s]+/)", mail.body).group(1)


def test_the_author_asks_and_the_peer_gets_a_link_by_email(ask, record, mailoutbox):
    response = ask(record)

    assert response.status_code == 302
    assert PeerConfirmation.objects.get().email == "sam.peer@example.org"
    [mail] = mailoutbox
    assert mail.to == ["sam.peer@example.org"]
    assert "Pat Lee asks you to confirm" in mail.subject
    assert link_in(mail)
    for text in (ANSWER, LEARNING, PEER_TEXT, "Hope in a home visit", "A visit I reflected"):
        assert text not in mail.body and text not in mail.subject


def test_the_peer_sees_only_the_cpd_summary_with_no_account(ask, record, client, mailoutbox):
    ask(record)

    response = client.get(link_in(mailoutbox[0]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html
    for shown in (
        "Supervision",
        "Hope in a home visit",
        "14 March 2026",
        "A visit I reflected on with my supervisor.",
    ):
        assert shown in html
    for hidden in (ANSWER, LEARNING, PEER_TEXT, "Supervisor<", "A home visit"):
        assert hidden not in html
    assert "Yes, we discussed this" in html


def test_a_peer_is_never_told_the_authors_username(ask, record, mailoutbox, django_capture_on_commit_callbacks):
    author = record.author
    author.username, author.first_name, author.last_name = "plee_4471", "", ""
    author.save()
    ask(record)
    [mail] = mailoutbox
    link = link_in(mail)
    peer_client = Client()  # `client` is the author's, logged in

    page = peer_client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = peer_client.post(link).content.decode()

    assert "A colleague asks you to confirm a CPD discussion" in mail.subject
    assert "A colleague uses Recovery Portal" in mail.body
    assert "A colleague keeps a record of continuing professional development" in page
    assert "You have confirmed that you discussed this with a colleague;" in confirmed
    for text in (mail.subject, mail.body, page, confirmed):
        assert "plee_4471" not in text


def test_confirming_marks_the_record_and_tells_the_author(
    ask, record, client, mailoutbox, django_capture_on_commit_callbacks, author_client
):
    ask(record)
    link = link_in(mailoutbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert "You have confirmed that you discussed this with Pat Lee" in response.content.decode()
    confirmation = PeerConfirmation.objects.get()
    assert confirmation.confirmed_at is not None
    [notification] = Notification.objects.filter(recipient=record.author, kind=NotificationKind.PEER_CONFIRMED)
    assert notification.link == record.get_absolute_url()
    assert mailoutbox[-1].to == ["pat@example.org"]
    for text in (ANSWER, LEARNING, PEER_TEXT, "Hope in a home visit"):
        assert text not in notification.message and text not in mailoutbox[-1].body

    day = formats.date_format(timezone.localdate(confirmation.confirmed_at), "j F Y")
    assert f"Confirmed by a peer on {day}" in author_client.get(record.get_absolute_url()).content.decode()
    assert (
        f"Confirmed by a peer on {day}"
        in author_client.get(reverse("reflections:cpd_record") + "?year=2026").content.decode()
    )
    printed = author_client.get(reverse("reflections:cpd_record") + "?year=2026&print=1").content.decode()
    assert f"Confirmed by a peer on {day}" in printed
    csv_text = author_client.get(reverse("reflections:cpd_csv")).content.decode()
    assert "Confirmed by a peer on" in csv_text.splitlines()[0]
    assert csv_text.splitlines()[1].rsplit(",", 1)[1] == timezone.localdate(confirmation.confirmed_at).isoformat()


def test_a_link_used_twice_confirms_once_and_says_so(
    ask, record, client, mailoutbox, django_capture_on_commit_callbacks
):
    ask(record)
    link = link_in(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
        second = client.post(link)

    assert "already confirmed on" in second.content.decode()
    assert "Yes, we discussed this" not in second.content.decode()
    assert Notification.objects.filter(kind=NotificationKind.PEER_CONFIRMED).count() == 1
    assert "already confirmed on" in client.get(link).content.decode()


def test_a_link_older_than_30_days_has_expired(record, client):
    confirmation = PeerConfirmation.objects.create(reflection=record, email="sam@example.org")
    made = time.time() - 31 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=made):
        old = peer.make_token(confirmation)
    with mock.patch("django.core.signing.time.time", return_value=made + 29 * 24 * 60 * 60):
        assert client.get(reverse("reflections:peer_confirm", args=[old])).status_code == 200

    for response in (
        client.get(reverse("reflections:peer_confirm", args=[old])),
        client.post(reverse("reflections:peer_confirm", args=[old])),
    ):
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        assert "Hope in a home visit" not in response.content.decode()
    confirmation.refresh_from_db()
    assert confirmation.confirmed_at is None


def test_a_tampered_link_does_not_work(record, client):
    confirmation = PeerConfirmation.objects.create(reflection=record, email="sam@example.org")
    other = PeerConfirmation.objects.create(reflection=record, email="kim@example.org")
    token = peer.make_token(confirmation)
    forged = signing.dumps(other.pk, salt="something else")
    swapped = token.replace(token.split(":")[0], signing.dumps(other.pk, salt=peer.SALT).split(":")[0])

    for bad in (token[:-2] + "xx", forged, swapped, "nonsense"):
        response = client.post(reverse("reflections:peer_confirm", args=[bad]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert "Hope in a home visit" not in response.content.decode()
    assert not PeerConfirmation.objects.filter(confirmed_at__isnull=False).exists()


def test_a_link_for_a_deleted_reflection_does_not_work(record, client):
    token = peer.make_token(PeerConfirmation.objects.create(reflection=record, email="sam@example.org"))
    record.delete()
    assert client.get(reverse("reflections:peer_confirm", args=[token])).status_code == 404


def test_only_the_author_may_ask(record, client, django_capture_on_commit_callbacks, mailoutbox):
    from tests.factories import make_user

    client.force_login(make_user("sam", role="Practitioners"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reflections:peer_request", args=[record.public_id]), {"email": "x@example.org"}
        )
    assert response.status_code == 404
    assert not PeerConfirmation.objects.exists() and mailoutbox == []


def test_asking_needs_a_cpd_record_with_a_peer_reflection_and_a_real_address(
    ask, record, practitioner, gibbs, author_client, mailoutbox
):
    plain = make_reflection(author=practitioner, reflective_model=gibbs, is_cpd=True, cpd_title="No peer")
    ask(plain)
    ask(record, address="not an address")
    assert not PeerConfirmation.objects.exists() and mailoutbox == []
    assert "Not sent" in author_client.get(record.get_absolute_url()).content.decode()


def test_asking_is_limited_to_three_a_day(ask, record, mailoutbox):
    for number in range(4):
        ask(record, address=f"peer{number}@example.org")
    assert PeerConfirmation.objects.count() == 3 and len(mailoutbox) == 3


def test_the_reflection_page_offers_the_form_and_shows_waiting_requests(ask, record, author_client):
    html = author_client.get(record.get_absolute_url()).content.decode()
    assert f'action="{reverse("reflections:peer_request", args=[record.public_id])}"' in html
    ask(record)
    html = author_client.get(record.get_absolute_url()).content.decode()
    assert "Waiting for a peer to confirm: you asked sam.peer@example.org" in html


def test_the_peer_page_is_never_kept_by_the_public_page_cache(ask, record, client, mailoutbox, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    ask(record)
    link = link_in(mailoutbox[0])
    client.get(link)
    client.post(link)
    assert "already confirmed on" in client.get(link).content.decode()
