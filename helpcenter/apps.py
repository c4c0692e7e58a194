from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.utils.autoreload import BaseReloader, autoreload_started
from django.utils.translation import gettext_lazy as _


def watch_content(sender: BaseReloader, **kwargs: Any) -> None:
    """In development, runserver restarts when a file under content/ changes: the new process
    loads the new content version, so the library needs no reload logic of its own."""
    sender.watch_dir(Path(settings.CONTENT_DIR), "**/*")


class HelpcenterConfig(AppConfig):
    name = "helpcenter"
    verbose_name = _("Help center")
    # Collected by helpcenter.siteviews for /sitemap.xml and /robots.txt.
    sitemaps = {
        "home": "helpcenter.sitemaps.HomeSitemap",
        "articles": "helpcenter.sitemaps.ArticleSitemap",
    }
    robots_disallow = ("/admin/", "/*/login/", "/*/search/")

    def ready(self) -> None:
        from helpcenter import checks  # noqa: F401  (registers the content checks)

        autoreload_started.connect(watch_content)
