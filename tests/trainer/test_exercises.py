"""Issue 10 item 1: trainers write and edit their own exercises on the trainer pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from publishing.models import Status
from recovery_portal.content import REFLECTIVE_MODELS_FILE, load_reflective_models, read_content
from reflections.models import Exercise, Prompt, Reflection, ReflectiveModel
from research.models import Publication
from tests.factories import make_exercise, make_publication, make_theme, make_user, refresh_search

pytestmark = pytest.mark.django_db

LIST = "/trainer/exercises/"
NEW = "/trainer/exercises/new/"


def edit_url(exercise):
    return f"/trainer/exercises/{exercise.pk}/edit/"


@pytest.fixture
def content(db):
    """The shipped reflective models, loaded as load_recovery_content loads them."""
    load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))
    return {model.slug: model for model in ReflectiveModel.objects.prefetch_related("stages")}


@pytest.fixture
def gibbs(content):
    return content["gibbs"]


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def other_trainer(db):
    return make_user("otto", role="Trainers")


def questions_data(rows, *, initial=None):
    """The formset's fields for `rows` (dicts: text, guidance, stage, id, position, delete), plus an empty row."""
    data = {
        "questions-TOTAL_FORMS": str(len(rows) + 1),
        "questions-INITIAL_FORMS": str(len(rows) if initial is None else initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "25",
    }
    for index, row in enumerate(rows):
        prefix = f"questions-{index}-"
        data[prefix + "id"] = row.get("id", "")
        data[prefix + "stage"] = row.get("stage", "")
        data[prefix + "position"] = row.get("position", index + 1)
        data[prefix + "text"] = row.get("text", "")
        data[prefix + "guidance"] = row.get("guidance", "")
        if row.get("delete"):
            data[prefix + "DELETE"] = "on"
    empty = f"questions-{len(rows)}-"
    data.update({empty + name: "" for name in ("id", "stage", "position", "text", "guidance")})
    return data


def model_rows(model):
    return [{"stage": stage.pk, "text": stage.prompt, "guidance": stage.guidance} for stage in model.stages.all()]


def exercise_data(model, *, rows=None, action="save", **fields):
    data = {
        "action": action,
        "title": "Listening for hope",
        "summary": "A conversation in which hope grew.",
        "instructions": "Think of a **recent** visit.",
        "reflective_model": model.pk,
        "estimated_minutes": "25",
        "status": Status.DRAFT,
        "updated": "",
        "reading_q": "",
    }
    data.update(fields)
    data.update(questions_data(model_rows(model) if rows is None else rows))
    return data


def page_text(response):
    return response.content.decode()


def written_exercise(trainer, model, **overrides):
    """An exercise as the trainer pages save one: the model's stages as its first prompts, then its own."""
    exercise = make_exercise(reflective_model=model, author=trainer, **{"status": Status.DRAFT, **overrides})
    for position, stage in enumerate(model.stages.all(), start=1):
        Prompt.objects.create(exercise=exercise, stage=stage, position=position, text=stage.prompt)
    Prompt.objects.create(exercise=exercise, position=99, text="What would the person say about it?")
    return Exercise.objects.get(pk=exercise.pk)


# Access -------------------------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_log_in(client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs)
    for url in (LIST, NEW, edit_url(exercise), "/trainer/exercises/readings.json?q=hope"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert client.get("/trainer/exercises/readings.json?q=hope", HTTP_ACCEPT="application/json").status_code == 403


def test_practitioners_and_curators_get_the_trainers_only_page(client, practitioner, curator, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs)
    for person in (practitioner, curator):
        client.force_login(person)
        for url in (LIST, NEW):
            response = client.get(url)
            assert response.status_code == 403, url
            assert "For trainers only" in page_text(response)
        # A page about one exercise is a 404, as for an id that does not exist.
        assert client.get(edit_url(exercise)).status_code == 404
        before = Exercise.objects.count()
        assert client.post(NEW, exercise_data(gibbs)).status_code == 403
        assert Exercise.objects.count() == before


def test_a_trainer_gets_404_for_another_trainers_exercise_and_changes_nothing(client, trainer, other_trainer, gibbs):
    exercise = written_exercise(trainer, gibbs, title="Tess's exercise")
    prompts = list(exercise.prompts.values_list("pk", "text"))
    client.force_login(other_trainer)

    assert client.get(edit_url(exercise)).status_code == 404
    assert client.get("/trainer/exercises/999999/edit/").status_code == 404
    data = exercise_data(gibbs, title="Taken over", status=Status.PUBLISHED, updated=exercise.updated.isoformat())
    for action in ("save", "preview", "find", "fill"):
        assert client.post(edit_url(exercise), {**data, "action": action}).status_code == 404

    exercise.refresh_from_db()
    assert (exercise.title, exercise.status) == ("Tess's exercise", Status.DRAFT)
    assert list(exercise.prompts.values_list("pk", "text")) == prompts
    assert "Tess&#x27;s exercise" not in page_text(client.get(LIST))


def test_the_list_shows_only_the_trainers_own_exercises_labelled(trainer_client, trainer, other_trainer, gibbs):
    mine = written_exercise(trainer, gibbs, title="My draft")
    published = written_exercise(trainer, gibbs, title="My published one", status=Status.PUBLISHED)
    written_exercise(other_trainer, gibbs, title="Otto's exercise")

    response = trainer_client.get(LIST)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = page_text(response)
    assert f'href="{edit_url(mine)}"' in page and f'href="{edit_url(published)}"' in page
    assert "Otto" not in page
    assert re.search(r"My draft</a></h2>\s*<p><span class=\"badge badge-draft\">Draft</span>", page)
    assert re.search(r"My published one</a></h2>\s*<p><span class=\"badge badge-published\">Published</span>", page)
    assert f'href="{published.get_absolute_url()}"' in page and f'href="{mine.get_absolute_url()}"' not in page
    assert f'href="{NEW}"' in page and "Write an exercise" in page
    assert "Free reflection" not in page  # the shipped exercises have no author: not the trainer's


def test_the_list_costs_the_same_with_few_or_many_exercises(trainer_client, trainer, gibbs):
    written_exercise(trainer, gibbs)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert trainer_client.get(LIST).status_code == 200
        return len(captured)

    with_one = queries()
    for number in range(30):
        written_exercise(trainer, gibbs, title=f"Exercise {number}", tags=[f"tag-{number}"])
    assert queries() == with_one
    assert with_one <= 8


def test_the_form_costs_the_same_however_big_the_library(trainer_client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs, readings=[make_publication()])

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert trainer_client.get(url).status_code == 200
        return len(captured)

    urls = [NEW, edit_url(exercise)]
    with_few = [queries(url) for url in urls]
    Publication.objects.bulk_create(
        [Publication(title=f"Study {n}", slug=f"study-many-{n}", status=Status.PUBLISHED) for n in range(300)]
    )
    exercise.readings.add(*Publication.objects.filter(title__startswith="Study")[:5])
    Prompt.objects.create(exercise=exercise, position=100, text="One more")
    page = page_text(trainer_client.get(edit_url(exercise)))

    assert [queries(url) for url in urls] == with_few
    assert page.count('name="readings"') == 6  # the chosen ones only, never the library


def test_the_dashboard_links_to_the_trainers_exercises(trainer_client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs, title="On the dashboard")

    page = page_text(trainer_client.get("/trainer/"))

    assert f'<a href="{edit_url(exercise)}">On the dashboard</a>' in page
    assert f'href="{NEW}"' in page and "Write an exercise" in page and f'href="{LIST}"' in page


# Writing ------------------------------------------------------------------------------------------------


def test_a_new_exercise_starts_with_a_models_questions_and_fills_in_another(trainer_client, content):
    free, kolb = content["free"], content["kolb"]

    page = page_text(trainer_client.get(NEW))
    assert 'id="model-free" aria-describedby="model-free-summary" checked' in page or re.search(
        r'id="model-free"[^>]*checked', page
    )
    assert "What happened, and what do you make of it now?</textarea>" in page

    own = {"text": "What did the person teach you?", "guidance": "One sentence."}
    response = trainer_client.post(
        NEW, exercise_data(kolb, rows=[*model_rows(free), own], action="fill", title="Kept title")
    )

    assert response.status_code == 200
    page = page_text(response)
    texts = re.findall(r'name="questions-\d+-text"[^>]*>\n(.*?)</textarea>', page)
    assert texts == [stage.prompt for stage in kolb.stages.all()] + ["What did the person teach you?", ""]
    assert "What happened, and what do you make of it now?" not in page
    assert 'value="Kept title"' in page
    assert "The questions of Kolb&#x27;s learning cycle are filled in below" in page
    assert Exercise.objects.filter(title="Kept title").count() == 0


def test_saving_a_new_exercise_keeps_the_models_questions_as_edited_and_an_extra_one(trainer_client, trainer, gibbs):
    rows = model_rows(gibbs)
    rows[0]["text"] = "What happened on the visit?"
    rows.append({"text": "What would the person say about it?", "guidance": "In their words."})
    theme, reading = make_theme(slug="hope"), make_publication()
    tag = Tag.objects.create(name="hope", slug="hope")
    data = exercise_data(gibbs, rows=rows, themes=[theme.pk], readings=[reading.pk], tags=[tag.pk])

    response = trainer_client.post(NEW, data)

    assert response.status_code == 302 and response["Location"] == LIST
    exercise = Exercise.objects.get(title="Listening for hope")
    assert (exercise.author, exercise.status, exercise.slug) == (trainer, Status.DRAFT, "listening-for-hope")
    assert (exercise.reflective_model, exercise.estimated_minutes) == (gibbs, 25)
    prompts = list(exercise.prompts.order_by("position"))
    assert [prompt.text for prompt in prompts] == [row["text"] for row in rows]
    assert [prompt.stage for prompt in prompts] == [*gibbs.stages.all(), None]
    assert [prompt.position for prompt in prompts] == list(range(1, len(rows) + 1))
    assert list(exercise.themes.all()) == [theme] and list(exercise.readings.all()) == [reading]
    assert list(exercise.tags.names()) == ["hope"]
    assert exercise.history.latest("history_id").history_user == trainer

    listing = page_text(trainer_client.get(LIST))
    assert "“Listening for hope” is saved as a draft" in listing


def test_a_second_exercise_with_the_same_title_gets_its_own_address(trainer_client, gibbs):
    make_exercise(reflective_model=gibbs, slug="listening-for-hope")

    assert trainer_client.post(NEW, exercise_data(gibbs)).status_code == 302
    assert trainer_client.post(NEW, exercise_data(gibbs)).status_code == 302

    slugs = set(Exercise.objects.filter(title="Listening for hope").values_list("slug", flat=True))
    assert slugs == {"listening-for-hope-2", "listening-for-hope-3"}


def test_editing_rewords_reorders_and_deletes_questions(trainer_client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs)
    prompts = list(exercise.prompts.order_by("position"))
    rows = [
        {"id": prompt.pk, "stage": prompt.stage_id or "", "text": prompt.text, "position": index + 1}
        for index, prompt in enumerate(prompts)
    ]
    rows[0]["delete"] = True  # Description goes
    rows[1]["text"] = "How did you feel, honestly?"
    rows[-1]["position"] = 2  # the own question moves up to second place, before Feelings
    data = exercise_data(gibbs, rows=rows, updated=exercise.updated.isoformat(), title="Renamed")

    response = trainer_client.post(edit_url(exercise), data)

    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Renamed" and exercise.slug == prompts[0].exercise.slug
    after = list(exercise.prompts.order_by("position").select_related("stage"))
    assert [prompt.text for prompt in after][:3] == [
        "What would the person say about it?",
        "How did you feel, honestly?",
        "What went well, and what did not?",
    ]
    assert [prompt.pk for prompt in after] == [prompts[-1].pk, prompts[1].pk, *[p.pk for p in prompts[2:-1]]]
    assert not Prompt.objects.filter(pk=prompts[0].pk).exists()
    assert [prompt.position for prompt in after] == list(range(1, len(after) + 1))


def test_the_edit_form_shows_the_questions_in_their_order(trainer_client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs)

    page = page_text(trainer_client.get(edit_url(exercise)))

    texts = re.findall(r'name="questions-\d+-text"[^>]*>\n(.*?)</textarea>', page)
    assert texts == [stage.prompt for stage in gibbs.stages.all()] + ["What would the person say about it?", ""]
    assert "Question 1: Description (Gibbs&#x27; reflective cycle)" in page
    assert f'name="updated" value="{exercise.updated.isoformat()}"' in page


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda rows: rows[0].update(text="   "), "Write the question, or tick “Delete” to leave it out."),
        (lambda rows: rows[0].update(text="x" * 1001), "the limit is 1000"),
        (lambda rows: rows[0].update(position="0"), "greater than or equal to 1"),
        (lambda rows: [row.update(delete=True) for row in rows], "An exercise needs at least one question."),
        (lambda rows: [row.update(stage="") for row in rows], "Keep at least one of the questions of Gibbs"),
        (lambda rows: rows[0].update(stage="999999"), "came from another reflective model"),
    ],
)
def test_bad_questions_are_refused_with_the_text_kept(trainer_client, gibbs, change, message):
    rows = model_rows(gibbs)
    change(rows)

    response = trainer_client.post(NEW, exercise_data(gibbs, rows=rows, title="Not yet"))

    assert response.status_code == 400
    page = page_text(response)
    assert "The exercise was not saved" in page and message in page
    assert 'value="Not yet"' in page and "What were you thinking and feeling at the time?" in page
    assert not Exercise.objects.filter(title="Not yet").exists()


