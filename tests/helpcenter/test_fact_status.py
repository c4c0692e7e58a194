"""A fact's status is worded in one place: what a verified, inferred, conflicting or unconfirmed
claim, and an unverified French label, read like; and the mistakes the facts loader refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from helpcenter.content import get_library
from helpcenter.content.library import load_library
from helpcenter.content.references import registered_kinds

CLAIMS = """
[claims.said]
text = { fr = "un réviseur voit toutes les demandes.", en = "a reviewer sees every request." }
source = "https://learn.microsoft.com/said"
verified = 2026-11-28

[claims.usual]
text = { fr = "la connexion passe aussitôt.", en = "the connection goes through at once." }
status = "inferred"
source = "https://learn.microsoft.com/usual"
verified = 2026-11-28

[claims.unsaid]
text = { fr = "un blocage donne une erreur.", en = "a block gives an error." }
status = "inferred"
said = false
source = "https://learn.microsoft.com/unsaid"
verified = 2026-11-28

[claims.differs]
text = { fr = "seul [[label:global_administrator]] le peut.", en = "only [[label:global_administrator]] can." }
status = "conflicting"
differs = { fr = "une autre page cite aussi [[label:cloud_application_administrator]]", en = "another page also names [[label:cloud_application_administrator]]" }
source = "https://learn.microsoft.com/one"
other_source = "https://learn.microsoft.com/two"
verified = 2026-11-28

[claims.vendor]
status = "unconfirmed"
check = { fr = "regardez le badge de l’éditeur.", en = "look at the publisher's badge." }

