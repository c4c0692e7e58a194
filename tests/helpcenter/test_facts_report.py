"""`manage.py facts_report`: what to re-check, and where each fact is used."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

CLAIMS = """
[claims.guess]
text = { fr = "en général [[label:save]].", en = "usually [[label:save]]." }
status = "inferred"
source = "https://learn.microsoft.com/guess"
verified = 2026-11-28

[claims.vendor]
status = "unconfirmed"
check = { fr = "vérifiez.", en = "check." }
"""


def report(*args: str) -> str:
    out = StringIO()
    call_command("facts_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tree(content_dir: Path) -> Path:
    (content_dir / "facts" / "claims.toml").write_text(CLAIMS, encoding="utf-8")
    guide = content_dir / "admin-guides" / "en" / "trial.md"
    guide.write_text(guide.read_text() + "\n[[claim:guess]]\n", encoding="utf-8")
    return content_dir


def section(text: str, title: str) -> str:
    return text.split(title, 1)[1].split("\n\n")[0].split("\x1b")[0]


def test_facts_not_verified_lately_are_listed_with_where_they_are_used(tree: Path):
    text = report("--today", "2027-06-01")
    stale = text.split("Not verified since 2026-12-03 (180 days)")[1].split("Inferred")[0]
    assert "labels.save  verified 2026-11-28  https://learn.microsoft.com/" in stale
    # [[label:save]] is in an article, a guide, and (through the claim) in the English guide.
    line = stale.split("labels.save")[1].split("\n")[1]
    assert (
        "article fr/guide-essai" in line and "guide fr/trial" in line and "guide en/trial" in line
    )


def test_a_shorter_window_and_a_fresh_fact_are_not_listed(tree: Path):
    text = report("--today", "2026-12-01", "--days", "30")
    stale = text.split("(30 days)")[1].split("Inferred")[0]
    assert "labels.save" not in stale


def test_inferred_conflicting_and_unconfirmed_facts_have_their_own_sections(tree: Path):
    text = report()
    inferred = text.split("Inferred")[1].split("Conflicting")[0]
    assert "claims.guess" in inferred and "guide en/trial" in inferred
    assert "claims.vendor  never verified" in text.split("Unconfirmed")[1]


def test_facts_nothing_uses_are_listed_last(tree: Path):
    unused = report().split("Not used anywhere")[1]
    assert "claims.vendor" in unused
    assert "labels.save" not in unused


def test_the_published_content_reports_its_conflicts_and_its_vendor_facts():
    text = report("--today", "2026-12-01")
    assert "claims.workflow_roles" in text.split("Conflicting")[1].split("Unconfirmed")[0]
    unconfirmed = text.split("Unconfirmed")[1].split("Not used anywhere")[0]
    for key in ("zeliq_publisher_verified", "zeliq_permissions", "zeliq_static_permissions"):
        assert f"claims.{key}" in unconfirmed
    assert "email colleague_could" in text
