import pytest
from django.urls import reverse

from research.models import Status
from tests.factories import link, make_publication, make_theme

pytestmark = pytest.mark.django_db


def test_research_list_shows_published_publications_only(client):
    make_publication(title="Getting to the heart of recovery")
    make_publication(title="Still being checked", status=Status.DRAFT)

    response = client.get(reverse("research:publication_list"))

    assert response.status_code == 200
    assert b"Getting to the heart of recovery" in response.content
    assert b"Still being checked" not in response.content
    assert b"<strong>1</strong> publication." in response.content


def test_research_list_pages_through_many_publications(client):
    for _ in range(25):
        make_publication()

    first = client.get(reverse("research:publication_list"))
    second = client.get(reverse("research:publication_list"), {"page": 2})

    assert b"Page 1 of 2" in first.content
    assert second.content.count(b'class="card-title"') == 5


def test_publication_page_shows_reference_summary_tags_and_themes(client):
    publication = make_publication(
        title="Getting to the heart of recovery",
        container_title="British Journal of Social Work",
        volume="38",
        issue="5",
        pages="885-899",
        summary="About *methods* for studying recovery.",
        authors=[("Stanhope", "Victoria"), ("Solomon", "Phyllis")],
        tags=["evidence-based-practice"],
    )
    theme = make_theme(title="Treatment decided together")
    link(theme, publication, note="It puts the relationship first.")

    response = client.get(publication.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Stanhope, V. and Solomon, P. (2008)" in content
    assert "<i>British Journal of Social Work</i>, 38(5), pp. 885–899." in content
    assert "About <em>methods</em> for studying recovery." in content
    assert "Treatment decided together" in content
    assert "It puts the relationship first." in content
    assert 'href="/tags/evidence-based-practice/"' in content


def test_publication_page_hides_draft_themes_from_the_public(client):
    publication = make_publication()
    link(make_theme(title="A draft theme", status=Status.DRAFT), publication)

    response = client.get(publication.get_absolute_url())

    assert b"A draft theme" not in response.content
    assert b"Not linked to a theme yet." in response.content


def test_draft_publication_is_404_for_the_public_and_visible_to_a_curator(client, curator):
    publication = make_publication(status=Status.DRAFT)

    assert client.get(publication.get_absolute_url()).status_code == 404
    client.force_login(curator)
    response = client.get(publication.get_absolute_url())
    assert response.status_code == 200
    assert b"Draft: only curators see this" in response.content


def test_unknown_publication_is_404(client):
    assert client.get(reverse("research:publication_detail", args=["nothing-here"])).status_code == 404


@pytest.mark.parametrize("many", [3, 60])
def test_research_list_costs_the_same_queries_for_3_or_60(client, django_assert_max_num_queries, many):
    for _ in range(many):
        make_publication(authors=[("Fox", "Joanna")], tags=["lived-experience", "hope"])

    # 7: the content version, which keys the kept cards, choices and total (publishing.fragments)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("research:publication_list"), {"tag": "hope", "sort": "title"})

    assert response.status_code == 200


@pytest.mark.parametrize("themes", [3, 60])
def test_publication_page_costs_the_same_queries_for_3_or_60_themes(client, django_assert_max_num_queries, themes):
    publication = make_publication(authors=[("Fox", "Joanna")], tags=["hope"])
    for _ in range(themes):
        link(make_theme(), publication)

    with django_assert_max_num_queries(4):
        response = client.get(publication.get_absolute_url())

    assert response.content.count(b"Why it bears on this theme") == themes


def test_publication_page_offers_harvard_and_apa_with_copy_buttons(client, shipped_content):
    response = client.get(
        reverse("research:publication_detail", args=["stanhope-solomon-2008-getting-to-the-heart-of-recovery"])
    )

    content = response.content.decode()
    assert '<h3 id="ref-1-heading">Harvard</h3>' in content
    assert '<h3 id="ref-2-heading">APA 7</h3>' in content
    assert "Stanhope, V., &amp; Solomon, P. (2008)." in content
    assert content.count('class="copy-button"') == 2
    assert "Study design: Discussion paper" in content


def test_publication_page_carries_highwire_meta_tags_and_coins(client, shipped_content):
    response = client.get(
        reverse("research:publication_detail", args=["stanhope-solomon-2008-getting-to-the-heart-of-recovery"])
    )

    content = response.content.decode()
    assert '<meta name="citation_title" content="Getting to the heart of recovery: methods for studying' in content
    assert '<meta name="citation_author" content="Stanhope, Victoria">' in content
    assert '<meta name="citation_author" content="Solomon, Phyllis">' in content
    assert '<meta name="citation_journal_title" content="British Journal of Social Work">' in content
    assert '<meta name="citation_firstpage" content="885">' in content
    assert '<meta name="citation_lastpage" content="899">' in content
    assert '<meta name="citation_issn" content="0045-3102">' in content
    assert '<meta name="citation_issn" content="1468-263X">' in content
    assert 'class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal' in content
    assert "rft.aulast=Stanhope" in content and "rft.spage" not in content


def test_book_meta_tags_name_its_editors(client, shipped_content):
    response = client.get(
        reverse("research:publication_detail", args=["hall-wren-kirby-care-planning-in-mental-health"])
    )

    content = response.content.decode()
    assert '<meta name="citation_editor" content="Hall, Angela">' in content
    assert '<meta name="citation_publisher" content="Blackwell">' in content
    assert "citation_publication_date" not in content  # no year given: none invented
    assert "rft.genre=book" in content


def test_publication_page_links_to_its_ris_and_bibtex(client):
    publication = make_publication()

    content = client.get(publication.get_absolute_url()).content.decode()

    assert f'href="/research/{publication.slug}/cite.ris" download>RIS file' in content
    assert f'href="/research/{publication.slug}/cite.bib" download>BibTeX file' in content


def test_research_list_exports_the_filtered_list(client):
    make_publication(tags=["hope"])

    content = client.get(reverse("research:publication_list"), {"tag": "hope", "sort": "title"}).content.decode()

    assert 'href="/research/export.ris?tag=hope&amp;sort=title" download>RIS</a>' in content
    assert 'href="/research/export.bib?tag=hope&amp;sort=title" download>BibTeX</a>' in content


def test_publication_page_reads_title_byline_summary_details_then_cite_this(client):
    publication = make_publication(
        title="Getting to the heart of recovery",
        year=2008,
        month=7,
        container_title="British Journal of Social Work",
        volume="38",
        issue="5",
        pages="885-899",
        issn_print="0045-3102",
        issn_online="1468-263X",
        isbn="978-1-4051-2345-6",
        doi="10.1093/bjsw/bcm036",
        authors=[("Stanhope", "Victoria"), ("Solomon", "Phyllis")],
        summary="What the authors argue.",
    )

    content = client.get(publication.get_absolute_url()).content.decode()
    main = content[content.index("<main") :]

    byline = main[main.index('<p class="byline">') : main.index("</p>", main.index('<p class="byline">'))]
    assert "Victoria Stanhope and Phyllis Solomon" in byline
    assert "July 2008" in byline
    assert "<cite>British Journal of Social Work</cite> 38(5), pp. 885–899" in byline
    order = [
        main.index(text)
        for text in ("<h1>", 'class="byline"', ">Summary</h2>", ">Publication details</h2>", ">Cite this</h2>")
    ]
    assert order == sorted(order)
    for shown in (
        "<dt>ISSN (print)</dt><dd>0045-3102</dd>",
        "<dt>ISSN (online)</dt><dd>1468-263X</dd>",
        "<dt>ISBN</dt><dd>978-1-4051-2345-6</dd>",
        '<dt>DOI</dt><dd><a href="https://doi.org/10.1093/bjsw/bcm036">10.1093/bjsw/bcm036</a></dd>',
        "<dt>Published</dt><dd>July 2008</dd>",
    ):
        assert shown in main
    downloads = main[main.index('<div class="downloads"') :]
    assert downloads.index("RIS file") < downloads.index("BibTeX file") < downloads.index("</ul>")


def test_a_publication_without_a_year_says_so_instead_of_guessing(client):
    publication = make_publication(year=None, kind="report", publisher="Scottish Recovery Network")

    content = client.get(publication.get_absolute_url()).content.decode()

    assert "<dt>Published</dt><dd>No date given</dd>" in content
    assert '<span class="byline-part">Scottish Recovery Network</span>' in content
