"""/l/<code>/: a support agent's short link, followed by the customer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from helpcenter.events import record, remember_link
from wizard.events import LINK_OPENED
from wizard.shortlinks import Refused, open_link, target_path


@require_safe
@never_cache  # each opening is counted, and the answer sets the visit's cookie
def follow(request: HttpRequest, code: str, ticket: str | None = None) -> HttpResponse:
    """Redirects to the wizard, pre-filled; an unknown (404) or expired (410) link gets a page,
    in the visitor's language, that still offers the wizard."""
    link = open_link(code, ticket)
    if isinstance(link, Refused):
        return render(
            request,
            "wizard/link_refused.html",
            {"expired": link.status == 410},
            status=link.status,
        )
    response = redirect(target_path(link))
    remember_link(response, link.code)
    if request.method == "GET":
        record(request, LINK_OPENED, link=link.code)
    return response
