"""Errors get the site's own pages, in plain words, saying what to do."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from recovery_portal.search import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db


def test_a_request_the_site_cannot_read_gets_its_own_400_page(client, settings):
    too_many_fields = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = client.get(f"/research/?{too_many_fields}")

    content = response.content.decode()
    assert response.status_code == 400
    assert "<h1>We could not make sense of that request</h1>" in content
    assert "go back: your browser usually keeps what you typed" in content
    assert 'class="site-header"' in content  # the site's own layout


def test_a_form_too_big_for_a_request_gets_the_400_page(client, settings):
    response = client.post(reverse("login"), {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    assert response.status_code == 400
    assert "<h1>We could not make sense of that request</h1>" in response.content.decode()


def test_a_form_whose_security_check_fails_says_the_text_is_kept_and_to_log_in_again():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "sam", "password": "whatever"})

    content = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Your form was not sent</h1>" in content
    assert "Your browser usually keeps what you typed" in content
    assert f'<a href="{reverse("login")}">log in again</a>' in content
    assert 'class="site-header"' in content


def test_a_page_someone_may_not_open_gets_the_sites_403_page(client, django_user_model):
    staff = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_publication"))
    client.force_login(staff)

    response = client.get(reverse("admin:research_publication_import"))

    assert response.status_code == 403
    assert "<h1>You cannot open this page</h1>" in response.content.decode()


def test_a_search_longer_than_the_box_allows_is_cut_and_says_so(client):
    response = client.get(reverse("search"), {"q": "recovery " * 600})

    content = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["results"].query) <= MAX_QUERY_LENGTH
    assert f"Your search was longer than {MAX_QUERY_LENGTH} characters" in content
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in content


def test_a_search_within_the_limit_says_nothing_about_length(client):
    response = client.get(reverse("search"), {"q": "recovery"})

    assert "Your search was longer" not in response.content.decode()


def test_a_search_of_many_different_words_answers_rather_than_failing(client):
    response = client.get(reverse("search"), {"q": " ".join(f"word{n}" for n in range(30))})

    assert response.status_code == 200
