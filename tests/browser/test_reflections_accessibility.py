"""axe on every reflections page, in the states a writer meets them (errors, conflicts, confirmations)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from reflections.forms import ANSWER_MAX_CHARS
from reflections.models import ReflectiveModel
from reflections.services import reflection_save
from research.models import Publication
from tests.browser.test_reflections import DESCRIPTION, SAVED, log_in, typing_stops
from tests.factories import make_exercise, make_reflection

pytestmark = pytest.mark.browser

_axe = Axe()


def assert_no_violations(page, where):
    violations = _axe.run(page).response["violations"]
    summary = [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    assert violations == [], f"{where}: {summary}"


@pytest.fixture
def written(site, context, practitioner):
    log_in(context, site, practitioner)
    gibbs = ReflectiveModel.objects.get(slug="gibbs")
    exercise = make_exercise(
        reflective_model=gibbs,
        slug="hope-exercise",
        prompts=["What gave the person hope?"],
        readings=list(Publication.objects.all()[:2]),
        instructions="Read **one** of the readings first.",
    )
    draft = make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        answers={
            1: "He wrote from sam@example.org, then again from sam@example.org.",
            5: "Listen first.",
            6: "Ask, then plan.",
        },
        is_cpd=True,
        cpd_type="Reflection on practice",
    )
    reflection_save(reflection=draft, by=practitioner, version=1, values={"answer_2": "Nervous."}, page="other")
    submitted = make_reflection(author=practitioner, reflective_model=gibbs, title="Done", submit=True)
    return {"draft": draft, "submitted": submitted, "exercise": exercise}


def pages(written):
    draft, submitted = written["draft"], written["submitted"]
    version = draft.versions.order_by("saved_at").first()
    return [
        "/reflections/",
        "/reflections/new/",
        "/reflections/new/?model=gibbs",
        f"/reflections/new/?exercise={written['exercise'].slug}",
        f"/reflections/{draft.public_id}/edit/",
        f"/reflections/{draft.public_id}/",
        f"/reflections/{submitted.public_id}/",
        f"/reflections/{draft.public_id}/submit/",
        f"/reflections/{draft.public_id}/versions/",
        f"/reflections/{draft.public_id}/versions/{version.pk}/",
        "/reflections/cpd/",
        "/reflections/cpd/?print=1",
        "/accounts/delete/",
    ]


def test_every_reflections_page_has_no_axe_violations(site, page, written):
    for path in pages(written):
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        if path.endswith("/edit/"):
            page.get_by_text("CPD record for Social Work England").click()  # open the CPD fields too
        assert_no_violations(page, path)


def test_the_writing_page_and_cpd_record_have_no_violations_on_a_phone(site, page, written):
    page.set_viewport_size({"width": 375, "height": 812})
    for path in (f"/reflections/{written['draft'].public_id}/edit/", "/reflections/cpd/", "/reflections/"):
        page.goto(site + path)
        assert_no_violations(page, f"{path} at 375px")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways at 375px ({width}px)"


def test_the_states_a_writer_meets_have_no_violations(site, page, context, written):
    draft = written["draft"]
    edit = f"{site}/reflections/{draft.public_id}/edit/"

    # A refused submit, with the confirmations to tick.
    page.goto(f"{site}/reflections/{draft.public_id}/submit/")
    page.get_by_role("button", name="Submit reflection").click()
    expect(page.get_by_text("Tick each detail once you have checked it").first).to_be_visible()
    assert_no_violations(page, "submit with errors")

    # An account deletion with the wrong password.
    page.goto(site + "/accounts/delete/")
    page.get_by_label("Your password").fill("wrong")
    page.get_by_role("button", name="Delete my account and everything I wrote").click()
    expect(page.get_by_text("That is not your password.")).to_be_visible()
    assert_no_violations(page, "delete with a wrong password")

    # The conflict panel, after another tab saved.
    context.clock.install()  # for typing_stops
    page.goto(edit)
    other = context.new_page()
    other.goto(edit)
    other.get_by_label(DESCRIPTION, exact=True).fill("From the other tab.")
    typing_stops(other)
    expect(other.locator("#save-status")).to_have_text(SAVED)
    page.bring_to_front()  # back to the first tab: Chromium hardly runs one in the background
    page.get_by_label(DESCRIPTION, exact=True).fill("From this tab.")
    typing_stops(page)
    expect(page.get_by_role("region", name="Saved somewhere else as well")).to_be_visible()
    assert_no_violations(page, "conflict panel")


def test_the_plain_saves_error_pages_have_no_violations(site, page, written, practitioner):
    # axe needs JavaScript, so these pages are reached by the plain "Save draft" (which the script leaves alone).
    draft = written["draft"]
    edit = f"{site}/reflections/{draft.public_id}/edit/"

    # A stale plain save: both texts side by side (409).
    page.goto(edit)
    reflection_save(reflection=draft, by=practitioner, version=2, values={"answer_1": "Saved elsewhere."})
    page.get_by_label(DESCRIPTION, exact=True).fill("Typed here.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Saved somewhere else as well")).to_be_visible()
    expect(page.get_by_text("Saved elsewhere.", exact=True)).to_be_visible()
    assert_no_violations(page, "plain save conflict")

    # An answer over the limit (400): refused in plain words, the text left in the box.
    page.goto(edit)
    page.get_by_label(DESCRIPTION, exact=True).fill("x" * (ANSWER_MAX_CHARS + 1))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Your draft was not saved")).to_be_visible()
    assert_no_violations(page, "plain save with an error")
