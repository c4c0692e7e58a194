from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from helpcenter.pagecache import cache_public_page
from wizard.diagnostics import details_from_oauth, extract_details
from wizard.engine import Flow, Resolution, answers_query, error_query, resolve, with_code_query
from wizard.flowdata import get_flow
from wizard.models import Feedback
from wizard.presentation import (
    answered_steps,
    detail_rows,
    outcome_view,
    question_view,
    step_url,
    summary_text,
    support_email,
    support_mailto,
)

# Parameters of the page itself, not answers: a notice after a repaired link, and feedback given.
PAGE_PARAMS = ("fixed", "solved")
MAX_PASTED_CHARS = 10_000


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _wants_panel(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _render_step(
    request: HtmxHttpRequest, query: QueryDict | dict[str, str], status: int = 200, **extra: object
) -> HttpResponse:
    lang = get_language()
    resolution = resolve(get_flow(), query, ignore=PAGE_PARAMS)
    page_path = step_url(answers_query(resolution))
    context = {
        "resolution": resolution,
        "answered": answered_steps(resolution, lang),
        "question": question_view(resolution, resolution.question, lang)
        if resolution.question
        else None,
        "outcome": outcome_view(resolution.outcome, resolution.details, lang)
        if resolution.outcome
        else None,
        "page_url": request.build_absolute_uri(page_path),
        "page_path": page_path,
        "start_url": step_url({}),
        "was_fixed": query.get("fixed") == "1",
        "solved": query.get("solved") if query.get("solved") in ("yes", "no") else None,
        "support_email": support_email(),
        "details": detail_rows(resolution.details),
        **extra,
    }
    context["summary"] = summary_text(resolution, lang, context["page_url"])
    context["answers_qs"] = urlencode(answers_query(resolution))
    context["support_mailto"] = support_mailto(context["summary"])
    template = "wizard/step.html#panel" if _wants_panel(request) else "wizard/step.html"
    return render(request, template, context, status=status)


# The wizard's forms change nothing that belongs to anyone: reading a pasted error only redirects,
# and feedback is anonymous. Without a CSRF token, every page is the same for everybody and can be
# cached whole.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@cache_public_page
def step(request: HtmxHttpRequest) -> HttpResponse:
    """A question or an outcome; the answers so far are the query string."""
    flow = get_flow()
    resolution = resolve(flow, request.GET, ignore=PAGE_PARAMS)
    if not resolution.is_clean:
        return redirect(step_url({**answers_query(resolution), "fixed": "1"}))
    if request.method == "POST":
        return _read_pasted_error(request, flow, resolution)
    return _render_step(request, request.GET)


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
        query = with_code_query(flow, resolution, extract_details(pasted))
        if query is not None:
            if _wants_panel(request):
                # Render the next step at once and put its URL in the address bar.
                return push_url(_render_step(request, query), step_url(query))
            return redirect(step_url(query))
        error = _(
            "We found no AADSTS code in this text. Copy the whole error message, or type the code alone (for example 90094)."
        )
    return _render_step(request, request.GET, pasted=pasted, paste_error=error)


@require_GET
def error_entry(request: HttpRequest) -> HttpResponse:
    """Entry from an OAuth error redirect: ?error=...&error_description=... lands on its outcome."""
    details = details_from_oauth(
        request.GET.get("error", "")[:200],
        request.GET.get("error_description", "")[:MAX_PASTED_CHARS],
    )
    return redirect(step_url(error_query(get_flow(), details)))


@csrf_exempt
@require_POST
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
    return redirect(step_url({**answers_query(resolution), "solved": solved}) + "#feedback")
