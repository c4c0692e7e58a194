"""The flow as a document kind of the help center's content: loaded, checked and rendered with
everything else under content/, once per content version."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from django.http import QueryDict

from helpcenter.content import Library
from helpcenter.content.documents import ContentSource, DocumentKind, Rendering
from helpcenter.content.markdown import ArticleLink, RouteCheck
from helpcenter.content.problems import ContentProblem
from helpcenter.content.schema import validate
from wizard.flow.model import Flow
from wizard.flow.rules import flow_problems
from wizard.flow.walk import resolve

FLOW_FILE = Path("wizard") / "flow.toml"
GUIDES = "admin-guides"  # the document kind of the admin guides (wizard.guides)


def check_step_link(flow: Flow, query: QueryDict) -> str | None:
    """What is wrong with a `route:wizard:step?…` link in an article or a guide, or None."""
    resolution = resolve(flow, query)
    if resolution.is_clean:
        return None
    ignored = ", ".join(str(problem) for problem in resolution.problems)
    return f"these answers do not fit the wizard's flow ({ignored})"


class FlowKind(DocumentKind):
    name = "flow"

    def load(self, source: ContentSource) -> Flow | None:
        path = source.directory / FLOW_FILE
        data = source.read_toml(path)
        flow = validate(Flow, data, path, source.problems) if data is not None else None
        for field, message in flow_problems(flow) if flow else ():
            source.problem(path, field, message)
        return flow

    def route_checks(self, document: Flow | None) -> Mapping[str, RouteCheck]:
        return {"wizard:step": partial(check_step_link, document)} if document else {}

    def render(self, document: Flow | None, rendering: Rendering) -> Flow | None:
        if document is not None:
            rendering.texts(document, rendering.source.directory / FLOW_FILE)
        return document

    def rules(self, document: Flow | None, library: Library) -> Iterator[ContentProblem]:
        if document is None:
            return
        path = Path(library.directory) / FLOW_FILE
        for field, message in _cross_document_problems(document, library):
            yield ContentProblem(path, field, message)


def _cross_document_problems(flow: Flow, library: Library) -> Iterator[tuple[str, str]]:
    guides = library.documents.get(GUIDES)
    for outcome in flow.outcomes.values():
        where = f"outcomes.{outcome.id}"
        for lang in library.languages:
            if (
                outcome.admin_guide
                and guides is not None
                and guides.get(lang, outcome.admin_guide) is None
            ):
                yield f"{where}.admin_guide", f"{outcome.admin_guide!r} has no {lang} admin guide"
            if outcome.article_anchor and flow.article:
                link = ArticleLink(flow.article, lang, outcome.article_anchor.get(lang))
                problem = library.articles.anchor_problem(link)
                if problem:
                    yield f"{where}.article_anchor.{lang}", problem
    facts = library.facts.codes
    for code in flow.codes:
        if code not in facts:
            yield f"codes.{code}", "has no entry (name, message, source) in content/facts/"
    for code in facts:
        if code not in flow.codes:
            yield "codes", f"AADSTS{code} is in content/facts/ but leads to no outcome"
    if flow.article and not library.articles.translations(flow.article):
        yield "article", f"{flow.article!r} names no article"
