"""The support team's page: the links agents made and what became of them, and a ready link to
every outcome with how often customers reach it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.http import QueryDict
from django.utils import timezone

from helpcenter.models import Event
from wizard.diagnostics import ErrorDetails
from wizard.events import EMAIL_PREPARED, OUTCOME_REACHED
from wizard.flow.links import error_query, outcome_query
from wizard.flow.model import Flow
from wizard.flow.walk import resolve
from wizard.models import Feedback, ShortLink
from wizard.presentation import step_url
from wizard.shortlinks import macro_path, short_path

DASHBOARD_DAYS = 30


@dataclass(frozen=True)
class OutcomeRow:
    id: str
    title: str
    path: str | None  # the shortest wizard link to it; None when only an unknown code leads there
    codes: tuple[tuple[str, str], ...]  # (AADSTS code, wizard link) that land here
    visits: int
    solved: int
    not_solved: int


def outcome_rows(flow: Flow) -> list[OutcomeRow]:
    since = timezone.now() - timedelta(days=DASHBOARD_DAYS)
    visits = {
        row["subject"]: row["count"]
        for row in Event.objects.filter(name=OUTCOME_REACHED, created_at__gte=since)
        .values("subject")
        .annotate(count=Count("id"))
    }
    feedback = {
        row["outcome"]: row
        for row in Feedback.objects.filter(created_at__gte=since)
        .values("outcome")
        .annotate(
            solved_count=Count("id", filter=Q(solved=True)),
            not_solved_count=Count("id", filter=Q(solved=False)),
        )
    }
    rows = []
    for outcome in flow.outcomes.values():
        query = outcome_query(flow, outcome.id)
        codes = tuple(
            (f"AADSTS{code}", step_url(error_query(flow, ErrorDetails(code=code))))
            for code, target in flow.codes.items()
            if target == outcome.id
        )
        rows.append(
            OutcomeRow(
                id=outcome.id,
                title=outcome.title.plain,
                path=step_url(query) if query is not None else None,
                codes=codes,
                visits=visits.get(outcome.id, 0),
                solved=feedback.get(outcome.id, {}).get("solved_count", 0),
                not_solved=feedback.get(outcome.id, {}).get("not_solved_count", 0),
            )
        )
    return sorted(rows, key=lambda row: (-row.visits, row.title))


@dataclass(frozen=True)
class LinkRow:
    link: ShortLink
    path: str  # /l/<code>/, or the macro's template
    place: str  # where it opens: the outcome's or the question's text
    opened: int
    last_opened: datetime | None
    outcomes: tuple[str, ...]  # the outcomes the customer reached through it
    email_prepared: bool
    expired: bool


def place_title(flow: Flow, query: str) -> str:
    """What a link opens at, in the active language."""
    resolution = resolve(flow, QueryDict(query))
    if resolution.outcome is not None:
        return resolution.outcome.title.plain
    return resolution.question.text.plain if resolution.question else ""


def link_rows(flow: Flow, links: Iterable[ShortLink]) -> list[LinkRow]:
    """Each link with whether the customer opened it, reached an outcome, prepared the email."""
    links = list(links)
    reached: dict[str, list[str]] = {}
    prepared: set[str] = set()
    events = Event.objects.filter(
        link_code__in=[link.code for link in links], name__in=(OUTCOME_REACHED, EMAIL_PREPARED)
    ).values_list("link_code", "name", "subject")
    for code, name, subject in events.order_by("created_at"):
        if name == EMAIL_PREPARED:
            prepared.add(code)
        elif subject not in reached.setdefault(code, []):
            reached[code].append(subject)
    return [
        LinkRow(
            link=link,
            path=macro_path(link) if link.is_macro else short_path(link),
            place=place_title(flow, link.query),
            opened=link.times_opened,
            last_opened=link.last_opened_at,
            outcomes=tuple(
                flow.outcomes[outcome].title.plain
                for outcome in reached.get(link.code, ())
                if outcome in flow.outcomes
            ),
            email_prepared=link.code in prepared,
            expired=link.has_expired,
        )
        for link in links
    ]
