"""The admin guides: printable step-by-step pages for the IT admin, from content/admin-guides/."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from helpcenter.content import Library, get_library, split_front_matter
from helpcenter.markdown_render import FACT_PLACEHOLDER_RE, render_markdown, unknown_placeholders
from helpcenter.problems import ContentProblem

GUIDE_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    if not GUIDE_SLUG_RE.match(file.stem):
        problems.append(ContentProblem(file, None, "file name must be a slug"))
        return None
    try:
        meta, body = split_front_matter(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        problems.append(ContentProblem(file, "front matter", str(error)))
        return None
    found = _meta_problems(file, meta) + [
        ContentProblem(file, "body", f"{placeholder} names no fact in content/facts/")
        for placeholder in unknown_placeholders(body, library.facts)
    ]
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
