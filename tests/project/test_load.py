"""A minute of load against the site as `make serve` runs it: 64 connections reading pages, and
writes sent below the rate limit meanwhile. No error response, and every write is stored, on
SQLite and (when the suite runs on it) PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from tests.project.services import Site

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECONDS = int(os.environ.get("HELPCENTER_LOAD_SECONDS", "60"))
CONNECTIONS = 64
READS = [
    "/fr/",
    "/fr/articles/integrer-outlook-avec-zeliq/",
    "/en/articles/connect-outlook-to-zeliq/",
    "/fr/wizard/",
    "/fr/wizard/?seen=need_admin_approval",
    "/en/wizard/?seen=approval_required",
    "/fr/admin-guide/case-3/",
    "/robots.txt",
]
# wrk reads the pages in turn, on every connection.
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def database_for_the_server(tmp_path: Path) -> tuple[str, Callable[[str], int]]:
    """The server's database URL, and how to count a table's rows in it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "load.sqlite3"

        def count(table: str) -> int:
            with sqlite3.connect(path) as db:
                return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

        return f"sqlite:///{path}", count
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )

    def count(table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            return cursor.fetchone()[0]

    return url, count


@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk")
def test_a_minute_at_64_connections_gives_no_error_and_loses_no_write(tmp_path):
    url, count = database_for_the_server(tmp_path)
    site = Site({"DATABASE_URL": url}, tmp_path / "site.log")
    site.manage("collectstatic", "--noinput", "-v", "0")
    if connection.vendor == "sqlite":
        site.manage("migrate", "--noinput", "-v", "0")
    sent = {"feedback": 0, "visits": 0}
    refused: list[int] = []
    stop = threading.Event()

    def write_below_the_limit() -> None:
        # One of each every 3 seconds: 20 a minute, under the default 30 a minute per client.
        while not stop.wait(3):
            for kind, path, form in (
                ("feedback", "/fr/wizard/feedback/", {"answers": "seen=need_admin_approval", "solved": "yes"}),
                ("visits", "/fr/wizard/visit/", {"outcome": "case_3"}),
            ):  # fmt: skip
                status = site.post(path, form).status
                sent[kind] += 1
                if status not in (204, 302):
                    refused.append(status)

    script = tmp_path / "pages.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in READS))
    with site.running():
        assert site.get("/healthz").status == 200
        writer = threading.Thread(target=write_below_the_limit)
        writer.start()
        started = time.monotonic()
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "-s", str(script), site.base],
            capture_output=True, text=True, check=True, timeout=SECONDS + 60,
        ).stdout  # fmt: skip
        stop.set()
        writer.join()
        elapsed = time.monotonic() - started
    assert elapsed >= SECONDS
    requests = int(re.search(r"(\d+) requests in", output)[1])  # type: ignore[index]
    assert requests > SECONDS * 100, output  # it was real load
    assert "Non-2xx or 3xx responses" not in output, output
    assert "Socket errors" not in output, output
    assert refused == []
    assert count("wizard_feedback") == sent["feedback"] > 0
    # Each visit is an event, and so is each "Did this solve it?" answer.
    assert count("helpcenter_event") == sent["visits"] + sent["feedback"]
