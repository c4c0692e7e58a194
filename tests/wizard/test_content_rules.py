"""The flow's content rules against the facts: a Microsoft fact is never typed by hand in a flow
text, and every code the flow maps has a source and a family, one outcome per family."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.content.library import load_library

CODES = """
[codes."90094"]
name = "AdminConsentRequired"
message = "Administrator consent is required."
family = "consent"
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[codes."90093"]
message = "Graph returned with a forbidden error code for the request."
family = "consent"
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[families.consent]
title = { fr = "Consentement", en = "Consent" }
"""

MAPPING = '\n[codes]\n"90094" = "ask_admin"\n"90093" = "ask_admin"\n'


@pytest.fixture
def tree(content_dir: Path) -> Path:
    facts = content_dir / "facts" / "entra.toml"
    facts.write_text(facts.read_text() + CODES, encoding="utf-8")
    flow = content_dir / "wizard" / "flow.toml"
    flow.write_text(flow.read_text() + MAPPING, encoding="utf-8")
    return content_dir


def problems(tree: Path) -> list[str]:
    return [str(problem) for problem in load_library(tree).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_test_tree_passes_the_rules(tree: Path):
    assert problems(tree) == []


@pytest.mark.parametrize("typed", ["AADSTS90094", "AADSTS 90094"])
def test_a_code_typed_in_an_outcome_is_refused_with_its_field(tree: Path, typed):
    edit(tree / "wizard" / "flow.toml", "Un administrateur doit agir.", f"Voir {typed}.")
    found = problems(tree)
    assert any(
        "[outcomes.ask_admin.summary.fr]" in p and f"writes {typed} by hand: use [[code:…]]" in p
        for p in found
    ), found


def test_a_microsoft_label_typed_in_a_flow_text_is_refused(tree: Path):
    edit(tree / "wizard" / "flow.toml", "An admin must act.", "Click Need admin approval.")
    found = problems(tree)
    assert any(
        "[outcomes.ask_admin.summary.en]" in p
        and "writes Microsoft's “Need admin approval” by hand: use [[label:need_admin_approval]]"
        in p
        for p in found
    ), found


def test_a_french_label_typed_by_hand_is_refused_too(tree: Path):
    edit(tree / "wizard" / "flow.toml", "Prévenez-le.", "Ouvrez Applications d’entreprise.")
    assert any("[[label:enterprise_apps]]" in p for p in problems(tree))


def test_the_same_label_through_its_reference_is_fine(tree: Path):
    edit(
        tree / "wizard" / "flow.toml", "An admin must act.", "Click [[label:need_admin_approval]]."
    )
    assert problems(tree) == []


def test_one_word_labels_and_labels_marked_prose_may_be_written(tree: Path):
    facts = tree / "facts" / "entra.toml"
    edit(
        facts,
        '[labels.global_administrator]\ntext = { en = "Global Administrator" }\n',
        '[labels.global_administrator]\ntext = { en = "Global Administrator" }\nprose = true\n',
    )
    edit(
        tree / "wizard" / "flow.toml", "An admin must act.", "Save it: a Global Administrator acts."
    )
    assert problems(tree) == []


def test_a_mapped_code_needs_a_family(tree: Path):
    edit(
        tree / "facts" / "entra.toml",
        'message = "Administrator consent is required."\nfamily = "consent"\n',
        'message = "Administrator consent is required."\n',
    )
    found = problems(tree)
    assert any("[codes.90094]" in p and "has no family" in p for p in found), found


def test_a_family_leads_to_one_outcome(tree: Path):
    edit(tree / "wizard" / "flow.toml", '"90093" = "ask_admin"', '"90093" = "unknown"')
    found = problems(tree)
    assert any(
        "[codes]" in p
        and "the family 'consent' leads to ask_admin, unknown: one outcome per family" in p
        for p in found
    ), found


def test_a_mapped_code_needs_its_entry_with_a_source(tree: Path):
    edit(
        tree / "facts" / "entra.toml",
        'family = "consent"\nsource = "https://learn.microsoft.com/"\n'
        'verified = 2026-11-28\n\n[codes."90093"]',
        'family = "consent"\nverified = 2026-11-28\n\n[codes."90093"]',
    )
    found = problems(tree)
    assert any("[codes.90094.source]" in p and "is required" in p for p in found), found
