import pytest

from research.citations import apa, harvard
from research.models import Publication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db


def reference(publication, style=harvard):
    """Reload with the prefetches the pages use, then cite."""
    return style(Publication.objects.for_listing().get(pk=publication.pk))


def test_journal_article_in_harvard():
    article = make_publication(
        title="Getting to the heart of recovery: methods for studying recovery and their implications "
        "for evidence-based practice",
        year=2008,
        container_title="British Journal of Social Work",
        volume="38",
        issue="5",
        pages="885-899",
        authors=[("Stanhope", "Victoria"), ("Solomon", "Phyllis")],
    )

    assert reference(article).text == (
        "Stanhope, V. and Solomon, P. (2008) ‘Getting to the heart of recovery: methods for studying recovery "
        "and their implications for evidence-based practice’, British Journal of Social Work, 38(5), pp. 885–899."
    )
    assert "<i>British Journal of Social Work</i>" in reference(article).html
    assert reference(article, apa).text == (
        "Stanhope, V., & Solomon, P. (2008). Getting to the heart of recovery: methods for studying recovery "
        "and their implications for evidence-based practice. British Journal of Social Work, 38(5), 885–899."
    )
    assert "<i>British Journal of Social Work</i>, <i>38</i>(5)" in reference(article, apa).html


def test_book_with_editors_and_no_year():
    book = make_publication(
        kind=Publication.Kind.BOOK,
        title="Care planning in mental health: promoting recovery",
        year=None,
        publisher="Blackwell",
        editors=[("Hall", "Angela"), ("Wren", "Mark"), ("Kirby", "Stephan")],
    )

    assert reference(book).text == (
        "Hall, A., Wren, M. and Kirby, S. (eds) (no date) Care planning in mental health: promoting recovery. "
        "Blackwell."
    )
    assert "<i>Care planning in mental health: promoting recovery</i>" in reference(book).html
    assert reference(book, apa).text == (
        "Hall, A., Wren, M., & Kirby, S. (Eds.). (n.d.). Care planning in mental health: promoting recovery. "
        "Blackwell."
    )


def test_report_in_a_series_with_no_author_leads_with_the_organisation():
    report = make_publication(
        kind=Publication.Kind.REPORT,
        title="A Common Purpose: Recovery in Future Mental Health Services",
        year=None,
        publisher="Social Care Institute for Excellence",
        series="SCIE Position paper 08",
    )

    assert reference(report).text == (
        "Social Care Institute for Excellence (no date) A Common Purpose: Recovery in Future Mental Health "
        "Services (SCIE Position paper 08)."
    )
    # APA: when the organisation is the author it is not repeated as publisher.
    assert reference(report, apa).text == (
        "Social Care Institute for Excellence. (n.d.). A Common Purpose: Recovery in Future Mental Health "
        "Services (SCIE Position paper 08)."
    )


def test_chapter_with_place_doi_and_single_editor():
    chapter = make_publication(
        kind=Publication.Kind.CHAPTER,
        title="Recovery in practice",
        year=2010,
        container_title="Mental health social work",
        place="London",
        publisher="Routledge",
        pages="12-30",
        doi="10.1000/example",
        authors=[("Müller", "Anna-Lena")],
        editors=[("Ó Súilleabháin", "Seán")],
    )

    assert reference(chapter).text == (
        "Müller, A.-L. (2010) ‘Recovery in practice’, in Ó Súilleabháin, S. (ed.) Mental health social work. "
        "London: Routledge, pp. 12–30. Available at: https://doi.org/10.1000/example"
    )
    assert reference(chapter, apa).text == (
        "Müller, A.-L. (2010). Recovery in practice. In S. Ó Súilleabháin (Ed.), Mental health social work "
        "(pp. 12–30). Routledge. https://doi.org/10.1000/example"
    )


def test_guide_with_no_author_or_date_and_a_web_address():
    guide = make_publication(
        kind=Publication.Kind.GUIDE,
        title="Emerging best practices in mental health recovery",
        year=None,
        publisher="National Institute for Mental Health in England",
        url="https://example.org/guide",
    )

    assert reference(guide).text == (
        "National Institute for Mental Health in England (no date) Emerging best practices in mental health "
        "recovery. Available at: https://example.org/guide"
    )
    assert reference(guide, apa).text == (
        "National Institute for Mental Health in England. (n.d.). Emerging best practices in mental health "
        "recovery. https://example.org/guide"
    )


def test_untitled_author_free_article_leads_with_its_title():
    article = make_publication(title="Recovery: a view", year=2001, container_title="Journal", volume="2")

    assert reference(article).text == "‘Recovery: a view’ (2001), Journal, 2."
    assert reference(article, apa).text == "Recovery: a view. (2001). Journal, 2."


def test_markup_in_a_title_is_escaped_in_html():
    article = make_publication(title="<script>x</script>", authors=[("Fox", "Joanna")])

    assert "<script>" not in reference(article).html
    assert "&lt;script&gt;" in reference(article).html


@pytest.mark.parametrize(
    "stored, printed",
    [
        ("885-899", "885–899"),
        ("885--899", "885–899"),
        ("885 - 899", "885–899"),
        ("885–899", "885–899"),
        ("e12-e20", "e12–e20"),
        ("219", "219"),
    ],
)
def test_page_ranges_print_with_an_en_dash_in_both_styles(stored, printed):
    article = make_publication(pages=stored, container_title="Ethics and Social Welfare", volume="1", issue="2")

    assert reference(article).text.endswith(f"pp. {printed}.") or reference(article).text.endswith(f"p. {printed}.")
    assert reference(article, apa).text.endswith(f", {printed}.")
