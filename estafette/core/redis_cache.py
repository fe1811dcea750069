"""The shared cache (Redis) as something the site can do without for a while.

When Redis does not answer, every cache call returns what an empty cache would (a miss, no
stored value, an `add` that finds no key before it) instead of an error, and for RETRY_SECONDS after a failure no call
tries Redis at all, so a hanging server costs one request its socket timeout, not every request.
One warning is logged when Redis goes away and one line when it is back. What then degrades:
pages are built afresh, rate limits and single-use form tokens count nothing (they let visitors through), sessions are read
from the database (SESSION_ENGINE cached_db), sign-ups and everything else keep working.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 5
UNREACHABLE = (ConnectionInterrupted, RedisError, OSError)


def _missing_counter(*args, **kwargs):
    raise ValueError("the cache is unavailable")  # what incr() says about a missing key


def _default(key, default=None, *args, **kwargs):
    return default


FALLBACKS = {
    "get": _default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: False,
    # An empty cache has no key yet: `add` succeeds, so a single-use check lets the visitor in.
    "add": lambda *args, **kwargs: True,
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "set_many": lambda keys, *args, **kwargs: list(keys),  # the keys that were not stored
    "delete_many": lambda *args, **kwargs: None,
    "incr": _missing_counter,
    "decr": _missing_counter,
    "ttl": lambda *args, **kwargs: 0,
    "clear": lambda *args, **kwargs: None,
    "get_counters": lambda *args, **kwargs: {},
}


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = False  # errors come to us; we answer as an empty cache
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _went_down(self, error) -> None:
        with self._lock:
            first = self._down_until == 0.0
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning(
                "Redis does not answer (%s): caches, rate limits and sessions run without it",
                error,
            )

    def _came_back(self) -> None:
        with self._lock:
            was_down, self._down_until = self._down_until != 0.0, 0.0
        if was_down:
            logger.warning("Redis answers again")

    def get_counters(self, keys) -> dict[str, int]:
        """The counters (integers kept by `incr` and `add`) stored under these keys, read with
        one MGET. Every hit of a cached agenda page checks twenty-odd versions, and `get_many`'s
        work for each key (a CacheKey made, a decoding tried) made those hits slower."""
        keys = list(keys)
        if not keys:
            return {}
        prefix = self.make_key("")  # Django's key function puts the key last, after the prefix
        values = self.client.get_client(write=False).mget([prefix + key for key in keys])
        found = zip(keys, values, strict=True)
        return {key: int(value) for key, value in found if value is not None}


def _guarded(name, fallback):
    unguarded = getattr(DegradingRedisCache, name)

    def method(self, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return fallback(*args, **kwargs)
        try:
            result = unguarded(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._went_down(error)
            return fallback(*args, **kwargs)
        if self._down_until:
            self._came_back()
        return result

    method.__name__ = name
    return method


for _name, _fallback in FALLBACKS.items():
    setattr(DegradingRedisCache, _name, _guarded(_name, _fallback))
