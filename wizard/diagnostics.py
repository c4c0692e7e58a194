"""Read Microsoft sign-in error details out of what a user pastes, and validate them.

Pure Python (stdlib only), so it can be tested without Django. Every value that leaves this module
has passed a strict pattern, so it can go back into a URL, a page or an email without more checks.
The one exception is `ErrorDetails.message`: it is for display only and is never put in a URL.

People paste an error in many shapes: the browser's "Troubleshooting details" block (in English or
French, or flattened to one line), Microsoft's JSON token error (pretty-printed, on one line, or
inside a log line with its `\\r\\n` escapes), an OAuth redirect URL or a form-encoded body, an
exception from an MSAL library, or a sentence ("I get error 90094"). The paste is first made
readable (escapes undone, URL-encoded parts decoded, one parameter per line), then each detail is
found by its label. `tests/wizard/pastes/` holds a sample of each shape.

Linear time, whatever the paste (issue 9: 10,000 spaces used to cost 0.9 s of CPU). Every
repetition in a pattern that reads the paste is either bounded (`{0,12}`, never `*` before
something that can fail) or can only start at the beginning of a run (a lookbehind refuses the
middle of the run), so a failed attempt never re-reads what the previous one read.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import unquote_plus

# A pasted page is a few thousand characters at most; anything longer is cut, so the cost of
# reading a paste has a ceiling.
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
    oauth_error: str | None = None  # the OAuth `error` value, e.g. "access_denied"

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


# --- Making a paste readable ------------------------------------------------------------------------

# A JSON or Python string escape, as in a log that printed Microsoft's error_description with its
# "\r\n". Any number of backslashes, since a log of a log doubles them; the lookbehind lets a run
# of backslashes start a match at its first backslash only.
_ESCAPE = re.compile(r"(?<!\\)\\+(?:r\\+n|[rnt\"'/]|u[0-9a-fA-F]{4})")
# A run of non-space characters with a character of URL or form encoding in it, from its start.
_ENCODED_RUN = re.compile(r"(?<!\S)\S*[%&=]\S*")
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
# Each parameter of a query string or form body, to be put on a line of its own ("name: value").
_PARAMETER = re.compile(r"(?:^|[?#&])([A-Za-z_][A-Za-z0-9_.-]{0,63})=")


def _readable(text: str) -> str:
    """The paste as plain lines: escapes undone, URL-encoded runs decoded, one parameter a line."""
    text = _ESCAPE.sub(_unescape, text[:MAX_INPUT_CHARS])
    text = _ENCODED_RUN.sub(_decode_run, text)
    # NFC last, on decoded text: a pasted "é" may arrive as "e" + a combining accent (or as
    # "e%CC%81"), which the French labels would miss.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _unescape(match: re.Match[str]) -> str:
    escaped = match[0].lstrip("\\")
    if escaped[0] in "rn":
        return "\n"
    if escaped[0] == "t":
        return " "
    if escaped[0] == "u":
        return chr(int(escaped[1:], 16))
    return escaped  # a quote or a slash


def _decode_run(match: re.Match[str]) -> str:
    run = match[0]
    # A URL-encoded run has %-escapes, a query string has both "=" and "&"; anything else (a JSON
    # `"error_uri":"…?code=70011"`, a `key=value` log field) is already readable.
    if not (_PERCENT_ESCAPE.search(run) or ("=" in run and "&" in run)):
        return run
    # Split first, decode second: an encoded "&" (%26) inside a value must not split it.
    return unquote_plus(_PARAMETER.sub(r"\n\1: ", run))


# --- Finding each detail ------------------------------------------------------------------------------

# Between a label and its value: spaces (also the no-break spaces of French typography), colons,
# equals signs, quotes and brackets, as in "Request Id: …", "ID de demande : …",
# '"correlation_id": "…"' or '"error_codes":[70011]'.
_SEPARATOR = r"[\s:=\"'\[(#]{0,12}"
_LOOSE_GUID = (
    r"\{?([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})\}?(?![0-9a-f])"
)
_LOOSE_TIMESTAMP = (
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?"
    r"(?: ?(?:Z|[+-][0-9]{2}:?[0-9]{2}))?)"
)

# Microsoft's French documentation says "ID de demande" or "ID de requête" for the request ID and
# "ID de corrélation"; "client-request-id" is the header that carries the correlation ID, so it is
# not a request ID.
_DE = r"\s{1,3}de\s{1,3}(?:la\s{1,3})?"
_REQUEST_ID_LABEL = (
    rf"(?<!client-)(?:request|trace)[\s_-]{{0,2}}id"
    rf"|id(?:entifiant)?{_DE}(?:demande|requ[êe]te|trace|suivi)"
)
_CORRELATION_ID_LABEL = (
    rf"client-request-id|correlation[\s_-]{{0,2}}(?:error[\s_-]{{0,2}})?id"
    rf"|id(?:entifiant)?{_DE}corr[ée]lation"
)
_TIMESTAMP_LABEL = r"time[\s_-]?stamp|horodatage|date\s{1,3}et\s{1,3}heure"
_CODE_LABEL = (
    r"error[\s_-]{0,2}codes?|code\s{1,3}d[’']erreur(?:\s{1,3}de\s{1,3}connexion)?|error|erreur|code"
)
# The other lines of the browser's Troubleshooting details block: where a flattened message ends.
_BLOCK_LABEL = (
    r"message|app\s(?:name|id)|ip\saddress|device\s(?:identifier|platform|state)"
    r"|flag\ssign-in\serrors\sfor\sreview|advanced\sdiagnostics|error_uri"
)

_FLAGS = re.IGNORECASE
_REQUEST_ID = re.compile(rf"\b(?:{_REQUEST_ID_LABEL}){_SEPARATOR}{_LOOSE_GUID}", _FLAGS)
_CORRELATION_ID = re.compile(rf"\b(?:{_CORRELATION_ID_LABEL}){_SEPARATOR}{_LOOSE_GUID}", _FLAGS)
_TIMESTAMP_FIELD = re.compile(rf"\b(?:{_TIMESTAMP_LABEL}){_SEPARATOR}{_LOOSE_TIMESTAMP}", _FLAGS)

_AADSTS_CODE = re.compile(r"(?<![0-9a-z])AADSTS[\s:-]{0,2}([0-9]{5,7})(?![0-9])", _FLAGS)
_LABELLED_CODE = re.compile(
    rf"\b(?:{_CODE_LABEL})(?:\s{{1,3}}(?:is|was|est))?{_SEPARATOR}([0-9]{{5,7}})(?![0-9a-z])",
    _FLAGS,
)
_BARE_CODE = re.compile(r"(?:AADSTS)?[\s:-]{0,2}([0-9]{5,7})\.?", _FLAGS)

# OAuth `error` values are lowercase words joined by underscores ("access_denied"): written after
# an "error" label (JSON, a query string, MSAL .NET's "ErrorCode: invalid_grant"), or just before
# the AADSTS code (MSAL.js's "interaction_required: AADSTS50076", azure-identity's
# "(invalid_grant) AADSTS700082"). Case-sensitive, so "Error: AADSTS50105" gives no OAuth error.
_OAUTH_VALUE = r"[a-z]{1,30}(?:_[a-z]{1,30}){1,4}"
_OAUTH_LABELLED = re.compile(
    rf"(?<![\w-])(?i:error(?:[_ ]?code)?)[\"']?[ \t]{{0,3}}[:=][ \t]{{0,3}}[\"'(]?"
    rf"({_OAUTH_VALUE})(?![\w-])"
)
_OAUTH_BEFORE_CODE = re.compile(
    rf"(?<![\w-])({_OAUTH_VALUE})\)?[ \t]{{0,3}}:?[ \t]{{0,3}}(?i:AADSTS)[0-9]"
)

# Microsoft's sentence starts with its code and a colon ("AADSTS90094: Administrator consent…");
# a code typed in a sentence ("I get AADSTS90094 again") is not a message.
_MESSAGE_START = re.compile(r"(?<![0-9a-z])AADSTS[0-9]{5,7}:[ \t]{0,3}(?=\S)", _FLAGS)
_MESSAGE_FIELD = re.compile(
    r"(?:^[^\S\n]{0,12}message|(?<![\w-])error_description)[\"']?[^\S\n]{0,3}[:=]"
    r"[^\S\n]{0,3}([\"']?)(?=[^\s\"'])",
    _FLAGS | re.MULTILINE,
)
# Where the sentence ends when its line goes on: the next field of a flattened paste.
_NEXT_FIELD = re.compile(
    rf"\b(?:{_REQUEST_ID_LABEL}|{_CORRELATION_ID_LABEL}|{_TIMESTAMP_LABEL}|{_BLOCK_LABEL}"
    rf"|error[\s_-]?codes?)[\"']?\s{{0,3}}[:=]",
    _FLAGS,
)
# The quote that closes a quoted sentence; a single quote only before a delimiter, since
# Microsoft's sentences quote their values with single quotes ("named 'Zeliq'.").
_CLOSING_QUOTE = {'"': re.compile(r'(?<!\\)"'), "'": re.compile(r"'(?=[\s,;)}\]]|$)")}


def extract_details(text: str) -> ErrorDetails:
    """Find the AADSTS code, IDs, timestamp, OAuth error and message in a pasted error.

    Never raises: text with nothing recognisable gives an empty ErrorDetails.
    """
    if not isinstance(text, str):
        return ErrorDetails()
    return _details(_readable(text))


def details_from_oauth(error: str | None, error_description: str | None) -> ErrorDetails:
    """The details carried by an OAuth error redirect (`?error=…&error_description=…`).

    Microsoft puts the code, Trace ID, Correlation ID and Timestamp in `error_description`; some
    errors, such as a bare `access_denied`, come with no AADSTS code at all.
    """
    readable = _readable(error_description) if isinstance(error_description, str) else ""
    found = _details(readable)
    message = found.message or _clean_message(readable.strip().partition("\n")[0])
    return replace(found, message=message, oauth_error=clean_oauth_error(error or ""))


def error_lookup_url(template: str, code: str) -> str | None:
    """Microsoft's page for one code, from the facts' URL template ("…/error?code={code}")."""
    valid = clean_code(code)
    if valid is None or "{code}" not in template or not template.startswith("https://"):
        return None
    return template.replace("{code}", valid)


def _details(text: str) -> ErrorDetails:
    return ErrorDetails(
        code=_find_code(text),
        correlation_id=_find_guid(_CORRELATION_ID, text),
        request_id=_find_guid(_REQUEST_ID, text),
        timestamp=_find_timestamp(text),
        message=_find_message(text),
        oauth_error=_find_oauth_error(text),
    )


def _find_code(text: str) -> str | None:
    # The AADSTS prefix is the surest sign; a labelled number next ("Error Code: 53003", an
    # error_codes array, "I get error 90094"); a lone number (someone typed just "90094") last, so
    # that a phone number in a signature is not taken for a code.
    for pattern in (_AADSTS_CODE, _LABELLED_CODE):
        match = pattern.search(text)
        if match:
            return clean_code(match[1])
    bare = _BARE_CODE.fullmatch(text.strip())
    return clean_code(bare[1]) if bare else None


def _find_guid(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if match is None:
        return None
    # Dashes may be missing or misplaced in a paste; uuid writes the usual 8-4-4-4-12 form.
    return clean_guid(str(uuid.UUID(hex=match[1].replace("-", ""))))


def _find_timestamp(text: str) -> str | None:
    # The first real one: a label followed by an impossible date does not hide a later good one.
    for match in _TIMESTAMP_FIELD.finditer(text):
        if valid := clean_timestamp(match[1].strip()):
            return valid
    return None


def _find_oauth_error(text: str) -> str | None:
    match = _OAUTH_LABELLED.search(text) or _OAUTH_BEFORE_CODE.search(text)
    return clean_oauth_error(match[1]) if match else None


def _find_message(text: str) -> str | None:
    start = _MESSAGE_START.search(text)
    if start is not None:
        begin = start.start()
        return _clean_message(_sentence(text, begin, opener=text[begin - 1 : begin]))
    field = _MESSAGE_FIELD.search(text)
    return _clean_message(_sentence(text, field.end(), opener=field[1])) if field else None


def _sentence(text: str, begin: int, opener: str) -> str:
    """From `begin` to the end of its line, its closing quote or the next field, whichever is first."""
    end = text.find("\n", begin)
    if end == -1:
        end = len(text)
    if opener in _CLOSING_QUOTE and (close := _CLOSING_QUOTE[opener].search(text, begin, end)):
        end = close.start()
    if field := _NEXT_FIELD.search(text, begin + 1, end):
        end = field.start()
    return text[begin:end]


def _clean_message(raw: str) -> str | None:
    # Control characters and runs of spaces are dropped so the sentence displays on one line; a
    # dash or comma left before the next field of a flattened paste goes too.
    printable = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    collapsed = " ".join(printable.split()).rstrip(" -,;")
    if not collapsed:
        return None
    if len(collapsed) > MAX_MESSAGE_CHARS:
        return collapsed[: MAX_MESSAGE_CHARS - 1] + "…"
    return collapsed
