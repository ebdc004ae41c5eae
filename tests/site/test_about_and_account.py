"""The About page, and what logged-in people see of themselves."""

import datetime

import pytest
from django.urls import reverse

from recovery_portal.models import SiteDetails

pytestmark = pytest.mark.django_db


def test_about_says_what_the_site_is_who_writes_it_and_credits_the_source(client):
    response = client.get("/about/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About this site</h1>" in content
    for heading in (
        "What it is",
        "Where the content comes from",
        "Who writes the summaries",
        "How to report a mistake",
    ):
        assert f">{heading}</h2>" in content
    assert "<cite>Recovery and mental health</cite>, a research briefing from the Social Care Institute" in content
    assert "Community Care magazine (4 September issue)" in content
    assert "curators write" in content


def test_about_shows_the_review_date_and_report_address_a_curator_set(client):
    SiteDetails.objects.create(content_reviewed_on=datetime.date(2026, 3, 12), report_email="content@example.org")

    content = client.get(reverse("about")).content.decode()

    assert '<time datetime="2026-03-12">12 March 2026</time>' in content
    assert '<a href="mailto:content@example.org">content@example.org</a>' in content


def test_about_before_any_review_says_so_rather_than_inventing_a_date(client):
    content = client.get(reverse("about")).content.decode()

    assert "No review of the content against the source briefing has been recorded yet." in content
    assert "mailto:" not in content


def test_every_page_links_to_about(client):
    assert 'href="/about/"' in client.get("/").content.decode()


def test_a_logged_in_practitioner_sees_their_name_and_my_account(client, practitioner):
    practitioner.first_name, practitioner.last_name = "Pat", "Okafor"
    practitioner.save()
    client.force_login(practitioner)

    content = client.get("/").content.decode()

    assert "Signed in as <strong>Pat Okafor</strong>" in content
    assert '<a href="/accounts/">My account</a>' in content
    assert ">Log out</button>" in content
    assert ">Admin<" not in content


def test_without_a_full_name_the_header_shows_the_username(client, practitioner):
    client.force_login(practitioner)

    assert "Signed in as <strong>pat</strong>" in client.get("/themes/").content.decode()


def test_anonymous_visitors_see_log_in_and_no_account_links(client):
    content = client.get("/").content.decode()

    assert "Log in</a>" in content
    assert "My account" not in content and "Signed in as" not in content


def test_my_account_shows_who_i_am_my_role_and_the_password_change(client, practitioner):
    practitioner.email = "pat@example.org"
    practitioner.save()
    client.force_login(practitioner)

    response = client.get(reverse("accounts:account"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<dt>Username</dt><dd>pat</dd>" in content
    assert "<dt>Email</dt><dd>pat@example.org</dd>" in content
    assert "<dt>Role</dt><dd>Practitioner</dd>" in content
    assert f'<a href="{reverse("password_change")}">Change your password</a>' in content
    assert 'aria-current="page">My account</a>' in content


def test_my_account_needs_logging_in(client):
    response = client.get(reverse("accounts:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_account_leads_to_my_reflections_my_data_and_deleting_the_account(client, practitioner):
    client.force_login(practitioner)

    content = client.get(reverse("accounts:account")).content.decode()

    assert f'<a href="{reverse("reflections:reflection_list")}">reflections</a>' in content
    assert f'<a href="{reverse("reflections:export_json")}">Download everything you wrote</a>' in content
    assert f'<a href="{reverse("accounts:account_delete")}">Delete your account</a>' in content