def test_a_title_is_needed_and_minutes_are_checked(trainer_client, gibbs):
    response = trainer_client.post(NEW, exercise_data(gibbs, title="", estimated_minutes="0"))

    assert response.status_code == 400
    page = page_text(response)
    assert '<a href="#id_title">Title: This field is required.</a>' in page
    assert "Estimated minutes: Ensure this value is greater than or equal to 1." in page


def test_the_preview_renders_markdown_without_scripts_or_javascript_links(trainer_client, gibbs):
    instructions = (
        "Read **this** first.\n\n<script>alert('x')</script>\n\n"
        '[a link](javascript:alert(1)) and <a href="javascript:alert(2)" onclick="alert(3)">another</a>'
    )
    rows = [*model_rows(gibbs), {"text": "An own <b>question</b>?"}]

    response = trainer_client.post(NEW, exercise_data(gibbs, rows=rows, action="preview", instructions=instructions))

    assert response.status_code == 200
    page = page_text(response)
    preview = page[page.index('id="preview"') : page.index('id="reflective-model"')]
    assert "<strong>this</strong>" in preview
    assert "<script" not in preview and "javascript:" not in preview and "onclick" not in preview
    assert "An own &lt;b&gt;question&lt;/b&gt;?" in preview and "<strong>Description.</strong>" in preview
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # the text stays in its box, escaped
    assert "The exercise was not saved" not in page and not Exercise.objects.filter(title="Listening for hope")


