"""Faults, with real servers: Redis or the database going away while the site runs under
gunicorn. The site keeps serving what needs neither, answers clearly for what does, logs one
warning rather than a traceback a request, and recovers by itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.project.services import PG_BIN, Site, postgres_cluster, redis_server, wait_until

pytestmark = pytest.mark.slow

PAGES = [
    "/fr/articles/integrer-outlook-avec-zeliq/",
    "/en/wizard/?seen=need_admin_approval",
    "/fr/admin-guide/case-3/",
]
FEEDBACK = {"answers": "seen=need_admin_approval", "solved": "yes"}


@pytest.fixture(scope="module")
def collected_static() -> None:
    Site({}, Path("/dev/null")).manage("collectstatic", "--noinput", "-v", "0")


def health(site: Site) -> dict[str, object]:
    return json.loads(site.get("/healthz").body)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_the_site_serves_on_while_redis_is_down_and_recovers(tmp_path, collected_static):
    with redis_server() as redis:
        site = Site({"REDIS_URL": redis.url}, tmp_path / "site.log")
        with site.running():
            assert all(site.get(page).status == 200 for page in PAGES)
            assert health(site)["status"] == "ok"

            redis.stop()
            for _ in range(3):
                assert all(site.get(page).status == 200 for page in PAGES)
            answer = site.get("/healthz")
            assert answer.status == 503
            assert json.loads(answer.body)["checks"]["cache"] == "failing"

            redis.start()
            assert wait_until(lambda: site.get("/healthz").status == 200, 10)
            assert all(site.get(page).status == 200 for page in PAGES)
        log = site.log.read_text()
        # One warning per process and minute, never a traceback a request.
        assert 1 <= log.count("cache unavailable") <= 2
        assert "Traceback" not in log


@pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="needs PostgreSQL 15's server")
def test_the_site_serves_on_while_the_database_is_down_and_recovers(tmp_path, collected_static):
    with postgres_cluster() as database:
        site = Site({"DATABASE_URL": database.url}, tmp_path / "site.log")
        site.manage("migrate", "--noinput", "-v", "0")
        with site.running():
            assert site.post("/fr/wizard/feedback/", FEEDBACK).status == 302
            assert health(site)["status"] == "ok"

            database.stop()
            # Pages that need no database go on.
            for _ in range(2):
                assert all(site.get(page).status == 200 for page in PAGES)
            # Those that store something say so, clearly and in the reader's language.
            refused = site.post("/fr/wizard/feedback/", FEEDBACK)
            assert refused.status == 503
            assert "Temporairement indisponible" in refused.body
            assert refused.headers.get("Retry-After") == "30"
            assert site.post("/en/wizard/visit/", {"outcome": "case_3"}).status == 503
            answer = site.get("/healthz")
            assert answer.status == 503
            assert json.loads(answer.body)["checks"] == {
                "database": "failing",
                "cache": "ok",
                "content": "ok",
            }

            database.start()
            assert wait_until(lambda: site.get("/healthz").status == 200, 15)
            assert site.post("/fr/wizard/feedback/", FEEDBACK).status == 302
        log = site.log.read_text()
        assert "database unavailable" in log
        assert "Traceback" not in log


def test_a_running_server_keeps_the_content_it_started_with(tmp_path, collected_static):
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", content)
    site = Site({"HELPCENTER_CONTENT_DIR": str(content)}, tmp_path / "site.log")
    with site.running(workers=1):
        assert site.get(PAGES[0]).status == 200
        (content / "wizard" / "flow.toml").write_text("this is not TOML [", encoding="utf-8")
        (content / "collections.toml").unlink()
        # A deploy that breaks content is refused at start; a running server is not disturbed.
        assert all(site.get(page).status == 200 for page in PAGES)
        assert health(site)["checks"]["content"] == "ok"
