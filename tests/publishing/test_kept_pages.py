"""A theme page and the research list are kept per content version below the header, for everyone who is not
a curator (publishing.fragments.Block): a logged-in reader's page costs no query of its own, yet shows every
write at once, never a draft to a non-curator, and never anyone else's name or messages."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing import fragments, services
from recovery_portal.content import REFLECTIVE_MODELS_FILE, load_reflective_models, read_content
from reflections.models import Exercise, ReflectiveModel
from research.models import Publication, Status
from tests.factories import link, make_exercise, make_publication, make_theme, make_user

pytestmark = pytest.mark.django_db

RESEARCH = reverse("research:publication_list")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def main_of(html):
    """What the page shows below the header: the part that may be kept."""
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def reflective_model(db):
    load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))
    return ReflectiveModel.objects.get(slug="gibbs")


@pytest.fixture
def theme(db):
    theme = make_theme(title="Hope and agency", tags=["hope"])
    link(theme, make_publication(title="Narratives of hope"))
    return theme


@pytest.fixture
def reader(client, practitioner):
    client.force_login(practitioner)
    return client


def test_unpublishing_and_publishing_a_publication_shows_at_once(reader, theme, curator):
    going = make_publication(title="Leaving soon")
    coming = make_publication(title="Arriving soon", status=Status.DRAFT)
    link(theme, going)
    link(theme, coming)
    for url in (theme.get_absolute_url(), RESEARCH):
        assert "Leaving soon" in page(reader, url)
        assert "Arriving soon" not in page(reader, url)

    services.unpublish(items=Publication.objects.filter(pk=going.pk), by=curator)
    services.publish(items=Publication.objects.filter(pk=coming.pk), by=curator)

    for url in (theme.get_absolute_url(), RESEARCH):
        html = page(reader, url)
        assert "Leaving soon" not in html
        assert "Arriving soon" in html
        assert "Narratives of hope" in html


def test_publishing_and_unpublishing_an_exercise_shows_on_the_theme_page_at_once(
    reader, theme, curator, reflective_model
):
    exercise = make_exercise(
        title="Hope in a first visit", reflective_model=reflective_model, themes=[theme], status=Status.DRAFT
    )
    assert "Hope in a first visit" not in page(reader, theme.get_absolute_url())

    services.publish(items=Exercise.objects.filter(pk=exercise.pk), by=curator)
    assert "Hope in a first visit" in page(reader, theme.get_absolute_url())

    services.unpublish(items=Exercise.objects.filter(pk=exercise.pk), by=curator)
    assert "Hope in a first visit" not in page(reader, theme.get_absolute_url())


def test_an_edited_theme_shows_its_new_title_body_and_tags_at_once(reader, theme):
    html = page(reader, theme.get_absolute_url())
    assert "<title>Hope and agency" in html
    assert "Hope and agency</span>" in html  # the breadcrumbs

    theme.title = "Hope, agency and choice"
    theme.summary = "The new summary."
    theme.save()
    theme.tags.set(["agency"])
    services.content_changed(model=type(theme), ids=[theme.pk])  # as the admin's save does

    html = page(reader, theme.get_absolute_url())
    assert "<title>Hope, agency and choice" in html
    assert 'content="The new summary."' in html
    assert "Hope, agency and choice</span>" in html
    assert "<h1>Hope, agency and choice</h1>" in html
    assert 'href="/tags/agency/"' in html
    assert 'href="/tags/hope/"' not in html


def test_an_unpublished_theme_is_gone_at_once(reader, theme, curator):
    page(reader, theme.get_absolute_url())

    services.unpublish(items=type(theme).objects.filter(pk=theme.pk), by=curator)

    assert reader.get(theme.get_absolute_url()).status_code == 404


def test_a_curator_sees_drafts_on_pages_a_reader_has_had_kept(client, theme, curator, practitioner, reflective_model):
    link(theme, make_publication(title="Draft study", status=Status.DRAFT))
    make_exercise(title="Draft exercise", reflective_model=reflective_model, themes=[theme], status=Status.DRAFT)
    client.force_login(practitioner)
    for url in (theme.get_absolute_url(), RESEARCH):
        html = page(client, url)
        assert "Draft study" not in html and "Draft exercise" not in html

    client.force_login(curator)
    for url in (theme.get_absolute_url(), RESEARCH):
        assert "Draft study" in page(client, url)
    assert "Draft exercise" in page(client, theme.get_absolute_url())
    assert "Draft: only curators see this" in page(client, theme.get_absolute_url())

    client.force_login(practitioner)  # and nothing the curator saw was kept for others
    for url in (theme.get_absolute_url(), RESEARCH):
        html = page(client, url)
        assert "Draft study" not in html and "Draft exercise" not in html
        assert "Draft: only curators see this" not in html


def test_two_readers_never_see_each_others_name_or_messages(client, theme):
    alice = make_user("alice", role="Practitioners", first_name="Alice", last_name="Ashdown")
    bob = make_user("bob", role="Trainers", first_name="Bob", last_name="Brindley")
    for url in (theme.get_absolute_url(), RESEARCH):
        client.force_login(alice)
        client.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(constants.SUCCESS, "Only Alice's")])
        html = page(client, url)
        assert "Alice Ashdown" in html and "Only Alice&#x27;s" in html

        client.cookies.pop("messages", None)
        client.force_login(bob)
        html = page(client, url)
        assert "Bob Brindley" in html
        assert "Alice" not in html
        assert "Only Alice" not in html

        client.logout()
        html = page(client, url)
        assert "Bob" not in html and "Alice" not in html
        assert "Log in" in html


def test_the_kept_pages_hold_no_csrf_token_and_the_research_forms_are_get(reader, theme):
    for url in (theme.get_absolute_url(), RESEARCH):
        html = page(reader, url)
        assert "csrfmiddlewaretoken" in html  # the header's log-out form
        assert "csrfmiddlewaretoken" not in main_of(html)
    assert 'method="post"' not in main_of(page(reader, RESEARCH))


def test_a_block_holding_a_csrf_token_is_never_stored(practitioner):
    block = fragments.Block("a page with a form", user=practitioner, shows=[Publication])
    block.part("content", lambda: '<form method="post"><input name="csrfmiddlewaretoken" value="secret"></form>')

    block.store()

    assert block.key and cache.get(block.key) is None


@pytest.mark.parametrize("size", [21, 60])
def test_a_readers_kept_pages_cost_only_their_session_themselves_and_the_version(
    reader, django_assert_num_queries, size
):
    theme = make_theme()
    for _ in range(size):
        link(theme, make_publication(tags=["hope"]))
    urls = [theme.get_absolute_url(), f"{theme.get_absolute_url()}?page=2", RESEARCH, f"{RESEARCH}?tag=hope&page=2"]
    for url in urls:
        page(reader, url)

    for url in urls:
        # The session with the person it names, their permissions and unread notifications
        # (recovery_portal.signed_in), and the content version.
        with django_assert_num_queries(2):
            page(reader, url)


def queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        html = page(client, url, **params)
    return len(captured), html


@pytest.mark.parametrize(
    "query",
    [{"page": "999"}, {"page": "02"}, {"year_from": "02008"}, {"tag": "no-such-tag"}, {"year_from": "1"}],
)
def test_only_valid_queries_are_kept(reader, query):
    theme = make_theme()
    for _ in range(25):
        link(theme, make_publication(tags=["hope"]))
    urls = [RESEARCH, theme.get_absolute_url()] if "page" in query else [RESEARCH]
    for url in urls:
        _, first = queries(reader, url, query)

        count, again = queries(reader, url, query)

        assert count > 2  # rendered again, not kept (2: the session with its person, and the version)
        assert main_of(again) == main_of(first)


def test_junk_parameters_neither_change_the_research_list_nor_its_links(reader):
    for _ in range(25):
        make_publication(tags=["hope"])

    html = page(reader, RESEARCH, tag="hope", utm_source="newsletter")

    assert "<strong>25</strong> publications match these filters" in html
    assert "(1 filter on)" in html
    assert "utm_source" not in html
    assert 'href="?tag=hope&amp;page=2"' in html
