"""The trainer's exercise pages in Chromium: a trainer writes and publishes an exercise; axe in every state."""

import re

import pytest
from playwright.sync_api import expect

from publishing.models import Status
from reflections.models import Exercise, Prompt, ReflectiveModel
from tests.browser.test_reflections import collect_errors, log_in
from tests.browser.test_reflections_accessibility import assert_no_violations
from tests.factories import make_exercise

pytestmark = pytest.mark.browser

EXTRA = "What would the person you supported say about this?"


@pytest.fixture
def written(site, context, trainer):
    """A trainer logged in, with one exercise written on the trainer pages (the model's questions, then one)."""
    log_in(context, site, trainer)
    gibbs = ReflectiveModel.objects.get(slug="gibbs")
    exercise = make_exercise(reflective_model=gibbs, author=trainer, title="Listening first", status=Status.DRAFT)
    for position, stage in enumerate(gibbs.stages.all(), start=1):
        Prompt.objects.create(exercise=exercise, stage=stage, position=position, text=stage.prompt)
    Prompt.objects.create(exercise=exercise, position=7, text=EXTRA)
    return exercise


def test_a_trainer_writes_an_exercise_with_an_extra_question_and_publishes_it(site, page, trainer, written):
    errors = collect_errors(page)
    page.goto(site + "/trainer/")
    page.get_by_role("link", name="Write an exercise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write an exercise")

    page.get_by_role("textbox", name="Title", exact=True).fill("Hope in a first meeting")
    page.get_by_label("Summary").fill("What you said and did that made hope more likely.")
    page.get_by_label("Instructions").fill("Think of a **first** meeting with someone.")
    page.get_by_label("Gibbs' reflective cycle").check()
    page.get_by_role("button", name="Fill in this model's questions").click()
    expect(page.get_by_text("The questions of Gibbs' reflective cycle are filled in below")).to_be_visible()
    expect(page.locator("#id_questions-5-text")).to_have_value("If it happened again, what would you do?")

    page.locator("#id_questions-0-text").fill("What happened in the first meeting?")
    page.locator("#id_questions-6-text").fill(EXTRA)
    page.locator("#id_questions-6-position").fill("2")
    page.get_by_label("Hope at the heart of recovery").check()

    # Readings as the trainer types (the script asks the JSON endpoint); Enter searches, never saves.
    search = page.get_by_label("Find readings by words in their title")
    search.fill("recovery")
    search.press("Enter")
    expect(page.locator("#readings-found-status")).to_contain_text("with “recovery” in the title")
    first = page.locator("#readings-found-list input[name=readings]").first
    reading_id = int(first.get_attribute("value"))
    first.check()
    search.fill("health")  # a new search keeps the reading ticked from the last one
    expect(page.locator("#readings-found-status")).to_contain_text("with “health” in the title")
    expect(page.locator(f"#readings-chosen #reading-{reading_id}")).to_be_checked()
    assert not Exercise.objects.filter(title="Hope in a first meeting").exists()

    page.get_by_label("Published: on the exercise pages").check()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("“Hope in a first meeting” is saved and published")).to_be_visible()
    card = page.locator(".card", has_text="Hope in a first meeting")
    expect(card.locator(".badge")).to_have_text("Published")
    exercise = Exercise.objects.get(title="Hope in a first meeting")
    assert (exercise.author, exercise.status) == (trainer, Status.PUBLISHED)
    prompts = list(exercise.prompts.order_by("position"))
    assert [prompt.text for prompt in prompts[:2]] == ["What happened in the first meeting?", EXTRA]
    assert prompts[1].stage is None and len(prompts) == 7
    assert list(exercise.readings.values_list("pk", flat=True)) == [reading_id]

    page.goto(site + "/reflections/exercises/")
    page.get_by_role("link", name="Hope in a first meeting").click()
    questions = page.locator("ol.prompts > li")
    expect(questions).to_have_count(7)
    expect(questions.nth(0)).to_have_text(re.compile(r"^Description\. What happened in the first meeting\?"))
    expect(questions.nth(1)).to_have_text(EXTRA)
    assert errors == []


def test_the_exercise_pages_have_no_axe_violations(site, page, written):
    edit = f"{site}/trainer/exercises/{written.pk}/edit/"
    for path in ("/trainer/", "/trainer/exercises/", "/trainer/exercises/new/", edit.removeprefix(site)):
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        assert_no_violations(page, path)

    # With a preview, and with readings found without the script's help (the button asks the server).
    page.goto(edit)
    page.get_by_label("Instructions").fill("Read **this**.\n\n<script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    assert_no_violations(page, "edit with a preview")
    page.get_by_label("Find readings by words in their title").fill("recovery")
    page.get_by_role("button", name="Find readings").click()
    expect(page.locator("#readings-found-status")).to_contain_text("with “recovery” in the title")
    assert_no_violations(page, "edit with readings found")

    # With errors.
    page.goto(edit)
    page.get_by_role("textbox", name="Title", exact=True).fill("")
    page.locator("#id_questions-0-text").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="The exercise was not saved")).to_be_visible()
    assert_no_violations(page, "edit with errors")

    # A stale form: saved in another tab meanwhile.
    page.goto(edit)
    other = page.context.new_page()
    other.goto(edit)
    other.get_by_role("textbox", name="Title", exact=True).fill("Saved in the other tab")
    other.get_by_role("button", name="Save", exact=True).click()
    expect(other.get_by_text("is saved as a draft")).to_be_visible()
    page.bring_to_front()  # back to the first tab: Chromium hardly runs one in the background
    page.get_by_role("textbox", name="Title", exact=True).fill("Typed in this tab")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_role("heading", name="Not saved: this exercise changed after you opened this page")
    ).to_be_visible()
    expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value("Typed in this tab")
    assert_no_violations(page, "stale edit")
    assert Exercise.objects.get(pk=written.pk).title == "Saved in the other tab"


def test_the_exercise_form_fits_a_phone(site, page, written):
    page.set_viewport_size({"width": 375, "height": 812})
    for path in ("/trainer/exercises/", "/trainer/exercises/new/", f"/trainer/exercises/{written.pk}/edit/"):
        page.goto(site + path)
        assert_no_violations(page, f"{path} at 375px")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways at 375px ({width}px)"
