from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

FR_PATH = "/fr/articles/integrer-outlook-avec-zeliq/"
EN_PATH = "/en/articles/connect-outlook-to-zeliq/"


def test_the_root_follows_the_browser_language(live_server, browser: Browser):
    for locale, expected in (("fr-FR", "/fr/"), ("en-GB", "/en/"), ("de-DE", "/fr/")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(live_server.url + "/")
        expect(page).to_have_url(live_server.url + expected)
        context.close()


def test_the_french_home_leads_to_the_article_and_english_is_one_click_away(
    live_server, page: Page, csp_errors
):
    page.goto(live_server.url + "/fr/")
    expect(page).to_have_url(live_server.url + "/fr/")
    page.get_by_role("link", name="Intégrer Outlook avec Zeliq").click()
    expect(page).to_have_url(live_server.url + FR_PATH)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intégrer Outlook avec Zeliq")
    page.get_by_role("navigation", name="Choisir la langue").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(live_server.url + EN_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Connecting Outlook to Zeliq")
    page.get_by_role("navigation", name="Choose the language").get_by_role(
        "link", name="Français"
    ).click()
    expect(page).to_have_url(live_server.url + FR_PATH)
    assert csp_errors == []


def test_the_language_switcher_works_with_the_keyboard(live_server, page: Page):
    page.goto(live_server.url + FR_PATH)
    english = page.get_by_role("link", name="English")
    for _ in range(10):
        page.keyboard.press("Tab")
        if english.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("the English link never received keyboard focus")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + EN_PATH)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page: Page):
    page.goto(live_server.url + FR_PATH)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_the_table_of_contents_jumps_to_a_case(live_server, page: Page):
    page.goto(live_server.url + EN_PATH)
    page.get_by_role("navigation", name="In this article").get_by_role(
        "link", name="Case 3", exact=False
    ).first.click()
    expect(page).to_have_url(live_server.url + EN_PATH + "#case-3")
    expect(page.locator("#case-3")).to_be_in_viewport()


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/en/",
        FR_PATH,
        EN_PATH,
        "/fr/articles/codes-erreur-aadsts/",
        "/en/articles/aadsts-error-codes/",
        "/en/articles/nope/",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe(live_server, page: Page, path, scheme, csp_errors):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    assert [e for e in csp_errors if "404" not in e] == []


@pytest.mark.parametrize("path", ["/fr/", FR_PATH, EN_PATH])
def test_pages_fit_a_phone_screen(live_server, page: Page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_dark_mode_follows_the_system(live_server, page: Page):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + FR_PATH)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 19, 26)"
    page.emulate_media(color_scheme="light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(247, 247, 251)"
