from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from helpcenter.models import Event
from wizard.models import Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client) -> Client:
    agent = User.objects.create_user("agent", "agent@zeliq.example", "pw", is_staff=True)
    client.force_login(agent)
    return client


def test_the_agents_page_sends_a_visitor_to_the_login_page(client: Client):
    response = client.get("/fr/agents/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/login/?next=/fr/agents/"


@pytest.mark.parametrize("path", ["/fr/agents/", "/fr/agents/links/", "/en/agents/insight/"])
def test_a_customer_account_gets_a_clear_403(client: Client, path):
    client.force_login(User.objects.create_user("customer", "c@example.com", "pw"))
    response = client.get(path)
    assert response.status_code == 403
    assert "support" in response.text.casefold()
    assert "no-store" in response["Cache-Control"]


def test_agents_pages_are_never_stored(agent_client: Client):
    for path in ("/fr/agents/", "/fr/agents/links/", "/fr/agents/insight/"):
        response = agent_client.get(path)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


def test_agents_get_a_link_to_every_outcome_and_the_counts(agent_client: Client):
    Event.objects.create(name="outcome_reached", subject="case_3", language="fr")
    Event.objects.create(name="outcome_reached", subject="case_3", language="en")
    Feedback.objects.create(outcome="case_3", language="fr", solved=True)
    Feedback.objects.create(outcome="case_3", language="fr", solved=False)
    html = agent_client.get("/en/agents/").text
    assert 'value="http://testserver/en/wizard/?seen=need_admin_approval"' in html
    assert 'href="/en/wizard/?seen=error_code&amp;code=90094"' in html
    row = html.split('id="link-case_3"')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]] == ["2", "1", "1"]
    # the most visited outcome comes first
    assert html.index('id="link-case_3"') < html.index('id="link-case_1"')
