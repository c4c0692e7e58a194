"""Rating an article and searching, in a real browser, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

FR_ARTICLE = "/fr/articles/integrer-outlook-avec-zeliq/"
EN_ARTICLE = "/en/articles/connect-outlook-to-zeliq/"


def test_a_reader_votes_no_and_comments_without_leaving_the_article(
    live_server, page: Page, csp_errors
):
    from helpcenter.models import ArticleFeedback

    page.goto(live_server.url + EN_ARTICLE)
    block = page.locator("#article-feedback")
    block.get_by_role("button", name="No").click()
    expect(block).to_contain_text("Thank you for telling us.")
    expect(page).to_have_url(live_server.url + EN_ARTICLE)
    block.get_by_label("What were you looking for? (optional)").fill("The French screen names")
    block.get_by_role("button", name="Send the comment").click()
    expect(block).to_contain_text("Your comment was sent")
    assert axe_violations(page) == []
    # a changed mind replaces the vote
    block.get_by_role("button", name="Change my answer to yes").click()
    expect(block).to_contain_text("We are glad it helped")
    vote = ArticleFeedback.objects.get()
    assert (vote.helpful, vote.comment) == (True, "")
    assert csp_errors == []


def test_without_javascript_the_vote_posts_and_lands_on_a_thank_you_page(
    live_server, browser: Browser
):
    from helpcenter.models import ArticleFeedback

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + FR_ARTICLE)
    page.locator("#article-feedback").get_by_role("button", name="Non").click()
    expect(page).to_have_url(live_server.url + FR_ARTICLE + "feedback/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre avis")
    # the box takes 500 characters at most (longer is refused by the server: a view test)
    assert (
        page.get_by_label("Que cherchiez-vous ? (facultatif)").get_attribute("maxlength") == "500"
    )
    page.get_by_label("Que cherchiez-vous ? (facultatif)").fill("Les noms des écrans")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    expect(page.locator("#article-feedback")).to_contain_text("Votre commentaire a été transmis")
    assert ArticleFeedback.objects.get().comment == "Les noms des écrans"
    page.get_by_role("link", name="Retour à").click()
    expect(page).to_have_url(live_server.url + FR_ARTICLE)
    context.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [("fr", "consentement ecran", "consent"), ("en", "admin consent", "consent")],
)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_from_the_header_in_the_page_language(
    live_server, browser: Browser, lang, query, expected, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(query)
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/{lang}/search/?q={query.replace(' ', '+')}")
    results = page.locator(".search-result")
    expect(results.first).to_be_visible()
    expect(results.first.locator("mark").first).to_be_visible()
    assert expected in results.first.inner_text().casefold()
    for href in results.locator("h2 a").evaluate_all("links => links.map(a => a.pathname)"):
        assert href.startswith(f"/{lang}/")
    results.first.locator("h2 a").click()
    expect(page).not_to_have_url(f"{live_server.url}/{lang}/search/?q={query.replace(' ', '+')}")
    context.close()


def test_a_search_with_no_result_suggests_the_wizard_and_support(live_server, page: Page):
    page.goto(f"{live_server.url}/en/search/?q=zebra+printer")
    expect(page.get_by_role("status")).to_contain_text("No page matches")
    page.get_by_role("link", name="Answer a few questions in the troubleshooting wizard").click()
    expect(page).to_have_url(f"{live_server.url}/en/wizard/")
