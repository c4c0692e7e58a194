"""Support agents' short links: building them, following them, and what the agent then sees."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from helpcenter.events import LINK_COOKIE
from helpcenter.models import Event
from wizard.models import ShortLink
from wizard.shortlinks import CODE, create_link, new_code, open_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user("ana", "ana@zeliq.example", "pw", is_staff=True)


@pytest.fixture
def agent_client(client: Client, agent: User) -> Client:
    client.force_login(agent)
    return client


def build(agent_client: Client, **fields: str):
    data = {"place": "", "code": "", "language": "en", "tenant": "", "ticket": "", "days": "30"}
    return agent_client.post("/en/agents/", {**data, **fields})


def test_codes_are_long_random_and_url_safe():
    codes = {new_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) >= 8 and CODE.fullmatch(code) for code in codes)


def test_an_agent_builds_a_link_with_a_ticket_reference(agent_client: Client, agent: User):
    response = build(agent_client, place="screen:approval_required", ticket="ZD-4521")
    link = ShortLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/agents/?link={link.code}#new-link"
    assert (link.query, link.language, link.ticket, link.created_by) == (
        "seen=approval_required",
        "en",
        "ZD-4521",
        agent,
    )
    assert timedelta(days=29) < link.expires_at - timezone.now() <= timedelta(days=30)
    page = agent_client.get(response["Location"]).text
    assert f'value="http://testserver/l/{link.code}/"' in page
    # the preview is what the customer sees, in her language
    assert 'lang="en"' in page and "Approval required" in page


def test_an_error_code_opens_the_outcome_of_that_code(agent_client: Client):
    build(agent_client, code="AADSTS90094")
    assert ShortLink.objects.get().query == "seen=error_code&code=90094"


def test_an_outcome_link_has_the_shortest_answers(agent_client: Client):
    build(agent_client, place="outcome:case_3")
    assert ShortLink.objects.get().query == "seen=need_admin_approval"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Choose where the wizard opens"),
        ({"place": "outcome:nope"}, "Select a valid choice"),
        ({"code": "9009x"}, "5 to 7 digits"),
        ({"place": "outcome:case_3", "ticket": "<script>"}, "letters, digits"),
        ({"place": "outcome:case_3", "tenant": "not a domain"}, "contoso.com"),
        ({"place": "outcome:case_3", "days": "10000"}, "Select a valid choice"),
        ({"place": "outcome:case_3", "language": "de"}, "Select a valid choice"),
    ],
)
def test_a_bad_link_form_says_what_is_wrong_and_makes_nothing(agent_client, fields, message):
    response = build(agent_client, **fields)
    assert response.status_code == 400
    assert message in response.text
    assert not ShortLink.objects.exists()


def test_a_staff_post_without_its_csrf_token_is_a_clear_403(agent: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    response = client.post("/en/agents/", {"place": "outcome:case_3", "language": "en"})
    assert response.status_code == 403
    assert "security token" in response.text
    assert not ShortLink.objects.exists()


def test_following_a_link_opens_the_wizard_prefilled_and_counts_it(client: Client, agent):
    link = create_link(
        query={"seen": "approval_required"},
        language="en",
        ticket="ZD-1",
        created_by=agent,
        expires_at=timezone.now() + timedelta(days=3),
    )
    response = client.get(f"/l/{link.code}/")
    assert response.status_code == 302
    assert response["Location"] == "/en/wizard/?seen=approval_required"
    assert "no-store" in response["Cache-Control"]
    assert response.cookies[LINK_COOKIE]["httponly"]
    client.get(f"/l/{link.code}/")
    link.refresh_from_db()
    assert link.times_opened == 2 and link.last_opened_at is not None
    assert Event.objects.filter(name="link_opened", link_code=link.code).count() == 2


@pytest.mark.parametrize("code", ["unknownCode1", "x", "a" * 40, "%3Cscript%3E"])
def test_an_unknown_code_gets_a_friendly_404_that_offers_the_wizard(client: Client, code):
    response = client.get(f"/l/{code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert 'href="/en/wizard/"' in response.text


def test_an_expired_link_gets_a_410_in_the_visitors_language(client: Client):
    link = create_link(query={}, language="en", expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/l/{link.code}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.text
    assert 'href="/fr/wizard/"' in response.text
    link.refresh_from_db()
    assert link.times_opened == 0


def test_a_macro_gives_each_ticket_its_own_link(client: Client, agent):
    macro = create_link(
        query={"seen": "need_admin_approval"},
        language="fr",
        is_macro=True,
        created_by=agent,
        expires_at=timezone.now() + timedelta(days=30),
    )
    first = client.get(f"/l/{macro.code}/48213/")
    again = client.get(f"/l/{macro.code}/48213/")
    other = client.get(f"/l/{macro.code}/48214/")
    assert first["Location"] == again["Location"] == "/fr/wizard/?seen=need_admin_approval"
    tickets = macro.tickets.order_by("ticket")
    assert [(t.ticket, t.times_opened, t.created_by) for t in tickets] == [
        ("48213", 2, agent),
        ("48214", 1, agent),
    ]
    assert other.cookies[LINK_COOKIE].value != first.cookies[LINK_COOKIE].value
    # a bad ticket, or a ticket on a link that is no macro, is no link
    assert client.get(f"/l/{macro.code}/{'x' * 80}/").status_code == 404
    assert client.get(f"/l/{tickets[0].code}/1/").status_code == 404


def test_the_agent_sees_her_customer_open_reach_an_outcome_and_prepare_the_email(
    agent_client: Client, agent
):
    link = create_link(
        query={"seen": "approval_required"},
        language="en",
        ticket="ZD-77",
        created_by=agent,
        expires_at=timezone.now() + timedelta(days=3),
    )
    customer = Client()
    customer.get(f"/l/{link.code}/")
    customer.post(
        "/en/wizard/visit/", {"name": "outcome_reached", "answers": "seen=approval_required"}
    )
    customer.post(
        "/en/wizard/visit/",
        {"name": "email_prepared", "answers": "seen=approval_required", "channel": "mailto"},
    )
    html = agent_client.get("/en/agents/links/").text
    row = html.split("ZD-77")[1].split("</tr>")[0]
    assert "1 time" in row
    assert "Not yet" not in row
    assert html.count("<tr>") >= 2


def test_open_link_never_raises_on_odd_codes():
    for code in ["", "é" * 10, "a/b", "0" * 32]:
        assert open_link(code).status == 404


def test_a_link_with_the_customers_domain_makes_her_guide_and_email_for_her_tenant(
    client: Client, agent, settings
):
    settings.ZELIQ_CLIENT_ID = "00000000-0000-0000-0000-00000000beef"
    link = create_link(
        query={"seen": "need_admin_approval"},
        language="en",
        tenant="contoso.com",
        expires_at=timezone.now() + timedelta(days=3),
    )
    target = client.get(f"/l/{link.code}/")["Location"]
    assert target == "/en/wizard/?seen=need_admin_approval&tenant=contoso.com"
    page = client.get(target).text
    assert "/en/admin-guide/case-3/?tenant=contoso.com" in page
    assert 'content="noindex' in page
    email = client.post(
        "/en/wizard/email/?seen=need_admin_approval&tenant=contoso.com",
        {
            "name": "Ana",
            "company": "Contoso",
            "email": "ana@contoso-sales.fr",
            "admin_language": "en",
        },
    ).text
    assert "login.microsoftonline.com/contoso.com/adminconsent" in email


def test_a_tenant_that_is_no_domain_is_dropped_from_the_address(client: Client):
    response = client.get("/en/wizard/?seen=need_admin_approval&tenant=not_a_domain")
    assert response.status_code == 302
    assert response["Location"] == "/en/wizard/?seen=need_admin_approval"


def test_the_agent_gives_the_customers_domain_in_the_builder(agent_client: Client):
    build(agent_client, place="outcome:case_3", tenant=" Contoso.COM ")
    link = ShortLink.objects.get()
    assert link.tenant == "contoso.com"
