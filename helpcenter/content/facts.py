"""Microsoft facts from content/facts/*.toml: UI labels, admin-center paths, roles, URLs, error codes,
and claims (sentences about how Microsoft, or the vendor, behaves).

A fact is written once, with its source, the date it was last verified and a status (verified,
inferred, conflicting), and every page, email and guide renders it from here; how a status reads
is decided in one place, factformat.py. The store knows nothing about which product the labels
belong to; the data does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Self

from django.utils.translation import get_language, override
from pydantic import Field, StringConstraints, model_validator

from helpcenter.content.localized import LocalizedText, MicrosoftText, Text, site_languages
from helpcenter.content.problems import ContentProblem
from helpcenter.content.schema import Day, Flag, HttpsUrl, Key, Schema, Words, validate

CodeKey = Annotated[str, StringConstraints(pattern=r"^[0-9]{5,7}$")]

VERIFIED, INFERRED, CONFLICTING = "verified", "inferred", "conflicting"
UNCONFIRMED = "unconfirmed"  # claims only: a vendor's fact nobody has confirmed yet


class Fact(Schema):
    source: HttpsUrl  # the Microsoft page that shows it
    verified: Day  # when it was last checked against that page
    # verified: the source says it; inferred: our reading of what sources say; conflicting:
    # Microsoft's pages disagree, and `differs` says how, with the other page.
    status: Literal["verified", "inferred", "conflicting"] = VERIFIED
    differs: Text | None = None
    other_source: HttpsUrl | None = None

    @model_validator(mode="after")
    def _a_conflict_names_both_pages(self) -> Self:
        explained = self.differs is not None and self.other_source is not None
        if (self.status == CONFLICTING) != explained:
            raise ValueError(
                "a conflicting fact needs `differs` and `other_source`, and only one has them"
            )
        return self


class Label(Fact):
    """A text of Microsoft's UI. English always; French when a source gives it, with its status."""

    text: MicrosoftText
    # confirmed: seen in French UI; doc: from Microsoft's French docs; conflicting: sources differ;
    # unverified: seen only in sources that do not show the screen (shown as English, the French
    # beside it as a translation nobody has verified).
    fr_status: Literal["confirmed", "doc", "conflicting", "unverified"] | None = None
    fr_alternatives: tuple[Words, ...] = ()
    # The text is also the ordinary name of a feature ("Conditional Access"): prose may use it.
    prose: Flag = False

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
    family: Key | None = None  # a key of [families]: codes with the same meaning for the user


class Family(Schema):
    """A group of error codes that mean the same thing for the user (our grouping, not Microsoft's)."""

    title: Text


class Claim(Fact):
    """A sentence about how Microsoft (or the vendor) behaves, in our words, with its status.

    Written so that it reads after "Usually, ": the renderer capitalizes a verified one and hedges
    an inferred one. `said = false` marks an inference no source supports even as "usually".
    A vendor's fact nobody has confirmed is `unconfirmed`: it has no source yet, and `check` says
    what the admin can look at in Entra instead.
    """

    text: Text | None = None  # what is true; an unconfirmed fact may have none yet
    status: Literal["verified", "inferred", "conflicting", "unconfirmed"] = VERIFIED
    said: bool = True
    check: Text | None = None
    source: HttpsUrl | None = None  # type: ignore[assignment]
    verified: Day | None = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _status_fields(self) -> Self:
        unconfirmed = self.status == UNCONFIRMED
        if unconfirmed != (self.check is not None):
            raise ValueError("`check` goes with status unconfirmed, and only with it")
        if not unconfirmed and (self.text is None or self.source is None or self.verified is None):
            raise ValueError(
                "a claim needs `text`, `source` and `verified` unless it is unconfirmed"
            )
        if not self.said and self.status != INFERRED:
            raise ValueError("`said = false` is only for an inferred claim")
        return self


class FactStore(Schema):
    labels: dict[Key, Label] = {}
    roles: dict[Key, RoleSet] = {}
    paths: dict[Key, NavPath] = {}
    urls: dict[Key, Url] = {}
    codes: dict[CodeKey, ErrorCode] = {}
    claims: dict[Key, Claim] = {}
    families: dict[Key, Family] = {}

    def label(self, key: str) -> LabelText:
        """How the label reads for the active language, with what helps recognize it on screen."""
        label = self.labels[key]
        english = label.text.get("en")
        if label.text.language() == "en":
            return LabelText(text=english, lang="en")
        french = label.text.get()
        if label.fr_status == "conflicting":
            return LabelText(text=english, lang="en", may_read=(french, *label.fr_alternatives))
        if label.fr_status == "unverified":
            return LabelText(text=english, lang="en", unverified=(french, *label.fr_alternatives))
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

    def entries(self) -> Iterator[tuple[str, str, Fact]]:
        """Every fact with a source (not the families, which are ours), as (table, key, fact)."""
        for table in FACT_TABLES:
            for key, entry in getattr(self, table).items():
                yield table, key, entry


@dataclass(frozen=True)
class LabelText:
    """A label as one reader sees it."""

    text: str
    lang: str  # the language of `text`
    english: str | None = None  # shown beside a French label that is not confirmed
    may_read: tuple[str, ...] = ()  # French renderings, when sources disagree
    unverified: tuple[str, ...] = ()  # French renderings no source shows on the screen itself


TABLES = tuple(FactStore.model_fields)
FACT_TABLES = tuple(table for table in TABLES if table != "families")


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
    store = FactStore.model_construct(**merged)
    problems.extend(ContentProblem(directory, *found) for found in _render_claims(store))
    return store


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


def _render_claims(store: FactStore) -> Iterator[tuple[str, str]]:
    """Claims (and the `differs` line of a conflicting fact) are texts inside the facts, which
    every other document renders with: so they are rendered here, once per language, as soon as
    the store exists. A claim may name other facts, not another claim (one level keeps the wording
    of statuses simple)."""
    # Imported here: the Markdown extension renders facts, so it imports this module.
    from helpcenter.content.markdown import LinkTargets, Renderer

    renderer = Renderer(store, LinkTargets())
    for table, key, entry in store.entries():
        for name in ("text", "check", "differs") if table == "claims" else ("differs",):
            text: LocalizedText | None = getattr(entry, name)
            for lang in site_languages() if text else ():
                with override(lang):
                    rendered, found = renderer.inline(text.get(lang))  # type: ignore[union-attr]
                text.keep_rendered(lang, rendered)  # type: ignore[union-attr]
                where = f"{table}.{key}.{name}.{lang}"
                yield from ((where, problem) for problem in found)
                if any(kind == "claim" for kind, _key in rendered.references):
                    yield where, "a claim cannot name another claim"
    for key, code in store.codes.items():
        if code.family is not None and code.family not in store.families:
            yield f"codes.{key}.family", f"{code.family!r} is not in [families]"
