"""RIS and BibTeX export, read back by the independent libraries, and imported again."""

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.urls import reverse

from research import bibtex, ris
from research.importing import apply_import, parse_references, plan_import
from research.models import Contributor, Publication, Status
from research.records import Record, read_identifiers
from tests.factories import make_publication
from themes.models import Evidence

pytestmark = pytest.mark.django_db

Kind = Publication.Kind
RIS_TYPES = {"journal_article": "JOUR", "book": "BOOK", "chapter": "CHAP", "report": "RPRT", "guide": "GEN"}
RIS_TYPES["web_page"] = "ELEC"
BIBTEX_TYPES = {"journal_article": "article", "book": "book", "chapter": "incollection", "report": "techreport"}
BIBTEX_TYPES |= {"guide": "misc", "web_page": "online"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def add_awkward_publications():
    """Beside the shipped content: every field the formats carry, and the cases that break exporters."""
    make_publication(
        kind=Kind.CHAPTER,
        slug="chapter-with-everything",
        title="Recovery & risk: 50% of {what} matters_ a #1 $ guide ~ back\\slash",
        year=2010,
        month=3,
        container_title="Social work & mental health: a reader",
        pages="12-34",
        publisher="Policy Press",
        place="Bristol",
        series="Research in practice 4",
        isbn="978-1-4051-4922-8",
        doi="10.1000/xyz_123",
        url="https://example.org/chapter?id=1&part=2",
        summary="First paragraph, with an *emphasis*.\n\nSecond paragraph.",
        authors=[("van der Berg", "Jan"), ("Ó Súilleabháin", "Aoife")],
        editors=[("Müller", "Hans"), ("Scottish Recovery Network", "")],
        tags=["Hope", "care planning"],
    )
    make_publication(
        kind=Kind.WEB_PAGE,
        slug="web-page-online-issn",
        title="Recovery stories online",
        year=2021,
        container_title="Mind blog",
        publisher="Mind",
        issn_online="1468-263X",
        url="https://www.mind.org.uk/stories",
        authors=[("Rethink Mental Illness", "")],
    )
    make_publication(
        kind=Kind.JOURNAL_ARTICLE,
        slug="article-with-issue",
        title="Peer support and hope",
        year=2019,
        month=12,
        container_title="Journal of Mental Health",
        volume="28",
        issue="6",
        pages="e101",
        issn_print="0963-8237",
        issn_online="1360-0567",
        doi="10.1080/09638237.2019.1608934",
        authors=[("Repper", "Julie"), ("Carter", "Tim")],
        tags=["peer-support"],
    )


def person(contributor):
    return (
        f"{contributor.family_name}, {contributor.given_names}" if contributor.given_names else contributor.family_name
    )


def authors(publication):
    """As the site's references name them: the people, else an organisation's report, guide or web page
    has its publisher as author."""
    people = [person(c) for c in publication.authors]
    corporate = publication.kind in (Kind.REPORT, Kind.GUIDE, Kind.WEB_PAGE) and not publication.editors
    return people or ([publication.publisher] if corporate and publication.publisher else [])


def everything():
    return list(Publication.objects.for_listing().order_by("pk"))


def test_every_shipped_publication_reads_back_from_ris_field_by_field(shipped_content):
    add_awkward_publications()
    publications = everything()

    entries = rispy.loads(ris.publications_to_ris(publications))

    assert len(entries) == len(publications) == 11
    for publication, entry in zip(publications, entries, strict=True):
        p = publication
        book_like = p.kind in (Kind.BOOK, Kind.REPORT)
        editors_key = "tertiary_authors" if p.kind == Kind.BOOK else "secondary_authors"
        start, _, end = p.pages.partition("-")
        issns = (
            [p.issn_print, p.issn_online] if p.issn_print else [f"{p.issn_online} (online)" if p.issn_online else ""]
        )
        assert entry["type_of_reference"] == RIS_TYPES[p.kind]
        assert entry["title"] == p.title
        assert entry.get("authors", []) == authors(p)
        assert entry.get(editors_key, []) == [person(c) for c in p.editors]
        assert entry.get("secondary_title", "") == (p.series if book_like else p.container_title)
        assert entry.get("tertiary_title", "") == ("" if book_like else p.series)
        assert entry.get("year", "") == str(p.year or "")
        assert entry.get("date", "") == (f"{p.year}/{p.month:02d}//" if p.month else "")
        assert entry.get("volume", "") == p.volume
        assert entry.get("number", "") == p.issue
        assert (entry.get("start_page", ""), entry.get("end_page", "")) == (start, end)
        assert entry.get("publisher", "") == p.publisher
        assert entry.get("place_published", "") == p.place
        assert entry.get("issn", "") == "; ".join(filter(None, [p.isbn, *issns]))
        assert entry.get("doi", "") == p.doi
        assert entry.get("urls", []) == ([p.url] if p.url else [])
        assert entry.get("keywords", []) == sorted((t.name for t in p.tags.all()), key=str.casefold)
        assert entry.get("abstract", "") == " ".join(p.summary.split())


def test_every_shipped_publication_reads_back_from_bibtex_field_by_field(shipped_content):
    add_awkward_publications()
    publications = everything()
    text = bibtex.publications_to_bibtex(publications)

    raw = bibtexparser.parse_string(text)
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])

    assert not raw.failed_blocks and not decoded.failed_blocks
    assert len(raw.entries) == len(publications) == 11
    assert len({entry.key for entry in raw.entries}) == 11, "cite keys are unique"
    for p, entry, plain in zip(publications, raw.entries, decoded.entries, strict=True):
        fields = {field.key: field.value for field in plain.fields}
        verbatim = {field.key: field.value for field in entry.fields}
        container = "journal" if p.kind == Kind.JOURNAL_ARTICLE else "booktitle"
        publisher = {Kind.REPORT: "institution", Kind.WEB_PAGE: "organization"}.get(p.kind, "publisher")
        issns = (
            [p.issn_print, p.issn_online] if p.issn_print else [f"{p.issn_online} (online)" if p.issn_online else ""]
        )
        assert entry.entry_type == BIBTEX_TYPES[p.kind]
        assert fields["title"] == p.title
        assert fields.get("author", "") == " and ".join(authors(p))
        assert fields.get("editor", "") == " and ".join(person(c) for c in p.editors)
        assert fields.get(container, "") == p.container_title
        assert fields.get("series", "") == p.series
        assert fields.get("year", "") == str(p.year or "")
        assert verbatim.get("month", "") == (MONTHS[p.month - 1] if p.month else "")
        assert fields.get("volume", "") == p.volume
        assert fields.get("number", "") == p.issue
        assert verbatim.get("pages", "") == p.pages.replace("-", "--")
        assert fields.get(publisher, "") == p.publisher
        assert fields.get("address", "") == p.place
        assert fields.get("isbn", "") == p.isbn
        assert fields.get("issn", "") == "; ".join(filter(None, issns))
        assert verbatim.get("doi", "") == p.doi
        assert verbatim.get("url", "") == p.url
        assert fields.get("keywords", "") == ", ".join(sorted((t.name for t in p.tags.all()), key=str.casefold))
        assert " ".join(fields.get("abstract", "").split()) == " ".join(p.summary.split())


