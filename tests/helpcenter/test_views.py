from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest

from helpcenter.content import clear_library_cache

FR_URL = "/fr/articles/integrer-outlook-avec-zeliq/"
EN_URL = "/en/articles/connect-outlook-to-zeliq/"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-US,en;q=0.9", "/en/"), ("fr-CA", "/fr/"), ("de-DE", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("url", "lang"), [("/fr/", "fr"), ("/en/", "en")])
def test_home_lists_the_collections_and_articles(client, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    html = response.text
    assert f'<html lang="{lang}">' in html
    slug = "integrer-outlook-avec-zeliq" if lang == "fr" else "connect-outlook-to-zeliq"
    assert f'href="/{lang}/articles/{slug}/"' in html


def test_french_article_page(client):
    response = client.get(FR_URL)
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    html = response.text
    assert html.count("<h1") == 1
    assert "Intégrer Outlook avec Zeliq" in html
    assert re.search(
        r'Mis à jour [^<]+ \(<time datetime="2026-12-01">1 décembre 2026</time>\)', html
    )
    assert 'aria-labelledby="toc-heading"' in html
    assert 'id="cas-3"' in html


def test_english_article_page(client):
    html = client.get(EN_URL).text
    assert '<html lang="en">' in html
    assert re.search(r'Updated [^<]+ \(<time datetime="2026-12-01">December 1, 2026</time>\)', html)
    assert 'id="case-3"' in html


def test_article_links_every_translation_and_a_canonical(client):
    html = client.get(FR_URL).text
    assert f'<link rel="canonical" href="http://testserver{FR_URL}">' in html
    assert f'<link rel="alternate" hreflang="fr" href="http://testserver{FR_URL}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{EN_URL}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{FR_URL}">' in html


def test_the_language_switcher_keeps_the_same_article(client):
    french = client.get(FR_URL).text
    english = client.get(EN_URL).text
    assert f'<a href="{EN_URL}" hreflang="en" lang="en">English</a>' in french
    assert f'<a href="{FR_URL}" hreflang="fr" lang="fr">Français</a>' in english
    assert f'<a href="{FR_URL}" hreflang="fr" lang="fr" aria-current="page">Français</a>' in french


def test_a_slug_from_the_other_language_redirects_to_the_translation(client):
    response = client.get("/en/articles/integrer-outlook-avec-zeliq/")
    assert response.status_code == 301
    assert response["Location"] == EN_URL


def test_a_missing_translation_shows_the_french_article_with_a_notice(client, content_dir):
    (content_dir / "en" / "trial-guide.md").unlink()
    french = content_dir / "fr" / "guide-essai.md"
    french.write_text(
        french.read_text().replace(
            'collection = "guides"', 'collection = "guides"\nuntranslated = ["en"]'
        )
    )
    clear_library_cache()
    response = client.get("/en/articles/guide-essai/")
    assert response.status_code == 200
    html = response.text
    assert "This article is not yet available in your language" in html
    assert '<article class="article" lang="fr">' in html
    assert "Guide d’essai" in html
    assert 'hreflang="en" href=' not in html  # no alternate for a translation that does not exist
    assert '<link rel="canonical" href="http://testserver/fr/articles/guide-essai/">' in html


def test_an_outdated_translation_says_so(client, content_dir):
    french = content_dir / "fr" / "guide-essai.md"
    french.write_text(french.read_text().replace("updated = 2026-11-20", "updated = 2026-11-25"))
    clear_library_cache()
    assert "may be out of date" in client.get("/en/articles/trial-guide/").text
    assert "out of date" not in client.get("/fr/articles/guide-essai/").text


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/fr/articles/nope/", "Page introuvable"),
        ("/en/articles/nope/", "Page not found"),
        ("/de/", "Page introuvable"),
        ("/fr/nowhere/", "Page introuvable"),
    ],
)
def test_unknown_pages_get_the_localized_404(client, url, text):
    response = client.get(url)
    assert response.status_code == 404
    assert text in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/fr/articles/../settings/",
        "/fr/articles/..%2f..%2fhelpcenter%2fsettings/",
        "/fr/articles/%2e%2e/",
        "/fr/articles/%2e%2e%2fcontent/",
        "/fr/articles/..%5c..%5cetc/",
        "/fr/articles/a%00b/",
        "/fr/articles/integrer-outlook-avec-zeliq%00/",
        "/fr/articles/C:%5cwindows/",
    ],
)
def test_path_characters_in_a_slug_never_reach_the_filesystem(client, url):
    client.get(FR_URL)  # the library is loaded and cached
    with (
        mock.patch.object(Path, "read_text", side_effect=AssertionError("filesystem read")),
        mock.patch.object(Path, "open", side_effect=AssertionError("filesystem open")),
        mock.patch("builtins.open", side_effect=AssertionError("filesystem open")),
    ):
        response = client.get(url)
    assert response.status_code in (404, 301)
    if response.status_code == 301:  # CommonMiddleware's slash redirect; its target 404s too
        assert client.get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_reading_an_article_does_no_database_query_and_no_markdown_work(
    client, django_assert_num_queries
):
    client.get(FR_URL)
    with (
        mock.patch("markdown.Markdown.convert", side_effect=AssertionError("rendered again")),
        django_assert_num_queries(0),
    ):
        assert client.get(FR_URL).status_code == 200
        assert client.get(EN_URL).status_code == 200
        assert client.get("/fr/").status_code == 200


def test_security_headers(client):
    response = client.get(FR_URL)
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/fr/", "/en/", FR_URL, EN_URL, "/fr/articles/nope/"])
def test_pages_have_no_inline_script_or_style(client, url):
    html = client.get(url).text
    assert "<style" not in html
    assert " style=" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script, script


def test_robots_lists_the_staff_paths_each_app_declares(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text
    assert "Disallow: /admin/" in robots.text  # the help center's
    assert "Disallow: /*/agents/" in robots.text  # the wizard's


def test_the_sitemap_has_each_apps_sections(client):
    sitemap = client.get("/sitemap.xml").text
    assert f"http://testserver{FR_URL}" in sitemap
    assert f"http://testserver{EN_URL}" in sitemap
    assert "http://testserver/fr/wizard/?seen=need_admin_approval</loc>" in sitemap  # an outcome
    assert "http://testserver/en/admin-guide/case-3/</loc>" in sitemap  # an admin guide


@pytest.mark.django_db
def test_healthz_reports_each_dependency_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "content": "ok"},
    }


@pytest.mark.django_db
def test_healthz_names_broken_content_with_a_503(client, content_dir):
    (content_dir / "collections.toml").write_text("[broken\n")
    clear_library_cache()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["content"] == "failing"


def test_favicon_ico_points_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/helpcenter/favicon.svg"
