"""How each kind of fact reads, as HTML (pages) and as plain text (emails, copies), in the active
language; and the registration of the `[[kind:key]]` references that render them.

A fact's status is worded here and nowhere else: a verified claim reads as a plain sentence, an
inferred one says "usually" (or that Microsoft does not say so), a conflicting fact adds one short
line saying how Microsoft's pages differ, with both pages, and a vendor's unconfirmed fact says what
to check instead.
"""

from __future__ import annotations

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helpcenter.content.facts import (
    CONFLICTING,
    INFERRED,
    UNCONFIRMED,
    Claim,
    Fact,
    FactStore,
    LabelText,
)
from helpcenter.content.localized import LocalizedText, Rendered
from helpcenter.content.references import ReferenceKind, register

PATH_SEPARATOR = " › "
QUOTES = {"fr": ("« ", " »"), "en": ("“", "”")}
# The first letter of a text, after any opening tags: what a capital goes on.
_FIRST_LETTER = re.compile(r"^((?:\s*<[^>]+>)*\s*)(\w)")


def or_list(items: list[str]) -> str:
    """ "A, B or C", in the active language."""
    return get_text_list(items, _("or"))


def quoted(text: str) -> str:
    """In plain text a label needs quotes to stand out from the sentence around it."""
    opening, closing = QUOTES.get(get_language() or "", QUOTES["en"])
    return f"{opening}{text}{closing}"


def _french_variants(variants: tuple[str, ...]) -> str:
    # The variants are French texts: French quotes, whatever the page's language.
    return or_list([f"« {text} »" for text in variants])


def _label_notes(label: LabelText) -> list[tuple[str, str]]:
    """What goes beside a label, as (CSS class, text)."""
    notes = []
    if label.english:
        notes.append(("ms-label-en", label.english))
    if label.may_read:
        variants = _french_variants(label.may_read)
        notes.append(("ms-may-read", _("may read %(variants)s") % {"variants": variants}))
    if label.unverified:
        variants = _french_variants(label.unverified)
        notes.append(
            ("ms-unverified", _("French not verified: %(variants)s") % {"variants": variants})
        )
    return notes


def label_html(label: LabelText) -> SafeString:
    html = format_html('<strong class="ms-label" lang="{}">{}</strong>', label.lang, label.text)
    for css, note in _label_notes(label):
        lang = ' lang="en"' if css == "ms-label-en" else ""
        html += format_html(' <span class="{}"{}>({})</span>', css, mark_safe(lang), note)  # noqa: S308
    return html


def label_text(label: LabelText, *, quote: bool = False) -> str:
    """A label as plain text; quoted when it stands alone in a sentence."""
    text = quoted(label.text) if quote else label.text
    return text + "".join(f" ({note})" for _css, note in _label_notes(label))


def _safe_or_list(parts: list[SafeString]) -> SafeString:
    return mark_safe(or_list(parts))  # noqa: S308  (each part is escaped, the words are ours)


def path_html(steps: list[LabelText]) -> SafeString:
    separator = format_html(
        '<span class="ms-sep" aria-hidden="true">{}</span><span class="visually-hidden">, </span>',
        PATH_SEPARATOR,
    )
    joined = mark_safe(separator.join(label_html(step) for step in steps))  # noqa: S308  (parts escaped)
    return format_html('<span class="ms-path">{}</span>', joined)


def path_text(steps: list[LabelText]) -> str:
    return PATH_SEPARATOR.join(label_text(step) for step in steps)


def older_paths_text(facts: FactStore, key: str) -> str:
    return or_list([path_text(steps) for steps in facts.older_paths(key)])


# --- Status ------------------------------------------------------------------------------------


def _differs(entry: Fact) -> Rendered:
    """ "Microsoft's pages differ: …", with both pages: one short line for a conflicting fact."""
    differs = _rendered(entry.differs)  # type: ignore[arg-type]
    sources = (entry.source, entry.other_source)
    links = [
        format_html('<a class="ms-source" href="{}">{}</a>', url, _("page %(n)s") % {"n": n})
        for n, url in enumerate(sources, start=1)
    ]
    html = format_html(
        '<span class="ms-differs">{} ({})</span>',
        format_html(_("Microsoft’s pages differ: {differs}"), differs=differs.html),
        mark_safe(", ".join(links)),  # noqa: S308  (each link is escaped)
    )
    text = _("Microsoft’s pages differ: {differs}").format(differs=differs.plain)
    return Rendered(html=html, plain=f"{text} ({', '.join(str(s) for s in sources)})")


def _with_status(entry: Fact, html: SafeString, text: str) -> tuple[SafeString, str]:
    """A fact (not a claim) as it reads with its status: a conflict adds its line in brackets."""
    if entry.status == INFERRED:
        note = _("usually")
        return format_html("{} ({})", html, note), f"{text} ({note})"
    if entry.status == CONFLICTING:
        differs = _differs(entry)
        return format_html("{} ({})", html, differs.html), f"{text} ({differs.plain})"
    return html, text


def _rendered(text: LocalizedText) -> Rendered:
    """A claim's text as the facts loader rendered it, in the active language."""
    return Rendered(html=text.html, plain=text.plain, references=text.references)


