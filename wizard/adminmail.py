"""The email a user sends to her IT admin: its text, its mailto: link and its .eml file.

Everything here is a pure function of its arguments (plus the content, which never changes while
the site runs), so that the view stays thin and every output can be tested, including with
generated input. The message is written in the admin's language: `build_admin_message` sets it
once, and everything below it reads the active language.
"""

from __future__ import annotations

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
from helpcenter.content.factformat import older_paths_text
from helpcenter.content.facts import FactStore
from helpcenter.content.localized import LocalizedText
from helpcenter.content.references import registered_kinds
from wizard.addresses import clean_address, multi_line, single_line
from wizard.flow.model import Outcome
from wizard.flow.walk import CodeAnswer, Resolution
from wizard.presentation import answer_plain

TEMPLATE = "wizard/email/admin_message.txt"

# Common mail clients (Outlook on Windows above all) cut or refuse longer mailto: links.
MAILTO_MAX_CHARS = 2000

# The admin steps that a tenant-wide admin consent settles; elsewhere (a Conditional Access policy,
# security defaults) the consent link would only mislead the admin.
_CONSENT_FACTS = frozenset(
    {
        ("path", "grant_admin_consent"),
        ("label", "grant_admin_consent"),
        ("roles", "grant_consent"),
        ("path", "review_requests"),
        ("claim", "admin_consent_link_scope"),
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


# --- The message -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    text: str
    notes: tuple[str, ...]  # older menu names, role notes: indented under the step


@dataclass(frozen=True)
class _Route:
    title: str
    steps: tuple[_Step, ...]


def consent_link_helps(outcome: Outcome) -> bool:
    """Whether the admin's fix is a consent that the one-click admin consent link also gives."""
    return any(fact in _CONSENT_FACTS for text in outcome.admin_texts() for fact in text.references)


def _step(text: LocalizedText, facts: FactStore, noted: set[tuple[str, str]]) -> _Step:
    # The flow writes the current path; admins on an older admin center still see the older
    # names, and some role sets carry a caveat. Each is said once per message, where first needed.
    notes: list[str] = []
    for kind, key in text.references:
        if (kind, key) in noted:
            continue
        if kind == "path" and facts.paths[key].older:
            older = older_paths_text(facts, key)
            notes.append(_("In older versions of the admin center: %(paths)s") % {"paths": older})
        elif kind == "roles" and facts.roles[key].note:
            notes.append(str(facts.roles[key].note))
        noted.add((kind, key))
    return _Step(text=text.plain, notes=tuple(notes))


def _routes(outcome: Outcome, facts: FactStore) -> list[_Route]:
    noted: set[tuple[str, str]] = set()
    if outcome.admin_routes:
        return [
            _Route(
                title=route.title.plain,
                steps=tuple(_step(text, facts, noted) for text in route.steps),
            )
            for route in outcome.admin_routes
        ]
    return [
        _Route(
            title="", steps=tuple(_step(text, facts, noted) for text in outcome.admin_steps or ())
        )
    ]


def _code_description(answer: CodeAnswer, facts: FactStore) -> str:
    # Microsoft's own name and message for the code, in English as Microsoft writes them.
    code = facts.codes.get(answer.value)
    if answer.is_oauth_error or code is None:
        return ""
    return f"{code.message} ({code.name})" if code.name else code.message


def _what_happened(resolution: Resolution, facts: FactStore) -> dict[str, object]:
    code = next((given for _q, given in resolution.answered if isinstance(given, CodeAnswer)), None)
    if code is not None:
        return {"code": code.display, "code_description": _code_description(code, facts)}
    if len(resolution.answered) == 1 and _names_a_screen(resolution.answered[0][1]):
        # The answer to the first question is the title of the screen Microsoft showed.
        return {"screen": answer_plain(resolution.answered[0][1])}
    # Answers that are not a screen ("a colleague could"), "I'm not sure" and the risky-app
    # message: each answer says something, with its question.
    return {
        "answers": [
            (question.text.plain, answer_plain(given)) for question, given in resolution.answered
        ]
    }


def _names_a_screen(given: object) -> bool:
    text = getattr(given, "text", None)
    return text is not None and any(kind == "screen" for kind, _key in text.references)


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
    entra_url: str | None,
    consent: tuple[str | None, str | None],
    guide_url: str | None,
) -> list[tuple[str, str]]:
    def fact_name(key: str, fallback: str) -> str:
        url = facts.urls.get(key)
        return str(url.text) if url else fallback

    consent_url, fallback_url = consent
    links = []
    if entra_url:
        links.append(
            (fact_name("entra_admin_center", _("Microsoft Entra admin center")), entra_url)
        )
    if consent_url:
        links.append((fact_name("admin_consent", _("Admin consent link")), consent_url))
    if fallback_url:
        links.append((_("The same link for the organization you sign in to"), fallback_url))
    if guide_url:
        links.append((_("Printable step-by-step guide for this case"), guide_url))
    return links


# What the admin should know before opening the consent link, from the facts (claims); the
# last two go only with a link that names "organizations" or a domain.
_CONSENT_NOTES = ("admin_consent_link_scope", "regrant_may_revoke")
CONSENT_NOTE_CLAIMS = (*_CONSENT_NOTES, "tenant_id_recommended", "organizations_link")


def consent_notes(facts: FactStore, *, names_tenant: bool, with_fallback: bool) -> list[str]:
    """The sentences that go with the admin consent link, in the active language: what it grants,
    what granting again can revoke, and what "organizations" does where a link names it."""
    keys = [
        *_CONSENT_NOTES,
        *(("tenant_id_recommended",) if names_tenant and with_fallback else ()),
        *(("organizations_link",) if with_fallback or not names_tenant else ()),
    ]
    claim = registered_kinds()["claim"]
    return [claim.text(facts, key) for key in keys if key in facts.claims]


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
    consent_fallback_url: str | None = None,
    consent_names_tenant: bool = True,
) -> AdminMessage:
    """The email to the admin, in `language` (the admin's, not the page's).

    `compact` leaves the steps out and points to the guide instead, for a mailto: link that fits
    in common mail clients. The consent link is left out where a consent would not help; where it
    is given, `consent_fallback_url` ("organizations", beside a link naming a domain) goes with it,
    and so do the notes on what the link grants.
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
    if not consent_link_helps(outcome):
        consent_url = consent_fallback_url = None
    with override(language):
        context = {
            **_what_happened(resolution, facts),
            "details": _detail_rows(resolution),
            "routes": [] if compact else _routes(outcome, facts),
            "compact": compact,
            "delay": outcome.delay.plain if outcome.delay else "",
            "links": _links(facts, entra_url, (consent_url, consent_fallback_url), guide_url),
            "consent_notes": consent_notes(
                facts,
                names_tenant=consent_names_tenant,
                with_fallback=bool(consent_fallback_url),
            )
            if consent_url and not compact
            else [],
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
