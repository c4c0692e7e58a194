"""The wizard's sections of /sitemap.xml: each outcome's canonical link, and the admin guides."""

from __future__ import annotations

from django.urls import reverse

from helpcenter.sitemaps import SiteSitemap
from wizard.flow import get_flow
from wizard.flow.links import outcome_query
from wizard.guides import get_guides


class OutcomeSitemap(SiteSitemap):
    """An outcome's canonical URL is the shortest answers that reach it; outcomes reached only
    with a user's own error code have none."""

    i18n = True
    alternates = True

    def items(self) -> list[str]:
        flow = get_flow()
        return [outcome for outcome in flow.outcomes if outcome_query(flow, outcome) is not None]

    def location(self, item: str) -> str:
        return reverse("wizard:step", query=outcome_query(get_flow(), item))


class GuideSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self) -> list[str]:
        return sorted({guide.slug for guide in get_guides().all()})

    def location(self, item: str) -> str:
        return reverse("guides:guide", kwargs={"guide": item})
