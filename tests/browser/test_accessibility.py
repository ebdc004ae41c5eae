"""axe-core (bundled with axe-playwright-python, no download) on every public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_reflections import log_in

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/themes/",
    "/themes/hope/",
    "/themes/staff-qualities/",
    "/research/",
    "/research/stanhope-solomon-2008-getting-to-the-heart-of-recovery/",
    "/research/hall-wren-kirby-care-planning-in-mental-health/",
    "/tags/",
    "/tags/hope/",
    "/tags/lived-experience/",
    "/themes/map/",
    "/reflections/exercises/",
    "/reflections/exercises/giving-and-taking-hope/",
    "/reflections/exercises/counting-strengths/",
    "/search/?q=hope&kind=exercise",
    "/about/",
    "/research/?sort=added",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/research/?kind=book&year_from=2000",
    "/no-such-page/",
]
MOBILE = {"width": 375, "height": 812}
MOBILE_PAGES = [
    "/",
    "/themes/hope/",
    "/research/",
    "/research/hall-wren-kirby-care-planning-in-mental-health/",
    "/about/",
]

_axe = Axe()


def _report(path, violations):
    """Everything a developer needs to find and fix each violation."""
    lines = [f"{len(violations)} axe violation(s) on {path}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    target: {node['target']}")
            lines.append(f"      html: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
    return "\n".join(lines)


def _violations(page, where):
    """axe's report on the page as it is now, or "" when axe finds nothing."""
    violations = _axe.run(page).response["violations"]
    return _report(where, violations) if violations else ""


def _load(page, url, path):
    """Open the page; a problem in words when it does not answer as it should, else ""."""
    response = page.goto(url)
    expected = 404 if path == "/no-such-page/" else 200
    if response is None or response.status != expected:
        return f"{path} answered {response and response.status}, not {expected}"
    return ""


def _assert_none(problems):
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)


# One test visits every page in turn (a test of its own per page cost as much again in setting up the site),
# and reports every page with a problem, not only the first.
def test_no_public_page_has_axe_violations(site, page):
    _assert_none(
        problem for path in PUBLIC_PAGES for problem in (_load(page, site + path, path), _violations(page, path))
    )


def test_no_page_has_axe_violations_on_a_phone(site, page):
    page.set_viewport_size(MOBILE)
    _assert_none(
        problem
        for path in MOBILE_PAGES
        for problem in (_load(page, site + path, path), _violations(page, f"{path} at {MOBILE['width']}px"))
    )


REFLOW = {"width": 320, "height": 640}


def _overflow(page, path):
    """WCAG 1.4.10 Reflow: at 320 CSS px wide, reading the page must not need horizontal scrolling."""
    overflowing = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > width + 0.5)
                .map(el => el.tagName.toLowerCase() + (el.classList.length ? "." + [...el.classList].join(".") : ""))
                .slice(0, 5);
        }"""
    )
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > REFLOW["width"]:
        return f"{path} is {scroll_width}px wide in a {REFLOW['width']}px viewport; too wide: {overflowing}"
    return ""


def test_no_public_page_scrolls_sideways_at_320px(site, page):
    page.set_viewport_size(REFLOW)
    _assert_none(
        problem for path in PUBLIC_PAGES for problem in (_load(page, site + path, path), _overflow(page, path))
    )


def test_password_change_page_has_no_axe_violations(site, page, context, practitioner):
    log_in(context, site, practitioner)  # the page, not logging in, is what this test is about
    page.goto(site + "/accounts/password_change/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")

    page.get_by_role("button", name="Change my password").click()  # empty: every field explains itself

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    violations = _axe.run(page).response["violations"]
    assert violations == [], [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]


def test_my_account_and_the_signed_in_header_have_no_axe_violations(site, page, context, practitioner):
    log_in(context, site, practitioner)
    problems = []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/accounts/")
        expect(page.get_by_role("heading", level=1)).to_have_text("My account")
        problems.append(_violations(page, f"/accounts/ at {width}px"))
    _assert_none(problems)


def test_signing_out_everywhere_else_works_without_javascript_and_has_no_axe_violations(
    site, page, browser, practitioner
):
    log_in(page.context, site, practitioner)  # a shared computer, left signed in
    mine = browser.new_context(java_script_enabled=False)
    log_in(mine, site, practitioner)
    page.goto(site + "/accounts/")
    expect(page.get_by_text("Here, and in 1 other browser or device.")).to_be_visible()
    violations = _violations(page, "/accounts/ signed in elsewhere")
    account = mine.new_page()
    account.goto(site + "/accounts/")

    account.get_by_role("button", name="Sign out everywhere else").click()

    expect(account.get_by_role("status")).to_contain_text("Signed out of 1 other browser or device.")
    expect(account.get_by_text("Only here.")).to_be_visible()
    page.goto(site + "/reflections/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    mine.close()
    _assert_none([violations])
