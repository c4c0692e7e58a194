"""Document kinds: how each sort of file under content/ is read, rendered and checked.

The help center registers its own kinds (facts, collections, articles); other apps register theirs
from their AppConfig.ready() (the wizard: its flow and its admin guides). The library loads every
kind in three passes: read and validate each one; render every text, now that every link target is
known; then run each kind's rules across documents.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import override
from pydantic import BaseModel

from helpcenter.content.localized import LocalizedText
from helpcenter.content.markdown import ArticleLink, RenderedDocument, Renderer, RouteCheck
from helpcenter.content.problems import ContentProblem, field_path
from helpcenter.content.schema import validate

if TYPE_CHECKING:
    from helpcenter.content.library import Library

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FRONT_MATTER = re.compile(r"\A\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n", re.DOTALL)


@dataclass
class ContentSource:
    """Where a document kind reads from, and where it notes what is wrong."""

    directory: Path
    languages: tuple[str, ...]
    source_language: str
    problems: list[ContentProblem]

    def problem(self, file: Path, field: str | None, message: str) -> None:
        self.problems.append(ContentProblem(file, field, message))

    def read_toml(self, file: Path) -> dict[str, Any] | None:
        try:
            return tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(file, None, "is missing")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            self.problem(file, None, f"is not valid TOML: {error}")
        return None

    def markdown_files[M: BaseModel](self, folder: str, meta: type[M]) -> list[MarkdownFile[M]]:
        """Every `<folder>/<lang>/<slug>.md`, its front matter checked against `meta`."""
        found = []
        for lang in self.languages:
            for file in sorted((self.directory / folder / lang).glob("*.md")):
                document = self._read_markdown(file, lang, meta)
                if document is not None:
                    found.append(document)
        return found

    def _read_markdown[M: BaseModel](
        self, file: Path, lang: str, meta: type[M]
    ) -> MarkdownFile[M] | None:
        if not SLUG.fullmatch(file.stem):
            self.problem(file, None, "file name must be a slug: lowercase letters, digits, hyphens")
            return None
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.problem(file, None, f"is not UTF-8 text: {error}")
            return None
        match = FRONT_MATTER.match(text)
        if match is None:
            self.problem(file, "front matter", "must start with TOML between two +++ lines")
            return None
        try:
            data = tomllib.loads(match[1])
        except tomllib.TOMLDecodeError as error:
            self.problem(file, "front matter", f"is not valid TOML: {error}")
            return None
        checked = validate(meta, data, file, self.problems)
        if checked is None:
            return None
        return MarkdownFile(
            file=file, lang=lang, slug=file.stem, meta=checked, body=text[match.end() :]
        )


@dataclass(frozen=True)
class MarkdownFile[M: BaseModel]:
    """A Markdown file with TOML front matter, read but not yet rendered."""

    file: Path
    lang: str
    slug: str
    meta: M
    body: str


class Rendering:
    """Renders texts and documents in each language, noting problems against their file."""

    def __init__(self, renderer: Renderer, source: ContentSource) -> None:
        self.renderer, self.source = renderer, source
        self.languages, self.problems = source.languages, source.problems
        # Links to an article's section, checked once every article's headings are known.
        self.article_links: list[tuple[Path, ArticleLink]] = []

    def document(self, body: str, file: Path, lang: str) -> RenderedDocument:
        with override(lang):
            rendered, problems = self.renderer.document(body)
        self.problems.extend(ContentProblem(file, "body", problem) for problem in problems)
        self.article_links.extend((file, link) for link in rendered.article_links)
        return rendered

    def texts(self, document: object, file: Path, *prefix: str) -> None:
        """Renders every LocalizedText found in `document` (a schema model), in every language."""
        for where, text in localized_texts(document, prefix):
            for lang in self.languages:
                with override(lang):
                    rendered, problems = self.renderer.inline(text.get(lang))
                text.keep_rendered(lang, rendered)
                self.problems.extend(ContentProblem(file, where, p) for p in problems)


def localized_texts(
    value: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText inside a schema model, with the field path it sits at."""
    if isinstance(value, LocalizedText):
        yield field_path(*path), value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_texts(getattr(value, name), (*path, name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from localized_texts(item, (*path, str(key)))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from localized_texts(item, (*path, index))


class DocumentKind:
    """One sort of document under content/. Subclasses override what they need."""

    name: str = ""

    def load(self, source: ContentSource) -> Any:
        """Read and validate the files; problems go to `source.problems`."""
        raise NotImplementedError

    def route_checks(self, document: Any) -> Mapping[str, RouteCheck]:
        """Checks of `route:` links to the pages this kind serves, by URL name."""
        return {}

    def render(self, document: Any, rendering: Rendering) -> Any:
        """The document with every text rendered; the default has nothing to render."""
        return document

    def rules(self, document: Any, library: Library) -> Iterable[ContentProblem]:
        """Checks that look at other documents too, run once everything is rendered."""
        return ()


_kinds: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> None:
    _kinds[kind.name] = kind


def document_kinds() -> tuple[DocumentKind, ...]:
    return tuple(_kinds.values())