[labels.guessed]
text = { en = "Request approval", fr = "Requête d’approbation" }
fr_status = "unverified"
fr_alternatives = ["Approbation de la demande"]
source = "https://learn.microsoft.com/"
verified = 2026-11-28
"""


@pytest.fixture
def claims(content_dir: Path) -> Path:
    path = content_dir / "facts" / "claims.toml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def text(kind: str, key: str, lang: str) -> str:
    with translation.override(lang):
        return registered_kinds()[kind].text(get_library().facts, key)


def html(kind: str, key: str, lang: str) -> str:
    with translation.override(lang):
        return str(registered_kinds()[kind].html(get_library().facts, key))


def problems_with(claims: Path, extra: str) -> list[str]:
    claims.write_text(CLAIMS + extra, encoding="utf-8")
    return [str(problem) for problem in load_library(claims.parent.parent).problems]


PUBLISHED = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(autouse=True)
def _test_tree(request: pytest.FixtureRequest) -> None:
    if "published" not in request.node.name:
        request.getfixturevalue("claims")


def test_a_verified_claim_reads_as_a_plain_sentence():
    assert text("claim", "said", "en") == "A reviewer sees every request."
    assert text("claim", "said", "fr") == "Un réviseur voit toutes les demandes."


def test_an_inferred_claim_says_usually_in_the_readers_language():
    assert text("claim", "usual", "en") == "Usually, the connection goes through at once."
    assert text("claim", "usual", "fr") == "En général, la connexion passe aussitôt."
    assert 'class="claim claim--inferred"' in html("claim", "usual", "en")


def test_an_inference_no_source_supports_says_microsoft_does_not_say_so():
    assert (
        text("claim", "unsaid", "en")
        == "Microsoft doesn’t say so directly; a block gives an error."
    )
    assert text("claim", "unsaid", "fr").startswith("Microsoft ne le dit pas explicitement ; ")


def test_a_conflicting_claim_adds_one_line_with_both_pages():
    assert text("claim", "differs", "en") == (
        "Only “Global Administrator” can. Microsoft’s pages differ: another page also names "
        "“Cloud Application Administrator” (https://learn.microsoft.com/one, "
        "https://learn.microsoft.com/two)"
    )
    page = html("claim", "differs", "fr")
    assert "Les pages de Microsoft divergent" in page
    assert 'href="https://learn.microsoft.com/one"' in page
    assert 'href="https://learn.microsoft.com/two"' in page


def test_an_unconfirmed_vendor_fact_says_what_to_check_instead():
    assert (
        text("claim", "vendor", "en")
        == "Not yet confirmed by Zeliq: look at the publisher's badge."
    )
    assert text("claim", "vendor", "fr").startswith("Pas encore confirmé par Zeliq : ")


def test_an_unverified_french_label_is_shown_in_english_with_the_french_as_unverified():
    assert text("label", "guessed", "fr") == (
        "« Request approval » (français non vérifié : « Requête d’approbation » "
        "ou « Approbation de la demande »)"
    )
    assert text("label", "guessed", "en") == "“Request approval”"
    assert '<strong class="ms-label" lang="en">Request approval</strong>' in html(
        "label", "guessed", "fr"
    )


def test_a_screen_caption_keeps_the_title_and_leaves_the_variants_out():
    assert html("screen", "guessed", "fr") == (
        '<strong class="ms-label" lang="en">Request approval</strong>'
    )
    assert "(Enterprise apps)" in html("screen", "enterprise_apps", "fr")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            '\n[claims.bad]\ntext = { fr = "x.", en = "x." }\nstatus = "conflicting"\n'
            'source = "https://learn.microsoft.com/"\nverified = 2026-11-28\n',
            "[claims.bad]",
            "a conflicting fact needs `differs` and `other_source`",
        ),
        ('\n[claims.bad]\nstatus = "unconfirmed"\n', "[claims.bad]", "`check` goes with"),
        (
            '\n[claims.bad]\ntext = { fr = "x.", en = "x." }\nverified = 2026-11-28\n',
            "[claims.bad]",
            "a claim needs `text`, `source` and `verified`",
        ),
        (
            '\n[claims.bad]\ntext = { fr = "x.", en = "x." }\nsaid = false\n'
            'source = "https://learn.microsoft.com/"\nverified = 2026-11-28\n',
            "[claims.bad]",
            "`said = false` is only for an inferred claim",
        ),
        (
            '\n[claims.bad]\ntext = { fr = "voir [[claim:said]].", en = "see [[claim:said]]." }\n'
            'source = "https://learn.microsoft.com/"\nverified = 2026-11-28\n',
            "[claims.bad.text.fr]",
            "a claim cannot name another claim",
        ),
        (
            '\n[claims.bad]\ntext = { fr = "[[label:nowhere]].", en = "x." }\n'
            'source = "https://learn.microsoft.com/"\nverified = 2026-11-28\n',
            "[claims.bad.text.fr]",
            "[[label:nowhere]] names nothing",
        ),
        (
            '\n[codes."90094"]\nmessage = "Admin consent is required."\nfamily = "nope"\n'
            'source = "https://learn.microsoft.com/"\nverified = 2026-11-28\n',
            "[codes.90094.family]",
            "'nope' is not in [families]",
        ),
    ],
    ids=[
        "conflict-unexplained",
        "unconfirmed-no-check",
        "no-source",
        "said-not-inferred",
        "claim-in-claim",
        "unknown-label",
        "unknown-family",
    ],
)
def test_a_malformed_fact_is_reported_with_file_and_field(claims: Path, extra, field, message):
    found = problems_with(claims, extra)
    assert any(field in problem and message in problem for problem in found), found
    # The rest of the file still loads: one mistake loses nothing else.
    assert not any("[claims.said" in problem for problem in found)


def test_the_published_claims_are_all_sourced_or_say_what_to_check():
    facts = load_library(PUBLISHED).facts
    assert len(facts.claims) >= 30
    for key, claim in facts.claims.items():
        if claim.status == "unconfirmed":
            assert key.startswith("zeliq_") and claim.check is not None
        else:
            assert claim.source and claim.source.startswith("https://learn.microsoft.com/"), key
            assert claim.verified is not None, key
