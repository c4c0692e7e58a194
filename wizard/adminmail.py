"""The email a user sends to her IT admin: its text, its mailto: link and its .eml file.

Everything here is a pure function of its arguments (plus the facts store and the flow, which never
change while the site runs), so that the view stays thin and every output can be tested, including
with generated input. User text reaches three places with different rules: a plain-text body (kept
as typed), mail headers (one line, or a line break would start a new header) and a mailto: URL
(percent-encoded per RFC 6068). Each rule is applied here, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from helpcenter.content import get_library
from helpcenter.factformat import render_text, roles_note
from helpcenter.facts import FactStore
from helpcenter.markdown_render import FACT_PLACEHOLDER_RE
from wizard.diagnostics import clean_guid
from wizard.engine import CodeAnswer, Outcome, Resolution
from wizard.presentation import answer_text, local, plain

TEMPLATE = "wizard/email/admin_message.txt"

# Common mail clients (Outlook on Windows above all) cut or refuse longer mailto: links.
MAILTO_MAX_CHARS = 2000

# Names the login endpoint accepts instead of a tenant; "common" must never be used for admin
# consent, and the others would not name the user's organization. None has a dot, so the domain
# rule already refuses them; they are listed so that the intent is written down.
_RESERVED_TENANTS = frozenset({"common", "organizations", "consumers"})
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.ASCII)
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}", re.ASCII)
# The dot-atom local part of RFC 5322, ASCII only: an address the .eml can carry without SMTPUTF8.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# Bidirectional controls can make a name read differently from what it is (a spoofed subject).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# The admin steps that a tenant-wide admin consent settles; elsewhere (a Conditional Access policy,
# security defaults) the consent link would only mislead the admin.
_CONSENT_FACTS = frozenset(
    {
        ("path", "grant_admin_consent"),
        ("label", "grant_admin_consent"),
        ("roles", "grant_consent"),
        ("path", "review_requests"),
    }
)


@dataclass(frozen=True)
class Sender:
    name: str
    company: str
    email: str
    note: str = ""


@dataclass(frozen=True)
class AdminMessage:
    language: str  # the admin's language, not necessarily the page's
    to: str  # the admin's address, or "" when none (valid) was given
    subject: str
    body: str  # line breaks are "\n"


# --- Cleaning user text ----------------------------------------------------------------------------


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


# --- Domains and addresses -------------------------------------------------------------------------


def is_plausible_domain(domain: str) -> bool:
    """A lower-case ASCII domain name with at least two labels and a real-looking top level.

    Anything else (an IP address, "common", a path, a query, spaces) must never reach a URL that
    Microsoft's login service reads.
    """
    if not isinstance(domain, str) or not 3 <= len(domain) <= 253:
        return False
    labels = domain.split(".")
    return (
        len(labels) >= 2
        and domain not in _RESERVED_TENANTS
        and all(_LABEL.fullmatch(label) for label in labels)
        and _TOP_LEVEL.fullmatch(labels[-1]) is not None
    )


# Python's "idna" codec follows IDNA 2003, which maps these to other letters ("ß" to "ss"), while
# registries follow IDNA 2008 and keep them: the punycode would name another domain.
_IDNA_DEVIATIONS = frozenset("ßς\u200c\u200d")


def _ascii_domain(domain: str) -> str | None:
    # Internationalized domains travel as punycode (xn--) in URLs and headers.
    if _IDNA_DEVIATIONS & set(domain):
        return None
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return ascii_domain if is_plausible_domain(ascii_domain) else None


def tenant_domain(email: str) -> str | None:
    """The domain of a work email, lower-cased and punycoded, if it is a plausible domain name."""
    address = clean_address(email)
    return address.rpartition("@")[2] if address else None


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


def admin_consent_url(domain: str | None, client_id: str, template: str) -> str | None:
    """The tenant-wide admin consent link for the user's organization, or None.

    `template` is the facts URL with {tenant} and {client_id}. None unless the domain is plausible
    and the client ID is a GUID: a wrong link sent to an admin is worse than none.
    """
    if not domain or not isinstance(domain, str):
        return None
    tenant = domain.lower()
    guid = clean_guid(client_id) if isinstance(client_id, str) else None
    if not is_plausible_domain(tenant) or guid is None:
        return None
    if not template.startswith("https://") or "{tenant}" not in template:
        return None
    url = template.replace("{tenant}", quote(tenant, safe="")).replace(
        "{client_id}", quote(guid, safe="")
    )
    # Microsoft: never /common/ for admin consent. The template is data; check the result.
    return None if "/common/" in url else url


# --- The message -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    text: str
    notes: tuple[str, ...]  # older menu names, role notes: indented under the step


@dataclass(frozen=True)
class _Route:
    title: str
    steps: tuple[_Step, ...]


def _placeholders(text: str) -> list[tuple[str, str]]:
    return [(match[1], match[2]) for match in FACT_PLACEHOLDER_RE.finditer(text)]


def _admin_texts(outcome: Outcome, lang: str) -> list[str]:
    steps = list(outcome.admin_steps.get(lang) or ()) if outcome.admin_steps else []
    for route in outcome.admin_routes:
        steps += route.steps.get(lang) or ()
    return steps


def consent_link_helps(outcome: Outcome) -> bool:
    """Whether the admin's fix is a consent that the one-click admin consent link also gives."""
    return any(
        fact in _CONSENT_FACTS
        for text in _admin_texts(outcome, "en")
        for fact in _placeholders(text)
    )


