"""User text on its way into mail headers and Microsoft URLs: one line, a real domain or tenant ID, a
clean address.

User text reaches places with different rules: a plain-text body (kept as typed), mail headers (one
line, or a line break would start a new header), and Microsoft's login URLs (only a plausible
domain). Each rule is applied here, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator

from wizard.diagnostics import clean_guid

# Names the login endpoint accepts instead of a tenant. "common" must never be used for admin
# consent (v2-admin-consent: "Do not use 'common'"); "organizations" is our own fallback, chosen
# below, never taken from what a user typed. None has a dot, so the domain rule already refuses
# them; they are listed so that the intent is written down.
_RESERVED_TENANTS = frozenset({"common", "organizations", "consumers"})
# Microsoft: "You can use the value organizations that causes the consent to happen in the home
# tenant of the user you sign in with" (grant-admin-consent). The link when no tenant is known.
ORGANIZATIONS = "organizations"
_validate_ascii_domain = DomainNameValidator(accept_idna=False)
# The dot-atom local part of RFC 5322, ASCII only: an address the .eml can carry without SMTPUTF8.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# Bidirectional controls can make a name read differently from what it is (a spoofed subject).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Python's "idna" codec follows IDNA 2003, which maps these to other letters ("ß" to "ss"), while
# registries follow IDNA 2008 and keep them: the punycode would name another domain.
_IDNA_DEVIATIONS = frozenset("ßς\u200c\u200d")


def _is_breaking(char: str) -> bool:
    # Control characters (CR, LF, NUL, NEL…), line and paragraph separators, lone surrogates
    # (which cannot be encoded) and bidi controls.
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS


def single_line(text: str) -> str:
    """One line of text, safe in a mail header: no control character, single spaces, trimmed."""
    if not isinstance(text, str):
        return ""
    spaced = "".join(" " if _is_breaking(char) else char for char in text)
    return " ".join(spaced.split())


def multi_line(text: str) -> str:
    """A note as typed, its line breaks kept as "\\n"; other control characters become spaces."""
    if not isinstance(text, str):
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join("".join(" " if _is_breaking(c) else c for c in line) for line in lines).strip()


def is_plausible_domain(domain: str) -> bool:
    """A lower-case ASCII domain name with at least two labels and a real-looking top level.

    Anything else (an IP address, "common", a path, a query, spaces) must never reach a URL that
    Microsoft's login service reads.
    """
    if not isinstance(domain, str) or domain != domain.lower() or domain.endswith("."):
        return False
    try:
        _validate_ascii_domain(domain)
    except ValidationError:
        return False
    top_level = domain.rpartition(".")[2]
    # Django's rule admits a numeric top level (so "10.0.0.1"); no registry has one.
    return domain not in _RESERVED_TENANTS and not top_level.isdigit()


def _ascii_domain(domain: str) -> str | None:
    # Internationalized domains travel as punycode (xn--) in URLs and headers.
    if _IDNA_DEVIATIONS & set(domain):
        return None
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return ascii_domain if is_plausible_domain(ascii_domain) else None


def clean_address(email: str) -> str | None:
    """An email address the .eml and the mailto: link can carry as is, or None.

    The local part must be ASCII (no SMTPUTF8), the domain plausible; the domain is punycoded.
    """
    text = single_line(email)
    local_part, at, domain = text.rpartition("@")
    if not at or len(local_part) > 64 or not _LOCAL_PART.fullmatch(local_part):
        return None
    ascii_domain = _ascii_domain(domain)
    return f"{local_part}@{ascii_domain}" if ascii_domain else None


def tenant_domain(email: str) -> str | None:
    """The domain of a work email, lower-cased and punycoded, if it is a plausible domain name."""
    address = clean_address(email)
    return address.rpartition("@")[2] if address else None


def clean_tenant(value: str) -> str | None:
    """A tenant as typed: its tenant ID (a GUID, lowercased) or a domain (lowercased, punycoded).

    Microsoft accepts "the tenant ID or any verified domain name" and recommends the tenant ID;
    anything else is refused, so that it never reaches a Microsoft URL.
    """
    if not isinstance(value, str):
        return None
    text = single_line(value)
    if not text or len(text) > 253:
        return None
    return clean_guid(text) or _ascii_domain(text.lower())


def is_tenant_id(tenant: str | None) -> bool:
    return isinstance(tenant, str) and clean_guid(tenant) == tenant


def admin_consent_url(tenant: str | None, client_id: str, template: str) -> str | None:
    """The tenant-wide admin consent link, or None.

    `tenant` is a tenant ID or a domain (see clean_tenant); without one, the link names
    "organizations", the home tenant of the admin who signs in. `template` is the facts URL with
    {tenant} and {client_id}. None for a tenant that is neither, or a client ID that is not a GUID:
    a wrong link sent to an admin is worse than none.
    """
    if tenant is None:
        tenant = ORGANIZATIONS
    elif not isinstance(tenant, str) or not (
        is_tenant_id(tenant.lower()) or is_plausible_domain(tenant.lower())
    ):
        return None
    else:
        tenant = tenant.lower()
    guid = clean_guid(client_id) if isinstance(client_id, str) else None
    if guid is None or not template.startswith("https://") or "{tenant}" not in template:
        return None
    url = template.replace("{tenant}", quote(tenant, safe="")).replace(
        "{client_id}", quote(guid, safe="")
    )
    # Microsoft: never /common/ for admin consent. The template is data; check the result.
    return None if "/common/" in url else url


@dataclass(frozen=True)
class ConsentLinks:
    """The admin consent links to offer: one naming the tenant, and "organizations" beside a
    domain, in case Microsoft does not know that domain (AADSTS90002)."""

    url: str | None  # names the tenant, or "organizations" when none is known
    fallback_url: str | None  # "organizations", beside a link that names a domain
    names_tenant: bool  # whether `url` names the organization (else it is "organizations")


def consent_links(tenant: str | None, client_id: str, template: str) -> ConsentLinks:
    url = admin_consent_url(tenant, client_id, template)
    names_tenant = url is not None and tenant is not None
    fallback = (
        admin_consent_url(None, client_id, template)
        if names_tenant and not is_tenant_id(tenant)
        else None
    )
    return ConsentLinks(url=url, fallback_url=fallback, names_tenant=names_tenant)
