from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 64 + "a-long-random-production-secret",
    "DJANGO_ALLOWED_HOSTS": "help.zeliq.example",
    "HELPCENTER_SITE_URL": "https://help.zeliq.example",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "DJANGO_SECURE_HSTS_PRELOAD": "true",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = manage("check", env={})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_needs_no_configuration():
    result = manage("check", env={"DJANGO_DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_is_refused():
    result = manage("check", env={"DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe': use true or false" in result.stderr


def test_production_needs_the_site_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "HELPCENTER_SITE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "HELPCENTER_SITE_URL is not set" in result.stderr


def test_a_site_url_with_a_path_is_refused():
    result = manage(
        "check", env={**PRODUCTION_ENV, "HELPCENTER_SITE_URL": "https://x.example/help"}
    )
    assert result.returncode != 0
    assert "write the scheme and host only" in result.stderr


def test_deploy_check_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
