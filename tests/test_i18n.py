from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))


def read_catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_there_is_a_catalogue_per_language():
    assert {p.parts[-3] for p in CATALOGUES} == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    catalogue = read_catalogue(path)
    assert not catalogue.fuzzy, "the header is marked fuzzy"
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert problems == []


def test_catalogues_hold_every_string_of_the_code_and_templates(tmp_path):
    """makemessages on a copy of the project finds no string that the catalogues lack."""
    for name in ("helpcenter", "wizard", "locale", "content", "manage.py"):
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    extracted = {m.id for m in read_catalogue(tmp_path / "locale/fr/LC_MESSAGES/django.po") if m.id}
    existing = {m.id for m in read_catalogue(ROOT / "locale/fr/LC_MESSAGES/django.po") if m.id}
    assert extracted - existing == set(), "run `make messages` and translate the new strings"


def test_the_french_catalogue_is_loaded():
    with translation.override("fr"):
        assert translation.gettext("Skip to main content") == "Aller au contenu principal"
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"
