from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from helpcenter.content import get_library
from helpcenter.dates import long_date
from helpcenter.events import record
from helpcenter.pagecache import public_page
from helpcenter.ratelimits import FORMS, WRITES, limit_posts
from helpcenter.siteurl import absolute_url
from wizard.addresses import clean_tenant, consent_links, is_tenant_id
from wizard.adminmail import (
    AdminMessage,
    Sender,
    build_admin_message,
    eml_bytes,
    mailto_too_long,
    mailto_url,
)
from wizard.diagnostics import ErrorDetails, details_from_oauth, extract_details
from wizard.events import OUTCOME_FEEDBACK
from wizard.flow import get_flow
from wizard.flow.links import (
    PAGE_PARAMS,
    TENANT,
    answers_query,
    error_query,
    outcome_query,
    page_query,
    page_tenant,
    with_code_query,
)
from wizard.flow.model import Flow
from wizard.flow.walk import DETAIL_PARAMS, Resolution, resolve
from wizard.forms import AdminEmailForm
from wizard.guides import fact_sources, get_guides
from wizard.models import Feedback
from wizard.presentation import guide_alternates, guide_url, step_context, step_url

MAX_PASTED_CHARS = 10_000


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _wants_panel(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _render_step(
    request: HtmxHttpRequest,
    resolution: Resolution,
    query: QueryDict | dict[str, str],
    **extra: object,
) -> HttpResponse:
    """The page (or htmx panel) for `resolution`; `query` also carries the page's own notices."""
    page_path = step_url(answers_query(resolution))
    context = step_context(resolution, page_path, absolute_url(request, page_path))
    outcome_answers = (
        outcome_query(get_flow(), resolution.outcome.id) if resolution.outcome else None
    )
    # One canonical address per outcome, the shortest answers to it, for search engines; an address
    # that carries the user's own error details is never indexed.
    context["canonical_path"] = step_url(outcome_answers) if outcome_answers else page_path
    context["indexable"] = not any(param in request.GET for param in DETAIL_PARAMS)
    context["was_fixed"] = query.get("fixed") == "1"
    context["solved"] = query.get("solved") if query.get("solved") in ("yes", "no") else None
    if resolution.outcome is not None and resolution.outcome.needs_admin:
        context["email_form"] = AdminEmailForm(initial={"admin_language": get_language()})
    tenant = page_tenant(query)
    if tenant and resolution.outcome is not None:
        context.update(_for_tenant(context, resolution, tenant))
    context.update(extra)
    template = "wizard/step.html#panel" if _wants_panel(request) else "wizard/step.html"
    response = render(request, template, context)
    if request.htmx and request.htmx.history_restore_request:
        # The whole page for an htmx request: caches key on HX-Request, so keep it out of them.
        patch_cache_control(response, no_store=True)
    return response


def _for_tenant(
    context: dict[str, object], resolution: Resolution, tenant: str
) -> dict[str, object]:
    """A support agent's link named the customer's domain: her guide and email are for it."""
    outcome = resolution.outcome
    changed: dict[str, object] = {"indexable": False}
    if outcome is not None and outcome.admin_guide:
        changed["outcome"] = replace(
            context["outcome"],  # type: ignore[type-var]
            admin_guide_url=guide_url(outcome.admin_guide, get_language(), tenant),
        )
    if context.get("email_action"):
        query = {**answers_query(resolution), TENANT: tenant}
        changed["email_action"] = reverse("wizard:email", query=query)
    return changed


# The wizard's forms change nothing that belongs to anyone: reading a pasted error only redirects,
# and feedback is anonymous. Without a CSRF token, every page is the same for everybody and can be
# cached whole.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts(FORMS)
@public_page
@vary_on_headers("HX-Request")
def step(request: HtmxHttpRequest) -> HttpResponse:
    """A question or an outcome; the answers so far are the query string."""
    flow = get_flow()
    resolution = resolve(flow, request.GET, ignore=PAGE_PARAMS)
    canonical = page_query(resolution, request.GET)
    # Any other spelling of the page's address (junk parameters, another order, another
    # percent-encoding) redirects to the one address, so that caches keep one copy of a page.
    if request.META.get("QUERY_STRING", "") != urlencode(canonical):
        return redirect(step_url(canonical))
    if request.method == "POST":
        # What the user pasted is hers: never shared, never stored.
        response = _read_pasted_error(request, flow, resolution)
        add_never_cache_headers(response)
        return response
    return _render_step(request, resolution, request.GET)


def _read_pasted_error(
    request: HtmxHttpRequest, flow: Flow, resolution: Resolution
) -> HttpResponse:
    pasted = request.POST.get("error_text", "")
    if not pasted.strip():
        error = _("Paste the error text, or type the code (for example 90094).")
    elif len(pasted) > MAX_PASTED_CHARS:
        error = _(
            "This text is too long (%(max)s characters at most). "
            "Copy only the error message and its details."
        ) % {"max": number_format(MAX_PASTED_CHARS, force_grouping=True)}
    else:
        details = extract_details(pasted)
        query = with_code_query(flow, resolution, details)
        if query is not None:
            next_step = resolve(flow, query, ignore=PAGE_PARAMS)
            message = _message_for_unmapped_code(next_step, details)
            if _wants_panel(request):
                # Render the next step at once and put its URL in the address bar.
                page = _render_step(request, next_step, query, microsoft_message=message)
                return push_url(page, step_url(query))
            if message:
                # Microsoft's sentence never goes into a URL: the page is this answer itself.
                return _render_step(request, next_step, query, microsoft_message=message)
            return redirect(step_url(query))
        error = _(
            "We found no AADSTS code in this text. Copy the whole error message, or type the code alone (for example 90094)."
        )
    return _render_step(request, resolution, request.GET, pasted=pasted, paste_error=error)


@require_safe
@never_cache  # the address carries the user's own error details
def error_entry(request: HttpRequest) -> HttpResponse:
    """Entry from an OAuth error redirect: ?error=...&error_description=... lands on its outcome."""
    details = details_from_oauth(
        request.GET.get("error", "")[:200],
        request.GET.get("error_description", "")[:MAX_PASTED_CHARS],
    )
    query = error_query(get_flow(), details)
    landed = resolve(get_flow(), query, ignore=PAGE_PARAMS)
    message = _message_for_unmapped_code(landed, details)
    if message:
        return _render_step(request, landed, query, microsoft_message=message)  # type: ignore[arg-type]
    return redirect(step_url(query))


def _message_for_unmapped_code(resolution: Resolution, details: ErrorDetails) -> str | None:
    """Microsoft's own sentence, for a code the wizard has no outcome of its own for."""
    outcome = resolution.outcome
    return details.message if outcome is not None and outcome.error_lookup else None


@csrf_exempt
@require_POST
@never_cache
@limit_posts(WRITES)
def feedback(request: HttpRequest) -> HttpResponse:
    """ "Did this solve it?": stored anonymously, then back to the same outcome with a thank-you."""
    answers = QueryDict(request.POST.get("answers", "")[:2000])
    resolution = resolve(get_flow(), answers, ignore=PAGE_PARAMS)
    solved = request.POST.get("solved")
    if resolution.outcome is None or solved not in ("yes", "no"):
        return redirect(step_url(answers_query(resolution)))
    Feedback.objects.create(
        outcome=resolution.outcome.id, language=get_language(), solved=solved == "yes"
    )
    record(request, OUTCOME_FEEDBACK, resolution.outcome.id, solved)
    return redirect(step_url({**answers_query(resolution), "solved": solved}) + "#feedback")


@dataclass(frozen=True)
class EmailView:
    message: AdminMessage
    mailto: str
    mailto_too_long: bool
    mailto_is_short: bool  # the mail-app link carries the short version that points to the guide
    text: str  # subject and body, for copying by hand


def _prepare_email(
    request: HttpRequest, resolution: Resolution, form: AdminEmailForm, tenant: str | None = None
) -> EmailView:
    data = form.cleaned_data
    language = data["admin_language"]
    tenant = tenant or form.consent_tenant()
    facts = get_library().facts
    guide = resolution.outcome.admin_guide if resolution.outcome else None
    links = consent_links(tenant, settings.ZELIQ_CLIENT_ID, facts.urls["admin_consent"].url)
    arguments = {
        "sender": Sender(
            name=data["name"], company=data["company"], email=data["email"], note=data["note"]
        ),
        "admin_email": data["admin_email"],
        "language": language,
        "guide_url": absolute_url(request, guide_url(guide, language, tenant)) if guide else None,
        "consent_url": links.url,
        "consent_fallback_url": links.fallback_url,
        "consent_names_tenant": links.names_tenant,
        "entra_url": facts.urls["entra_admin_center"].url,
    }
    message = build_admin_message(resolution, **arguments)
    # Mail apps cut long mailto: links, and the full steps rarely fit: the link carries the short
    # version, which points to the guide; copy and .eml carry everything.
    mailto = mailto_url(
        build_admin_message(resolution, compact=bool(arguments["guide_url"]), **arguments)
    )
    with translation.override(language):
        subject_label = _("Subject")
    return EmailView(
        message=message,
        mailto=mailto,
        mailto_too_long=mailto_too_long(mailto),
        mailto_is_short=bool(arguments["guide_url"]),
        text=f"{subject_label}: {message.subject}\n\n{message.body}",
    )


# Nothing typed here is stored: the email is built from the form on each request and sent back.
@csrf_exempt
@require_POST
@never_cache  # what the user typed: never shared, never stored
@limit_posts(FORMS)
@vary_on_headers("HX-Request")
def admin_email(request: HtmxHttpRequest) -> HttpResponse:
    """The email to the IT admin: live preview (htmx), full page (no JavaScript) or .eml download."""
    resolution = resolve(get_flow(), request.GET, ignore=PAGE_PARAMS)
    if not resolution.is_clean or resolution.outcome is None or not resolution.outcome.needs_admin:
        return redirect(step_url(answers_query(resolution)))
    form = AdminEmailForm(request.POST)
    tenant = page_tenant(request.GET)
    email = _prepare_email(request, resolution, form, tenant) if form.is_valid() else None
    if email is not None and request.POST.get("download") == "eml":
        response = HttpResponse(
            eml_bytes(email.message, from_address=form.cleaned_data["email"]),
            content_type="message/rfc822",
        )
        response["Content-Disposition"] = 'attachment; filename="zeliq-outlook-admin.eml"'
        return response
    if request.htmx:
        errors = form.live_errors()
        field_errors = [(name, errors.get(name, [])) for name in form.fields]
        context = {"email": email, "field_errors": field_errors}
        return render(request, "wizard/_email_live.html", context)
    return _render_step(request, resolution, request.GET, email_form=form, email=email)


@require_safe
@public_page
def admin_guide(request: HttpRequest, guide: str) -> HttpResponse:
    """The printable steps for the IT admin; ?tenant= (a tenant ID or a domain) names the
    organization in the consent link, which otherwise names "organizations"."""
    if set(request.GET) - {"tenant"} or len(request.GET.getlist("tenant")) > 1:
        # One address per page: any other parameter is dropped (see helpcenter.canonical).
        tenant_only = {"tenant": request.GET["tenant"]} if "tenant" in request.GET else None
        return redirect(reverse("guides:guide", kwargs={"guide": guide}, query=tenant_only))
    found = get_guides().get(get_language(), guide)
    if found is None:
        raise Http404("No such admin guide.")
    raw_tenant = request.GET.get("tenant", "")[:300]
    tenant = clean_tenant(raw_tenant)
    facts = get_library().facts
    links = consent_links(tenant, settings.ZELIQ_CLIENT_ID, facts.urls["admin_consent"].url)
    context = {
        "guide": found,
        "tenant": tenant,
        "tenant_is_id": is_tenant_id(tenant),
        "tenant_was_refused": bool(raw_tenant) and tenant is None,
        "consent_url": links.url,
        "consent_fallback_url": links.fallback_url,
        "client_id_configured": bool(settings.ZELIQ_CLIENT_ID),
        "fact_sources": fact_sources(found),
        "updated_long": long_date(found.updated),
        "alternates": guide_alternates(guide, request.GET.get("tenant")),
    }
    return render(request, "wizard/admin_guide.html", context)
