"""The page script's events: only what exists in the flow is stored, nothing about the visitor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helpcenter.events import LINK_COOKIE
from helpcenter.models import Event
from wizard.shortlinks import create_link

pytestmark = pytest.mark.django_db

EVENTS = "/fr/wizard/visit/"


def events() -> list[tuple[str, str, str, str]]:
    return list(Event.objects.order_by("id").values_list("name", "subject", "detail", "language"))


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        ({"name": "step_shown", "answers": ""}, ("step_shown", "seen", "")),
        ({"name": "step_shown", "answers": "?seen=error_code"}, ("step_shown", "code", "")),
        (
            {"name": "answer_given", "answers": "?seen=need_admin_approval"},
            ("answer_given", "seen", "need_admin_approval"),
        ),
        (
            {"name": "answer_given", "answers": "seen=error_code&code=90094"},
            ("answer_given", "code", "code"),
        ),
        (
            {"name": "outcome_reached", "answers": "?seen=need_admin_approval&solved=yes"},
            ("outcome_reached", "case_3", ""),
        ),
        (
            {"name": "email_prepared", "answers": "?seen=need_admin_approval", "channel": "copy"},
            ("email_prepared", "case_3", "copy"),
        ),
        ({"name": "guide_opened", "guide": "case-3"}, ("guide_opened", "case-3", "")),
        ({"outcome": "case_3"}, ("outcome_reached", "case_3", "")),
    ],
)
def test_an_event_is_read_from_the_pages_own_answers(client: Client, fields, stored):
    assert client.post(EVENTS, fields).status_code == 204
    assert events() == [(*stored, "fr")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "bought_a_car"}, "Unknown event"),
        ({"name": "step_shown", "answers": "?seen=nope"}, "do not fit"),
        ({"name": "outcome_reached", "answers": ""}, "do not lead"),
        ({"name": "step_shown", "answers": "?seen=need_admin_approval"}, "do not lead"),
        (
            {"name": "email_prepared", "answers": "?seen=need_admin_approval", "channel": "fax"},
            "channel",
        ),
        (
            {"name": "email_prepared", "answers": "?seen=permissions_requested", "channel": "copy"},
            "channel",
        ),
        ({"name": "guide_opened", "guide": "../../etc/passwd"}, "guide"),
        ({"outcome": "case_3' OR 1=1"}, "outcome"),
        ({"name": "step_shown", "answers": "seen=" + "x" * 5000}, "do not fit"),
    ],
)
def test_a_bad_event_is_refused_with_a_clear_400_and_nothing_stored(client, fields, message):
    with_language = {**fields}
    response = client.post("/en" + EVENTS[3:], with_language)
    assert response.status_code == 400
    assert message.casefold() in response.text.casefold()
    assert events() == []


def test_events_are_not_reachable_with_get(client: Client):
    assert client.get(EVENTS).status_code == 405


def test_an_event_carries_the_short_link_of_the_visit_and_nothing_else(client: Client):
    link = create_link(
        query={"seen": "approval_required"},
        language="en",
        expires_at=timezone.now() + timedelta(days=1),
    )
    client.get(f"/l/{link.code}/")
    client.post(EVENTS, {"name": "step_shown", "answers": ""}, REMOTE_ADDR="203.0.113.9")
    event = Event.objects.get(name="step_shown")
    assert event.link_code == link.code
    stored = " ".join(str(value) for value in Event.objects.values_list().get(pk=event.pk))
    assert "203.0.113.9" not in stored


def test_a_forged_link_cookie_is_no_link(client: Client):
    client.cookies[LINK_COOKIE] = "forged-code"
    client.post(EVENTS, {"name": "step_shown", "answers": ""})
    assert Event.objects.get().link_code == ""


def test_outcome_feedback_is_recorded_by_the_server(client: Client):
    client.post("/fr/wizard/feedback/", {"answers": "seen=need_admin_approval", "solved": "no"})
    assert events() == [("outcome_feedback", "case_3", "no", "fr")]
