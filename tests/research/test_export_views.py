"""Downloading one reference, or the filtered research list, as RIS or BibTeX."""

import bibtexparser
import pytest
import rispy
from django.urls import reverse

from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme

pytestmark = pytest.mark.django_db

RIS_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_TYPE = "application/x-bibtex; charset=utf-8"


def titles_in_ris(response):
    return sorted(entry["title"] for entry in rispy.loads(response.content.decode()))


def titles_in_bibtex(response):
    return sorted(entry["title"] for entry in bibtexparser.parse_string(response.content.decode()).entries)


def test_one_reference_downloads_as_ris_named_after_its_slug(client):
    publication = make_publication(
        slug="stanhope-2008", title="Getting to the heart of recovery", authors=[("Stanhope", "Victoria")]
    )

    response = client.get(reverse("research:publication_ris", args=[publication.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == RIS_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="stanhope-2008.ris"'
    (entry,) = rispy.loads(response.content.decode())
    assert (entry["title"], entry["authors"]) == ("Getting to the heart of recovery", ["Stanhope, Victoria"])


def test_one_reference_downloads_as_bibtex_with_its_cite_key(client):
    publication = make_publication(
        slug="stanhope-2008", title="Getting to the heart of recovery", authors=[("Stanhope", "Victoria")]
    )

    response = client.get(reverse("research:publication_bibtex", args=[publication.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == BIBTEX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="stanhope-2008.bib"'
    (entry,) = bibtexparser.parse_string(response.content.decode()).entries
    assert (entry.key, entry["title"]) == ("stanhope2008getting", "Getting to the heart of recovery")


@pytest.mark.parametrize("name", ["research:publication_ris", "research:publication_bibtex"])
def test_a_draft_reference_is_404_to_the_public_and_downloads_for_a_curator(client, curator, name):
    draft = make_publication(status=Status.DRAFT)

    assert client.get(reverse(name, args=[draft.slug])).status_code == 404
    client.force_login(curator)
    assert client.get(reverse(name, args=[draft.slug])).status_code == 200


@pytest.mark.parametrize("name", ["research:publication_ris", "research:publication_bibtex"])
def test_an_unknown_reference_is_404(client, name):
    assert client.get(reverse(name, args=["nothing-here"])).status_code == 404


def test_the_export_urls_are_not_mistaken_for_publications(client):
    make_publication(slug="export")

    assert reverse("research:export_ris") == "/research/export.ris"
    assert reverse("research:export_bibtex") == "/research/export.bib"
    assert reverse("research:publication_ris", args=["export"]) == "/research/export/cite.ris"
    assert client.get("/research/export.ris")["Content-Disposition"].endswith('"recovery-portal-research.ris"')


def test_the_filtered_list_exports_exactly_the_filtered_publications_from_every_page(client):
    theme = make_theme(title="Hope")
    for number in range(25):
        link(theme, make_publication(title=f"Hopeful book {number:02d}", kind=Publication.Kind.BOOK))
    make_publication(title="A book on another theme", kind=Publication.Kind.BOOK)
    link(theme, make_publication(title="An article on hope"))
    link(theme, make_publication(title="A draft book on hope", kind=Publication.Kind.BOOK, status=Status.DRAFT))
    query = {"kind": "book", "theme": theme.slug, "sort": "title"}

    ris_response = client.get(reverse("research:export_ris"), query)
    bibtex_response = client.get(reverse("research:export_bibtex"), query)

    expected = [f"Hopeful book {number:02d}" for number in range(25)]
    assert ris_response["Content-Type"] == RIS_TYPE
    assert ris_response["Content-Disposition"] == 'attachment; filename="recovery-portal-research.ris"'
    assert titles_in_ris(ris_response) == expected
    assert bibtex_response["Content-Type"] == BIBTEX_TYPE
    assert bibtex_response["Content-Disposition"] == 'attachment; filename="recovery-portal-research.bib"'
    assert titles_in_bibtex(bibtex_response) == expected


def test_the_export_leaves_drafts_out_for_the_public_and_keeps_them_for_curators(client, curator):
    make_publication(title="Published work", tags=["hope"])
    make_publication(title="Draft work", status=Status.DRAFT, tags=["hope"])

    assert titles_in_ris(client.get(reverse("research:export_ris"))) == ["Published work"]
    assert titles_in_bibtex(client.get(reverse("research:export_bibtex"))) == ["Published work"]
    client.force_login(curator)
    assert titles_in_ris(client.get(reverse("research:export_ris"))) == ["Draft work", "Published work"]


@pytest.mark.parametrize("name", ["research:export_ris", "research:export_bibtex"])
def test_the_export_costs_the_same_queries_for_3_or_60_publications(client, django_assert_max_num_queries, name):
    def add(count):
        for _ in range(count):
            make_publication(authors=[("Stanhope", "Victoria"), ("Solomon", "Phyllis")], tags=["hope", "evidence"])

    add(3)
    with django_assert_max_num_queries(6):  # 6: the content version (kept filter choices)
        small = client.get(reverse(name), {"tag": "hope"})
    add(57)
    with django_assert_max_num_queries(6):  # 6: the content version (kept filter choices)
        large = client.get(reverse(name), {"tag": "hope"})

    assert small.content.count(b"Stanhope") == 3
    assert large.content.count(b"Stanhope") == 60