def _step(text: str, lang: str, facts: FactStore, noted: set[tuple[str, str]]) -> _Step:
    # The flow writes the current path; admins on an older admin center still see the older
    # names, and some role sets carry a caveat. Each is said once per message, where first needed.
    notes: list[str] = []
    for kind, key in _placeholders(text):
        if (kind, key) in noted:
            continue
        if kind == "path" and key in facts.paths and facts.paths[key].older:
            older = render_text(facts, "path-older", key, lang)
            notes.append(_("In older versions of the admin center: %(paths)s") % {"paths": older})
        elif kind == "roles" and key in facts.roles and roles_note(facts, key, lang):
            notes.append(roles_note(facts, key, lang))
        noted.add((kind, key))
    return _Step(text=plain(text, lang), notes=tuple(notes))


def _routes(outcome: Outcome, lang: str, facts: FactStore) -> list[_Route]:
    noted: set[tuple[str, str]] = set()
    if outcome.admin_routes:
        return [
            _Route(
                title=plain(local(route.title, lang), lang),
                steps=tuple(
                    _step(text, lang, facts, noted) for text in route.steps.get(lang) or ()
                ),
            )
            for route in outcome.admin_routes
        ]
    steps = outcome.admin_steps.get(lang) if outcome.admin_steps else None
    return [_Route(title="", steps=tuple(_step(text, lang, facts, noted) for text in steps or ()))]


def _code_description(answer: CodeAnswer, facts: FactStore) -> str:
    # Microsoft's own name and message for the code, in English as Microsoft writes them.
    code = facts.codes.get(answer.value)
    if answer.is_oauth_error or code is None:
        return ""
    return f"{code.message} ({code.name})" if code.name else code.message


def _what_happened(resolution: Resolution, lang: str, facts: FactStore) -> dict[str, object]:
    code = next((given for _q, given in resolution.answered if isinstance(given, CodeAnswer)), None)
    if code is not None:
        return {"code": code.display, "code_description": _code_description(code, facts)}
    if len(resolution.answered) == 1:
        # The answer to the first question describes the screen Microsoft showed.
        return {"screen": plain(answer_text(resolution.answered[0][1], lang), lang)}
    # "I'm not sure" and the risky-app message take more questions: each answer says something.
    return {
        "answers": [
            (plain(local(question.text, lang), lang), plain(answer_text(given, lang), lang))
            for question, given in resolution.answered
        ]
    }


def _detail_rows(resolution: Resolution) -> list[tuple[str, str]]:
    details = resolution.details
    if details is None:
        return []
    rows = (
        (_("Correlation ID"), details.correlation_id),
        (_("Request ID"), details.request_id),
        (_("Timestamp"), details.timestamp),
    )
    return [(label, value) for label, value in rows if value]


def _links(
    facts: FactStore,
    lang: str,
    entra_url: str | None,
    consent_url: str | None,
    guide_url: str | None,
) -> list[tuple[str, str]]:
    def fact_name(key: str, fallback: str) -> str:
        url = facts.urls.get(key)
        return (url.text.get(lang) if url else None) or fallback

    links = []
    if entra_url:
        links.append(
            (fact_name("entra_admin_center", _("Microsoft Entra admin center")), entra_url)
        )
    if consent_url:
        links.append((fact_name("admin_consent", _("Admin consent link")), consent_url))
    if guide_url:
        links.append((_("Printable step-by-step guide for this case"), guide_url))
    return links


