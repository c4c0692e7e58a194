from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from wizard.flow import get_flow
from wizard.models import Feedback

STEP = "/fr/wizard/"
HTMX = {"HX-Request": "true"}

TROUBLESHOOTING_90094 = """Sign in
Need admin approval
Troubleshooting details
If you contact your administrator, send this info to them.
Copy info to clipboard
Request Id: 0b5e2a44-6f0c-4a5b-9a51-3c1a9d0e1f00
Correlation Id: 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10
Timestamp: 2026-11-27T09:41:07.123Z
Message: AADSTS90094: Admin consent is required.
"""


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def outcome_title(outcome_id: str, lang: str = "fr") -> str:
    return get_flow().outcomes[outcome_id].title.get(lang).split(":")[0]


# Full page and fragment ----------------------------------------------------------------------------


def test_the_first_step_is_a_full_page(client: Client):
    response = client.get(STEP)
    assert response.status_code == 200
    assert "<html" in response.text
    assert 'id="wizard-panel"' in response.text
    assert get_flow().questions["seen"].text.html in response.text
    assert "HX-Request" in response["Vary"]


def test_an_htmx_request_gets_only_the_panel(client: Client):
    response = client.get(STEP + "?seen=need_admin_approval", headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="wizard-panel"')
    assert "Cas 3" in response.text
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_request_gets_the_full_page(client: Client):
    response = client.get(
        STEP + "?seen=need_admin_approval", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.text
    # ...which never takes the place of the fragment in a cache keyed on HX-Request.
    assert "no-store" in response["Cache-Control"]
    fragment = client.get(STEP + "?seen=need_admin_approval", headers=HTMX)
    assert "<html" not in fragment.text


def test_the_first_question_offers_every_screen_as_a_link(client: Client):
    html = client.get(STEP).text
    for answer in get_flow().questions["seen"].answers:
        assert f'href="/fr/wizard/?seen={answer.id}"' in html
        assert f'hx-get="/fr/wizard/?seen={answer.id}"' in html


# The three cases in two clicks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ("permissions_requested", "case_1"),
        ("approval_required", "case_2"),
        ("request_sent", "case_2_pending"),
        ("already_requested", "case_2_pending"),
        ("need_admin_approval", "case_3"),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_screen_leads_to_its_outcome(client: Client, answer, outcome, lang):
    html = client.get(f"/{lang}/wizard/?seen={answer}").text
    assert outcome_title(outcome, lang) in html
    assert 'id="step-heading"' in html


def test_case_3_offers_both_admin_routes_with_paths_and_roles(client: Client):
    html = client.get("/en/wizard/?seen=need_admin_approval").text
    assert "Entra ID" in html and "Enterprise apps" in html
    assert "Admin consent settings" in html
    assert "Global Administrator" in html
    assert html.count("<h4>") >= 2
    assert 'href="/en/articles/connect-outlook-to-zeliq/#case-3"' in html


def test_the_article_links_each_case_to_the_wizard_and_back(client: Client):
    article = client.get("/fr/articles/integrer-outlook-avec-zeliq/").text
    for answer in ("permissions_requested", "approval_required", "need_admin_approval"):
        assert f'href="/fr/wizard/?seen={answer}"' in article
    outcome = client.get("/fr/wizard/?seen=approval_required").text
    assert 'href="/fr/articles/integrer-outlook-avec-zeliq/#cas-2"' in outcome


def test_the_not_sure_branch_asks_yes_no_questions(client: Client):
    html = client.get(STEP + "?seen=not_sure").text
    assert "zone de texte" in html
    assert 'href="/fr/wizard/?seen=not_sure&amp;justify=yes"' in html
    html = client.get(STEP + "?seen=not_sure&justify=no&adminlink=yes").text
    assert outcome_title("case_3") in html


def test_progress_and_change_links(client: Client):
    html = client.get(STEP + "?seen=not_sure&justify=no").text
    assert "Étape 3 sur environ" in html
    assert 'href="/fr/wizard/?seen=not_sure"' in html  # change the justify answer
    assert 'href="/fr/wizard/"' in html  # change the first answer / start over


# Tampered links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?seen=bogus", {"fixed": ["1"]}),
        (
            "?seen=need_admin_approval&risky=ask_admin",
            {"seen": ["need_admin_approval"], "fixed": ["1"]},
        ),
        ("?seen=error_code&code=abc", {"seen": ["error_code"], "fixed": ["1"]}),
        (
            "?seen=error_code&code=90094&cid=not-a-guid",
            {"seen": ["error_code"], "code": ["90094"], "fixed": ["1"]},
        ),
        ("?seen=" + "x" * 5000, {"fixed": ["1"]}),
        ("?seen=%00%0d%0a", {"fixed": ["1"]}),
    ],
)
def test_a_tampered_link_redirects_to_the_first_step_still_needing_an_answer(
    client: Client, query, expected
):
    response = client.get(STEP + query)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == STEP
    assert query_of(response["Location"]) == expected
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "n’ont pas été comprises" in page.text


