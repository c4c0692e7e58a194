"""Support agents in a real browser: log in, build a link, follow the customer, read the insight."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-agent-password-1"


@pytest.fixture
def agent() -> User:
    return User.objects.create_user("ana", "ana@zeliq.example", PASSWORD, is_staff=True)


def logged_in(browser: Browser, live_server, agent: User, **options: object) -> BrowserContext:
    """A browser context that carries the agent's session (the login form has its own test)."""
    client = Client()
    client.force_login(agent)
    context = browser.new_context(**options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def test_an_agent_sends_a_link_and_sees_her_customer_reach_case_2_and_prepare_the_email(
    live_server, browser: Browser, agent, csp_errors_for
):
    desk = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = desk.new_page()
    errors = csp_errors_for(page)
    page.goto(f"{live_server.url}/fr/agents/")
    expect(page).to_have_url(f"{live_server.url}/fr/login/?next=/fr/agents/")
    page.get_by_label("Nom d’utilisateur").fill("ana")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support : générateur de liens")

    page.get_by_label("Ouvrir l’assistant sur").select_option("screen:approval_required")
    page.get_by_label("La langue du client").select_option("en")
    page.get_by_label("Référence du ticket (facultatif)").fill("ZD-4521")
    page.get_by_role("button", name="Créer le lien").click()
    ready = page.locator("#new-link")
    expect(ready).to_contain_text("Votre lien est prêt")
    expect(ready.locator(".preview__page")).to_contain_text("Approval required")
    ready.get_by_role("button", name="Copier").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{live_server.url}/l/") and len(link.split("/l/")[1]) >= 9

    customer = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    her_page = customer.new_page()
    her_errors = csp_errors_for(her_page)
    her_page.goto(link)
    expect(her_page).to_have_url(f"{live_server.url}/en/wizard/?seen=approval_required")
    expect(her_page.locator("#step-heading")).to_contain_text("Case 2")
    her_page.get_by_label("Your name").fill("Camille Martin")
    her_page.get_by_label("Your company").fill("Acme")
    her_page.get_by_label("Your work email").fill("camille@acme.fr")
    expect(her_page.locator("#email-preview")).to_contain_text("Camille Martin")
    her_page.get_by_role("button", name="Copy the message").click()
    expect(her_page.get_by_role("button", name="Copied")).to_be_visible()
    customer.close()

    page.goto(f"{live_server.url}/fr/agents/links/")
    row = page.get_by_role("row").filter(has_text="ZD-4521")
    expect(row).to_contain_text("1 fois")
    expect(row.get_by_role("cell").nth(3)).to_contain_text("Cas 2")
    expect(row.get_by_role("cell").nth(4)).to_have_text("Oui")
    page.goto(f"{live_server.url}/fr/agents/insight/")
    funnel = page.locator("#funnel-heading").locator("xpath=..")
    expect(funnel.get_by_role("row").filter(has_text="Ont préparé l’e-mail")).to_contain_text("1")
    expect(page.locator("svg[role=img]")).to_have_count(3)
    desk.close()
    assert errors == [] and her_errors == []


def test_a_macro_template_carries_the_help_desk_placeholder(live_server, browser, agent):
    context = logged_in(browser, live_server, agent)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/agents/")
    page.get_by_label("Or an error code").fill("90094")
    page.get_by_label("A template for a help desk macro").check()
    page.get_by_role("button", name="Make the link").click()
    template = page.get_by_role("textbox", name="Macro template").input_value()
    assert template.endswith("/{{ticket.id}}/")
    other = browser.new_context()
    visit = other.new_page()
    visit.goto(template.replace("{{ticket.id}}", "48213"))
    expect(visit).to_have_url(f"{live_server.url}/en/wizard/?seen=error_code&code=90094")
    other.close()
    page.goto(f"{live_server.url}/en/agents/links/")
    expect(page.get_by_role("row").filter(has_text="48213")).to_contain_text("1 time")
    context.close()


def test_a_wrong_password_then_a_lockout_say_so_clearly(live_server, page: Page, agent, settings):
    page.goto(f"{live_server.url}/en/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        page.get_by_label("Username").fill("ana")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Login locked")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_staff_pages_pass_axe(live_server, browser: Browser, agent, lang, scheme, csp_errors_for):
    context = logged_in(browser, live_server, agent, color_scheme=scheme)
    page = context.new_page()
    errors = csp_errors_for(page)
    page.goto(f"{live_server.url}/{lang}/agents/")
    page.locator("#id_place").select_option("outcome:case_3")
    page.locator("#id_ticket").fill("T-1")
    page.locator(".link-form button[type=submit]").click()
    expect(page.locator("#new-link")).to_be_visible()
    found = {"builder": axe_violations(page)}
    for name in ("links/", "links/?everyone=1", "insight/", "insight/?days=365&language=en"):
        page.goto(f"{live_server.url}/{lang}/agents/{name}")
        found[name] = axe_violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_public_new_pages_pass_axe(live_server, page: Page, lang, scheme, csp_errors):
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in (
        f"/{lang}/login/",
        f"/{lang}/search/?q=consentement+admin",
        f"/{lang}/search/?q=zebra",
        "/l/unknownCode1/",
        {"fr": "/fr/articles/integrer-outlook-avec-zeliq/feedback/"}.get(
            lang, "/en/articles/connect-outlook-to-zeliq/feedback/"
        ),
    ):
        page.goto(live_server.url + path)
        found[path] = axe_violations(page)
    page.goto(live_server.url + "/en/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    found["login error"] = axe_violations(page)
    assert {path: v for path, v in found.items() if v} == {}
    assert [e for e in csp_errors if "404" not in e and "40" not in e] == []
