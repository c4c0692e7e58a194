from __future__ import annotations

from typing import Any

from django.core import checks

from helpcenter.content import get_library


@checks.register("content")
def content_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every mistake in content/ is reported at start-up, naming the file and the field."""
    return [
        checks.Error(str(problem), hint="Fix the file under content/.", id="helpcenter.E001")
        for problem in get_library().problems
    ]
