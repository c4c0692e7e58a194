"""The one way a mistake in content/ is reported: the file, the field, and what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

# Pydantic's wording is written for developers; these are the ones a content editor meets most.
_FRIENDLIER = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (is it misspelt?)",
}


@dataclass(frozen=True)
class ContentProblem:
    """A mistake in content/, reported by `manage.py check` with the file and the field."""

    file: Path
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.field}]" if self.field else "")
        return f"{where}: {self.message}"


def field_path(*parts: str | int) -> str:
    """("outcomes", "case_1", "steps", 0) -> "outcomes.case_1.steps[0]"."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part:
            text += f".{part}" if text else part
    return text


def validation_problems(
    error: ValidationError, file: Path, *prefix: str | int
) -> Iterator[ContentProblem]:
    """Every error pydantic found, at once, each at its place in the file."""
    for found in error.errors(include_url=False):
        message = _FRIENDLIER.get(found["type"], found["msg"])
        yield ContentProblem(file, field_path(*prefix, *found["loc"]) or None, message)
