"""The search index on SQLite: an FTS5 table of stemmed words, ranked with bm25.

FTS5 has no French stemmer, so the words are stemmed before they are stored (snowball, the same
algorithms PostgreSQL uses) and so are the query's. Each query word becomes a quoted stem
(`"consent"`): nothing a visitor types is ever FTS syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.utils import CursorWrapper

from helpcenter.search.text import stems

TABLE = "helpcenter_search_fts"
# Title words count ten times a body word, a description's four times.
WEIGHTS = (10.0, 4.0, 1.0)


def index(cursor: CursorWrapper, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
    """Replaces the index with `rows`: (entry id, language, title, description, body)."""
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.executemany(
        f"INSERT INTO {TABLE} (rowid, title, description, body) VALUES (%s, %s, %s, %s)",
        [
            (entry_id, *(" ".join(stems(text, lang)) for text in texts))
            for entry_id, lang, *texts in rows
        ],
    )


def ranked_ids(
    cursor: CursorWrapper, query_words: Sequence[str], lang: str, limit: int, match_all: bool
) -> list[int]:
    terms = dict.fromkeys(stems(" ".join(query_words), lang))
    expression = (" AND " if match_all else " OR ").join(f'"{term}"' for term in terms)
    cursor.execute(
        f"SELECT e.id FROM {TABLE} f JOIN helpcenter_searchentry e ON e.id = f.rowid "
        f"WHERE {TABLE} MATCH %s AND e.language = %s "
        f"ORDER BY bm25({TABLE}, %s, %s, %s) LIMIT %s",
        [expression, lang, *WEIGHTS, limit],
    )
    return [row[0] for row in cursor.fetchall()]
