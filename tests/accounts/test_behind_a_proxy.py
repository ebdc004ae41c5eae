"""Login limits key on the client, also behind a reverse proxy, and only trust headers as configured."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # REMOTE_ADDR of every request that comes through the proxy
ATTACKER, CURATOR = "203.0.113.5", "198.51.100.7"


@pytest.fixture
def sam(django_user_model):
    return django_user_model.objects.create_user("sam", password="right-password-123")


def log_in(client, password, **headers):
    return client.post(reverse("login"), {"username": "sam", "password": password}, REMOTE_ADDR=PROXY, headers=headers)


def lock_out_from(client, settings, **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", **headers)


def test_behind_one_trusted_proxy_wrong_passwords_from_one_client_do_not_lock_out_another(client, sam, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    lock_out_from(client, settings, x_forwarded_for=ATTACKER)

    assert log_in(client, "right-password-123", x_forwarded_for=ATTACKER).status_code == 429
    assert log_in(client, "right-password-123", x_forwarded_for=CURATOR).status_code == 302


def test_behind_a_trusted_proxy_a_client_cannot_choose_its_address(client, sam, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client writes whatever it likes; the proxy appends the address it really came from.
        log_in(client, "wrong", x_forwarded_for=f"192.0.2.{n}, {ATTACKER}")

    assert log_in(client, "right-password-123", x_forwarded_for=f"192.0.2.99, {ATTACKER}").status_code == 429


def test_with_a_client_ip_header_login_limits_key_on_it(client, sam, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    lock_out_from(client, settings, x_real_ip=ATTACKER)

    assert log_in(client, "right-password-123", x_real_ip=CURATOR).status_code == 302


def test_without_trusted_proxies_forwarded_headers_are_ignored(client, sam, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", x_forwarded_for=f"192.0.2.{n}", x_real_ip=f"192.0.2.{n}")

    assert log_in(client, "right-password-123", x_forwarded_for="192.0.2.99").status_code == 429
