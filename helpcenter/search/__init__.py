"""Search over the help center's content, in the reader's language.

One small interface, `search(query, lang)` and `rebuild_index()`, over two backends: SQLite's FTS5
(`sqlite.py`) and PostgreSQL's full-text search (`postgresql.py`), picked from the database in use.
What is indexed is in `entries.py`; how words are folded, stemmed and highlighted in `text.py`.

The index is rebuilt by `manage.py rebuild_search_index`, and on the first search after the content
version changes (a deploy). Several app servers may notice at once: the rebuild runs in one
transaction that first locks the index's state row, and each server checks the version again once
it holds the lock, so the index is built once and a search never sees it half-built.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from django.db import connection, transaction
from django.utils import timezone
from django.utils.safestring import SafeString

from helpcenter.content import get_library
from helpcenter.models import SearchEntry, SearchIndexState
from helpcenter.search import postgresql, sqlite
from helpcenter.search.entries import library_entries
from helpcenter.search.text import highlight, query_words, stems

BACKENDS: dict[str, ModuleType] = {"sqlite": sqlite, "postgresql": postgresql}
SNIPPET_CHARS = 180


@dataclass(frozen=True)
class Hit:
    kind: str
    url: str
    title_html: SafeString
    snippet_html: SafeString


def _backend() -> ModuleType:
    return BACKENDS[connection.vendor]


def rebuild_index(*, force: bool = False) -> bool:
    """Builds the index from the current content, unless it already is (or `force`).

    Returns whether it was built by this call.
    """
    version = get_library().version
    with transaction.atomic():
        # A write first: it takes SQLite's write lock and PostgreSQL's row lock, so a second
        # server waits here, then finds the version built.
        if not SearchIndexState.objects.filter(pk=1).update(built_at=timezone.now()):
            SearchIndexState.objects.get_or_create(pk=1)
        state = SearchIndexState.objects.get(pk=1)
        if state.version == version and not force:
            return False
        SearchEntry.objects.all().delete()
        entries = SearchEntry.objects.bulk_create(
            SearchEntry(**vars(entry)) for entry in library_entries(get_library())
        )
        with connection.cursor() as cursor:
            _backend().index(
                cursor,
                [(e.id, e.language, e.title, e.description, e.body) for e in entries],
            )
        state.version, state.built_at = version, timezone.now()
        state.save()
    return True


def ensure_index() -> None:
    built = SearchIndexState.objects.filter(pk=1).values_list("version", flat=True).first()
    if built != get_library().version:
        rebuild_index()


def search(query: str, lang: str, limit: int = 20) -> list[Hit]:
    """The best pages for `query` in `lang`, best first; [] for a query with no word in it."""
    found_words = query_words(query)
    if not found_words:
        return []
    ensure_index()
    backend = _backend()
    with connection.cursor() as cursor:
        ids = backend.ranked_ids(cursor, found_words, lang, limit, match_all=True)
        if not ids and len(found_words) > 1:
            ids = backend.ranked_ids(cursor, found_words, lang, limit, match_all=False)
    entries = SearchEntry.objects.in_bulk(ids)
    terms = stems(" ".join(found_words), lang)
    return [
        Hit(
            kind=entry.kind,
            url=entry.url,
            title_html=highlight(entry.title, terms, lang),
            snippet_html=highlight(
                entry.description + " " + entry.body, terms, lang, SNIPPET_CHARS
            ),
        )
        for entry in (entries[i] for i in ids if i in entries)
    ]
