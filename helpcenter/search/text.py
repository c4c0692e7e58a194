"""Search text: the words of a text as the index and the queries see them, and highlighting.

Both sides go through `words()`: accents and case are folded ("Entrée" and "entree" are one word),
letters and digits are split ("AADSTS90094" is "aadsts" and "90094"), and anything else (quotes,
operators, SQL) is a separator, so no query can reach the database as syntax.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200  # longer queries are cut: nobody types more, and FTS need not read it
MAX_TERMS = 12
_WORD = re.compile(r"[^\W\d_]+|\d+")
_TOKEN = re.compile(r"[^\W_]+")  # a word as the reader sees it, for highlighting
Span = tuple[int, int]
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
STEMMERS = {"fr": "french", "en": "english"}


def fold(text: str) -> str:
    """Lower case without accents: what the index stores and the queries ask for."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


_local = threading.local()


def _stemmer(lang: str) -> snowballstemmer.Stemmer:
    # A snowball stemmer keeps its word in itself while it works: one per thread.
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        stemmers[lang] = snowballstemmer.stemmer(STEMMERS.get(lang, "english"))
    return stemmers[lang]


@functools.lru_cache(maxsize=50_000)
def stem(word: str, lang: str) -> str:
    # A text repeats its words: stemming each distinct word once makes indexing several times faster.
    return _stemmer(lang).stemWord(word)


def stems(text: str, lang: str) -> list[str]:
    """The words of `text` reduced to their stems, in the text's language."""
    return [stem(word, lang) for word in words(text)]


def query_words(query: str) -> list[str]:
    """The distinct words of a query, at most MAX_TERMS, from its first MAX_QUERY_CHARS."""
    return list(dict.fromkeys(words(query[:MAX_QUERY_CHARS])))[:MAX_TERMS]


def _matches(text: str, wanted: set[str], lang: str, start: int, end: int) -> Iterator[Span]:
    for match in _TOKEN.finditer(text, start, end):
        if wanted.intersection(stems(match[0], lang)):
            yield match.span()


def highlight(text: str, terms: Iterable[str], lang: str, width: int = 0) -> SafeString:
    """`text`, escaped, with the words whose stem is a query stem in <mark>; with `width`, only
    the part around the first match (about `width` characters).

    Only the words up to the first match and those in the part shown are read: a result's
    snippet costs the same whatever the length of the page.
    """
    wanted = set(terms)
    start, end = 0, len(text)
    if width and len(text) > width:
        first = next(_matches(text, wanted, lang, 0, len(text)), (0, 0))[0]
        start = max(0, first - width // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + width)
        end = text.find(" ", end) if text.find(" ", end) != -1 else len(text)
    parts, position = [], start
    for span_start, span_end in _matches(text, wanted, lang, start, end):
        parts += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end])]
        parts.append("</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece of text is escaped above
