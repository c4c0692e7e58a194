"""Lighthouse (mobile) on a page: its four category scores, with Debian's Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile

VERSION = "12.8.2"  # the last release that runs on Node 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if shutil.which("npx") is None:
        return "npx (Node.js) is not installed"
    if shutil.which("chromium") is None:
        return "chromium is not installed (apt-get install chromium)"
    return None


def report(url: str) -> tuple[dict[str, int | None], dict[str, float]]:
    """The category scores, and the page's weight: bytes transferred and requests made."""
    with tempfile.TemporaryDirectory() as directory:
        report_path = os.path.join(directory, "report.json")
        env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or ""}
        subprocess.run(
            ["npx", "--yes", f"lighthouse@{VERSION}", url, "--quiet", "--output=json",
             f"--output-path={report_path}", f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags={CHROME_FLAGS}"],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if not os.path.exists(report_path):
            return dict.fromkeys(CATEGORIES), {}
        with open(report_path, encoding="utf-8") as file:
            found = json.load(file)
    categories, audits = found.get("categories", {}), found.get("audits", {})
    weight = {
        "bytes": audits.get("total-byte-weight", {}).get("numericValue", float("nan")),
        "requests": len(audits.get("network-requests", {}).get("details", {}).get("items", [])),
    }
    return {
        name: None
        if categories.get(name, {}).get("score") is None
        else round(categories[name]["score"] * 100)
        for name in CATEGORIES
    }, weight
