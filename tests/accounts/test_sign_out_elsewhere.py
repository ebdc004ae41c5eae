"""My account says where else its owner is signed in, and ends those sessions on request."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Session

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")
SIGN_OUT_ELSEWHERE = reverse("accounts:account_sign_out_elsewhere")
SIGNED_IN_AS_PAT = "Signed in as <strong>pat</strong>"


def signed_in_elsewhere(user):
    other = Client()
    other.force_login(user)
    return other


def test_my_account_says_i_am_signed_in_only_here(client, practitioner):
    client.force_login(practitioner)

    html = client.get(ACCOUNT).content.decode()

    assert "Where you are signed in" in html
    assert "Only here." in html
    assert "Sign out everywhere else" not in html


def test_my_account_counts_the_other_live_sessions_and_offers_to_end_them(client, practitioner, curator):
    client.force_login(practitioner)
    signed_in_elsewhere(practitioner)
    signed_in_elsewhere(practitioner)
    expired = signed_in_elsewhere(practitioner)
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    signed_in_elsewhere(curator)  # someone else's session is not mine

    html = client.get(ACCOUNT).content.decode()

    assert "Here, and in 2 other browsers or devices." in html
    assert '<button type="submit">Sign out everywhere else</button>' in html


def test_signing_out_everywhere_else_ends_the_others_and_keeps_this_one(client, practitioner, curator):
    client.force_login(practitioner)
    phone = signed_in_elsewhere(practitioner)
    colleague = signed_in_elsewhere(curator)

    response = client.post(SIGN_OUT_ELSEWHERE, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(ACCOUNT, 302)]
    assert "Signed out of 1 other browser or device." in html
    assert SIGNED_IN_AS_PAT in html and "Only here." in html
    assert SIGNED_IN_AS_PAT not in phone.get("/").content.decode()
    assert "Signed in as <strong>cora</strong>" in colleague.get("/").content.decode()


def test_with_nowhere_else_signed_in_the_page_says_so(client, practitioner):
    client.force_login(practitioner)

    response = client.post(SIGN_OUT_ELSEWHERE, follow=True)

    assert "You were not signed in anywhere else." in response.content.decode()
    assert Session.objects.filter(user=practitioner).count() == 1


def test_signing_out_elsewhere_takes_a_post_from_someone_signed_in(client, practitioner):
    assert client.post(SIGN_OUT_ELSEWHERE).url.startswith(reverse("login"))
    client.force_login(practitioner)
    signed_in_elsewhere(practitioner)

    assert client.get(SIGN_OUT_ELSEWHERE).status_code == 405
    assert Session.objects.filter(user=practitioner).count() == 2
