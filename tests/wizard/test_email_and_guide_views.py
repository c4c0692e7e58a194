from __future__ import annotations

import email
import email.policy
import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import translation

from helpcenter.content import get_library
from helpcenter.content.factformat import path_text

EMAIL_URL = "/fr/wizard/email/?seen=need_admin_approval"
HTMX = {"HX-Request": "true"}
CLIENT_ID = "0d3f4c52-8a8e-4b7e-9f3a-2c1d5e6f7a8b"


def path_in(key: str, lang: str) -> str:
    """An admin-center path as the email writes it, in `lang`, from the facts."""
    with translation.override(lang):
        return path_text(get_library().facts.path(key))


VALID = {
    "name": "Camille Martin",
    "company": "Acme",
    "email": "camille@acme.fr",
    "admin_email": "it@acme.fr",
    "admin_language": "en",
    "note": "Merci !",
}


@pytest.fixture
def client_id(settings):
    settings.ZELIQ_CLIENT_ID = CLIENT_ID


def test_the_outcome_offers_the_email_form_in_the_page_language(client: Client):
    html = client.get("/fr/wizard/?seen=need_admin_approval").text
    assert 'action="/fr/wizard/email/?seen=need_admin_approval"' in html
    assert '<option value="fr" selected>Français</option>' in html
    assert "Remplissez les champs ci-dessus" in html


def test_outcomes_without_an_admin_have_no_email_form(client: Client):
    html = client.get("/fr/wizard/?seen=permissions_requested").text
    assert 'id="email-form"' not in html
    assert client.post("/fr/wizard/email/?seen=permissions_requested", VALID).status_code == 302


def test_a_french_user_gets_an_english_email_for_her_admin(client: Client, client_id):
    response = client.post(EMAIL_URL, VALID)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fr">' in html
    assert "Zeliq: action needed so that Camille Martin can connect Outlook" in html
    assert path_in("admin_consent_settings", "en") in html
    assert f"https://login.microsoftonline.com/acme.fr/adminconsent?client_id={CLIENT_ID}" in html
    assert "http://testserver/en/admin-guide/case-3/?tenant=acme.fr" in html
    assert 'href="mailto:it@acme.fr?subject=Zeliq%3A%20action' in html


def test_the_consent_link_needs_a_configured_client_id(client: Client, settings):
    settings.ZELIQ_CLIENT_ID = ""
    html = client.post(EMAIL_URL, VALID).text
    assert "/adminconsent?" not in html


