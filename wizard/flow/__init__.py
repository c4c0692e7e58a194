"""The wizard's decision flow, cut to its parts.

- `model.py`: the data classes (the schema of content/wizard/flow.toml) and the one graph walk
- `rules.py`: the content rules (reachability, cycles, ids, outcomes)
- `walk.py`: `resolve()` and `Resolution`, the small pure engine
- `links.py`: the query strings of wizard links
- `document.py`: the flow as a document kind of the help center's content
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from helpcenter.content import get_library
from wizard.flow.model import Flow


def get_flow() -> Flow:
    flow: Flow | None = get_library().documents.get("flow")
    if flow is None:
        raise ImproperlyConfigured(
            "content/wizard/flow.toml could not be loaded: run manage.py check"
        )
    return flow
