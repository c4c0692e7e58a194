from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from helpcenter.content import get_library, load_library, split_front_matter
from tests.conftest import write_article

LANGS = ("fr", "en")


def load(directory: Path):
    return load_library(directory, LANGS, "fr")


def problems_text(library) -> list[str]:
    return [str(problem) for problem in library.problems]


def test_the_published_content_has_no_problem(settings):
    library = load(settings.CONTENT_DIR)
    assert problems_text(library) == []
    assert library.article("fr", "integrer-outlook-avec-zeliq") is not None
    assert library.article("en", "connect-outlook-to-zeliq") is not None


def test_every_article_has_every_translation_or_an_explicit_fallback(settings):
    library = load(settings.CONTENT_DIR)
    for article in library.articles.values():
        languages = set(library.translations(article.key))
        source = library.source_of(article)
        assert source is not None
        assert languages | set(source.untranslated) == set(LANGS), article.key


def test_the_test_tree_is_valid(content_dir):
    library = load(content_dir)
    assert problems_text(library) == []
    article = library.article("fr", "guide-essai")
    assert article.title == "Guide d’essai"
    assert article.has_toc


def test_front_matter_must_open_the_file():
    with pytest.raises(ValueError, match=r"\+\+\+"):
        split_front_matter("# No front matter\n")


def test_malformed_front_matter_names_the_file(content_dir):
    path = write_article(content_dir, "fr", "cassee", 'key = "broken', "Body")
    problems = problems_text(load(content_dir))
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
    problems = problems_text(load(content_dir))
    assert any(str(path) in p and f"[{field}]" in p for p in problems), problems


def test_a_translation_must_say_which_source_it_follows(content_dir):
    path = content_dir / "en" / "trial-guide.md"
    path.write_text(path.read_text().replace("source_updated = 2026-11-20\n", ""))
    problems = problems_text(load(content_dir))
    assert any("trial-guide.md [source_updated]" in p for p in problems)


def test_a_missing_translation_needs_an_explicit_fallback(content_dir):
    write_article(
        content_dir,
        "fr",
        "seul",
        'key = "alone"\ntitle = "Seul"\ndescription = "D"\nupdated = 2026-11-01\ncollection = "guides"',
        "Corps",
    )
    assert any("no en translation" in p for p in problems_text(load(content_dir)))

    write_article(
        content_dir,
        "fr",
        "seul",
        'key = "alone"\ntitle = "Seul"\ndescription = "D"\nupdated = 2026-11-01\n'
        'collection = "guides"\nuntranslated = ["en"]',
        "Corps",
    )
    assert problems_text(load(content_dir)) == []


def test_an_unknown_fact_placeholder_is_reported(content_dir):
    write_article(
        content_dir,
        "fr",
        "faute",
        'key = "typo"\ntitle = "T"\ndescription = "D"\nupdated = 2026-11-01\n'
        'collection = "guides"\nuntranslated = ["en"]',
        "Allez dans [[path:no_such_path]].",
    )
    problems = problems_text(load(content_dir))
    assert any("faute.md [body]" in p and "[[path:no_such_path]]" in p for p in problems)


def test_a_file_name_that_is_not_a_slug_is_reported(content_dir):
    write_article(content_dir, "fr", "Pas_Un_Slug", 'key = "x"', "Body")
    assert any("Pas_Un_Slug.md" in p and "slug" in p for p in problems_text(load(content_dir)))


def test_an_unknown_collection_is_reported(content_dir):
    path = content_dir / "fr" / "guide-essai.md"
    path.write_text(path.read_text().replace('collection = "guides"', 'collection = "nope"'))
    assert any("[collection]" in p and "'nope'" in p for p in problems_text(load(content_dir)))


def test_facts_with_a_dangling_label_are_reported(content_dir):
    facts = content_dir / "facts" / "entra.toml"
    facts.write_text(facts.read_text().replace('"enterprise_apps", {text', '"nowhere", {text'))
    problems = problems_text(load(content_dir))
    assert any("paths.apps" in p and "'nowhere'" in p for p in problems)


def test_facts_need_a_source_and_a_verification_date(content_dir):
    facts = content_dir / "facts" / "entra.toml"
    text = facts.read_text().replace(
        'fr_status = "confirmed"\nsource = "https://learn.microsoft.com/"\nverified = 2026-11-28',
        'fr_status = "confirmed"\nsource = "https://learn.microsoft.com/"\nverified = "recently"',
    )
    facts.write_text(text)
    assert any("labels.save.verified" in p for p in problems_text(load(content_dir)))


def test_the_system_check_fails_at_start_up_naming_file_and_field(content_dir):
    write_article(content_dir, "fr", "incomplet", 'key = "x"\ntitle = "T"', "Body")
    from helpcenter.content import clear_library_cache

    clear_library_cache()
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    message = str(error.value)
    assert "helpcenter.E001" in message
    assert "incomplet.md [description]" in message


def test_the_library_is_loaded_once_per_process(settings):
    assert get_library() is get_library()
