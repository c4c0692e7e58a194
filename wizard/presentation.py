"""What a wizard page shows, in one language: the engine's Resolution turned into texts and links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from helpcenter.content import Library, get_library
from helpcenter.facts import FactStore
from helpcenter.languages import Alternate, language_name
from helpcenter.markdown_render import render_inline, render_plain
from wizard.diagnostics import ErrorDetails, error_lookup_url
from wizard.engine import (
    CODE,
    Answer,
    CodeAnswer,
    Localized,
    Outcome,
    Question,
    Resolution,
    answers_query,
    change_answer_query,
    with_answer_query,
)

# The article that explains the three cases; outcomes link to its sections.
ARTICLE_KEY = "outlook-consent"
# The first question's answers are shown as look-alikes of the Microsoft screens.
SCREEN_QUESTION = "seen"


def guide_url(guide: str, lang: str, tenant: str | None = None) -> str:
    with override(lang):
        url = reverse("guides:guide", kwargs={"guide": guide})
    return url + (f"?{urlencode({'tenant': tenant})}" if tenant else "")


def guide_alternates(guide: str, query: str) -> list[Alternate]:
    """The same guide, with the same tenant, in each language."""
    suffix = f"?{query}" if query else ""
    return [
        Alternate(code, language_name(code), guide_url(guide, code) + suffix, True)
        for code, _name in settings.LANGUAGES
    ]


def step_url(query: dict[str, str]) -> str:
    return reverse("wizard:step") + (f"?{urlencode(query)}" if query else "")


@lru_cache(maxsize=4096)
def _inline(text: str, lang: str, facts_id: int) -> SafeString:
    facts: FactStore = get_library().facts
    return mark_safe(render_inline(text, facts=facts, lang=lang))  # noqa: S308  (our own content)


def inline(text: str, lang: str) -> SafeString:
    """A flow text as inline HTML, its facts rendered; cached, since flow texts never change."""
    return _inline(text, lang, id(get_library().facts))


def plain(text: str, lang: str) -> str:
    return render_plain(text, facts=get_library().facts, lang=lang)


def local(value: Localized[str] | None, lang: str) -> str:
    return (value.get(lang) if value else None) or ""


@dataclass(frozen=True)
class Choice:
    id: str
    html: SafeString
    url: str
    screen: str | None  # the look-alike template to draw, for the first question


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
class AdminRouteView:
    title_html: SafeString
    steps: tuple[SafeString, ...]


@dataclass(frozen=True)
class OutcomeView:
    id: str
    case: int | None
    title_html: SafeString
    title_text: str
    summary_html: SafeString
    user_steps: tuple[SafeString, ...]
    needs_admin: bool
    admin_steps: tuple[SafeString, ...]
    admin_routes: tuple[AdminRouteView, ...]
    delay_html: SafeString
    next_step_html: SafeString
    article_url: str | None
    error_lookup_url: str | None
    contact_support: bool
    admin_guide_url: str | None


def answer_text(given: Answer | CodeAnswer, lang: str) -> str:
    return given.display if isinstance(given, CodeAnswer) else local(given.text, lang)


def answered_steps(resolution: Resolution, lang: str) -> list[AnsweredStep]:
    return [
        AnsweredStep(
            question_html=inline(local(question.text, lang), lang),
            answer_html=inline(answer_text(given, lang), lang),
            change_url=step_url(change_answer_query(resolution, question.id)),
        )
        for question, given in resolution.answered
    ]


def question_view(resolution: Resolution, question: Question, lang: str) -> QuestionView:
    choices = tuple(
        Choice(
            id=answer.id,
            html=inline(local(answer.text, lang), lang),
            url=step_url(with_answer_query(resolution, answer.id)),
            screen=f"wizard/screens/{answer.id}.html" if question.id == SCREEN_QUESTION else None,
        )
        for answer in question.answers
    )
    return QuestionView(
        id=question.id,
        is_code=question.kind == CODE,
        html=inline(local(question.text, lang), lang),
        help_html=inline(local(question.help, lang), lang) if question.help else SafeString(""),
        choices=choices,
    )


def _article_url(library: Library, outcome: Outcome, lang: str) -> str | None:
    anchor = local(outcome.article_anchor, lang)
    translations = library.translations(ARTICLE_KEY)
    article = translations.get(lang)
    if article is None or not anchor:
        return None
    return reverse("helpcenter:article", kwargs={"slug": article.slug}) + f"#{anchor}"


def outcome_view(outcome: Outcome, details: ErrorDetails | None, lang: str) -> OutcomeView:
    library = get_library()
    lookup = None
    if outcome.error_lookup and details and details.code and "error_lookup" in library.facts.urls:
        lookup = error_lookup_url(library.facts.urls["error_lookup"].url, details.code)
    admin_steps = outcome.admin_steps.get(lang) if outcome.admin_steps else None
    return OutcomeView(
        id=outcome.id,
        case=outcome.case,
        title_html=inline(local(outcome.title, lang), lang),
        title_text=plain(local(outcome.title, lang), lang),
        summary_html=inline(local(outcome.summary, lang), lang),
        user_steps=tuple(inline(step, lang) for step in outcome.user_steps.get(lang) or ()),
        needs_admin=outcome.needs_admin,
        admin_steps=tuple(inline(step, lang) for step in admin_steps or ()),
        admin_routes=tuple(
            AdminRouteView(
                title_html=inline(local(route.title, lang), lang),
                steps=tuple(inline(step, lang) for step in route.steps.get(lang) or ()),
            )
            for route in outcome.admin_routes
        ),
        delay_html=inline(local(outcome.delay, lang), lang) if outcome.delay else SafeString(""),
        next_step_html=inline(local(outcome.next_step, lang), lang),
        article_url=_article_url(library, outcome, lang),
        error_lookup_url=lookup,
        contact_support=outcome.contact_support,
        admin_guide_url=guide_url(outcome.admin_guide, lang) if outcome.admin_guide else None,
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


def summary_text(resolution: Resolution, lang: str, page_url: str) -> str:
    """What the user copies to support: her answers, what we concluded, the error details."""
    lines = [_("Zeliq: connecting Outlook"), ""]
    for question, given in resolution.answered:
        lines.append(f"- {plain(local(question.text, lang), lang)}")
        lines.append(f"  {plain(answer_text(given, lang), lang)}")
    if resolution.outcome is not None:
        lines += [
            "",
            _("Result: %(title)s") % {"title": plain(local(resolution.outcome.title, lang), lang)},
        ]
    for label, value in detail_rows(resolution.details):
        lines.append(_("%(label)s: %(value)s") % {"label": label, "value": value})
    lines += ["", _("Link: %(url)s") % {"url": page_url}]
    return "\n".join(lines)


def justification_text(language: str) -> str:
    """What the user pastes in Microsoft's "Enter justification" box (case 2), in her language."""
    with override(language):
        return _(
            "I need to connect my Outlook mailbox to Zeliq, the sales tool I use for work, "
            "so that it can send my sales emails."
        )


