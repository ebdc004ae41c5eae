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


def test_the_picture_shows_the_research_linked_so_far_without_warning_against_a_theme(client):
    strong = make_theme(title="Strong theme", position=1)
    make_theme(title="Unlinked theme", position=2)
    for number in range(3):
        link(strong, make_publication(title=f"Study {number}"))

    _, content = get_map(client)
    picture = content[content.index('<figure class="evidence-chart">') : content.index("</figure>")]

    assert "Research linked so far" in content
    rows = re.findall(r'<li>\s*<a class="chart-label" href="[^"]+">([^<]+)</a>(.*?)</li>', picture, re.S)
    assert [(title, "<rect" in bar, re.search(r'chart-count">([^<]+)<', bar)[1]) for title, bar in rows] == [
        ("Strong theme", True, "3 linked"),
        ("Unlinked theme", False, "none linked yet"),
    ]
    assert '<rect width="100.0"' in picture
    assert 'aria-hidden="true"' in picture  # the bars are decoration; the counts are text
    assert "No research linked yet: Unlinked theme." in picture
    assert "thin" not in content.split("<main", 1)[1].lower().replace("where the library is thin", "")
    assert "<script" not in content.split("<main", 1)[1]


def test_columns_name_each_publication_by_author_and_year_with_the_full_title_in_a_key(client):
    theme = make_theme(title="Hope")
    book = make_publication(
        title="Care planning in mental health: promoting recovery",
        kind=Publication.Kind.BOOK,
        year=None,
        editors=[("Hall", "Angela"), ("Wren", "Mark"), ("Kirby", "Stephan")],
    )
    guide = make_publication(
        title="Emerging best practices in mental health recovery",
        year=None,
        kind=Publication.Kind.GUIDE,
        publisher="National Institute for Mental Health in England",
    )
    reports = [
        make_publication(
            title=f"SCIE report {number}",
            year=None,
            kind=Publication.Kind.REPORT,
            publisher="Social Care Institute for Excellence",
            series=f"SCIE Knowledge review {number}",
        )
        for number in (21, 22)
    ]
    for publication in (book, guide, *reports):
        link(theme, publication)

    _, content = get_map(client)

    labels = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)<span class="visually-hidden">', table(content))
    assert labels == [
        "Hall et al. (eds) n.d.",
        "NIMHE n.d.",
        "SCIE n.d. (Knowledge review 21)",
        "SCIE n.d. (Knowledge review 22)",
    ]
    key = content[content.index('<dl class="map-key">') :]
    assert f'<dt>NIMHE n.d.</dt><dd><a href="{guide.get_absolute_url()}">{guide.title}</a></dd>' in key


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
