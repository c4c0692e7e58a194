"""Anonymous events: recording them, and remembering that a visit came from a short link.

Each app names its own events and checks what they are about before recording (the wizard: steps,
answers, outcomes; the help center: feedback and searches that found nothing). This module only
stores them, with the page language and the short-link code of the visit, if any.

The code rides in a signed cookie set by the short link's redirect (a private response): public
pages never set or read it, so they stay the same for everybody; the recording endpoints and the
feedback forms, which are POSTs, read it.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from helpcenter.models import Event

# The help center's own events.
ARTICLE_FEEDBACK = "article_feedback"
SEARCH_MISS = "search_miss"

LINK_COOKIE = "hc_link"
_LINK_SALT = "helpcenter.events.link"
_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")
MAX_TERM_CHARS = 100
_EMAIL_LIKE = re.compile(r"\S+@\S+")


def remember_link(response: HttpResponse, code: str) -> None:
    """Marks the rest of the visit as coming from the short link `code` (a day at most)."""
    response.set_signed_cookie(
        LINK_COOKIE,
        code,
        salt=_LINK_SALT,
        max_age=settings.HELPCENTER_LINK_COOKIE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def link_code(request: HttpRequest) -> str:
    """The short-link code of this visit, or "" (a missing, forged or old cookie is no code)."""
    code = request.get_signed_cookie(
        LINK_COOKIE,
        default="",
        salt=_LINK_SALT,
        max_age=settings.HELPCENTER_LINK_COOKIE_SECONDS,
    )
    return code if _CODE.fullmatch(code) else ""


def record(
    request: HttpRequest, name: str, subject: str = "", detail: str = "", *, link: str = ""
) -> Event:
    """Stores one event; the caller has checked `subject` and `detail` against what exists.

    `link` names the short link when the caller knows it (the link's own redirect); otherwise
    it is the visit's, from its cookie.
    """
    return Event.objects.create(
        name=name,
        language=get_language() or settings.LANGUAGE_CODE,
        subject=subject[:64],
        detail=detail[:100],
        link_code=link or link_code(request),
    )


def search_term(query: str) -> str:
    """A search term as stored for "searches with no result": folded, one line, no addresses."""
    term = " ".join(query.split()).casefold()
    return _EMAIL_LIKE.sub("…", term)[:MAX_TERM_CHARS]