def test_the_live_preview_returns_the_preview_and_field_errors(client: Client):
    response = client.post(
        EMAIL_URL, {**VALID, "email": "camille@", "admin_email": ""}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="email-preview"')
    assert '<p class="field-error" id="id_email_error" hx-swap-oob="true">' in html
    assert '<p class="field-error" id="id_name_error" hx-swap-oob="true" hidden>' in html


def test_the_live_preview_does_not_scold_empty_fields_yet(client: Client):
    html = client.post(EMAIL_URL, {"name": "Camille", "admin_language": "fr"}, headers=HTMX).text
    assert 'id="id_email_error" hx-swap-oob="true" hidden>' in html
    assert "Remplissez les champs ci-dessus" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Saisissez une adresse de courriel valide"),
        ("email", "camille@localhost", "ne ressemble pas à un domaine d’entreprise"),
        ("email", "camille@gmail.com", "semble personnelle"),
        ("admin_email", "it@", "Saisissez une adresse de courriel valide"),
        ("name", "Camille\r\nBcc: evil@example.com", "une seule ligne"),
        ("company", "Acme\nX-Header: 1", "une seule ligne"),
        ("name", "x" * 81, "au plus 80 caractères"),
        ("note", "x" * 601, "au plus 600 caractères"),
        ("name", "", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_gets_a_clear_message_next_to_the_field_and_keeps_the_rest(
    client: Client, field, value, message
):
    response = client.post(EMAIL_URL, {**VALID, field: value})
    assert response.status_code == 200
    html = response.text
    error = html.split(f'id="id_{field}_error"')[1].split("</p>")[0]
    assert message in error
    assert 'aria-invalid="true"' in html
    assert 'value="Acme"' in html or field == "company"
    assert "Merci !" in html or field == "note"
    assert 'id="email-text"' not in html  # no email is offered from invalid input


def test_typed_text_is_escaped_in_the_preview(client: Client):
    hostile = {
        **VALID,
        "name": '<script>alert("x")</script> \u202eevil',
        "note": "<img src=x onerror=alert(1)> 🙂",
    }
    html = client.post(EMAIL_URL, hostile).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "🙂" in html


def test_the_eml_download_is_a_valid_utf8_message(client: Client, client_id):
    response = client.post(EMAIL_URL, {**VALID, "admin_language": "fr", "download": "eml"})
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == 'attachment; filename="zeliq-outlook-admin.eml"'
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["To"] == "it@acme.fr"
    assert message["From"] == "camille@acme.fr"
    assert (
        message["Subject"]
        == "Zeliq : action requise pour que Camille Martin puisse connecter Outlook"
    )
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert path_in("grant_admin_consent", "fr") in body
    assert "Merci !" in body


def test_crlf_in_a_field_never_reaches_the_eml_headers(client: Client):
    response = client.post(
        EMAIL_URL, {**VALID, "name": "Camille\r\nBcc: evil@example.com", "download": "eml"}
    )
    assert response["Content-Type"].startswith(
        "text/html"
    )  # refused: the form comes back with the error
    assert b"Bcc:" not in response.content.split(b"<body")[0]


@pytest.mark.django_db
def test_nothing_typed_is_stored(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.post(EMAIL_URL, VALID)
        client.post(EMAIL_URL, VALID, headers=HTMX)
        client.post(EMAIL_URL, {**VALID, "download": "eml"})


def test_the_mailto_link_decodes_to_the_short_version(client: Client):
    html = client.post(EMAIL_URL, VALID).text
    href = (
        html.split('class="button button--primary" href="')[1].split('"')[0].replace("&amp;", "&")
    )
    assert len(href) <= 2000
    query = href.split("?", 1)[1]
    parts = dict(part.split("=", 1) for part in query.split("&"))
    assert (
        unquote(parts["subject"])
        == "Zeliq: action needed so that Camille Martin can connect Outlook"
    )
    assert "/en/admin-guide/case-3/?tenant=acme.fr" in unquote(parts["body"])


def test_case_2_offers_a_justification_in_the_users_language(client: Client):
    html = client.get("/en/wizard/?seen=approval_required").text
    assert 'id="justification-text"' in html
    assert "Outlook" in html.split('id="justification-text"')[1].split(">")[0]


# Admin guide ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "guide", ["case-2", "case-3", "blocked-app", "assignment-required", "conditional-access"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_admin_guide_exists_in_both_languages(client: Client, guide, lang):
    response = client.get(f"/{lang}/admin-guide/{guide}/")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert 'class="checklist"' in html
    assert 'class="ms-label"' in html  # Microsoft names come from the facts
    assert "2026" in html  # verification dates


def test_the_guide_for_a_tenant_carries_its_consent_link(client: Client, client_id):
    html = client.get("/en/admin-guide/case-3/?tenant=Acme.FR").text
    assert "<strong>acme.fr</strong>" in html
    assert (
        f'href="https://login.microsoftonline.com/acme.fr/adminconsent?client_id={CLIENT_ID}"'
        in html
    )
    assert 'href="/fr/admin-guide/case-3/?tenant=Acme.FR"' in html  # the switcher keeps the tenant


@pytest.mark.parametrize(
    "tenant",
    [
        "common",
        "organizations",
        "evil.com/x",
        "a..b.com",
        "-a.com",
        "1.2.3.4",
        "x" * 300 + ".com",
        "acme.fr\r\nX: y",
        "<script>",
    ],
)
def test_an_implausible_tenant_never_reaches_the_consent_url(client: Client, client_id, tenant):
    response = client.get("/en/admin-guide/case-3/", {"tenant": tenant})
    assert response.status_code == 200
    links = re.findall(r'href="(https://login\.microsoftonline\.com/[^"]*)"', response.text)
    # What was refused is said, and the link falls back to "organizations", never to the input.
    assert links == [
        f"https://login.microsoftonline.com/organizations/adminconsent?client_id={CLIENT_ID}"
    ]
    assert "neither a tenant ID nor a valid domain name" in response.text
    assert "<script>" not in response.text.split("<body")[1]


def test_an_unknown_guide_is_a_404(client: Client):
    assert client.get("/en/admin-guide/nope/").status_code == 404
    assert client.get("/en/admin-guide/..%2fsettings/").status_code == 404


def test_guides_say_menus_get_renamed_and_show_older_names(client: Client):
    html = client.get("/en/admin-guide/case-3/").text
    assert "renames its admin-center menus" in html
    assert "Identity" in html  # an older navigation
    assert "learn.microsoft.com" in html
