"""Which documents use which fact: for `manage.py facts_report`, so that the content owner knows
what to re-check when Microsoft renames a menu or changes a page.

Each document kind says where it names facts, from the references its rendered texts recorded;
the help center registers its articles here, the wizard its flow (pages and emails) and guides.
A claim counts as a use of the facts it names too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import override

from helpcenter.content.localized import LocalizedText
from helpcenter.content.references import registered_kinds

if TYPE_CHECKING:
    from helpcenter.content.library import Library

Reference = tuple[str, str]  # (kind, key), as rendered texts record them


@dataclass(frozen=True)
class Use:
    where: str  # "article fr/integrer-outlook-avec-zeliq", "outcome case_3", "email case_3"
    references: tuple[Reference, ...]


Finder = Callable[[Any, "Library"], Iterable[Use]]
_finders: dict[str, Finder] = {}


def register_usage(kind: str, finder: Finder) -> None:
    """`finder(document, library)` lists the uses in what the document kind `kind` loaded."""
    _finders[kind] = finder


def text_references(
    texts: Iterable[LocalizedText | None], languages: Iterable[str]
) -> set[Reference]:
    """The facts some texts name, in any of `languages`."""
    found: set[Reference] = set()
    for text in texts:
        for lang in languages if text is not None else ():
            with override(lang):
                found.update(text.references)  # type: ignore[union-attr]
    return found


def fact_uses(library: Library) -> dict[tuple[str, str], list[str]]:
    """(table, key) of every fact named anywhere -> the places naming it, claims expanded."""
    kinds = registered_kinds()
    uses: dict[tuple[str, str], list[str]] = {}
    for name, finder in _finders.items():
        document = library.documents.get(name)
        for use in finder(document, library) if document is not None else ():
            for kind, key in sorted(_expanded(use.references, library)):
                table = kinds[kind].table if kind in kinds else kind
                places = uses.setdefault((table, key), [])
                if use.where not in places:
                    places.append(use.where)
    return uses


def _expanded(references: Iterable[Reference], library: Library) -> set[Reference]:
    """The references, with what they show in turn: a claim's facts, a path's and a role set's
    labels (a renamed menu item shows wherever a path goes through it)."""
    facts = library.facts
    found = set(references)
    for kind, key in list(found):
        claim = facts.claims.get(key) if kind == "claim" else None
        if claim is not None:
            found |= text_references((claim.text, claim.check, claim.differs), library.languages)
    for kind, key in list(found):
        path = facts.paths.get(key) if kind in ("path", "path-older") else None
        for steps in (path.steps, *path.older) if path else ():
            found |= {("label", step) for step in steps if isinstance(step, str)}
        roles = facts.roles.get(key) if kind == "roles" else None
        found |= {("label", label) for label in roles.labels} if roles else set()
    return found


def _article_uses(articles: Any, library: Library) -> Iterator[Use]:
    for article in articles.all():
        yield Use(f"article {article.lang}/{article.slug}", article.references)


register_usage("articles", _article_uses)


def uses_by_table(uses: Mapping[tuple[str, str], list[str]], table: str) -> dict[str, list[str]]:
    return {key: places for (named, key), places in uses.items() if named == table}
