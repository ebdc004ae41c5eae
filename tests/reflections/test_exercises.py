"""Exercises (issue 9 item 1): public pages, drafts for curators only, the theme page, search, tags, the
shipped content and the admin's publish action."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing import services
from recovery_portal.content import EXERCISES_FILE, load_exercises, read_content
from reflections.models import Exercise
from research.models import Status
from tests.factories import make_exercise, make_publication, make_theme, refresh_search
from themes.models import Evidence, Theme

pytestmark = pytest.mark.django_db

LIST = "/reflections/exercises/"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def hope(db):
    return make_theme(title="Hope at the heart", slug="hope-theme")


@pytest.fixture
def exercise(gibbs, hope):
    reading = make_publication(title="Narratives of recovery", slug="narratives-of-recovery")
    return make_exercise(
        reflective_model=gibbs,
        title="What gives hope",
        slug="what-gives-hope",
        summary="A moment when hope grew or faded.",
        instructions="Read **the report** first.\n\n<script>alert('x')</script>",
        estimated_minutes=35,
        prompts=["Which account stayed with you?"],
        readings=[reading],
        themes=[hope],
        tags=["hope"],
    )


def test_the_list_shows_each_published_exercise_to_anyone(client, exercise, gibbs):
    make_exercise(reflective_model=gibbs, title="A draft in progress", status=Status.DRAFT)

    page = client.get(reverse("reflections:exercise_list")).content.decode()

    assert "What gives hope" in page
    assert "A moment when hope grew or faded." in page
    assert "Gibbs&#x27; reflective cycle" in page and "about 35 minutes" in page
    assert 'href="/themes/hope-theme/"' in page and 'href="/tags/hope/"' in page
    assert 'href="/reflections/exercises/what-gives-hope/"' in page
    assert "A draft in progress" not in page


def test_an_exercise_page_shows_instructions_model_prompts_themes_readings_and_tags(client, exercise, gibbs):
    response = client.get(reverse("reflections:exercise_detail", args=["what-gives-hope"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>the report</strong>" in page
    assert "<script>alert" not in page  # sanitised, as research summaries are
    assert "About 35 minutes" in page
    for stage in gibbs.stages.all():
        assert stage.title in page
    assert "Which account stayed with you?" in page and "Guidance for Which account stayed with you?" in page
    assert 'href="/themes/hope-theme/"' in page
    assert '<a href="/research/narratives-of-recovery/">Narratives of recovery</a>' in page
    assert 'href="/tags/hope/"' in page
    assert 'href="/reflections/new/?exercise=what-gives-hope"' in page


def test_starting_an_exercise_asks_anonymous_people_to_log_in(client, exercise):
    response = client.get("/reflections/new/?exercise=what-gives-hope")

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_draft_exercise_is_404_for_anonymous_people_and_practitioners(client, exercise, practitioner):
    Exercise.objects.filter(pk=exercise.pk).update(status=Status.DRAFT)
    url = exercise.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(practitioner)
    assert client.get(url).status_code == 404
    assert "What gives hope" not in client.get(LIST).content.decode()


def test_curators_see_a_draft_exercise_labelled(client, exercise, curator):
    Exercise.objects.filter(pk=exercise.pk).update(status=Status.DRAFT)
    client.force_login(curator)

    response = client.get(exercise.get_absolute_url())

    assert response.status_code == 200
    assert "Draft: only curators see this" in response.content.decode()
    assert "What gives hope" in client.get(LIST).content.decode()


def test_a_draft_reading_or_theme_is_left_off_the_public_exercise_page(client, exercise, hope):
    exercise.readings.update(status=Status.DRAFT)
    Theme.objects.filter(pk=hope.pk).update(status=Status.DRAFT)

    page = client.get(exercise.get_absolute_url()).content.decode()

    assert "Narratives of recovery" not in page
    assert "Hope at the heart" not in page


def test_the_theme_page_lists_its_published_exercises(client, exercise, hope, gibbs):
    make_exercise(reflective_model=gibbs, title="Not ready yet", themes=[hope], status=Status.DRAFT)

    page = client.get(hope.get_absolute_url()).content.decode()

    assert '<a href="/reflections/exercises/what-gives-hope/">What gives hope</a>' in page
    assert "Not ready yet" not in page


def test_the_theme_page_costs_the_same_with_one_exercise_or_many(client, exercise, hope, gibbs):
    with_one = queries(client, hope.get_absolute_url())
    for number in range(12):
        make_exercise(reflective_model=gibbs, themes=[hope], title=f"More {number}")
    services.content_changed(model=Exercise)  # as the admin does after a write: the page is rendered afresh

    assert queries(client, hope.get_absolute_url()) == with_one


def test_search_finds_exercises_labelled_as_such(client, exercise):
    refresh_search()

    page = client.get("/search/", {"q": "hope"}).content.decode()
    assert 'href="/reflections/exercises/what-gives-hope/"' in page and '<p class="kind">Exercise</p>' in page

    only = client.get("/search/", {"q": "hope", "kind": "exercise"}).content.decode()
    assert 'href="/reflections/exercises/what-gives-hope/"' in only and 'href="/themes/hope-theme/"' not in only


def test_search_never_finds_a_draft_exercise(client, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(status=Status.DRAFT)
    refresh_search()

    assert "/reflections/exercises/what-gives-hope/" not in client.get("/search/", {"q": "hope"}).content.decode()


def test_tag_pages_and_the_tag_list_include_exercises(client, gibbs):
    make_exercise(reflective_model=gibbs, title="Only an exercise has this tag", tags=["self-advocacy"])
    make_exercise(reflective_model=gibbs, title="Secret draft", tags=["unannounced"], status=Status.DRAFT)

    tag_page = client.get("/tags/self-advocacy/")
    assert tag_page.status_code == 200
    assert "Only an exercise has this tag" in tag_page.content.decode()

    tag_list = client.get("/tags/").content.decode()
    assert 'href="/tags/self-advocacy/"' in tag_list and "Exercises" in tag_list
    assert "unannounced" not in tag_list
    assert client.get("/tags/unannounced/").status_code == 404


def test_the_sitemap_lists_published_exercises(client, exercise, gibbs):
    make_exercise(reflective_model=gibbs, slug="a-draft", status=Status.DRAFT)

    sitemap = client.get("/sitemap-exercises.xml").content.decode()

    assert "/reflections/exercises/what-gives-hope/" in sitemap and "a-draft" not in sitemap


def test_an_unpublished_exercise_leaves_the_anonymous_page_cache_at_once(client, settings, exercise, curator):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    assert "What gives hope" in client.get(LIST).content.decode()

    client.force_login(curator)
    changelist = reverse("admin:reflections_exercise_changelist")
    client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [exercise.pk]})
    client.logout()

    assert "What gives hope" not in client.get(LIST).content.decode()
    assert client.get(exercise.get_absolute_url()).status_code == 404


def test_the_admin_publish_action_publishes_with_history(client, curator, gibbs):
    draft = make_exercise(reflective_model=gibbs, title="Ready now", status=Status.DRAFT)
    client.force_login(curator)

    response = client.post(
        reverse("admin:reflections_exercise_changelist"), {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    record = draft.history.latest("history_id")
    assert (record.status, record.history_user, record.history_change_reason) == ("published", curator, "Published")
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_list_and_exercise_pages_cost_the_same_with_few_or_many_exercises(client, exercise, gibbs, hope):
    urls = [LIST, exercise.get_absolute_url()]
    with_few = [queries(client, url) for url in urls]

    for number in range(25):
        theme = make_theme()
        make_exercise(reflective_model=gibbs, themes=[theme, hope], tags=[f"tag-{number}"], title=f"More {number}")
    exercise.prompts.create(text="Another question", position=2)
    exercise.readings.add(*[make_publication() for _ in range(5)])
    exercise.themes.add(*[make_theme() for _ in range(3)])
    exercise.tags.add("another", "and-another")

    assert [queries(client, url) for url in urls] == with_few
    assert max(with_few) <= 10, with_few


@pytest.fixture
def shipped(shipped_content):
    return list(Exercise.objects.prefetch_related("themes", "readings", "prompts").select_related("reflective_model"))


def test_the_content_ships_one_published_exercise_per_theme(shipped):
    assert len(shipped) == 13
    themes = [theme.slug for exercise in shipped for theme in exercise.themes.all()]
    assert sorted(themes) == sorted(Theme.objects.values_list("slug", flat=True))
    for exercise in shipped:
        assert exercise.is_published and exercise.instructions and exercise.summary
        assert exercise.estimated_minutes and exercise.reflective_model and exercise.prompts.all()


def test_shipped_readings_are_only_research_linked_to_the_exercise_theme(shipped):
    for exercise in shipped:
        (theme,) = exercise.themes.all()
        linked = set(Evidence.objects.filter(theme=theme).values_list("publication__slug", flat=True))
        readings = {publication.slug for publication in exercise.readings.all()}
        assert readings <= linked, exercise.slug
        assert bool(readings) == bool(linked), exercise.slug


def test_loading_the_exercises_again_adds_nothing_and_keeps_curator_edits(shipped):
    edited = shipped[0]
    Exercise.objects.filter(pk=edited.pk).update(title="Rewritten by a curator")

    assert load_exercises(read_content(EXERCISES_FILE)) == {}

    assert Exercise.objects.count() == 13
    assert Exercise.objects.get(pk=edited.pk).title == "Rewritten by a curator"


def test_a_shipped_exercise_naming_an_unknown_theme_is_refused_whole(shipped_content):
    data = {
        "exercises": [
            {"slug": "fine", "title": "Fine", "reflective_model": "gibbs", "themes": ["hope"]},
            {"slug": "typo", "title": "Typo", "reflective_model": "gibbs", "themes": ["hoep"]},
        ]
    }
    with pytest.raises(ValueError, match="unknown theme 'hoep'"):
        load_exercises(data)
    assert not Exercise.objects.filter(slug__in=["fine", "typo"]).exists()
