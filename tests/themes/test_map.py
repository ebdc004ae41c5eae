import re

import pytest
from django.urls import reverse

from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme
from themes.evidence_map import MAX_PUBLICATION_COLUMNS

pytestmark = pytest.mark.django_db


def get_map(client):
    response = client.get(reverse("themes:evidence_map"))
    assert response.status_code == 200
    return response, response.content.decode()


def table(content):
    return content[content.index("<table") : content.index("</table>")]


def test_the_map_lives_at_themes_map_and_the_themes_page_links_to_it(client):
    make_theme(title="Map", slug="map-theme")

    assert reverse("themes:evidence_map") == "/themes/map/"
    assert 'href="/themes/map/"' in client.get(reverse("themes:theme_list")).content.decode()


def test_the_table_has_themes_down_the_side_publications_across_and_a_mark_per_link(client):
    hope = make_theme(title="Hope", slug="hope", position=1)
    control = make_theme(title="Control", slug="control", position=2)
    fox = make_publication(title="Recovering in Scotland", authors=[("Fox", "Joanna")], year=2007)
    pair = make_publication(title="Getting to the heart", authors=[("Stanhope", "V"), ("Solomon", "P")], year=2008)
    link(hope, fox)
    link(hope, pair)
    link(control, pair)

    _, content = get_map(client)
    html = table(content)

    assert "<caption" in html
    assert re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', html) == [
        ("/themes/hope/", "Hope"),
        ("/themes/control/", "Control"),
    ]
    columns = re.findall(
        r'<th scope="col"><a href="([^"]+)">([^<]+)<span class="visually-hidden">: ([^<]+)</span>', html
    )
    assert columns == [
        (pair.get_absolute_url(), "Stanhope &amp; Solomon 2008", "Getting to the heart"),
        (fox.get_absolute_url(), "Fox 2007", "Recovering in Scotland"),
    ]
    rows = re.findall(r"<tr(?: class=\"thin\")?>\s*<th scope=\"row\">(.*?)</tr>", html, re.S)
    assert [row.count("Linked:") for row in rows] == [2, 1]
    assert [row.count("Not linked") for row in rows] == [0, 1]
    assert f'<a href="{pair.get_absolute_url()}"><span aria-hidden="true">●</span>' in html
    assert "Linked: Control and Getting to the heart" in html


def test_drafts_stay_off_the_map(client):
    theme = make_theme(title="Hope")
    make_theme(title="Draft theme", status=Status.DRAFT)
    published = make_publication(title="Published study")
    link(theme, published)
    link(theme, make_publication(title="Draft study", status=Status.DRAFT))

    _, content = get_map(client)

    assert "Draft theme" not in content
    assert "Draft study" not in content
    assert table(content).count("Linked:") == 1


def test_the_picture_shows_the_links_per_theme_and_which_themes_are_thin(client):
    strong = make_theme(title="Strong theme", position=1)
    make_theme(title="Thin theme", position=2)
    for number in range(3):
        link(strong, make_publication(title=f"Study {number}"))

    _, content = get_map(client)
    svg = content[content.index("<svg") : content.index("</svg>")]

    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">' in svg
    assert "Strong theme: 3. Thin theme: 0 (thin)." in svg
    bars = re.findall(r'<rect x="0" y="\d+" width="([\d.]+)" height="16" rx="2" class="([^"]+)">', svg)
    assert [(float(width) > 0, css) for width, css in bars] == [(True, "bar"), (False, "bar bar-thin")]
    assert "Thin on evidence:" in content and ">Thin theme</a> (0)" in content
    assert "<script" not in content.split("<main", 1)[1]


def test_with_many_publications_the_columns_become_kinds_with_counts(client):
    theme = make_theme(title="Hope", slug="hope")
    for number in range(MAX_PUBLICATION_COLUMNS + 1):
        publication = make_publication(
            title=f"Study {number}", kind=Publication.Kind.BOOK if number < 3 else Publication.Kind.JOURNAL_ARTICLE
        )
        if number < 5:
            link(theme, publication)

    _, content = get_map(client)
    html = table(content)

    assert "too many for a column each" in html
    assert re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', html) == ["Journal article", "Book"]
    hidden = '<span class="visually-hidden"> {} links for Hope</span>'
    assert f'<a href="/research/?theme=hope&amp;kind=journal_article">2{hidden.format("journal article")}</a>' in html
    assert f'<a href="/research/?theme=hope&amp;kind=book">3{hidden.format("book")}</a>' in html
    assert "Study 1" not in html


@pytest.mark.parametrize("size", [4, MAX_PUBLICATION_COLUMNS * 3])
def test_the_map_costs_three_queries_at_any_size(client, django_assert_num_queries, size):
    themes = [make_theme(title=f"Theme {n}") for n in range(5)]
    for number in range(size):
        publication = make_publication(title=f"Study {number}", authors=[("Fox", "J"), ("Lee", "K"), ("Ng", "M")])
        link(themes[number % 5], publication)

    with django_assert_num_queries(3):
        get_map(client)
