from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from helpcenter.content import get_library
from helpcenter.content.references import registered_kinds

register = template.Library()


@register.simple_tag
def fact(kind: str, key: str) -> SafeString:
    """A Microsoft fact from content/facts/, as {% fact "path" "review_requests" %}."""
    return registered_kinds()[kind].html(get_library().facts, key)
