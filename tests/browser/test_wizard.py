from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.wizard.test_views import TROUBLESHOOTING_90094
from wizard.flow import get_flow

SCREENS = {
    "case_1": "permissions_requested",
    "case_2": "approval_required",
    "case_3": "need_admin_approval",
}
HOME_BUTTON = {"fr": "Trouver mon cas en quelques clics", "en": "Find my case in a few clicks"}


def title_of(outcome: str, lang: str) -> str:
    return get_flow().outcomes[outcome].title.get(lang).split(":")[0]


def choose(page: Page, answer_id: str) -> None:
    page.locator(f'a.choice[href$="seen={answer_id}"]').click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("outcome", list(SCREENS))
def test_each_case_in_two_clicks_from_home(
    live_server, browser: Browser, outcome, lang, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/{lang}/")
    page.get_by_role("link", name=HOME_BUTTON[lang]).click()
    page.evaluate("window.__sameDocument = true") if javascript else None
    choose(page, SCREENS[outcome])
    expect(page.locator("#step-heading")).to_contain_text(title_of(outcome, lang))
    expect(page).to_have_url(f"{live_server.url}/{lang}/wizard/?seen={SCREENS[outcome]}")
    if javascript:
        # htmx swapped the panel in place: the page was not reloaded, and focus is on the new heading.
        assert page.evaluate("window.__sameDocument") is True
        expect(page.locator("#step-heading")).to_be_focused()
        assert page.title().startswith(title_of(outcome, lang))
    assert errors == []
    context.close()


def test_the_back_button_returns_to_the_previous_step(live_server, page: Page):
    page.goto(f"{live_server.url}/en/wizard/")
    choose(page, "not_sure")
    expect(page.locator("#step-heading")).to_contain_text("text box")
    page.locator('a.choice[href$="justify=no"]').click()
    expect(page.locator("#step-heading")).to_contain_text("Have an admin account")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/en/wizard/?seen=not_sure")
    expect(page.locator("#step-heading")).to_contain_text("text box")
    page.go_back()
    expect(page.locator("#step-heading")).to_contain_text("What did you see")


def test_a_copied_url_reopens_the_same_step_elsewhere(live_server, page: Page, browser: Browser):
    page.goto(f"{live_server.url}/fr/wizard/")
    choose(page, "not_sure")
    page.locator('a.choice[href$="justify=no"]').click()
    expect(page.locator("#step-heading")).to_contain_text("Y avait-il ce lien")
    copied = page.url
    other = browser.new_context()
    colleague = other.new_page()
    colleague.goto(copied)
    expect(colleague.locator("#step-heading")).to_contain_text("Y avait-il ce lien")
    expect(colleague.locator(".wizard-answers li")).to_have_count(2)
    other.close()


def test_change_this_answer_and_start_over(live_server, page: Page):
    page.goto(f"{live_server.url}/en/wizard/?seen=not_sure&justify=no")
    page.get_by_role("link", name=re.compile("Change this answer.*Was there a text box")).click()
    expect(page).to_have_url(f"{live_server.url}/en/wizard/?seen=not_sure")
    page.get_by_role("link", name="Start over").click()
    expect(page).to_have_url(f"{live_server.url}/en/wizard/")
    expect(page.locator("#step-heading")).to_contain_text("What did you see")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_pasted_troubleshooting_block_lands_on_case_3_with_the_correlation_id(
    live_server, browser: Browser, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/wizard/")
    choose(page, "error_code")
    page.get_by_label("The error text").fill(TROUBLESHOOTING_90094)
    page.get_by_role("button", name="Find my case").click()
    expect(page.locator("#step-heading")).to_contain_text(title_of("case_3", "en"))
    expect(page).to_have_url(
        f"{live_server.url}/en/wizard/?seen=error_code&code=90094"
        "&cid=7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10&rid=0b5e2a44-6f0c-4a5b-9a51-3c1a9d0e1f00"
        "&ts=2026-11-27T09%3A41%3A07.123Z"
    )
    expect(page.locator(".error-details")).to_contain_text("7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10")
    expect(page.locator("#summary-text")).to_have_value(
        re.compile("Correlation ID: 7d3c9f21-1b2a-4c8e-8f00-5e6d7c8b9a10")
    )
    context.close()


def test_a_paste_without_a_code_keeps_the_text_and_says_why(live_server, page: Page):
    page.goto(f"{live_server.url}/en/wizard/?seen=error_code")
    page.get_by_label("The error text").fill("It just said something went wrong")
    page.get_by_role("button", name="Find my case").click()
    expect(page.locator("#error-text-error")).to_contain_text("We found no AADSTS code")
    expect(page.get_by_label("The error text")).to_have_value("It just said something went wrong")


def test_the_summary_copies_to_the_clipboard(live_server, browser: Browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/en/wizard/?seen=need_admin_approval")
    page.get_by_role("button", name="Copy the summary").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#summary-text").input_value()
    assert "Need admin approval" in copied
    context.close()


def test_copy_buttons_stay_hidden_without_javascript(live_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/wizard/?seen=need_admin_approval")
    expect(page.get_by_role("button", name="Copy the summary")).to_be_hidden()
    expect(page.locator("#summary-text")).to_be_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_did_this_solve_it(live_server, page: Page):
    page.goto(f"{live_server.url}/fr/wizard/?seen=need_admin_approval")
    page.get_by_role("button", name="Oui").click()
    expect(page.get_by_role("status").filter(has_text="Parfait")).to_be_visible()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?seen=not_sure",
        "?seen=error_code",
        "?seen=need_admin_approval",
        "?seen=error_code&code=123456",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_wizard_steps_pass_axe(live_server, page: Page, csp_errors, query, scheme, lang):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}/{lang}/wizard/{query}")
    assert axe_violations(page) == []
    assert csp_errors == []


@pytest.mark.parametrize("query", ["", "?seen=need_admin_approval"])
def test_wizard_fits_a_phone(live_server, page: Page, query):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/fr/wizard/{query}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.django_db(transaction=True)
def test_each_outcome_shown_is_counted(live_server, page: Page):
    from helpcenter.models import Event

    page.goto(f"{live_server.url}/en/wizard/")
    choose(page, "need_admin_approval")
    expect(page.locator("#step-heading")).to_contain_text(title_of("case_3", "en"))
    page.reload()
    expect(page.locator("#step-heading")).to_be_visible()
    page.wait_for_timeout(500)
    reached = Event.objects.filter(name="outcome_reached")
    assert list(reached.values_list("subject", "language")) == [("case_3", "en")] * 2


@pytest.mark.django_db(transaction=True)
def test_the_agents_page_passes_axe(live_server, page: Page):
    from django.contrib.auth.models import User

    User.objects.create_user("agent", "agent@example.com", "pw-agent-123", is_staff=True)
    page.goto(f"{live_server.url}/admin/login/?next=/fr/agents/")
    page.fill("#id_username", "agent")
    page.fill("#id_password", "pw-agent-123")
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Support")
    assert axe_violations(page) == []
