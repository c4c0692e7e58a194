"""The insight dashboard: tables from anonymous events, SVG charts with tables, CSV, retention."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from helpcenter.models import ArticleFeedback, Event
from wizard.charts import bar_chart, column_chart, nice_top
from wizard.flow import get_flow
from wizard.insight import Filters, tables
from wizard.models import Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client) -> Client:
    client.force_login(User.objects.create_user("ana", "a@zeliq.example", "pw", is_staff=True))
    return client


def event(name: str, subject: str = "", detail: str = "", language: str = "fr", days_ago=0):
    created = Event.objects.create(name=name, subject=subject, detail=detail, language=language)
    if days_ago:
        Event.objects.filter(pk=created.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )


@pytest.fixture
def journeys() -> None:
    """Three customers start; two reach case 3, one prepares the email and says it is solved."""
    for _ in range(3):
        event("step_shown", "seen")
    event("answer_given", "seen", "need_admin_approval")
    event("answer_given", "seen", "need_admin_approval", language="en")
    event("outcome_reached", "case_3")
    event("outcome_reached", "case_3", language="en")
    event("email_prepared", "case_3", "mailto")
    Feedback.objects.create(outcome="case_3", language="fr", solved=True)
    event("search_miss", detail="zebra printer")
    event("search_miss", detail="zebra printer")
    event("search_miss", detail="=cmd|' /c calc'!A1", language="en")
    event("outcome_reached", "case_1", days_ago=60)  # outside the default period


def test_the_funnel_goes_from_the_first_step_to_the_problem_solved(journeys):
    funnel = tables(get_flow(), Filters(30, "")).get("funnel")
    assert [row[1:] for row in funnel.rows] == [(3, 100), (2, 67), (1, 33), (1, 33)]


def test_drop_off_says_where_customers_stop(journeys):
    drop = tables(get_flow(), Filters(30, ""))["drop-off"]
    first = drop.rows[0]
    assert first[1:] == (3, 2, 1, 33)


def test_filters_narrow_by_language_and_period(journeys):
    french = tables(get_flow(), Filters(30, "fr"))
    assert french["funnel"].rows[1][1] == 1
    year = tables(get_flow(), Filters(365, ""))
    assert sum(sum(row[1:]) for row in year["outcomes"].rows) == 3


def test_outcomes_over_time_are_counted_by_case(journeys):
    over_time = tables(get_flow(), Filters(7, ""))["outcomes"]
    assert len(over_time.rows) == 7
    assert over_time.rows[-1][1:] == (0, 0, 2, 0)


def test_top_searches_with_no_result(journeys):
    searches = tables(get_flow(), Filters(30, ""))["searches"]
    assert searches.rows[0] == ("zebra printer", "fr", 2)


def test_feedback_per_article_and_per_outcome(journeys):
    ArticleFeedback.objects.create(
        article="outlook-consent", language="fr", helpful=True, voter="a"
    )
    ArticleFeedback.objects.create(
        article="outlook-consent", language="fr", helpful=False, voter="b", comment="?"
    )
    found = tables(get_flow(), Filters(30, ""))
    article = found["article-feedback"].rows[0]
    assert article[1:] == (1, 1, 50, 1)
    case_3 = next(row for row in found["outcome-feedback"].rows if row[1] == 2)
    assert case_3[2:] == (1, 0, 100)


def test_the_dashboard_draws_accessible_svg_charts_with_tables(agent_client: Client, journeys):
    response = agent_client.get("/en/agents/insight/")
    html = response.text
    assert response.status_code == 200
    assert html.count("<svg") == 3
    assert html.count('role="img"') == 3
    assert '<title id="chart-funnel-title">' in html
    assert html.count("<table>") == 6
    assert "<script" not in html.split("<main")[1]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("query", ["?days=12", "?days=x&language=de", "?language=<b>"])
def test_unknown_filters_fall_back_to_the_defaults(agent_client: Client, query):
    assert agent_client.get("/en/agents/insight/" + query).status_code == 200


def test_every_table_exports_as_csv(agent_client: Client, journeys):
    for slug in tables(get_flow(), Filters(30, "")):
        response = agent_client.get(f"/en/agents/insight/{slug}.csv?days=30")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) >= 1


def test_a_csv_cell_a_spreadsheet_would_run_is_quoted(agent_client: Client, journeys):
    response = agent_client.get("/en/agents/insight/searches.csv?language=en")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /c calc'!A1"


def test_an_unknown_table_is_a_404(agent_client: Client):
    assert agent_client.get("/en/agents/insight/passwords.csv").status_code == 404


def test_the_csv_is_for_staff_only(client: Client):
    assert client.get("/en/agents/insight/funnel.csv").status_code == 302
    client.force_login(User.objects.create_user("c", "c@example.com", "pw"))
    assert client.get("/en/agents/insight/funnel.csv").status_code == 403


def test_bar_chart_geometry_scales_to_the_largest_value():
    chart = bar_chart([("a", 10, "10"), ("b", 5, "5"), ("c", 0, "0")])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.height > 0 and all(bar.y >= 0 for bar in chart.bars)
    assert bar_chart([]).bars == ()


def test_column_chart_stacks_the_series_and_rounds_its_scale():
    chart = column_chart([("1", [1, 2, 0]), ("2", [0, 0, 0])], ["x", "y", "z"])
    first = chart.columns[0]
    assert [segment.series for segment in first.segments] == [0, 1]
    assert first.segments[1].y < first.segments[0].y  # stacked upwards
    assert chart.columns[1].segments == ()
    assert [nice_top(n) for n in (0, 1, 3, 7, 11, 60)] == [1, 1, 5, 10, 20, 100]


def test_retention_deletes_old_events_only(settings, capsys):
    settings.HELPCENTER_EVENT_RETENTION_DAYS = 30
    event("step_shown", "seen", days_ago=31)
    event("step_shown", "seen", days_ago=29)
    call_command("purge_events", "--dry-run")
    assert "1 events" in capsys.readouterr().out
    assert Event.objects.count() == 2
    call_command("purge_events")
    assert Event.objects.count() == 1
    call_command("purge_events", "--days", "1")
    assert Event.objects.count() == 0


def test_retention_refuses_a_nonsense_period():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("purge_events", "--days", "0")
