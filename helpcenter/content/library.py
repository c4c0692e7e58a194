"""The library: everything under content/, loaded, checked and rendered once per content version.

`get_library()` is a plain memo. Content ships with the code, so in production it never changes
while a process runs; in development `runserver` restarts when a file under content/ changes
(HelpcenterConfig.ready watches the folder), which loads the new version.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from helpcenter.content.articles import (
    Articles,
    ArticlesKind,
    Collection,
    CollectionsKind,
    article_slugs,
)
from helpcenter.content.documents import (
    ContentSource,
    DocumentKind,
    Rendering,
    document_kinds,
    register_document_kind,
)
from helpcenter.content.facts import FactStore, load_facts
from helpcenter.content.localized import site_languages
from helpcenter.content.markdown import LinkTargets, Renderer
from helpcenter.content.problems import ContentProblem


class FactsKind(DocumentKind):
    name = "facts"

    def load(self, source: ContentSource) -> FactStore:
        return load_facts(source.directory / "facts", source.problems)


for kind in (FactsKind(), CollectionsKind(), ArticlesKind()):
    register_document_kind(kind)


@dataclass(frozen=True)
class Library:
    directory: Path
    version: str  # changes whenever any file under content/ changes; a key for caches
    languages: tuple[str, ...]
    source_language: str
    documents: Mapping[str, Any]  # document kind name -> what it loaded
    problems: tuple[ContentProblem, ...] = ()

    @property
    def facts(self) -> FactStore:
        return self.documents["facts"]

    @property
    def articles(self) -> Articles:
        return self.documents["articles"]

    @property
    def collections(self) -> Mapping[str, Collection]:
        return self.documents["collections"]

    def sorted_collections(self) -> list[tuple[str, Collection]]:
        return sorted(self.collections.items(), key=lambda item: (item[1].order, item[0]))


def load_library(directory: Path) -> Library:
    """Read, check and render every document kind. Never raises for a content mistake: each one
    is a ContentProblem naming the file and the field."""
    source = ContentSource(
        directory=directory,
        languages=site_languages(),
        source_language=settings.LANGUAGE_CODE,
        problems=[],
    )
    kinds = document_kinds()
    loaded = {kind.name: kind.load(source) for kind in kinds}
    targets = LinkTargets(
        article_slugs=article_slugs(loaded["articles"]),
        source_language=source.source_language,
        route_checks={
            name: check
            for kind in kinds
            for name, check in kind.route_checks(loaded[kind.name]).items()
        },
    )
    rendering = Rendering(Renderer(loaded["facts"], targets), source)
    documents = {kind.name: kind.render(loaded[kind.name], rendering) for kind in kinds}
    library = Library(
        directory=directory,
        version=content_version(directory),
        languages=source.languages,
        source_language=source.source_language,
        documents=documents,
    )
    rules = [problem for kind in kinds for problem in kind.rules(documents[kind.name], library)]
    for file, link in rendering.article_links:
        problem = library.articles.anchor_problem(link)
        if problem:
            rules.append(ContentProblem(file, "body", problem))
    return replace(library, problems=(*source.problems, *rules))


def content_version(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def get_library() -> Library:
    """The content under settings.CONTENT_DIR, loaded once per process."""
    return load_library(Path(settings.CONTENT_DIR))


@receiver(setting_changed)
def _content_dir_changed(setting: str, **kwargs: object) -> None:
    # Tests point CONTENT_DIR at a folder of their own.
    if setting == "CONTENT_DIR":
        get_library.cache_clear()


def clear_library_cache() -> None:
    """For tests that edit files under a content folder the library has already read."""
    get_library.cache_clear()
