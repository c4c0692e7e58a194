"""The query strings of wizard links, on a synthetic flow."""

from __future__ import annotations

from tests.wizard.flows import make_flow
from wizard.diagnostics import details_from_oauth, extract_details
from wizard.flow.links import (
    change_answer_query,
    error_query,
    outcome_query,
    with_answer_query,
    with_code_query,
)
from wizard.flow.walk import resolve

FLOW = make_flow()
GUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER_GUID = "5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b"


def test_changing_an_answer_drops_it_and_everything_after_it():
    query = {"seen": "b", "more": "no", "code": "90094"}
    resolution = resolve(FLOW, query)
    assert change_answer_query(resolution, "more") == {"seen": "b"}
    assert change_answer_query(resolution, "seen") == {}
    assert change_answer_query(resolution, "not_asked") == query


def test_changing_the_code_drops_its_details():
    resolution = resolve(FLOW, {"seen": "error_code", "code": "90094", "cid": GUID})
    assert change_answer_query(resolution, "code") == {"seen": "error_code"}


def test_answering_the_current_question_extends_the_query():
    resolution = resolve(FLOW, {"seen": "b"})
    assert with_answer_query(resolution, "yes") == {"seen": "b", "more": "yes"}


def test_a_pasted_error_answers_the_code_question():
    resolution = resolve(FLOW, {"seen": "b", "more": "no"})
    query = with_code_query(
        FLOW, resolution, extract_details(f"AADSTS50105: …\nCorrelation ID: {GUID}")
    )
    assert query == {"seen": "b", "more": "no", "code": "50105", "cid": GUID}
    assert resolve(FLOW, query).outcome.id == "out_b"  # type: ignore[union-attr]
    assert with_code_query(FLOW, resolution, extract_details("no code here")) is None


def test_a_paste_is_only_read_at_a_code_question():
    assert with_code_query(FLOW, resolve(FLOW, {}), extract_details("AADSTS50105")) is None


def test_an_oauth_error_redirect_lands_directly_on_its_outcome():
    details = details_from_oauth(
        "invalid_client",
        f"AADSTS90094: Admin consent is required.\r\nTrace ID: {OTHER_GUID}\r\n"
        f"Correlation ID: {GUID}\r\nTimestamp: 2026-11-27 09:41:07Z",
    )
    query = error_query(FLOW, details)
    assert query == {
        "seen": "error_code",
        "code": "90094",
        "cid": GUID,
        "rid": OTHER_GUID,
        "ts": "2026-11-27 09:41:07Z",
    }
    assert resolve(FLOW, query).problems == ()


def test_a_bare_oauth_error_lands_on_its_outcome_and_an_unknown_one_on_the_code_field():
    assert error_query(FLOW, details_from_oauth("access_denied", None)) == {
        "seen": "error_code",
        "code": "access_denied",
    }
    assert error_query(FLOW, details_from_oauth("server_error", "Something went wrong")) == {
        "seen": "error_code"
    }


def test_every_outcome_reached_by_answers_has_a_link_and_it_is_the_shortest():
    for outcome_id in ("out_a", "out_b"):
        query = outcome_query(FLOW, outcome_id)
        assert query is not None
        resolution = resolve(FLOW, query)
        assert resolution.problems == () and resolution.outcome.id == outcome_id  # type: ignore[union-attr]
    assert outcome_query(FLOW, "out_a") == {"seen": "a"}
    assert outcome_query(FLOW, "out_b") == {"seen": "b", "more": "yes"}
    assert outcome_query(FLOW, "out_unknown") is None  # only the user's own code leads there
    assert outcome_query(FLOW, "no_such_outcome") is None
