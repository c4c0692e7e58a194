from __future__ import annotations

from helpcenter.content import get_library
from helpcenter.factformat import render_html, render_text


def facts(content_dir):
    return get_library().facts


def test_a_confirmed_french_label_reads_in_french_alone(content_dir):
    assert render_text(facts(content_dir), "label", "save", "fr") == "« Enregistrer »"
    assert render_text(facts(content_dir), "label", "save", "en") == "“Save”"


def test_an_unverified_french_label_shows_the_english_beside_it(content_dir):
    text = render_text(facts(content_dir), "label", "enterprise_apps", "fr")
    assert text == "« Applications d’entreprise » (Enterprise apps)"
    html = str(render_html(facts(content_dir), "label", "enterprise_apps", "fr"))
    assert '<span class="ms-label-en" lang="en">(Enterprise apps)</span>' in html


def test_a_conflicting_french_label_shows_english_and_what_it_may_read(content_dir):
    text = render_text(facts(content_dir), "label", "need_admin_approval", "fr")
    assert text.startswith(
        "« Need admin approval » (peut s’afficher « Approbation administrateur requise »"
    )
    assert "ou « Approbation de l'administrateur requise »" in text
    assert (
        render_text(facts(content_dir), "label", "need_admin_approval", "en")
        == "“Need admin approval”"
    )


def test_a_label_without_french_stays_in_english(content_dir):
    html = str(render_html(facts(content_dir), "label", "entra_id", "fr"))
    assert html == '<strong class="ms-label" lang="en">Entra ID</strong>'


def test_a_path_renders_each_step_with_literal_steps(content_dir):
    text = render_text(facts(content_dir), "path", "apps", "en")
    assert text == "Entra ID › Enterprise apps › Zeliq"
    html = str(render_html(facts(content_dir), "path", "apps", "en"))
    assert html.count('class="ms-sep" aria-hidden="true"') == 2


def test_older_paths_and_roles_are_joined_in_the_reader_language(content_dir):
    assert render_text(facts(content_dir), "path-older", "apps", "fr") == (
        "Identité (Identity) › Applications d’entreprise (Enterprise apps)"
    )
    assert render_text(facts(content_dir), "roles", "grant", "fr") == (
        "Cloud Application Administrator ou Global Administrator"
    )
    assert render_text(facts(content_dir), "roles", "grant", "en") == (
        "Cloud Application Administrator or Global Administrator"
    )


def test_a_url_is_a_link_with_its_address_written_out(content_dir):
    html = str(render_html(facts(content_dir), "url", "entra", "fr"))
    assert (
        html
        == '<a class="ms-url" href="https://entra.microsoft.com/">https://entra.microsoft.com/</a>'
    )


def test_every_published_path_names_the_current_entra_menu():
    library = get_library()
    for key, path in library.facts.paths.items():
        assert path.steps[0] == "entra_id", key
    text = render_text(library.facts, "path", "review_requests", "en")
    assert text.startswith("Entra ID › Enterprise apps ›")
    assert text.endswith("Admin consent requests")
    assert render_text(library.facts, "path", "admin_consent_settings", "en") == (
        "Entra ID › Enterprise apps › Consent and permissions › Admin consent settings"
    )
