"""The admin consent link: a tenant ID (Microsoft's recommendation) or a domain, typed in the email
form or given as ?tenant=; "organizations" when neither is known, and beside a domain in case
Microsoft doesn't know it; never "common". With it go what it grants and what re-granting revokes."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from helpcenter.content import get_library
from helpcenter.content.references import registered_kinds
from wizard.addresses import admin_consent_url, clean_tenant, consent_links

CLIENT_ID = "0d3f4c52-8a8e-4b7e-9f3a-2c1d5e6f7a8b"
TENANT_ID = "72F988BF-86F1-41AF-91AB-2D7CD011DB47"
TEMPLATE = "https://login.microsoftonline.com/{tenant}/adminconsent?client_id={client_id}"
LINK = "https://login.microsoftonline.com/{}/adminconsent?client_id=" + CLIENT_ID
EMAIL_URL = "/en/wizard/email/?seen=need_admin_approval"
FORM = {
    "name": "Camille Martin",
    "company": "Acme",
    "email": "camille@acme.fr",
    "admin_email": "it@acme.fr",
    "admin_language": "en",
}


@pytest.fixture(autouse=True)
def client_id(settings):
    settings.ZELIQ_CLIENT_ID = CLIENT_ID


def claim(key: str, lang: str = "en") -> str:
    """A claim's plain text, as a page shows it (escaped)."""
    with translation.override(lang):
        return escape(registered_kinds()["claim"].text(get_library().facts, key))


@pytest.mark.parametrize(
    ("typed", "tenant"),
    [
        (TENANT_ID, TENANT_ID.lower()),
        (" acme.fr ", "acme.fr"),
        ("Acme.FR", "acme.fr"),
        ("bücher.de", "xn--bcher-kva.de"),
    ],
)
def test_a_tenant_is_a_tenant_id_or_a_domain(typed, tenant):
    assert clean_tenant(typed) == tenant


@pytest.mark.parametrize(
    "typed", ["common", "organizations", "consumers", "acme", "acme.fr/x", "1.2.3.4", "a\nb.fr", ""]
)
def test_anything_else_is_no_tenant(typed):
    assert clean_tenant(typed) is None


def test_the_link_names_the_tenant_id_alone():
    links = consent_links(TENANT_ID.lower(), CLIENT_ID, TEMPLATE)
    assert links.url == LINK.format(TENANT_ID.lower())
    assert links.fallback_url is None and links.names_tenant


def test_beside_a_domain_goes_the_organizations_link():
    links = consent_links("acme.fr", CLIENT_ID, TEMPLATE)
    assert links.url == LINK.format("acme.fr")
    assert links.fallback_url == LINK.format("organizations")


def test_without_a_tenant_the_link_names_organizations():
    links = consent_links(None, CLIENT_ID, TEMPLATE)
    assert links.url == LINK.format("organizations")
    assert links.fallback_url is None and not links.names_tenant


def test_common_never_reaches_a_link_even_from_the_template():
    assert admin_consent_url("common", CLIENT_ID, TEMPLATE) is None
    assert admin_consent_url(None, CLIENT_ID, TEMPLATE.replace("{tenant}", "common")) is None


def test_the_email_form_takes_a_tenant_id_and_the_link_uses_it(client: Client):
    html = client.post(EMAIL_URL, {**FORM, "tenant": TENANT_ID}).text
    assert LINK.format(TENANT_ID.lower()) in html
    assert LINK.format("acme.fr") not in html
    assert claim("admin_consent_link_scope") in html
    assert claim("regrant_may_revoke") in html


def test_without_a_typed_tenant_the_email_names_the_work_domain_and_organizations(client: Client):
    html = client.post(EMAIL_URL, FORM).text
    assert LINK.format("acme.fr") in html
    assert LINK.format("organizations") in html
    assert claim("organizations_link") in html
    assert claim("tenant_id_recommended") in html


def test_the_notes_are_in_the_admins_language(client: Client):
    html = client.post(EMAIL_URL, {**FORM, "admin_language": "fr"}).text
    assert claim("admin_consent_link_scope", "fr") in html


def test_a_bad_tenant_is_refused_next_to_the_field_and_the_rest_is_kept(client: Client):
    html = client.post(EMAIL_URL, {**FORM, "tenant": "acme.fr/../common"}).text
    error = html.split('id="id_tenant_error"')[1].split("</p>")[0]
    assert "neither a tenant ID (a GUID) nor a domain name" in error
    assert 'value="Camille Martin"' in html and 'value="acme.fr/../common"' in html
    assert 'id="email-text"' not in html  # no email from invalid input


def test_the_guide_takes_a_tenant_id(client: Client):
    html = client.get("/en/admin-guide/case-3/", {"tenant": TENANT_ID}).text
    assert f"<strong>{TENANT_ID.lower()}</strong>" in html
    links = re.findall(r'href="(https://login\.microsoftonline\.com/[^"]*)"', html)
    assert links == [LINK.format(TENANT_ID.lower())]


def test_a_guide_without_tenant_offers_organizations_and_says_what_it_does(client: Client):
    html = client.get("/fr/admin-guide/case-3/").text
    assert f'href="{LINK.format("organizations")}"' in html
    with translation.override("fr"):
        sentence = str(registered_kinds()["claim"].html(get_library().facts, "organizations_link"))
    assert sentence in html


def test_no_link_where_consent_would_not_help(client: Client):
    html = client.post("/en/wizard/email/?seen=error_code&code=53003", FORM).text
    assert "/adminconsent?" not in html
