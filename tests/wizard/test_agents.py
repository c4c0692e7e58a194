from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from wizard.models import Feedback, OutcomeVisit

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client) -> Client:
    agent = User.objects.create_user("agent", "agent@zeliq.example", "pw", is_staff=True)
    client.force_login(agent)
    return client


def test_an_outcome_shown_is_counted_anonymously(client: Client):
    response = client.post("/fr/wizard/visit/", {"outcome": "case_3"})
    assert response.status_code == 204
    visit = OutcomeVisit.objects.get()
    assert (visit.outcome, visit.language) == ("case_3", "fr")


@pytest.mark.parametrize("outcome", ["", "nope", "case_3' OR 1=1", "x" * 500])
def test_an_unknown_outcome_is_refused(client: Client, outcome):
    assert client.post("/fr/wizard/visit/", {"outcome": outcome}).status_code == 400
    assert not OutcomeVisit.objects.exists()


def test_the_outcome_page_names_its_outcome_for_the_counter(client: Client):
    html = client.get("/fr/wizard/?seen=need_admin_approval").text
    assert 'data-outcome="case_3" data-visit-url="/fr/wizard/visit/"' in html


def test_the_agents_page_is_for_staff_only(client: Client):
    response = client.get("/fr/agents/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    User.objects.create_user("customer", "c@example.com", "pw")
    client.login(username="customer", password="pw")
    assert client.get("/fr/agents/").status_code == 302


def test_agents_get_a_link_to_every_outcome_and_the_counts(agent_client: Client):
    OutcomeVisit.objects.create(outcome="case_3", language="fr")
    OutcomeVisit.objects.create(outcome="case_3", language="en")
    Feedback.objects.create(outcome="case_3", language="fr", solved=True)
    Feedback.objects.create(outcome="case_3", language="fr", solved=False)
    html = agent_client.get("/en/agents/").text
    assert 'value="http://testserver/en/wizard/?seen=need_admin_approval"' in html
    assert 'href="/en/wizard/?seen=error_code&amp;code=90094"' in html
    row = html.split('id="link-case_3"')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]] == ["2", "1", "1"]
    # the most visited outcome comes first
    assert html.index('id="link-case_3"') < html.index('id="link-case_1"')
