from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from helpcenter.content import get_library
from helpcenter.content.articles import Article
from helpcenter.languages import reverse_in
from helpcenter.siteurl import site_parts


class _ConfiguredSite:
    def __init__(self, domain: str) -> None:
        self.domain = domain


class SiteSitemap(Sitemap):
    """A sitemap whose links use HELPCENTER_SITE_URL, not the request's Host header."""

    def get_urls(self, page=1, site=None, protocol=None):  # noqa: ANN001, ANN201  (Django's)
        configured = site_parts()
        if configured is not None:
            protocol, domain = configured
            site = _ConfiguredSite(domain)
        return super().get_urls(page=page, site=site, protocol=protocol)


class HomeSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self) -> list[str]:
        return ["helpcenter:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(SiteSitemap):
    """Each translation at its own URL (slugs differ per language, so Sitemap.i18n does not fit)."""

    def items(self) -> list[Article]:
        return get_library().articles.all()

    def location(self, item: Article) -> str:
        return reverse_in(item.lang, "helpcenter:article", kwargs={"slug": item.slug})

    def lastmod(self, item: Article) -> date:
        return item.updated
