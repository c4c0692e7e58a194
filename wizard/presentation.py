"""What a wizard page shows, in the active language: the engine's Resolution as texts and links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helpcenter.content import get_library
from helpcenter.content.localized import LocalizedText
from helpcenter.content.references import registered_kinds
from helpcenter.languages import Alternate, language_name, reverse_in
from wizard.diagnostics import ErrorDetails
from wizard.flow import get_flow
from wizard.flow.links import answers_query, change_answer_query, with_answer_query
from wizard.flow.model import CODE, AdminRoute, Outcome, Question
from wizard.flow.walk import CodeAnswer, Given, Resolution

# The first question's answers are shown as look-alikes of the Microsoft screens.
SCREEN_QUESTION = "seen"


def step_url(query: dict[str, str]) -> str:
    return reverse("wizard:step", query=query)


def guide_url(guide: str, lang: str, tenant: str | None = None) -> str:
    query = {"tenant": tenant} if tenant else None
    return reverse_in(lang, "guides:guide", kwargs={"guide": guide}, query=query)


def guide_alternates(guide: str, tenant: str | None) -> list[Alternate]:
    """The same guide, with the same tenant, in each language."""
    return [
        Alternate(code, language_name(code), guide_url(guide, code, tenant), True)
        for code, _name in settings.LANGUAGES
    ]


def answer_html(given: Given) -> SafeString:
    return escape(given.display) if isinstance(given, CodeAnswer) else given.text.html


def answer_plain(given: Given) -> str:
    return given.display if isinstance(given, CodeAnswer) else given.text.plain


def html_of(text: LocalizedText | None) -> SafeString:
    return text.html if text is not None else SafeString("")


@dataclass(frozen=True)
class Choice:
    id: str
    html: SafeString
    url: str
    screen: str | None  # the look-alike template to draw, for the first question
    # What the drawn screen says, every text with its English and French variants: the drawing's
    # accessible description, and the list under the drawings. None for a drawing without text.
    screen_texts: SafeString | None = None


@dataclass(frozen=True)
class AnsweredStep:
    question_html: SafeString
    answer_html: SafeString
    change_url: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    is_code: bool
    html: SafeString
    help_html: SafeString
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class OutcomeView:
    id: str
    case: int | None
    title_html: SafeString
    title_text: str
    summary_html: SafeString
    user_steps: tuple[LocalizedText, ...]
    needs_admin: bool
    admin_steps: tuple[LocalizedText, ...]
    admin_routes: tuple[AdminRoute, ...]
    delay_html: SafeString
    next_step_html: SafeString
    article_url: str | None
    contact_support: bool
    admin_guide_url: str | None
    # What Microsoft says of the user's code, from the facts (an unmapped code shows the message
    # the user pasted instead: see the views).
    code_html: SafeString | None = None
    code_message: str | None = None


def answered_steps(resolution: Resolution) -> list[AnsweredStep]:
    return [
        AnsweredStep(
            question_html=question.text.html,
            answer_html=answer_html(given),
            change_url=step_url(change_answer_query(resolution, question.id)),
        )
        for question, given in resolution.answered
    ]


def _screen_texts(template: str) -> SafeString | None:
    texts = render_to_string(template, {"part": "text"}).strip()
    return mark_safe(texts) if texts else None  # noqa: S308  (a template of ours, autoescaped)


def question_view(resolution: Resolution, question: Question) -> QuestionView:
    screens = question.id == SCREEN_QUESTION
    choices = tuple(
        Choice(
            id=answer.id,
            html=answer.text.html,
            url=step_url(with_answer_query(resolution, answer.id)),
            screen=f"wizard/screens/{answer.id}.html" if screens else None,
            screen_texts=_screen_texts(f"wizard/screens/{answer.id}.html") if screens else None,
        )
        for answer in question.answers
    )
    return QuestionView(
        id=question.id,
        is_code=question.kind == CODE,
        html=question.text.html,
        help_html=html_of(question.help),
        choices=choices,
    )


def _article_url(outcome: Outcome) -> str | None:
    """The section of the help article that explains the outcome, in the reader's language."""
    article_key, anchor = get_flow().article, outcome.article_anchor
    if not article_key or anchor is None:
        return None
    article = get_library().articles.translations(article_key).get(get_language())
    if article is None:
        return None
    return reverse("helpcenter:article", kwargs={"slug": article.slug}, fragment=str(anchor))


