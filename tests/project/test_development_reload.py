"""In development, an edit under content/ is on the next page: runserver restarts and reloads it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ARTICLE = "fr/integrer-outlook-avec-zeliq.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def served_after_edits(url: str, text: str, edited: Path, seconds: float) -> bool:
    """Waits for `text` at `url`, touching `edited` again every few seconds.

    The reloader sees a change by comparing a file's time with the one it read on its previous
    pass; an edit made before its first pass (it reads thousands of files, slowly on a loaded
    machine) looks like the file's original time. Touching again is a second edit it cannot miss.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if wait_for(url, text, 5):
            return True
        edited.touch()
    return False


def test_an_edited_article_is_served_after_the_automatic_reload(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "true",
        "HELPCENTER_CONTENT_DIR": str(content),
        # Its own database: runserver checks migrations, and the suite may run on PostgreSQL.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/fr/articles/integrer-outlook-avec-zeliq/"
    try:
        assert wait_for(url, "Intégrer Outlook avec Zeliq", 30), "runserver did not start"
        article = content / ARTICLE
        text = article.read_text(encoding="utf-8")
        article.write_text(
            text.replace('title = "Intégrer Outlook', 'title = "Connecter Outlook', 1),
            encoding="utf-8",
        )
        assert served_after_edits(url, "<h1>Connecter Outlook avec Zeliq", article, 60)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
