"""Microsoft facts from content/facts/*.toml: UI labels, admin-center paths, roles, URLs, error codes.

A fact is written once, with its source and the date it was last verified, and every page, email
and guide renders it from here. The store knows nothing about which product the labels belong to;
the data does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Self

from django.utils.translation import get_language
from pydantic import Field, StringConstraints, model_validator

from helpcenter.content.localized import MicrosoftText, Text
from helpcenter.content.problems import ContentProblem
from helpcenter.content.schema import Day, HttpsUrl, Key, Schema, Words, validate

CodeKey = Annotated[str, StringConstraints(pattern=r"^[0-9]{5,7}$")]


class Fact(Schema):
    source: HttpsUrl  # the Microsoft page that shows it
    verified: Day  # when it was last checked against that page


class Label(Fact):
    """A text of Microsoft's UI. English always; French when a source gives it, with its status."""

    text: MicrosoftText
    # confirmed: seen in French UI; doc: from Microsoft's French docs; conflicting: sources differ.
    fr_status: Literal["confirmed", "doc", "conflicting"] | None = None
    fr_alternatives: tuple[Words, ...] = ()

    @model_validator(mode="after")
    def _french_has_a_status(self) -> Self:
        if ("fr" in self.text.texts) != (self.fr_status is not None):
            raise ValueError("fr_status goes with a French text, and only with one")
        return self


class LiteralStep(Schema):
    """A step of a path that is not a Microsoft label: `{ text = "Zeliq" }`."""

    text: Words


PathStep = Key | LiteralStep
Steps = Annotated[tuple[PathStep, ...], Field(min_length=1)]


class NavPath(Fact):
    steps: Steps
    older: tuple[Steps, ...] = ()  # older names of the same place, which some admins still see


class RoleSet(Fact):
    """Admin roles, any one of which is enough."""

    labels: Annotated[tuple[Key, ...], Field(min_length=1)]
    note: Text | None = None


class Url(Fact):
    url: HttpsUrl
    status: Literal["verified", "third-party"]
    text: Text  # what the link is, in the reader's language


class ErrorCode(Fact):
    name: Words | None = None  # Microsoft's table names most codes, not all
    message: Words


class FactStore(Schema):
    labels: dict[Key, Label] = {}
    roles: dict[Key, RoleSet] = {}
    paths: dict[Key, NavPath] = {}
    urls: dict[Key, Url] = {}
    codes: dict[CodeKey, ErrorCode] = {}

    def label(self, key: str) -> LabelText:
        """How the label reads for the active language, with what helps recognize it on screen."""
        label = self.labels[key]
        english = label.text.get("en")
        if label.text.language() == "en":
            return LabelText(text=english, lang="en")
        french = label.text.get()
        if label.fr_status == "conflicting":
            return LabelText(text=english, lang="en", may_read=(french, *label.fr_alternatives))
        return LabelText(
            text=french, lang="fr", english=None if label.fr_status == "confirmed" else english
        )

    def path(self, key: str) -> list[LabelText]:
        return self._steps(self.paths[key].steps)

    def older_paths(self, key: str) -> list[list[LabelText]]:
        return [self._steps(steps) for steps in self.paths[key].older]

    def roles_for(self, key: str) -> list[LabelText]:
        return [self.label(label) for label in self.roles[key].labels]

    def _steps(self, steps: tuple[PathStep, ...]) -> list[LabelText]:
        return [
            LabelText(text=step.text, lang=get_language())
            if isinstance(step, LiteralStep)
            else self.label(step)
            for step in steps
        ]

    def entry(self, table: str, key: str) -> Fact:
        entries: Mapping[str, Fact] = getattr(self, table)
        return entries[key]


@dataclass(frozen=True)
class LabelText:
    """A label as one reader sees it."""

    text: str
    lang: str  # the language of `text`
    english: str | None = None  # shown beside a French label that is not confirmed
    may_read: tuple[str, ...] = ()  # French renderings, when sources disagree


TABLES = tuple(FactStore.model_fields)


def load_facts(directory: Path, problems: list[ContentProblem]) -> FactStore:
    """Every facts file of `directory`, merged; an entry naming a missing label is left out."""
    merged: dict[str, dict[str, Fact]] = {table: {} for table in TABLES}
    for file in sorted(directory.glob("*.toml")) if directory.is_dir() else ():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            problems.append(ContentProblem(file, None, f"is not valid TOML: {error}"))
            continue
        store = validate(FactStore, data, file, problems)
        for table in TABLES if store else ():
            for key, entry in getattr(store, table).items():
                if key in merged[table]:
                    problems.append(ContentProblem(file, f"{table}.{key}", "is defined twice"))
                merged[table][key] = entry
    for where, label in list(_dangling_labels(merged)):
        problems.append(
            ContentProblem(directory, where, f"names the label {label!r}, which does not exist")
        )
        # Left out, so that a page using it reports an unknown fact instead of failing later.
        table, key = where.split(".", 1)
        merged[table].pop(key, None)
    return FactStore.model_construct(**merged)


def _dangling_labels(tables: Mapping[str, Mapping[str, Fact]]) -> Iterator[tuple[str, str]]:
    labels = tables["labels"]
    for key, path in tables["paths"].items():
        assert isinstance(path, NavPath)
        for steps in (path.steps, *path.older):
            for step in steps:
                if isinstance(step, str) and step not in labels:
                    yield f"paths.{key}", step
    for key, roles in tables["roles"].items():
        assert isinstance(roles, RoleSet)
        for label in roles.labels:
            if label not in labels:
                yield f"roles.{key}", label
