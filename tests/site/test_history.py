import pytest
from django.urls import reverse

from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme
from themes.models import Evidence

pytestmark = pytest.mark.django_db


def theme_form(theme, **changes):
    data = {
        "title": theme.title,
        "slug": theme.slug,
        "position": theme.position,
        "status": theme.status,
        "summary": theme.summary,
        "body": theme.body,
        "question": theme.question,
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_history_shows_who_changed_what_with_old_and_new_values(client, curator):
    theme = make_theme(title="Hope")
    client.force_login(curator)
    client.post(reverse("admin:themes_theme_change", args=[theme.pk]), theme_form(theme, title="Hope and belief"))

    response = client.get(reverse("admin:themes_theme_history", args=[theme.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "cora" in content  # the curator who made the change
    assert "Hope" in content and "Hope and belief" in content
    assert "<strong>title:</strong>" in content.replace("Title", "title")


def test_curator_restores_an_earlier_version(client, curator):
    theme = make_theme(title="Hope")
    client.force_login(curator)
    client.post(reverse("admin:themes_theme_change", args=[theme.pk]), theme_form(theme, title="A bad edit"))
    first_version = theme.history.order_by("history_id").first()

    form_page = client.get(reverse("admin:themes_theme_simple_history", args=[theme.pk, first_version.history_id]))
    assert b'value="Hope"' in form_page.content
    response = client.post(
        reverse("admin:themes_theme_simple_history", args=[theme.pk, first_version.history_id]),
        theme_form(first_version.instance),
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.title == "Hope"
    assert theme.history.count() == 3


def test_deleted_publication_is_listed_and_can_be_restored(client, curator):
    publication = make_publication(title="Recovering mental health in Scotland", status=Status.PUBLISHED)
    pk = publication.pk
    client.force_login(curator)
    client.post(reverse("admin:research_publication_delete", args=[pk]), {"post": "yes"})
    assert not Publication.objects.filter(pk=pk).exists()

    listing = client.get(reverse("admin:research_publication_deleted"))
    assert b"Recovering mental health in Scotland" in listing.content
    last = Publication.history.filter(id=pk).exclude(history_type="-").latest("history_id")
    restore_url = reverse("admin:research_publication_simple_history", args=[pk, last.history_id])
    assert restore_url.encode() in listing.content

    old = last.instance
    response = client.post(
        restore_url,
        {
            "kind": old.kind,
            "title": old.title,
            "slug": old.slug,
            "status": old.status,
            "summary": old.summary,
            "year": old.year or "",
            "authorships-TOTAL_FORMS": "0",
            "authorships-INITIAL_FORMS": "0",
            "authorships-MIN_NUM_FORMS": "0",
            "authorships-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Publication.objects.get(pk=pk).title == "Recovering mental health in Scotland"
    assert b"Nothing has been deleted." in client.get(reverse("admin:research_publication_deleted")).content


def test_evidence_link_changes_are_recorded(curator):
    link_ = link(make_theme(), make_publication(), note="First note")
    link_.note = "Better note"
    link_.save()
    link_.delete()

    assert [record.history_type for record in Evidence.history.order_by("history_id")] == ["+", "~", "-"]
    assert Evidence.history.earliest("history_id").note == "First note"


def test_practitioner_cannot_see_deleted_items(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("admin:research_publication_deleted"))

    assert response.status_code == 302  # sent to the admin login
