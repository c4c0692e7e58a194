"""The one Markdown extension: references, links, anchors, and the plain text of the same render."""

from __future__ import annotations

import pytest

from helpcenter.content import clear_library_cache, get_library
from tests.conftest import write_article

pytestmark = pytest.mark.usefixtures("content_dir")


def article(lang: str, slug: str):
    return get_library().articles.get(lang, slug)


def add_article(content_dir, body: str) -> None:
    write_article(
        content_dir,
        "fr",
        "rendu",
        'key = "render"\ntitle = "T"\ndescription = "D"\nupdated = 2026-11-01\n'
        'collection = "guides"\nuntranslated = ["en"]',
        body,
    )
    clear_library_cache()


def test_references_render_in_the_article_language():
    french, english = article("fr", "guide-essai").html, article("en", "trial-guide").html
    assert "Applications d’entreprise" in french
    assert '<strong class="ms-label" lang="fr">Enregistrer</strong>' in french
    assert "Enterprise apps" in english and "Applications" not in english
    assert "[[" not in french + english


def test_headings_get_stable_anchors_and_a_table_of_contents():
    shown = article("fr", "guide-essai")
    assert '<h2 id="premiere">' in shown.html
    assert 'class="heading-anchor"' in shown.html
    assert 'href="#premiere"' in shown.toc_html
    assert shown.anchors == ("premiere", "deuxieme", "troisieme")


def test_tables_use_attributes_not_inline_styles():
    html = article("fr", "guide-essai").html
    assert "<table>" in html and 'align="center"' in html and "style=" not in html


def test_route_and_article_links_resolve_in_the_reader_language(content_dir):
    add_article(
        content_dir, "[Cas](route:wizard:step?seen=approval) et [essai](article:trial#premiere)"
    )
    html = article("fr", "rendu").html
    assert 'href="/fr/wizard/?seen=approval"' in html
    assert 'href="/fr/articles/guide-essai/#premiere"' in html
    assert "route:" not in html and "article:" not in html


def test_the_plain_text_is_the_same_render_without_markup(content_dir):
    add_article(
        content_dir,
        "Allez dans [[path:apps]], puis **cliquez** sur [[label:save]].\n\n"
        "1. Un\n2. [Deux](https://example.com/)\n\nEnsuite :\n\n- [Assistant](route:wizard:step)\n",
    )
    plain = article("fr", "rendu").plain
    assert plain.splitlines() == [
        "Allez dans Entra ID › Applications d’entreprise (Enterprise apps) › Zeliq, puis cliquez "
        "sur « Enregistrer ».",
        "",
        "1. Un",
        "2. Deux (https://example.com/)",
        "",
        "Ensuite :",
        "",
        "- Assistant",
    ]


def test_a_guide_lists_the_facts_it_names_in_the_order_written():
    guide = get_library().documents["admin-guides"].get("fr", "trial")
    assert guide.references == (("path", "apps"), ("label", "save"))


def test_a_straight_apostrophe_in_prose_is_a_problem_but_not_in_code_or_labels(content_dir):
    from helpcenter.content.library import load_library

    add_article(
        content_dir,
        "L'écran [[label:need_admin_approval]] dit `it's` et\n\n```\nl'exemple\n```\n\nC’est bon.",
    )
    problems = [str(p) for p in load_library(content_dir).problems if "apostrophe" in str(p)]
    assert len(problems) == 1
    assert "rendu.md [body]" in problems[0] and "“L'écran”" in problems[0]
