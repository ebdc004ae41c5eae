import xml.etree.ElementTree as ET

import pytest

from research.models import Status
from tests.factories import make_publication, make_theme

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_research_feed_is_atom_with_newest_published_first(client):
    make_publication(title="Older study", authors=[("Fox", "Joanna")], tags=["hope"])
    make_publication(title="Newer study")
    make_publication(title="Draft study", status=Status.DRAFT)

    response = client.get("/feeds/research/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Newer study", "Older study"]
    older = entries[1]
    assert older.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Fox, Joanna"
    assert older.find(f"{ATOM}category").get("term") == "hope"


def test_feed_links_to_each_publication(client):
    publication = make_publication(title="Linked study")

    feed = ET.fromstring(client.get("/feeds/research/").content)

    assert feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href") == (
        f"http://testserver{publication.get_absolute_url()}"
    )


def test_sitemap_lists_every_public_page_and_no_drafts(client):
    theme = make_theme(tags=["hope"])
    publication = make_publication(tags=["housing"])
    draft = make_publication(status=Status.DRAFT, tags=["secret-draft-tag"])

    index = ET.fromstring(client.get("/sitemap.xml").content)
    section_urls = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    locations = []
    for url in section_urls:
        section = ET.fromstring(client.get(url.replace("http://testserver", "")).content)
        locations += [loc.text for loc in section.iter(f"{SITEMAP}loc")]

    paths = {location.replace("http://testserver", "") for location in locations}
    assert {"/", "/themes/", "/research/", "/tags/"} <= paths
    assert theme.get_absolute_url() in paths
    assert publication.get_absolute_url() in paths
    assert {"/tags/hope/", "/tags/housing/"} <= paths
    assert draft.get_absolute_url() not in paths
    assert "/tags/secret-draft-tag/" not in paths


def test_robots_txt_points_to_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_feed_summaries_are_the_sanitised_html_the_site_shows(client):
    make_publication(
        title="Study with markup",
        summary=(
            "What it *found*.\n\n<script>alert('feed')</script> [a link](javascript:alert(1)) "
            "<img src=x onerror=alert(2)>"
        ),
    )

    feed = ET.fromstring(client.get("/feeds/research/").content)

    summary = feed.find(f"{ATOM}entry").find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text.startswith("<p>What it <em>found</em>.</p>")
    assert "<script" not in summary.text and "javascript:" not in summary.text and "onerror" not in summary.text
