"""The schema library for every document kind under content/: pydantic.

Why pydantic rather than cattrs: it reports every error of a document at once, each with its path
(`outcomes.case_1.title`), in words a content editor can act on; it validates TOML's own types
(dates, booleans) strictly where we ask; and field types such as `Text` carry their own rules.
Front matter, collections, facts, the wizard's flow and the admin guides all use the base below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Strict,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
)

from helpcenter.content.problems import ContentProblem, validation_problems


class Schema(BaseModel):
    """A table of a content file: unknown keys are mistakes (a misspelt `nxt` is not ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# TOML already gives dates, booleans and numbers their own types: no string is read as one of them.
Day = Annotated[date, Strict()]
Flag = StrictBool
Whole = StrictInt
Words = Annotated[str, StringConstraints(pattern=r"\S")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


def validate[T: BaseModel](
    model: type[T], data: object, file: Path, problems: list[ContentProblem], *prefix: str
) -> T | None:
    """`data` as a `model`, or None with every problem noted against `file`."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(validation_problems(error, file, *prefix))
        return None
