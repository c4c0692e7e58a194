"""The admin guides: printable step-by-step pages for the IT admin, from content/admin-guides/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from helpcenter.content import Library, get_library, read_document
from helpcenter.dates import long_date
from helpcenter.factformat import render_text
from helpcenter.facts import PLACEHOLDER_TABLES
from helpcenter.markdown_render import FACT_PLACEHOLDER_RE, render_markdown
from helpcenter.problems import ContentProblem


@dataclass(frozen=True)
class Guide:
    slug: str
    lang: str
    title: str
    description: str
    updated: date
    applies_to: tuple[str, ...]
    html: str
    facts_used: tuple[tuple[str, str], ...]  # (kind, key) in order of first use


@dataclass(frozen=True)
class GuideSet:
    guides: Mapping[tuple[str, str], Guide]
    problems: tuple[ContentProblem, ...]

    def get(self, lang: str, slug: str) -> Guide | None:
        return self.guides.get((lang, slug))


def _meta_problems(file: Path, meta: Mapping[str, Any]) -> list[ContentProblem]:
    problems = [
        ContentProblem(file, name, "is required and must be a non-empty string")
        for name in ("title", "description")
        if not isinstance(meta.get(name), str) or not meta[name].strip()
    ]
    if not isinstance(meta.get("updated"), date):
        problems.append(
            ContentProblem(file, "updated", "is required and must be a date (2026-11-28)")
        )
    applies_to = meta.get("applies_to", [])
    if not isinstance(applies_to, list) or not all(isinstance(item, str) for item in applies_to):
        problems.append(ContentProblem(file, "applies_to", "must be a list of strings"))
    return problems


def _facts_used(body: str) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for match in FACT_PLACEHOLDER_RE.finditer(body):
        kind = "path" if match[1] == "path-older" else match[1]
        seen.setdefault((kind, match[2]), None)
    return tuple(seen)


def _load_guide(
    file: Path, lang: str, library: Library, problems: list[ContentProblem]
) -> Guide | None:
    document = read_document(file, library.facts, problems)
    if document is None:
        return None
    meta, body = document
    found = _meta_problems(file, meta)
    problems.extend(found)
    if found:
        return None
    return Guide(
        slug=file.stem,
        lang=lang,
        title=meta["title"],
        description=meta["description"],
        updated=meta["updated"],
        applies_to=tuple(meta.get("applies_to", [])),
        html=render_markdown(body, facts=library.facts, lang=lang).html,
        facts_used=_facts_used(body),
    )


def load_guides(directory: Path, languages: tuple[str, ...], library: Library) -> GuideSet:
    problems: list[ContentProblem] = []
    guides: dict[tuple[str, str], Guide] = {}
    for lang in languages:
        for file in sorted((directory / lang).glob("*.md")):
            guide = _load_guide(file, lang, library, problems)
            if guide is not None:
                guides[(lang, guide.slug)] = guide
    slugs = {slug for _lang, slug in guides}
    for slug in sorted(slugs):
        for lang in languages:
            if (lang, slug) not in guides:
                problems.append(
                    ContentProblem(
                        directory / lang, slug, f"the guide {slug!r} has no {lang} version"
                    )
                )
    return GuideSet(guides=guides, problems=tuple(problems))


_cache: dict[str, GuideSet] = {}


def get_guides() -> GuideSet:
    """Loaded and rendered once per content version (so DEBUG edits show up, as for articles)."""
    library = get_library()
    cached = _cache.get(library.version)
    if cached is None:
        languages = tuple(code for code, _name in settings.LANGUAGES)
        cached = load_guides(Path(settings.CONTENT_DIR) / "admin-guides", languages, library)
        _cache.clear()
        _cache[library.version] = cached
    return cached


@dataclass(frozen=True)
class FactSource:
    """The Microsoft names on a page that come from one source, checked on one date."""

    source: str
    verified: str
    names: tuple[str, ...]


def fact_sources(guide: Guide, lang: str) -> list[FactSource]:
    facts = get_library().facts
    grouped: dict[tuple[str, date], list[str]] = {}
    for kind, key in guide.facts_used:
        entry = getattr(facts, PLACEHOLDER_TABLES[kind])[key]
        grouped.setdefault((entry.source, entry.verified), []).append(
            render_text(facts, kind, key, lang)
        )
    return [
        FactSource(source, long_date(verified, lang), tuple(names))
        for (source, verified), names in sorted(grouped.items(), key=lambda item: item[0][0])
    ]
