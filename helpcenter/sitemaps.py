from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from helpcenter.content import Article, get_library


class HomeSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self) -> list[str]:
        return ["helpcenter:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(Sitemap):
    """Each translation at its own URL (slugs differ per language, so Sitemap.i18n does not fit)."""

    def items(self) -> list[Article]:
        library = get_library()
        return sorted(library.articles.values(), key=lambda a: (a.key, a.lang))

    def location(self, item: Article) -> str:
        with translation.override(item.lang):
            return reverse("helpcenter:article", kwargs={"slug": item.slug})

    def lastmod(self, item: Article):  # noqa: ANN201
        return item.updated
