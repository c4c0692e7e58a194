"""A small store of localized facts read from content/facts/*.toml.

A fact is written once, with its source and the date it was last verified, and every page, email and
guide renders it from here. The store knows five kinds of fact: UI labels, navigation paths (a list of
labels), role sets (labels of which any one suffices), URLs and error codes. It knows nothing about
which product the labels belong to; the data does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.lists import format_list

from helpcenter.problems import ContentProblem

FR_STATUSES = ("confirmed", "doc", "conflicting")
KINDS = ("labels", "roles", "paths", "urls", "codes")
# The [[kind:key]] placeholder kinds and the table each one reads.
PLACEHOLDER_TABLES = {
    "label": "labels",
    "path": "paths",
    "path-older": "paths",
    "roles": "roles",
    "url": "urls",
    "code": "codes",
}


@dataclass(frozen=True)
class Label:
    key: str
    en: str
    fr: str | None
    fr_status: str | None
    fr_alternatives: tuple[str, ...]
    source: str
    verified: date


@dataclass(frozen=True)
class LabelText:
    """How a label reads in one language, with what a reader needs to recognize it on screen."""

    text: str
    lang: str
    english: str | None = None  # shown beside a French label that is not confirmed
    may_read: tuple[str, ...] = ()  # French renderings when sources disagree


@dataclass(frozen=True)
class Literal:
    text: str


PathStep = str | Literal


@dataclass(frozen=True)
class NavPath:
    key: str
    steps: tuple[PathStep, ...]
    older: tuple[tuple[PathStep, ...], ...]
    source: str
    verified: date


@dataclass(frozen=True)
class RoleSet:
    key: str
    labels: tuple[str, ...]
    note: Mapping[str, str]
    source: str
    verified: date


@dataclass(frozen=True)
class Url:
    key: str
    url: str
    status: str
    text: Mapping[str, str]
    source: str
    verified: date


@dataclass(frozen=True)
class ErrorCode:
    key: str
    name: str
    message: str
    source: str
    verified: date


@dataclass(frozen=True)
class FactStore:
    labels: Mapping[str, Label] = field(default_factory=dict)
    roles: Mapping[str, RoleSet] = field(default_factory=dict)
    paths: Mapping[str, NavPath] = field(default_factory=dict)
    urls: Mapping[str, Url] = field(default_factory=dict)
    codes: Mapping[str, ErrorCode] = field(default_factory=dict)

    def has(self, kind: str, key: str) -> bool:
        table = PLACEHOLDER_TABLES.get(kind)
        return table is not None and key in getattr(self, table)

    def label(self, key: str, lang: str) -> LabelText:
        label = self.labels[key]
        if lang != "fr" or label.fr is None:
            return LabelText(text=label.en, lang="en")
        if label.fr_status == "conflicting":
            return LabelText(text=label.en, lang="en", may_read=(label.fr, *label.fr_alternatives))
        english = None if label.fr_status == "confirmed" else label.en
        return LabelText(text=label.fr, lang="fr", english=english)

    def path(self, key: str, lang: str) -> list[LabelText]:
        return self._steps(self.paths[key].steps, lang)

    def older_paths(self, key: str, lang: str) -> list[list[LabelText]]:
        return [self._steps(steps, lang) for steps in self.paths[key].older]

    def roles_for(self, key: str, lang: str) -> list[LabelText]:
        return [self.label(label, lang) for label in self.roles[key].labels]

    def _steps(self, steps: tuple[PathStep, ...], lang: str) -> list[LabelText]:
        return [
            LabelText(text=step.text, lang=lang)
            if isinstance(step, Literal)
            else self.label(step, lang)
            for step in steps
        ]

    def verified_on(self, kind: str, key: str) -> date:
        table = PLACEHOLDER_TABLES[kind]
        entry: Label | RoleSet | NavPath | Url | ErrorCode = getattr(self, table)[key]
        return entry.verified


def or_list(items: list[str], lang: str) -> str:
    """ "A, B or C", in the reader's language."""
    return format_list(items, style="or", locale=lang) if items else ""


# Loading ------------------------------------------------------------------------------------------


