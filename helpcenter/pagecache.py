"""Whole-page caching for pages that are the same for everybody, with Django's cache framework.

Such a page depends only on the content (its version), the day, the URL (host and scheme
included) and the request headers it varies on (`HX-Request` for htmx fragments); it carries no
CSRF token and no cookie. Django's cache middleware stores the whole response, headers included,
in the configured cache (local memory by default, Redis when REDIS_URL is set).
"""

from __future__ import annotations

from django.middleware.cache import CacheMiddleware
from django.utils import timezone
from django.utils.decorators import decorator_from_middleware_with_args

from helpcenter.content import get_library

PAGE_CACHE_SECONDS = 3600


class ContentPageCacheMiddleware(CacheMiddleware):
    """Django's page cache, with the content version and the day in every key.

    A new content version (a deploy, or an edit in development) is a new set of keys, so no page is
    served from older content; the day is there because pages say "updated yesterday".
    """

    configured_prefix = ""

    @property
    def key_prefix(self) -> str:
        today = timezone.localdate().isoformat()
        return f"{self.configured_prefix}{get_library().version}.{today}"

    @key_prefix.setter
    def key_prefix(self, value: str) -> None:
        # CacheMiddleware sets the prefix from settings or the decorator's argument.
        self.configured_prefix = value


cache_public_page = decorator_from_middleware_with_args(ContentPageCacheMiddleware)(
    page_timeout=PAGE_CACHE_SECONDS
)
