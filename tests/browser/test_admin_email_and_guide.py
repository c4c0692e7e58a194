from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

CLIENT_ID = "0d3f4c52-8a8e-4b7e-9f3a-2c1d5e6f7a8b"


@pytest.fixture(autouse=True)
def client_id(settings):
    settings.ZELIQ_CLIENT_ID = CLIENT_ID


def fill_form(page: Page, admin_language: str = "en") -> None:
    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre entreprise").fill("Acme")
    page.get_by_label("Votre e-mail professionnel").fill("camille@acme.fr")
    page.get_by_label("L’e-mail de votre administrateur (facultatif)").fill("it@acme.fr")
    page.get_by_label("Langue de l’e-mail").select_option(admin_language)


def test_from_need_admin_approval_a_french_user_gets_an_english_email_live(
    live_server, browser: Browser, csp_errors_for
):
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], accept_downloads=True
    )
    page = context.new_page()
    errors = csp_errors_for(page)
    page.goto(f"{live_server.url}/fr/wizard/?seen=need_admin_approval")
    preview = page.locator("#email-preview")
    expect(preview).to_contain_text("Remplissez les champs")
    fill_form(page)
    expect(preview).to_contain_text(
        "Zeliq: action needed so that Camille Martin can connect Outlook"
    )
    expect(preview).to_contain_text(
        "Entra ID › Enterprise apps › Consent and permissions › Admin consent settings"
    )
    expect(preview).to_contain_text(
        f"https://login.microsoftonline.com/acme.fr/adminconsent?client_id={CLIENT_ID}"
    )
    # typing kept the focus in the form: the live preview never moves it
    assert page.evaluate("document.activeElement.closest('#email-form') !== null")

    # The note updates the preview as the user types.
    page.get_by_label("Un mot personnel (facultatif)").fill("C’est pour la démo de jeudi 🙂")
    expect(preview).to_contain_text("C’est pour la démo de jeudi 🙂")

    # mailto: the admin's address, the subject, and a body that points to the guide.
    href = page.get_by_role("link", name="Ouvrir dans ma messagerie").get_attribute("href")
    assert href.startswith("mailto:it@acme.fr?subject=")
    query = dict(part.split("=", 1) for part in href.split("?", 1)[1].split("&"))
    assert (
        unquote(query["subject"])
        == "Zeliq: action needed so that Camille Martin can connect Outlook"
    )
    assert f"{live_server.url}/en/admin-guide/case-3/?tenant=acme.fr" in unquote(query["body"])

    # Copy: the clipboard holds exactly the message shown.
    page.get_by_role("button", name="Copier le message").click()
    expect(page.get_by_role("button", name="Copié")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#email-text").input_value()
    assert copied.startswith("Subject: Zeliq: action needed")

    # .eml: a real file that Python's mail parser reads back.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger le .eml").click()
    download = download_info.value
    assert download.suggested_filename == "zeliq-outlook-admin.eml"
    message = email.message_from_bytes(
        Path(download.path()).read_bytes(), policy=email.policy.default
    )
    assert message["To"] == "it@acme.fr"
    assert message["Subject"] == "Zeliq: action needed so that Camille Martin can connect Outlook"
    assert "C’est pour la démo de jeudi 🙂" in message.get_content()
    assert errors == []
    context.close()


def test_errors_show_next_to_the_field_while_typing(live_server, page: Page):
    page.goto(f"{live_server.url}/fr/wizard/?seen=need_admin_approval")
    page.get_by_label("Votre e-mail professionnel").fill("camille@gmail.com")
    error = page.locator("#id_email_error")
    expect(error).to_contain_text("semble personnelle")
    expect(error).to_be_visible()
    page.get_by_label("Votre e-mail professionnel").fill("camille@acme.fr")
    expect(error).to_be_hidden()


def test_without_javascript_the_form_posts_and_shows_the_email(live_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/wizard/?seen=need_admin_approval")
    fill_form(page, admin_language="fr")
    page.get_by_role("button", name="Préparer l’e-mail").click()
    expect(page.locator("#email-preview")).to_contain_text(
        "Zeliq : action requise pour que Camille Martin"
    )
    expect(page.locator("#email-text")).to_be_visible()  # the copy fallback
    expect(page.get_by_role("button", name="Copier le message")).to_be_hidden()
    page.get_by_label("Votre nom").fill("Camille\u2028Bcc")
    page.get_by_role("button", name="Préparer l’e-mail").click()
    expect(page.locator("#id_name_error")).to_contain_text("une seule ligne")
    expect(page.get_by_label("Votre entreprise")).to_have_value("Acme")
    context.close()


def test_the_admin_guide_opens_for_the_tenant_prints_and_passes_axe(
    live_server, page: Page, tmp_path
):
    page.goto(f"{live_server.url}/en/admin-guide/case-3/?tenant=acme.fr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".tenant-box")).to_contain_text("acme.fr")
    expect(page.get_by_role("link", name=re.compile(r"acme\.fr.adminconsent"))).to_have_attribute(
        "href", f"https://login.microsoftonline.com/acme.fr/adminconsent?client_id={CLIENT_ID}"
    )
    expect(page.get_by_role("button", name="Print these steps")).to_be_visible()
    assert axe_violations(page) == []
    pdf = tmp_path / "guide.pdf"
    page.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 1 <= pages <= 3, pages


@pytest.mark.parametrize(
    "guide", ["case-2", "case-3", "blocked-app", "assignment-required", "conditional-access"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_admin_guides_pass_axe(live_server, page: Page, guide, lang, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}/{lang}/admin-guide/{guide}/")
    assert axe_violations(page) == []


def test_the_email_preview_passes_axe_once_filled(live_server, page: Page):
    page.goto(f"{live_server.url}/fr/wizard/?seen=need_admin_approval")
    fill_form(page)
    expect(page.locator("#email-text")).to_be_visible()
    assert axe_violations(page) == []