def _tidy(text: str) -> str:
    # Template tags leave blank lines and trailing spaces behind; an email shows them all.
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    tidied: list[str] = []
    for line in lines:
        if line or (tidied and tidied[-1]):
            tidied.append(line)
    return "\n".join(tidied).strip("\n")


def subject_line(name: str) -> str:
    """The subject in the active language; names Zeliq and the user."""
    if name:
        return _("Zeliq: action needed so that %(name)s can connect Outlook") % {"name": name}
    return _("Zeliq: action needed to connect Outlook")


def build_admin_message(
    resolution: Resolution,
    *,
    sender: Sender,
    admin_email: str,
    language: str,
    guide_url: str | None,
    consent_url: str | None,
    entra_url: str | None = None,
    compact: bool = False,
) -> AdminMessage:
    """The email to the admin, in `language` (the admin's, not the page's).

    `compact` leaves the steps out and points to the guide instead, for a mailto: link that fits
    in common mail clients. The consent link is left out where a consent would not help.
    """
    outcome = resolution.outcome
    if outcome is None or not outcome.needs_admin:
        raise ValueError("only an outcome that needs an admin has an admin email")
    facts = get_library().facts
    name, company = single_line(sender.name), single_line(sender.company)
    email = clean_address(sender.email) or single_line(sender.email)
    if entra_url is None and "entra_admin_center" in facts.urls:
        entra_url = facts.urls["entra_admin_center"].url
    # Without the guide's address, the steps cannot be left out: they would be nowhere.
    compact = compact and bool(guide_url)
    with override(language):
        context = {
            **_what_happened(resolution, language, facts),
            "details": _detail_rows(resolution),
            "routes": [] if compact else _routes(outcome, language, facts),
            "compact": compact,
            "delay": plain(local(outcome.delay, language), language) if outcome.delay else "",
            "links": _links(
                facts,
                language,
                entra_url,
                consent_url if consent_link_helps(outcome) else None,
                guide_url,
            ),
            "note": multi_line(sender.note),
            "name": name,
            "company": company,
            "email": email,
        }
        body = _tidy(render_to_string(TEMPLATE, context))
        subject = subject_line(name)
    return AdminMessage(
        language=language, to=clean_address(admin_email) or "", subject=subject, body=body
    )


# --- mailto: ---------------------------------------------------------------------------------------


def mailto_url(message: AdminMessage) -> str:
    """An RFC 6068 mailto: link: UTF-8 percent-encoding, %20 for spaces, %0D%0A for line breaks.

    quote(safe="") leaves only unreserved characters as they are, so "+", "&", "=" and "#" in the
    text can never be read as a space or as another field.
    """
    to = clean_address(message.to) or ""
    body = message.body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(single_line(message.subject), safe='')}"
        f"&body={quote(body, safe='')}"
    )


def mailto_too_long(url: str) -> bool:
    return len(url) > MAILTO_MAX_CHARS


# --- .eml ------------------------------------------------------------------------------------------


def eml_bytes(message: AdminMessage, *, from_address: str, now: datetime | None = None) -> bytes:
    """A draft of the email as an RFC 5322 file (CRLF, UTF-8) that Outlook and Thunderbird open.

    X-Unsent makes Outlook open it as a draft, ready to send from the user's own account. An
    address that is not valid is left out rather than written half-way: a header never carries
    anything that was not checked.
    """
    eml = EmailMessage(policy=SMTP)
    to, sender = clean_address(message.to), clean_address(from_address)
    if to:
        eml["To"] = to
    if sender:
        eml["From"] = sender
    # The subject is written as RFC 2047 encoded words, folded by us: the email package's own
    # folding can put the whole value on a continuation line, which parsers read back with a
    # leading space, and it writes text that merely looks like "=?utf-8?q?…?=" as is, for mail
    # readers to decode into something else.
    subject = Header(single_line(message.subject), "utf-8", header_name="Subject")
    eml.set_raw("Subject", subject.encode(linesep=SMTP.linesep))
    eml["Date"] = format_datetime(now or datetime.now(tz=UTC))
    # make_msgid() would otherwise look up this host's name, which can be slow and leaks it.
    eml["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] if sender else "zeliq.invalid")
    eml["X-Unsent"] = "1"
    body = message.body.replace("\r\n", "\n").replace("\r", "\n")
    eml.set_content(body + "\n", charset="utf-8", cte="quoted-printable")
    return bytes(eml)
