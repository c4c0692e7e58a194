"""Dates as readers say them, in the active language (Babel's public API for the rest)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_timedelta
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _


def _locale() -> str:
    return to_locale(get_language() or "fr")


def relative_day(day: date, today: date) -> str:
    """'hier', 'il y a 3 jours', 'yesterday', '2 months ago'…"""
    delta = day - today
    if delta.days == 0:
        return _("today")
    if delta.days == -1:
        return _("yesterday")
    return format_timedelta(delta, add_direction=True, threshold=1, locale=_locale())


def long_date(day: date) -> str:
    return format_date(day, format="long", locale=_locale())
