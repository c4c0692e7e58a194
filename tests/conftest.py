from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM refuses to run
# "inside" it unless told that this is safe, which it is in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

sys.path.insert(0, str(Path(__file__).parent))
from browser_setup import find_chromium  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    chromium = find_chromium()
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if chromium:
        args["executable_path"] = chromium
    return args


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """On SQLite, a test database in a file rather than in memory.

    Django hands an in-memory database's one connection to every thread of the live server, and
    the browser sends its events at once (two beacons a page): two threads then run statements on
    one connection, and one of them fails (InterfaceError, a 503) or hangs. With a file, each thread
    opens its own connection, as each gunicorn worker does.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """Each test starts in French with an empty cache (wizard pages are cached)."""
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate("fr")
    yield
    translation.deactivate()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked, so a quick run can leave them out (-m 'not browser')."""
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


FACTS_TOML = """
[labels.enterprise_apps]
text = { en = "Enterprise apps", fr = "Applications d’entreprise" }
fr_status = "doc"
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.save]
text = { en = "Save", fr = "Enregistrer" }
fr_status = "confirmed"
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.need_admin_approval]
text = { en = "Need admin approval", fr = "Approbation administrateur requise" }
fr_status = "conflicting"
fr_alternatives = ["Approbation de l'administrateur requise"]
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.entra_id]
text = { en = "Entra ID" }
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.identity]
text = { en = "Identity", fr = "Identité" }
fr_status = "doc"
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.global_administrator]
text = { en = "Global Administrator" }
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[labels.cloud_application_administrator]
text = { en = "Cloud Application Administrator" }
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[paths.apps]
steps = ["entra_id", "enterprise_apps", {text = "Zeliq"}]
older = [["identity", "enterprise_apps"]]
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[roles.grant]
labels = ["cloud_application_administrator", "global_administrator"]
source = "https://learn.microsoft.com/"
verified = 2026-11-28

[urls.entra]
url = "https://entra.microsoft.com/"
status = "verified"
text = { fr = "Centre d’administration Microsoft Entra", en = "Microsoft Entra admin center" }
source = "https://learn.microsoft.com/"
verified = 2026-11-28
"""

# A small flow over the facts above: two questions, a code question and two outcomes.
FLOW_TOML = """
start = "seen"

[questions.seen]
kind = "choice"
text = { fr = "Qu’avez-vous vu ?", en = "What did you see?" }

[[questions.seen.answers]]
id = "approval"
text = { fr = "Un écran [[label:need_admin_approval]]", en = "A [[label:need_admin_approval]] screen" }
next = "ask_admin"

[[questions.seen.answers]]
id = "error_code"
text = { fr = "Un code d’erreur", en = "An error code" }
next = "code"

[questions.code]
kind = "code"
text = { fr = "Collez l’erreur", en = "Paste the error" }
unknown_next = "unknown"

[outcomes.ask_admin]
needs_admin = true
admin_guide = "trial"
title = { fr = "Demandez à l’administrateur", en = "Ask the admin" }
summary = { fr = "Un administrateur doit agir.", en = "An admin must act." }
user_steps = { fr = ["Prévenez-le."], en = ["Tell them."] }
admin_steps = { fr = ["Allez dans [[path:apps]] avec [[roles:grant]]."], en = ["Go to [[path:apps]] with [[roles:grant]]."] }
next_step = { fr = "Reconnectez-vous.", en = "Connect again." }

[outcomes.unknown]
needs_admin = false
title = { fr = "Code inconnu", en = "Unknown code" }
summary = { fr = "Nous ne connaissons pas ce code.", en = "We don’t know this code." }
user_steps = { fr = ["Écrivez au support."], en = ["Write to support."] }
next_step = { fr = "Le support vous répond.", en = "Support answers." }
"""

GUIDE_BODY = "## Étapes\n\nAllez dans [[path:apps]], puis [[label:save]].\n"

COLLECTIONS_TOML = """
[guides]
order = 1
title = { fr = "Guides", en = "Guides" }
description = { fr = "Des guides.", en = "Some guides." }
"""


def write_article(directory: Path, lang: str, slug: str, front_matter: str, body: str) -> Path:
    (directory / lang).mkdir(parents=True, exist_ok=True)
    path = directory / lang / f"{slug}.md"
    path.write_text(f"+++\n{front_matter.strip()}\n+++\n{body}", encoding="utf-8")
    return path


@pytest.fixture
def content_dir(tmp_path: Path, settings) -> Iterator[Path]:
    """A small, valid content/ tree that a test may break; the site reads it instead of content/."""
    from helpcenter.content import clear_library_cache

    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "entra.toml").write_text(FACTS_TOML, encoding="utf-8")
    (tmp_path / "collections.toml").write_text(COLLECTIONS_TOML, encoding="utf-8")
    write_article(
        tmp_path,
        "fr",
        "guide-essai",
        'key = "trial"\ntitle = "Guide d’essai"\ndescription = "Un essai."\n'
        'updated = 2026-11-20\ncollection = "guides"',
        "## Première {#premiere}\n\nAllez dans [[path:apps]] puis [[label:save]].\n\n"
        "## Deuxième\n\nTexte.\n\n## Troisième\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n",
    )
    write_article(
        tmp_path,
        "en",
        "trial-guide",
        'key = "trial"\ntitle = "Trial guide"\ndescription = "A trial."\n'
        'updated = 2026-11-20\nsource_updated = 2026-11-20\ncollection = "guides"',
        "## First {#first}\n\nGo to [[path:apps]] then [[label:save]].\n",
    )
    (tmp_path / "wizard").mkdir()
    (tmp_path / "wizard" / "flow.toml").write_text(FLOW_TOML, encoding="utf-8")
    for lang in ("fr", "en"):
        write_article(
            tmp_path / "admin-guides",
            lang,
            "trial",
            'title = "Guide"\ndescription = "Un guide."\nupdated = 2026-11-20',
            GUIDE_BODY,
        )
    settings.CONTENT_DIR = tmp_path
    clear_library_cache()
    yield tmp_path
    clear_library_cache()
