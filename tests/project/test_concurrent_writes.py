"""Votes and events sent at the same moment by many clients are all stored: sent = stored.

The requests go to a real gunicorn (two processes, four threads each) on loopback, so that
they really run at once, each with its own database connection: on SQLite a database file of the
test's own (the suite's in-memory database cannot be shared with another process), on PostgreSQL
the suite's test database.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 40
FEEDBACK = "/en/articles/connect-outlook-to-zeliq/feedback/"
EVENTS = "/fr/wizard/visit/"

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database(tmp_path: Path) -> tuple[str, Callable[[str], int]]:
    """The database URL for the server, and a way to count rows of a table in it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "concurrent.sqlite3"

        def count(table: str) -> int:
            with sqlite3.connect(path) as db:
                return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        return f"sqlite:///{path}", count
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )

    def count(table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")
            return cursor.fetchone()[0]

    return url, count


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Callable[[str], int]]]:
    database_url, count = _database(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "true",
        "HELPCENTER_WRITE_RATE": "10000/m",
    }
    if connection.vendor == "sqlite":
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "helpcenter.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base, count
    finally:
        process.terminate()
        process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def post(url: str, fields: dict[str, str], cookie: str = "") -> int:
    request = urllib.request.Request(url, data=urlencode(fields).encode(), method="POST")
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def in_parallel(send: Callable[[int], int], count: int) -> list[int]:
    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(send, range(count)))


def test_concurrent_votes_from_many_visitors_are_all_stored(server):
    base, count = server
    statuses = in_parallel(
        lambda i: post(base + FEEDBACK, {"helpful": "yes" if i % 3 else "no"}), CLIENTS
    )
    assert statuses == [302] * CLIENTS
    assert count("helpcenter_articlefeedback") == CLIENTS


def test_concurrent_votes_of_one_visitor_stay_one_vote(server):
    base, count = server
    request = urllib.request.Request(base + FEEDBACK, data=b"helpful=yes", method="POST")
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        cookie = error.headers["Set-Cookie"].split(";")[0]
    statuses = in_parallel(
        lambda i: post(base + FEEDBACK, {"helpful": "no" if i % 2 else "yes"}, cookie), 16
    )
    assert set(statuses) == {302}
    assert count("helpcenter_articlefeedback") == 1


def test_concurrent_events_from_many_clients_are_all_stored(server):
    base, count = server
    statuses = in_parallel(
        lambda i: post(base + EVENTS, {"name": "step_shown", "answers": ""}), CLIENTS * 2
    )
    assert statuses == [204] * CLIENTS * 2
    assert count("helpcenter_event") == CLIENTS * 2
