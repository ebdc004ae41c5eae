"""A curator edits a theme's evidence links in admin, in a real browser, under the site's strict CSP."""

import pytest
from playwright.sync_api import expect

from themes.models import Evidence, Theme

pytestmark = pytest.mark.browser


def test_curator_links_research_to_a_theme_with_autocomplete(site, page, curator):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: errors.append(response.url) if response.status == 404 else None)
    theme = Theme.objects.get(slug="staff-qualities")
    page.goto(f"{site}/admin/login/?next=/admin/themes/theme/{theme.pk}/change/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=2, name=theme.title)).to_be_visible()

    # The empty evidence row: pick a publication by typing part of its title.
    page.locator("#evidence-0 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Common Purpose")
    page.get_by_role("option", name="A Common Purpose: Recovery in Future Mental Health Services").click()
    page.locator("#id_evidence-0-note").fill("It sets out what services should value in their staff.")
    page.locator("#id_evidence-0-position").fill("1")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    link = Evidence.objects.get(theme=theme)
    assert link.publication.title == "A Common Purpose: Recovery in Future Mental Health Services"
    assert link.note == "It sets out what services should value in their staff."
    assert errors == []  # a script or style blocked by the CSP would show here