def _code_meaning(details: ErrorDetails | None) -> dict[str, object]:
    """Microsoft's name and message for the user's code: outcomes are per family of codes, so the
    page says what this one means."""
    facts = get_library().facts
    code = facts.codes.get(details.code) if details and details.code else None
    if code is None:
        return {}
    return {
        "code_html": registered_kinds()["code"].html(facts, details.code),  # type: ignore[union-attr]
        "code_message": code.message,
    }


def outcome_view(outcome: Outcome, details: ErrorDetails | None) -> OutcomeView:
    return OutcomeView(
        **_code_meaning(details),  # type: ignore[arg-type]
        id=outcome.id,
        case=outcome.case,
        title_html=outcome.title.html,
        title_text=outcome.title.plain,
        summary_html=outcome.summary.html,
        user_steps=outcome.user_steps,
        needs_admin=outcome.needs_admin,
        admin_steps=outcome.admin_steps or (),
        admin_routes=outcome.admin_routes,
        delay_html=html_of(outcome.delay),
        next_step_html=outcome.next_step.html,
        article_url=_article_url(outcome),
        contact_support=outcome.contact_support,
        admin_guide_url=guide_url(outcome.admin_guide, get_language())
        if outcome.admin_guide
        else None,
    )


def detail_rows(details: ErrorDetails | None) -> list[tuple[str, str]]:
    """The error details we read, as (label, value) rows, for the page and the summary."""
    if details is None:
        return []
    rows = (
        (_("Error code"), f"AADSTS{details.code}" if details.code else details.oauth_error),
        (_("Correlation ID"), details.correlation_id),
        (_("Request ID"), details.request_id),
        (_("Timestamp"), details.timestamp),
    )
    return [(label, value) for label, value in rows if value]


def summary_text(resolution: Resolution, page_url: str) -> str:
    """What the user copies to support: her answers, what we concluded, the error details."""
    lines = [_("Zeliq: connecting Outlook"), ""]
    for question, given in resolution.answered:
        lines.append(f"- {question.text.plain}")
        lines.append(f"  {answer_plain(given)}")
    if resolution.outcome is not None:
        lines += ["", _("Result: %(title)s") % {"title": resolution.outcome.title.plain}]
    for label, value in detail_rows(resolution.details):
        lines.append(_("%(label)s: %(value)s") % {"label": label, "value": value})
    lines += ["", _("Link: %(url)s") % {"url": page_url}]
    return "\n".join(lines)


def justification_text() -> str:
    """What the user pastes in Microsoft's "Enter justification" box (case 2)."""
    return _(
        "I need to connect my Outlook mailbox to Zeliq, the sales tool I use for work, "
        "so that it can send my sales emails."
    )


def support_mailto(summary: str) -> str:
    subject = _("Connecting Outlook to Zeliq")
    query = urlencode({"subject": subject, "body": summary}, quote_via=quote)
    return f"mailto:{settings.HELPCENTER_SUPPORT_EMAIL}?{query}"


def step_context(resolution: Resolution, page_path: str, page_url: str) -> dict[str, object]:
    """Everything a wizard step or outcome page shows, for the answers in `resolution`."""
    answers = answers_query(resolution)
    outcome = resolution.outcome
    summary = summary_text(resolution, page_url)
    return {
        "resolution": resolution,
        "answered": answered_steps(resolution),
        "question": question_view(resolution, resolution.question) if resolution.question else None,
        "outcome": outcome_view(outcome, resolution.details) if outcome else None,
        "details": detail_rows(resolution.details),
        "page_url": page_url,
        "page_path": page_path,
        "start_url": step_url({}),
        "answers_qs": urlencode(answers),
        "email_action": reverse("wizard:email", query=answers)
        if outcome and outcome.needs_admin
        else None,
        "justification": justification_text() if outcome and outcome.case == 2 else None,
        "summary": summary,
        "support_email": settings.HELPCENTER_SUPPORT_EMAIL,
        "support_mailto": support_mailto(summary),
    }
