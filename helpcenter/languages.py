from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language_info, override


@dataclass(frozen=True)
class Alternate:
    """The same page in another language, for the language switcher and <link rel=alternate>."""

    lang: str
    name: str  # in its own language: "Français", "English"
    url: str
    is_translation: bool  # False when that language would show the source text with a notice


def language_name(code: str) -> str:
    return capfirst(get_language_info(code)["name_local"])


def reverse_in(lang: str, viewname: str, **kwargs: Any) -> str:
    """The URL of a page in `lang`, whatever the active language (URLs carry it: /fr/, /en/)."""
    with override(lang):
        return reverse(viewname, **kwargs)


def page_alternates(path: str) -> list[Alternate]:
    return [
        Alternate(code, language_name(code), translate_url(path, code), True)
        for code, _name in settings.LANGUAGES
    ]
