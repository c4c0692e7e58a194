from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from helpcenter.content import get_library
from helpcenter.factformat import render_html, render_text

register = template.Library()


@register.filter
def in_language(texts: Mapping[str, str], lang: str) -> str:
    """The text of a {fr: ..., en: ...} table in `lang`, else in the source language."""
    return texts.get(lang) or next(iter(texts.values()), "")


@register.simple_tag
def fact(kind: str, key: str, lang: str | None = None) -> SafeString:
    """A Microsoft fact from content/facts/, as {% fact "path" "review_requests" %}."""
    return render_html(get_library().facts, kind, key, lang or get_language())


@register.simple_tag
def fact_text(kind: str, key: str, lang: str | None = None) -> str:
    return render_text(get_library().facts, kind, key, lang or get_language())
