"""The help center's articles (`content/<lang>/<slug>.md`) and their collections (collections.toml).

Requests never touch the filesystem with a value from a URL: an article is looked up by (language,
slug) in a dictionary built at load from the files that exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import RootModel

from helpcenter.content.documents import ContentSource, DocumentKind, MarkdownFile, Rendering
from helpcenter.content.localized import Text
from helpcenter.content.markdown import ArticleLink
from helpcenter.content.problems import ContentProblem
from helpcenter.content.schema import Day, Key, Schema, Slug, Whole, Words, validate

if TYPE_CHECKING:
    from helpcenter.content.library import Library

ARTICLES_FOLDER = ""  # articles sit right under content/<lang>/


class ArticleMeta(Schema):
    key: Slug  # shared by every translation of the same article
    title: Words
    description: Words  # one sentence, for lists and search results
    updated: Day  # the last change of this text
    collection: Key
    source_updated: Day | None = None  # translations: the `updated` of the source they follow
    untranslated: tuple[str, ...] = ()  # languages deliberately left without a translation


@dataclass(frozen=True)
class Article:
    key: str
    lang: str
    slug: str
    title: str
    description: str
    updated: date
    collection: str
    source_updated: date | None
    untranslated: tuple[str, ...]
    html: str
    plain: str  # the same body as plain text (search)
    toc_html: str
    anchors: tuple[str, ...]  # its headings' ids
    references: tuple[tuple[str, str], ...]  # the facts it names, (kind, key), in order of use
    file: Path

    @property
    def has_toc(self) -> bool:
        return len(self.anchors) >= 3


@dataclass(frozen=True)
class Articles:
    by_place: Mapping[tuple[str, str], Article]  # (lang, slug)
    source_language: str

    def get(self, lang: str, slug: str) -> Article | None:
        return self.by_place.get((lang, slug))

    def all(self) -> list[Article]:
        return sorted(self.by_place.values(), key=lambda a: (a.key, a.lang))

    def translations(self, key: str) -> dict[str, Article]:
        return {a.lang: a for a in self.by_place.values() if a.key == key}

    def source_of(self, article: Article) -> Article | None:
        return self.translations(article.key).get(self.source_language)

    def is_outdated(self, article: Article) -> bool:
        source = self.source_of(article)
        if source is None or article.lang == self.source_language:
            return False
        return article.source_updated is None or article.source_updated < source.updated

    def in_collection(self, collection: str, lang: str) -> list[Article]:
        """Articles of a collection as a reader of `lang` sees them: her translation, else the source."""
        keys = sorted({a.key for a in self.by_place.values() if a.collection == collection})
        shown = []
        for key in keys:
            translations = self.translations(key)
            article = translations.get(lang) or translations.get(self.source_language)
            if article is not None:
                shown.append(article)
        return sorted(shown, key=lambda a: a.title.casefold())

    def anchor_problem(self, link: ArticleLink) -> str | None:
        """What is wrong with a link to an article's section, or None."""
        target = self.translations(link.key).get(link.lang)
        if target is None or link.anchor in target.anchors:
            return None
        return f"article:{link.key}#{link.anchor}: {target.file.name} has no such section"


class Collection(Schema):
    order: Whole = 0
    title: Text
    description: Text


class _CollectionsFile(RootModel[dict[Key, Collection]]):
    pass


class CollectionsKind(DocumentKind):
    name = "collections"
    file = "collections.toml"

    def load(self, source: ContentSource) -> dict[str, Collection]:
        path = source.directory / self.file
        data = source.read_toml(path)
        checked = (
            validate(_CollectionsFile, data, path, source.problems) if data is not None else None
        )
        return dict(checked.root) if checked else {}

    def render(
        self, document: dict[str, Collection], rendering: Rendering
    ) -> dict[str, Collection]:
        rendering.texts(document, rendering.source.directory / self.file)
        return document


def article_slugs(files: list[MarkdownFile[ArticleMeta]]) -> dict[tuple[str, str], str]:
    """Where each article is, by (key, language), before any is rendered: links need it."""
    return {(document.meta.key, document.lang): document.slug for document in files}


class ArticlesKind(DocumentKind):
    name = "articles"

    def load(self, source: ContentSource) -> list[MarkdownFile[ArticleMeta]]:
        files = source.markdown_files(ARTICLES_FOLDER, ArticleMeta)
        for document in files:
            if document.lang != source.source_language and document.meta.source_updated is None:
                source.problem(
                    document.file,
                    "source_updated",
                    "is required in a translation: the date of the source it follows",
                )
        return files

    def render(self, document: list[MarkdownFile[ArticleMeta]], rendering: Rendering) -> Articles:
        articles = {}
        for source in document:
            rendered = rendering.document(source.body, source.file, source.lang)
            meta = source.meta
            articles[(source.lang, source.slug)] = Article(
                key=meta.key,
                lang=source.lang,
                slug=source.slug,
                title=meta.title,
                description=meta.description,
                updated=meta.updated,
                collection=meta.collection,
                source_updated=meta.source_updated,
                untranslated=meta.untranslated,
                html=rendered.html,
                plain=rendered.plain,
                toc_html=rendered.toc_html,
                anchors=rendered.anchors,
                references=rendered.references,
                file=source.file,
            )
        return Articles(articles, rendering.source.source_language)

    def rules(self, document: Articles, library: Library) -> Iterable[ContentProblem]:
        yield from _collection_problems(document, library.collections)
        yield from _translation_problems(document, library.languages)


def _collection_problems(
    articles: Articles, collections: Mapping[str, Collection]
) -> Iterator[ContentProblem]:
    for article in articles.by_place.values():
        if article.collection not in collections:
            yield ContentProblem(
                article.file, "collection", f"{article.collection!r} is not in collections.toml"
            )


def _translation_problems(
    articles: Articles, languages: tuple[str, ...]
) -> Iterator[ContentProblem]:
    seen: set[tuple[str, str]] = set()
    for article in articles.by_place.values():
        if (article.key, article.lang) in seen:
            yield ContentProblem(article.file, "key", f"{article.key!r} is used twice")
        seen.add((article.key, article.lang))
    for key in sorted({key for key, _lang in seen}):
        translations = articles.translations(key)
        source = translations.get(articles.source_language)
        if source is None:
            any_article = next(iter(translations.values()))
            yield ContentProblem(
                any_article.file, "key", f"{key!r} has no {articles.source_language} source article"
            )
            continue
        for lang in languages:
            if lang not in translations and lang not in source.untranslated:
                yield ContentProblem(
                    source.file,
                    "untranslated",
                    f"there is no {lang} translation; write one or list {lang!r} here",
                )
