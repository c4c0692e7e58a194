"""The project's own middleware: small changes to Django's behaviour, each saying why."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware import common, http
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import escape_leading_slashes, parse_http_date_safe
from django_http_compression.middleware import HttpCompressionMiddleware

logger = logging.getLogger(__name__)


class HttpResponsePermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    """308: the client repeats the same method and body at the new address."""

    status_code = 308


class CommonMiddleware(common.CommonMiddleware):
    """Django's, except that a POST to an address without its trailing slash is sent on with 308.

    Django answers 301 (or raises in DEBUG); a browser follows a 301 with a GET, which the view then
    refuses with 405. A 308 keeps the POST.
    """

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if request.method in ("GET", "HEAD") or not self.should_redirect_with_slash(request):
            return super().process_request(request)
        path = escape_leading_slashes(request.get_full_path(force_append_slash=True))
        return HttpResponsePermanentRedirectKeepingMethod(path)


class DatabaseUnavailableMiddleware:
    """While the database is down: a clear, localized 503, and one warning a minute, not a
    traceback a request. Pages that need no database (articles, the wizard, the guides) go on."""

    WARN_EVERY_SECONDS = 60
    RETRY_AFTER_SECONDS = 30
    _last_warning = 0.0

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Lost or refused connections only; other database errors are bugs and stay 500s.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        now = time.monotonic()
        if now - DatabaseUnavailableMiddleware._last_warning >= self.WARN_EVERY_SECONDS:
            DatabaseUnavailableMiddleware._last_warning = now
            logger.warning("database unavailable: %s", type(exception).__name__)
        response = render(request, "helpcenter/503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "private, no-store"
        return response


class CompressionMiddleware(HttpCompressionMiddleware):
    """django-http-compression's, which also says `Vary: Accept-Encoding` when it sends a page as
    it is (to a client that asked for no compression).

    Without it a cache, this server's or a CDN's, would keep that uncompressed copy as the only
    one and hand it to every browser.
    """

    def maybe_compress(self, request: HttpRequest, response: HttpResponse) -> None:
        content_type = response.headers.get("content-type", "").split(";", 1)[0]
        if self.content_type_re.match(content_type) and not response.streaming:
            patch_vary_headers(response, ("accept-encoding",))
        super().maybe_compress(request, response)


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, for HEAD as well as GET: a HEAD answer carries the headers GET would (RFC 9110,
    9.3.2), so a cache or a link checker that asks with HEAD sees the same ETag and gets its 304.

    Django's own stops at any method but GET; this is its body with that one test widened."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response
