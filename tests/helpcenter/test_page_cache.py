"""Whole pages come from Django's cache framework: a hit is the same response, headers included."""

from __future__ import annotations

import pytest

from helpcenter.content import clear_library_cache
from tests.conftest import write_article
from tests.helpcenter import cache_urls


@pytest.fixture(autouse=True)
def _no_calls():
    cache_urls.calls.clear()


@pytest.mark.urls("tests.helpcenter.cache_urls")
def test_a_header_set_by_the_view_survives_a_cache_hit(client):
    first = client.get("/counted/")
    second = client.get("/counted/")
    assert cache_urls.calls == ["/counted/"]  # the second came from the cache
    assert second.content == first.content == b"rendered 1"
    assert second["X-Set-By-The-View"] == "yes"
    assert second["Content-Language"] == "fr"


@pytest.mark.urls("tests.helpcenter.cache_urls")
@pytest.mark.parametrize("url", ["/unmarked/", "/private/"])
def test_a_page_that_does_not_say_public_is_never_stored(client, url):
    client.get(url)
    second = client.get(url)
    assert cache_urls.calls == [url, url]
    assert "public" not in second.get("Cache-Control", "")


@pytest.mark.urls("tests.helpcenter.cache_urls")
def test_an_answer_to_a_post_is_not_marked_public(client):
    assert "public" not in client.post("/counted/").get("Cache-Control", "")


@pytest.mark.urls("tests.helpcenter.cache_urls")
def test_each_url_and_each_htmx_request_has_its_own_entry(client):
    client.get("/counted/")
    client.get("/counted/?a=1")
    assert cache_urls.calls == ["/counted/", "/counted/?a=1"]


@pytest.mark.urls("tests.helpcenter.cache_urls")
def test_a_new_content_version_is_a_new_set_of_keys(client, content_dir):
    client.get("/counted/")
    write_article(content_dir, "fr", "nouveau", 'key = "new"', "Body")
    clear_library_cache()  # what a restart does after a deploy or an edit in development
    client.get("/counted/")
    assert cache_urls.calls == ["/counted/", "/counted/"]


def test_a_cached_wizard_page_keeps_its_vary_header(client):
    first = client.get("/fr/wizard/?seen=need_admin_approval")
    second = client.get("/fr/wizard/?seen=need_admin_approval")
    assert second.content == first.content
    assert "HX-Request" in second["Vary"]
    fragment = client.get("/fr/wizard/?seen=need_admin_approval", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content  # not the full page from the cache
