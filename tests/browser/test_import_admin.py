"""The curators' reference import in a real browser: labelled, free of axe violations, and working end to end."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REFERENCES = """\
TY  - JOUR
AU  - Fox, Joanna
TI  - Experience of mental health recovery and the service user researcher
T2  - Ethics and Social Welfare
PY  - 2007
ER  - 

TY  - RPRT
AU  - Ó Súilleabháin, Aoife
TI  - Peer support in community mental health teams
PY  - 2012
PB  - Mental Health Foundation
ER  - 
"""


def assert_no_axe_violations(page):
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]


def test_a_curator_uploads_previews_and_confirms_an_import(site, page, curator, tmp_path):
    references = tmp_path / "references.ris"
    references.write_text(REFERENCES, encoding="utf-8")
    page.goto(site + "/admin/login/?next=/admin/research/publication/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Import references").click()
    assert_no_axe_violations(page)
    page.get_by_label("RIS or BibTeX file").set_input_files(references)
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("table", name="To create (1)")).to_contain_text("Peer support in community mental health")
    expect(page.get_by_role("table", name="Skipped (1)")).to_contain_text("already in the library")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirm: create 1, update 0").click()

    expect(page.get_by_text("Imported 1 reference(s) as drafts")).to_be_visible()
    expect(page.get_by_role("link", name="Peer support in community mental health teams")).to_be_visible()
