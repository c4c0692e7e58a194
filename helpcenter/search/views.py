"""/<lang>/search/?q=…: the search page. Results depend on the query, so the page is not cached."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from helpcenter.events import SEARCH_MISS, record, search_term
from helpcenter.search import search
from helpcenter.search.text import MAX_QUERY_CHARS, query_words


def _count_miss(request: HttpRequest, query: str) -> None:
    """A search with no result is counted (term and language), at most the write rate per client."""
    if not query_words(query):
        return
    limited = is_ratelimited(
        request, group="search-miss", key="ip", rate=settings.HELPCENTER_WRITE_RATE, increment=True
    )
    if not limited:
        record(request, SEARCH_MISS, detail=search_term(query))


@require_safe
@never_cache
def search_page(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_CHARS]
    hits = search(query, get_language()) if query else []
    if query and not hits:
        _count_miss(request, query)
    context = {
        "query": query,
        "hits": hits,
        "support_email": settings.HELPCENTER_SUPPORT_EMAIL,
    }
    return render(request, "helpcenter/search.html", context)
