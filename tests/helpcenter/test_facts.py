"""How each kind of fact reads, as HTML and as plain text, in the active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from helpcenter.content import get_library
from helpcenter.content.references import registered_kinds


def html(kind: str, key: str, lang: str) -> str:
    with translation.override(lang):
        return str(registered_kinds()[kind].html(get_library().facts, key))


def text(kind: str, key: str, lang: str) -> str:
    with translation.override(lang):
        return registered_kinds()[kind].text(get_library().facts, key)


pytestmark = pytest.mark.usefixtures("content_dir")


def test_a_confirmed_french_label_reads_in_french_alone():
    assert text("label", "save", "fr") == "« Enregistrer »"
    assert text("label", "save", "en") == "“Save”"


def test_an_unverified_french_label_shows_the_english_beside_it():
    assert (
        text("label", "enterprise_apps", "fr") == "« Applications d’entreprise » (Enterprise apps)"
    )
    assert '<span class="ms-label-en" lang="en">(Enterprise apps)</span>' in html(
        "label", "enterprise_apps", "fr"
    )


def test_a_conflicting_french_label_shows_english_and_what_it_may_read():
    french = text("label", "need_admin_approval", "fr")
    assert french.startswith(
        "« Need admin approval » (peut s’afficher « Approbation administrateur requise »"
    )
    assert "ou « Approbation de l'administrateur requise »" in french
    assert text("label", "need_admin_approval", "en") == "“Need admin approval”"


def test_a_label_without_french_stays_in_english():
    assert html("label", "entra_id", "fr") == '<strong class="ms-label" lang="en">Entra ID</strong>'


def test_a_path_renders_each_step_with_literal_steps():
    assert text("path", "apps", "en") == "Entra ID › Enterprise apps › Zeliq"
    assert html("path", "apps", "en").count('class="ms-sep" aria-hidden="true"') == 2


def test_older_paths_and_roles_are_joined_in_the_reader_language():
    assert text("path-older", "apps", "fr") == (
        "Identité (Identity) › Applications d’entreprise (Enterprise apps)"
    )
    assert text("roles", "grant", "fr") == "Cloud Application Administrator ou Global Administrator"
    assert text("roles", "grant", "en") == "Cloud Application Administrator or Global Administrator"


def test_a_url_is_a_link_with_its_address_written_out():
    assert html("url", "entra", "fr") == (
        '<a class="ms-url" href="https://entra.microsoft.com/">https://entra.microsoft.com/</a>'
    )
    assert text("url", "entra", "fr") == "https://entra.microsoft.com/"


def test_a_link_name_reads_in_the_active_language():
    name = get_library().facts.urls["entra"].text
    with translation.override("en"):
        assert str(name) == "Microsoft Entra admin center"
    with translation.override("fr"):
        assert str(name) == "Centre d’administration Microsoft Entra"
