import pytest

from tests.factories import make_theme

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
