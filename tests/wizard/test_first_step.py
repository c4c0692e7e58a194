"""The wizard's first step reads in a glance: at most 120 visible words in either language, with no
fact lost (every screen text and its French variants are in the drawings' descriptions)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import translation

from helpcenter.content import get_library
from helpcenter.content.factformat import label_text

MAX_WORDS = 120
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
# What each drawn screen shows or says (its labels), all of which its description must carry.
SCREEN_LABELS = {
    "permissions_requested": ("permissions_requested", "cancel", "accept"),
    "approval_required": ("approval_required", "enter_justification", "request_approval"),
    "request_sent": ("request_sent",),
    "need_admin_approval": ("need_admin_approval", "have_admin_account", "return_without_consent"),
    "risky_app": ("risky_app_user", "risky_app_admin"),
    "error_code": ("troubleshooting_details",),
}


class VisibleText(HTMLParser):
    """The text of the wizard panel a sighted reader sees: not what is `hidden`, visually hidden
    (screen readers only), a script, or inside a closed <details> other than its <summary>."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def _hidden(self) -> bool:
        for depth, (tag, attrs) in enumerate(self.open):
            if "hidden" in attrs or "visually-hidden" in (attrs.get("class") or "").split():
                return True
            if tag in ("script", "style", "template"):
                return True
            child = self.open[depth + 1][0] if depth + 1 < len(self.open) else None
            if tag == "details" and "open" not in attrs and child not in (None, "summary"):
                return True
        return False

    def handle_data(self, data: str) -> None:
        in_panel = any(attrs.get("id") == "wizard-panel" for _tag, attrs in self.open)
        if in_panel and not self._hidden():
            self.words += [word for word in data.split() if re.search(r"\w", word)]


def visible_words(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.words


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_step_shows_at_most_120_words(client: Client, lang):
    words = visible_words(client.get(f"/{lang}/wizard/").text)
    assert 40 < len(words) <= MAX_WORDS, f"{len(words)} words: {' '.join(words)}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_drawing_is_described_with_every_text_of_its_screen(client: Client, lang):
    html = client.get(f"/{lang}/wizard/").text
    facts = get_library().facts
    for screen, labels in SCREEN_LABELS.items():
        link = re.search(rf'<a class="choice" href="[^"]*seen={screen}"[^>]*>', html)[0]
        assert f'aria-describedby="screen-{screen}"' in link
        description = re.search(
            rf'<span id="screen-{screen}" hidden>(.*?)</span>\s*</li>', html, re.S
        )[1]
        text = re.sub(r"<[^>]+>", "", description).replace("&#x27;", "'").replace("&quot;", '"')
        for key in labels:
            with translation.override(lang):
                expected = label_text(facts.label(key))
            assert " ".join(expected.split()) in " ".join(text.split()), (screen, key)


def test_an_unverified_french_title_keeps_its_variants_out_of_the_caption(client: Client):
    html = client.get("/fr/wizard/").text
    caption = re.search(
        r'seen=need_admin_approval"[^>]*>.*?<span class="choice__text">(.*?)</span>\s*</a>',
        html,
        re.S,
    )[1]
    assert "Approbation administrateur requise" not in caption
    description = re.search(
        r'<span id="screen-need_admin_approval" hidden>(.*?)</span>\s*</li>', html, re.S
    )[1]
    assert "Approbation administrateur requise" in description


def test_the_screen_texts_are_also_under_the_drawings_for_sighted_readers(client: Client):
    html = client.get("/fr/wizard/").text
    details = re.search(r'<details class="wizard-note screen-texts">(.*?)</details>', html, re.S)[1]
    assert "<summary>" in details
    assert "Approbation administrateur requise" in details
    assert "Requête d’approbation" in details
