"""The wizard's anonymous events, and the one endpoint the page's script sends them to.

Wizard pages are cached whole, so the server does not see each step: the script (wizard.js) sends
what the visitor sees and does, as the page's own answers (its query string). The server reads
them with the flow, exactly as the page did, so an event can only name a question, an answer, an
outcome or a guide that exists: nothing free is stored. Feedback, the .eml download and short
links are recorded where the server already sees them.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from helpcenter.events import record
from helpcenter.ratelimits import WRITES, limit_posts
from wizard.flow import get_flow
from wizard.flow.links import PAGE_PARAMS
from wizard.flow.walk import CodeAnswer, Resolution, resolve
from wizard.guides import get_guides

STEP_SHOWN = "step_shown"  # subject: the question
ANSWER_GIVEN = "answer_given"  # subject: the question; detail: the answer ("code" for a paste)
OUTCOME_REACHED = "outcome_reached"  # subject: the outcome
EMAIL_PREPARED = "email_prepared"  # subject: the outcome; detail: mailto, copy or eml
GUIDE_OPENED = "guide_opened"  # subject: the guide
OUTCOME_FEEDBACK = "outcome_feedback"  # subject: the outcome; detail: yes or no
LINK_OPENED = "link_opened"  # a short link was followed (its code is the event's link code)

EMAIL_CHANNELS = ("mailto", "copy", "eml")
MAX_ANSWERS_CHARS = 2000


def _resolution(answers: str) -> Resolution | None:
    resolution = resolve(get_flow(), QueryDict(answers.lstrip("?")), ignore=PAGE_PARAMS)
    return resolution if resolution.is_clean else None


def read_event(name: str, data: QueryDict) -> tuple[str, str] | str:
    """(subject, detail) of a valid event sent by the page, or what is wrong with it."""
    if name == OUTCOME_REACHED and "outcome" in data:
        # The outcome counter's first form: the outcome's id alone.
        outcome = data.get("outcome", "")
        return (outcome, "") if outcome in get_flow().outcomes else _("No such outcome.")
    if name == GUIDE_OPENED:
        guide = data.get("guide", "")
        if get_guides().get(get_language(), guide) is None:
            return _("No such admin guide.")
        return guide, ""
    if name not in (STEP_SHOWN, ANSWER_GIVEN, OUTCOME_REACHED, EMAIL_PREPARED):
        return _("Unknown event.")
    resolution = _resolution(data.get("answers", "")[:MAX_ANSWERS_CHARS])
    if resolution is None:
        return _("These answers do not fit the wizard.")
    if name == STEP_SHOWN and resolution.question is not None:
        return resolution.question.id, ""
    if name == ANSWER_GIVEN and resolution.answered:
        question, given = resolution.answered[-1]
        return question.id, "code" if isinstance(given, CodeAnswer) else given.id
    if name == OUTCOME_REACHED and resolution.outcome is not None:
        return resolution.outcome.id, ""
    if name == EMAIL_PREPARED and resolution.outcome is not None:
        channel = data.get("channel", "")
        if channel not in EMAIL_CHANNELS or not resolution.outcome.needs_admin:
            return _("Unknown email channel.")
        return resolution.outcome.id, channel
    return _("These answers do not lead to this event.")


@csrf_exempt  # anonymous and idempotent enough: it stores a count, nothing that belongs to anyone
@require_POST
@never_cache
@limit_posts(WRITES)
def record_event(request: HttpRequest) -> HttpResponse:
    """Stores one event sent by the page's script: 204, or 400 saying what is wrong."""
    name = request.POST.get("name", OUTCOME_REACHED)[:32]
    found = read_event(name, request.POST)
    if isinstance(found, str):
        return HttpResponse(found, status=400, content_type="text/plain; charset=utf-8")
    subject, detail = found
    record(request, name, subject, detail)
    return HttpResponse(status=204)
