from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from wizard.flowdata import flow_and_problems
from wizard.guides import get_guides


@checks.register("content")
def flow_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A flow with a dead end, a missing translation or an unknown fact stops start-up."""
    _flow, problems = flow_and_problems()
    return [
        checks.Error(problem, hint="Fix content/wizard/flow.toml.", id="wizard.E001")
        for problem in problems
    ]


@checks.register("content")
def guides_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every admin guide renders, and every guide the flow names exists in every language."""
    guides = get_guides()
    messages = [
        checks.Error(
            str(problem), hint="Fix the file under content/admin-guides/.", id="wizard.E002"
        )
        for problem in guides.problems
    ]
    flow, _problems = flow_and_problems()
    languages = [code for code, _name in settings.LANGUAGES]
    for outcome in flow.outcomes.values() if flow else ():
        for lang in languages:
            if outcome.admin_guide and guides.get(lang, outcome.admin_guide) is None:
                messages.append(
                    checks.Error(
                        f"outcome {outcome.id!r} names the admin guide {outcome.admin_guide!r}, "
                        f"which has no {lang} version in content/admin-guides/",
                        id="wizard.E003",
                    )
                )
    return messages
