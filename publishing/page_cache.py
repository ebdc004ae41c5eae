"""The anonymous page cache's version: part of every cached page's key, moved on by every write to public content.

Which cached pages show an item is hard to know (its own page, lists, tags, search, the home page), so
nothing is purged page by page: a write moves the version on, and from then on no app instance serves a
page it cached before. The version lives where every instance sees it: the shared cache when there is one
(Redis: no database query for a cached page), and always the database, which is read when the cache is
local to each process or fails.
"""

import logging
import time

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

from .models import PageCacheVersion

logger = logging.getLogger(__name__)

KEY = "public-page-version"
ROW = 1
# Caches each process keeps to itself: another instance cannot see their version.
LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")

_this_request = Local()


def current():
    """The version now: part of the key of everything cached from public content until the next write.

    Read once per request (the page cache and, say, the research filter's choices share it).
    """
    version = getattr(_this_request, "version", None)
    if version is None:
        version = _this_request.version = _read()
    return version


def start_request(**kwargs):
    """Connected to request_started (PublishingConfig.ready): each request reads the version afresh."""
    _this_request.version = None


def _read():
    if _shared():
        try:
            version = cache.get(KEY)
            if version is None:  # first use, or the cache lost it: any new value will do
                cache.add(KEY, time.time_ns(), timeout=None)
                version = cache.get(KEY)
            if version is not None:
                return f"c{version}"
        except Exception:  # noqa: BLE001 - a failing cache must not fail the page; the database still knows
            _warn_once("The shared cache did not answer for the page cache version; reading the database.")
    return f"d{_database_version()}"


def bump():
    """Move the version on. Call it inside the write's transaction: the database row changes with the
    content, and the shared cache only once the write is committed, so no page of the old content can be
    cached under the new version."""
    _this_request.version = None
    if not PageCacheVersion.objects.filter(pk=ROW).update(number=F("number") + 1):
        PageCacheVersion.objects.bulk_create([PageCacheVersion(pk=ROW, number=1)], ignore_conflicts=True)
    if _shared():
        transaction.on_commit(_bump_shared)


def _bump_shared():
    try:
        try:
            cache.incr(KEY)
        except ValueError:  # not there (evicted, or Redis restarted): start again from a new value
            cache.add(KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - the content is saved; cached pages then expire on their own
        _warn_once("The shared cache did not answer; cached public pages may show old content for a minute.")


_warned = set()


def _warn_once(message):
    """Once per process: with Redis down, every request would say the same."""
    if message not in _warned:
        _warned.add(message)
        logger.warning(message)


def _database_version():
    # Read on every request without a shared cache: plain SQL, which costs a fraction of building the query.
    table = connection.ops.quote_name(PageCacheVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [ROW])  # noqa: S608 - our own table's name
        row = cursor.fetchone()
    return row[0] if row else 0


def _shared():
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES
