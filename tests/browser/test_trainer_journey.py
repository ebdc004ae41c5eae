"""The whole trainer path in Chromium, through the pages only: an exercise, a cohort, an assignment, a submission,
feedback drafted then released; axe on each page on the way. Then the practitioner's part without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_reflections import SAVED, collect_errors, log_in, typing_stops
from tests.browser.test_reflections_accessibility import assert_no_violations

pytestmark = pytest.mark.browser

EXERCISE = "A first home visit"
EXTRA = "What would the person you visited say about it?"
WHAT = "What? What happened, and what was your part in it?"
SO_WHAT = "So what? What does it mean for you, for the person and for your practice?"
NOW_WHAT = "Now what? What will you do differently, and what would help you do it?"
FEEDBACK = "Thank you. The **plan** you made together is the heart of it."


def set_work(page, site, exercise=EXERCISE, check=assert_no_violations):
    """The trainer's part, from /trainer/: write and publish an exercise, make a cohort with pat, assign it.

    Returns the grid's URL, where the assignment leads."""
    page.goto(site + "/trainer/")
    check(page, "/trainer/")

    page.get_by_role("link", name="Write an exercise").click()
    page.get_by_role("textbox", name="Title", exact=True).fill(exercise)
    page.get_by_label("Summary").fill("What made the visit go as it did.")
    page.get_by_label("Instructions").fill("Think of a **first** visit to someone at home.")
    page.get_by_label("Rolfe et al.: What? So what? Now what?").check()
    page.get_by_role("button", name="Fill in this model's questions").click()
    expect(page.get_by_text("The questions of Rolfe et al.: What? So what? Now what? are filled in")).to_be_visible()
    check(page, "new exercise with the model's questions")
    page.locator("#id_questions-3-text").fill(EXTRA)
    page.get_by_label("Hope at the heart of recovery").check()
    page.get_by_label("Published: on the exercise pages").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"“{exercise}” is saved and published")).to_be_visible()
    check(page, "exercise list after saving")

    page.goto(site + "/trainer/")
    page.get_by_role("link", name="New cohort").click()
    check(page, "new cohort")
    page.get_by_label("Name").fill("Home visits group")
    page.get_by_role("button", name="Make the cohort").click()
    expect(page.get_by_text("Cohort “Home visits group” made.")).to_be_visible()
    page.get_by_label("Username or email address", exact=True).fill("pat")
    page.get_by_role("button", name="Add or invite").click()
    expect(page.get_by_text("Added pat to the cohort.")).to_be_visible()
    check(page, "members")

    page.get_by_role("link", name="Assign an exercise").click()
    check(page, "assign")
    page.get_by_label("Exercise").select_option(label=exercise)
    page.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_label("Due time (UK time)").fill("17:00")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text(f"Assigned “{exercise}”")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home visits group")
    return page.url