def test_a_parameter_the_wizard_does_not_read_is_dropped_without_a_notice(client: Client):
    response = client.get(STEP + "?seen=need_admin_approval&colour=blue")
    assert response.status_code == 302
    assert response["Location"] == STEP + "?seen=need_admin_approval"
    assert "n’ont pas été comprises" not in client.get(response["Location"]).text


# Error codes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "65001",
        "65004",
        "90093",
        "90094",
        "90095",
        "900941",
        "900981",
        "53003",
        "530035",
        "50020",
        "500208",
        "700016",
        "7000112",
        "50105",
        "90002",
    ],
)
def test_every_known_code_lands_on_its_outcome(client: Client, code):
    outcome = get_flow().codes[code]
    html = client.get(f"/en/wizard/?seen=error_code&code={code}").text
    assert outcome_title(outcome, "en") in html
    assert f"AADSTS{code}" in html


def test_an_unknown_code_is_honest_and_leads_to_support(client: Client):
    html = client.get("/en/wizard/?seen=error_code&code=123456").text
    assert outcome_title("unknown_code", "en") in html
    # Microsoft: the error lookup page "is for developer usage only, don't present it to users".
    assert "login.microsoftonline.com/error" not in html
    assert "support@zeliq.com" in html


def test_a_pasted_troubleshooting_block_lands_on_case_3_with_its_ids(client: Client):
    response = client.post(STEP + "?seen=error_code", {"error_text": TROUBLESHOOTING_90094})
    assert response.status_code == 302
    query = query_of(response["Location"])
    assert query["code"] == ["90094"]
    assert query["cid"] == ["7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10"]
    html = client.get(response["Location"]).text
    assert outcome_title("case_3") in html
    assert "ID de corrélation : 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10" in html


