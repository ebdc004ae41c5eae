"""axe-core (bundled with axe-playwright-python, no download) on every public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

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


def _assert_no_violations(page, path):
    results = _axe.run(page)
    violations = results.response["violations"]
    if violations:
        print(_report(path, violations))
    assert violations == [], _report(path, violations)


def _load(page, url, path):
    response = page.goto(url)
    assert response is not None
    expected = 404 if path == "/no-such-page/" else 200
    assert response.status == expected, f"{path} answered {response.status}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_has_no_axe_violations(site, page, path):
    _load(page, site + path, path)
    _assert_no_violations(page, path)


@pytest.mark.parametrize(
    "path",
    ["/", "/themes/hope/", "/research/", "/research/hall-wren-kirby-care-planning-in-mental-health/", "/about/"],
)
def test_mobile_page_has_no_axe_violations(site, page, path):
    page.set_viewport_size(MOBILE)
    _load(page, site + path, path)
    _assert_no_violations(page, f"{path} at {MOBILE['width']}px")


REFLOW = {"width": 320, "height": 640}


# Known app bug: the tags table (templates/tags/tag_list.html, table.data-table) is about 388px
# wide, so the whole page scrolls sideways on a 320px or 375px screen. Not strict, so that the
# fix shows up as XPASS rather than a failure; remove the mark once it is fixed.
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_reflows_without_sideways_scrolling(site, page, path):
    # WCAG 1.4.10 Reflow: at 320 CSS px wide, reading the page must not need horizontal scrolling.
    page.set_viewport_size(REFLOW)
    _load(page, site + path, path)
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
    assert scroll_width <= REFLOW["width"], (
        f"{path} is {scroll_width}px wide in a {REFLOW['width']}px viewport; too wide: {overflowing}"
    )


def test_password_change_page_has_no_axe_violations(site, page, practitioner):
    page.goto(site + "/accounts/login/?next=/accounts/password_change/")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")

    page.get_by_role("button", name="Change my password").click()  # empty: every field explains itself

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    violations = _axe.run(page).response["violations"]
    assert violations == [], [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("width", [1280, 375])
def test_my_account_and_the_signed_in_header_have_no_axe_violations(site, page, practitioner, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/accounts/login/?next=/accounts/")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")

    _assert_no_violations(page, f"/accounts/ at {width}px")
