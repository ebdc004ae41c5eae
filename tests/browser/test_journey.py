"""A social worker's path through the site, in a real browser, with the real shipped content."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOPE_THEME = "Hope at the heart of recovery"
SRN_REPORT = "Recovering mental health in Scotland: report on narrative investigation of mental health recovery"
MEANINGS = (
    "Getting better on its own",
    "Recovery through effective treatment",
    "Living well, with or without symptoms",
)


def _collect_errors(page):
    """Console errors and uncaught exceptions (a CSP block or a missing file shows up here)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_home_to_theme_to_research_to_tag(site, page):
    errors = _collect_errors(page)

    # Home: the heading, the three meanings of "recovery" and the thirteen theme cards.
    page.goto(site + "/")
    expect(page).to_have_title(re.compile(r"^Recovery in mental health · Recovery Portal$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery in mental health")

    meanings = page.get_by_role("region", name="What “recovery” can mean").get_by_role("listitem")
    expect(meanings).to_have_count(3)
    for position, title in enumerate(MEANINGS):
        expect(meanings.nth(position)).to_contain_text(title)

    themes = page.get_by_role("region", name="Key themes in recovery")
    expect(themes.get_by_role("heading", level=3)).to_have_count(13)
    expect(themes.get_by_role("article")).to_have_count(13)

    # Theme: the research behind it, with the note saying why it bears on the theme.
    themes.get_by_role("link", name=HOPE_THEME, exact=True).click()
    expect(page).to_have_url(site + "/themes/hope/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOPE_THEME)
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link", name="Themes")).to_be_visible()

    evidence = page.get_by_role("region", name="The research behind this theme")
    expect(evidence.get_by_role("heading", name="The research behind this theme", level=2)).to_be_visible()
    card = evidence.get_by_role("article").filter(has=page.get_by_role("link", name=SRN_REPORT))
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Scottish Recovery Network")
    expect(evidence.get_by_text("Why it bears on this theme:")).to_be_visible()
    expect(evidence).to_contain_text("people with long-term mental health problems can and do recover")
    expect(page.get_by_role("complementary", name="A question for reflection")).to_be_visible()

    # Publication: its Harvard reference and the themes it supports.
    card.get_by_role("link", name=SRN_REPORT).click()
    expect(page).to_have_url(site + "/research/scottish-recovery-network-recovering-mental-health-in-scotland/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SRN_REPORT)
    # The Harvard reference: a "Reference (Harvard)" section, or a "Harvard" part of a "Cite this" section.
    expect(page.get_by_role("heading", name=re.compile(r"\bHarvard\b")).first).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"Scottish Recovery Network (no date) {SRN_REPORT}")
    supports = page.get_by_role("region", name="Themes this research supports")
    expect(supports.get_by_role("link", name=HOPE_THEME)).to_be_visible()

    # Tag: the page gathers every kind of content carrying it.
    page.get_by_role("region", name="Tags").get_by_role("link", name="hope", exact=True).click()
    expect(page).to_have_url(site + "/tags/hope/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tagged “hope”")
    expect(
        page.get_by_role("region", name=re.compile(r"^Themes")).get_by_role("link", name=HOPE_THEME)
    ).to_be_visible()
    expect(
        page.get_by_role("region", name=re.compile(r"^Research")).get_by_role("link", name=SRN_REPORT)
    ).to_be_visible()

    assert errors == [], f"browser console errors during the journey: {errors}"


def test_skip_link_is_first_and_moves_focus_to_main(site, page):
    page.goto(site + "/themes/hope/")
    skip_link = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    # Off-screen until focused; on focus it must come into view for sighted keyboard users.
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, f"focused skip link is off-screen: {box}"

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    assert page.evaluate("() => location.hash") == "#content"
    # The next Tab continues from the main content, not from the header navigation.
    page.keyboard.press("Tab")
    in_main = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert in_main, "after the skip link, Tab should land inside <main>"


def test_stylesheet_is_applied(site, page):
    page.goto(site + "/")
    header = page.get_by_role("banner")
    expect(header).to_have_css("background-color", "rgb(11, 79, 108)")
    expect(page.get_by_role("link", name="Recovery Portal", exact=True)).to_have_css("color", "rgb(255, 255, 255)")


def test_theme_without_research_says_so(site, page):
    page.goto(site + "/themes/diversity-and-belonging/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Diversity, identity and belonging")
    evidence = page.get_by_role("region", name="The research behind this theme")
    expect(evidence).to_contain_text("No research linked yet")
    expect(evidence.get_by_role("article")).to_have_count(0)


def test_unknown_page_is_a_friendly_404(site, page):
    response = page.goto(site + "/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can’t find that page")
    expect(page.get_by_role("link", name="Browse the recovery themes")).to_be_visible()
