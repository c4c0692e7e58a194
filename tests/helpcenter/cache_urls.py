"""A URLconf for the page-cache tests: one cached view that sets its own header and counts calls."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from helpcenter import urls as site_urls
from helpcenter.pagecache import public_page

calls: list[str] = []


@public_page
def counted(request: HttpRequest) -> HttpResponse:
    calls.append(request.get_full_path())
    response = HttpResponse(f"rendered {len(calls)}")
    response["X-Set-By-The-View"] = "yes"
    response["Content-Language"] = "fr"
    return response


def unmarked(request: HttpRequest) -> HttpResponse:
    calls.append(request.get_full_path())
    return HttpResponse(f"rendered {len(calls)}")


@public_page
def private(request: HttpRequest) -> HttpResponse:
    calls.append(request.get_full_path())
    response = HttpResponse(f"rendered {len(calls)}")
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("counted/", counted),
    path("unmarked/", unmarked),
    path("private/", private),
    *site_urls.urlpatterns,
]
