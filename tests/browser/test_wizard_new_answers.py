"""The two new answers of the first step, in Chromium: "a colleague could, not me" and "it worked,
now disconnected", each reached in two clicks from home, in both languages, with JavaScript on and
off; the first step's drawings are described to screen readers, and the new outcomes pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from wizard.flow import get_flow

HOME_BUTTON = {"fr": "Trouver mon cas en quelques clics", "en": "Find my case in a few clicks"}
NEW_ANSWERS = {"colleague": "colleague_could", "disconnected": "session_expired"}


def title_of(outcome: str, lang: str) -> str:
    return get_flow().outcomes[outcome].title.get(lang).split(":")[0]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("answer", list(NEW_ANSWERS))
def test_a_new_answer_leads_to_its_outcome_in_two_clicks(
    live_server, browser: Browser, csp_errors_for, answer, lang, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors = csp_errors_for(page)
    page.goto(f"{live_server.url}/{lang}/")
    page.get_by_role("link", name=HOME_BUTTON[lang]).click()
    if javascript:
        page.evaluate("window.__sameDocument = true")
    page.locator(f'a.choice[href$="seen={answer}"]').click()
    outcome = NEW_ANSWERS[answer]
    expect(page.locator("#step-heading")).to_contain_text(title_of(outcome, lang))
    expect(page).to_have_url(f"{live_server.url}/{lang}/wizard/?seen={answer}")
    if javascript:
        assert page.evaluate("window.__sameDocument") is True  # htmx swapped the panel
        expect(page.locator("#step-heading")).to_be_focused()
    if outcome == "colleague_could":
        # An admin acts: their steps and the email to them are on the page.
        expect(page.locator("#admin-steps-heading")).to_be_visible()
        expect(page.locator("#email-form")).to_be_visible()
    else:
        # She reconnects herself: nobody else is asked to act.
        expect(page.locator("#admin-steps-heading")).to_have_count(0)
        expect(page.locator(".steps").first).to_contain_text(
            "Se connecter à Outlook" if lang == "fr" else "Connect to Outlook"
        )
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_drawings_are_described_to_screen_readers(live_server, page: Page, lang):
    page.goto(f"{live_server.url}/{lang}/wizard/")
    choice = page.locator('a.choice[href$="seen=need_admin_approval"]')
    description = page.locator("#screen-need_admin_approval")
    expect(description).to_be_hidden()
    assert choice.get_attribute("aria-describedby") == "screen-need_admin_approval"
    # The accessible description carries what the drawing leaves out: every text of the screen.
    described = choice.evaluate(
        "link => document.getElementById(link.getAttribute('aria-describedby')).textContent"
    )
    assert "Have an admin account?" in described
    assert "Return to the application without granting consent." in described
    if lang == "fr":
        assert "Approbation administrateur requise" in described


def test_the_screen_texts_open_under_the_drawings(live_server, page: Page):
    page.goto(f"{live_server.url}/fr/wizard/")
    texts = page.locator("details.screen-texts")
    expect(texts.locator("li").first).to_be_hidden()
    texts.locator("summary").click()
    expect(texts).to_contain_text("Requête d’approbation")


@pytest.mark.parametrize(
    "query", ["?seen=colleague", "?seen=disconnected", "?seen=error_code&code=53000"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_new_outcomes_pass_axe(live_server, page: Page, csp_errors, query, lang):
    page.goto(f"{live_server.url}/{lang}/wizard/{query}")
    assert axe_violations(page) == []
    assert csp_errors == []
