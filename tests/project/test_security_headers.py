"""Every response carries the security headers, redirects and refusals included; a POST to an
address without its trailing slash is sent on with its method."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 302),
        ("/fr", 301),
        ("/fr/articles/integrer-outlook-avec-zeliq", 301),
        ("/fr/nope/", 404),
    ],
)
def test_redirects_and_errors_carry_the_security_headers(url, status):
    response = Client().get(url, headers={"Accept-Language": "fr"})
    assert response.status_code == status
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_post_without_the_trailing_slash_keeps_its_method():
    response = Client().post("/fr/wizard/feedback", {"solved": "yes"})
    assert response.status_code == 308
    assert response["Location"] == "/fr/wizard/feedback/"
