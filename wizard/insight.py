"""The insight dashboard's tables: what customers reach, where they stop, what they think.

Each table is computed from the anonymous events (helpcenter.models.Event) and the feedback, for a
period and a language, as plain rows: the page draws them (a chart and a table) and the CSV export
writes them, so both always say the same thing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpcenter.content import get_library
from helpcenter.events import SEARCH_MISS
from helpcenter.models import ArticleFeedback, Event
from wizard.events import ANSWER_GIVEN, EMAIL_PREPARED, OUTCOME_REACHED, STEP_SHOWN
from wizard.flow.model import Flow
from wizard.models import Feedback

PERIODS = (7, 30, 90, 365)
TOP_SEARCHES = 20
TABLE_TITLES = {
    "outcomes": gettext_lazy("Outcomes by case over time"),
    "funnel": gettext_lazy("From the first step to the problem solved"),
    "drop-off": gettext_lazy("Where customers stop"),
    "outcome-feedback": gettext_lazy("“Did this solve it?” per outcome"),
    "article-feedback": gettext_lazy("“Did this answer your question?” per article"),
    "searches": gettext_lazy("Top searches with no result"),
}


@dataclass(frozen=True)
class Filters:
    days: int
    language: str  # "" for every language

    @property
    def since(self) -> datetime:
        return timezone.now() - timedelta(days=self.days)

    def events(self, *names: str) -> QuerySet[Event]:
        events = Event.objects.filter(name__in=names, created_at__gte=self.since)
        return events.filter(language=self.language) if self.language else events


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _day_buckets(filters: Filters) -> list[date]:
    """Days for a short period, Mondays (weeks) for a long one."""
    today = timezone.localdate()
    first = today - timedelta(days=filters.days - 1)
    if filters.days <= 31:
        return [first + timedelta(days=n) for n in range(filters.days)]
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=n) for n in range((today - monday).days // 7 + 1)]


def outcomes_over_time(flow: Flow, filters: Filters) -> Table:
    buckets = _day_buckets(filters)
    weekly = filters.days > 31
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    reached = (
        filters.events(OUTCOME_REACHED)
        .annotate(day=TruncDate("created_at"))
        .values_list("day", "subject")
        .annotate(count=Count("id"))
    )
    for day, outcome_id, count in reached:
        bucket = day - timedelta(days=day.weekday()) if weekly else day
        outcome = flow.outcomes.get(outcome_id)
        case = f"case {outcome.case}" if outcome and outcome.case else "other"
        counts[bucket][case] += count
    series = ("case 1", "case 2", "case 3", "other")
    rows = [
        (date_format(bucket, "SHORT_DATE_FORMAT"), *(counts[bucket][s] for s in series))
        for bucket in buckets
    ]
    columns = (
        _("Week of") if weekly else _("Day"),
        *(_("Case %(number)s") % {"number": n} for n in (1, 2, 3)),
        _("Other outcomes"),
    )
    return Table("outcomes", str(TABLE_TITLES["outcomes"]), columns, rows)


def funnel(flow: Flow, filters: Filters) -> Table:
    started = filters.events(STEP_SHOWN).filter(subject=flow.start).count()
    reached = filters.events(OUTCOME_REACHED).count()
    prepared = filters.events(EMAIL_PREPARED).count()
    solved = Feedback.objects.filter(created_at__gte=filters.since, solved=True)
    if filters.language:
        solved = solved.filter(language=filters.language)
    stages = [
        (_("Started the wizard"), started),
        (_("Reached an outcome"), reached),
        (_("Prepared the email to the admin"), prepared),
        (_("Said it solved the problem"), solved.count()),
    ]
    rows = [(stage, count, percent(count, started)) for stage, count in stages]
    columns = (_("Stage"), _("Count"), _("% of those who started"))
    return Table("funnel", str(TABLE_TITLES["funnel"]), columns, rows)


def drop_off(flow: Flow, filters: Filters) -> Table:
    shown = Counter(
        dict(filters.events(STEP_SHOWN).values_list("subject").annotate(count=Count("id")))
    )
    answered = Counter(
        dict(filters.events(ANSWER_GIVEN).values_list("subject").annotate(count=Count("id")))
    )
    rows = []
    for question, _query in flow.walk():
        seen, went_on = shown[question.id], answered[question.id]
        left = max(0, seen - went_on)
        rows.append((question.text.plain, seen, went_on, left, percent(left, seen)))
    columns = (_("Question"), _("Shown"), _("Answered"), _("Left here"), _("% who left"))
    return Table("drop-off", str(TABLE_TITLES["drop-off"]), columns, rows)


def outcome_feedback(flow: Flow, filters: Filters) -> Table:
    reached = Counter(
        dict(filters.events(OUTCOME_REACHED).values_list("subject").annotate(count=Count("id")))
    )
    votes = Feedback.objects.filter(created_at__gte=filters.since)
    if filters.language:
        votes = votes.filter(language=filters.language)
    by_outcome = {
        row["outcome"]: row
        for row in votes.values("outcome").annotate(
            yes=Count("id", filter=Q(solved=True)), no=Count("id", filter=Q(solved=False))
        )
    }
    rows = []
    for outcome in flow.outcomes.values():
        row = by_outcome.get(outcome.id, {"yes": 0, "no": 0})
        yes, no = row["yes"], row["no"]
        rows.append((outcome.title.plain, reached[outcome.id], yes, no, percent(yes, yes + no)))
    rows.sort(key=lambda row: (-row[1], row[0]))
    columns = (_("Outcome"), _("Reached"), _("Solved"), _("Not solved"), _("% solved"))
    return Table("outcome-feedback", str(TABLE_TITLES["outcome-feedback"]), columns, rows)


def article_feedback(filters: Filters) -> Table:
    votes = ArticleFeedback.objects.filter(updated_at__gte=filters.since)
    if filters.language:
        votes = votes.filter(language=filters.language)
    articles = get_library().articles
    rows = []
    for row in votes.values("article").annotate(
        yes=Count("id", filter=Q(helpful=True)),
        no=Count("id", filter=Q(helpful=False)),
        comments=Count("id", filter=~Q(comment="")),
    ):
        translations = articles.translations(row["article"])
        shown = translations.get(filters.language or "") or translations.get(
            articles.source_language
        )
        title = shown.title if shown else row["article"]
        yes, no = row["yes"], row["no"]
        rows.append((title, yes, no, percent(yes, yes + no), row["comments"]))
    rows.sort(key=lambda row: (-(row[1] + row[2]), row[0]))
    columns = (_("Article"), _("Yes"), _("No"), _("% yes"), _("Comments"))
    return Table("article-feedback", str(TABLE_TITLES["article-feedback"]), columns, rows)


def searches(filters: Filters) -> Table:
    misses = (
        filters.events(SEARCH_MISS)
        .values_list("detail", "language")
        .annotate(count=Count("id"))
        .order_by("-count", "detail")[:TOP_SEARCHES]
    )
    rows = [(term, language, count) for term, language, count in misses]
    columns = (_("Search"), _("Language"), _("Times"))
    return Table("searches", str(TABLE_TITLES["searches"]), columns, rows)


def tables(flow: Flow, filters: Filters) -> dict[str, Table]:
    """Every table of the dashboard, by slug, in the page's order."""
    found = (
        outcomes_over_time(flow, filters),
        funnel(flow, filters),
        drop_off(flow, filters),
        outcome_feedback(flow, filters),
        article_feedback(filters),
        searches(filters),
    )
    return {table.slug: table for table in found}
