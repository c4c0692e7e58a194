"""Whole-page caching for pages that are the same for everybody.

Such a page depends only on the content (its version), the day, the language, the host, the URL and
whether htmx asked for a fragment; it carries no CSRF token and no cookie. It is rendered once and then
served from the cache (local memory by default, Redis when REDIS_URL is set).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from helpcenter.content import get_library

PAGE_CACHE_SECONDS = 3600

View = Callable[..., HttpResponse]


def page_cache_key(request: HttpRequest) -> str:
    htmx = getattr(request, "htmx", None)
    wants_fragment = bool(htmx) and not htmx.history_restore_request
    parts = (
        get_library().version,
        timezone.localdate().isoformat(),  # pages say "updated yesterday"
        get_language(),
        request.scheme,
        request.get_host(),
        "fragment" if wants_fragment else "page",
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_public_page(view: View) -> View:
    """Serve a GET from the cache, or render it and keep it if it is a 200 with no cookie."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "GET":
            return view(request, *args, **kwargs)
        key = page_cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            return HttpResponse(cached)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, response.content, PAGE_CACHE_SECONDS)
        return response

    return wrapper
