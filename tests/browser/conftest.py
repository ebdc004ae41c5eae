"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Never run `playwright install` here (it cannot download); Playwright talks CDP to the system
Chromium. Set RECOVERY_PORTAL_CHROMIUM to use another binary (or to a missing path to check
that these tests skip cleanly).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop running in the main thread; without this,
# any ORM call in a test using `page` raises SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RECOVERY_PORTAL_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` (never `playwright install`)"
)
BROWSER_DIR = Path(__file__).resolve().parent


def chromium_available():
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    # This hook sees every collected item, not only this folder's: touch only ours.
    if chromium_available():
        return
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Overrides pytest-playwright's fixture: use Debian's chromium, no `playwright install`.
    # Only evaluated when a test actually runs, never at collection.
    if not chromium_available():
        pytest.skip(MISSING_CHROMIUM)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True, scope="session")
def _unhashed_static_for_live_server():
    # live_server serves /static/ through Django's finders, which cannot resolve the hashed
    # names that whitenoise's CompressedManifestStaticFilesStorage puts in {% static %}
    # (the CSS silently 404s). Use the plain storage while these tests run.
    from django.conf import settings
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def site(live_server, shipped_content):
    """The live server's base URL, with the shipped content committed where its thread can read it.

    live_server makes the test transactional, so `shipped_content` (which asks for `db`) writes
    real committed rows; they are flushed again after each test.
    """
    return live_server.url


@pytest.fixture(autouse=True)
def _role_groups(role_groups):
    """Each browser test starts with the role groups (see tests/conftest.py's role_groups)."""
