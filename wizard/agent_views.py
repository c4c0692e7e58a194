"""The support agents' pages (staff only, never cached): the link builder and their links."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_safe

from helpcenter.siteurl import site_url
from helpcenter.staff import staff_page
from wizard.agent_forms import LinkForm
from wizard.agents import DASHBOARD_DAYS, link_rows, outcome_rows
from wizard.flow import get_flow
from wizard.flow.walk import resolve
from wizard.models import ShortLink
from wizard.presentation import outcome_view, question_view
from wizard.shortlinks import MACRO_PLACEHOLDER, create_link, target_path

RECENT_LINKS = 10
LIST_LINKS = 100


def _preview(link: ShortLink) -> dict[str, object]:
    """What the customer will see, in her language: the outcome, or the question she lands on."""
    flow = get_flow()
    with translation.override(link.language):
        resolution = resolve(flow, QueryDict(link.query))
        if resolution.outcome is not None:
            return {"outcome": outcome_view(resolution.outcome, resolution.details)}
        if resolution.question is not None:
            return {"question": question_view(resolution, resolution.question)}
    return {}


@staff_page
@require_http_methods(["GET", "HEAD", "POST"])
def dashboard(request: HttpRequest) -> HttpResponse:
    """The link builder, the agent's recent links, and a ready link to every outcome."""
    flow = get_flow()
    if request.method == "POST":
        form = LinkForm(flow, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            link = create_link(
                query=form.query(),
                language=data["language"],
                tenant=data["tenant"],
                ticket=data["ticket"],
                expires_at=timezone.now() + timedelta(days=data["days"]),
                is_macro=data["as_macro"],
                created_by=request.user,
            )
            return redirect(reverse("agents:dashboard", query={"link": link.code}) + "#new-link")
        status = 400
    else:
        form = LinkForm(flow, initial={"language": translation.get_language()})
        status = 200
    created = None
    code = request.GET.get("link", "")[:32]
    if code:
        created = ShortLink.objects.filter(code=code, created_by=request.user).first()
    mine = ShortLink.objects.filter(created_by=request.user, macro__isnull=True)
    context = {
        "form": form,
        "created": link_rows(flow, [created])[0] if created else None,
        "created_target": target_path(created) if created else None,
        "preview": _preview(created) if created else {},
        "links": link_rows(flow, mine[:RECENT_LINKS]),
        "rows": outcome_rows(flow),
        "days": DASHBOARD_DAYS,
        "base_url": site_url(request),
        "macro_placeholder": MACRO_PLACEHOLDER,
    }
    return render(request, "wizard/agents.html", context, status=status)


@staff_page
@require_safe
def links(request: HttpRequest) -> HttpResponse:
    """The agent's links (or everyone's), newest first, with what became of each."""
    everyone = request.GET.get("everyone") == "1"
    shown = ShortLink.objects.select_related("created_by", "macro")
    if not everyone:
        shown = shown.filter(created_by=request.user)
    context = {
        "links": link_rows(get_flow(), shown[:LIST_LINKS]),
        "everyone": everyone,
        "limit": LIST_LINKS,
        "base_url": site_url(request),
        "default_days": settings.HELPCENTER_SHORT_LINK_DAYS,
    }
    return render(request, "wizard/agent_links.html", context)
