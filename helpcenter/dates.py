from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date, format_timedelta


def relative_day(day: date, today: date, lang: str) -> str:
    """'hier', 'il y a 3 jours', 'yesterday', '2 months ago'… in the reader's language."""
    delta = day - today
    # Babel's public API has no "yesterday"/"today"; CLDR's day fields do.
    named_days = Locale.parse(lang)._data["date_fields"]["day"]["relative"]
    if delta.days in (-1, 0) and delta.days in named_days:
        return named_days[delta.days]
    return format_timedelta(delta, add_direction=True, threshold=1, locale=lang)


def long_date(day: date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)