def test_finding_readings_without_javascript_offers_matches_and_keeps_those_chosen(trainer_client, gibbs):
    chosen = make_publication(title="Hope and recovery: a chosen study")
    make_publication(title="Hope in the community")
    make_publication(title="Hope withdrawn, a draft", status=Status.DRAFT)
    for number in range(15):
        make_publication(title=f"Unrelated report {number}")

    response = trainer_client.post(NEW, exercise_data(gibbs, action="find", reading_q="hope", readings=[chosen.pk]))

    assert response.status_code == 200
    page = page_text(response)
    assert re.search(rf'value="{chosen.pk}" id="reading-{chosen.pk}" checked', page)
    found = page[page.index('id="readings-found"') :]
    assert "Hope in the community" in found and "a chosen study" not in found
    assert "Hope withdrawn" not in page and "Unrelated report" not in page
    assert "1 reading with “hope” in the title: tick to add." in page

    nothing = page_text(trainer_client.post(NEW, exercise_data(gibbs, action="find", reading_q="zebra")))
    assert "No other published reading has “zebra” in its title." in nothing


def test_a_search_never_lists_more_than_a_few_readings(trainer_client, gibbs):
    Publication.objects.bulk_create(
        [
            Publication(title=f"Recovery study {n}", slug=f"recovery-study-{n}", status=Status.PUBLISHED)
            for n in range(40)
        ]
    )

    page = page_text(trainer_client.post(NEW, exercise_data(gibbs, action="find", reading_q="recovery study")))
    assert page.count('name="readings"') == 10
    assert "10 readings with “recovery study” in the title (the first 10: add a word to narrow" in page

    found = trainer_client.get("/trainer/exercises/readings.json", {"q": "Recovery study 1"}).json()
    assert len(found["results"]) == 10 and found["more"]  # 1, 10 ... 19: eleven titles
    assert all("Recovery study 1" in item["title"] for item in found["results"])
    assert set(found["results"][0]) == {"id", "title", "year"}
    assert trainer_client.get("/trainer/exercises/readings.json", {"q": ""}).json() == {"results": [], "more": False}


