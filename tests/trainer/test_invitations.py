"""Invitations: an unknown email gets a link that makes a Practitioner account once, within 14 days."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reflections.models import Invitation
from tests.factories import make_cohort, make_user

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "username": "newbie",
    "first_name": "Nia",
    "last_name": "Newton",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def invite(client, trainer, cohort, email, capture):
    client.force_login(trainer)
    with capture(execute=True):
        response = client.post(reverse("trainer:cohort_member_add", args=[cohort.pk]), {"member-person": email})
    client.logout()
    return response


def link_in(message):
    return re.search(r"http://\S+/reflections/join/\S+/", message.body).group(0)


@pytest.fixture
def invited(client, trainer, mailoutbox, django_capture_on_commit_callbacks):
    cohort = make_cohort(trainers=[trainer], name="Tuesday group")
    response = invite(client, trainer, cohort, "nia@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    return cohort, Invitation.objects.get()


def test_an_unknown_email_gets_an_invitation_by_email_valid_for_14_days(invited, mailoutbox):
    cohort, invitation = invited
    assert invitation.email == "nia@example.org" and invitation.cohort == cohort
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    [message] = mailoutbox
    assert message.to == ["nia@example.org"]
    assert "Tuesday group" in message.subject
    assert link_in(message).endswith(reverse("reflections:invitation_accept", args=[invitation.token]))
    assert cohort.members.count() == 0


def test_the_members_page_lists_the_invitation_waiting(client, trainer, invited):
    cohort, _ = invited
    client.force_login(trainer)
    page = client.get(reverse("trainer:cohort_members", args=[cohort.pk])).content.decode()
    assert "Invited, not yet joined" in page and "nia@example.org" in page


def test_inviting_the_same_email_again_sends_the_same_link_again(
    client, trainer, invited, mailoutbox, django_capture_on_commit_callbacks
):
    cohort, invitation = invited
    invite(client, trainer, cohort, "NIA@example.org", django_capture_on_commit_callbacks)
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 2 and link_in(mailoutbox[0]) == link_in(mailoutbox[1])


def test_the_link_makes_a_practitioner_account_adds_it_and_logs_it_in(client, invited):
    cohort, invitation = invited
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200 and "nia@example.org" in page.content.decode()

    response = client.post(url, NEW_ACCOUNT, follow=True)

    user = get_user_model().objects.get(username="newbie")
    assert user.email == "nia@example.org" and user.get_full_name() == "Nia Newton"
    assert list(user.groups.values_list("name", flat=True)) == ["Practitioners"]
    assert list(cohort.members.all()) == [user]
    assert response.redirect_chain[-1][0] == reverse("reflections:reflection_list")
    assert response.context["user"] == user
    assert "You are now a member of Tuesday group" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_by == user and invitation.used_at is not None


def test_a_link_used_once_cannot_be_used_again(client, invited):
    _, invitation = invited
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    client.post(url, NEW_ACCOUNT)
    client.logout()

    for response in (client.get(url), client.post(url, {**NEW_ACCOUNT, "username": "second"})):
        assert response.status_code == 410
        assert "This invitation has already been used" in response.content.decode()
    assert not get_user_model().objects.filter(username="second").exists()


def test_an_expired_link_makes_nothing(client, invited):
    cohort, invitation = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    users = get_user_model().objects.count()

    for response in (client.get(url), client.post(url, NEW_ACCOUNT)):
        assert response.status_code == 410
        assert "This invitation has expired" in response.content.decode()
    assert get_user_model().objects.count() == users and cohort.members.count() == 0


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("reflections:invitation_accept", args=["not-a-token"])).status_code == 404


def test_the_account_form_says_what_is_wrong_and_makes_nothing(client, invited, practitioner):
    _, invitation = invited
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    response = client.post(url, {**NEW_ACCOUNT, "username": "PAT", "password2": "something else"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "A user with that username already exists." in page
    assert "The two password fields didn’t match." in page
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_someone_logged_in_as_another_person_is_asked_to_log_out_first(client, invited, practitioner):
    cohort, invitation = invited
    client.force_login(practitioner)
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    assert "log out first" in client.get(url).content.decode()
    client.post(url, NEW_ACCOUNT)
    assert cohort.members.count() == 0 and not get_user_model().objects.filter(username="newbie").exists()


def test_an_account_made_since_with_that_email_joins_by_logging_in(client, invited):
    cohort, invitation = invited
    nia = make_user("nia", role="Practitioners", email="nia@example.org")
    url = reverse("reflections:invitation_accept", args=[invitation.token])
    assert "An account already uses nia@example.org" in client.get(url).content.decode()

    client.force_login(nia)
    assert client.post(url).status_code == 302
    assert list(cohort.members.all()) == [nia]
    invitation.refresh_from_db()
    assert invitation.used_by == nia
