import pytest

from tests.factories import make_publication, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def rename(theme, title):
    theme.title = title
    theme.save()


def test_anonymous_visitors_get_a_public_page_from_the_cache(client, page_cache, django_assert_num_queries):
    theme = make_theme(title="Hope")
    assert b"<h1>Hope</h1>" in client.get(theme.get_absolute_url()).content
    rename(theme, "Hope and belief")

    with django_assert_num_queries(1):  # the content version (publishing.page_cache); none with a shared cache
        response = client.get(theme.get_absolute_url())

    assert b"<h1>Hope</h1>" in response.content
    assert "default-src 'self'" in response["Content-Security-Policy"]  # headers still added


def test_logged_in_people_always_get_a_fresh_page(client, page_cache, curator):
    theme = make_theme(title="Hope")
    client.get(theme.get_absolute_url())
    rename(theme, "Hope and belief")
    client.force_login(curator)

    assert b"<h1>Hope and belief</h1>" in client.get(theme.get_absolute_url()).content


def test_each_query_string_is_cached_on_its_own(client, page_cache):
    make_theme(title="Hope", tags=["hope"])

    client.get("/research/")
    response = client.get("/research/", {"kind": "book"})

    assert response.context is not None  # rendered, not served from the first page's entry


def test_not_found_pages_are_not_cached(client, page_cache):
    assert client.get("/themes/not-yet/").status_code == 404
    make_theme(slug="not-yet")

    assert client.get("/themes/not-yet/").status_code == 200


def test_private_pages_are_never_cached(client, page_cache):
    first = client.get("/accounts/login/")
    second = client.get("/accounts/login/")

    assert first.context is not None and second.context is not None


def test_parameters_a_page_does_not_read_make_no_cache_entry_of_their_own(client, page_cache, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "junk"}}
    from django.core.cache import cache

    for n in range(20):
        assert client.get("/research/", {f"junk{n}": "x", "utm_source": n, "kind": ""}).status_code == 200

    page_entries = [key for key in cache._cache if "public-page:" in key]
    assert len(page_entries) == 1


def test_parameters_a_page_does_not_read_never_reach_its_links(client, page_cache):
    for number in range(25):
        make_publication(title=f"Study {number}")

    response = client.get("/research/", {"junk": "<x>", "kind": "journal_article"})

    assert b"junk" not in response.content
    assert b'href="?kind=journal_article&amp;page=2"' in response.content


def test_the_parameters_a_page_reads_each_get_their_own_entry(client, page_cache):
    make_theme(title="Hope", tags=["hope"])
    client.get("/search/", {"q": "hope"})

    response = client.get("/search/", {"q": "belief", "junk": "1"})

    assert response.context is not None  # rendered, not the other query's entry
    assert response.context["results"].query == "belief"


def test_https_and_http_pages_are_cached_apart(client, page_cache):
    make_publication(title="Linked study")
    client.get("/feeds/research/")

    secure = client.get("/feeds/research/", secure=True)

    assert b"https://testserver/research/" in secure.content
    assert b"http://testserver/research/" not in secure.content


def test_each_host_is_cached_apart(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["recovery.example.org", "mirror.example.org"]
    make_publication(title="Linked study")
    client.get("/feeds/research/", HTTP_HOST="recovery.example.org")

    other = client.get("/feeds/research/", HTTP_HOST="mirror.example.org")

    assert b"http://mirror.example.org/research/" in other.content
    assert b"recovery.example.org" not in other.content


def test_the_research_lists_theme_filter_works_from_the_cache(client, page_cache):
    from tests.factories import link

    theme = make_theme(title="Hope", slug="hope")
    link(theme, make_publication(title="Linked to hope"))
    make_publication(title="Linked to nothing")

    response = client.get("/research/", {"theme": "hope"})

    assert b"Linked to hope" in response.content
    assert b"Linked to nothing" not in response.content
