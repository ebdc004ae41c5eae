"""Start-up configuration: checked in a fresh process, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


MISSING_SECRET = (
    "Configuration error: DJANGO_SECRET_KEY is not set. Set it to a long random string, "
    "or set DJANGO_DEBUG=1 for local development."
)


def python(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run([sys.executable, *args], cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True)


def manage(*args, **env):
    return python("manage.py", *args, **env)


def test_missing_secret_key_stops_the_web_server_with_one_line():
    result = python("-c", "import recovery_portal.wsgi")

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [MISSING_SECRET]


def test_missing_secret_key_stops_runserver_with_one_line():
    result = manage("runserver", "127.0.0.1:8999")

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [MISSING_SECRET]


def test_commands_that_sign_nothing_run_without_the_secret():
    result = manage("makemigrations", "--check", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_deploy_check_flags_a_missing_secret():
    result = manage("check", "--deploy", DJANGO_ALLOWED_HOSTS="recovery.example.org")

    assert "security.W009" in result.stderr


def test_malformed_database_url_stops_start_up_with_one_line():
    result = manage("check", DJANGO_SECRET_KEY="x" * 50, DATABASE_URL="nonsense://somewhere")

    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Configuration error: DATABASE_URL")


def test_bad_boolean_is_refused():
    result = manage("check", DJANGO_DEBUG="maybe")

    assert "DJANGO_DEBUG must be 1 or 0" in result.stderr


def test_two_ways_of_finding_the_client_behind_a_proxy_are_refused():
    result = manage("check", DJANGO_DEBUG="1", TRUSTED_PROXY_COUNT="1", CLIENT_IP_HEADER="X-Real-IP")

    assert result.returncode != 0
    assert "Set either TRUSTED_PROXY_COUNT (a number of proxies, 1 or more) or CLIENT_IP_HEADER" in result.stderr


@pytest.mark.parametrize("debug, expected", [("1", "True"), ("0", "False")])
def test_debug_is_off_unless_asked_for(debug, expected):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_DEBUG=debug,
        DJANGO_SECRET_KEY="x" * 50,
    )

    assert result.stdout.strip().splitlines()[-1] == expected


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "q8Zr3xY7pL2mN5vB9cT4wK6jH1gF0dS",
        DJANGO_ALLOWED_HOSTS="recovery.example.org",
    )

    assert result.returncode == 0, result.stderr
