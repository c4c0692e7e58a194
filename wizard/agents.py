"""The support team's page: a link to every outcome, and which outcomes customers reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from wizard.diagnostics import ErrorDetails
from wizard.flow.links import error_query, outcome_query
from wizard.flow.model import Flow
from wizard.models import Feedback, OutcomeVisit
from wizard.presentation import step_url

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
        row["outcome"]: row["count"]
        for row in OutcomeVisit.objects.filter(created_at__gte=since)
        .values("outcome")
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
