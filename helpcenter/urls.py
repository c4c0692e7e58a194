from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from helpcenter import views
from helpcenter.sitemaps import ArticleSitemap, HomeSitemap

# /<lang>/...
helpcenter_patterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"home": HomeSitemap, "articles": ArticleSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    *i18n_patterns(
        path("", include((helpcenter_patterns, "helpcenter"))),
        path("wizard/", include("wizard.urls")),
        path("admin-guide/", include("wizard.guide_urls")),
        path("agents/", include("wizard.agent_urls")),
    ),
]

handler404 = "helpcenter.views.page_not_found"
handler500 = "helpcenter.views.server_error"
