"""Every admin guide, in both languages, prints on at most three A4 pages, with its tenant's links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from helpcenter.content import get_library

GUIDES = sorted({guide.slug for guide in get_library().documents["admin-guides"].all()})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_guide_prints_on_three_pages_at_most(
    live_server, page: Page, tmp_path, settings, lang
):
    settings.ZELIQ_CLIENT_ID = "0d3f4c52-8a8e-4b7e-9f3a-2c1d5e6f7a8b"
    too_long = {}
    for guide in GUIDES:
        page.goto(f"{live_server.url}/{lang}/admin-guide/{guide}/?tenant=acme.fr")
        pdf = tmp_path / f"{guide}.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
        if not 1 <= pages <= 3:
            too_long[guide] = pages
    assert too_long == {}
