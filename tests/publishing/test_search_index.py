"""Search follows every write at once, on SQLite and PostgreSQL: stored vectors, and "did you mean" words
that come from published items only (issues 7.3 and 8.6)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from publishing import search_index
from publishing.models import SearchEntry, SearchWord
from research.models import Publication, Status
from tests.factories import make_publication, make_theme, refresh_search
from themes.models import Theme

pytestmark = pytest.mark.django_db

PUBLICATIONS = reverse("admin:research_publication_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def search(client, query):
    response = client.get(reverse("search"), {"q": query})
    results = response.context["results"]
    titles = sorted(hit.object.title for hit in results.page.object_list) if results.page else []
    return titles, results.suggestion


def act(client, action, *items, changelist=PUBLICATIONS):
    client.post(changelist, {"action": action, ACTION_CHECKBOX_NAME: [item.pk for item in items]})


def test_publishing_with_the_admin_action_makes_its_words_suggestable(client, curator):
    draft = make_publication(title="Befriending schemes", status=Status.DRAFT)
    refresh_search()
    assert search(client, "befriendin") == ([], "")
    client.force_login(curator)

    act(client, "publish", draft)
    client.logout()

    assert search(client, "befriending") == (["Befriending schemes"], "")
    assert search(client, "befriendng") == ([], "befriending")


def test_did_you_mean_never_offers_a_word_found_only_in_drafts(client):
    make_publication(title="Recovery and employment")
    make_publication(title="Secretive draft about zebras", status=Status.DRAFT)
    make_theme(title="Draft theme on volunteering", status=Status.DRAFT)
    refresh_search()

    assert search(client, "zebraz") == ([], "")
    assert search(client, "volunteerin") == ([], "")
    assert search(client, "employmant") == ([], "employment")


def test_unpublished_and_deleted_items_take_their_words_back_at_once(client, curator):
    kept = make_publication(title="Peer support")
    unpublished = make_publication(title="Loneliness in later life")
    deleted = make_theme(title="Spirituality and meaning")
    refresh_search()
    client.force_login(curator)

    act(client, "unpublish", unpublished)
    client.post(reverse("admin:themes_theme_delete", args=[deleted.pk]), {"post": "yes"})
    client.logout()

    assert search(client, "lonelines") == ([], "")
    assert search(client, "spiritualty") == ([], "")
    assert search(client, "supprt") == ([], "support")
    assert kept.pk


def test_a_word_edited_out_of_a_published_item_is_no_longer_offered(client, curator):
    theme = make_theme(title="Hopefulness", slug="hope", summary="Where it comes from.", body="Belonging.")
    refresh_search()
    client.force_login(curator)

    response = client.post(
        reverse("admin:themes_theme_change", args=[theme.pk]),
        {
            "title": "Optimism",
            "slug": "hope",
            "position": "1",
            "status": Status.PUBLISHED,
            "summary": "Where it comes from.",
            "body": "Belonging.",
            "question": "",
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    client.logout()

    assert search(client, "hopefulnes") == ([], "")
    assert search(client, "optimsm") == ([], "optimism")


def test_deleting_a_tag_removes_its_name_from_search(client, curator):
    make_publication(title="A study", tags=["befriending"])
    make_theme(title="A theme", tags=["befriending"])
    refresh_search()
    assert search(client, "befriending")[0] == ["A study", "A theme"]
    client.force_login(curator)

    client.post(reverse("admin:taggit_tag_delete", args=[Tag.objects.get(name="befriending").pk]), {"post": "yes"})
    client.logout()

    assert not Tag.objects.exists()
    assert search(client, "befriending") == ([], "")


def test_deleting_tags_in_bulk_removes_their_names_from_search(client, curator):
    make_publication(title="A study", tags=["befriending", "allotments"])
    refresh_search()
    client.force_login(curator)

    client.post(
        TAGS,
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: list(Tag.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    client.logout()

    assert not Tag.objects.exists()
    assert search(client, "allotments") == ([], "")


def test_merging_and_renaming_tags_keep_search_up_to_date(client, curator):
    make_publication(title="A study", tags=["peersupport"])
    make_publication(title="Another study", tags=["peer-support"])
    refresh_search()
    client.force_login(curator)
    old, survivor = Tag.objects.get(name="peersupport"), Tag.objects.get(name="peer-support")

    client.post(TAGS, {"action": "merge", ACTION_CHECKBOX_NAME: [old.pk, survivor.pk], "survivor": survivor.pk})
    client.logout()
    assert search(client, "peer-support")[0] == ["A study", "Another study"]
    assert search(client, "peersupport")[0] == []

    client.force_login(curator)
    client.post(reverse("admin:taggit_tag_change", args=[survivor.pk]), {"name": "befriending", "slug": "befriending"})
    client.logout()
    assert search(client, "befriending")[0] == ["A study", "Another study"]
    assert search(client, "befreinding") == ([], "befriending")


def test_word_counts_kept_along_the_way_equal_a_rebuild_from_scratch(client, curator):
    theme = make_theme(title="Hope and housing", tags=["hope"])
    first = make_publication(title="Housing first", authors=[("Tsemberis", "Sam")], tags=["hope", "housing"])
    second = make_publication(title="Hope at work", status=Status.DRAFT)
    search_index.refresh(Theme, [theme.pk])
    search_index.refresh(Publication, [first.pk, second.pk])
    client.force_login(curator)
    act(client, "publish", second)
    act(client, "unpublish", first)
    client.post(reverse("admin:themes_theme_delete", args=[theme.pk]), {"post": "yes"})
    kept = dict(SearchWord.objects.values_list("word", "documents"))
    entries = set(SearchEntry.objects.values_list("kind", "object_id", "words"))

    search_index.rebuild()

    assert kept == dict(SearchWord.objects.values_list("word", "documents"))
    assert entries == set(SearchEntry.objects.values_list("kind", "object_id", "words"))
    # Only the newly published one's words: "Hope at work", "What this study is about."
    assert kept == {"hope": 1, "work": 1, "what": 1, "this": 1, "study": 1, "about": 1}
