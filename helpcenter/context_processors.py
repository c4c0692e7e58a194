from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from helpcenter.languages import page_alternates
from helpcenter.siteurl import site_url


def site(request: HttpRequest) -> dict[str, Any]:
    """Language links and the site's address for every page.

    The language links keep the query string, so that switching language on a wizard step keeps
    its answers; a view whose URLs differ per language (an article) passes its own.
    """
    return {"alternates": page_alternates(request.get_full_path()), "site_url": site_url(request)}
