"""Make sure a Chromium exists for the browser tests, installing one if we can.

Order: CHROMIUM_PATH, a system Chromium, Playwright's own download, Debian's chromium (as root),
else a clear message saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium_installed() -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return os.path.exists(playwright.chromium.executable_path)


def main() -> int:
    if find_chromium() or playwright_chromium_installed():
        return 0
    print("No Chromium found: trying Playwright's download...", flush=True)
    if subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"]).returncode == 0:
        return 0
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(
            "Playwright's download failed: installing Debian's chromium with apt-get...", flush=True
        )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        result = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False
        )
        if result.returncode == 0 and find_chromium():
            return 0
    print(
        "The browser tests need Chromium and none could be installed.\n"
        "Install it, then run `make test` again:\n"
        "  Debian/Ubuntu: sudo apt-get install chromium\n"
        "  anywhere Playwright can download: .venv/bin/python -m playwright install chromium\n"
        "  or point to an existing one: CHROMIUM_PATH=/path/to/chrome make test",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
