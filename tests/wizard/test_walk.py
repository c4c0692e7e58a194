"""The engine: `resolve()` follows the answers in a query string through a (synthetic) flow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.wizard.flows import make_flow
from wizard.diagnostics import ErrorDetails
from wizard.flow.links import answers_query
from wizard.flow.model import Answer
from wizard.flow.walk import (
    MALFORMED_CODE,
    MALFORMED_DETAIL,
    MALFORMED_VALUE,
    NOT_ON_PATH,
    TOO_LONG,
    UNKNOWN_ANSWER,
    UNKNOWN_PARAMETER,
    CodeAnswer,
    Problem,
    resolve,
)

FLOW = make_flow()
GUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER_GUID = "5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b"


def outcome_of(params: dict[str, str]) -> str | None:
    resolution = resolve(FLOW, params)
    return resolution.outcome.id if resolution.outcome else None


def test_answers_lead_through_the_questions_to_an_outcome():
    assert outcome_of({"seen": "a"}) == "out_a"
    assert outcome_of({"seen": "b", "more": "yes"}) == "out_b"
    assert outcome_of({"seen": "b", "more": "no", "code": "90094"}) == "out_a"


def test_a_known_code_leads_to_its_outcome_and_any_other_to_the_unknown_one():
    assert outcome_of({"seen": "error_code", "code": "50105"}) == "out_b"
    assert outcome_of({"seen": "error_code", "code": "123456"}) == "out_unknown"
    assert resolve(FLOW, {"seen": "error_code", "code": "123456"}).details == ErrorDetails(
        code="123456"
    )


def test_an_oauth_error_without_a_code_answers_the_code_question():
    resolution = resolve(FLOW, {"seen": "error_code", "code": "access_denied"})
    assert resolution.outcome is not None and resolution.outcome.id == "out_b"
    assert resolution.answered[-1][1] == CodeAnswer("access_denied", is_oauth_error=True)
    assert resolution.details == ErrorDetails(oauth_error="access_denied")


def test_an_empty_query_asks_the_first_question_as_step_1_of_about_2():
    resolution = resolve(FLOW, {})
    assert resolution.question is not None and resolution.question.id == "seen"
    assert resolution.outcome is None and resolution.answered == ()
    assert (resolution.step, resolution.total_steps) == (1, 2)


def test_progress_counts_answers_and_estimates_what_is_left():
    more = resolve(FLOW, {"seen": "b"})
    assert (more.step, more.total_steps) == (2, 3)
    done = resolve(FLOW, {"seen": "a"})
    assert (done.step, done.total_steps) == (2, 2)


def test_answered_lists_questions_and_answers_in_order():
    resolution = resolve(FLOW, {"more": "yes", "seen": "b"})
    assert [(q.id, a.id) for q, a in resolution.answered] == [("seen", "b"), ("more", "yes")]
    assert all(isinstance(answer, Answer) for _q, answer in resolution.answered)


def test_an_unknown_answer_is_reported_and_the_question_asked_again():
    resolution = resolve(FLOW, {"seen": "blue_screen"})
    assert resolution.problems == (Problem(UNKNOWN_ANSWER, "seen"),)
    assert resolution.question is not None and resolution.question.id == "seen"
    assert answers_query(resolution) == {}


def test_an_answer_to_a_question_off_the_path_is_contradictory():
    resolution = resolve(FLOW, {"seen": "a", "more": "yes"})
    assert resolution.outcome is not None and resolution.outcome.id == "out_a"
    assert resolution.problems == (Problem(NOT_ON_PATH, "more"),)
    assert str(resolution.problems[0]) == "not_on_path:more"
    assert answers_query(resolution) == {"seen": "a"}


def test_a_code_on_a_path_without_the_code_question_is_contradictory():
    resolution = resolve(FLOW, {"seen": "a", "code": "90094", "cid": GUID})
    assert set(resolution.problems) == {Problem(NOT_ON_PATH, "code"), Problem(NOT_ON_PATH, "cid")}
    assert resolution.details is None


def test_later_answers_after_a_bad_one_are_not_used():
    resolution = resolve(FLOW, {"seen": "nope", "more": "yes"})
    assert resolution.problems == (Problem(UNKNOWN_ANSWER, "seen"), Problem(NOT_ON_PATH, "more"))


def test_an_unknown_parameter_is_reported_but_does_not_change_the_outcome():
    resolution = resolve(FLOW, {"seen": "a", "utm_source": "newsletter"})
    assert resolution.outcome is not None and resolution.outcome.id == "out_a"
    assert resolution.problems == (Problem(UNKNOWN_PARAMETER, "utm_source"),)


def test_parameters_the_caller_handles_are_ignored():
    assert resolve(FLOW, {"seen": "a", "fixed": "1"}, ignore={"fixed"}).problems == ()


def test_a_huge_value_is_dropped_without_being_echoed():
    resolution = resolve(FLOW, {"seen": "x" * 100_000, "y" * 5000: "1"})
    assert resolution.problems == (Problem(TOO_LONG, "seen"), Problem(UNKNOWN_PARAMETER, "y" * 40))


def test_a_value_that_is_not_a_string_is_reported():
    resolution = resolve(FLOW, {"seen": ["a"]})  # type: ignore[dict-item]
    assert resolution.problems == (Problem(MALFORMED_VALUE, "seen"),)


@pytest.mark.parametrize(
    "value", ["9009a", "AADSTS90094", "1234", "12345678", " 90094", "٩٠٠٩٤", "", "ACCESS_DENIED"]
)
def test_a_malformed_code_stops_at_the_code_question(value):
    resolution = resolve(FLOW, {"seen": "error_code", "code": value, "cid": GUID})
    assert resolution.question is not None and resolution.question.id == "code"
    assert resolution.problems == (Problem(MALFORMED_CODE, "code"), Problem(NOT_ON_PATH, "cid"))
    assert answers_query(resolution) == {"seen": "error_code"}


def test_error_details_ride_along_with_the_code_once_validated():
    query = {
        "seen": "error_code",
        "code": "90094",
        "cid": GUID.upper(),
        "rid": OTHER_GUID,
        "ts": "2026-11-27T09:41:07.123Z",
    }
    resolution = resolve(FLOW, query)
    assert resolution.problems == ()
    assert resolution.details == ErrorDetails(
        code="90094",
        correlation_id=GUID,
        request_id=OTHER_GUID,
        timestamp="2026-11-27T09:41:07.123Z",
    )
    assert answers_query(resolution) == {**query, "cid": GUID}


def test_a_malformed_detail_is_dropped_and_the_outcome_kept():
    params = {"seen": "error_code", "code": "90094", "cid": "<script>", "ts": "2026-13-01T00:00Z"}
    resolution = resolve(FLOW, params)
    assert resolution.outcome is not None and resolution.outcome.id == "out_a"
    assert resolution.problems == (
        Problem(MALFORMED_DETAIL, "cid"),
        Problem(MALFORMED_DETAIL, "ts"),
    )
    assert resolution.details == ErrorDetails(code="90094")


@given(st.dictionaries(st.text(max_size=30), st.text(max_size=300), max_size=8))
def test_resolve_never_raises_and_always_ends_somewhere(params):
    resolution = resolve(FLOW, params)
    assert (resolution.question is None) != (resolution.outcome is None)
    clean = resolve(FLOW, answers_query(resolution))
    assert clean.problems == ()
    assert (clean.question, clean.outcome) == (resolution.question, resolution.outcome)


@given(
    st.dictionaries(
        st.sampled_from(["seen", "more", "code", "cid", "zz"]),
        st.sampled_from(["a", "b", "yes", "no", "error_code", "90094", GUID, "?"]),
    )
)
def test_problems_are_exactly_the_parameters_that_were_not_used(params):
    resolution = resolve(FLOW, params)
    used = answers_query(resolution)
    reported = {problem.param for problem in resolution.problems}
    assert set(used) | reported == set(params)
    assert not set(used) & reported
