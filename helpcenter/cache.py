"""Django's Redis cache, made to serve on while Redis does not answer.

Django's backend raises on a lost connection, which would make every page a 500. Here a read is a
miss and a write is dropped: pages are rendered instead of read from the cache, rate limits let
requests through, and one warning a minute says why. When Redis answers again, nothing needs to
restart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY_SECONDS = 60


def _serving_on[T](fallback: Callable[..., T]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorator(method: Callable[..., T]) -> Callable[..., T]:
        @wraps(method)
        def wrapper(self: ResilientRedisCache, *args: Any, **kwargs: Any) -> T:
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.unreachable(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key: Any = None, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def unreachable(self, error: BaseException) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning("cache unavailable, pages are rendered without it: %s", error)

    def is_reachable(self) -> bool:
        """For the health check: does Redis answer (within the socket timeout)?"""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except UNREACHABLE:
            return False

    get = _serving_on(_default)(RedisCache.get)
    get_many = _serving_on(lambda keys, *a, **k: {})(RedisCache.get_many)
    has_key = _serving_on(lambda *a, **k: False)(RedisCache.has_key)
    add = _serving_on(lambda *a, **k: False)(RedisCache.add)
    set = _serving_on(lambda *a, **k: None)(RedisCache.set)
    set_many = _serving_on(lambda *a, **k: [])(RedisCache.set_many)
    touch = _serving_on(lambda *a, **k: False)(RedisCache.touch)
    delete = _serving_on(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _serving_on(lambda *a, **k: None)(RedisCache.delete_many)
    # A counter that cannot be read is a first hit (django-ratelimit then lets the request in).
    incr = _serving_on(lambda key, delta=1, *a, **k: delta)(RedisCache.incr)