# Publishing ---------------------------------------------------------------------------------------------


def test_publishing_puts_it_on_the_exercise_pages_and_in_search(client, trainer, gibbs):
    client.force_login(trainer)
    data = exercise_data(gibbs, title="Listening for zephyrs", status=Status.PUBLISHED)

    assert client.post(NEW, data).status_code == 302

    exercise = Exercise.objects.get(title="Listening for zephyrs")
    assert exercise.is_published
    record = exercise.history.latest("history_id")
    assert (record.history_user, record.history_change_reason) == (trainer, "Published")
    assert "is saved and published" in page_text(client.get(LIST))
    client.logout()
    assert "Listening for zephyrs" in page_text(client.get("/reflections/exercises/"))
    assert client.get(exercise.get_absolute_url()).status_code == 200
    search = page_text(client.get("/search/", {"q": "zephyrs"}))
    assert f'href="{exercise.get_absolute_url()}"' in search


def test_a_draft_stays_off_the_public_pages_and_unpublishing_takes_it_off(client, settings, trainer, gibbs):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    client.force_login(trainer)
    client.post(NEW, exercise_data(gibbs, title="Quiet zephyrs"))
    draft = Exercise.objects.get(title="Quiet zephyrs")
    client.logout()
    assert "Quiet zephyrs" not in page_text(client.get("/reflections/exercises/"))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert f'href="{draft.get_absolute_url()}"' not in page_text(client.get("/search/", {"q": "zephyrs"}))

    client.force_login(trainer)
    draft.refresh_from_db()
    rows = [{"id": p.pk, "stage": p.stage_id, "text": p.text} for p in draft.prompts.order_by("position")]
    publish = exercise_data(gibbs, rows=rows, title="Quiet zephyrs", status=Status.PUBLISHED)
    assert client.post(edit_url(draft), {**publish, "updated": draft.updated.isoformat()}).status_code == 302
    client.logout()
    assert "Quiet zephyrs" in page_text(client.get("/reflections/exercises/"))  # now cached for a minute

    client.force_login(trainer)
    draft.refresh_from_db()
    unpublish = {**publish, "status": Status.DRAFT, "updated": draft.updated.isoformat()}
    assert client.post(edit_url(draft), unpublish).status_code == 302
    client.logout()
    assert "Quiet zephyrs" not in page_text(client.get("/reflections/exercises/"))
    assert f'href="{draft.get_absolute_url()}"' not in page_text(client.get("/search/", {"q": "zephyrs"}))
    assert draft.history.latest("history_id").history_change_reason == "Unpublished"


