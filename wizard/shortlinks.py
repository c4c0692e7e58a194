"""Support agents' short links: /l/<code>/ opens the wizard at the customer's case.

A code is 11 URL-safe characters from 64 random bits (`secrets`): nobody can guess another
customer's link. A link remembers its wizard answers, language, ticket reference, creator and
expiry, and counts its openings. A macro link is a template for a help desk: its address ends in
the help desk's ticket placeholder, and each ticket number it is opened with gets a link of its own.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from helpcenter.languages import reverse_in
from wizard.flow.links import TENANT
from wizard.models import ShortLink

CODE_BYTES = 8  # 64 bits: 11 characters once base64url-encoded
CODE = re.compile(r"[A-Za-z0-9_-]{8,32}")
# What a help desk puts in for its placeholder: a ticket number or reference, nothing else.
TICKET = re.compile(r"[A-Za-z0-9][A-Za-z0-9._#-]{0,63}")
# Zendesk's and Freshdesk's placeholder for the ticket number; other help desks have their own.
MACRO_PLACEHOLDER = "{{ticket.id}}"
MAX_TICKETS_PER_MACRO = 10_000
_ATTEMPTS = 5


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def create_link(
    *,
    query: dict[str, str],
    language: str,
    tenant: str = "",
    ticket: str = "",
    expires_at: datetime,
    is_macro: bool = False,
    created_by: object = None,
    macro: ShortLink | None = None,
) -> ShortLink:
    """A new link with a fresh code (a code already taken, astronomically unlikely, is redrawn)."""
    for _attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                return ShortLink.objects.create(
                    code=new_code(),
                    query=urlencode(query),
                    language=language,
                    tenant=tenant,
                    ticket=ticket,
                    is_macro=is_macro,
                    macro=macro,
                    created_by=created_by,
                    expires_at=expires_at,
                )
        except IntegrityError:
            if macro is not None:
                raise
    raise RuntimeError("could not draw a free short-link code")


def short_path(link: ShortLink) -> str:
    return reverse("shortlink", kwargs={"code": link.code})


def macro_path(link: ShortLink) -> str:
    """The macro's address with the help desk's placeholder where the ticket number goes."""
    return short_path(link) + MACRO_PLACEHOLDER + "/"


def target_path(link: ShortLink) -> str:
    """Where the link leads: the wizard, in the link's language, with its answers (and the
    customer's domain, when the agent gave it)."""
    query = QueryDict(link.query, mutable=True)
    if link.tenant:
        query[TENANT] = link.tenant
    return reverse_in(link.language, "wizard:step", query=query or None)


@dataclass(frozen=True)
class Refused:
    status: int  # 404: no such link; 410: it has expired
    link: ShortLink | None = None


def open_link(code: str, ticket: str | None = None) -> ShortLink | Refused:
    """The link to follow for `code` (a macro's ticket link when `ticket` is given), counted."""
    if not CODE.fullmatch(code):
        return Refused(404)
    link = ShortLink.objects.filter(code=code).first()
    if link is None:
        return Refused(404)
    if link.has_expired:
        return Refused(410, link)
    if ticket is not None:
        if not link.is_macro or not TICKET.fullmatch(ticket):
            return Refused(404)
        link = _ticket_link(link, ticket)
        if link is None:
            return Refused(404)
    # One UPDATE, so that openings at the same moment are all counted.
    ShortLink.objects.filter(pk=link.pk).update(
        times_opened=F("times_opened") + 1, last_opened_at=timezone.now()
    )
    return link


def _ticket_link(macro: ShortLink, ticket: str) -> ShortLink | None:
    existing = ShortLink.objects.filter(macro=macro, ticket=ticket).first()
    if existing is not None:
        return existing
    if macro.tickets.count() >= MAX_TICKETS_PER_MACRO:
        return None
    try:
        return create_link(
            query=dict(QueryDict(macro.query).items()),
            language=macro.language,
            tenant=macro.tenant,
            ticket=ticket,
            expires_at=macro.expires_at,
            created_by=macro.created_by,
            macro=macro,
        )
    except IntegrityError:
        # Opened twice at once: the other request made it.
        return ShortLink.objects.get(macro=macro, ticket=ticket)
