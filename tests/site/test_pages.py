import re

import pytest
from django.urls import reverse

from research.models import Status
from tests.factories import make_publication, make_theme

pytestmark = pytest.mark.django_db


def test_home_explains_the_three_meanings_and_shows_the_thirteen_themes(client, shipped_content):
    response = client.get(reverse("home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Recovery in mental health</h1>" in content
    assert content.count("<li><strong>") == 3
    assert "Getting better on its own" in content
    assert "Living well, with or without symptoms" in content
    # Each theme, the nav link, "All themes" and the evidence map in "start here".
    assert content.count('href="/themes/') == 13 + 3
    assert "Hope at the heart of recovery" in content
    assert "Recently added research" in content


def test_every_page_credits_the_source_article(client, shipped_content):
    for url in ["/", "/themes/hope/", "/research/", "/tags/"]:
        assert "Based on: <cite>Recovery and mental health</cite>" in client.get(url).content.decode()


def test_tag_list_counts_published_themes_and_publications(client):
    make_theme(tags=["hope"])
    make_theme(tags=["hope"], status=Status.DRAFT)
    make_publication(tags=["Hope"])  # case-insensitive: the same tag
    make_publication(tags=["housing"])
    make_theme(tags=["only-in-drafts"], status=Status.DRAFT)

    response = client.get(reverse("tag_list"))

    rows = {tag.name.lower(): (tag.theme_count, tag.publication_count) for tag in response.context["tags"]}
    assert rows == {"hope": (1, 1), "housing": (0, 1)}
    assert b"only-in-drafts" not in response.content


def test_tag_page_gathers_themes_and_publications_by_kind(client):
    make_theme(title="Hope at the heart", tags=["hope"])
    make_publication(title="Narratives of hope", tags=["hope"])
    make_publication(title="Unrelated", tags=["housing"])
    make_publication(title="Draft with hope", tags=["hope"], status=Status.DRAFT)

    response = client.get(reverse("tag_detail", args=["hope"]))

    content = response.content.decode()
    assert "Tagged “hope”" in content
    assert "Themes (1)" in content and "Research (1)" in content
    assert "Hope at the heart" in content
    assert "Narratives of hope" in content
    assert "Unrelated" not in content
    assert "Draft with hope" not in content


def test_unknown_tag_is_404(client):
    assert client.get(reverse("tag_detail", args=["no-such-tag"])).status_code == 404


@pytest.mark.parametrize("size", [3, 60])
def test_public_pages_cost_the_same_queries_at_two_sizes(client, django_assert_max_num_queries, size):
    for _ in range(size):
        make_theme(tags=["hope", "identity"])
        make_publication(authors=[("Fox", "Joanna")], tags=["hope", "housing"])

    # The tag pages count and list themes, publications and exercises: one query more each for exercises;
    # 9 on the tag page: also the content version, which keys the kept cards.
    for url, budget in [("/", 5), ("/tags/", 4), ("/tags/hope/", 9)]:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_healthz_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}


def test_robots_txt_keeps_crawlers_out_of_admin_and_private_pages(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /reflections/" in response.content.decode()


def test_pages_send_security_headers(client):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_tag_page_pages_through_many_publications(client):
    for _ in range(25):
        make_publication(tags=["housing"])

    first = client.get(reverse("tag_detail", args=["housing"]))
    second = client.get(reverse("tag_detail", args=["housing"]), {"page": 2})

    assert b"Research (25)" in first.content
    assert b"Page 1 of 2" in first.content
    assert second.content.count(b'class="card-title"') == 5


def test_favicon_ico_points_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].startswith("/static/favicon.")


def test_server_error_page_is_friendly_and_standalone(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "check whether it was saved" in response.content.decode()


def test_header_links_follow_the_script_prefix_of_each_request(client):
    """{% url %} remembers what names without arguments reverse to (recovery_portal.template_urls), per prefix."""
    from django.urls import set_script_prefix

    set_script_prefix("/portal/")  # as the WSGI handler sets it from SCRIPT_NAME behind a proxy's path
    try:
        under_a_prefix = client.get("/").content.decode()
    finally:
        set_script_prefix("/")
    at_the_root = client.get("/").content.decode()

    assert 'href="/portal/themes/"' in under_a_prefix
    assert 'href="/themes/"' not in under_a_prefix
    assert 'href="/themes/"' in at_the_root
    assert "/portal/" not in at_the_root


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/themes/", "Themes"),
        ("/themes/map/", "Themes"),
        ("/research/", "Research"),
        ("/tags/", "Tags"),
        ("/reflections/exercises/", "Exercises"),
        ("/about/", "About"),
        ("/", None),
        ("/search/?q=hope", None),
    ],
)
def test_the_main_navigation_marks_the_section_the_page_is_in(client, path, current):
    """The navigation is rendered once per section and process (recovery_portal.template_memo)."""
    for _ in range(2):  # rendered, then remembered
        html = client.get(path).content.decode()
        nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>", html.index('<nav aria-label="Main">'))]

        marked = re.findall(r'aria-current="page">([^<]+)</a>', nav)
        assert marked == ([current] if current else [])


def test_the_remembered_head_links_follow_a_change_of_static_storage(client, settings):
    """The browser tests serve static files unhashed: pages rendered before must not keep the hashed names."""
    hashed = client.get("/").content.decode()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    plain = client.get("/").content.decode()

    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', hashed)
    assert 'href="/static/css/site.css"' in plain
