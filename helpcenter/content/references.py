"""The one reference grammar of content/: `[[kind:key]]` names a fact, wherever a text is written.

Each kind of reference is registered here once, with the facts table it reads and how it renders
as HTML and as plain text (in the active language). The Markdown extension is the only reader of
the grammar; the kinds themselves live with the facts they render (`factformat.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from helpcenter.content.facts import FactStore

# Anything between [[ and ]] is meant as a reference, so that a malformed one is reported rather
# than left on the page as it was typed.
REFERENCE = r"\[\[([^\[\]\n]*)\]\]"
_PARTS = re.compile(r"([a-z][a-z-]*):([a-z0-9_]+)", re.ASCII)


@dataclass(frozen=True)
class ReferenceKind:
    name: str  # what comes before the colon: "label"
    table: str  # the facts table the key is looked up in: "labels"
    html: Callable[[FactStore, str], SafeString]
    text: Callable[[FactStore, str], str]


_kinds: dict[str, ReferenceKind] = {}


def register(kind: ReferenceKind) -> None:
    _kinds[kind.name] = kind


def registered_kinds() -> Mapping[str, ReferenceKind]:
    return _kinds


@dataclass(frozen=True)
class Reference:
    kind: ReferenceKind
    key: str

    def html(self, facts: FactStore) -> SafeString:
        return self.kind.html(facts, self.key)

    def text(self, facts: FactStore) -> str:
        return self.kind.text(facts, self.key)

    @property
    def name(self) -> tuple[str, str]:
        return (self.kind.name, self.key)


def parse_reference(inner: str, facts: FactStore) -> Reference | str:
    """The reference written as [[inner]], or what is wrong with it."""
    parts = _PARTS.fullmatch(inner)
    if parts is None:
        return f"[[{inner}]] is not a reference like [[label:save]]"
    kind = _kinds.get(parts[1])
    if kind is None:
        known = ", ".join(sorted(_kinds))
        return f"[[{inner}]]: {parts[1]!r} is not a kind of reference ({known})"
    if parts[2] not in getattr(facts, kind.table):
        return f"[[{inner}]] names nothing in the {kind.table} of content/facts/"
    return Reference(kind, parts[2])
