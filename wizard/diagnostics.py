"""Read Microsoft sign-in error details out of what a user pastes, and validate them.

Pure Python (stdlib only), so it can be tested without Django. Every value that leaves this module
has passed a strict pattern, so it can go back into a URL, a page or an email without more checks.
The one exception is `ErrorDetails.message`: it is for display only and is never put in a URL.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import date

# A pasted page is a few thousand characters at most; anything longer is cut so that no input
# can make the regular expressions below work for long.
MAX_INPUT_CHARS = 10_000
MAX_MESSAGE_CHARS = 500
MAX_TIMESTAMP_CHARS = 40
MAX_OAUTH_ERROR_CHARS = 64


@dataclass(frozen=True)
class ErrorDetails:
    """What we could read from an error page, a Troubleshooting details block or an OAuth redirect."""

    code: str | None = None  # the AADSTS number, digits only, e.g. "90094"
    correlation_id: str | None = None  # lowercase GUID
    request_id: str | None = None  # lowercase GUID ("Request Id" on pages, "Trace ID" in redirects)
    timestamp: str | None = None  # as Microsoft wrote it, e.g. "2026-11-27T09:41:07.123Z"
    message: str | None = None  # Microsoft's sentence, display only: never put it in a URL
    oauth_error: str | None = None  # the OAuth `error` value of a redirect, e.g. "access_denied"

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.code,
                self.correlation_id,
                self.request_id,
                self.timestamp,
                self.message,
                self.oauth_error,
            )
        )


# --- Strict validators, for values that come back from a query string -----------------------------
# [0-9] and re.ASCII rather than \d: \d also matches other scripts' digits, which must not get in.

_CODE = re.compile(r"[0-9]{5,7}", re.ASCII)
_GUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII | re.IGNORECASE
)
_TIMESTAMP = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,7})?)?"
    r"(?: ?(?:Z|[+-][0-9]{2}:?[0-9]{2}))?",
    re.ASCII | re.IGNORECASE,
)
_OAUTH_ERROR = re.compile(r"[a-z][a-z0-9_]{0,63}", re.ASCII)


def clean_code(value: str) -> str | None:
    """An AADSTS code as digits only ("90094"), or None. No prefix, no spaces: it is a URL value."""
    return value if isinstance(value, str) and _CODE.fullmatch(value) else None


def clean_guid(value: str) -> str | None:
    """A GUID in its usual 8-4-4-4-12 form, lowercased so that one ID has one spelling."""
    return value.lower() if isinstance(value, str) and _GUID.fullmatch(value) else None


def clean_timestamp(value: str) -> str | None:
    """An ISO-8601-like date and time, as Microsoft writes it, if it is a real one."""
    if not isinstance(value, str) or len(value) > MAX_TIMESTAMP_CHARS:
        return None
    match = _TIMESTAMP.fullmatch(value)
    if match is None or not _is_real_time(match):
        return None
    return value


def clean_oauth_error(value: str) -> str | None:
    """An OAuth `error` value such as "access_denied" (RFC 6749 uses lowercase and underscores)."""
    if not isinstance(value, str):
        return None
    candidate = value.strip().lower()
    return candidate if _OAUTH_ERROR.fullmatch(candidate) else None


def _is_real_time(match: re.Match[str]) -> bool:
    try:
        date.fromisoformat(match["date"])
    except ValueError:
        return False
    second = int(match["second"] or 0)
    return int(match["hour"]) < 24 and int(match["minute"]) < 60 and second < 60


# --- Tolerant extraction, for text a person pasted --------------------------------------------------

# Between a label and its value: spaces (also the no-break spaces of French typography), colons,
# equals signs and quotes, as in "Request Id: …", "ID de demande : …" or '"correlation_id": "…"'.
_SEPARATOR = r"[\s:=\"'\[]{0,12}"
_LOOSE_GUID = (
    r"\{?([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})\}?(?![0-9a-f])"
)
_LOOSE_TIMESTAMP = (
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?"
    r"(?: ?(?:Z|[+-][0-9]{2}:?[0-9]{2}))?)"
)

_REQUEST_ID_LABEL = (
    r"(?:request|trace)[\s_-]*id|id(?:entifiant)?\s+de\s+(?:la\s+)?(?:demande|trace|suivi)"
)
_CORRELATION_ID_LABEL = r"correlation[\s_-]*id|id(?:entifiant)?\s+de\s+(?:la\s+)?corr[ée]lation"
_TIMESTAMP_LABEL = r"timestamp|horodatage|date\s+et\s+heure"

_FLAGS = re.IGNORECASE
_REQUEST_ID = re.compile(rf"\b(?:{_REQUEST_ID_LABEL}){_SEPARATOR}{_LOOSE_GUID}", _FLAGS)
_CORRELATION_ID = re.compile(rf"\b(?:{_CORRELATION_ID_LABEL}){_SEPARATOR}{_LOOSE_GUID}", _FLAGS)
_TIMESTAMP_FIELD = re.compile(rf"\b(?:{_TIMESTAMP_LABEL}){_SEPARATOR}{_LOOSE_TIMESTAMP}", _FLAGS)

_AADSTS_CODE = re.compile(r"(?<![0-9a-z])AADSTS[\s:-]{0,2}([0-9]{5,7})(?![0-9])", _FLAGS)
_LABELLED_CODE = re.compile(
    rf"\b(?:error[\s_-]*codes?|code\s+d[’']erreur){_SEPARATOR}([0-9]{{5,7}})(?![0-9])", _FLAGS
)
_BARE_CODE = re.compile(r"\s*(?:AADSTS)?\s*([0-9]{5,7})\s*", _FLAGS)

_MESSAGE_LINE = re.compile(r"^[ \t]*message[ \t]*:[ \t]*(\S.*)$", _FLAGS | re.MULTILINE)
_AADSTS_LINE = re.compile(r"(AADSTS[0-9]{5,7}\b.*)$", _FLAGS | re.MULTILINE)


def extract_details(text: str) -> ErrorDetails:
    """Find the AADSTS code, IDs, timestamp and message in a pasted error page, in English or French.

    Never raises: text with nothing recognisable gives an empty ErrorDetails.
    """
    if not isinstance(text, str):
        return ErrorDetails()
    # NFC first: a pasted "é" may arrive as "e" + a combining accent, which the labels would miss.
    text = unicodedata.normalize("NFC", text[:MAX_INPUT_CHARS]).replace("\r\n", "\n")
    return ErrorDetails(
        code=_find_code(text),
        correlation_id=_find_guid(_CORRELATION_ID, text),
        request_id=_find_guid(_REQUEST_ID, text),
        timestamp=_find_timestamp(text),
        message=_find_message(text),
    )


def details_from_oauth(error: str | None, error_description: str | None) -> ErrorDetails:
    """The details carried by an OAuth error redirect (`?error=…&error_description=…`).

    Microsoft puts the code, Trace ID, Correlation ID and Timestamp in `error_description`; some
    errors, such as a bare `access_denied`, come with no AADSTS code at all.
    """
    description = error_description if isinstance(error_description, str) else ""
    found = extract_details(description)
    message = found.message or _clean_message(description[:MAX_INPUT_CHARS].strip().split("\n")[0])
    return replace(found, message=message, oauth_error=clean_oauth_error(error or ""))


def error_lookup_url(template: str, code: str) -> str | None:
    """Microsoft's page for one code, from the facts' URL template ("…/error?code={code}")."""
    valid = clean_code(code)
    if valid is None or "{code}" not in template or not template.startswith("https://"):
        return None
    return template.replace("{code}", valid)


def _find_code(text: str) -> str | None:
    # The AADSTS prefix is the surest sign; a labelled number next; a lone number (someone typed
    # just "90094") last, so that a phone number in a signature is not taken for a code.
    for pattern in (_AADSTS_CODE, _LABELLED_CODE):
        match = pattern.search(text)
        if match:
            return match[1]
    bare = _BARE_CODE.fullmatch(text)
    return bare[1] if bare else None


def _find_guid(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if match is None:
        return None
    hex_digits = match[1].replace("-", "")
    # Dashes may be missing or misplaced in a paste; uuid writes the usual 8-4-4-4-12 form.
    return clean_guid(str(uuid.UUID(hex=hex_digits))) if len(hex_digits) == 32 else None


def _find_timestamp(text: str) -> str | None:
    match = _TIMESTAMP_FIELD.search(text)
    return clean_timestamp(match[1].strip()) if match else None


def _find_message(text: str) -> str | None:
    match = _MESSAGE_LINE.search(text) or _AADSTS_LINE.search(text)
    return _clean_message(match[1]) if match else None


def _clean_message(raw: str) -> str | None:
    # Control characters and runs of spaces are dropped so the sentence displays on one line.
    printable = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    collapsed = " ".join(printable.split())
    if not collapsed:
        return None
    if len(collapsed) > MAX_MESSAGE_CHARS:
        return collapsed[: MAX_MESSAGE_CHARS - 1] + "…"
    return collapsed
