"""The root URLconf: the site-wide URLs, then every app under /<lang>/."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from helpcenter import siteviews
from helpcenter.pagecache import public_page

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", siteviews.robots_txt, name="robots"),
    path("healthz", siteviews.healthz, name="healthz"),
    path("favicon.ico", siteviews.favicon, name="favicon"),
    # Support agents' short links: outside the language prefix, so that they stay short.
    path("l/", include("wizard.link_urls")),
    path(
        "sitemap.xml",
        public_page(max_age=3600)(sitemap),
        {"sitemaps": siteviews.app_sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    *i18n_patterns(
        path("", include("helpcenter.routes")),
        path("wizard/", include("wizard.urls")),
        path("admin-guide/", include("wizard.guide_urls")),
        path("agents/", include("wizard.agent_urls")),
    ),
]

handler404 = "helpcenter.siteviews.page_not_found"
handler500 = "helpcenter.siteviews.server_error"
