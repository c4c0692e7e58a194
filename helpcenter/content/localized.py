"""`LocalizedText`: one text in the site's languages, read in the active language.

It is the only shape of "a text in one language" in the project: collection titles, wizard
questions and outcomes, role notes, link names and Microsoft's labels all use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema


@dataclass(frozen=True)
class Rendered:
    """A Markdown text rendered once: HTML for pages, plain text for emails and copies."""

    html: SafeString
    plain: str
    references: tuple[tuple[str, str], ...] = ()  # the facts it names, (kind, key), in order


class LocalizedText:
    """A text in several languages. The one fallback rule: a language it lacks reads its source.

    The source is the site's source language (French) for our own content, English for Microsoft's
    labels. Content texts are Markdown; the library renders each once, at load, in each language,
    so that a page only looks `html` or `plain` up.
    """

    __slots__ = ("_rendered", "source", "texts")

    def __init__(self, texts: Mapping[str, str], source: str | None = None) -> None:
        self.texts: Mapping[str, str] = dict(texts)
        self.source: str = source or settings.LANGUAGE_CODE
        self._rendered: dict[str, Rendered] = {}

    def language(self, lang: str | None = None) -> str:
        """The language the text is shown in for a reader of `lang` (default: the active one)."""
        lang = lang or get_language() or self.source
        return lang if lang in self.texts else self.source

    def get(self, lang: str | None = None) -> str:
        return self.texts.get(self.language(lang), "")

    def __str__(self) -> str:
        return self.get()

    @property
    def html(self) -> SafeString:
        rendered = self._rendered.get(self.language())
        return rendered.html if rendered else escape(self.get())

    @property
    def plain(self) -> str:
        rendered = self._rendered.get(self.language())
        return rendered.plain if rendered else self.get()

    @property
    def references(self) -> tuple[tuple[str, str], ...]:
        """The facts the text names, (kind, key), as rendered in the active language."""
        rendered = self._rendered.get(self.language())
        return rendered.references if rendered else ()

    def keep_rendered(self, lang: str, rendered: Rendered) -> None:
        """Called by the library's renderer, once per language, while the content loads."""
        self._rendered[lang] = rendered

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LocalizedText):
            return NotImplemented
        return (self.texts, self.source) == (other.texts, other.source)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.texts.items())), self.source))

    def __repr__(self) -> str:
        return f"LocalizedText({dict(self.texts)!r})"


def site_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class InLanguages:
    """Pydantic annotation: a `{ fr = "…", en = "…" }` table becomes a LocalizedText.

    `every_language` requires a text in each site language (our own content); otherwise only the
    source language is required (Microsoft's labels, whose French is often unknown).
    """

    source: str | None = None
    every_language: bool = True

    def __get_pydantic_core_schema__(
        self, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema())
        return core_schema.no_info_after_validator_function(self.build, mapping)

    def required(self) -> tuple[str, ...]:
        source = self.source or settings.LANGUAGE_CODE
        return site_languages() if self.every_language else (source,)

    def check_languages(self, languages: set[str]) -> None:
        unknown = sorted(languages - set(site_languages()))
        if unknown:
            raise PydanticCustomError(
                "unknown_language",
                "{unknown}: not a language of the site ({known})",
                {"unknown": ", ".join(unknown), "known": ", ".join(site_languages())},
            )
        missing = [lang for lang in self.required() if lang not in languages]
        if missing:
            raise PydanticCustomError(
                "missing_language", "needs a text in {missing}", {"missing": ", ".join(missing)}
            )

    def build(self, texts: dict[str, str]) -> LocalizedText:
        self.check_languages(set(texts))
        empty = [lang for lang, text in texts.items() if not text.strip()]
        if empty:
            raise PydanticCustomError(
                "empty_text", "the {empty} text is empty", {"empty": ", ".join(empty)}
            )
        return LocalizedText(texts, self.source)


@dataclass(frozen=True)
class StepsInLanguages(InLanguages):
    """Pydantic annotation: `{ fr = ["…", "…"], en = ["…", "…"] }` becomes one LocalizedText a step."""

    def __get_pydantic_core_schema__(
        self, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(
            core_schema.str_schema(), core_schema.list_schema(core_schema.str_schema())
        )
        return core_schema.no_info_after_validator_function(self.build_steps, mapping)

    def build_steps(self, steps: dict[str, list[str]]) -> tuple[LocalizedText, ...]:
        self.check_languages(set(steps))
        counts = {len(texts) for texts in steps.values()}
        if counts == {0}:
            raise PydanticCustomError("no_steps", "needs at least one step", {})
        if len(counts) > 1:
            raise PydanticCustomError(
                "step_counts", "the languages do not have the same number of steps", {}
            )
        return tuple(
            self.build({lang: texts[index] for lang, texts in steps.items()})
            for index in range(counts.pop())
        )


# Field types for content schemas.
Text = Annotated[LocalizedText, InLanguages()]
Steps = Annotated[tuple[LocalizedText, ...], StepsInLanguages()]
MicrosoftText = Annotated[LocalizedText, InLanguages(source="en", every_language=False)]
