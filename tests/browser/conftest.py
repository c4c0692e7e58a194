from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page


@pytest.fixture
def csp_errors(page: Page) -> Iterator[list[str]]:
    """Console errors (a CSP violation is one); a test asserts the list stays empty."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield errors


def axe_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
