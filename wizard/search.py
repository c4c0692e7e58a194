"""The wizard's pages in the help center's search: its outcomes and the admin guides.

Named in WizardConfig.search_sources; the help center calls it with the library when it rebuilds
its index, and never imports the wizard.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation

from helpcenter.content import Library
from helpcenter.languages import reverse_in
from helpcenter.search.entries import Entry
from wizard.flow.links import outcome_query
from wizard.flow.model import Flow
from wizard.guides import GuideSet, GuidesKind

OUTCOME = "outcome"
GUIDE = "guide"


def entries(library: Library) -> Iterator[Entry]:
    flow: Flow | None = library.documents.get("flow")
    guides: GuideSet | None = library.documents.get(GuidesKind.name)
    for lang in library.languages:
        if flow is not None:
            yield from _outcome_entries(flow, lang)
        for guide in guides.all() if guides is not None else ():
            if guide.lang == lang:
                yield Entry(
                    kind=GUIDE,
                    language=lang,
                    url=reverse_in(lang, "guides:guide", kwargs={"guide": guide.slug}),
                    title=guide.title,
                    description=guide.description,
                    body=guide.plain,
                )


def _outcome_entries(flow: Flow, lang: str) -> Iterator[Entry]:
    """Each outcome that has a link of its own (the others need the user's error code)."""
    with translation.override(lang):
        for outcome in flow.outcomes.values():
            query = outcome_query(flow, outcome.id)
            if query is None:
                continue
            steps = [*outcome.user_steps, *outcome.admin_texts(), outcome.next_step]
            # The error codes that lead here: people search for the code they got.
            codes = [f"AADSTS{code}" for code, target in flow.codes.items() if target == outcome.id]
            yield Entry(
                kind=OUTCOME,
                language=lang,
                url=reverse_in(lang, "wizard:step", query=query),
                title=outcome.title.plain,
                description=outcome.summary.plain,
                body=" ".join([*codes, *(step.plain for step in steps)]),
            )
