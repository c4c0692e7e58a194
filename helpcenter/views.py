from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from helpcenter.content import Article, Library, get_library
from helpcenter.dates import long_date, relative_day
from helpcenter.languages import Alternate, language_name
from helpcenter.pagecache import cache_public_page


def _article_url(lang: str, slug: str) -> str:
    with translation.override(lang):
        return reverse("helpcenter:article", kwargs={"slug": slug})


def _article_alternates(library: Library, article: Article) -> list[Alternate]:
    translations = library.translations(article.key)
    source = translations.get(library.source_language, article)
    alternates = []
    for code, _name in settings.LANGUAGES:
        shown = translations.get(code)
        slug = shown.slug if shown else source.slug
        alternates.append(
            Alternate(code, language_name(code), _article_url(code, slug), shown is not None)
        )
    return alternates


def _find_article(library: Library, lang: str, slug: str) -> tuple[Article, bool] | str:
    """The article to show and whether it is a fallback, or the URL to redirect to."""
    article = library.article(lang, slug)
    if article is not None:
        return article, False
    for other in library.languages:
        found = library.article(other, slug)
        if found is None:
            continue
        translation_here = library.translations(found.key).get(lang)
        if translation_here is not None:
            return _article_url(lang, translation_here.slug)
        source = library.source_of(found)
        if source is not None and source.slug == slug:
            return source, True
    raise Http404("No such article.")


@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    library = get_library()
    lang = get_language()
    collections = [
        (collection, library.in_collection(collection.key, lang))
        for collection in library.sorted_collections()
    ]
    return render(request, "helpcenter/home.html", {"collections": collections})


@require_GET
@cache_public_page
def article(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    lang = get_language()
    found = _find_article(library, lang, slug)
    if isinstance(found, str):
        return HttpResponsePermanentRedirect(found)
    shown, is_fallback = found
    today = timezone.localdate()
    alternates = _article_alternates(library, shown)
    context = {
        "article": shown,
        "is_fallback": is_fallback,
        "is_outdated": library.is_outdated(shown),
        "updated_relative": relative_day(shown.updated, today, lang),
        "updated_long": long_date(shown.updated, lang),
        "related": [a for a in library.in_collection(shown.collection, lang) if a.key != shown.key],
        "collection": library.collections.get(shown.collection),
        "alternates": alternates,
        "hreflang_alternates": [a for a in alternates if a.is_translation],
        "canonical_path": _article_url(shown.lang, shown.slug),
        "x_default_path": _article_url(
            library.source_language, (library.source_of(shown) or shown).slug
        ),
    }
    return render(request, "helpcenter/article.html", context)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/agents/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the Django admin)."""
    return HttpResponsePermanentRedirect(static("helpcenter/favicon.svg"))


@require_GET
@cache_control(no_store=True)
def healthz(request: HttpRequest) -> HttpResponse:
    connection.ensure_connection()
    status = 500 if get_library().problems else 200
    return HttpResponse(
        "ok\n" if status == 200 else "content problems\n", status=status, content_type="text/plain"
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "helpcenter/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "helpcenter/500.html", status=500)