def support_email() -> str:
    return settings.HELPCENTER_SUPPORT_EMAIL


def support_mailto(summary: str) -> str:
    subject = _("Connecting Outlook to Zeliq")
    return f"mailto:{support_email()}?" + urlencode(
        {"subject": subject, "body": summary}, quote_via=quote
    )


def step_context(
    resolution: Resolution, lang: str, page_path: str, page_url: str
) -> dict[str, object]:
    """Everything a wizard step or outcome page shows, for the answers in `resolution`."""
    answers = answers_query(resolution)
    outcome = resolution.outcome
    summary = summary_text(resolution, lang, page_url)
    return {
        "resolution": resolution,
        "answered": answered_steps(resolution, lang),
        "question": question_view(resolution, resolution.question, lang)
        if resolution.question
        else None,
        "outcome": outcome_view(outcome, resolution.details, lang) if outcome else None,
        "details": detail_rows(resolution.details),
        "page_url": page_url,
        "page_path": page_path,
        "start_url": step_url({}),
        "answers_qs": urlencode(answers),
        "email_action": f"{reverse('wizard:email')}?{urlencode(answers)}"
        if outcome and outcome.needs_admin
        else None,
        "justification": justification_text(lang) if outcome and outcome.case == 2 else None,
        "summary": summary,
        "support_email": support_email(),
        "support_mailto": support_mailto(summary),
    }
