"""Unpublished means gone, now: anonymous cached pages follow every write to public content at once,
on every app instance (issue 8.6)."""

import uuid

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from publishing.page_cache import bump, current, start_request
from recovery_portal.content import load_content
from research.models import Status
from tests.factories import link, make_publication, make_theme, refresh_search
from themes.models import RecoveryMeaning

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def as_curator(client, curator, action):
    """Do something in admin as a curator, then come back as an anonymous visitor."""
    client.force_login(curator)
    response = action()
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    client.logout()


def shown(client, url, text):
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def test_unpublished_item_leaves_anonymous_pages_at_once(client, page_cache, curator):
    publication = make_publication(title="Narratives of recovery", tags=["hope"])
    theme = make_theme(title="Hope at the heart", tags=["hope"])
    link(theme, publication)
    refresh_search()
    pages = ["/", "/research/", theme.get_absolute_url(), "/tags/hope/", "/search/?q=study", "/feeds/research/"]
    assert all(shown(client, url, "Narratives of recovery") for url in [*pages, publication.get_absolute_url()])

    changelist = reverse("admin:research_publication_changelist")
    as_curator(
        client,
        curator,
        lambda: client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [publication.pk]}),
    )

    assert client.get(publication.get_absolute_url()).status_code == 404
    assert [url for url in pages if shown(client, url, "Narratives of recovery")] == []


def test_unpublishing_in_the_change_form_leaves_anonymous_pages_at_once(client, page_cache, curator):
    theme = make_theme(title="Hope at the heart", slug="hope")
    assert shown(client, "/themes/", "Hope at the heart") and shown(client, "/themes/hope/", "Hope at the heart")
    form = {
        "title": theme.title,
        "slug": "hope",
        "position": "1",
        "status": Status.DRAFT,
        "summary": theme.summary,
        "body": theme.body,
        "question": "",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }

    as_curator(client, curator, lambda: client.post(reverse("admin:themes_theme_change", args=[theme.pk]), form))

    assert client.get("/themes/hope/").status_code == 404
    assert not shown(client, "/themes/", "Hope at the heart")


def test_deleted_items_leave_anonymous_pages_at_once(client, page_cache, curator):
    one = make_publication(title="Loneliness in later life")
    two = make_publication(title="Housing first")
    assert shown(client, "/research/", "Loneliness in later life") and shown(client, "/research/", "Housing first")

    as_curator(
        client,
        curator,
        lambda: client.post(reverse("admin:research_publication_delete", args=[one.pk]), {"post": "yes"}),
    )
    assert not shown(client, "/research/", "Loneliness in later life")
    assert shown(client, "/research/", "Housing first")

    changelist = reverse("admin:research_publication_changelist")
    as_curator(
        client,
        curator,
        lambda: client.post(changelist, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [two.pk], "post": "yes"}),
    )
    assert not shown(client, "/research/", "Housing first")


def local_cache(settings, instance):
    """The page cache of one app instance: without Redis, each process keeps its own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": instance}}


def test_a_change_made_on_another_instance_reaches_this_ones_cached_pages(client, page_cache, settings, curator):
    theme = make_theme(title="Hope at the heart", slug="hope")
    local_cache(settings, "instance-a")
    assert shown(client, "/themes/hope/", "Hope at the heart")  # now cached on instance A

    local_cache(settings, "instance-b")
    changelist = reverse("admin:themes_theme_changelist")
    as_curator(
        client, curator, lambda: client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [theme.pk]})
    )

    local_cache(settings, "instance-a")
    assert client.get("/themes/hope/").status_code == 404


@pytest.fixture
def shared_cache(settings):
    """A real Redis, as every app instance would share it (skipped where there is none)."""
    redis = pytest.importorskip("redis")
    location, prefix = "redis://127.0.0.1:6379/15", f"test-{uuid.uuid4().hex}"
    connection = redis.Redis.from_url(location)
    try:
        connection.ping()
    except redis.RedisError:
        pytest.skip("No Redis at 127.0.0.1:6379.")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    for key in connection.scan_iter(match=f"{prefix}:*"):
        connection.delete(key)


def test_with_a_shared_cache_cached_pages_cost_no_query_and_follow_writes_at_once(
    client, page_cache, shared_cache, curator, django_assert_num_queries, django_capture_on_commit_callbacks
):
    theme = make_theme(title="Hope at the heart", slug="hope")
    client.get("/themes/hope/")

    with django_assert_num_queries(0):
        assert shown(client, "/themes/hope/", "Hope at the heart")

    changelist = reverse("admin:themes_theme_changelist")
    with django_capture_on_commit_callbacks(execute=True):  # the shared version moves once the write is committed
        as_curator(
            client, curator, lambda: client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [theme.pk]})
        )

    assert client.get("/themes/hope/").status_code == 404


def test_other_writes_to_public_content_reach_cached_pages_at_once(client, page_cache, curator):
    theme = make_theme(title="Hope at the heart", slug="hope", tags=["hope"])
    publication = make_publication(title="Narratives of recovery")
    meaning = RecoveryMeaning.objects.create(position=1, title="Clinical recovery", text="Symptoms ease.")
    for url in ["/", "/themes/hope/", "/tags/"]:
        client.get(url)

    as_curator(
        client,
        curator,
        lambda: client.post(
            reverse("admin:themes_evidence_add"),
            {"theme": theme.pk, "publication": publication.pk, "note": "Stories give hope.", "position": "1"},
        ),
    )
    assert shown(client, "/themes/hope/", "Stories give hope.")

    as_curator(
        client,
        curator,
        lambda: client.post(
            reverse("admin:themes_recoverymeaning_change", args=[meaning.pk]),
            {"title": "Recovery as cure", "text": "Symptoms ease.", "position": "1"},
        ),
    )
    assert shown(client, "/", "Recovery as cure")

    tag = Tag.objects.get(name="hope")
    as_curator(
        client,
        curator,
        lambda: client.post(
            reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "hopefulness", "slug": "hope"}
        ),
    )
    assert shown(client, "/tags/", "hopefulness")

    load_content({"themes": [{"slug": "belonging", "title": "Belonging", "summary": "S.", "body": "B."}]})
    assert shown(client, "/", "Belonging")


def test_the_research_filter_forgets_a_tag_once_nothing_published_carries_it(client, page_cache, curator):
    publication = make_publication(title="Allotment gardening", tags=["allotments"])
    make_publication(title="Housing first", tags=["housing"])
    assert shown(client, "/research/", '<option value="allotments">')

    changelist = reverse("admin:research_publication_changelist")
    as_curator(
        client,
        curator,
        lambda: client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [publication.pk]}),
    )

    assert not shown(client, "/research/?sort=title", '<option value="allotments">')
    assert shown(client, "/research/?sort=title", '<option value="housing">')


def test_with_the_shared_cache_down_the_version_comes_from_the_database(settings, django_capture_on_commit_callbacks):
    pytest.importorskip("redis")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    start_request()
    before = current()

    with django_capture_on_commit_callbacks(execute=True):
        bump()  # does not fail the write
    start_request()

    assert before.startswith("d")  # the database's
    assert current() != before
