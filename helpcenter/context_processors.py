from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from helpcenter.languages import page_alternates


def site(request: HttpRequest) -> dict[str, Any]:
    """Language links for every page; a view whose URLs differ per language passes its own."""
    return {"alternates": page_alternates(request.path)}
