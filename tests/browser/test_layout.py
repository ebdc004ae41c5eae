"""Every public page, and the practitioner's and trainer's own pages, at 1280 px, at 375 px and in print.

On each page no text may be drawn over other text or hidden under another box, and the
page may not be wider than the screen. In print, nothing that only works on screen
(buttons, links drawn as buttons, download links, form fields) shows, and no heading stands over nothing.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from taggit.models import Tag

from reflections.models import Exercise
from research.models import Publication
from tests.browser.test_reflections import log_in
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection
from tests.trainer.feedback_data import make_submission
from themes.models import Theme

pytestmark = pytest.mark.browser

CHECK = (Path(__file__).resolve().parent / "layout_check.js").read_text()
MODES = {"1280": (1280, "screen"), "375": (375, "screen"), "print": (720, "print")}
PAGES = [
    "/",
    "/themes/",
    "/themes/map/",
    "/research/",
    "/research/?kind=report&sort=title",
    "/tags/",
    "/search/?q=hope",
    "/reflections/exercises/",
    "/reflections/exercises/giving-and-taking-hope/",
    "/about/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/no-such-page/",
]


def every_public_page():
    return [
        *PAGES,
        *[theme.get_absolute_url() for theme in Theme.objects.published()],
        *[publication.get_absolute_url() for publication in Publication.objects.published()],
        *[f"/tags/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)],
    ]


def problems_on(page, url, *, width, media):
    """What is wrong on one page, in words; an empty list when nothing is."""
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto(url)
    # Tall enough that every part of the page can be hit-tested where it is drawn.
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    found = page.evaluate(CHECK)
    problems = [f"text over text: {item}" for item in found["overlaps"]]
    problems += [f"text covered: {item}" for item in found["covered"]]
    if found["width"] > width:
        problems.append(f"the page is {found['width']} px wide on a {width} px screen")
    if media == "print":
        # One evaluate, not a locator's: a locator costs ~50 ms a page here, and waits 30 s when there is no credit.
        if not page.evaluate("() => Boolean(document.querySelector('.site-footer .credit')?.checkVisibility())"):
            problems.append("prints without the source credit")
        problems += [f"prints an empty heading: {item}" for item in found["emptyHeadings"]]
        problems += [f"prints something that only works on screen: {item}" for item in found["screenOnly"]]
    return problems


def report(problems):
    return "\n".join(f"{path} [{mode}]: {problem}" for path, mode, problem in problems)


@pytest.mark.parametrize("mode", MODES)
def test_no_public_page_draws_text_over_text_or_runs_wider_than_the_screen(site, page, mode):
    width, media = MODES[mode]
    problems = [
        (path, mode, problem)
        for path in every_public_page()
        for problem in problems_on(page, site + path, width=width, media=media)
    ]

    assert not problems, report(problems)


def test_pages_for_a_logged_in_practitioner_lay_out_cleanly(site, page, context, practitioner, trainer):
    practitioner.first_name, practitioner.last_name = "Patricia", "Okafor-Whitfield"
    practitioner.save()
    # An assignment not started (its Start link) and a draft (its Edit link): controls that must not print.
    exercise = Exercise.objects.published().first()
    make_assignment(exercise=exercise, cohort=make_cohort(trainers=[trainer], members=[practitioner]))
    draft = make_reflection(author=practitioner, exercise=exercise, reflective_model=exercise.reflective_model)
    log_in(context, site, practitioner)  # the pages, not logging in, are what this test is about
    page.goto(site + "/")
    expect(page.get_by_text("Signed in as")).to_be_visible()

    paths = [
        "/",
        "/accounts/",
        "/accounts/password_change/",
        "/themes/hope/",
        "/reflections/",
        draft.get_absolute_url(),
    ]
    problems = [
        (path, mode, problem)
        for mode, (width, media) in MODES.items()
        for path in paths
        for problem in problems_on(page, site + path, width=width, media=media)
    ]

    assert not problems, report(problems)


def test_pages_for_a_trainer_lay_out_cleanly(site, page, context, trainer, practitioner):
    submission = make_submission(trainer=trainer, author=practitioner, title="A home visit")  # waits for feedback
    make_exercise(reflective_model=submission.reflective_model, title="Naming strengths", author=trainer)
    assignment = submission.assignment
    log_in(context, site, trainer)
    page.goto(site + "/trainer/")
    expect(page.get_by_role("heading", name="Trainer pages")).to_be_visible()

    paths = [
        "/trainer/",
        "/trainer/cohorts/",
        reverse("trainer:cohort_detail", args=[assignment.cohort.pk]),
        reverse("trainer:assignment_detail", args=[assignment.cohort.pk, assignment.pk]),
        "/trainer/exercises/",
        reverse("trainer:reflection_detail", args=[submission.public_id]),
    ]
    problems = [
        (path, mode, problem)
        for mode, (width, media) in MODES.items()
        for path in paths
        for problem in problems_on(page, site + path, width=width, media=media)
    ]

    assert not problems, report(problems)


def test_the_check_sees_a_note_drawn_under_the_next_card(site, browser):
    # The bug this file guards against: cards forced to their list item's height, so an
    # evidence note overflows onto what follows. (bypass_csp: the test adds a style of its own.)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site + "/themes/negotiated-treatment/")
    page.add_style_tag(content=".card-list > li { height: 4rem; } .card { height: 100%; }")

    found = page.evaluate(CHECK)

    assert any("Why it bears on this theme" in item for item in found["overlaps"]), found["overlaps"]
    context.close()


def test_the_print_check_sees_an_empty_heading_and_printed_controls(site, page):
    page.emulate_media(media="print")
    page.goto(site + "/research/stanhope-solomon-2008-getting-to-the-heart-of-recovery/")
    page.evaluate("""() => {
        document.querySelector(".reference-block").innerHTML = "<h3>Harvard</h3>";
        const download = document.querySelector("a[download]");
        download.removeAttribute("class");  // a plain download link, out of the list that does not print
        document.querySelector("main").append(download);
        const button = Object.assign(document.createElement("a"), {className: "button", textContent: "Go on"});
        button.style.setProperty("display", "inline", "important");  // past the print rule that hides it
        document.querySelector("main").append(button);
    }""")

    found = page.evaluate(CHECK)

    assert any("Harvard" in item for item in found["emptyHeadings"]), found["emptyHeadings"]
    assert any("RIS file" in item for item in found["screenOnly"]), found["screenOnly"]
    assert any("a.button “Go on”" in item for item in found["screenOnly"]), found["screenOnly"]


def test_card_titles_start_at_the_top_of_their_card(site, page):
    gaps = {}
    for path in ["/", "/themes/", "/research/", "/themes/hope/"]:
        page.goto(site + path)
        gaps[path] = page.locator(".card").evaluate_all(
            """cards => cards.map(card => {
                const title = card.querySelector(".card-title");
                const padding = parseFloat(getComputedStyle(card).paddingTop);
                return title.getBoundingClientRect().top - card.getBoundingClientRect().top - padding;
            })"""
        )

    # No blank band above a title (it once inherited an h2's margin), on each page.
    assert all(found and max(found) < 3 for found in gaps.values()), gaps


def test_every_printed_sheet_credits_the_source(site, page):
    from io import BytesIO

    from pypdf import PdfReader

    for path in ["/themes/map/", "/research/stanhope-solomon-2008-getting-to-the-heart-of-recovery/"]:
        page.goto(site + path)
        sheets = PdfReader(BytesIO(page.pdf(format="A4"))).pages

        assert len(sheets) > 1, path  # long enough to show the credit repeats
        for number, sheet in enumerate(sheets, start=1):
            text = sheet.extract_text()
            credit = "Based on: “Recovery and mental health”, SCIE research briefing"
            assert credit in text.replace("ﬁ", "fi"), (path, number)
            assert f"{number} of {len(sheets)}" in text, (path, number)


def test_my_reflections_print_without_their_controls(site, page, context, practitioner, trainer):
    exercise = Exercise.objects.published().first()
    make_assignment(exercise=exercise, cohort=make_cohort(trainers=[trainer], members=[practitioner]))
    record = make_reflection(
        author=practitioner,
        reflective_model=exercise.reflective_model,
        submit=True,
        is_cpd=True,
        cpd_title="Hope in practice",
        cpd_description="A home visit.",
    )
    log_in(context, site, practitioner)
    page.emulate_media(media="print")

    page.goto(site + "/reflections/")

    expect(page.get_by_role("heading", name="My reflections")).to_be_visible()
    expect(page.get_by_role("table", name="Your assignments")).to_be_visible()
    expect(page.get_by_role("link", name="Start a reflection")).to_be_hidden()
    expect(page.get_by_role("link", name=f"Start {exercise.title}")).to_be_hidden()
    expect(page.get_by_role("heading", name="Your data")).to_be_hidden()
    expect(page.get_by_role("link", name="Download everything you wrote")).to_be_hidden()

    page.goto(site + record.get_absolute_url())

    expect(page.get_by_text("A home visit.")).to_be_visible()
    expect(page.get_by_role("link", name="Saved versions")).to_be_hidden()
    expect(page.get_by_role("heading", name="Peer confirmation")).to_be_hidden()  # no peer asked: nothing to show
    page.emulate_media(media="screen")
    expect(page.get_by_role("heading", name="Peer confirmation")).to_be_visible()