def snapshot(publication):
    """What a record holds, to compare a publication before export with the one imported from the export."""
    return {
        "kind": publication.kind,
        "title": publication.title,
        **{
            name: getattr(publication, name)
            for name in ["year", "month", "container_title", "volume", "issue", "pages", "publisher", "place"]
        },
        **{name: getattr(publication, name) for name in ["series", "issn_print", "issn_online", "isbn", "doi", "url"]},
        "summary": " ".join(publication.summary.split()),
        "authors": [(c.family_name, c.given_names) for c in publication.authors],
        "editors": [(c.family_name, c.given_names) for c in publication.editors],
        "tags": sorted(tag.name for tag in publication.tags.all()),
    }


@pytest.mark.parametrize("export", [ris.publications_to_ris, bibtex.publications_to_bibtex], ids=["RIS", "BibTeX"])
def test_importing_an_export_into_an_empty_library_gives_the_same_records(shipped_content, export):
    add_awkward_publications()
    before = sorted((snapshot(p) for p in everything()), key=lambda s: s["title"])
    text = export(everything())
    Evidence.objects.all().delete()
    Publication.objects.all().delete()
    Contributor.objects.all().delete()

    _, records = parse_references(text)
    plan = plan_import(records=records)
    apply_import(plan=plan)

    assert (len(plan.create), len(plan.update), len(plan.skip)) == (11, 0, 0)
    after = sorted((snapshot(p) for p in everything()), key=lambda s: s["title"])
    assert after == before
    assert set(Publication.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_importing_an_export_again_skips_every_record_as_already_in_the_library(shipped_content):
    text = ris.publications_to_ris(everything())

    plan = plan_import(records=parse_references(text)[1])

    assert (len(plan.create), len(plan.update), len(plan.skip)) == (0, 0, 8)
    assert plan.skip[0].reason.startswith("same ISSN, title and year as ‘Getting to the heart of recovery")
    assert plan.skip[0].reason.endswith("already in the library, and adds nothing to it")


def test_bibtex_keys_are_author_year_word_and_stay_put_however_the_list_is_sorted():
    first = make_publication(title="Getting to the heart of recovery", authors=[("Stanhope", "Victoria")])
    second = make_publication(title="Getting better", authors=[("Stanhope", "Victoria")])
    corporate = make_publication(title="The recovery approach", year=None, authors=[("Scottish Recovery Network", "")])

    by_pk = bibtexparser.parse_string(bibtex.publications_to_bibtex([first, second, corporate])).entries
    reversed_order = bibtexparser.parse_string(bibtex.publications_to_bibtex([corporate, second, first])).entries

    assert [entry.key for entry in by_pk] == [
        "stanhope2008getting",
        "stanhope2008gettinga",
        "srnndrecovery",
    ]
    assert {entry.key for entry in reversed_order} == {entry.key for entry in by_pk}
    assert reversed_order[2].key == "stanhope2008getting"


def test_one_online_issn_reads_back_as_the_online_issn_in_both_formats():
    record = Record(title="Online only", issn_online="1468-263X")

    for module in (ris, bibtex):
        (read,) = module.loads(module.dumps([record]))
        assert (read.issn_print, read.issn_online) == ("", "1468-263X")


def test_ris_kinds_read_from_other_reference_managers_types():
    text = "".join(
        f"TY  - {ris_type}\nTI  - A {ris_type}\nER  - \n\n"
        for ris_type in ["EJOUR", "EDBOOK", "CONF", "THES", "BLOG", "XYZ"]
    )

    kinds = [record.kind for record in ris.loads(text)]

    assert kinds == [Kind.JOURNAL_ARTICLE, Kind.BOOK, Kind.CHAPTER, Kind.REPORT, Kind.WEB_PAGE, Kind.GUIDE]


def test_isbns_and_issns_are_told_apart_whatever_their_labels():
    assert read_identifiers(["0045-3102 (Print); 1468-263X (Electronic)"]) == ("", "0045-3102", "1468-263X", [])
    assert read_identifiers(["1468-263X (online)"]) == ("", "", "1468-263X", [])
    assert read_identifiers(["00453102 1468263x"]) == ("", "0045-3102", "1468-263X", [])
    assert read_identifiers(["ISBN 978-1-4051-4922-8", "ISSN: 0045-3102"]) == (
        "978-1-4051-4922-8",
        "0045-3102",
        "",
        [],
    )
    assert read_identifiers(["Knowledge review 21"]) == ("", "", "", ["Knowledge review 21"])


def test_corporate_authors_export_as_authors_as_the_site_shows_them(client, shipped_content):
    review = Publication.objects.get(series="SCIE Knowledge review 21")
    harvard = client.get(review.get_absolute_url()).context["references"][0].text

    ris_text = client.get(reverse("research:publication_ris", args=[review.slug])).content.decode()
    bib_text = client.get(reverse("research:publication_bibtex", args=[review.slug])).content.decode()

    assert harvard.startswith("Social Care Institute for Excellence (")
    assert rispy.loads(ris_text)[0]["authors"] == ["Social Care Institute for Excellence"]
    assert "  author = {{Social Care Institute for Excellence}},\n" in bib_text
    assert bib_text.startswith("@techreport{scie")
