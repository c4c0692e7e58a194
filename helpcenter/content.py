"""The help-center library: articles and collections read from content/, rendered once, kept in memory.

Requests never touch the filesystem with a value from a URL: an article is looked up by (language, slug)
in a dictionary built at start-up from the files that exist.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import replace as replace_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from helpcenter.facts import FactStore, load_facts
from helpcenter.markdown_render import render_markdown, unknown_placeholders
from helpcenter.problems import ContentProblem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER_RE = re.compile(r"\A\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n", re.DOTALL)
REQUIRED_TEXT_FIELDS = ("key", "title", "description", "collection")


@dataclass(frozen=True)
class Article:
    key: str
    lang: str
    slug: str
    title: str
    description: str
    updated: date
    collection: str
    source_updated: date | None  # translations: the source version they were made from
    untranslated: tuple[str, ...]  # languages deliberately left without a translation
    html: str
    toc_html: str
    heading_count: int
    file: Path

    @property
    def has_toc(self) -> bool:
        return self.heading_count >= 3


@dataclass(frozen=True)
class Collection:
    key: str
    order: int
    title: Mapping[str, str]
    description: Mapping[str, str]


@dataclass(frozen=True)
class Library:
    source_language: str
    languages: tuple[str, ...]
    articles: Mapping[tuple[str, str], Article] = field(default_factory=dict)
    collections: Mapping[str, Collection] = field(default_factory=dict)
    facts: FactStore = field(default_factory=FactStore)
    problems: tuple[ContentProblem, ...] = ()
    version: str = ""  # changes whenever any file under content/ changes; a key for caches

    def article(self, lang: str, slug: str) -> Article | None:
        return self.articles.get((lang, slug))

    def translations(self, key: str) -> dict[str, Article]:
        return {a.lang: a for a in self.articles.values() if a.key == key}

    def source_of(self, article: Article) -> Article | None:
        return self.translations(article.key).get(self.source_language)

    def is_outdated(self, article: Article) -> bool:
        source = self.source_of(article)
        if source is None or article.lang == self.source_language:
            return False
        return article.source_updated is None or article.source_updated < source.updated

    def in_collection(self, key: str, lang: str) -> list[Article]:
        """Articles of a collection as a reader of `lang` sees them: her translation, else the source."""
        keys = sorted({a.key for a in self.articles.values() if a.collection == key})
        shown = []
        for article_key in keys:
            translations = self.translations(article_key)
            article = translations.get(lang) or translations.get(self.source_language)
            if article is not None:
                shown.append(article)
        return sorted(shown, key=lambda a: a.title.casefold())

    def sorted_collections(self) -> list[Collection]:
        return sorted(self.collections.values(), key=lambda c: (c.order, c.key))


# Loading ------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front matter as a dict and the Markdown body. Raises ValueError with a readable message."""
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        raise ValueError("must start with TOML front matter between two +++ lines")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"front matter is not valid TOML: {error}") from None
    return meta, text[match.end() :]


def _article_problems(
    file: Path, meta: Mapping[str, Any], lang: str, source_language: str
) -> list[ContentProblem]:
    problems = [
        ContentProblem(file, name, "is required and must be a non-empty string")
        for name in REQUIRED_TEXT_FIELDS
        if not isinstance(meta.get(name), str) or not meta[name].strip()
    ]
    if not isinstance(meta.get("updated"), date):
        problems.append(
            ContentProblem(file, "updated", "is required and must be a date (2026-11-27)")
        )
    if lang != source_language and not isinstance(meta.get("source_updated"), date):
        problems.append(
            ContentProblem(
                file,
                "source_updated",
                "is required in a translation: the date of the source it follows",
            )
        )
    untranslated = meta.get("untranslated", [])
    if not isinstance(untranslated, list) or not all(isinstance(v, str) for v in untranslated):
        problems.append(ContentProblem(file, "untranslated", "must be a list of language codes"))
    return problems


