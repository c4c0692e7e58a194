from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = _("Troubleshooting wizard")
    # Collected by the help center for /sitemap.xml and /robots.txt.
    sitemaps = {
        "wizard-outcomes": "wizard.sitemaps.OutcomeSitemap",
        "admin-guides": "wizard.sitemaps.GuideSitemap",
    }
    robots_disallow = ("/*/agents/", "/l/")
    # Collected by the help center's search index (helpcenter.search.entries).
    search_sources = ("wizard.search.entries",)

    def ready(self) -> None:
        from helpcenter.content.documents import register_document_kind
        from wizard.flow.document import FlowKind
        from wizard.guides import GuidesKind

        # The flow and the admin guides are content like the articles: loaded, checked and
        # rendered with everything else under content/.
        register_document_kind(FlowKind())
        register_document_kind(GuidesKind())
