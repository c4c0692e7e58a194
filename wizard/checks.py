from __future__ import annotations

from typing import Any

from django.core import checks

from wizard.flowdata import flow_and_problems


@checks.register("content")
def flow_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A flow with a dead end, a missing translation or an unknown fact stops start-up."""
    _flow, problems = flow_and_problems()
    return [
        checks.Error(problem, hint="Fix content/wizard/flow.toml.", id="wizard.E001")
        for problem in problems
    ]