def capitalized(html: str) -> str:
    return _FIRST_LETTER.sub(lambda m: m[1] + m[2].upper(), html, count=1)


def claim_rendered(facts: FactStore, key: str) -> Rendered:
    """A claim, worded by its status, as HTML and as plain text."""
    claim: Claim = facts.claims[key]
    if claim.status == UNCONFIRMED:
        check = _rendered(claim.check)  # type: ignore[arg-type]
        lead = _("Not yet confirmed by Zeliq:")
        return Rendered(
            html=format_html(
                '<span class="claim claim--unconfirmed">{} {}</span>', lead, check.html
            ),
            plain=f"{lead} {check.plain}",
        )
    text = _rendered(claim.text)
    if claim.status == INFERRED:
        wording = (
            _("Usually, {claim}") if claim.said else _("Microsoft doesn’t say so directly; {claim}")
        )
        return Rendered(
            html=format_html(
                '<span class="claim claim--inferred">{}</span>',
                format_html(wording, claim=text.html),
            ),
            plain=wording.format(claim=text.plain),
        )
    html = mark_safe(capitalized(text.html))  # noqa: S308  (rendered content, one letter changed)
    plain = capitalized(text.plain)
    if claim.status == CONFLICTING:
        differs = _differs(claim)
        return Rendered(
            html=format_html('<span class="claim">{} {}</span>', html, differs.html),
            plain=f"{plain} {differs.plain}",
        )
    return Rendered(html=html, plain=plain)


# --- The kinds of reference --------------------------------------------------------------------


def _label(facts: FactStore, key: str, *, as_html: bool) -> SafeString | str:
    label = facts.label(key)
    html, text = _with_status(facts.labels[key], label_html(label), label_text(label, quote=True))
    return html if as_html else text


def _path(facts: FactStore, key: str, *, as_html: bool) -> SafeString | str:
    steps = facts.path(key)
    html, text = _with_status(facts.paths[key], path_html(steps), path_text(steps))
    return html if as_html else text


def _roles(facts: FactStore, key: str, *, as_html: bool) -> SafeString | str:
    roles = facts.roles_for(key)
    html, text = _with_status(
        facts.roles[key],
        _safe_or_list([label_html(r) for r in roles]),
        or_list([label_text(r) for r in roles]),
    )
    return html if as_html else text


def screen_title_html(label: LabelText) -> SafeString:
    """A screen's title as a caption: the label in the reader's language, the English beside a
    French that Microsoft's UI does not confirm; the variants of an unverified French are left to
    the drawing's description, where they don't lengthen the caption."""
    html = format_html('<strong class="ms-label" lang="{}">{}</strong>', label.lang, label.text)
    if label.english:
        html += format_html(' <span class="ms-label-en" lang="en">({})</span>', label.english)
    return html


def _code(facts: FactStore, key: str, *, as_html: bool) -> SafeString | str:
    code = facts.codes[key]
    name = format_html(' <span class="ms-code-name">{}</span>', code.name) if code.name else ""
    html, text = _with_status(
        code,
        format_html('<code class="ms-code">AADSTS{}</code>{}', key, name),
        f"AADSTS{key}" + (f" ({code.name})" if code.name else ""),
    )
    return html if as_html else text


def _url_html(facts: FactStore, key: str) -> SafeString:
    url = facts.urls[key].url
    return format_html('<a class="ms-url" href="{}">{}</a>', url, url)


for kind in (
    ReferenceKind(
        "label",
        "labels",
        html=lambda facts, key: _label(facts, key, as_html=True),  # type: ignore[arg-type,return-value]
        text=lambda facts, key: _label(facts, key, as_html=False),  # type: ignore[arg-type,return-value]
    ),
    ReferenceKind(
        "path",
        "paths",
        html=lambda facts, key: _path(facts, key, as_html=True),  # type: ignore[arg-type,return-value]
        text=lambda facts, key: _path(facts, key, as_html=False),  # type: ignore[arg-type,return-value]
    ),
    ReferenceKind(
        "path-older",
        "paths",
        html=lambda facts, key: _safe_or_list([path_html(s) for s in facts.older_paths(key)]),
        text=older_paths_text,
    ),
    ReferenceKind(
        "roles",
        "roles",
        html=lambda facts, key: _roles(facts, key, as_html=True),  # type: ignore[arg-type,return-value]
        text=lambda facts, key: _roles(facts, key, as_html=False),  # type: ignore[arg-type,return-value]
    ),
    ReferenceKind("url", "urls", html=_url_html, text=lambda facts, key: facts.urls[key].url),
    ReferenceKind(
        "screen",
        "labels",
        html=lambda facts, key: screen_title_html(facts.label(key)),
        text=lambda facts, key: label_text(facts.label(key)),
    ),
    ReferenceKind(
        "code",
        "codes",
        html=lambda facts, key: _code(facts, key, as_html=True),  # type: ignore[arg-type,return-value]
        text=lambda facts, key: _code(facts, key, as_html=False),  # type: ignore[arg-type,return-value]
    ),
    ReferenceKind(
        "claim",
        "claims",
        html=lambda facts, key: claim_rendered(facts, key).html,
        text=lambda facts, key: claim_rendered(facts, key).plain,
    ),
):
    register(kind)
