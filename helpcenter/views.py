"""The help center's pages: the home and the articles."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from helpcenter.canonical import without_parameters
from helpcenter.content import get_library
from helpcenter.content.articles import Article, Articles
from helpcenter.dates import long_date, relative_day
from helpcenter.languages import Alternate, language_name, reverse_in
from helpcenter.pagecache import public_page


def _article_url(lang: str, slug: str) -> str:
    return reverse_in(lang, "helpcenter:article", kwargs={"slug": slug})


def _article_alternates(articles: Articles, article: Article) -> list[Alternate]:
    translations = articles.translations(article.key)
    source = translations.get(articles.source_language, article)
    alternates = []
    for code, _name in settings.LANGUAGES:
        shown = translations.get(code)
        slug = shown.slug if shown else source.slug
        alternates.append(
            Alternate(code, language_name(code), _article_url(code, slug), shown is not None)
        )
    return alternates


def _find_article(articles: Articles, lang: str, slug: str) -> tuple[Article, bool] | str:
    """The article to show and whether it is a fallback, or the URL to redirect to."""
    article = articles.get(lang, slug)
    if article is not None:
        return article, False
    for other, _name in settings.LANGUAGES:
        found = articles.get(other, slug)
        if found is None:
            continue
        translation_here = articles.translations(found.key).get(lang)
        if translation_here is not None:
            return _article_url(lang, translation_here.slug)
        source = articles.source_of(found)
        if source is not None and source.slug == slug:
            return source, True
    raise Http404("No such article.")


@require_safe
@without_parameters
@public_page
def home(request: HttpRequest) -> HttpResponse:
    library = get_library()
    collections = [
        (key, collection, library.articles.in_collection(key, get_language()))
        for key, collection in library.sorted_collections()
    ]
    return render(request, "helpcenter/home.html", {"collections": collections})


@require_safe
@without_parameters
@public_page
def article(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    articles, lang = library.articles, get_language()
    found = _find_article(articles, lang, slug)
    if isinstance(found, str):
        return HttpResponsePermanentRedirect(found)
    shown, is_fallback = found
    alternates = _article_alternates(articles, shown)
    context = {
        "article": shown,
        "is_fallback": is_fallback,
        "is_outdated": articles.is_outdated(shown),
        "updated_relative": relative_day(shown.updated, timezone.localdate()),
        "updated_long": long_date(shown.updated),
        "related": [
            a for a in articles.in_collection(shown.collection, lang) if a.key != shown.key
        ],
        "collection": library.collections.get(shown.collection),
        "alternates": alternates,
        "hreflang_alternates": [a for a in alternates if a.is_translation],
        "canonical_path": _article_url(shown.lang, shown.slug),
        "x_default_path": _article_url(
            articles.source_language, (articles.source_of(shown) or shown).slug
        ),
    }
    return render(request, "helpcenter/article.html", context)
