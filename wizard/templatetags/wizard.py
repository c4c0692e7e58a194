from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from helpcenter.content import get_library
from helpcenter.content.factformat import label_html

register = template.Library()


@register.simple_tag
def screen_text(key: str) -> SafeString:
    """A Microsoft screen text for a look-alike drawing: French only where the facts have it."""
    label = get_library().facts.label(key)
    return format_html('<span lang="{}">{}</span>', label.lang, label.text)


@register.simple_tag
def screen_label(key: str) -> SafeString:
    """A screen text for the drawing's description: with the English beside an unconfirmed French,
    and the French renderings an unverified label may read, which the drawing leaves out."""
    return label_html(get_library().facts.label(key))
