"""Absolute links (canonical links, hreflang, the sitemap, emails) from one configured site URL.

In production HELPCENTER_SITE_URL is required: a link built from the request's Host header would
echo whatever host (and port) a client sent. In development and tests, the request's own address
serves.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """ "https://help.zeliq.com", without a trailing slash."""
    if settings.HELPCENTER_SITE_URL or request is None:
        return settings.HELPCENTER_SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request: HttpRequest | None, path: str) -> str:
    return site_url(request) + path


def site_parts() -> tuple[str, str] | None:
    """(scheme, host) of the configured site URL, or None when it comes from the request."""
    if not settings.HELPCENTER_SITE_URL:
        return None
    parts = urlsplit(settings.HELPCENTER_SITE_URL)
    return parts.scheme, parts.netloc
