"""Facts as HTML (pages) and as plain text (emails, copyable summaries), in one language."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from helpcenter.facts import FactStore, LabelText, or_list

PATH_SEPARATOR = " › "


QUOTES = {"fr": ("« ", " »"), "en": ("“", "”")}


def quoted(text: str, lang: str) -> str:
    """In plain text a label needs quotes to stand out from the sentence around it."""
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    return f"{opening}{text}{closing}"


def _may_read(label: LabelText) -> str:
    quoted = [f"« {text} »" for text in label.may_read]
    return _("may read %(variants)s") % {"variants": or_list(quoted, "fr")}


def label_html(label: LabelText) -> SafeString:
    html = format_html('<strong class="ms-label" lang="{}">{}</strong>', label.lang, label.text)
    if label.english:
        html += format_html(' <span class="ms-label-en" lang="en">({})</span>', label.english)
    if label.may_read:
        html += format_html(' <span class="ms-may-read">({})</span>', _may_read(label))
    return html


def label_text(label: LabelText, *, quote_in: str | None = None) -> str:
    """A label as plain text; quoted in `quote_in`'s style when it stands alone in a sentence."""
    text = quoted(label.text, quote_in) if quote_in else label.text
    if label.english:
        text += f" ({label.english})"
    if label.may_read:
        text += f" ({_may_read(label)})"
    return text


def _path_html(steps: list[LabelText]) -> SafeString:
    separator = format_html(
        '<span class="ms-sep" aria-hidden="true">{}</span><span class="visually-hidden">, </span>',
        PATH_SEPARATOR,
    )
    joined = mark_safe(separator.join(label_html(step) for step in steps))  # noqa: S308  (parts escaped)
    return format_html('<span class="ms-path">{}</span>', joined)


def _path_text(steps: list[LabelText]) -> str:
    return PATH_SEPARATOR.join(label_text(step) for step in steps)


def render_html(facts: FactStore, kind: str, key: str, lang: str) -> SafeString:
    """The HTML of the fact `kind:key`, as the [[kind:key]] placeholder renders it."""
    with override(lang):
        match kind:
            case "label":
                return label_html(facts.label(key, lang))
            case "path":
                return _path_html(facts.path(key, lang))
            case "path-older":
                olders = [_path_html(steps) for steps in facts.older_paths(key, lang)]
                return mark_safe(or_list(olders, lang))  # noqa: S308  (each part is escaped above)
            case "roles":
                roles = [label_html(role) for role in facts.roles_for(key, lang)]
                return mark_safe(or_list(roles, lang))  # noqa: S308  (each part is escaped above)
            case "url":
                url = facts.urls[key].url
                return format_html('<a class="ms-url" href="{}">{}</a>', url, url)
            case "code":
                code = facts.codes[key]
                name = (
                    format_html(' <span class="ms-code-name">{}</span>', code.name)
                    if code.name
                    else ""
                )
                return format_html('<code class="ms-code">AADSTS{}</code>{}', code.key, name)
    raise ValueError(f"unknown fact kind {kind!r}")


def render_text(facts: FactStore, kind: str, key: str, lang: str) -> str:
    """The plain-text version of render_html, for emails and copyable text."""
    with override(lang):
        match kind:
            case "label":
                return label_text(facts.label(key, lang), quote_in=lang)
            case "path":
                return _path_text(facts.path(key, lang))
            case "path-older":
                return or_list([_path_text(steps) for steps in facts.older_paths(key, lang)], lang)
            case "roles":
                return or_list([label_text(role) for role in facts.roles_for(key, lang)], lang)
            case "url":
                return facts.urls[key].url
            case "code":
                code = facts.codes[key]
                return f"AADSTS{code.key}" + (f" ({code.name})" if code.name else "")
    raise ValueError(f"unknown fact kind {kind!r}")


def roles_note(facts: FactStore, key: str, lang: str) -> str:
    return facts.roles[key].note.get(lang, "")
