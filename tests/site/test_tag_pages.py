"""A tag only drafts carry has no public page: its name alone would tell of unpublished work (issue 8.6)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from research.models import Status
from tests.factories import make_publication, make_theme

pytestmark = pytest.mark.django_db


def test_a_tag_used_only_by_drafts_has_no_public_page(client, curator):
    make_publication(title="Secret draft", status=Status.DRAFT, tags=["embargoed-topic"])
    make_theme(title="Draft theme", status=Status.DRAFT, tags=["embargoed-topic"])

    assert client.get("/tags/embargoed-topic/").status_code == 404
    assert b"embargoed-topic" not in client.get("/tags/").content
    assert b"embargoed-topic" not in client.get("/sitemap-tags.xml").content
    client.force_login(curator)
    assert client.get("/tags/embargoed-topic/").status_code == 404  # a public page, the same for everyone


def test_a_tag_page_appears_when_something_carrying_it_is_published_and_goes_when_unpublished(client, curator):
    draft = make_publication(title="Soon public", status=Status.DRAFT, tags=["allotments"])
    changelist = reverse("admin:research_publication_changelist")
    client.force_login(curator)

    client.post(changelist, {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]})
    assert client.get("/tags/allotments/").status_code == 200

    client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [draft.pk]})
    assert client.get("/tags/allotments/").status_code == 404


def test_a_tag_carried_by_one_published_theme_has_its_page(client):
    make_theme(title="Belonging", tags=["community"])

    response = client.get("/tags/community/")

    assert response.status_code == 200
    assert b"Belonging" in response.content
