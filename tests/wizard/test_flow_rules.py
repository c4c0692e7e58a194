"""The flow's schema and content rules, on synthetic flows: each mistake is named, with its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from helpcenter.content.library import load_library
from tests.wizard.flows import choice, flow_data, make_flow, outcome
from wizard.flow.model import Flow
from wizard.flow.rules import flow_problems


def problems(**changes) -> list[tuple[str, str]]:
    return flow_problems(make_flow(**changes))


def schema_errors(data) -> list[str]:
    with pytest.raises(ValidationError) as error:
        Flow.model_validate(data)
    return [
        ".".join(str(part) for part in found["loc"]) + ": " + found["msg"]
        for found in error.value.errors()
    ]


def test_the_small_flow_is_sound():
    assert problems() == []


def test_a_dangling_next_is_found():
    found = problems(questions={"more": choice(("yes", "out_b"), ("no", "nowhere"))})
    assert ("questions.more.no", "next nowhere is neither a question nor an outcome") in found


def test_an_unreachable_question_and_outcome_are_found():
    found = problems(
        questions={"lost": choice(("x", "out_lost"), ("y", "out_a"))},
        outcomes={"out_lost": outcome("lost")},
    )
    assert ("questions.lost", "no path from the start reaches it") in found
    assert ("outcomes.out_lost", "no path from the start reaches it") in found


def test_a_cycle_is_found():
    found = problems(questions={"more": choice(("yes", "out_b"), ("no", "seen"))})
    assert ("questions", "cycle seen -> more -> seen") in found


def test_codes_pointing_nowhere_are_found():
    found = problems(codes={"90094": "out_missing"}, oauth_errors={"access_denied": "gone"})
    assert ("codes.90094", "out_missing is not an outcome") in found
    assert ("oauth_errors.access_denied", "gone is not an outcome") in found


def test_a_code_question_needs_an_outcome_for_unknown_codes():
    data = flow_data()
    del data["questions"]["code"]["unknown_next"]
    assert (
        "questions.code.unknown_next",
        "must name the outcome for codes the flow does not know",
    ) in flow_problems(Flow.model_validate(data))


def test_admin_outcomes_need_steps_and_a_guide():
    found = problems(
        outcomes={"out_b": outcome("b", needs_admin=True, admin_steps=None, admin_guide=None)}
    )
    assert (
        "outcomes.out_b",
        "needs_admin is true but there are no admin_steps or admin_routes",
    ) in found
    assert ("outcomes.out_b", "needs_admin is true but there is no admin_guide") in found
    found = problems(outcomes={"out_b": outcome("b", admin_guide="guide")})
    assert ("outcomes.out_b.admin_guide", "is set but needs_admin is false") in found


def test_ids_must_not_clash_with_outcomes_or_error_details():
    found = problems(
        questions={
            "seen": choice(("a", "out_a"), ("b", "cid"), ("c", "out_b"), ("c", "out_b")),
            "cid": choice(("x", "out_a"), ("y", "out_b")),
        },
    )
    assert ("questions.cid", "this id is reserved for error details") in found
    assert ("questions.seen", "two answers are called c") in found


def test_a_question_id_must_fit_in_a_url():
    assert any(
        "questions.Bad-Id.[key]" in error
        for error in schema_errors(
            flow_data(questions={"Bad-Id": choice(("a", "out_a"), ("b", "out_b"))})
        )
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"outcomes": {"out_b": {**outcome("b"), "title": {"fr": "Titre"}}}},
            "outcomes.out_b.title: needs a text in en",
        ),
        (
            {"outcomes": {"out_b": {**outcome("b"), "title": {"fr": " ", "en": "T"}}}},
            "outcomes.out_b.title: the fr text is empty",
        ),
        (
            {
                "outcomes": {
                    "out_b": {**outcome("b"), "user_steps": {"fr": ["1", "2"], "en": ["1"]}}
                }
            },
            "outcomes.out_b.user_steps: the languages do not have the same number of steps",
        ),
        (
            {"outcomes": {"out_b": {**outcome("b"), "nxt": 1}}},
            "outcomes.out_b.nxt: Extra inputs are not permitted",
        ),
        ({"outcomes": {"out_b": {**outcome("b"), "case": 4}}}, "outcomes.out_b.case"),
        (
            {"questions": {"more": {**choice(("yes", "out_b")), "kind": "choise"}}},
            "questions.more.kind",
        ),
    ],
)
def test_a_misshapen_flow_names_the_field(change, expected):
    assert any(error.startswith(expected) for error in schema_errors(flow_data(**change)))


def test_every_mistake_of_the_file_is_reported_at_once():
    data = flow_data(outcomes={"out_b": {**outcome("b"), "title": {"fr": "T"}, "next_step": 3}})
    del data["start"]
    fields = {error.split(":")[0] for error in schema_errors(data)}
    assert {"start", "outcomes.out_b.title", "outcomes.out_b.next_step"} <= fields


def test_a_reference_in_a_flow_text_is_checked_when_it_renders(content_dir: Path):
    flow = content_dir / "wizard" / "flow.toml"
    flow.write_text(flow.read_text().replace("Prévenez-le.", "Prévenez-le via [[label:nowhere]]."))
    found = [str(p) for p in load_library(content_dir).problems]
    assert any(
        "flow.toml [outcomes.ask_admin.user_steps[0]]" in p and "[[label:nowhere]]" in p
        for p in found
    )


def test_an_outcome_naming_a_missing_admin_guide_is_reported(content_dir: Path):
    (content_dir / "admin-guides" / "en" / "trial.md").unlink()
    found = [str(p) for p in load_library(content_dir).problems]
    assert any("[outcomes.ask_admin.admin_guide]" in p and "no en admin guide" in p for p in found)
    assert any("the guide 'trial' has no en version" in p for p in found)


def test_the_flow_and_the_facts_agree_on_the_error_codes(content_dir: Path):
    flow = content_dir / "wizard" / "flow.toml"
    flow.write_text(flow.read_text() + '\n[codes]\n"90094" = "ask_admin"\n')
    found = [str(p) for p in load_library(content_dir).problems]
    assert any("[codes.90094]" in p and "has no entry" in p for p in found)
    facts = content_dir / "facts" / "entra.toml"
    facts.write_text(
        facts.read_text() + '\n[codes."90094"]\nmessage = "Admin consent is required."\n'
        'family = "consent"\nsource = "https://learn.microsoft.com/"\nverified = 2026-11-28\n'
        '\n[codes."50105"]\nmessage = "Not assigned."\n'
        'family = "consent"\nsource = "https://learn.microsoft.com/"\nverified = 2026-11-28\n'
        '\n[families.consent]\ntitle = { fr = "Consentement", en = "Consent" }\n'
    )
    found = [str(p) for p in load_library(content_dir).problems]
    assert not any("[codes.90094]" in p for p in found)
    assert any("AADSTS50105 is in content/facts/ but leads to no outcome" in p for p in found)


def test_a_missing_flow_file_is_reported(content_dir: Path):
    (content_dir / "wizard" / "flow.toml").unlink()
    assert any("flow.toml: is missing" in str(p) for p in load_library(content_dir).problems)
