"""How each kind of fact reads, as HTML (pages) and as plain text (emails, copies), in the active
language; and the registration of the `[[kind:key]]` references that render them."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helpcenter.content.facts import FactStore, LabelText
from helpcenter.content.references import ReferenceKind, register

PATH_SEPARATOR = " › "
QUOTES = {"fr": ("« ", " »"), "en": ("“", "”")}


def or_list(items: list[str]) -> str:
    """ "A, B or C", in the active language."""
    return get_text_list(items, _("or"))


def quoted(text: str) -> str:
    """In plain text a label needs quotes to stand out from the sentence around it."""
    opening, closing = QUOTES.get(get_language() or "", QUOTES["en"])
    return f"{opening}{text}{closing}"


def _may_read(label: LabelText) -> str:
    # The variants are French texts: French quotes, whatever the page's language.
    return _("may read %(variants)s") % {"variants": or_list([f"« {t} »" for t in label.may_read])}


def label_html(label: LabelText) -> SafeString:
    html = format_html('<strong class="ms-label" lang="{}">{}</strong>', label.lang, label.text)
    if label.english:
        html += format_html(' <span class="ms-label-en" lang="en">({})</span>', label.english)
    if label.may_read:
        html += format_html(' <span class="ms-may-read">({})</span>', _may_read(label))
    return html


def label_text(label: LabelText, *, quote: bool = False) -> str:
    """A label as plain text; quoted when it stands alone in a sentence."""
    text = quoted(label.text) if quote else label.text
    if label.english:
        text += f" ({label.english})"
    if label.may_read:
        text += f" ({_may_read(label)})"
    return text


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


def _code_html(facts: FactStore, key: str) -> SafeString:
    code = facts.codes[key]
    name = format_html(' <span class="ms-code-name">{}</span>', code.name) if code.name else ""
    return format_html('<code class="ms-code">AADSTS{}</code>{}', key, name)


def _code_text(facts: FactStore, key: str) -> str:
    code = facts.codes[key]
    return f"AADSTS{key}" + (f" ({code.name})" if code.name else "")


def _url_html(facts: FactStore, key: str) -> SafeString:
    url = facts.urls[key].url
    return format_html('<a class="ms-url" href="{}">{}</a>', url, url)


def older_paths_text(facts: FactStore, key: str) -> str:
    return or_list([path_text(steps) for steps in facts.older_paths(key)])


for kind in (
    ReferenceKind(
        "label",
        "labels",
        html=lambda facts, key: label_html(facts.label(key)),
        text=lambda facts, key: label_text(facts.label(key), quote=True),
    ),
    ReferenceKind(
        "path",
        "paths",
        html=lambda facts, key: path_html(facts.path(key)),
        text=lambda facts, key: path_text(facts.path(key)),
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
        html=lambda facts, key: _safe_or_list([label_html(r) for r in facts.roles_for(key)]),
        text=lambda facts, key: or_list([label_text(r) for r in facts.roles_for(key)]),
    ),
    ReferenceKind("url", "urls", html=_url_html, text=lambda facts, key: facts.urls[key].url),
    ReferenceKind("code", "codes", html=_code_html, text=_code_text),
):
    register(kind)
