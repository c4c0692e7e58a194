from __future__ import annotations

from collections.abc import Callable, Iterator

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


@pytest.fixture
def csp_errors_for() -> Callable[[Page], list[str]]:
    """Console errors of a page opened in a context the test made itself."""

    def watch(page: Page) -> list[str]:
        errors: list[str] = []
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        return errors

    return watch


def axe_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
