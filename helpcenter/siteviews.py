"""Site-wide views: robots.txt, the favicon, the health check and the error pages.

What is site-wide but owned by an app (its sitemap sections, its staff-only paths) is declared on the
app's AppConfig (`sitemaps`, `robots_disallow`) and collected here, so that the help center never
imports the apps it serves.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from helpcenter.content import get_library


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


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in robots_disallowed()),
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the Django admin)."""
    return HttpResponsePermanentRedirect(static("helpcenter/favicon.svg"))


@require_GET
@cache_control(no_store=True)
def healthz(request: HttpRequest) -> HttpResponse:
    connection.ensure_connection()
    status = 500 if get_library().problems else 200
    return HttpResponse(
        "ok\n" if status == 200 else "content problems\n", status=status, content_type="text/plain"
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "helpcenter/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "helpcenter/500.html", status=500)
