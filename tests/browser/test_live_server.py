"""The browser tests' server stores what a page sends at once, as gunicorn does.

A wizard page sends two events together (wizard.js: the step shown and the answer given). The
live server answers each request in a thread of its own; this checks that simultaneous writes
all land instead of failing with a 503 that a browser test would see as a console error.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from helpcenter.content import get_library
from helpcenter.models import Event
from tests.project.services import fetch

AT_ONCE = 8
ROUNDS = 10


def test_events_sent_at_once_are_all_stored(live_server, transactional_db, settings):
    settings.HELPCENTER_WRITE_RATE = "100000/m"
    url = f"{live_server.url}/en/wizard/visit/"
    get_library()  # loaded before the first request, as helpcenter/wsgi.py does in production
    event = {"name": "answer_given", "answers": "?seen=need_admin_approval"}

    with ThreadPoolExecutor(AT_ONCE) as pool:
        statuses = list(
            pool.map(lambda _: fetch(url, event, timeout=10).status, range(AT_ONCE * ROUNDS))
        )

    assert statuses == [204] * (AT_ONCE * ROUNDS)
    assert Event.objects.filter(name="answer_given").count() == AT_ONCE * ROUNDS
