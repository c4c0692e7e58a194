"""Whole-page caching of the pages that are the same for everybody, with Django's cache middleware.

A page opts in by saying so in HTTP, as it must for any shared cache on the way (a CDN, a proxy):
`Cache-Control: public` (the `public_page` decorator below). Django's cache middleware then stores the
whole response, headers included, in the configured cache (local memory, or Redis when REDIS_URL is
set), keyed on the URL (scheme and host included), the headers the page varies on (`HX-Request`),
the content version and the day. Pages that say nothing, or `private`/`no-store`, are never stored.

The pair sits just after LocaleMiddleware (settings.MIDDLEWARE): a hit skips the session, CSRF,
authentication and message middleware, which a public page does not use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import split_directive_names

from helpcenter.content import get_library

# How long a browser, a shared cache (a CDN) and this server's cache keep a public page before
# asking again: a new content version reaches every reader within this time. After it, a cache may
# still serve the page it has for a day while it fetches the new one in the background.
PUBLIC_MAX_AGE = 300
STALE_WHILE_REVALIDATE = 86400

View = Callable[..., HttpResponse]


def public_page(view: View | None = None, *, max_age: int = PUBLIC_MAX_AGE) -> View:
    """Marks what a view answers to GET and HEAD as the same for everybody: `Cache-Control: public`.

    A response the view marked `private` or `no-store` keeps its word, and so does any answer to
    a POST. `@public_page` or `@public_page(max_age=86400)`.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            response = view(request, *args, **kwargs)
            directives = set(split_directive_names(response.get("Cache-Control", "")))
            if request.method in ("GET", "HEAD") and not directives & {"private", "no-store"}:
                patch_cache_control(
                    response,
                    public=True,
                    max_age=max_age,
                    stale_while_revalidate=STALE_WHILE_REVALIDATE,
                )
            return response

        return wrapper

    return decorator(view) if view is not None else decorator  # type: ignore[return-value]


class _ContentVersionedKeys:
    """The content version and the day in every key.

    A new content version (a deploy, or an edit in development) is a new set of keys, so no page is
    served from older content; the day is there because pages say "updated yesterday".
    """

    configured_prefix = ""

    @property
    def key_prefix(self) -> str:
        # Django sets the process's time zone to TIME_ZONE, so this is the local day, cheaply.
        return f"{self.configured_prefix}{get_library().version}.{date.today().toordinal()}"

    @key_prefix.setter
    def key_prefix(self, value: str) -> None:
        # Django's middleware sets CACHE_MIDDLEWARE_KEY_PREFIX here.
        self.configured_prefix = value


class PageCacheUpdateMiddleware(_ContentVersionedKeys, UpdateCacheMiddleware):
    """Stores a response for as long as its own max-age says."""

    def _should_update_cache(self, request: HttpRequest, response: HttpResponse) -> bool:
        directives = set(split_directive_names(response.get("Cache-Control", "")))
        return super()._should_update_cache(request, response) and "public" in directives

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        # Django adds Expires beside max-age, which every cache must prefer to it (RFC 9111, 5.3):
        # forty bytes that each proxy hit would parse and send again for nothing.
        response.headers.pop("Expires", None)
        return response


class PageCacheFetchMiddleware(_ContentVersionedKeys, FetchFromCacheMiddleware):
    pass
