"""Cohorts in a real browser: a trainer sets work, a practitioner starts it; axe on every cohort page and state."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from reflections.cohorts import extension_grant
from reflections.models import Exercise, Feedback, Invitation, Reflection
from tests.browser.test_reflections import log_in
from tests.factories import make_assignment, make_user
from tests.trainer.cohort_data import a_cohort, members, write

pytestmark = pytest.mark.browser

_axe = Axe()


def assert_no_violations(page, where):
    violations = _axe.run(page).response["violations"]
    summary = [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    assert violations == [], f"{where}: {summary}"


def test_a_trainer_sets_work_and_a_practitioner_starts_it(site, page, context, browser, trainer, practitioner):
    exercise = Exercise.objects.published().order_by("title").first()
    log_in(context, site, trainer)

    page.goto(site + "/trainer/")
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Name").fill("Tuesday group")
    page.get_by_role("button", name="Make the cohort").click()
    expect(page.get_by_text("Cohort “Tuesday group” made.")).to_be_visible()

    page.get_by_label("Username or email address", exact=True).fill("pat")
    page.get_by_role("button", name="Add or invite").click()
    expect(page.get_by_text("Added pat to the cohort.")).to_be_visible()
    expect(page.get_by_role("cell", name="pat", exact=True)).to_be_visible()

    page.get_by_role("link", name="Assign an exercise").click()
    expect(page.get_by_text("UK time").first).to_be_visible()
    page.get_by_label("Exercise").select_option(label=exercise.title)
    page.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_label("Due time (UK time)").fill("17:00")
    page.get_by_label("Note to the cohort (optional)").fill("Bring it to the session.")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text(f"Assigned “{exercise.title}”")).to_be_visible()
    grid = page.get_by_role("region", name="Progress")
    expect(grid.get_by_role("cell", name="Not started")).to_be_visible()

    # The practitioner, in a browser of their own.
    theirs = browser.new_context()
    log_in(theirs, site, practitioner)
    mine = theirs.new_page()
    mine.goto(site + "/reflections/")
    assignments = mine.get_by_role("table", name="Your assignments")
    expect(assignments.get_by_role("rowheader", name=exercise.title)).to_be_visible()
    expect(assignments.get_by_text("Tuesday group")).to_be_visible()
    assignments.get_by_role("link", name=f"Start {exercise.title}").click()
    expect(mine.get_by_text("Set for Tuesday group: due")).to_be_visible()
    mine.get_by_label("Title", exact=True).fill("What hope looked like")
    mine.locator("textarea[name=answer_1]").fill("A first thought.")
    mine.get_by_role("button", name="Save draft").click()
    expect(mine.get_by_text("Draft saved at")).to_be_visible()

    reflection = Reflection.objects.get()
    assert reflection.assignment.cohort.name == "Tuesday group" and reflection.author == practitioner
    mine.goto(site + "/reflections/")
    expect(mine.get_by_role("table", name="Your assignments").get_by_role("link", name="Continue")).to_be_visible()
    theirs.close()

    page.reload()
    expect(page.get_by_role("region", name="Progress").get_by_role("cell", name="Draft")).to_be_visible()


@pytest.fixture
def cohort_world(site, context, trainer, practitioner):
    log_in(context, site, trainer)
    people = [practitioner, *members(4)]
    setup = a_cohort(trainer, people=people, name="Tuesday group", due_in_days=-1)
    make_assignment(exercise=setup.exercise, cohort=setup.cohort, due_in_days=12)
    write(people[1], setup)
    late = write(people[2], setup, submit=True)
    answered = write(people[3], setup, submit=True)
    Feedback.objects.create(reflection=answered, author=trainer, body="Thanks.", released_at=timezone.now())
    extension_grant(
        assignment=setup.assignment, member=people[4], due_at=timezone.now() + timedelta(days=3), by=trainer
    )
    invitation = Invitation.objects.create(
        cohort=setup.cohort,
        email="nia@example.org",
        invited_by=trainer,
        expires_at=timezone.now() + timedelta(days=14),
    )
    used = Invitation.objects.create(
        cohort=setup.cohort,
        email="used@example.org",
        invited_by=trainer,
        expires_at=timezone.now() + timedelta(days=14),
        used_at=timezone.now(),
    )
    expired = Invitation.objects.create(
        cohort=setup.cohort, email="old@example.org", invited_by=trainer, expires_at=timezone.now() - timedelta(days=1)
    )
    return {"setup": setup, "late": late, "invitation": invitation, "used": used, "expired": expired}


def trainer_pages(world):
    cohort, assignment = world["setup"].cohort.pk, world["setup"].assignment.pk
    return [
        "/trainer/",
        "/trainer/cohorts/",
        "/trainer/cohorts/new/",
        f"/trainer/cohorts/{cohort}/",
        f"/trainer/cohorts/{cohort}/members/",
        f"/trainer/cohorts/{cohort}/assign/",
        f"/trainer/cohorts/{cohort}/assignments/{assignment}/",
    ]


def test_every_cohort_page_has_no_axe_violations(site, page, cohort_world):
    for path in trainer_pages(cohort_world):
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        assert_no_violations(page, path)


def test_the_cohort_pages_error_states_have_no_violations(site, page, cohort_world):
    cohort = cohort_world["setup"].cohort.pk

    page.goto(f"{site}/trainer/cohorts/new/")
    page.get_by_role("button", name="Make the cohort").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_no_violations(page, "new cohort without a name")

    page.goto(f"{site}/trainer/cohorts/{cohort}/members/")
    page.get_by_label("Username or email address", exact=True).fill("pat")
    page.get_by_role("button", name="Add or invite").click()
    expect(page.get_by_text("pat is already a member of this cohort.")).to_be_visible()
    page.get_by_label("Username or email address of a trainer").fill("sam@@example")
    page.get_by_role("button", name="Add a co-trainer").click()
    expect(page.get_by_text("“sam@@example” is not an email address.")).to_be_visible()
    assert_no_violations(page, "members page with errors")

    page.goto(f"{site}/trainer/cohorts/{cohort}/assign/")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_no_violations(page, "assign with errors")

    page.goto(f"{site}/trainer/cohorts/{cohort}/assignments/{cohort_world['setup'].assignment.pk}/")
    page.get_by_label("Username or email address of the member").fill("pat")
    page.get_by_label("New due date").fill((timezone.localdate() - timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Give the extension").click()
    expect(page.get_by_text("An extension must end after the due date")).to_be_visible()
    assert_no_violations(page, "extension before the due date")

    page.goto(f"{site}/trainer/cohorts/{cohort}/assign/")
    page.get_by_label("Exercise").select_option(index=1)
    page.get_by_label("Due date").fill((timezone.localdate() - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("has already passed")).to_be_visible()
    assert_no_violations(page, "the grid with the past-due warning")


def test_the_invitation_pages_have_no_violations(site, browser, cohort_world):
    visitor = browser.new_context()  # nobody logged in
    page = visitor.new_page()
    page.goto(f"{site}/reflections/join/{cohort_world['invitation'].token}/")
    assert_no_violations(page, "invitation")
    page.get_by_label("Username").fill("nia")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password confirmation").fill("something else entirely")
    page.get_by_role("button", name="Make my account and join").click()
    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    assert_no_violations(page, "invitation with errors")
    for key, heading in (("used", "already been used"), ("expired", "has expired")):
        page.goto(f"{site}/reflections/join/{cohort_world[key].token}/")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert_no_violations(page, f"{key} invitation")
    visitor.close()


def test_my_assignments_and_the_assigned_writing_page_have_no_violations(site, browser, cohort_world, practitioner):
    theirs = browser.new_context()
    log_in(theirs, site, practitioner)
    page = theirs.new_page()
    page.goto(site + "/reflections/")
    expect(page.get_by_text("Overdue").first).to_be_visible()
    assert_no_violations(page, "/reflections/ with assignments")
    page.get_by_role("link", name="Start").first.click()
    expect(page.get_by_text("Set for Tuesday group")).to_be_visible()
    assert_no_violations(page, "writing page for an assignment")
    theirs.close()


def test_on_a_phone_the_grid_scrolls_in_its_own_region_and_the_page_does_not(site, page, cohort_world):
    page.set_viewport_size({"width": 375, "height": 812})
    for path in trainer_pages(cohort_world):
        page.goto(site + path)
        assert_no_violations(page, f"{path} at 375px")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways at 375px ({width}px)"
    page.goto(f"{site}/trainer/cohorts/{cohort_world['setup'].cohort.pk}/")
    region = page.get_by_role("region", name="Progress")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")  # the grid scrolls inside its region
    member = page.get_by_role("rowheader").first
    region.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    box = member.bounding_box()
    assert box is not None and box["x"] >= 0  # the member names stay in view


def test_a_trainer_of_another_cohort_gets_not_found(site, browser, cohort_world):
    other = make_user("olga", role="Trainers")
    theirs = browser.new_context()
    log_in(theirs, site, other)
    page = theirs.new_page()
    response = page.goto(f"{site}/trainer/cohorts/{cohort_world['setup'].cohort.pk}/")
    assert response is not None and response.status == 404
    theirs.close()
