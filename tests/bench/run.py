"""The benchmark: `make bench`. One run on loopback, printed as tables and written to .bench/.

1. The site under gunicorn (the production configuration): requests per second, p50 and p99 of each
   page, and its ratio to a minimal view (/favicon.ico: a redirect that renders nothing and is
   never stored by the page cache) in the same run.
2. The same pages through nginx configured as a CDN (proxy_cache honouring the site's own
   Cache-Control), against that nginx serving a static file of the same size: a help center whose
   pages say they are public is served at the proxy's own speed. Budget: 0.9. Beside each, the
   proxy's ceiling: the same cache in front of a bare origin sending a body of the same size.
3. Lighthouse (mobile) on five pages: budget 100 in all four categories.

Timings vary between machines; the ratios are what we compare. A budget that is missed is printed
as a miss; the benchmark itself never fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lighthouse  # noqa: E402
from measure import Measure, median_measure, wrk  # noqa: E402
from servers import ROOT, Nginx, bare_origin, free_port, gunicorn  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
HTMX = {"HX-Request": "true"}
ARTICLE = "/fr/articles/integrer-outlook-avec-zeliq/"
OUTCOME = "/fr/wizard/?seen=need_admin_approval"
PAGES = [
    ("article (fr)", ARTICLE, {}),
    ("article (en)", "/en/articles/connect-outlook-to-zeliq/", {}),
    ("wizard first step", "/fr/wizard/", {}),
    ("wizard outcome", OUTCOME, {}),
    ("wizard step fragment (htmx)", OUTCOME, HTMX),
]
LIGHTHOUSE_PAGES = [
    ("home", "/fr/"),
    ("article", ARTICLE),
    ("wizard step", "/fr/wizard/"),
    ("outcome", OUTCOME),
    ("admin guide", "/fr/admin-guide/case-3/"),
]
PROXY_BUDGET = 0.9


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


def static_file_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["helpcenter/site.css"]


def rounds(url: str, headers: dict[str, str]) -> Measure:
    return median_measure([wrk(url, headers) for _ in range(ROUNDS)])


def row(name: str, measure: Measure, ratio: float, budget: str = "", *extra: float) -> str:
    errors = f"  {measure.errors} ERRORS" if measure.errors else ""
    return (
        f"| {name:<34} | {measure.rate:>8.0f} | {measure.p50_ms:>7.2f} | {measure.p99_ms:>7.2f} "
        f"| {ratio:>5.2f} | {budget:<12} |" + "".join(f" {cell:>5.2f} |" for cell in extra) + errors
    )


def direct_table(base: str) -> list[str]:
    etag = fetch(base + ARTICLE)[1]["ETag"]
    targets = [
        *PAGES,
        ("304 revalidation (article)", ARTICLE, {"If-None-Match": etag}),
        ("static file (site.css)", static_file_path(), {}),
    ]
    for _name, path, headers in [("", "/favicon.ico", {}), *targets]:  # warm every worker
        for _ in range(6):
            with contextlib.suppress(urllib.error.HTTPError):  # the 304
                fetch(base + path, headers)
    minimal = rounds(base + "/favicon.ico", {})
    lines = [
        "## The site under gunicorn",
        "",
        "| page | req/s | p50 ms | p99 ms | ratio | budget |",
        "|---|---:|---:|---:|---:|---|",
        row("minimal view (/favicon.ico)", minimal, 1.0),
    ]
    for name, path, headers in targets:
        measure = rounds(base + path, headers)
        lines.append(row(name, measure, measure.rate / minimal.rate))
    return lines


def interleaved_rounds(urls: list[str], headers: dict[str, str]) -> list[Measure]:
    """Rounds of each URL in turn, so that a slow patch of the machine (a shared VM) weighs on
    every side of a ratio alike. `headers` go with the first URL only."""
    rounds_ = [
        [wrk(url, headers if index == 0 else {}) for index, url in enumerate(urls)]
        for _ in range(ROUNDS)
    ]
    return [median_measure([r[index] for r in rounds_]) for index in range(len(urls))]


def proxy_row(
    nginx: Nginx, ceiling: Nginx, name: str, path: str, headers: dict[str, str], index: int
) -> str:
    body, _headers = fetch(nginx.base + path, headers)
    same_size = nginx.same_size_file(f"page-{index}.html", len(body))
    bare = f"{ceiling.base}/{len(body)}"
    for _ in range(3):
        fetch(nginx.base + path, headers)
        fetch(bare)
    page, static, bare_page = interleaved_rounds([nginx.base + path, same_size, bare], headers)
    ratio = page.rate / static.rate
    verdict = f"{'ok' if ratio >= PROXY_BUDGET else 'MISS'} (>= {PROXY_BUDGET})"
    ceiling_ratio = bare_page.rate / static.rate
    return row(
        f"{name}, {len(body) // 1024} KB", page, ratio, verdict, ceiling_ratio,
        page.rate / bare_page.rate,
    )  # fmt: skip


def proxy_table(base: str) -> list[str]:
    lines = [
        "",
        "## Through nginx's proxy_cache, against nginx serving a static file of the same size",
        "",
        "The ceiling is the same cache in front of a bare origin that sends a body of the page's",
        "size with three headers: what nginx's cache itself costs, whatever the site does.",
        "",
        "| page | req/s | p50 ms | p99 ms | ratio | budget | ceiling | page/ceiling |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    with (
        Nginx(base).running() as nginx,
        bare_origin() as origin,
        Nginx(origin).running() as ceiling,
    ):
        for index, (name, path, headers) in enumerate(
            [*PAGES, ("robots.txt, the site's smallest page", "/robots.txt", {})]
        ):
            lines.append(proxy_row(nginx, ceiling, name, path, headers, index))
    return lines


def lighthouse_table(base: str) -> list[str]:
    lines = ["", "## Lighthouse (mobile), budget 100", ""]
    missing = lighthouse.available()
    if missing:
        return [*lines, f"not run: {missing}"]
    lines += [
        "| page | " + " | ".join(lighthouse.CATEGORIES) + " | transferred | requests |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path in LIGHTHOUSE_PAGES:
        scores, weight = lighthouse.report(base + path)
        cells = [
            "n/a" if score is None else (f"{score}" if score == 100 else f"{score} MISS")
            for score in scores.values()
        ]
        kilobytes, requests = weight.get("bytes", float("nan")) / 1000, weight.get("requests", 0)
        if path == ARTICLE:  # the article's budget: 25 KB in at most 5 requests
            cells.append(f"{kilobytes:.1f} KB" + ("" if kilobytes <= 25 else " MISS (<= 25)"))
            cells.append(f"{requests}" + ("" if requests <= 5 else " MISS (<= 5)"))
        else:
            cells += [f"{kilobytes:.1f} KB", f"{requests}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get install wrk (Debian/Ubuntu) or brew install wrk")
        return 0
    with gunicorn(free_port()) as base:
        lines = direct_table(base)
        if shutil.which("nginx"):
            lines += proxy_table(base)
        else:
            lines += ["", "nginx is not installed (apt-get install nginx): proxy table not run"]
        lines += lighthouse_table(base)
    report = "\n".join(lines)
    print(report)
    out = ROOT / ".bench"
    out.mkdir(exist_ok=True)
    (out / "results.md").write_text(report + "\n", encoding="utf-8")
    print(f"\nwritten to {out / 'results.md'}; medians of {ROUNDS} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
