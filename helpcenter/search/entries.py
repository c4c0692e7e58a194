"""What the search index holds: every page worth finding, in each language.

The help center indexes its articles itself. Other apps add their pages without the help center
importing them: their AppConfig names a function in `search_sources` (the wizard: its outcomes and
admin guides), which gets the library and yields entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string

from helpcenter.content import Library
from helpcenter.languages import reverse_in

ARTICLE = "article"


@dataclass(frozen=True)
class Entry:
    kind: str  # what sort of page: "article", "guide", "outcome"…; shown beside each result
    language: str
    url: str
    title: str
    description: str
    body: str


Source = Callable[[Library], Iterable[Entry]]


def article_entries(library: Library) -> Iterator[Entry]:
    """Each article in each language: the reader's translation, or the source when there is none."""
    articles = library.articles
    for lang in library.languages:
        for key in sorted({article.key for article in articles.all()}):
            translations = articles.translations(key)
            article = translations.get(lang) or translations.get(articles.source_language)
            if article is None:
                continue
            yield Entry(
                kind=ARTICLE,
                language=lang,
                url=reverse_in(lang, "helpcenter:article", kwargs={"slug": article.slug}),
                title=article.title,
                description=article.description,
                body=article.plain,
            )


def app_sources() -> list[Source]:
    return [
        import_string(dotted_path)
        for config in apps.get_app_configs()
        for dotted_path in getattr(config, "search_sources", ())
    ]


def library_entries(library: Library) -> list[Entry]:
    return [
        *article_entries(library),
        *(entry for source in app_sources() for entry in source(library)),
    ]
