from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from helpcenter.content import get_library
from helpcenter.content.articles import Article
from helpcenter.languages import reverse_in


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
        return get_library().articles.all()

    def location(self, item: Article) -> str:
        return reverse_in(item.lang, "helpcenter:article", kwargs={"slug": item.slug})

    def lastmod(self, item: Article) -> date:
        return item.updated
