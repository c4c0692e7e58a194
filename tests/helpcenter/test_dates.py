from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from helpcenter.dates import long_date, relative_day

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2026, 11, 28), "fr", "aujourd’hui"),
        (date(2026, 11, 27), "fr", "hier"),
        (date(2026, 11, 27), "en", "yesterday"),
        (date(2026, 11, 25), "fr", "il y a 3 jours"),
        (date(2026, 11, 25), "en", "3 days ago"),
        (date(2026, 9, 28), "fr", "il y a 2 mois"),
        (date(2024, 11, 28), "en", "2 years ago"),
    ],
)
def test_relative_day_in_the_active_language(day, lang, expected):
    with translation.override(lang):
        assert relative_day(day, TODAY) == expected


def test_long_date_is_localized():
    with translation.override("fr"):
        assert long_date(TODAY) == "28 novembre 2026"
    with translation.override("en"):
        assert long_date(TODAY) == "November 28, 2026"