def test_an_edit_of_a_published_exercise_is_searchable_at_once(client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs, title="Before", status=Status.PUBLISHED)
    refresh_search()
    client.force_login(trainer)
    rows = [{"id": p.pk, "stage": p.stage_id or "", "text": p.text} for p in exercise.prompts.order_by("position")]
    data = exercise_data(gibbs, rows=rows, title="After the quokka", status=Status.PUBLISHED)

    assert client.post(edit_url(exercise), {**data, "updated": exercise.updated.isoformat()}).status_code == 302

    client.logout()
    assert f'href="{exercise.get_absolute_url()}"' in page_text(client.get("/search/", {"q": "quokka"}))


def test_a_stale_form_is_refused_with_the_text_kept(trainer_client, trainer, gibbs):
    exercise = written_exercise(trainer, gibbs, title="Original")
    opened = exercise.updated.isoformat()
    # Meanwhile, another tab saves it.
    Exercise.objects.filter(pk=exercise.pk).update(title="Saved elsewhere", updated=exercise.updated + timedelta(1))
    rows = [{"id": p.pk, "stage": p.stage_id or "", "text": p.text} for p in exercise.prompts.order_by("position")]
    rows[0]["text"] = "My reworded first question"
    data = exercise_data(gibbs, rows=rows, title="Mine", instructions="My new instructions", updated=opened)

    response = trainer_client.post(edit_url(exercise), data)

    assert response.status_code == 409
    page = page_text(response)
    assert "Not saved: this exercise changed after you opened this page" in page
    assert 'value="Mine"' in page and "My new instructions</textarea>" in page
    assert "My reworded first question</textarea>" in page
    exercise.refresh_from_db()
    assert exercise.title == "Saved elsewhere" and exercise.instructions != "My new instructions"

    # The form now carries the newer time: saving it again keeps the trainer's version, knowingly.
    newer = re.search(r'name="updated" value="([^"]+)"', page).group(1)
    assert trainer_client.post(edit_url(exercise), {**data, "updated": newer}).status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Mine"


