"""Site-wide views: robots.txt, the favicon, the health check and the error pages.

What is site-wide but owned by an app (its sitemap sections, its staff-only paths) is declared on the
app's AppConfig (`sitemaps`, `robots_disallow`) and collected here, so that the help center never
imports the apps it serves.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from helpcenter.content import get_library
from helpcenter.pagecache import public_page
from helpcenter.siteurl import absolute_url


def app_sitemaps() -> dict[str, type[Sitemap]]:
    """Every installed app's sitemap sections, from its AppConfig's `sitemaps`."""
    return {
        section: import_string(dotted_path)
        for config in apps.get_app_configs()
        for section, dotted_path in getattr(config, "sitemaps", {}).items()
    }


def robots_disallowed() -> list[str]:
    return [
        path for config in apps.get_app_configs() for path in getattr(config, "robots_disallow", ())
    ]


@require_safe
@public_page(max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = absolute_url(request, "/sitemap.xml")
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in robots_disallowed()),
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@public_page(max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the Django admin)."""
    return HttpResponsePermanentRedirect(static("helpcenter/favicon.svg"))


# Checks run in their own threads, so that a database or a cache that hangs costs the health
# check a bounded wait, never the load balancer's timeout.
_health_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")
HEALTH_TIMEOUT_SECONDS = 0.8


def _database_answers() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        connections.close_all()  # the thread's own connection; nothing kept open


def _cache_answers() -> bool:
    reachable = getattr(cache, "is_reachable", None)
    if reachable is not None:
        return bool(reachable())
    token = secrets.token_hex(8)
    cache.set("healthz", token, 10)
    return cache.get("healthz") == token


def _answers(check: Callable[[], bool]) -> bool:
    try:
        return _health_checks.submit(check).result(timeout=HEALTH_TIMEOUT_SECONDS)
    except Exception:  # a timeout, a refused connection: the dependency does not answer
        return False


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database, the cache and the content are sound, else 503
    naming what is not. Answers within about a second whatever happens behind it."""
    checks = {
        "database": _answers(_database_answers),
        "cache": _answers(_cache_answers),
        "content": not get_library().problems,
    }
    failing = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "ok" if not failing else "unavailable",
        "checks": {name: "ok" if ok else "failing" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=503 if failing else 200)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "helpcenter/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "helpcenter/500.html", status=500)