def test_a_trainer_sets_an_exercise_and_answers_the_submission(site, page, browser, trainer, practitioner):
    errors = collect_errors(page)
    log_in(page.context, site, trainer)
    grid_url = set_work(page, site)
    grid = page.get_by_role("region", name="Progress")
    expect(grid.get_by_role("cell", name="Not started")).to_be_visible()
    assert_no_violations(page, "the grid")

    # The practitioner, in a browser of their own.
    theirs = browser.new_context()
    log_in(theirs, site, practitioner)
    theirs.clock.install()  # for typing_stops
    mine = theirs.new_page()
    their_errors = collect_errors(mine)
    mine.goto(site + "/reflections/")
    expect(mine.get_by_role("link", name="Notifications, 1 unread")).to_have_text("Notifications (1)")
    assignments = mine.get_by_role("table", name="Your assignments")
    expect(assignments.get_by_role("rowheader", name=re.compile(EXERCISE))).to_be_visible()
    assert_no_violations(mine, "/reflections/ with an assignment")

    mine.get_by_role("link", name="Notifications, 1 unread").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert_no_violations(mine, "/notifications/")
    # One click from the notification to the writing page for the assignment.
    mine.get_by_role("link", name=f"New exercise for Home visits group: {EXERCISE}").click()
    expect(mine.get_by_text("Set for Home visits group: due")).to_be_visible()
    expect(mine.get_by_role("link", name="Notifications", exact=True)).to_be_visible()  # read: no count left
    assert_no_violations(mine, "writing page for the assignment")
    mine.get_by_label(WHAT, exact=True).fill("I visited Sam at home; I wrote to sam@example.org before.")
    typing_stops(mine)
    expect(mine.locator("#save-status")).to_have_text(SAVED)
    mine.get_by_label(SO_WHAT, exact=True).fill("Planning together gave him a say.")
    mine.get_by_label(NOW_WHAT, exact=True).fill("Ask first, then plan.")
    mine.get_by_label(EXTRA, exact=True).fill("That he was listened to.")
    mine.get_by_label("Title", exact=True).fill("The visit to Sam")
    typing_stops(mine)
    expect(mine.locator("#save-status")).to_have_text(SAVED)

    mine.get_by_role("button", name="Review and submit").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("Check, then submit")
    assert_no_violations(mine, "submit page")
    details = mine.get_by_role("group", name="Details that could identify someone").get_by_role("checkbox")
    expect(details).to_have_count(2)  # "Sam" (in the title and the answer: asked once), and the email address
    expect(mine.get_by_text("Found 2 times, in “Title” and “What?”.")).to_be_visible()
    expect(mine.get_by_label("I have checked “sam@example.org” and it identifies nobody")).to_be_visible()
    for box in details.all():
        box.check()
    mine.get_by_role("button", name="Submit reflection").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("The visit to Sam")
    reflection_url = mine.url

    # The trainer: the grid says submitted; the reading page; feedback drafted, unseen, then released.
    page.goto(grid_url)
    cell = page.get_by_role("region", name="Progress").get_by_role("cell", name="Submitted on time")
    expect(cell).to_be_visible()
    cell.get_by_role("link").click()
    expect(page.get_by_role("heading", name="The visit to Sam", level=1)).to_be_visible()
    expect(page.get_by_text("That he was listened to.")).to_be_visible()
    # The checks as the author saw them: each detail once, where it occurs, no boxes to tick.
    checks = page.get_by_role("region", name="What the writing checks found")
    expect(checks.get_by_role("heading", name="Details that could identify someone (2)")).to_be_visible()
    expect(checks.get_by_text("Found 2 times, in “Title” and “What?”.")).to_be_visible()
    expect(checks.get_by_role("checkbox")).to_have_count(0)
    page.get_by_label("Your feedback").fill(FEEDBACK)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    assert_no_violations(page, "reading page with a draft")

    mine.goto(reflection_url)
    expect(mine.get_by_role("heading", level=1)).to_have_text("The visit to Sam")
    expect(mine.get_by_role("region", name="Feedback from your trainer")).to_have_count(0)
    expect(mine.get_by_text("The heart of it")).to_have_count(0)

    page.get_by_role("button", name="Release to pat").click()
    expect(page.get_by_text("Feedback released to pat, who has been told.")).to_be_visible()
    assert_no_violations(page, "reading page with feedback released")

    mine.goto(site + "/reflections/")
    mine.get_by_role("link", name="Feedback on “The visit to Sam”").click()
    feedback = mine.get_by_role("region", name="Feedback from your trainer")
    expect(feedback).to_contain_text("The plan you made together is the heart of it.")
    expect(feedback.locator("strong")).to_have_text("plan")
    assert_no_violations(mine, "reflection page with feedback")

    page.goto(grid_url)
    expect(page.get_by_role("region", name="Progress").get_by_role("cell", name="Feedback given")).to_be_visible()
    theirs.close()
    assert errors == [] and their_errors == []


def test_without_javascript_the_practitioner_writes_and_submits_the_assignment(
    site, page, browser, trainer, practitioner
):
    log_in(page.context, site, trainer)
    grid_url = set_work(page, site, exercise="A visit without scripts", check=lambda page, where: None)

    theirs = browser.new_context(java_script_enabled=False)
    log_in(theirs, site, practitioner)
    mine = theirs.new_page()
    mine.goto(site + "/reflections/")
    expect(mine.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    mine.get_by_role("link", name="Start A visit without scripts").click()
    mine.get_by_label("Title", exact=True).fill("Plainly written")
    mine.get_by_label(WHAT, exact=True).fill("I visited a man at home.")
    mine.get_by_label(EXTRA, exact=True).fill("That he was heard.")
    mine.get_by_role("button", name="Save draft").click()
    expect(mine.locator(".messages")).to_contain_text("Draft saved at")

    mine.get_by_role("button", name="Review and submit").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("Check, then submit")
    mine.get_by_role("button", name="Submit reflection").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("Plainly written")
    expect(mine.get_by_text("can no longer change").first).to_be_visible()
    theirs.close()

    page.goto(grid_url)
    expect(page.get_by_role("region", name="Progress").get_by_role("cell", name="Submitted on time")).to_be_visible()
