"""Limits on anonymous POSTs, per client, with django-ratelimit.

Two budgets, both settings: writes that store something (feedback, counters, events) and forms
that only compute (the paste reader, the email preview, which sends a request as the user types).
The counts live in the default cache: with REDIS_URL set, every app server shares them; with the
local-memory default, each process counts on its own. A client over the limit gets a clear 429 with
Retry-After.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

View = Callable[..., HttpResponse]
WRITES = "HELPCENTER_WRITE_RATE"
FORMS = "HELPCENTER_FORM_RATE"
# django-ratelimit's grammar: "30/m", "5/10s"; s, m, h and d.
_RATE = re.compile(r"(?P<count>[0-9]+)/(?P<multiple>[0-9]*)(?P<unit>[smhd])")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def period_seconds(rate: str) -> int:
    match = _RATE.fullmatch(rate)
    if match is None:
        raise ValueError(f"{rate!r} is not a rate such as 30/m")
    return int(match["multiple"] or 1) * _SECONDS[match["unit"]]


def limit_posts(budget: str) -> Callable[[View], View]:
    """Refuses a client's POSTs to the view beyond the rate in settings.<budget> (429).

    Each view counts on its own; the rate is read per request, so tests can change it.
    """

    def rate(group: str, request: HttpRequest) -> str:
        return getattr(settings, budget)

    def decorator(view: View) -> View:
        limited = ratelimit(key="ip", rate=rate, method="POST", block=True)(view)
        limited.rate_budget = budget  # type: ignore[attr-defined]  (read by too_many_requests)
        return limited

    return decorator


def too_many_requests(request: HttpRequest, exception: Ratelimited) -> HttpResponse:
    """settings.RATELIMIT_VIEW: a page saying when to try again."""
    view = getattr(request.resolver_match, "func", None)
    budget = getattr(view, "rate_budget", WRITES)
    retry_after = period_seconds(getattr(settings, budget))
    response = render(request, "helpcenter/429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "private, no-store"
    return response
