"""Anonymous POSTs are limited per client: a flood is refused with a clear 429, a visitor is not."""

from __future__ import annotations

import pytest

from helpcenter.ratelimits import period_seconds

pytestmark = pytest.mark.django_db

VISIT = "/fr/wizard/visit/"


def test_a_normal_visitor_is_not_limited(client, settings):
    settings.HELPCENTER_WRITE_RATE = "5/m"
    for _ in range(5):
        assert client.post(VISIT, {"outcome": "case_3"}).status_code == 204


def test_a_flood_is_refused_with_a_clear_429(client, settings):
    settings.HELPCENTER_WRITE_RATE = "5/m"
    statuses = [client.post(VISIT, {"outcome": "case_3"}).status_code for _ in range(8)]
    assert statuses == [204] * 5 + [429] * 3
    refused = client.post(VISIT, {"outcome": "case_3"})
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    assert "Trop de demandes" in refused.text


def test_another_client_is_not_refused_for_the_flood(client, settings):
    settings.HELPCENTER_WRITE_RATE = "2/m"
    for _ in range(3):
        client.post(VISIT, {"outcome": "case_3"}, REMOTE_ADDR="192.0.2.1")
    assert client.post(VISIT, {"outcome": "case_3"}, REMOTE_ADDR="192.0.2.2").status_code == 204


def test_reading_pages_is_never_limited(client, settings):
    settings.HELPCENTER_FORM_RATE = "1/m"
    for _ in range(3):
        assert client.get("/fr/wizard/?seen=error_code").status_code == 200


@pytest.mark.parametrize(("rate", "seconds"), [("30/m", 60), ("5/10s", 10), ("100/h", 3600)])
def test_retry_after_is_the_period_of_the_rate(rate, seconds):
    assert period_seconds(rate) == seconds
