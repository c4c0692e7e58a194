"""Throughput of the site under gunicorn, as ratios against a minimal view in the same run.

Run with `make bench`. It starts gunicorn on 127.0.0.1 (DEBUG off, static files collected), loads
each URL with wrk for a few seconds, and prints requests per second and the ratio to /favicon.ico,
a view that renders nothing and is never stored in the page cache: the cost of Django's middleware
and URL resolution alone. Timings vary between machines; the ratios are what we compare.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "3s")
# Each URL is measured this many times, interleaved with the others; the median is kept, so that a
# burst of activity elsewhere on the machine does not decide the result.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
BASE = f"http://127.0.0.1:{PORT}"

BASELINE = ("minimal view (/favicon.ico)", "/favicon.ico", {})
TARGETS = [
    ("wizard step fragment (htmx)", "/fr/wizard/?seen=need_admin_approval", {"HX-Request": "true"}),
    ("wizard first step fragment (htmx)", "/fr/wizard/", {"HX-Request": "true"}),
    ("wizard step full page", "/fr/wizard/?seen=need_admin_approval", {}),
    ("article page", "/fr/articles/integrer-outlook-avec-zeliq/", {}),
]
# The wizard's acceptance bar: a step fragment at 80% or more of the minimal view.
REQUIRED = {"wizard step fragment (htmx)": 0.8}


def wait_for_server(timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(BASE + "/robots.txt", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def requests_per_second(path: str, headers: dict[str, str]) -> float:
    command = ["wrk", "-t1", "-c16", f"-d{DURATION}", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, BASE + path], capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{path}: {non_2xx.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]


def main() -> int:
    if shutil.which("wrk") is None:
        print(
            "wrk is needed: apt-get install wrk (Debian/Ubuntu) or brew install wrk",
            file=sys.stderr,
        )
        return 1
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            print(f"port {PORT} is busy: set BENCH_PORT", file=sys.stderr)
            return 1
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-" + "x" * 40),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "helpcenter.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_server()
        for _name, path, headers in [BASELINE, *TARGETS]:  # warm every worker's caches
            for _ in range(4):
                urllib.request.urlopen(urllib.request.Request(BASE + path, headers=headers)).read()
        rates: dict[str, list[float]] = {name: [] for name, _path, _headers in [BASELINE, *TARGETS]}
        for _round in range(ROUNDS):
            for name, path, headers in [BASELINE, *TARGETS]:
                rates[name].append(requests_per_second(path, headers))
        baseline = statistics.median(rates[BASELINE[0]])
        print(f"{BASELINE[0]:<40} {baseline:>9.0f} req/s   1.00")
        failed = False
        for name, _path, _headers in TARGETS:
            rate = statistics.median(rates[name])
            ratio = rate / baseline
            bar = REQUIRED.get(name)
            verdict = (
                ""
                if bar is None
                else (f"  ok (>= {bar:.2f})" if ratio >= bar else f"  BELOW {bar:.2f}")
            )
            failed |= bar is not None and ratio < bar
            print(f"{name:<40} {rate:>9.0f} req/s   {ratio:.2f}{verdict}")
        return 1 if failed else 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
