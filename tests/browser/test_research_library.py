"""The research library in a real browser: filtering, copying a reference, downloading."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STANHOPE = "stanhope-solomon-2008-getting-to-the-heart-of-recovery"


def test_filtering_the_research_list_without_javascript_state(site, page):
    page.goto(site + "/research/")
    expect(page.get_by_role("status").first).to_contain_text("8 publications")

    page.get_by_label("Kind").select_option("report")
    page.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(f"{site}/research/?kind=report&design=&year_from=&year_to=&tag=&theme=&sort=newest")
    expect(page.get_by_text("4 publications match these filters.")).to_be_visible()
    page.get_by_label("Study design").select_option("policy")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", level=2, name="A Common Purpose: Recovery in Future Mental Health Services"))
    expect(page.locator(".card-list > li")).to_have_count(1)

    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_text("8 publications.")).to_be_visible()


def test_empty_filter_result_offers_to_clear(site, page):
    page.goto(site + "/research/?kind=web_page")

    expect(page.get_by_text("No publications match these filters.")).to_be_visible()
    page.get_by_role("link", name="Clear the filters").click()
    expect(page.get_by_text("8 publications.")).to_be_visible()


def test_copying_a_reference_says_so_and_puts_text_and_html_on_the_clipboard(site, page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.clock.install()  # the page's own clock, moved on below rather than waited for
    page.goto(f"{site}/research/{STANHOPE}/")

    button = page.get_by_role("button", name="Copy the APA 7 reference")
    button.click()

    expect(page.locator(".reference-block").nth(1).get_by_role("button")).to_have_text("Copied")
    status = page.get_by_role("status").filter(has_text="copied")
    expect(status).to_have_text("Reference copied: paste it where you need it.")
    expect(status).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == (
        "Stanhope, V., & Solomon, P. (2008). Getting to the heart of recovery: methods for studying recovery and "
        "their implications for evidence-based practice. British Journal of Social Work, 38(5), 885–899."
    )
    html = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            return await (await item.getType("text/html")).text();
        }"""
    )
    assert "<i>British Journal of Social Work</i>, <i>38</i>(5), 885–899." in html
    # After a few seconds the button reads as before, ready to copy again.
    page.clock.fast_forward("00:04")
    expect(page.get_by_role("button", name="Copy the APA 7 reference")).to_be_visible()


def test_without_javascript_the_reference_is_there_and_no_copy_button_shows(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/research/{STANHOPE}/")

    expect(page.get_by_text("Stanhope, V. and Solomon, P. (2008)")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the Harvard reference")).to_be_hidden()
    context.close()


def test_downloading_the_filtered_list_as_ris(site, page):
    page.goto(site + "/research/?kind=journal_article&sort=title")

    with page.expect_download() as info:
        page.get_by_role("link", name="RIS", exact=True).click()

    download = info.value
    assert download.suggested_filename == "recovery-portal-research.ris"
    text = open(download.path(), encoding="utf-8").read()
    assert text.count("TY  - JOUR") == 2
    assert "TI  - Experience of mental health recovery and the service user researcher" in text
    assert "TY  - RPRT" not in text


def test_downloading_one_reference_as_bibtex(site, page):
    page.goto(f"{site}/research/{STANHOPE}/")

    with page.expect_download() as info:
        page.get_by_role("link", name="BibTeX file of this reference").click()

    assert info.value.suggested_filename == f"{STANHOPE}.bib"
    assert "@article{stanhope2008getting," in open(info.value.path(), encoding="utf-8").read()


def test_on_a_phone_the_filters_fold_away_so_the_results_come_first(site, page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site + "/research/?kind=report")

    expect(page.get_by_label("Kind")).to_be_hidden()
    first_result = page.get_by_role("heading", level=2).first
    expect(first_result).to_be_in_viewport()
    summary = page.get_by_text("Filter and sort (1 filter on)")
    summary.click()
    expect(page.get_by_label("Kind")).to_be_visible()
    expect(page.get_by_label("Kind")).to_have_value("report")


def test_on_a_wide_screen_the_filters_show_without_opening_anything(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/research/")

    expect(page.get_by_label("Kind")).to_be_visible()
    expect(page.get_by_label("From year")).to_be_visible()
    expect(page.locator("summary")).to_be_hidden()
    # Number fields look like the others: the same border as the selects.
    year, kind = page.get_by_label("From year"), page.get_by_label("Kind")
    border = "el => getComputedStyle(el).borderTopWidth + ' ' + getComputedStyle(el).borderTopColor"
    assert year.evaluate(border) == kind.evaluate(border)