class _Reader:
    """Reads one TOML table, collecting every problem instead of stopping at the first."""

    def __init__(
        self, file: Path, where: str, table: Mapping[str, Any], problems: list[ContentProblem]
    ):
        self.file, self.where, self.table, self.problems = file, where, table, problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.file, f"{self.where}.{name}", message))

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self.table.get(name)
        if value is None:
            if required:
                self.problem(name, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(name, "must be a non-empty string")
            return None
        return value

    def day(self, name: str) -> date:
        value = self.table.get(name)
        if isinstance(value, date):
            return value
        self.problem(name, "is required and must be a date such as 2026-11-28")
        return date.min

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(name, "must be a list of non-empty strings")
            return ()
        return tuple(value)

    def translations(self, name: str, languages: tuple[str, ...]) -> dict[str, str]:
        found = {lang: self.table.get(f"{lang}_{name}") for lang in languages}
        if not any(found.values()):
            return {}
        for lang, value in found.items():
            if not isinstance(value, str) or not value.strip():
                self.problem(f"{lang}_{name}", "is required in every language once one is given")
        return {lang: value for lang, value in found.items() if isinstance(value, str)}


def _steps(reader: _Reader, name: str, raw: Any) -> tuple[PathStep, ...]:
    if not isinstance(raw, list) or not raw:
        reader.problem(name, "must be a non-empty list of label keys or {text = ...} tables")
        return ()
    steps: list[PathStep] = []
    for step in raw:
        if isinstance(step, str):
            steps.append(step)
        elif isinstance(step, dict) and isinstance(step.get("text"), str) and step["text"]:
            steps.append(Literal(step["text"]))
        else:
            reader.problem(
                name, f"has a step that is neither a label key nor {{text = ...}}: {step!r}"
            )
    return tuple(steps)


def _load_label(r: _Reader, key: str) -> Label:
    fr = r.text("fr", required=False)
    status = r.table.get("fr_status")
    if fr is not None and status not in FR_STATUSES:
        r.problem("fr_status", f"must be one of {', '.join(FR_STATUSES)} when fr is given")
    return Label(
        key=key,
        en=r.text("en") or key,
        fr=fr,
        fr_status=status if fr is not None else None,
        fr_alternatives=r.strings("fr_alternatives"),
        source=r.text("source") or "",
        verified=r.day("verified"),
    )


def _load_path(r: _Reader, key: str) -> NavPath:
    older_raw = r.table.get("older", [])
    if not isinstance(older_raw, list):
        r.problem("older", "must be a list of paths")
        older_raw = []
    return NavPath(
        key=key,
        steps=_steps(r, "steps", r.table.get("steps")),
        older=tuple(_steps(r, "older", steps) for steps in older_raw),
        source=r.text("source") or "",
        verified=r.day("verified"),
    )


def _load_roles(r: _Reader, key: str, languages: tuple[str, ...]) -> RoleSet:
    labels = r.strings("labels")
    if not labels:
        r.problem("labels", "must name at least one role label")
    return RoleSet(
        key=key,
        labels=labels,
        note=r.translations("note", languages),
        source=r.text("source") or "",
        verified=r.day("verified"),
    )


def _load_url(r: _Reader, key: str, languages: tuple[str, ...]) -> Url:
    url = r.text("url") or ""
    if url and not url.startswith("https://"):
        r.problem("url", "must start with https://")
    status = r.table.get("status")
    if status not in ("verified", "third-party"):
        r.problem("status", "must be verified or third-party")
    text = {lang: r.table[lang] for lang in languages if isinstance(r.table.get(lang), str)}
    return Url(
        key=key,
        url=url,
        status=str(status),
        text=text,
        source=r.text("source") or "",
        verified=r.day("verified"),
    )


def _load_code(r: _Reader, key: str) -> ErrorCode:
    if not key.isdigit():
        r.problem("", "an error code key must be digits only")
    return ErrorCode(
        key=key,
        name=r.text("name", required=False) or "",  # Microsoft's table names most codes, not all
        message=r.text("message") or "",
        source=r.text("source") or "",
        verified=r.day("verified"),
    )


def load_facts(
    directory: Path, languages: tuple[str, ...]
) -> tuple[FactStore, list[ContentProblem]]:
    problems: list[ContentProblem] = []
    tables: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for file in sorted(directory.glob("*.toml")) if directory.is_dir() else []:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            problems.append(ContentProblem(file, None, f"is not valid TOML: {error}"))
            continue
        for kind, entries in data.items():
            if kind not in KINDS or not isinstance(entries, dict):
                problems.append(
                    ContentProblem(file, kind, f"unknown table; expected one of {KINDS}")
                )
                continue
            for key, table in entries.items():
                if not isinstance(table, dict):
                    problems.append(ContentProblem(file, f"{kind}.{key}", "must be a table"))
                    continue
                r = _Reader(file, f"{kind}.{key}", table, problems)
                tables[kind][key] = _load_entry(kind, r, key, languages)

    dangling = list(_dangling_labels(FactStore(**tables), directory))
    problems.extend(dangling)
    # An entry that names a missing label cannot be rendered: leave it out, so that a page using it
    # reports an unknown fact at start-up instead of failing at request time.
    for problem in dangling:
        kind, key = str(problem.field).split(".", 1)
        tables[kind].pop(key, None)
    return FactStore(**tables), problems


def _load_entry(kind: str, r: _Reader, key: str, languages: tuple[str, ...]) -> Any:
    match kind:
        case "labels":
            return _load_label(r, key)
        case "paths":
            return _load_path(r, key)
        case "roles":
            return _load_roles(r, key, languages)
        case "urls":
            return _load_url(r, key, languages)
        case _:
            return _load_code(r, key)


def _label_references(store: FactStore) -> Iterator[tuple[str, str]]:
    for path in store.paths.values():
        for steps in (path.steps, *path.older):
            for step in steps:
                if isinstance(step, str):
                    yield f"paths.{path.key}", step
    for roles in store.roles.values():
        for label in roles.labels:
            yield f"roles.{roles.key}", label


def _dangling_labels(store: FactStore, directory: Path) -> Iterator[ContentProblem]:
    for where, label in _label_references(store):
        if label not in store.labels:
            yield ContentProblem(
                directory, where, f"names the label {label!r}, which does not exist"
            )
