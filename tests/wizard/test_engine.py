"""The wizard's flow (content/wizard/flow.toml) and the engine that walks it: no HTTP, no database."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.diagnostics import ErrorDetails, details_from_oauth, extract_details
from wizard.engine import (
    CODE,
    MALFORMED_CODE,
    MALFORMED_DETAIL,
    MALFORMED_VALUE,
    NOT_ON_PATH,
    TOO_LONG,
    UNKNOWN_ANSWER,
    UNKNOWN_PARAMETER,
    Answer,
    CodeAnswer,
    Flow,
    FlowError,
    Localized,
    Problem,
    answers_query,
    change_answer_query,
    error_query,
    flow_problems,
    load_flow,
    outcome_query,
    parse_flow,
    placeholders,
    resolve,
    with_answer_query,
    with_code_query,
)

FLOW_PATH = Path(__file__).resolve().parents[2] / "content" / "wizard" / "flow.toml"
FLOW = load_flow(FLOW_PATH)


def words(text: str) -> set[str]:
    return set(text.split())


# The facts store's keys (content/facts/entra.toml), hard-coded for now.
FACT_KEYS: dict[str, set[str]] = {
    "label": words(
        """entra_id identity applications azure_active_directory enterprise_apps
        enterprise_applications all_applications overview properties tenant_id activity security
        admin_consent_requests my_pending review_permissions_and_consent deny block
        consent_and_permissions admin_consent_settings user_consent_settings
        user_consent_for_applications users_can_request_admin_consent who_can_review
        consent_request_expires yes save permissions grant_admin_consent
        enabled_for_users_to_sign_in assignment_required do_not_allow_user_consent
        allow_user_consent_verified allow_user_consent let_microsoft_manage permissions_requested
        accept_for_your_organization accept cancel consent_on_behalf approval_required
        approval_required_body enter_justification request_approval request_sent
        need_admin_approval need_admin_approval_body have_admin_account return_without_consent
        risky_app_user risky_app_admin personal_account_error troubleshooting_details
        report_it_here global_administrator privileged_role_administrator
        cloud_application_administrator application_administrator global_reader"""
    ),
    "roles": words(
        "review_requests enable_workflow user_consent_settings grant_consent reenable_app "
        "find_tenant_id"
    ),
    "path": words(
        "review_requests admin_consent_settings user_consent_settings grant_admin_consent "
        "app_properties tenant_id"
    ),
    "url": words(
        "entra_admin_center user_consent_settings_link enterprise_apps_link "
        "admin_consent_settings_link admin_consent_requests_link error_lookup myapps"
    ),
}
FACT_KEYS["path-older"] = FACT_KEYS["path"]

# What each code must lead to: the facts file's table, decided once, here.
EXPECTED_CODE_OUTCOMES = {
    "65001": "reconnect",
    "65004": "case_1_declined",
    "90093": "case_3",
    "90094": "case_3",
    "90095": "case_2",
    "900941": "risky_no_workflow",
    "900981": "risky_with_workflow",
    "53003": "conditional_access",
    "530035": "security_defaults",
    "50020": "personal_account",
    "500208": "personal_account",
    "700016": "zeliq_configuration",
    "7000112": "blocked_app",
    "50105": "assignment_required",
    "90002": "tenant_not_found",
}
UNMAPPED_CODE = "11111"
GUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER_GUID = "5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b"


def all_paths(flow: Flow) -> list[tuple[dict[str, str], str]]:
    """Every way through the flow, as (query string, where it ends), found by walking the data
    itself rather than through the engine, so that an engine bug cannot hide a dead end."""
    paths: list[tuple[dict[str, str], str]] = []
    waiting: list[tuple[str, dict[str, str]]] = [(flow.start, {})]
    while waiting:
        node_id, query = waiting.pop()
        if node_id not in flow.questions:
            paths.append((query, node_id))
            continue
        question = flow.questions[node_id]
        assert node_id not in query, f"the path {query} comes back to {node_id}"
        if question.kind == CODE:
            exits = [*flow.codes.items(), *flow.oauth_errors.items()]
            exits.append((UNMAPPED_CODE, question.unknown_next or "?"))
        else:
            exits = [(answer.id, answer.next) for answer in question.answers]
        for value, next_id in exits:
            waiting.append((next_id, {**query, node_id: value}))
    return paths


# --- The flow as data -------------------------------------------------------------------------------


def test_the_flow_file_has_no_problems() -> None:
    assert flow_problems(FLOW, languages=("fr", "en"), known_placeholders=FACT_KEYS) == []


def test_the_first_question_asks_what_the_user_saw() -> None:
    assert FLOW.start == "seen"
    seen = FLOW.questions["seen"]
    assert seen.text.get("en") == "What did you see after choosing your email address?"
    assert [answer.id for answer in seen.answers] == [
        "permissions_requested",
        "approval_required",
        "request_sent",
        "already_requested",
        "need_admin_approval",
        "risky_app",
        "error_code",
        "not_sure",
    ]


def test_every_path_from_the_start_ends_in_an_outcome() -> None:
    paths = all_paths(FLOW)
    assert len(paths) > 30
    for query, end in paths:
        assert end in FLOW.outcomes, f"{query} ends at {end}, which is not an outcome"
        resolution = resolve(FLOW, query)
        assert resolution.problems == (), query
        assert resolution.question is None, query
        assert resolution.outcome is not None and resolution.outcome.id == end, query


def test_every_question_and_outcome_is_reachable() -> None:
    reached_outcomes = {end for _, end in all_paths(FLOW)}
    reached_questions = {name for query, _ in all_paths(FLOW) for name in query}
    assert reached_outcomes == set(FLOW.outcomes)
    assert reached_questions == set(FLOW.questions)


@pytest.mark.parametrize(("code", "outcome_id"), sorted(EXPECTED_CODE_OUTCOMES.items()))
def test_each_known_code_leads_to_its_outcome(code: str, outcome_id: str) -> None:
    resolution = resolve(FLOW, {"seen": "error_code", "code": code})
    assert resolution.problems == ()
    assert resolution.outcome is not None
    assert resolution.outcome.id == outcome_id
    assert resolution.details == ErrorDetails(code=code)


def test_the_flow_maps_exactly_the_codes_of_the_facts_file() -> None:
    assert dict(FLOW.codes) == EXPECTED_CODE_OUTCOMES


def test_an_unknown_code_gets_the_honest_outcome_with_the_lookup_link_and_support() -> None:
    resolution = resolve(FLOW, {"seen": "error_code", "code": "123456"})
    assert resolution.outcome is not None
    assert resolution.outcome.id == "unknown_code"
    assert resolution.outcome.error_lookup is True
    assert resolution.outcome.contact_support is True
    assert resolution.details == ErrorDetails(code="123456")
    assert "[[url:error_lookup]]" in resolution.outcome.user_steps.get("fr")[0]


def test_access_denied_without_a_code_means_returned_without_consent() -> None:
    resolution = resolve(FLOW, {"seen": "error_code", "code": "access_denied"})
    assert resolution.outcome is not None
    assert resolution.outcome.id == "returned_without_consent"
    assert resolution.answered[-1][1] == CodeAnswer("access_denied", is_oauth_error=True)
    assert resolution.details == ErrorDetails(oauth_error="access_denied")


@pytest.mark.parametrize(
    ("answers", "outcome_id"),
    [
        ({"justify": "yes"}, "case_2"),
        ({"justify": "no", "adminlink": "yes"}, "case_3"),
        ({"justify": "no", "adminlink": "no", "accept": "yes"}, "case_1"),
        (
            {"justify": "no", "adminlink": "no", "accept": "no", "personal": "yes"},
            "personal_account",
        ),
        (
            {
                "justify": "no",
                "adminlink": "no",
                "accept": "no",
                "personal": "no",
                "showcode": "no",
            },
            "not_identified",
        ),
    ],
)
def test_the_not_sure_branch_reaches_the_same_outcomes(
    answers: dict[str, str], outcome_id: str
) -> None:
    resolution = resolve(FLOW, {"seen": "not_sure", **answers})
    assert resolution.problems == ()
    assert resolution.outcome is not None
    assert resolution.outcome.id == outcome_id


def test_the_not_sure_branch_can_end_at_the_code_field() -> None:
    query = {"seen": "not_sure", "justify": "no", "adminlink": "no", "accept": "no"}
    resolution = resolve(FLOW, {**query, "personal": "no", "showcode": "yes"})
    assert resolution.question is not None
    assert resolution.question.id == "code"


@pytest.mark.parametrize(
    ("answer_id", "outcome_id"),
    [
        ("permissions_requested", "case_1"),
        ("approval_required", "case_2"),
        ("request_sent", "case_2_pending"),
        ("already_requested", "case_2_pending"),
        ("need_admin_approval", "case_3"),
    ],
)
def test_the_screens_of_the_article_lead_to_their_case(answer_id: str, outcome_id: str) -> None:
    resolution = resolve(FLOW, {"seen": answer_id})
    assert resolution.outcome is not None
    assert resolution.outcome.id == outcome_id


@pytest.mark.parametrize(
    ("answer_id", "outcome_id"),
    [("ask_admin", "risky_no_workflow"), ("only_continue", "risky_with_workflow")],
)
def test_the_two_risky_app_messages_lead_to_their_outcomes(answer_id: str, outcome_id: str) -> None:
    resolution = resolve(FLOW, {"seen": "risky_app", "risky": answer_id})
    assert resolution.outcome is not None
    assert resolution.outcome.id == outcome_id


# --- Texts ------------------------------------------------------------------------------------------


def localized_texts(flow: Flow) -> Iterator[tuple[str, Localized[Any]]]:
    for question in flow.questions.values():
        yield f"{question.id}.text", question.text
        for answer in question.answers:
            yield f"{question.id}.{answer.id}", answer.text
    for outcome in flow.outcomes.values():
        for name in ("title", "summary", "user_steps", "next_step"):
            yield f"{outcome.id}.{name}", getattr(outcome, name)
        for name in ("admin_steps", "delay", "article_anchor"):
            if getattr(outcome, name) is not None:
                yield f"{outcome.id}.{name}", getattr(outcome, name)
        for route in outcome.admin_routes:
            yield f"{outcome.id}.{route.id}.title", route.title
            yield f"{outcome.id}.{route.id}.steps", route.steps


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_answer_and_outcome_text_exists_and_is_not_empty(language: str) -> None:
    checked = 0
    for where, localized in localized_texts(FLOW):
        value = dict(localized.by_language).get(language)
        assert value, f"{where} has no {language} text"
        for text in value if isinstance(value, tuple) else (value,):
            assert text.strip(), f"{where} has an empty {language} text"
            checked += 1
    assert checked > 150


def test_steps_have_the_same_count_in_both_languages() -> None:
    for where, localized in localized_texts(FLOW):
        values = dict(localized.by_language)
        if isinstance(values["fr"], tuple):
            assert len(values["fr"]) == len(values["en"]), where


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_every_placeholder_in_the_file_names_a_known_fact() -> None:
    # Read straight from the TOML, not through the engine, so that no text can slip past.
    with FLOW_PATH.open("rb") as file:
        texts = list(strings_in(tomllib.load(file)))
    found = [placeholder for text in texts for placeholder in re.findall(r"\[\[(.*?)\]\]", text)]
    assert len(found) > 100
    for placeholder in found:
        kind, _, key = placeholder.partition(":")
        assert kind in FACT_KEYS, f"[[{placeholder}]]: unknown kind"
        assert key in FACT_KEYS[kind], f"[[{placeholder}]]: unknown key"
    all_text = "\n".join(texts)
    assert all_text.count("[[") == all_text.count("]]") == len(found)


def test_the_engine_lists_the_placeholders_the_flow_uses() -> None:
    used = placeholders(FLOW)
    assert ("label", "permissions_requested") in used
    assert ("path", "grant_admin_consent") in used
    assert ("roles", "enable_workflow") in used
    assert all(key in FACT_KEYS[kind] for kind, key in used)


def test_article_anchors_are_the_articles_sections() -> None:
    anchors = {
        (outcome.article_anchor.get("fr"), outcome.article_anchor.get("en"))
        for outcome in FLOW.outcomes.values()
        if outcome.article_anchor is not None
    }
    assert anchors <= {
        ("cas-1", "case-1"),
        ("cas-2", "case-2"),
        ("cas-3", "case-3"),
        ("en-resume", "summary"),
    }
    assert FLOW.outcomes["case_3"].article_anchor == Localized((("fr", "cas-3"), ("en", "case-3")))


# --- Outcomes ---------------------------------------------------------------------------------------


def test_the_three_cases_have_their_case_number() -> None:
    cases = {outcome.id: outcome.case for outcome in FLOW.outcomes.values() if outcome.case}
    assert cases == {
        "case_1": 1,
        "case_1_declined": 1,
        "case_2": 2,
        "case_2_pending": 2,
        "case_3": 3,
    }


def test_case_3_offers_both_admin_routes() -> None:
    case_3 = FLOW.outcomes["case_3"]
    assert case_3.needs_admin is True
    assert case_3.admin_guide == "case-3"
    assert [route.id for route in case_3.admin_routes] == ["grant", "workflow"]
    grant, workflow = case_3.admin_routes
    assert any("[[path:grant_admin_consent]]" in step for step in grant.steps.get("en"))
    assert any("[[roles:grant_consent]]" in step for step in grant.steps.get("en"))
    assert any("[[path:admin_consent_settings]]" in step for step in workflow.steps.get("fr"))
    assert any("[[roles:enable_workflow]]" in step for step in workflow.steps.get("fr"))
    # Turning the workflow on sends the user through case 2 again, and takes time.
    assert "cas 2" in " ".join(case_3.user_steps.get("fr"))
    assert case_3.delay is not None
    assert "une heure" in case_3.delay.get("fr")


def test_outcomes_that_need_an_admin_say_what_the_admin_does_and_where() -> None:
    for outcome in FLOW.outcomes.values():
        if not outcome.needs_admin:
            assert outcome.admin_guide is None, outcome.id
            continue
        assert outcome.admin_guide, outcome.id
        steps = outcome.admin_steps.get("en") if outcome.admin_steps else ()
        routes = [step for route in outcome.admin_routes for step in route.steps.get("en")]
        admin_text = " ".join([*steps, *routes])
        assert "[[url:entra_admin_center]]" in admin_text, outcome.id


def test_every_outcome_that_waits_for_an_admin_ends_with_connect_to_outlook_again() -> None:
    for outcome in FLOW.outcomes.values():
        if outcome.needs_admin:
            assert "**Se connecter à Outlook**" in outcome.next_step.get("fr"), outcome.id
            assert "**Connect to Outlook**" in outcome.next_step.get("en"), outcome.id


def test_outcomes_about_zeliq_or_unknown_errors_point_to_support() -> None:
    supported = {outcome.id for outcome in FLOW.outcomes.values() if outcome.contact_support}
    assert supported == {"zeliq_configuration", "unknown_code", "not_identified"}


# --- Walking: progress ------------------------------------------------------------------------------


def test_an_empty_query_asks_the_first_question_as_step_1_of_about_2() -> None:
    resolution = resolve(FLOW, {})
    assert resolution.question is not None and resolution.question.id == "seen"
    assert resolution.outcome is None
    assert resolution.answered == ()
    assert (resolution.step, resolution.total_steps) == (1, 2)


def test_progress_counts_answers_and_estimates_what_is_left() -> None:
    risky = resolve(FLOW, {"seen": "risky_app"})
    assert (risky.step, risky.total_steps) == (2, 3)
    not_sure = resolve(FLOW, {"seen": "not_sure", "justify": "no"})
    assert not_sure.question is not None and not_sure.question.id == "adminlink"
    assert (not_sure.step, not_sure.total_steps) == (3, 4)
    done = resolve(FLOW, {"seen": "need_admin_approval"})
    assert (done.step, done.total_steps) == (2, 2)


def test_answered_lists_questions_and_answers_in_order() -> None:
    resolution = resolve(FLOW, {"justify": "no", "seen": "not_sure"})
    assert [(question.id, answer.id) for question, answer in resolution.answered] == [
        ("seen", "not_sure"),
        ("justify", "no"),
    ]
    assert all(isinstance(answer, Answer) for _, answer in resolution.answered)


# --- Walking: bad input -----------------------------------------------------------------------------


def test_an_unknown_answer_is_reported_and_the_question_asked_again() -> None:
    resolution = resolve(FLOW, {"seen": "blue_screen"})
    assert resolution.problems == (Problem(UNKNOWN_ANSWER, "seen"),)
    assert resolution.question is not None and resolution.question.id == "seen"
    assert resolution.answered == ()
    assert answers_query(resolution) == {}


def test_an_answer_to_a_question_off_the_path_is_contradictory() -> None:
    resolution = resolve(FLOW, {"seen": "need_admin_approval", "risky": "ask_admin"})
    assert resolution.outcome is not None and resolution.outcome.id == "case_3"
    assert resolution.problems == (Problem(NOT_ON_PATH, "risky"),)
    assert str(resolution.problems[0]) == "not_on_path:risky"
    assert answers_query(resolution) == {"seen": "need_admin_approval"}


def test_a_code_on_a_path_without_the_code_question_is_contradictory() -> None:
    resolution = resolve(FLOW, {"seen": "permissions_requested", "code": "90094", "cid": GUID})
    assert resolution.outcome is not None and resolution.outcome.id == "case_1"
    assert set(resolution.problems) == {Problem(NOT_ON_PATH, "code"), Problem(NOT_ON_PATH, "cid")}
    assert resolution.details is None


def test_later_answers_after_a_bad_one_are_not_used() -> None:
    resolution = resolve(FLOW, {"seen": "nope", "risky": "ask_admin"})
    assert resolution.problems == (Problem(UNKNOWN_ANSWER, "seen"), Problem(NOT_ON_PATH, "risky"))
    assert resolution.question is not None and resolution.question.id == "seen"


def test_an_unknown_parameter_is_reported_but_does_not_change_the_outcome() -> None:
    resolution = resolve(FLOW, {"seen": "approval_required", "utm_source": "newsletter"})
    assert resolution.outcome is not None and resolution.outcome.id == "case_2"
    assert resolution.problems == (Problem(UNKNOWN_PARAMETER, "utm_source"),)


def test_parameters_the_caller_handles_are_ignored() -> None:
    resolution = resolve(FLOW, {"seen": "approval_required", "tenant": "x"}, ignore={"tenant"})
    assert resolution.problems == ()


def test_a_huge_value_is_dropped_without_being_echoed() -> None:
    resolution = resolve(FLOW, {"seen": "x" * 100_000, "y" * 5000: "1"})
    assert resolution.question is not None and resolution.question.id == "seen"
    assert resolution.problems == (Problem(TOO_LONG, "seen"), Problem(UNKNOWN_PARAMETER, "y" * 40))


def test_a_value_that_is_not_a_string_is_reported() -> None:
    resolution = resolve(FLOW, {"seen": ["need_admin_approval"]})  # type: ignore[dict-item]
    assert resolution.problems == (Problem(MALFORMED_VALUE, "seen"),)
    assert resolution.question is not None and resolution.question.id == "seen"


@pytest.mark.parametrize(
    "value", ["9009a", "AADSTS90094", "1234", "12345678", " 90094", "٩٠٠٩٤", "", "ACCESS_DENIED"]
)
def test_a_malformed_code_stops_at_the_code_question(value: str) -> None:
    resolution = resolve(FLOW, {"seen": "error_code", "code": value, "cid": GUID})
    assert resolution.question is not None and resolution.question.id == "code"
    assert resolution.problems == (Problem(MALFORMED_CODE, "code"), Problem(NOT_ON_PATH, "cid"))
    assert answers_query(resolution) == {"seen": "error_code"}
    assert (resolution.step, resolution.total_steps) == (2, 3)


def test_error_details_ride_along_with_the_code_once_validated() -> None:
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


def test_a_malformed_detail_is_dropped_and_the_outcome_kept() -> None:
    resolution = resolve(
        FLOW, {"seen": "error_code", "code": "90094", "cid": "<script>", "ts": "2026-13-01T00:00Z"}
    )
    assert resolution.outcome is not None and resolution.outcome.id == "case_3"
    assert resolution.problems == (
        Problem(MALFORMED_DETAIL, "cid"),
        Problem(MALFORMED_DETAIL, "ts"),
    )
    assert resolution.details == ErrorDetails(code="90094")


@given(st.dictionaries(st.text(max_size=30), st.text(max_size=300), max_size=8))
def test_resolve_never_raises_and_always_ends_somewhere(params: dict[str, str]) -> None:
    resolution = resolve(FLOW, params)
    assert (resolution.question is None) != (resolution.outcome is None)
    clean = resolve(FLOW, answers_query(resolution))
    assert clean.problems == ()
    assert clean.question == resolution.question
    assert clean.outcome == resolution.outcome


@given(
    st.dictionaries(
        st.sampled_from(["seen", "risky", "code", "justify", "adminlink", "accept", "cid", "zz"]),
        st.sampled_from(["yes", "no", "not_sure", "risky_app", "error_code", "90094", GUID, "?"]),
    )
)
def test_problems_are_exactly_the_parameters_that_were_not_used(params: dict[str, str]) -> None:
    resolution = resolve(FLOW, params)
    used = answers_query(resolution)
    reported = {problem.param for problem in resolution.problems}
    assert set(used) | reported == set(params)
    assert not set(used) & reported


# --- Query strings ----------------------------------------------------------------------------------


def test_changing_an_answer_drops_it_and_everything_after_it() -> None:
    query = {"seen": "not_sure", "justify": "no", "adminlink": "no", "accept": "no"}
    resolution = resolve(FLOW, query)
    assert change_answer_query(resolution, "adminlink") == {"seen": "not_sure", "justify": "no"}
    assert change_answer_query(resolution, "justify") == {"seen": "not_sure"}
    assert change_answer_query(resolution, "seen") == {}
    assert change_answer_query(resolution, "risky") == query


def test_changing_the_code_drops_its_details() -> None:
    resolution = resolve(FLOW, {"seen": "error_code", "code": "90094", "cid": GUID})
    assert change_answer_query(resolution, "code") == {"seen": "error_code"}


def test_answering_the_current_question_extends_the_query() -> None:
    resolution = resolve(FLOW, {"seen": "risky_app"})
    assert with_answer_query(resolution, "ask_admin") == {"seen": "risky_app", "risky": "ask_admin"}


def test_a_pasted_error_answers_the_code_question() -> None:
    resolution = resolve(FLOW, {"seen": "not_sure", "justify": "no", "adminlink": "no",
                                "accept": "no", "personal": "no", "showcode": "yes"})  # fmt: skip
    pasted = extract_details(f"AADSTS50105: ...\nCorrelation ID: {GUID}")
    query = with_code_query(FLOW, resolution, pasted)
    assert query is not None
    assert query["code"] == "50105" and query["cid"] == GUID and query["showcode"] == "yes"
    landed = resolve(FLOW, query)
    assert landed.outcome is not None and landed.outcome.id == "assignment_required"
    assert with_code_query(FLOW, resolution, extract_details("no code here")) is None


def test_an_oauth_error_redirect_lands_directly_on_its_outcome() -> None:
    details = details_from_oauth(
        "invalid_client",
        f"AADSTS7000112: Application 'x'(Zeliq) is disabled.\r\nTrace ID: {OTHER_GUID}\r\n"
        f"Correlation ID: {GUID}\r\nTimestamp: 2026-11-27 09:41:07Z",
    )
    query = error_query(FLOW, details)
    assert query == {
        "seen": "error_code",
        "code": "7000112",
        "cid": GUID,
        "rid": OTHER_GUID,
        "ts": "2026-11-27 09:41:07Z",
    }
    resolution = resolve(FLOW, query)
    assert resolution.problems == ()
    assert resolution.outcome is not None and resolution.outcome.id == "blocked_app"


def test_a_bare_access_denied_redirect_lands_on_returned_without_consent() -> None:
    query = error_query(FLOW, details_from_oauth("access_denied", None))
    assert query == {"seen": "error_code", "code": "access_denied"}
    assert resolve(FLOW, query).outcome.id == "returned_without_consent"  # type: ignore[union-attr]


def test_an_unknown_error_without_a_code_lands_on_the_code_field() -> None:
    query = error_query(FLOW, details_from_oauth("server_error", "Something went wrong"))
    assert query == {"seen": "error_code"}
    resolution = resolve(FLOW, query)
    assert resolution.question is not None and resolution.question.id == "code"


@pytest.mark.parametrize("outcome_id", sorted(set(FLOW.outcomes) - {"unknown_code"}))
def test_support_agents_can_link_to_every_outcome(outcome_id: str) -> None:
    query = outcome_query(FLOW, outcome_id)
    assert query is not None
    resolution = resolve(FLOW, query)
    assert resolution.problems == ()
    assert resolution.outcome is not None and resolution.outcome.id == outcome_id


def test_outcome_links_are_the_shortest_way() -> None:
    assert outcome_query(FLOW, "case_3") == {"seen": "need_admin_approval"}
    assert outcome_query(FLOW, "blocked_app") == {"seen": "error_code", "code": "7000112"}
    assert outcome_query(FLOW, "unknown_code") is None
    assert outcome_query(FLOW, "no_such_outcome") is None


# --- Checking a broken flow -------------------------------------------------------------------------

TEXT = {"fr": "Texte", "en": "Text"}
STEPS = {"fr": ["Étape"], "en": ["Step"]}


def outcome_data(**extra: Any) -> dict[str, Any]:
    return {
        "needs_admin": False,
        "title": TEXT,
        "summary": TEXT,
        "user_steps": STEPS,
        "next_step": TEXT,
        **extra,
    }


def small_flow() -> dict[str, Any]:
    return {
        "start": "first",
        "questions": {
            "first": {
                "kind": "choice",
                "text": TEXT,
                "answers": [
                    {"id": "a", "text": TEXT, "next": "done"},
                    {"id": "b", "text": TEXT, "next": "code"},
                ],
            },
            "code": {"kind": "code", "text": TEXT, "unknown_next": "done"},
        },
        "outcomes": {"done": outcome_data(), "other": outcome_data()},
        "codes": {"90094": "other"},
        "oauth_errors": {},
    }


def test_a_small_valid_flow_has_no_problems() -> None:
    assert flow_problems(parse_flow(small_flow())) == []


def test_a_dangling_next_is_found() -> None:
    data = small_flow()
    data["questions"]["first"]["answers"][0]["next"] = "nowhere"
    problems = flow_problems(parse_flow(data))
    assert "questions.first.a: next nowhere is neither a question nor an outcome" in problems


def test_an_unreachable_question_and_outcome_are_found() -> None:
    data = small_flow()
    data["questions"]["lonely"] = {
        "kind": "choice",
        "text": TEXT,
        "answers": [
            {"id": "a", "text": TEXT, "next": "done"},
            {"id": "b", "text": TEXT, "next": "done"},
        ],
    }
    data["outcomes"]["forgotten"] = outcome_data()
    problems = flow_problems(parse_flow(data))
    assert "questions.lonely: no path from the start reaches it" in problems
    assert "outcomes.forgotten: no path from the start reaches it" in problems


def test_a_cycle_is_found() -> None:
    data = small_flow()
    data["questions"]["second"] = {
        "kind": "choice",
        "text": TEXT,
        "answers": [
            {"id": "back", "text": TEXT, "next": "first"},
            {"id": "b", "text": TEXT, "next": "done"},
        ],
    }
    data["questions"]["first"]["answers"][0]["next"] = "second"
    problems = flow_problems(parse_flow(data))
    assert "questions: cycle first -> second -> first" in problems


def test_missing_and_empty_texts_are_found() -> None:
    data = small_flow()
    data["questions"]["first"]["answers"][1]["text"] = {"fr": "Oui"}
    data["outcomes"]["done"]["summary"] = {"fr": " ", "en": "Fine"}
    data["outcomes"]["done"]["user_steps"] = {"fr": ["Un", "Deux"], "en": ["One"]}
    problems = flow_problems(parse_flow(data))
    assert "questions.first.b.text: no en text" in problems
    assert "outcomes.done.summary.fr: empty text" in problems
    assert (
        "outcomes.done.user_steps: the languages do not have the same number of steps" in problems
    )


def test_codes_pointing_nowhere_and_bad_codes_are_found() -> None:
    data = small_flow()
    data["codes"] = {"90094": "missing", "AADSTS1": "done"}
    data["oauth_errors"] = {"Access Denied": "done"}
    problems = flow_problems(parse_flow(data))
    assert "codes.90094: missing is not an outcome" in problems
    assert "codes.AADSTS1: a code is 5 to 7 digits, without AADSTS" in problems
    assert "oauth_errors.Access Denied: an OAuth error is lowercase letters and _" in problems


def test_admin_outcomes_need_steps_and_a_guide() -> None:
    data = small_flow()
    data["outcomes"]["done"]["needs_admin"] = True
    data["outcomes"]["other"]["admin_guide"] = "case-3"
    problems = flow_problems(parse_flow(data))
    assert (
        "outcomes.done: needs_admin is true but there are no admin_steps or admin_routes"
        in problems
    )
    assert "outcomes.done: needs_admin is true but there is no admin_guide" in problems
    assert "outcomes.other: admin_guide is set but needs_admin is false" in problems


def test_bad_placeholders_are_found() -> None:
    data = small_flow()
    data["outcomes"]["done"]["summary"] = {
        "fr": "Cliquez sur [[label:sauver]] puis [[button:save]] [[label:save",
        "en": "Click [[label:save]].",
    }
    problems = flow_problems(parse_flow(data), known_placeholders=FACT_KEYS)
    assert "outcomes.done.summary.fr: [[label:sauver]] names no known label" in problems
    assert (
        "outcomes.done.summary.fr: [[button:save]] is not a placeholder like [[label:save]]"
        in problems
    )
    assert "outcomes.done.summary.fr: unbalanced [[ or ]]" in problems
    assert not any(problem.startswith("outcomes.done.summary.en") for problem in problems)


def test_question_ids_must_fit_in_a_url_and_not_clash() -> None:
    data = small_flow()
    data["questions"]["cid"] = data["questions"].pop("code")
    data["questions"]["first"]["answers"][1]["next"] = "cid"
    data["outcomes"]["first"] = outcome_data()
    problems = flow_problems(parse_flow(data))
    assert "questions.cid: this id is reserved for error details" in problems
    assert "questions.first: an outcome has the same id" in problems


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"]["first"].update(nxt="x"), "questions.first: unknown key nxt"),
        (lambda d: d["questions"]["first"].update(kind="radio"), "questions.first.kind: must be"),
        (lambda d: d["outcomes"]["done"].update(needs_admin="yes"), "outcomes.done.needs_admin"),
        (lambda d: d["outcomes"]["done"].update(case="3"), "outcomes.done.case"),
        (lambda d: d["outcomes"]["done"].pop("title"), "outcomes.done.title: expected a table"),
        (lambda d: d.pop("start"), "start: expected a string"),
    ],
)
def test_a_misshapen_flow_file_names_the_field(change: Any, message: str) -> None:
    data = small_flow()
    change(data)
    with pytest.raises(FlowError, match=re.escape(message)):
        parse_flow(data)


def test_load_flow_reads_toml(tmp_path: Path) -> None:
    path = tmp_path / "flow.toml"
    path.write_text(
        'start = "q"\n'
        '[questions.q]\nkind = "code"\ntext = { fr = "Code ?", en = "Code?" }\nunknown_next = "o"\n'
        "[outcomes.o]\nneeds_admin = false\n"
        'title = { fr = "T", en = "T" }\nsummary = { fr = "S", en = "S" }\n'
        'user_steps = { fr = ["U"], en = ["U"] }\nnext_step = { fr = "N", en = "N" }\n',
        encoding="utf-8",
    )
    flow = load_flow(path)
    assert flow_problems(flow) == []
    assert resolve(flow, {"q": "54321"}).outcome == flow.outcomes["o"]
