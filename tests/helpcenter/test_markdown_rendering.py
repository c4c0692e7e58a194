from __future__ import annotations

from helpcenter.content import get_library


def test_placeholders_render_in_the_article_language(content_dir):
    library = get_library()
    french = library.article("fr", "guide-essai").html
    english = library.article("en", "trial-guide").html
    assert "Applications d’entreprise" in french
    assert '<strong class="ms-label" lang="fr">Enregistrer</strong>' in french
    assert "Enterprise apps" in english and "Applications" not in english
    assert "[[" not in french + english


def test_headings_get_stable_anchors_and_a_table_of_contents(content_dir):
    article = get_library().article("fr", "guide-essai")
    assert '<h2 id="premiere">' in article.html
    assert 'class="heading-anchor"' in article.html
    assert 'href="#premiere"' in article.toc_html
    assert article.heading_count == 3


def test_tables_use_attributes_not_inline_styles(content_dir):
    html = get_library().article("fr", "guide-essai").html
    assert "<table>" in html
    assert 'align="center"' in html
    assert "style=" not in html


def test_the_french_article_has_its_case_anchors_and_summary_table():
    article = get_library().article("fr", "integrer-outlook-avec-zeliq")
    for anchor in ("cas-1", "cas-2", "cas-3", "en-resume"):
        assert f'id="{anchor}"' in article.html
    assert "<table>" in article.html
    assert "<ol>" in article.html
    assert "Zelic" not in article.html
    assert "Zeliq" in article.html


def test_the_english_article_has_its_case_anchors():
    article = get_library().article("en", "connect-outlook-to-zeliq")
    for anchor in ("case-1", "case-2", "case-3", "summary"):
        assert f'id="{anchor}"' in article.html
    assert "<table>" in article.html


def test_articles_state_the_current_entra_paths_from_the_facts():
    library = get_library()
    french = library.article("fr", "integrer-outlook-avec-zeliq").html
    english = library.article("en", "connect-outlook-to-zeliq").html
    assert "Admin consent requests" in english
    assert "Enterprise apps" in english
    assert "Consent and permissions" in english
    assert "Applications d’entreprise" in french and "(Enterprise apps)" in french
    assert "https://entra.microsoft.com/" in french


def test_an_error_code_placeholder_renders_the_code_and_its_name():
    html = get_library().article("en", "aadsts-error-codes").html
    assert (
        '<code class="ms-code">AADSTS90094</code> <span class="ms-code-name">AdminConsentRequired</span>'
        in html
    )
    assert (
        '<code class="ms-code">AADSTS500208</code></td>' in html
    )  # Microsoft gives this one no name


def test_route_and_article_links_resolve_in_the_article_language():
    library = get_library()
    french = library.article("fr", "codes-erreur-aadsts").html
    english = library.article("en", "aadsts-error-codes").html
    assert 'href="/fr/wizard/?seen=error_code&amp;code=90094"' in french
    assert 'href="/en/wizard/?seen=error_code&amp;code=90094"' in english
    assert 'href="/fr/articles/integrer-outlook-avec-zeliq/"' in french
    assert 'href="/en/articles/connect-outlook-to-zeliq/"' in english
    assert "route:" not in french + english and "article:" not in french + english


def test_a_link_to_an_unknown_article_or_route_is_reported(content_dir):
    from helpcenter.content import load_library
    from tests.conftest import write_article

    write_article(
        content_dir,
        "fr",
        "liens",
        'key = "links"\ntitle = "T"\ndescription = "D"\nupdated = 2026-11-01\n'
        'collection = "guides"\nuntranslated = ["en"]',
        "[b](route:wizard:nowhere)",
    )
    write_article(
        content_dir,
        "fr",
        "autres-liens",
        'key = "other-links"\ntitle = "T"\ndescription = "D"\nupdated = 2026-11-01\n'
        'collection = "guides"\nuntranslated = ["en"]',
        "[a](article:nowhere)",
    )
    problems = [str(p) for p in load_library(content_dir, ("fr", "en"), "fr").problems]
    assert any("liens.md [body]" in p and "route:wizard:nowhere" in p for p in problems)
    assert any(
        "autres-liens.md [body]" in p and "article:nowhere names no article" in p for p in problems
    )
