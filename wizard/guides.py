"""The admin guides: printable step-by-step pages for the IT admin, in content/admin-guides/<lang>/.

A document kind of the help center's content, read like the articles (Markdown with TOML front
matter) and rendered by the same extension.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils.safestring import SafeString
from django.utils.translation import override

from helpcenter.content import Library, get_library
from helpcenter.content.documents import ContentSource, DocumentKind, MarkdownFile, Rendering
from helpcenter.content.facts import Claim, Fact
from helpcenter.content.localized import Rendered
from helpcenter.content.problems import ContentProblem
from helpcenter.content.references import registered_kinds
from helpcenter.content.schema import Day, Schema, Words
from helpcenter.content.usage import Use, register_usage
from helpcenter.dates import long_date

FOLDER = "admin-guides"


class GuideMeta(Schema):
    title: Words
    description: Words
    updated: Day
    # What the user saw, as references: [[code:90094]], [[label:need_admin_approval]].
    applies_to: tuple[Words, ...] = ()


@dataclass(frozen=True)
class Guide:
    slug: str
    lang: str
    title: str
    description: str
    updated: date
    applies_to: tuple[SafeString, ...]  # rendered: Microsoft's names come from the facts
    html: str
    plain: str
    references: tuple[tuple[str, str], ...]  # the facts it names, (kind, key), in order of use
    file: Path


@dataclass(frozen=True)
class GuideSet:
    guides: Mapping[tuple[str, str], Guide]  # (lang, slug)

    def get(self, lang: str, slug: str) -> Guide | None:
        return self.guides.get((lang, slug))

    def all(self) -> list[Guide]:
        return sorted(self.guides.values(), key=lambda guide: (guide.slug, guide.lang))


class GuidesKind(DocumentKind):
    name = "admin-guides"

    def load(self, source: ContentSource) -> list[MarkdownFile[GuideMeta]]:
        return source.markdown_files(FOLDER, GuideMeta)

    def render(self, document: list[MarkdownFile[GuideMeta]], rendering: Rendering) -> GuideSet:
        guides = {}
        for source in document:
            rendered = rendering.document(source.body, source.file, source.lang)
            tags = [_inline(rendering, tag, source) for tag in source.meta.applies_to]
            guides[(source.lang, source.slug)] = Guide(
                slug=source.slug,
                lang=source.lang,
                title=source.meta.title,
                description=source.meta.description,
                updated=source.meta.updated,
                applies_to=tuple(tag.html for tag in tags),
                html=rendered.html,
                plain=rendered.plain,
                references=(*rendered.references, *(ref for tag in tags for ref in tag.references)),
                file=source.file,
            )
        return GuideSet(guides)

    def rules(self, document: GuideSet, library: Library) -> Iterator[ContentProblem]:
        slugs = sorted({slug for _lang, slug in document.guides})
        for slug in slugs:
            for lang in library.languages:
                if document.get(lang, slug) is None:
                    folder = library.directory / FOLDER / lang
                    yield ContentProblem(folder, slug, f"the guide {slug!r} has no {lang} version")


def _inline(rendering: Rendering, text: str, source: MarkdownFile[GuideMeta]) -> Rendered:
    with override(source.lang):
        rendered, problems = rendering.renderer.inline(text)
    rendering.problems.extend(ContentProblem(source.file, "applies_to", p) for p in problems)
    return rendered


def _guide_uses(guides: GuideSet, library: Library) -> Iterator[Use]:
    for guide in guides.all():
        yield Use(f"guide {guide.lang}/{guide.slug}", guide.references)


def get_guides() -> GuideSet:
    guides: GuideSet = get_library().documents[GuidesKind.name]
    return guides


_SAME_FACT = {"path-older": "path", "screen": "label"}


def _claim_name(claim: Fact) -> str:
    # A claim is a sentence: its first words name it in the table of sources.
    words = claim.text.plain.split() if isinstance(claim, Claim) and claim.text else []
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


@dataclass(frozen=True)
class FactSource:
    """The Microsoft names on a page that come from one source, checked on one date."""

    source: str
    verified: str
    names: tuple[str, ...]


def fact_sources(guide: Guide) -> list[FactSource]:
    """The source and verification date of every Microsoft name the guide shows, grouped."""
    facts, kinds = get_library().facts, registered_kinds()
    grouped: dict[tuple[str, date], list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for kind_name, key in guide.references:
        # [[path-older:x]] shows the older names of the path x, [[screen:x]] the label x: one row.
        kind = kinds[_SAME_FACT.get(kind_name, kind_name)]
        if (kind.name, key) in seen:
            continue
        seen.add((kind.name, key))
        entry = facts.entry(kind.table, key)
        name = _claim_name(entry) if kind.name == "claim" else kind.text(facts, key)
        for url in (entry.source, entry.other_source):
            if url and entry.verified:  # a vendor's unconfirmed fact has no source yet
                grouped.setdefault((url, entry.verified), []).append(name)
    return [
        FactSource(source, long_date(verified), tuple(names))
        for (source, verified), names in sorted(grouped.items(), key=lambda item: item[0][0])
    ]


register_usage(GuidesKind.name, _guide_uses)