def read_document(
    file: Path, facts: FactStore, problems: list[ContentProblem]
) -> tuple[dict[str, Any], str] | None:
    """The front matter and Markdown body of a file under content/, or None (problems noted).

    The file name must be a slug, and every fact placeholder must name a fact.
    """
    if not SLUG_RE.match(file.stem):
        problems.append(
            ContentProblem(
                file, None, "file name must be a slug: lowercase letters, digits, hyphens"
            )
        )
        return None
    try:
        meta, body = split_front_matter(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        problems.append(ContentProblem(file, "front matter", str(error)))
        return None
    unknown = [
        ContentProblem(file, "body", f"{placeholder} names no fact in content/facts/")
        for placeholder in unknown_placeholders(body, facts)
    ]
    problems.extend(unknown)
    return None if unknown else (meta, body)


def _load_article(
    file: Path,
    lang: str,
    library_facts: FactStore,
    source_language: str,
    problems: list[ContentProblem],
) -> Article | None:
    document = read_document(file, library_facts, problems)
    if document is None:
        return None
    meta, body = document
    found = _article_problems(file, meta, lang, source_language)
    problems.extend(found)
    if found:
        return None
    rendered = render_markdown(body, facts=library_facts, lang=lang)
    return Article(
        key=meta["key"],
        lang=lang,
        slug=file.stem,
        title=meta["title"],
        description=meta["description"],
        updated=meta["updated"],
        collection=meta["collection"],
        source_updated=meta.get("source_updated"),
        untranslated=tuple(meta.get("untranslated", [])),
        html=rendered.html,
        toc_html=rendered.toc_html,
        heading_count=rendered.heading_count,
        file=file,
    )


def _load_collections(
    file: Path, languages: tuple[str, ...], problems: list[ContentProblem]
) -> dict[str, Collection]:
    if not file.exists():
        problems.append(ContentProblem(file, None, "is missing"))
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        problems.append(ContentProblem(file, None, f"is not valid TOML: {error}"))
        return {}
    collections = {}
    for key, table in data.items():
        texts = {}
        for name in ("title", "description"):
            value = table.get(name) if isinstance(table, dict) else None
            missing = [
                lang for lang in languages if not isinstance(value, dict) or not value.get(lang)
            ]
            if missing:
                problems.append(
                    ContentProblem(file, f"{key}.{name}", f"needs a text in {', '.join(missing)}")
                )
            texts[name] = value if isinstance(value, dict) else {}
        order = table.get("order", 0) if isinstance(table, dict) else 0
        collections[key] = Collection(key, order, texts["title"], texts["description"])
    return collections


def _translation_problems(
    articles: Mapping[tuple[str, str], Article],
    collections: Mapping[str, Collection],
    languages: tuple[str, ...],
    source_language: str,
) -> list[ContentProblem]:
    problems = []
    by_key: dict[str, dict[str, Article]] = {}
    for article in articles.values():
        by_key.setdefault(article.key, {})
        if article.lang in by_key[article.key]:
            problems.append(ContentProblem(article.file, "key", f"{article.key!r} is used twice"))
        by_key[article.key][article.lang] = article
        if article.collection not in collections:
            problems.append(
                ContentProblem(
                    article.file, "collection", f"{article.collection!r} is not in collections.toml"
                )
            )
    for key, translations in by_key.items():
        source = translations.get(source_language)
        if source is None:
            any_article = next(iter(translations.values()))
            problems.append(
                ContentProblem(
                    any_article.file, "key", f"{key!r} has no {source_language} source article"
                )
            )
            continue
        for lang in languages:
            if lang not in translations and lang not in source.untranslated:
                problems.append(
                    ContentProblem(
                        source.file,
                        "untranslated",
                        f"there is no {lang} translation; write one or list {lang!r} here",
                    )
                )
    return problems


# [text](article:outlook-consent#cas-2) links to another article by its key, in the reader's language.
ARTICLE_LINK_RE = re.compile(r'href="article:([a-z0-9-]+)(#[^"]*)?"')


def _link_articles(
    articles: dict[tuple[str, str], Article], source_language: str, problems: list[ContentProblem]
) -> dict[tuple[str, str], Article]:
    slugs = {(a.key, a.lang): a.slug for a in articles.values()}

    def link(article: Article) -> Article:
        def replace(match: re.Match[str]) -> str:
            key, anchor = match[1], match[2] or ""
            lang = article.lang if (key, article.lang) in slugs else source_language
            if (key, lang) not in slugs:
                problems.append(
                    ContentProblem(article.file, "body", f"article:{key} names no article")
                )
                return 'href="#"'
            with translation.override(lang):
                url = reverse("helpcenter:article", kwargs={"slug": slugs[(key, lang)]})
            return f'href="{url}{anchor}"'

        return replace_dataclass(article, html=ARTICLE_LINK_RE.sub(replace, article.html))

    return {place: link(article) for place, article in articles.items()}


def load_library(content_dir: Path, languages: tuple[str, ...], source_language: str) -> Library:
    facts, problems = load_facts(content_dir / "facts", languages)
    collections = _load_collections(content_dir / "collections.toml", languages, problems)
    articles: dict[tuple[str, str], Article] = {}
    for lang in languages:
        for file in sorted((content_dir / lang).glob("*.md")):
            article = _load_article(file, lang, facts, source_language, problems)
            if article is not None:
                articles[(lang, article.slug)] = article
    problems += _translation_problems(articles, collections, languages, source_language)
    articles = _link_articles(articles, source_language, problems)
    return Library(
        version=content_version(content_dir),
        source_language=source_language,
        languages=languages,
        articles=articles,
        collections=collections,
        facts=facts,
        problems=tuple(problems),
    )


def content_version(content_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(content_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# The process-wide cache ---------------------------------------------------------------------------

_cache: dict[str, tuple[float, Library]] = {}


def _content_signature(content_dir: Path) -> float:
    return max((p.stat().st_mtime for p in content_dir.rglob("*") if p.is_file()), default=0.0)


def get_library() -> Library:
    """The library, loaded and rendered once per process.

    With DEBUG on, an edit under content/ is picked up on the next request (a few stat calls);
    in production the content ships with the code, so it is never re-read.
    """
    content_dir: Path = settings.CONTENT_DIR
    cache_key = str(content_dir)
    cached = _cache.get(cache_key)
    if cached is not None and not settings.DEBUG:
        return cached[1]
    signature = _content_signature(content_dir) if settings.DEBUG else 0.0
    if cached is not None and cached[0] == signature:
        return cached[1]
    languages = tuple(code for code, _name in settings.LANGUAGES)
    library = load_library(content_dir, languages, settings.LANGUAGE_CODE)
    _cache[cache_key] = (signature, library)
    return library


def clear_library_cache() -> None:
    _cache.clear()
