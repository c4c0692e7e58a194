"""Search: the reader's language, accents and case either way, stemming, and any input at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from helpcenter.models import Event, SearchEntry, SearchIndexState
from helpcenter.search import rebuild_index, search
from helpcenter.search.text import fold, highlight, query_words, stems

pytestmark = pytest.mark.django_db


def titles(query: str, lang: str) -> list[str]:
    return [
        hit.title_html.replace("<mark>", "").replace("</mark>", "") for hit in search(query, lang)
    ]


def kinds(query: str, lang: str) -> set[str]:
    return {hit.kind for hit in search(query, lang)}


def test_words_are_folded_and_split_the_same_way_for_the_index_and_the_query():
    assert fold("Entrée ÉCRAN Œuvre") == "entree ecran oeuvre"
    assert query_words('AADSTS90094 "consentement" OR 1=1; --') == [
        "aadsts",
        "90094",
        "consentement",
        "or",
        "1",
    ]
    assert stems("consentements consentement", "fr") == ["consent", "consent"]
    assert stems("approvals approved", "en") == ["approv", "approv"]


def test_highlight_escapes_the_text_and_marks_the_matching_words():
    html = highlight("<b>Consentement</b> de l’administrateur", stems("consentement", "fr"), "fr")
    assert html == "&lt;b&gt;<mark>Consentement</mark>&lt;/b&gt; de l’administrateur"


def test_french_search_finds_articles_guides_and_outcomes_in_french():
    found = kinds("consentement administrateur", "fr")
    assert {"article", "guide", "outcome"} <= found
    assert all(hit.url.startswith("/fr/") for hit in search("consentement", "fr"))


def test_english_search_stays_in_english():
    hits = search("admin consent", "en")
    assert hits and all(hit.url.startswith("/en/") for hit in hits)
    assert "outcome" in {hit.kind for hit in hits}


@pytest.mark.parametrize(
    ("query", "same_as"), [("ecran", "écran"), ("ECRAN", "Écran"), ("CONSENTEMENT", "consentement")]
)
def test_accents_and_case_either_way(query, same_as):
    assert titles(query, "fr") == titles(same_as, "fr")
    assert titles(query, "fr")


def test_stemming_finds_other_forms_of_a_word():
    assert titles("approuvée", "fr")
    assert titles("approve", "en") and titles("approving", "en")


def test_an_error_code_finds_its_outcome():
    hits = search("90094", "en")
    assert hits and "outcome" in {hit.kind for hit in hits}


def test_results_come_with_highlighted_snippets():
    hit = search("consentement", "fr")[0]
    assert "<mark>" in hit.snippet_html
    assert len(hit.snippet_html) < 600


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!.,;:()[]{}«»—…",
        "x" * 1000,
        "consentement " * 100,
        '"',
        "NEAR(a b) OR title:* ^ - AND NOT",
        "'; DROP TABLE helpcenter_searchentry; --",
        "a & b | !c <-> d:*",
        "\x00\u202e\ufeff",
        "%",
    ],
)
def test_any_query_gives_a_clean_result(query):
    for lang in ("fr", "en"):
        assert isinstance(search(query, lang), list)
    assert SearchEntry.objects.exists() or not query_words(query)


def test_the_index_is_built_once_per_content_version():
    assert rebuild_index() is True
    assert rebuild_index() is False
    state = SearchIndexState.objects.get()
    assert state.version
    state.version = "older"
    state.save()
    search("consentement", "fr")  # a new content version: the first search rebuilds
    assert SearchIndexState.objects.get().version != "older"


def test_the_rebuild_command(capsys):
    from django.core.management import call_command

    call_command("rebuild_search_index")
    assert "pages" in capsys.readouterr().out
    assert SearchEntry.objects.filter(language="fr").exists()
    assert SearchEntry.objects.filter(language="en").exists()


def test_the_search_page_shows_results(client: Client):
    response = client.get("/fr/search/", {"q": "consentement"})
    assert response.status_code == 200
    assert "<mark>" in response.text
    assert "no-store" in response["Cache-Control"]
    assert not Event.objects.exists()


def test_no_result_offers_the_wizard_and_support_and_is_counted(client: Client):
    response = client.get("/en/search/", {"q": "  Zebra   Printer  "})
    assert response.status_code == 200
    assert 'href="/en/wizard/"' in response.text
    assert "mailto:support@zeliq.com" in response.text
    event = Event.objects.get()
    assert (event.name, event.detail, event.language, event.subject) == (
        "search_miss",
        "zebra printer",
        "en",
        "",
    )


def test_a_search_term_that_looks_like_an_email_address_is_not_stored(client: Client):
    client.get("/en/search/", {"q": "ana@zzqq.qq zebra"})
    assert Event.objects.get().detail == "… zebra"


def test_punctuation_only_is_no_result_and_is_not_counted(client: Client):
    response = client.get("/fr/search/", {"q": "?!*"})
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_hostile_queries_on_the_page_are_never_an_error(client: Client):
    for query in ("x" * 1000, '" OR 1=1 --', "NEAR(", "\u202e"):
        assert client.get("/fr/search/", {"q": query}).status_code == 200


def test_a_flood_of_missed_searches_is_counted_up_to_the_write_rate(client: Client, settings):
    settings.HELPCENTER_WRITE_RATE = "3/m"
    for _ in range(6):
        assert client.get("/en/search/", {"q": "zebra"}).status_code == 200
    assert Event.objects.count() == 3


def test_the_backend_matches_the_database():
    from helpcenter.search import BACKENDS, _backend

    assert _backend() is BACKENDS[connection.vendor]