def test_an_htmx_paste_renders_the_outcome_and_pushes_its_url(client: Client):
    response = client.post(STEP + "?seen=error_code", {"error_text": "AADSTS90094"}, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert outcome_title("case_3") in response.text
    assert response["HX-Push-Url"] == "/fr/wizard/?seen=error_code&code=90094"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Collez le texte de l’erreur"),
        ("   \n ", "Collez le texte de l’erreur"),
        ("Something went wrong, sorry <script>alert(1)</script>", "aucun code AADSTS"),
        ("AADSTS90094 " + "x" * 10_001, "trop long"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_bad_paste_shows_a_clear_error_and_keeps_the_text(client: Client, text, message, headers):
    response = client.post(STEP + "?seen=error_code", {"error_text": text}, headers=headers)
    assert response.status_code == 200
    html = response.text
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html
    if text.strip():
        kept = text.replace("<", "&lt;").replace(">", "&gt;")
        assert kept[:200] in html


def test_the_oauth_error_entry_lands_on_the_outcome(client: Client):
    response = client.get(
        "/en/wizard/error/",
        {
            "error": "invalid_client",
            "error_description": "AADSTS7000112: Application 'x'(Zeliq) is disabled. "
            "Trace ID: 0b5e2a44-6f0c-4a5b-9a51-3c1a9d0e1f00 "
            "Correlation ID: 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10 Timestamp: 2026-11-27 09:41:07Z",
        },
    )
    assert response.status_code == 302
    query = query_of(response["Location"])
    assert query["code"] == ["7000112"]
    assert query["cid"] == ["7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10"]
    assert outcome_title("blocked_app", "en") in client.get(response["Location"]).text


def test_access_denied_without_a_code_lands_on_returned_without_consent(client: Client):
    response = client.get("/fr/wizard/error/?error=access_denied")
    assert outcome_title("returned_without_consent") in client.get(response["Location"]).text


def test_an_error_entry_without_anything_useful_asks_for_the_error(client: Client):
    response = client.get("/fr/wizard/error/?error=%3Cscript%3E&error_description=nothing")
    html = client.get(response["Location"]).text
    assert 'name="error_text"' in html


# Feedback -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_is_stored_anonymously_and_thanked(client: Client):
    response = client.post(
        "/fr/wizard/feedback/", {"answers": "seen=need_admin_approval", "solved": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/wizard/?seen=need_admin_approval&solved=yes#feedback"
    feedback = Feedback.objects.get()
    assert (feedback.outcome, feedback.language, feedback.solved) == ("case_3", "fr", True)
    assert "merci de nous l’avoir dit" in client.get(response["Location"]).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"answers": "seen=need_admin_approval", "solved": "maybe"},
        {"answers": "seen=not_sure", "solved": "yes"},  # a question, not an outcome
        {"answers": "https://evil.example/", "solved": "yes"},
    ],
)
def test_bad_feedback_is_not_stored_and_never_redirects_away(client: Client, data):
    response = client.post("/fr/wizard/feedback/", data)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/wizard/")
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_wizard_pages_are_the_same_for_everybody_so_they_can_be_cached():
    client = Client(enforce_csrf_checks=True)
    for url in (STEP + "?seen=error_code", STEP + "?seen=need_admin_approval"):
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.text
        assert not response.cookies
    # The forms change nothing that belongs to anyone, so they need no token.
    pasted = client.post(STEP + "?seen=error_code", {"error_text": "AADSTS90094"})
    assert pasted.status_code == 302
    voted = client.post(
        "/fr/wizard/feedback/", {"answers": "seen=need_admin_approval", "solved": "no"}
    )
    assert voted.status_code == 302


def test_a_cached_page_is_served_without_rendering_again(client: Client):
    from unittest import mock

    url = STEP + "?seen=approval_required"
    first = client.get(url, headers=HTMX)
    with mock.patch("wizard.views._render_step", side_effect=AssertionError("rendered again")):
        again = client.get(url, headers=HTMX)
    assert again.content == first.content
    assert "HX-Request" in again["Vary"]
    assert client.get(url).content != first.content  # the full page is cached apart


# Speed and safety ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reading_a_wizard_step_touches_no_database(client: Client, django_assert_num_queries):
    client.get(STEP + "?seen=need_admin_approval")
    with django_assert_num_queries(0):
        client.get(STEP + "?seen=need_admin_approval")
        client.get(STEP, headers=HTMX)


def test_the_summary_for_support_is_plain_text(client: Client):
    html = client.get(
        "/en/wizard/?seen=error_code&code=90094&cid=7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10"
    ).text
    summary = html.split('<textarea id="summary-text" readonly rows="8">')[1].split("</textarea>")[
        0
    ]
    assert "Correlation ID: 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10" in summary
    assert "Link: http://testserver/en/wizard/?seen=error_code&amp;code=90094" in summary
    assert "<strong" not in summary and "[[" not in summary


# A code the wizard does not map -------------------------------------------------------------------

UNMAPPED_PASTE = (
    "AADSTS99999: Something Microsoft explains here.\r\n"
    "Trace ID: 0b5e2a44-6f0c-4a5b-9a51-3c1a9d0e1f00\r\n"
    "Correlation ID: 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10\r\n"
    "Timestamp: 2026-11-27 09:41:07Z"
)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_an_unmapped_code_shows_microsofts_own_message_with_supports_contact(
    client: Client, headers
):
    response = client.post(
        STEP + "?seen=error_code", {"error_text": UNMAPPED_PASTE}, headers=headers
    )
    assert response.status_code == 200
    assert "Something Microsoft explains here." in response.text
    assert "support@zeliq.com" in response.text
    assert "no-store" in response["Cache-Control"]


def test_an_oauth_redirect_with_an_unmapped_code_shows_the_message_too(client: Client):
    description = UNMAPPED_PASTE.replace("\r\n", " ")
    response = client.get(
        "/en/wizard/error/", {"error": "invalid_request", "error_description": description}
    )
    assert response.status_code == 200
    assert "Something Microsoft explains here." in response.text
    assert "no-store" in response["Cache-Control"]


def test_a_mapped_code_still_redirects_to_its_shareable_address(client: Client):
    response = client.post(STEP + "?seen=error_code", {"error_text": TROUBLESHOOTING_90094})
    assert response.status_code == 302
