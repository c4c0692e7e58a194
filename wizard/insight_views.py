"""The insight dashboard (staff only, never cached) and its CSV exports."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from helpcenter.languages import language_name
from helpcenter.staff import staff_page
from wizard.charts import BarChart, ColumnChart, bar_chart, column_chart
from wizard.flow import get_flow
from wizard.insight import PERIODS, Filters, Table, tables

DEFAULT_DAYS = 30


class FilterForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["days"].choices = [
            (days, _("Last %(days)s days") % {"days": days}) for days in PERIODS
        ]
        self.fields["language"].choices = [
            ("", _("Every language")),
            *((code, language_name(code)) for code, _name in settings.LANGUAGES),
        ]

    def filters(self) -> Filters:
        """The filters asked for; anything unknown falls back to the defaults."""
        if not self.is_valid():
            return Filters(DEFAULT_DAYS, "")
        return Filters(self.cleaned_data["days"] or DEFAULT_DAYS, self.cleaned_data["language"])


def csv_cell(value: object) -> object:
    """A cell as written to CSV: a text a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _percent_text(value: object) -> str:
    return "–" if value is None else f"{value} %"


@dataclass(frozen=True)
class Section:
    """One table of the page, with its chart if it has one."""

    table: Table
    chart_title: str = ""
    bars: BarChart | None = None
    columns: ColumnChart | None = None


def sections(found: dict[str, Table]) -> list[Section]:
    over_time, funnel, drop = found["outcomes"], found["funnel"], found["drop-off"]
    charted = [
        Section(
            over_time,
            columns=column_chart(
                [(row[0], row[1:]) for row in over_time.rows], over_time.columns[1:]
            ),
        ),
        Section(
            funnel,
            chart_title=funnel.title,
            bars=bar_chart([(row[0], row[1], str(row[1])) for row in funnel.rows]),
        ),
        Section(
            drop,
            chart_title=str(_("Share of customers who left at each question")),
            bars=bar_chart(
                [(row[0], row[4] or 0, _percent_text(row[4])) for row in drop.rows],
                label_width=300,
            ),
        ),
    ]
    shown = {section.table.slug for section in charted}
    return charted + [Section(table) for slug, table in found.items() if slug not in shown]


@staff_page
@require_safe
def insight(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    found = tables(get_flow(), filters)
    query = {"days": filters.days, "language": filters.language}
    context = {
        "form": form,
        "filters": filters,
        "sections": sections(found),
        "query_string": urlencode(query),
    }
    return render(request, "wizard/insight.html", context)


@staff_page
@require_safe
def insight_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the dashboard, with the page's filters, as CSV (UTF-8 with a BOM for Excel)."""
    filters = FilterForm(request.GET or None).filters()
    found = tables(get_flow(), filters).get(table)
    if found is None:
        raise Http404("No such table.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"zeliq-{found.slug}-{filters.days}d{'-' + filters.language if filters.language else ''}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(found.columns)
    writer.writerows([csv_cell(cell) for cell in row] for row in found.rows)
    return response
