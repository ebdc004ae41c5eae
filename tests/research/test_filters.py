import pytest
from django.urls import reverse

from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme

pytestmark = pytest.mark.django_db

LIST = reverse("research:publication_list")


def titles(response):
    return [publication.title for publication in response.context["page"].object_list]


@pytest.fixture
def library():
    hope = make_theme(slug="hope", title="Hope")
    work = make_theme(slug="work", title="Work")
    a = make_publication(title="Article 2008", year=2008, tags=["hope"], study_design="qualitative")
    b = make_publication(title="Book 2012", year=2012, kind=Publication.Kind.BOOK, tags=["hope", "housing"])
    c = make_publication(title="Report 2001", year=2001, kind=Publication.Kind.REPORT, tags=["housing"])
    make_publication(title="Draft 2010", year=2010, tags=["hope"], status=Status.DRAFT)
    link(hope, a)
    link(hope, b)
    link(work, c)
    return a, b, c


def test_filters_by_kind(client, library):
    assert titles(client.get(LIST, {"kind": "book"})) == ["Book 2012"]


def test_filters_by_year_range(client, library):
    response = client.get(LIST, {"year_from": "2005", "year_to": "2012", "sort": "newest"})

    assert titles(response) == ["Book 2012", "Article 2008"]
    assert b"<strong>2</strong> publications match these filters." in response.content


def test_filters_by_tag_and_theme_combined(client, library):
    assert titles(client.get(LIST, {"tag": "hope", "theme": "hope", "sort": "title"})) == [
        "Article 2008",
        "Book 2012",
    ]
    assert titles(client.get(LIST, {"tag": "housing", "theme": "hope"})) == ["Book 2012"]
    assert titles(client.get(LIST, {"theme": "work"})) == ["Report 2001"]


def test_filters_by_study_design(client, library):
    assert titles(client.get(LIST, {"design": "qualitative"})) == ["Article 2008"]


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("title", ["Article 2008", "Book 2012", "Report 2001"]),
        ("newest", ["Book 2012", "Article 2008", "Report 2001"]),
        ("added", ["Report 2001", "Book 2012", "Article 2008"]),
    ],
)
def test_sorts(client, library, sort, expected):
    assert titles(client.get(LIST, {"sort": sort})) == expected


def test_newest_first_is_by_year_of_publication_with_undated_work_last_and_is_the_default(client):
    make_publication(title="Undated guide", year=None)
    make_publication(title="Added last but old", year=1999)
    make_publication(title="Older", year=2007)
    make_publication(title="Newer", year=2008)
    make_publication(title="Also undated", year=None)

    expected = ["Newer", "Older", "Added last but old", "Also undated", "Undated guide"]
    assert titles(client.get(LIST, {"sort": "newest"})) == expected
    assert titles(client.get(LIST)) == expected
    assert titles(client.get(LIST, {"sort": "added"}))[0] == "Also undated"


def test_the_sort_choices_say_what_they_do(client):
    content = client.get(LIST).content.decode()

    newest, added = '<option value="newest">Newest first</option>', '<option value="added">Recently added</option>'
    assert newest in content and added in content
    assert content.index(newest) < content.index(added)  # the first choice is what an unsorted list shows


def test_drafts_never_match_for_the_public(client, library):
    assert "Draft 2010" not in titles(client.get(LIST, {"tag": "hope"}))


def test_empty_result_says_so_and_offers_to_clear(client, library):
    response = client.get(LIST, {"kind": "web_page"})

    assert b"No publications match these filters." in response.content
    assert b'href="/research/">Clear the filters</a>' in response.content


def test_a_bad_filter_is_explained_and_ignored(client, library):
    response = client.get(LIST, {"year_from": "soon", "kind": "book"})

    assert titles(response) == ["Book 2012"]
    assert b"Some filters could not be used" in response.content
    assert b"From year: Enter a whole number." in response.content


def test_reversed_year_range_is_explained(client, library):
    response = client.get(LIST, {"year_from": "2012", "year_to": "2001"})

    assert b"The end year must not be before the start year." in response.content


def test_paging_keeps_the_filters(client):
    for _ in range(25):
        make_publication(tags=["hope"])

    response = client.get(LIST, {"tag": "hope", "sort": "title"})

    assert b'href="?tag=hope&amp;sort=title&amp;page=2"' in response.content


def test_filter_form_shows_the_current_choices(client, library):
    response = client.get(LIST, {"tag": "housing"})

    assert b'<option value="housing" selected>housing</option>' in response.content
    assert b'<option value="hope">Hope</option>' in response.content  # themes with research


def test_filter_choices_are_kept_as_long_as_public_pages(client, library, settings, django_assert_max_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    client.get(LIST, {"kind": "book"})

    # count, page, tags, authors, and the page cache's version (publishing.page_cache): no choice queries
    with django_assert_max_num_queries(5):
        response = client.get(LIST, {"kind": "report"})

    assert b'<option value="housing">housing</option>' in response.content
