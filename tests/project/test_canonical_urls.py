"""One address per page: junk parameters redirect to it (no new cache entries), the language switch
keeps a wizard step's answers, and search engines see one canonical address per outcome."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache

STEP = "/fr/wizard/?seen=need_admin_approval"


def cache_size() -> int:
    """How many entries the cache holds: local memory by default, Redis when REDIS_URL is set."""
    if hasattr(cache, "is_reachable"):
        return cache._cache.get_client().dbsize()
    return len(cache._cache)


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        (STEP + "&utm_source=newsletter", STEP),
        (STEP + "&fixed=random-123", STEP),
        (STEP + "&solved=maybe", STEP),
        ("/fr/wizard/?code=90094&seen=error_code", "/fr/wizard/?seen=error_code&code=90094"),
        ("/fr/wizard/?seen=need%5Fadmin%5Fapproval", STEP),
        ("/fr/wizard/?seen=nonsense", "/fr/wizard/?fixed=1"),
        (
            "/fr/articles/integrer-outlook-avec-zeliq/?utm=1",
            "/fr/articles/integrer-outlook-avec-zeliq/",
        ),
        ("/fr/?ref=x", "/fr/"),
        ("/en/admin-guide/case-3/?x=1&tenant=acme.fr", "/en/admin-guide/case-3/?tenant=acme.fr"),
    ],
)
def test_another_spelling_of_a_page_redirects_to_its_one_address(client, asked, canonical):
    response = client.get(asked)
    assert response.status_code == 302
    assert response["Location"] == canonical


def test_junk_parameters_create_no_cache_entries(client):
    client.get(STEP)
    before = cache_size()
    for n in range(20):
        client.get(f"{STEP}&utm_source={n}")
        client.get(f"/fr/articles/integrer-outlook-avec-zeliq/?x={n}")
    assert cache_size() == before


def test_the_page_notices_keep_their_meaning(client):
    assert client.get(STEP + "&solved=yes").status_code == 200
    assert client.get("/fr/wizard/?fixed=1").status_code == 200


@pytest.mark.parametrize(
    ("url", "other"),
    [
        (STEP, 'href="/en/wizard/?seen=need_admin_approval"'),
        (
            "/fr/wizard/?seen=error_code&code=90094",
            'href="/en/wizard/?seen=error_code&amp;code=90094"',
        ),
        ("/en/wizard/?seen=risky_app", 'href="/fr/wizard/?seen=risky_app"'),
        ("/fr/admin-guide/case-3/?tenant=acme.fr", 'href="/en/admin-guide/case-3/?tenant=acme.fr"'),
    ],
)
def test_the_language_switch_keeps_the_answers(client, url, other):
    assert other in client.get(url).text


def test_an_outcome_has_one_canonical_address_and_is_indexable(client):
    html = client.get("/fr/wizard/?seen=not_sure&justify=yes").text  # another way to case 2
    assert (
        '<link rel="canonical" href="http://testserver/fr/wizard/?seen=approval_required">' in html
    )
    assert "noindex" not in html


def test_an_address_with_the_users_error_details_is_not_indexed(client):
    guid = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    html = client.get(f"/fr/wizard/?seen=error_code&code=90094&cid={quote(guid)}").text
    assert '<meta name="robots" content="noindex">' in html


def test_a_guide_for_a_tenant_is_not_indexed(client):
    assert "noindex" in client.get("/fr/admin-guide/case-3/?tenant=acme.fr").text
    assert "noindex" not in client.get("/fr/admin-guide/case-3/").text
