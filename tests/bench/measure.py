"""Load a URL with wrk for a few seconds: requests per second and latency percentiles."""

from __future__ import annotations

import re
import statistics
import subprocess
from dataclasses import dataclass

DURATION = "3s"
CONNECTIONS = 16


@dataclass(frozen=True)
class Measure:
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    errors: int  # responses that were neither 2xx nor 3xx, and socket errors


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _latency(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    return float(match[1]) * _UNITS[match[2]] if match else float("nan")


def wrk(url: str, headers: dict[str, str] | None = None, duration: str = DURATION) -> Measure:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return Measure(
        rate=float(rate[1]) if rate else 0.0,
        p50_ms=_latency(output, "50"),
        p99_ms=_latency(output, "99"),
        errors=errors,
    )


def median_measure(measures: list[Measure]) -> Measure:
    """The median of several rounds, each figure on its own."""
    return Measure(
        rate=statistics.median(m.rate for m in measures),
        p50_ms=statistics.median(m.p50_ms for m in measures),
        p99_ms=statistics.median(m.p99_ms for m in measures),
        errors=sum(m.errors for m in measures),
    )
