"""Site search: the same page and behaviour on SQLite (icontains) and PostgreSQL (full-text search).

Tests marked `postgres_only` check what only the full-text backend does (weights, the English stemmer,
ts_headline snippets, "did you mean", the bounded ranking, the GIN index).
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import TextField, Value
from django.urls import reverse

from recovery_portal import search as site_search
from recovery_portal.search import backend, query
from recovery_portal.search.postgres import tsquery_text
from recovery_portal.search.snippets import PlainText, plain_text
from research.models import Authorship, Contributor, Publication, Status
from research.search import refresh_search_vectors
from tests.factories import make_publication, make_theme, refresh_search
from themes.models import Theme

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL only")


def results_of(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response


def titles(response):
    """The result titles in order, highlighting removed."""
    page = response.context["results"].page
    return [hit.object.title for hit in page.object_list] if page else []


def test_every_page_has_a_labelled_search_form_in_the_header(client):
    for url in ["/", "/themes/", "/research/", "/tags/"]:
        content = client.get(url).content.decode()
        header = content[content.index("<header") : content.index("</header>")]
        assert 'role="search"' in header
        assert 'action="/search/"' in header
        assert '<label for="site-search-q"' in header
        assert 'id="site-search-q" name="q"' in header


def test_empty_query_shows_the_page_with_help(client):
    response = results_of(client)

    content = response.content.decode()
    assert "<h1>Search</h1>" in content
    assert "Put words in quotes" in content
    assert 'class="card-list search-results"' not in content


@pytest.mark.parametrize("query", ["!!!", "  ?? -- ...  ", "\x00\x01"])
def test_punctuation_only_query_shows_help_not_an_error(client, query):
    make_publication(title="Housing and recovery")
    refresh_search()

    response = results_of(client, q=query)

    assert "Put words in quotes" in response.content.decode()
    assert response.context["results"].page is None


def test_query_of_only_common_words_says_so(client):
    make_publication(title="The study")
    refresh_search()

    response = results_of(client, q="the and of")

    assert "too common to search for" in response.content.decode()


def test_very_long_query_is_cut_safely(client):
    make_publication(title="Housing and recovery")
    refresh_search()

    response = results_of(client, q="housing " + "x" * 5000 + "\x00 \"unclosed 'quote")

    results = response.context["results"]
    assert len(results.query) == query.MAX_QUERY_LENGTH
    assert results.query.startswith("housing xxx")
    assert 'maxlength="200"' in response.content.decode()


def test_a_title_match_ranks_above_a_summary_match(client):
    make_publication(title="Something else entirely", summary="A note about housing, in passing.")
    make_publication(title="Housing first and recovery", summary="What this study is about.")
    refresh_search()

    response = results_of(client, q="housing")

    assert titles(response) == ["Housing first and recovery", "Something else entirely"]


def test_other_forms_of_a_word_are_found(client):
    make_publication(title="Recovery colleges in England")
    make_publication(title="Recovering a sense of self")
    make_publication(title="Unrelated work on staffing")
    refresh_search()

    assert sorted(titles(results_of(client, q="recovering"))) == [
        "Recovering a sense of self",
        "Recovery colleges in England",
    ]
    assert sorted(titles(results_of(client, q="recovery"))) == [
        "Recovering a sense of self",
        "Recovery colleges in England",
    ]


def test_a_quoted_phrase_finds_the_words_together_only(client):
    make_publication(title="Together", summary="Peer support works for many people.")
    make_publication(title="Apart", summary="Support from a peer worker.")
    refresh_search()

    assert titles(results_of(client, q='"peer support"')) == ["Together"]
    assert sorted(titles(results_of(client, q="peer support"))) == ["Apart", "Together"]


def test_a_minus_leaves_results_with_that_word_out(client):
    make_publication(title="Hope and housing")
    make_publication(title="Hope and medication")
    refresh_search()

    assert titles(results_of(client, q="hope -medication")) == ["Hope and housing"]


def test_or_accepts_either_word(client):
    make_publication(title="Stigma in the workplace")
    make_publication(title="Loneliness in later life")
    make_publication(title="Housing costs")
    refresh_search()

    assert sorted(titles(results_of(client, q="stigma or loneliness"))) == [
        "Loneliness in later life",
        "Stigma in the workplace",
    ]


def test_contributors_container_and_tags_are_searched(client):
    make_publication(title="One", authors=[("Repper", "Julie")])
    make_publication(title="Two", container_title="Journal of Mental Health")
    make_publication(title="Three", tags=["peer-support"])
    refresh_search()

    assert titles(results_of(client, q="repper")) == ["One"]
    assert titles(results_of(client, q="journal")) == ["Two"]
    assert titles(results_of(client, q="peer-support")) == ["Three"]


def test_matches_are_highlighted_and_the_source_text_is_escaped(client):
    make_publication(
        title="Housing <b>first</b>",
        summary="Stable housing helps. <script>alert('x')</script> People **need** a home.",
    )
    refresh_search()

    response = results_of(client, q="housing")

    content = response.content.decode()
    hit = response.context["results"].page.object_list[0]
    assert "<mark>Housing</mark>" in hit.title_html
    assert "<mark>housing</mark>" in hit.snippet_html
    assert "<script>" not in content.split("<main", 1)[1]
    assert "&lt;b&gt;first&lt;/b&gt;" in content
    assert "**" not in hit.snippet_html
    assert set(re.findall(r"<(/?\w+)", str(hit.snippet_html) + str(hit.title_html))) <= {"mark", "/mark"}


def test_snippets_show_text_not_markdown(client):
    make_publication(
        title="Tenancy support",
        summary=(
            "## What it found\n\nThe **tenancy sustainment** team helped people keep a home:\n\n"
            "- regular visits\n- help with [benefits](https://example.org/benefits) & bills\n\n"
            "1. first\n2. second\n\n> A quoted line with `code` and _emphasis_."
        ),
    )
    make_theme(title="Tenancy and home", summary="A *home* of one's own.", body="# Heading\n\nTenancy matters.")
    refresh_search()

    hits = results_of(client, q="tenancy").context["results"].page.object_list

    snippets = {hit.object.title: re.sub(r"</?mark>", "", str(hit.snippet_html)) for hit in hits}
    publication = snippets["Tenancy support"]
    assert "tenancy sustainment team helped people keep a home" in publication.lower()
    assert "benefits &amp; bills" in publication
    for markup in ("**", "##", "- regular", "](", "https://", "`", "_emphasis_", "&gt; A quoted", "1. first"):
        assert markup not in publication, markup
    assert "home of one&#x27;s own. Heading Tenancy matters" in snippets["Tenancy and home"]


MARKDOWN_SAMPLES = [
    (
        "Plain text,\n  over   two lines; well-being - and 3.5 times.",
        "Plain text, over two lines; well-being - and 3.5 times.",
    ),
    (
        "**bold**, *italic*, _emphasis_ and `code`; snake_case stays",
        "bold, italic, emphasis and code; snake_case stays",
    ),
    ("## Heading ##\n\nSetext heading\n===\n\ntext", "Heading Setext heading text"),
    ("- one\n- two\n  * nested\n1. first\n2) second", "one two nested first second"),
    ("> quoted\n> > deeper - with a dash", "quoted deeper - with a dash"),
    (
        "[a link](https://example.org) ![a picture](p.png) [a reference][1]\n\n[1]: https://x.org",
        "a link a picture a reference",
    ),
    ("<b>html</b> and <https://example.org>", "html and https://example.org"),
    (
        "Fish &amp; chips, \\*not emphasis\\*, 3.5 times\n\n---\n\nafter a rule",
        "Fish & chips, *not emphasis*, 3.5 times after a rule",
    ),
]


@pytest.mark.parametrize(("markdown", "text"), MARKDOWN_SAMPLES)
def test_markdown_becomes_the_same_text_in_python_and_in_the_database(markdown, text):
    assert plain_text(markdown) == text
    if connection.vendor == "postgresql":
        make_theme()
        in_database = Theme.objects.annotate(text=PlainText(Value(markdown, output_field=TextField())))
        assert in_database.values_list("text", flat=True).get() == text


def test_results_are_labelled_by_kind(client):
    make_theme(title="Peer support", summary="People who have been there.")
    make_publication(title="Peer support in practice", kind=Publication.Kind.REPORT)
    refresh_search()

    content = results_of(client, q="peer").content.decode()

    assert '<p class="kind">Theme</p>' in content
    assert '<p class="kind">Research · Report</p>' in content
    assert 'Themes <span class="count">(1)</span>' in content
    assert 'Research <span class="count">(1)</span>' in content


def test_results_can_be_narrowed_by_kind(client):
    make_theme(title="Hope at the heart")
    make_publication(title="Hope and recovery")
    refresh_search()

    assert titles(results_of(client, q="hope", kind="theme")) == ["Hope at the heart"]
    assert titles(results_of(client, q="hope", kind="publication")) == ["Hope and recovery"]
    assert len(titles(results_of(client, q="hope", kind="no-such-kind"))) == 2


def test_results_can_be_narrowed_by_tag(client):
    make_publication(title="Housing and hope", tags=["housing"])
    make_publication(title="Hope at work", tags=["employment"])
    make_theme(title="Hope in housing", tags=["housing"])
    refresh_search()

    response = results_of(client, q="hope", tag="housing")

    assert sorted(titles(response)) == ["Hope in housing", "Housing and hope"]
    assert "tagged “housing”" in response.content.decode()
    assert len(titles(results_of(client, q="hope", tag="no-such-tag"))) == 3


def test_drafts_are_never_found(client, curator):
    make_publication(title="Draft housing study", status=Status.DRAFT)
    make_theme(title="Draft housing theme", status=Status.DRAFT, tags=["secret-tag"])
    make_publication(title="Published housing study")
    refresh_search()

    assert titles(results_of(client, q="housing")) == ["Published housing study"]
    assert b"secret-tag" not in results_of(client, q="housing").content
    client.force_login(curator)
    assert titles(results_of(client, q="draft")) == []


def test_results_are_paged_and_the_pages_keep_the_query(client):
    for number in range(site_search.PER_PAGE + 5):
        make_publication(title=f"Recovery story {number}", tags=["hope"])
    refresh_search()

    first = results_of(client, q="story", tag="hope")
    second = results_of(client, q="story", tag="hope", page=2)

    assert len(titles(first)) == site_search.PER_PAGE
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'href="?q=story&amp;tag=hope&amp;page=2"' in first.content.decode()
    assert "<strong>25</strong> results" in first.content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_the_search_page_costs_the_same_queries_at_two_sizes(client, django_assert_max_num_queries, size):
    theme = make_theme(title="Recovery and hope", tags=["hope"])
    for number in range(size):
        make_publication(title=f"Recovery number {number}", authors=[("Fox", "Joanna")], tags=["hope", "housing"])
    assert theme
    refresh_search()

    # tag choices, every kind ranked in one query, each kind's rows (highlighted) with their tags (and authors)
    with django_assert_max_num_queries(7):
        assert results_of(client, q="recovery").status_code == 200
    # tag choices, the ranking, "did you mean"
    with django_assert_max_num_queries(3):
        results_of(client, q="zzzqqq")
    with django_assert_max_num_queries(1):
        results_of(client, q="")


def test_a_curators_admin_save_updates_the_index(client, curator):
    publication = make_publication(title="Old title", slug="old-title")
    refresh_search()
    client.force_login(curator)

    response = client.post(
        reverse("admin:research_publication_change", args=[publication.pk]),
        {
            "kind": Publication.Kind.REPORT,
            "title": "Employment and recovery",
            "slug": "old-title",
            "status": Status.PUBLISHED,
            "summary": "A new summary.",
            "tags": [],
            "year": "2008",
            "month": "",
            "authorships-TOTAL_FORMS": "1",
            "authorships-INITIAL_FORMS": "0",
            "authorships-MIN_NUM_FORMS": "0",
            "authorships-MAX_NUM_FORMS": "1000",
            "authorships-0-position": "1",
            "authorships-0-role": Authorship.Role.AUTHOR,
            "authorships-0-contributor": str(Contributor.objects.create(family_name="Repper", given_names="J").pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()

    assert titles(results_of(client, q="employment")) == ["Employment and recovery"]
    assert titles(results_of(client, q="repper")) == ["Employment and recovery"]
    assert titles(results_of(client, q="old")) == []


def test_a_curators_theme_save_updates_the_index(client, curator):
    theme = make_theme(title="Hope", slug="hope", tags=["hope"])
    refresh_search()
    client.force_login(curator)

    response = client.post(
        reverse("admin:themes_theme_change", args=[theme.pk]),
        {
            "title": "Hope and belonging",
            "slug": "hope",
            "position": "1",
            "status": Status.PUBLISHED,
            "summary": "Where hope comes from.",
            "body": "Belonging to a community.",
            "question": "",
            "tags": [],
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()

    assert titles(results_of(client, q="belonging")) == ["Hope and belonging"]


def test_restoring_an_earlier_version_updates_the_index(client, curator):
    theme = make_theme(title="Hopefulness", slug="hope")
    form = {
        "slug": "hope",
        "position": "1",
        "status": Status.PUBLISHED,
        "summary": theme.summary,
        "body": theme.body,
        "question": "",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    client.force_login(curator)
    client.post(reverse("admin:themes_theme_change", args=[theme.pk]), {**form, "title": "Belonging"})
    first = theme.history.order_by("history_id").first()

    response = client.post(
        reverse("admin:themes_theme_simple_history", args=[theme.pk, first.history_id]),
        {**form, "title": "Hopefulness"},
    )
    assert response.status_code == 302
    client.logout()

    assert titles(results_of(client, q="hopefulness")) == ["Hopefulness"]
    assert titles(results_of(client, q="belonging")) == []


def test_an_import_updates_the_index(client):
    from research.importing import apply_import, parse_references, plan_import

    _, records = parse_references(
        "TY  - JOUR\nTI  - Loneliness among carers\nAU  - Okafor, Ada\nPY  - 2019\nT2  - Carers Review\nER  - \n"
    )
    result = apply_import(plan=plan_import(records=records))
    # Imports arrive as drafts; a curator publishes them.
    Publication.objects.filter(pk__in=[p.pk for p in result.created]).update(status=Status.PUBLISHED)

    assert titles(results_of(client, q="loneliness")) == ["Loneliness among carers"]
    assert titles(results_of(client, q="okafor")) == ["Loneliness among carers"]


def test_a_bulk_refresh_updates_the_index(client):
    created = Publication.objects.bulk_create(
        [
            Publication(title=f"Bulk loaded resilience study {n}", slug=f"bulk-{n}", status=Status.PUBLISHED)
            for n in range(3)
        ]
    )
    if connection.vendor == "postgresql":
        assert titles(results_of(client, q="resilience")) == []  # no vector until refreshed

    assert refresh_search_vectors([publication.pk for publication in created]) == (
        3 if connection.vendor == "postgresql" else 0
    )

    assert len(titles(results_of(client, q="resilience"))) == 3


def test_the_refresh_search_command_brings_everything_up_to_date(client):
    Publication.objects.bulk_create(
        [Publication(title="Written behind the admin's back", slug="x", status="published")]
    )

    call_command("refresh_search", stdout=StringIO())

    assert titles(results_of(client, q="behind")) == ["Written behind the admin's back"]


def test_the_shipped_content_is_searchable_after_loading(client, shipped_content):
    response = results_of(client, q="scottish recovery network")

    assert "Recovering mental health in Scotland" in " ".join(titles(response))


# Unit tests of the query reading, the same for both backends -----------------------------------


def test_queries_are_read_into_words_phrases_exclusions_and_alternatives():
    terms = query.parse_terms('Peer "Social  Inclusion" -stigma the hope or housing well-being')

    assert [(t.text, t.phrase, t.exclude, t.either) for t in terms] == [
        ("peer", False, False, False),
        ("social inclusion", True, False, False),
        ("stigma", False, True, False),
        ("hope", False, False, False),
        ("housing", False, False, True),
        ("well being", True, False, False),
    ]
    assert tsquery_text(terms) == (
        "'peer' & ('social' <-> 'inclusion') & !'stigma' & ('hope' | 'housing') & ('well' <-> 'being')"
    )


def test_tsquery_text_never_carries_quotes_or_operators_from_the_query():
    terms = query.parse_terms("o'brien's ) ( & | ! :* \\ recovery")

    text = tsquery_text(terms)

    assert text == "('o' <-> 'brien' <-> 's') & ('recovery' | 'recover':*)"


@pytest.mark.parametrize(
    ("word", "root"),
    [("recovering", "recover"), ("recovery", "recover"), ("stories", "stor"), ("housing", "hous"), ("hope", "hope")],
)
def test_the_crude_stem(word, root):
    assert query.stem(word) == root


# PostgreSQL only ---------------------------------------------------------------------------------


@postgres_only
def test_weights_put_title_above_people_and_tags_above_container_above_summary(client):
    make_publication(title="D", summary="About advocacy.")
    make_publication(title="C", container_title="Advocacy Quarterly")
    make_publication(title="B", tags=["advocacy"])
    make_publication(title="Advocacy in practice")
    refresh_search()

    assert titles(results_of(client, q="advocacy")) == ["Advocacy in practice", "B", "C", "D"]


@postgres_only
def test_the_snippet_comes_from_where_the_words_matched(client):
    summary = " ".join(["Filler words about nothing much."] * 20) + " The tenancy sustainment team helped."
    make_publication(title="A long summary", summary=summary)
    refresh_search()

    hit = results_of(client, q="tenancy").context["results"].page.object_list[0]

    assert "<mark>tenancy</mark> sustainment" in hit.snippet_html
    assert len(hit.snippet_html) < len(summary)


def test_did_you_mean_suggests_a_word_from_the_published_library(client):
    make_publication(title="Recovery and employment")
    make_publication(title="Secretive draft about zebras", status=Status.DRAFT)
    refresh_search()

    response = results_of(client, q="employmant recovery")
    content = response.content.decode()

    assert response.context["results"].suggestion == "employment recovery"
    assert 'Did you mean <a href="?q=employment+recovery">employment recovery</a>?' in content
    assert results_of(client, q="zebraz").context["results"].suggestion == ""  # drafts' words are not offered


@postgres_only
def test_ranking_is_bounded_for_words_in_many_records(client, monkeypatch):
    monkeypatch.setattr(backend, "CANDIDATE_LIMIT", 5)
    for number in range(8):
        make_publication(title=f"Recovery number {number}")
    refresh_search()

    response = results_of(client, q="recovery")

    assert len(titles(response)) == 5
    assert "More than 5 results" in response.content.decode()


@postgres_only
def test_the_vectors_are_stored_and_gin_indexed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%USING gin (search_vector)%%' ORDER BY 1"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "reflections_exercise_search_vector_gin",
            "research_publication_search_vector_gin",
            "themes_theme_search_vector_gin",
        ]
    publication = make_publication(title="Stored")
    refresh_search_vectors([publication.pk])
    assert "'store':1A" in Publication.objects.values_list("search_vector", flat=True).get(pk=publication.pk)
