"""Staff log in on the site's own page; repeated failures lock the account for this client."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user("ana", "ana@zeliq.example", "right-password-1", is_staff=True)


def log_in(client: Client, password: str, path: str = "/en/login/", **extra):
    extra.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    return client.post(path, {"username": "ana", "password": password}, **extra)


def test_the_login_page_is_private_and_in_the_sites_look(client: Client):
    response = client.get("/fr/login/")
    assert response.status_code == 200
    assert "Connexion" in response.text or "login" in response.text.casefold()
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_an_agent_logs_in_and_lands_on_the_agents_page(client: Client, agent):
    response = log_in(client, "right-password-1")
    assert response.status_code == 302
    assert response["Location"] == "/en/agents/"
    assert client.get("/en/agents/").status_code == 200


def test_login_goes_back_to_the_page_asked_for(client: Client, agent):
    response = client.post(
        "/en/login/",
        {"username": "ana", "password": "right-password-1", "next": "/en/agents/insight/"},
    )
    assert response["Location"] == "/en/agents/insight/"


def test_login_never_redirects_off_site(client: Client, agent):
    response = client.post(
        "/en/login/",
        {"username": "ana", "password": "right-password-1", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/en/agents/"


def test_a_wrong_password_says_so(client: Client, agent):
    response = log_in(client, "wrong")
    assert response.status_code == 200
    assert 'role="alert"' in response.text


def test_logout_is_a_post(client: Client, agent):
    client.force_login(agent)
    assert client.get("/en/logout/").status_code == 405
    response = client.post("/en/logout/")
    assert response.status_code == 302
    assert client.get("/en/agents/").status_code == 302


@pytest.mark.parametrize("path", ["/en/login/", "/admin/login/"])
def test_repeated_failures_lock_the_account_for_this_client(client: Client, agent, settings, path):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong", path).status_code == 200
    locked = log_in(client, "wrong", path)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text
    assert locked["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    assert "no-store" in locked["Cache-Control"]
    # even the right password is refused while locked
    assert log_in(client, "right-password-1", path).status_code == 429


def test_the_lockout_is_per_client_and_account(client: Client, agent, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", REMOTE_ADDR="192.0.2.1")
    assert log_in(client, "right-password-1", REMOTE_ADDR="192.0.2.1").status_code == 429
    other = Client()
    assert log_in(other, "right-password-1", REMOTE_ADDR="192.0.2.2").status_code == 302
