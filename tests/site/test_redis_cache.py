"""Redis is optional and never fatal: tried against the real Redis on this machine and an address where
nothing listens."""

import logging
import socket
import uuid

import pytest
from django.urls import reverse

from tests.factories import make_theme

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def port_where_nothing_listens():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_redis(settings, url):
    settings.CACHES = {
        "default": {
            "BACKEND": "recovery_portal.cache.ResilientRedisCache",
            "LOCATION": url,
            # The Redis on this machine is shared: keys of our own, left to expire rather than flushed.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def real_redis(settings):
    if not redis_answers():
        pytest.skip("No Redis on 127.0.0.1:6379 (.ci/run starts one).")
    use_redis(settings, REDIS_URL)


@pytest.fixture
def unreachable_redis(settings):
    use_redis(settings, f"redis://127.0.0.1:{port_where_nothing_listens()}/0")


def test_with_redis_anonymous_pages_come_from_the_shared_cache(client, real_redis, django_assert_num_queries):
    theme = make_theme(title="Hope")
    assert client.get(theme.get_absolute_url()).status_code == 200

    with django_assert_num_queries(0):
        response = client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert b"<h1>Hope</h1>" in response.content
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_with_redis_unreachable_pages_are_served_uncached(client, unreachable_redis):
    theme = make_theme(title="Hope")

    responses = [client.get(url) for url in ["/", "/research/", "/search/?q=hope", theme.get_absolute_url()] * 2]

    assert [response.status_code for response in responses] == [200] * 8
    assert all(response.context is not None for response in responses)  # rendered each time


def test_healthz_reports_an_unreachable_cache_as_degraded_but_serving(client, unreachable_redis):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_an_unreachable_cache_is_logged_once_not_per_request(client, unreachable_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="recovery_portal.cache"):
        for _ in range(5):
            assert client.get("/research/").status_code == 200

    assert [record.levelname for record in caplog.records] == ["ERROR"]
    assert "unreachable" in caplog.records[0].getMessage()


def test_sessions_and_login_limits_work_without_redis(client, unreachable_redis, django_user_model, settings):
    django_user_model.objects.create_user("sam", password="right-password-123")
    login = reverse("login")

    assert client.post(login, {"username": "sam", "password": "right-password-123"}).status_code == 302
    assert client.get("/accounts/password_change/").status_code == 200  # the session holds
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "sam", "password": "wrong"})
    locked = client.post(login, {"username": "sam", "password": "right-password-123"})

    assert locked.status_code == 429
