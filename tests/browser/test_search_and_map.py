"""Search and the evidence map in a real browser: the header form, the results, and axe on both pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

_axe = Axe()


def axe_violations(page, label):
    """axe's findings on the page as it is now, in words; "" when there are none."""
    violations = _axe.run(page).response["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in violations
    )
    return f"axe violations on {label}:\n{report}" if violations else ""


def test_searching_from_the_header_finds_highlighted_research(site, page):
    page.goto(site + "/themes/")
    header_search = page.get_by_role("search", name="Site")
    header_search.get_by_label("Search themes and research").fill("recovering scotland")
    header_search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=recovering\+scotland$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “recovering scotland”")
    first = page.locator(".search-results > li").first
    expect(first.locator(".kind")).to_have_text(re.compile(r"^Research · "))
    expect(first.locator("mark").first).to_be_visible()
    first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recovering mental health in Scotland")


def test_narrowing_to_themes_with_the_refine_form(site, page):
    page.goto(site + "/search/?q=hope")
    refine = page.get_by_role("search", name="Search themes and research")
    refine.get_by_label("Show").select_option("theme")
    refine.get_by_role("button", name="Search").click()

    kinds = page.locator(".search-results .kind")
    expect(kinds.first).to_have_text("Theme")
    assert set(kinds.all_inner_texts()) == {"Theme"}
    expect(
        page.get_by_role("navigation", name="Kinds of result").get_by_role("link", name=re.compile("^Themes"))
    ).to_have_attribute("aria-current", "page")


# Each test goes through its pages in one browser page (a test per page cost as much again in setting up the
# site) and reports every page with a problem.
def test_search_and_map_pages_have_no_axe_violations_wide_or_on_a_phone(site, page):
    problems = []
    for path in ["/search/", "/search/?q=recovery", "/search/?q=%21%21%21", "/themes/map/"]:
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        problems.append(axe_violations(page, path))
    page.set_viewport_size({"width": 375, "height": 812})
    for path in ["/search/?q=hope", "/themes/map/"]:
        page.goto(site + path)
        problems.append(axe_violations(page, f"{path} at 375px"))

    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)


def test_pages_reflow_at_320px_with_the_search_form_and_the_map(site, page):
    # WCAG 1.4.10: the page itself must not scroll sideways; the map's table scrolls inside its own region.
    page.set_viewport_size({"width": 320, "height": 640})
    widths = {}
    for path in ["/", "/search/?q=recovery", "/themes/map/"]:
        page.goto(site + path)
        widths[path] = page.evaluate("() => document.documentElement.scrollWidth")
        expect(page.get_by_role("search", name="Site").get_by_role("button", name="Search")).to_be_visible()

    assert all(width <= 320 for width in widths.values()), widths


def test_the_map_shows_a_table_and_a_picture(site, page):
    page.goto(site + "/themes/map/")

    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Hope at the heart of recovery")).to_be_visible()
    expect(
        table.get_by_role("link", name=re.compile(r"^Linked: Hope at the heart of recovery and ")).first
    ).to_be_attached()
    picture = page.get_by_role("figure")
    expect(picture.get_by_role("listitem")).to_have_count(13)
    expect(picture.get_by_role("listitem").filter(has_text="Treatment decided together")).to_contain_text("3 linked")
    expect(picture.get_by_role("listitem").filter(has_text="A positive identity")).to_contain_text("none linked yet")
    page.get_by_role("link", name="Themes", exact=True).first.click()
    expect(page).to_have_url(site + "/themes/")


def test_on_a_phone_the_map_scrolls_sideways_and_keeps_the_theme_names_in_view(site, page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site + "/themes/map/")
    region = page.get_by_role("region", name=re.compile("^Research linked to each theme"))
    theme = region.get_by_role("rowheader", name="Recovery as a way of living well")
    left_before = theme.bounding_box()["x"]

    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")

    assert region.evaluate("el => el.scrollLeft") > 100  # it did scroll
    assert abs(theme.bounding_box()["x"] - left_before) < 1  # and the theme names stayed put
    last_column, visible = region.get_by_role("columnheader", name="Linked").bounding_box(), region.bounding_box()
    assert (
        visible["x"] <= last_column["x"] and last_column["x"] + last_column["width"] <= visible["x"] + visible["width"]
    )
