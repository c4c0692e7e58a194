"""A deploy with a broken content file refuses to start, naming the file and the field."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def start_wsgi(content: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HELPCENTER_"))},
        "DJANGO_SECRET_KEY": "x" * 60,
        "HELPCENTER_SITE_URL": "https://help.example",
        "HELPCENTER_CONTENT_DIR": str(content),
    }
    return subprocess.run(
        [sys.executable, "-c", "import helpcenter.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_published_content_starts(tmp_path):
    assert start_wsgi(ROOT / "content").returncode == 0


def test_a_flow_link_to_a_missing_outcome_stops_the_start(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    flow = content / "wizard" / "flow.toml"
    flow.write_text(flow.read_text().replace('next = "case_3"', 'next = "case_33"', 1))
    result = start_wsgi(content)
    assert result.returncode != 0
    assert "flow.toml [questions.seen.need_admin_approval]" in result.stderr
    assert "case_33 is neither a question nor an outcome" in result.stderr


def test_bad_toml_stops_the_start(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "collections.toml").write_text("[outlook\n")
    result = start_wsgi(content)
    assert result.returncode != 0
    assert "collections.toml: is not valid TOML" in result.stderr
