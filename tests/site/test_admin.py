import pytest
from django.urls import reverse
from taggit.models import Tag

from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme
from themes.models import Evidence, Theme

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:themes_theme_changelist",
    "admin:themes_evidence_changelist",
    "admin:themes_recoverymeaning_changelist",
    "admin:research_publication_changelist",
    "admin:research_contributor_changelist",
    "admin:taggit_tag_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_curator_opens_every_changelist_and_add_form(client, curator, name):
    client.force_login(curator)

    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name.replace("changelist", "add"))).status_code == 200


def test_curator_searches_and_filters_publications(client, curator):
    make_publication(title="Care planning in mental health", kind=Publication.Kind.BOOK)
    make_publication(title="Getting to the heart of recovery")
    client.force_login(curator)

    response = client.get(reverse("admin:research_publication_changelist"), {"q": "care planning", "kind": "book"})

    assert b"Care planning in mental health" in response.content
    assert b"Getting to the heart of recovery" not in response.content


def inline_formset(prefix, rows, total_forms=None, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(total_forms or len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def test_curator_saves_an_evidence_link_inline_on_a_theme(client, curator):
    theme = make_theme(title="Hope", slug="hope", tags=["hope"])
    publication = make_publication(title="Narratives of recovery", tags=["peer-support"])
    tag_ids = [str(pk) for pk in Tag.objects.order_by("name").values_list("pk", flat=True)]
    client.force_login(curator)

    response = client.post(
        reverse("admin:themes_theme_change", args=[theme.pk]),
        {
            "title": "Hope",
            "slug": "hope",
            "position": "3",
            "status": Status.PUBLISHED,
            "summary": theme.summary,
            "body": theme.body,
            "question": theme.question,
            "tags": tag_ids,
            **inline_formset(
                "evidence",
                [{"position": "1", "publication": str(publication.pk), "note": "Stories of recovery give hope."}],
            ),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = Evidence.objects.get(theme=theme)
    assert evidence.publication == publication
    assert evidence.note == "Stories of recovery give hope."
    assert sorted(theme.tags.names()) == ["hope", "peer-support"]


def test_curator_adds_a_publication_with_ordered_editors(client, curator):
    from research.models import Contributor

    hall = Contributor.objects.create(family_name="Hall", given_names="Angela")
    wren = Contributor.objects.create(family_name="Wren", given_names="Mark")
    care_planning = Tag.objects.create(name="care-planning")
    client.force_login(curator)

    response = client.post(
        reverse("admin:research_publication_add"),
        {
            "kind": "book",
            "study_design": "textbook",
            "title": "Care planning in mental health: promoting recovery",
            "slug": "care-planning",
            "status": Status.DRAFT,
            "summary": "",
            "tags": [str(care_planning.pk)],
            "publisher": "Blackwell",
            **inline_formset(
                "authorships",
                [
                    {"position": "2", "role": "editor", "contributor": str(wren.pk)},
                    {"position": "1", "role": "editor", "contributor": str(hall.pk)},
                ],
            ),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    book = Publication.objects.prefetch_related("authorships__contributor").get(slug="care-planning")
    assert [c.family_name for c in book.editors] == ["Hall", "Wren"]
    assert book.status == Status.DRAFT
    assert list(book.tags.names()) == ["care-planning"]
    assert book.get_study_design_display() == "Textbook"


def test_curator_publishes_and_unpublishes_with_actions(client, curator):
    draft = make_publication(status=Status.DRAFT)
    client.force_login(curator)
    url = reverse("admin:research_publication_changelist")

    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert client.get(draft.get_absolute_url()).status_code == 200

    client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_publication_autocomplete_for_the_evidence_inline(client, curator):
    make_publication(title="Recovering mental health in Scotland")
    client.force_login(curator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Scotland", "app_label": "themes", "model_name": "evidence", "field_name": "publication"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["Recovering mental health in Scotland"]


def test_theme_change_page_links_to_the_site(client, curator):
    theme = make_theme()
    client.force_login(curator)

    response = client.get(reverse("admin:themes_theme_change", args=[theme.pk]))

    assert b"View on site" in response.content


def test_anonymous_user_is_sent_to_log_in(client):
    response = client.get(reverse("admin:themes_theme_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_practitioner_gets_no_admin_access(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("admin:themes_theme_changelist"))

    assert response.status_code == 302
    assert Theme.objects.count() == 0


def test_evidence_link_is_unique_per_theme_and_publication(db):
    from django.db import IntegrityError

    theme, publication = make_theme(), make_publication()
    link(theme, publication)
    with pytest.raises(IntegrityError):
        link(theme, publication)


def test_tag_field_autocompletes_existing_tags(client, curator):
    make_publication(tags=["peer-support", "housing"])
    client.force_login(curator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "peer", "app_label": "research", "model_name": "publication", "field_name": "tags"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["peer-support"]


def test_only_people_who_may_add_tags_get_the_new_tag_button(client, curator, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_publication", "view_publication", "view_tag"])
    )
    publication = make_publication()
    url = reverse("admin:research_publication_change", args=[publication.pk])

    client.force_login(curator)
    assert b'id="add_id_tags"' in client.get(url).content
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert b'id="add_id_tags"' not in response.content


def test_free_text_tags_when_the_vocabulary_is_open(client, curator, settings):
    settings.TAG_VOCABULARY_CLOSED = False
    publication = make_publication()
    client.force_login(curator)

    response = client.get(reverse("admin:research_publication_change", args=[publication.pk]))

    assert b'<input type="text" name="tags"' in response.content
