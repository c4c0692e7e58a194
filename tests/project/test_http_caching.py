"""Pages any HTTP cache can serve: public pages say so (with ETag, 304 and HEAD), private ones
say no-store, and every URL pattern of the site is one or the other."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

ARTICLE = "/fr/articles/integrer-outlook-avec-zeliq/"
STEP = "/fr/wizard/?seen=need_admin_approval"
PUBLIC = [
    "/fr/",
    "/en/",
    ARTICLE,
    "/fr/wizard/",
    STEP,
    "/en/admin-guide/case-3/",
    "/robots.txt",
    "/sitemap.xml",
]


def directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_page_says_so_with_a_max_age_and_stale_while_revalidate(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert {"public", "max-age", "stale-while-revalidate"} <= directives(response)
    assert response.has_header("ETag")


@pytest.mark.parametrize("url", [ARTICLE, STEP, "/fr/"])
def test_a_revalidation_with_the_etag_gets_a_304_without_a_body(client, url):
    etag = client.get(url)["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.parametrize("url", [ARTICLE, STEP, "/en/admin-guide/case-3/", "/robots.txt"])
def test_head_is_answered_as_get_without_a_body(client, url):
    head, get = client.head(url), client.get(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["ETag"] == get["ETag"]


def test_a_head_revalidation_with_the_etag_gets_a_304(client):
    etag = client.get(ARTICLE)["ETag"]
    assert client.head(ARTICLE, headers={"If-None-Match": etag}).status_code == 304
    assert client.head(ARTICLE, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_public_page_sends_max_age_without_a_redundant_expires(client):
    for _ in range(2):  # rendered, then served from the page cache
        response = client.get(ARTICLE)
        assert "max-age=300" in response["Cache-Control"]
        assert not response.has_header("Expires")


def test_a_page_varies_only_on_what_changes_it(client):
    article = client.get(ARTICLE, headers={"Accept-Encoding": "gzip"})
    assert {v.strip().lower() for v in article["Vary"].split(",")} == {"accept-encoding"}
    step = client.get(STEP, headers={"Accept-Encoding": "gzip"})
    assert {v.strip().lower() for v in step["Vary"].split(",")} == {"hx-request", "accept-encoding"}
    assert "cookie" not in client.get("/fr/").get("Vary", "").lower()


@pytest.mark.parametrize(("accepted", "coding"), [("gzip", "gzip"), ("gzip, br", "br")])
def test_html_is_compressed(client, accepted, coding):
    response = client.get(ARTICLE, headers={"Accept-Encoding": accepted})
    assert response["Content-Encoding"] == coding
    if coding == "gzip":
        assert b"<html" in gzip.decompress(response.content)


def test_the_compressed_article_is_under_25_kb(client):
    response = client.get(ARTICLE, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert len(response.content) < 25_000


# Every URL pattern: public or private ------------------------------------------------------------

EMAIL = "/fr/wizard/email/?seen=need_admin_approval"
VALID_EMAIL = {
    "name": "Camille Martin",
    "company": "Acme",
    "email": "camille@acme.fr",
    "admin_email": "it@acme.fr",
    "admin_language": "fr",
    "note": "",
}
FEEDBACK = {"answers": "seen=need_admin_approval", "solved": "yes"}

# For each URL pattern of the site (language prefix left out): requests that reach it, and
# whether their answers may be shared ("public") or not ("private": private, no-store). A new
# pattern must be added here: the walk below fails on any pattern it has no example for.
EXAMPLES: dict[str, list[tuple[str, str, dict[str, str] | None, str]]] = {
    "": [("get", "/fr/", None, "public")],
    "articles/<slug:slug>/": [("get", ARTICLE, None, "public")],
    "wizard/": [
        ("get", STEP, None, "public"),
        ("post", "/fr/wizard/?seen=error_code", {"error_text": "nothing here"}, "private"),
    ],
    "wizard/error/": [("get", "/fr/wizard/error/?error=access_denied", None, "private")],
    "wizard/feedback/": [("post", "/fr/wizard/feedback/", FEEDBACK, "private")],
    "wizard/email/": [
        ("post", EMAIL, VALID_EMAIL, "private"),
        ("post", EMAIL, {**VALID_EMAIL, "download": "eml"}, "private"),
    ],
    "wizard/visit/": [("post", "/fr/wizard/visit/", {"outcome": "case_3"}, "private")],
    "admin-guide/<slug:guide>/": [
        ("get", "/fr/admin-guide/case-3/?tenant=acme.fr", None, "public")
    ],
    "agents/": [("staff", "/fr/agents/", None, "private")],
    "articles/<slug:slug>/feedback/": [
        ("post", ARTICLE + "feedback/", {"helpful": "yes"}, "private")
    ],
    "search/": [("get", "/fr/search/?q=consentement", None, "private")],
    "login/": [("get", "/fr/login/", None, "private")],
    "logout/": [("post", "/fr/logout/", {"next": "/fr/"}, "private")],
    "l/<str:code>/": [("get", "/l/no-such-link-code/", None, "private")],
    "l/<str:code>/<str:ticket>/": [("get", "/l/no-such-link-code/T-1/", None, "private")],
    "agents/links/": [("staff", "/fr/agents/links/", None, "private")],
    "agents/insight/": [("staff", "/fr/agents/insight/", None, "private")],
    "agents/insight/<slug:table>.csv": [
        ("staff", "/fr/agents/insight/outcomes.csv", None, "private")
    ],
    "robots.txt": [("get", "/robots.txt", None, "public")],
    "sitemap.xml": [("get", "/sitemap.xml", None, "public")],
    "favicon.ico": [("get", "/favicon.ico", None, "public")],
    "healthz": [("get", "/healthz", None, "private")],
}


def site_patterns(resolver: URLResolver, prefix: str = "") -> list[str]:
    found = []
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not text.startswith("admin/"):  # Django's admin is never_cache throughout
                found += site_patterns(pattern, text)
        elif isinstance(pattern, URLPattern):
            found.append(text.removeprefix("fr/"))
    return found


@pytest.mark.django_db
def test_every_url_pattern_is_either_public_or_private(client):
    staff = User.objects.create_user("agent", password="a-long-test-password", is_staff=True)
    missing = [pattern for pattern in site_patterns(get_resolver()) if pattern not in EXAMPLES]
    assert not missing, f"add an example request for: {missing}"
    for pattern, requests in EXAMPLES.items():
        for method, url, data, expected in requests:
            if method == "staff":
                client.force_login(staff)
                response = client.get(url)
                client.logout()
            else:
                response = (
                    getattr(client, method)(url, data) if data else getattr(client, method)(url)
                )
            said = directives(response)
            if expected == "public":
                assert "public" in said and "private" not in said, (pattern, url, said)
            else:
                assert {"private", "no-store"} <= said and "public" not in said, (
                    pattern,
                    url,
                    said,
                )


def test_the_article_page_loads_only_its_own_small_script(client):
    html = client.get(ARTICLE).text
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and "helpcenter/article" in scripts[0]  # htmx comes later, if needed
    assert "print.css" not in html  # print styles are in site.css: one request fewer


def test_a_page_sent_uncompressed_is_never_served_from_the_cache_to_a_browser_that_compresses(
    client,
):
    plain = client.get(ARTICLE)  # a client that asks for no compression is served first
    assert "accept-encoding" in plain["Vary"].lower()
    compressed = client.get(ARTICLE, headers={"Accept-Encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
