"""One address per page: a request with parameters a page does not read is redirected without them.

Otherwise `?utm_source=<random>` would make a new copy of the page in every cache (this server's,
a CDN) and push real pages out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

View = Callable[..., HttpResponse]


def without_parameters(view: View) -> View:
    """For pages that read no query string at all (the home, an article)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.META.get("QUERY_STRING"):
            return HttpResponseRedirect(request.path)
        return view(request, *args, **kwargs)

    return wrapper
