"""A trainer reads a submission and gives feedback in Chromium; axe on every page of it, in each state."""

import pytest
from playwright.sync_api import expect

from reflections.feedback import feedback_save, reflection_reopen
from reflections.models import Feedback
from tests.browser.test_reflections import collect_errors, log_in
from tests.browser.test_reflections_accessibility import assert_no_violations
from tests.trainer.feedback_data import make_submission

pytestmark = pytest.mark.browser

ANSWER = "We met at the cafe. He emailed me from sam@example.org.\nShe is suffering from anxiety."


@pytest.fixture
def people(site, trainer, practitioner):
    practitioner.first_name, practitioner.last_name = "Pat", "Jones"
    practitioner.save()
    return {"trainer": trainer, "author": practitioner}


@pytest.fixture
def submission(people):
    return make_submission(
        trainer=people["trainer"],
        author=people["author"],
        prompts=2,
        title="A home visit",
        answers={1: ANSWER, 2: "Ask first, then plan."},
        is_cpd=True,
        cpd_type="Reflection on practice",
    )


def read_url(site, reflection):
    return f"{site}/trainer/reflections/{reflection.public_id}/"


def test_the_trainer_releases_feedback_and_the_practitioner_sees_it(site, page, browser, people, submission):
    errors = collect_errors(page)
    log_in(page.context, site, people["trainer"])

    page.goto(site + "/trainer/")
    page.get_by_role("link", name="A home visit").click()
    expect(page.get_by_role("heading", name="A home visit", level=1)).to_be_visible()
    expect(page.get_by_text("sam@example.org").first).to_be_visible()

    page.get_by_label("Your feedback").fill("Good work.\n\n- Keep the *plan* short")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    expect(page.get_by_role("heading", name="Your draft, as Pat Jones will see it once released")).to_be_visible()
    assert Feedback.objects.get().released_at is None

    page.get_by_role("button", name="Release to Pat Jones").click()
    expect(page.get_by_text("Feedback released to Pat Jones, who has been told.")).to_be_visible()
    assert Feedback.objects.get().released_at is not None

    practitioner = browser.new_context()
    log_in(practitioner, site, people["author"])
    theirs = practitioner.new_page()
    theirs.goto(site + "/reflections/")
    theirs.get_by_role("link", name="Feedback on “A home visit”").click()
    feedback = theirs.get_by_role("region", name="Feedback from your trainer")
    expect(feedback).to_contain_text("Good work.")
    expect(feedback.locator("em")).to_have_text("plan")
    expect(feedback).to_contain_text("From tess")
    practitioner.close()
    assert errors == []


def test_the_read_page_has_no_axe_violations_in_each_state(site, page, people, submission):
    log_in(page.context, site, people["trainer"])
    url = read_url(site, submission)

    page.goto(url)
    expect(page.get_by_text("This looks like an email address.")).to_be_visible()
    assert_no_violations(page, "read page with findings")

    page.get_by_role("button", name="Save draft").click()  # empty: refused, with the error by the box
    expect(page.get_by_text("Write some feedback first.")).to_be_visible()
    assert_no_violations(page, "feedback refused")

    feedback_save(reflection=submission, by=people["trainer"], body="A *draft*.", release=False)
    page.goto(url)
    assert_no_violations(page, "read page with draft feedback")

    feedback_save(reflection=submission, by=people["trainer"], body="A *draft*.", release=True)
    page.goto(url)
    expect(page.get_by_role("heading", name="Further feedback")).to_be_visible()
    assert_no_violations(page, "read page after release")

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(url)
    assert_no_violations(page, "read page at 375px")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the read page scrolls sideways at 375px ({width}px)"

    page.goto(site + "/trainer/")
    assert_no_violations(page, "dashboard")


def test_the_practitioners_pages_with_feedback_and_a_note_have_no_axe_violations(site, page, people, submission):
    feedback_save(reflection=submission, by=people["trainer"], body="Well **done**.", release=True)
    log_in(page.context, site, people["author"])

    page.goto(f"{site}/reflections/{submission.public_id}/")
    expect(page.get_by_role("region", name="Feedback from your trainer")).to_contain_text("Well done.")
    assert_no_violations(page, "reflection page with feedback")

    page.goto(site + "/reflections/")
    assert_no_violations(page, "my reflections with a feedback marker")

    reflection_reopen(reflection=submission, by=people["trainer"], note="Take out the email address.")
    for path in (f"/reflections/{submission.public_id}/", f"/reflections/{submission.public_id}/edit/"):
        page.goto(site + path)
        expect(page.get_by_role("complementary", name="Sent back for revision")).to_contain_text(
            "Take out the email address."
        )
        assert_no_violations(page, f"{path} after reopening")


def test_a_stale_feedback_form_keeps_the_text(site, page, people, submission):
    log_in(page.context, site, people["trainer"])
    page.goto(read_url(site, submission))
    page.get_by_label("Your feedback").fill("Careful words I must not lose.")

    reflection_reopen(reflection=submission, by=people["trainer"], note="Revise.")  # from another tab
    page.get_by_role("button", name="Release to Pat Jones").click()

    expect(page.get_by_role("heading", name="Feedback not saved")).to_be_visible()
    expect(page.get_by_label("Your feedback")).to_have_value("Careful words I must not lose.")
    assert_no_violations(page, "feedback not saved")
    assert not Feedback.objects.exists()
