"""Article feedback: one vote per visitor and article, anonymous, on a page that stays cacheable."""

from __future__ import annotations

import pytest
from django.test import Client

from helpcenter.feedback import VOTER_COOKIE, voter_hash
from helpcenter.models import ArticleFeedback, Event

pytestmark = pytest.mark.django_db

ARTICLE = "/en/articles/connect-outlook-to-zeliq/"
FEEDBACK = ARTICLE + "feedback/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def votes() -> list[tuple[str, bool, str]]:
    return list(ArticleFeedback.objects.values_list("article", "helpful", "comment"))


def test_the_article_page_asks_without_any_per_visitor_token(client: Client):
    response = client.get(ARTICLE)
    assert "Did this answer your question?" in response.text or "Cet article" in response.text
    assert f'hx-post="{FEEDBACK}"' in response.text
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_a_vote_with_htmx_is_stored_and_thanked_privately(client: Client):
    response = client.post(FEEDBACK, {"helpful": "yes"}, **HTMX)
    assert response.status_code == 200
    assert 'id="article-feedback"' in response.text
    assert "no-store" in response["Cache-Control"]
    assert response.cookies[VOTER_COOKIE]["httponly"]
    assert votes() == [("outlook-consent", True, "")]
    assert Event.objects.get().name == "article_feedback"


def test_a_vote_without_javascript_redirects_to_a_private_thank_you_page(client: Client):
    response = client.post(FEEDBACK, {"helpful": "no"})
    assert response.status_code == 302
    assert response["Location"] == FEEDBACK
    page = client.get(FEEDBACK)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert 'name="comment"' in page.text


def test_a_changed_answer_replaces_the_earlier_one(client: Client):
    client.post(FEEDBACK, {"helpful": "no"}, **HTMX)
    client.post(FEEDBACK, {"comment": "I wanted the French screen names"}, **HTMX)
    client.post(FEEDBACK, {"helpful": "yes"}, **HTMX)
    assert votes() == [("outlook-consent", True, "")]


def test_two_visitors_are_two_votes(client: Client):
    client.post(FEEDBACK, {"helpful": "yes"})
    Client().post(FEEDBACK, {"helpful": "no"})
    assert sorted(helpful for _key, helpful, _comment in votes()) == [False, True]


def test_the_stored_voter_cannot_be_traced_back_to_the_cookie(client: Client):
    response = client.post(FEEDBACK, {"helpful": "yes"})
    signed = response.cookies[VOTER_COOKIE].value
    stored = ArticleFeedback.objects.get().voter
    token = signed.split(":")[0]
    assert token not in stored and signed not in stored
    assert stored == voter_hash(token, "outlook-consent")
    assert voter_hash(token, "another-article") != stored


def test_a_forged_voter_cookie_is_a_new_visitor(client: Client):
    client.post(FEEDBACK, {"helpful": "yes"})
    forger = Client()
    forger.cookies[VOTER_COOKIE] = "someone-else:forged"
    forger.post(FEEDBACK, {"helpful": "no"})
    assert ArticleFeedback.objects.count() == 2


def test_a_comment_after_a_no_is_stored(client: Client):
    client.post(FEEDBACK, {"helpful": "no"}, **HTMX)
    response = client.post(FEEDBACK, {"comment": "  Where is  the\nadmin center?  "}, **HTMX)
    assert response.status_code == 200
    assert votes() == [("outlook-consent", False, "Where is the admin center?")]


def test_an_oversized_comment_is_refused_clearly_and_nothing_is_lost(client: Client):
    client.post(FEEDBACK, {"helpful": "no"})
    text = "x" * 501
    response = client.post(FEEDBACK, {"comment": text})
    assert response.status_code == 400
    assert "501" in response.text and "500" in response.text
    assert text in response.text  # what she wrote is still there to shorten
    assert votes() == [("outlook-consent", False, "")]
    with_htmx = client.post(FEEDBACK, {"comment": text}, **HTMX)
    assert 'aria-invalid="true"' in with_htmx.text


def test_a_comment_without_a_vote_is_refused(client: Client):
    response = client.post(FEEDBACK, {"comment": "hello"})
    assert response.status_code == 400
    assert not ArticleFeedback.objects.exists()


@pytest.mark.parametrize("data", [{}, {"helpful": "maybe"}, {"helpful": "yes' OR 1=1"}])
def test_a_bad_vote_is_refused_with_a_clear_400(client: Client, data):
    response = client.post(FEEDBACK, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert not ArticleFeedback.objects.exists()


def test_an_unknown_article_is_a_404(client: Client):
    assert client.post("/fr/articles/nope/feedback/", {"helpful": "yes"}).status_code == 404


def test_votes_are_rate_limited(client: Client, settings):
    settings.HELPCENTER_WRITE_RATE = "3/m"
    statuses = [client.post(FEEDBACK, {"helpful": "yes"}).status_code for _ in range(5)]
    assert statuses == [302] * 3 + [429] * 2
