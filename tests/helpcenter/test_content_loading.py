"""Loading content/: every mistake is a problem naming the file and the field, all of them at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from helpcenter.content import clear_library_cache
from helpcenter.content.library import load_library
from tests.conftest import write_article

ARTICLE_META = 'key = "typo"\ntitle = "T"\ndescription = "D"\nupdated = 2026-11-01\n'
ALONE = ARTICLE_META + 'collection = "guides"\nuntranslated = ["en"]'


def problems_in(directory: Path) -> list[str]:
    return [str(problem) for problem in load_library(directory).problems]


def test_every_rule_passes_on_the_published_content(settings):
    """The one test of the real content: every schema, reference, link and rule, as `check` runs them."""
    assert problems_in(settings.CONTENT_DIR) == []


def test_the_test_tree_is_valid(content_dir):
    library = load_library(content_dir)
    assert [str(p) for p in library.problems] == []
    article = library.articles.get("fr", "guide-essai")
    assert article.title == "Guide d’essai"
    assert article.has_toc


def test_front_matter_must_open_the_file(content_dir):
    (content_dir / "fr" / "nue.md").write_text("# No front matter\n", encoding="utf-8")
    assert any("nue.md [front matter]" in p and "+++" in p for p in problems_in(content_dir))


def test_malformed_front_matter_names_the_file(content_dir):
    path = write_article(content_dir, "fr", "cassee", 'key = "broken', "Body")
    problems = problems_in(content_dir)
    assert any(str(path) in p and "front matter" in p and "not valid TOML" in p for p in problems)


@pytest.mark.parametrize("field", ["key", "title", "description", "collection", "updated"])
def test_a_missing_required_field_is_named(content_dir, field):
    lines = {
        "key": 'key = "other"',
        "title": 'title = "T"',
        "description": 'description = "D"',
        "collection": 'collection = "guides"',
        "updated": "updated = 2026-11-01",
    }
    del lines[field]
    path = write_article(content_dir, "fr", "incomplet", "\n".join(lines.values()), "Body")
    problems = problems_in(content_dir)
    assert f"{path} [{field}]: is required" in problems


def test_every_mistake_of_a_file_is_reported_at_once(content_dir):
    path = write_article(
        content_dir, "fr", "trois", 'key = "Not A Slug"\ntitle = ""\nupdated = "soon"\nnxt = 1', "B"
    )
    fields = {p.split(" [", 1)[1].split("]")[0] for p in problems_in(content_dir) if str(path) in p}
    assert {"key", "title", "updated", "description", "collection", "nxt"} <= fields


def test_a_misspelt_field_is_not_ignored(content_dir):
    path = write_article(content_dir, "fr", "faute", ALONE + '\ndescriptoin = "x"', "Body")
    assert f"{path} [descriptoin]: is not a known field (is it misspelt?)" in problems_in(
        content_dir
    )


def test_a_translation_must_say_which_source_it_follows(content_dir):
    path = content_dir / "en" / "trial-guide.md"
    path.write_text(path.read_text().replace("source_updated = 2026-11-20\n", ""))
    assert any("trial-guide.md [source_updated]" in p for p in problems_in(content_dir))


def test_a_missing_translation_needs_an_explicit_fallback(content_dir):
    meta = 'key = "alone"\ntitle = "Seul"\ndescription = "D"\nupdated = 2026-11-01\ncollection = "guides"'
    write_article(content_dir, "fr", "seul", meta, "Corps")
    assert any("no en translation" in p for p in problems_in(content_dir))
    write_article(content_dir, "fr", "seul", meta + '\nuntranslated = ["en"]', "Corps")
    assert problems_in(content_dir) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Allez dans [[path:no_such_path]].", "[[path:no_such_path]] names nothing in the paths"),
        ("Cliquez sur [[lable:save]].", "'lable' is not a kind of reference"),
        ("Cliquez sur [[Save]].", "[[Save]] is not a reference like [[label:save]]"),
    ],
)
def test_a_bad_reference_is_reported_with_its_file(content_dir, body, expected):
    write_article(content_dir, "fr", "faute", ALONE, body)
    assert any("faute.md [body]" in p and expected in p for p in problems_in(content_dir))


@pytest.mark.parametrize(
    "body",
    [
        "[L’assistant](route:wizard:nowhere)",
        "[L’assistant][w]\n\n[w]: route:wizard:nowhere",  # a reference-style link too
    ],
)
def test_a_route_link_to_no_page_is_reported(content_dir, body):
    write_article(content_dir, "fr", "faute", ALONE, body)
    assert any(
        "faute.md [body]" in p and "route:wizard:nowhere" in p for p in problems_in(content_dir)
    )


def test_a_wizard_link_is_checked_against_the_flow(content_dir):
    write_article(content_dir, "fr", "lien", ALONE, "[Cas](route:wizard:step?seen=approval)")
    assert problems_in(content_dir) == []
    write_article(content_dir, "fr", "lien", ALONE, "[Cas](route:wizard:step?seen=no_such_screen)")
    problems = problems_in(content_dir)
    assert any("lien.md [body]" in p and "unknown_answer:seen" in p for p in problems)


def test_an_article_link_is_resolved_and_checked_in_guides_too(content_dir):
    guide = content_dir / "admin-guides" / "fr" / "trial.md"
    guide.write_text(guide.read_text() + "\n[L’essai](article:trial#premiere)\n", encoding="utf-8")
    clear_library_cache()
    library = load_library(content_dir)
    assert [str(p) for p in library.problems] == []
    assert (
        'href="/fr/articles/guide-essai/#premiere"'
        in library.documents["admin-guides"].get("fr", "trial").html
    )
    guide.write_text(
        guide.read_text() + "\n[Rien](article:nothing) [Ici](article:trial#nulle-part)\n"
    )
    problems = problems_in(content_dir)
    assert any("trial.md [body]" in p and "article:nothing names no article" in p for p in problems)
    assert any("trial.md [body]" in p and "has no such section" in p for p in problems)


def test_a_file_name_that_is_not_a_slug_is_reported(content_dir):
    write_article(content_dir, "fr", "Pas_Un_Slug", 'key = "x"', "Body")
    assert any("Pas_Un_Slug.md" in p and "slug" in p for p in problems_in(content_dir))


def test_an_unknown_collection_is_reported(content_dir):
    path = content_dir / "fr" / "guide-essai.md"
    path.write_text(path.read_text().replace('collection = "guides"', 'collection = "nope"'))
    assert any("[collection]" in p and "'nope'" in p for p in problems_in(content_dir))


def test_a_collection_needs_a_text_in_every_language(content_dir):
    path = content_dir / "collections.toml"
    path.write_text(path.read_text().replace(', en = "Guides"', ""))
    assert f"{path} [guides.title]: needs a text in en" in problems_in(content_dir)


def test_facts_with_a_dangling_label_are_reported(content_dir):
    facts = content_dir / "facts" / "entra.toml"
    facts.write_text(facts.read_text().replace('"enterprise_apps", {text', '"nowhere", {text'))
    problems = problems_in(content_dir)
    assert any("paths.apps" in p and "'nowhere'" in p for p in problems)


def test_facts_need_a_source_and_a_verification_date(content_dir):
    facts = content_dir / "facts" / "entra.toml"
    text = facts.read_text().replace(
        'fr_status = "confirmed"\nsource = "https://learn.microsoft.com/"\nverified = 2026-11-28',
        'fr_status = "confirmed"\nsource = "learn.microsoft.com"\nverified = "recently"',
    )
    facts.write_text(text)
    problems = problems_in(content_dir)
    assert any("[labels.save.verified]" in p for p in problems)
    assert any("[labels.save.source]" in p for p in problems)


def test_a_french_label_needs_its_status(content_dir):
    facts = content_dir / "facts" / "entra.toml"
    facts.write_text(facts.read_text().replace('fr_status = "confirmed"\n', ""))
    assert any("[labels.save]" in p and "fr_status" in p for p in problems_in(content_dir))


def test_the_system_check_fails_at_start_up_naming_file_and_field(content_dir):
    write_article(content_dir, "fr", "incomplet", 'key = "x"\ntitle = "T"', "Body")
    clear_library_cache()
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    message = str(error.value)
    assert "helpcenter.E001" in message
    assert "incomplet.md [description]" in message
