"""The search index on PostgreSQL: a tsvector per entry (GIN index), ranked with ts_rank.

PostgreSQL stems with the entry's language configuration (french, english) and drops its stop
words. Accents are folded before the text reaches it (helpcenter.search.text), so no extension is
needed. The query's words are joined with `&` (or `|`) and stemmed by to_tsquery; they hold
letters or digits only, so nothing a visitor types is ever tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.utils import CursorWrapper

from helpcenter.search.text import words

TABLE = "helpcenter_search_pg"
CONFIGS = {"fr": "french", "en": "english"}


def _config(lang: str) -> str:
    return CONFIGS.get(lang, "simple")


def index(cursor: CursorWrapper, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
    """Replaces the index with `rows`: (entry id, language, title, description, body)."""
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.executemany(
        f"INSERT INTO {TABLE} (entry_id, document) VALUES (%s, "
        "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
        "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
        "setweight(to_tsvector(%s::regconfig, %s), 'C'))",
        [
            (
                entry_id,
                *(item for text in texts for item in (_config(lang), " ".join(words(text)))),
            )
            for entry_id, lang, *texts in rows
        ],
    )


def ranked_ids(
    cursor: CursorWrapper, query_words: Sequence[str], lang: str, limit: int, match_all: bool
) -> list[int]:
    expression = (" & " if match_all else " | ").join(query_words)
    cursor.execute(
        f"SELECT e.id FROM {TABLE} s JOIN helpcenter_searchentry e ON e.id = s.entry_id, "
        "to_tsquery(%s::regconfig, %s) query "
        "WHERE s.document @@ query AND e.language = %s "
        "ORDER BY ts_rank(s.document, query) DESC, e.id LIMIT %s",
        [_config(lang), expression, lang, limit],
    )
    return [row[0] for row in cursor.fetchall()]