# What practitioners then get ----------------------------------------------------------------------------


def test_a_practitioner_starting_the_exercise_gets_the_edited_questions(client, trainer, practitioner, gibbs):
    client.force_login(trainer)
    rows = model_rows(gibbs)
    rows[0]["text"] = "What happened on the home visit?"
    rows = [rows[0], rows[4], {"text": "What would the person say?"}]  # Description, Conclusion (learning), own
    assert client.post(NEW, exercise_data(gibbs, rows=rows, status=Status.PUBLISHED)).status_code == 302
    exercise = Exercise.objects.get(title="Listening for hope")
    client.force_login(practitioner)

    page = page_text(client.get("/reflections/new/", {"exercise": exercise.slug}))

    questions = re.findall(r'<span class="stage-question">(.*?)</span>', page)
    assert questions == [
        "What happened on the home visit?",
        "What else could you have done, and what have you learnt?",
        "What would the person say?",
    ]
    assert "What were you thinking and feeling at the time?" not in page

    detail = page_text(client.get(exercise.get_absolute_url()))
    assert "What happened on the home visit?" in detail and "What were you thinking and feeling" not in detail

    form = {"exercise": exercise.slug, "public_id": "0c5e4a36-5d35-4a7e-9f39-4bd7bd4c1d11", "version": "0"}
    form.update({"title": "Visit", "answer_1": "We met.", "answer_2": "Listening first.", "answer_3": "Hm."})
    assert client.post("/reflections/new/", form).status_code == 302
    reflection = Reflection.objects.get(author=practitioner)
    answers = list(reflection.answers.order_by("position").select_related("stage", "prompt"))
    assert [answer.stage.title if answer.stage else None for answer in answers] == ["Description", "Conclusion", None]
    assert [answer.heading for answer in answers] == ["Description", "Conclusion", ""]
    # The Conclusion answer feeds the CPD record's "what I learnt" suggestion, as the model's stage would.
    edit = page_text(client.get(reflection.get_absolute_url() + "edit/"))
    assert re.search(r'id="suggestion-cpd_learning">Listening first\.</blockquote>', edit)


def test_shipped_exercises_still_ask_the_model_first_then_their_own(client, practitioner, shipped_content):
    exercise = Exercise.objects.get(slug="counting-strengths")
    gibbs = ReflectiveModel.objects.get(slug="gibbs")
    client.force_login(practitioner)

    page = page_text(client.get("/reflections/new/", {"exercise": exercise.slug}))

    questions = re.findall(r'<span class="stage-question">(.*?)</span>', page)
    assert questions == [stage.prompt for stage in gibbs.stages.all()] + [
        "Which strength of this person did the assessment leave out, and where could it have gone?"
    ]


def test_curators_still_edit_a_trainers_exercise_in_admin_and_see_which_stage_each_prompt_rewords(
    client, curator, trainer, gibbs
):
    exercise = written_exercise(trainer, gibbs, title="Tess's exercise")
    client.force_login(curator)

    response = client.get(f"/admin/reflections/exercise/{exercise.pk}/change/")

    assert response.status_code == 200
    page = page_text(response)
    assert "Gibbs&#x27; reflective cycle: Description" in page and "What would the person say about it?" in page
