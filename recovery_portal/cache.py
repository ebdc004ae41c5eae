"""The shared cache: Redis when REDIS_URL is set, and never a reason for a page to fail.

Redis only speeds the site up (the page cache, the research filter's choices);
nothing is kept only there (sessions and login limits are in the database). So
when Redis stops answering, each cache operation falls back to what an empty
cache would answer: reads miss, writes are dropped, and pages are rendered for
every request. The outage is logged once when it starts and once when it ends,
not once per request, and for RETRY_SECONDS after a failure Redis is not asked
at all, so that an unreachable address does not add a connection timeout to
every request. /healthz reports the cache's state (see `cache_status`).
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
# Short timeouts: a cache that takes longer than this is slower than rendering the page.
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is down or unreachable."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self.reachable = True
        self._retry_at = 0.0

    def _try(self, operation, fallback, *args, **kwargs):
        if not self.reachable and time.monotonic() < self._retry_at:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return fallback
        self._answered()
        return result

    def _failed(self, error):
        self._retry_at = time.monotonic() + RETRY_SECONDS
        if self.reachable:
            self.reachable = False
            logger.error(
                "The cache (Redis) is unreachable (%s); pages are served uncached until it answers again.", error
            )

    def _answered(self):
        if not self.reachable:
            self.reachable = True
            logger.warning("The cache (Redis) answers again; pages are cached again.")

    def ping(self):
        """True when Redis answers now (asked even while it is thought to be down)."""
        self._retry_at = 0.0
        return bool(self._try(lambda: self._cache.get_client().ping(), False))

    def get(self, key, default=None, version=None):
        return self._try(super().get, default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._try(super().get_many, {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._try(super().has_key, False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().add, False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(super().set, None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._try(super().set_many, list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().touch, False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._try(super().delete, False, key, version=version)

    def delete_many(self, keys, version=None):
        self._try(super().delete_many, None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._try(super().incr, missing, key, delta, version=version)
        if result is missing:
            raise ValueError(f"Key '{key}' cannot be incremented: the cache is unreachable.")
        return result

    def clear(self):
        return self._try(super().clear, False)


def cache_status():
    """The cache as /healthz reports it: "ok", "unreachable" (Redis down), or "local" (no shared cache)."""
    cache = caches["default"]
    if not isinstance(cache, ResilientRedisCache):
        return "local"
    return "ok" if cache.ping() else "unreachable"
