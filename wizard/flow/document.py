"""The flow as a document kind of the help center's content: loaded, checked and rendered with
everything else under content/, once per content version."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from django.http import QueryDict

from helpcenter.content import Library
from helpcenter.content.documents import ContentSource, DocumentKind, Rendering, localized_texts
from helpcenter.content.markdown import ArticleLink, RouteCheck
from helpcenter.content.problems import ContentProblem
from helpcenter.content.schema import validate
from helpcenter.content.usage import Use, register_usage, text_references
from wizard.flow.model import Flow
from wizard.flow.rules import fact_problems, flow_problems
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
        for field, message in fact_problems(document, library.facts):
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


def _flow_uses(flow: Flow, library: Library) -> Iterator[Use]:
    """Where the flow names facts: each question, each outcome page, and the admin email of each
    outcome that has one (its admin steps, and the notes that go with the consent link)."""
    from wizard.adminmail import CONSENT_NOTE_CLAIMS, consent_link_helps

    languages = library.languages
    for question in flow.questions.values():
        texts = (text for _where, text in localized_texts(question))
        yield Use(f"question {question.id}", tuple(text_references(texts, languages)))
    for outcome in flow.outcomes.values():
        texts = [text for _where, text in localized_texts(outcome)]
        yield Use(f"outcome {outcome.id}", tuple(text_references(texts, languages)))
        if outcome.needs_admin:
            email = text_references(outcome.admin_texts(), languages)
            if outcome.delay is not None:
                email |= text_references((outcome.delay,), languages)
            email.add(("url", "entra_admin_center"))
            if consent_link_helps(outcome):
                email |= {("claim", key) for key in CONSENT_NOTE_CLAIMS}
                email.add(("url", "admin_consent"))
            yield Use(f"email {outcome.id}", tuple(email))
    for code in flow.codes:
        yield Use(f"code {code}", (("code", code),))
    yield from _template_uses()


# The facts a template names: {% screen_text "accept" %}, {% screen_label "x" %}, {% fact "claim" "y" %}.
_TEMPLATE_FACT = re.compile(
    r'{%\s*(?:screen_text|screen_label)\s+"(?P<label>[a-z0-9_]+)"'
    r'|{%\s*fact\s+"(?P<kind>[a-z-]+)"\s+"(?P<key>[a-z0-9_]+)"'
)


def _template_uses() -> Iterator[Use]:
    """The drawings of Microsoft's screens and the admin guide's page name facts directly."""
    folder = Path(__file__).resolve().parent.parent / "templates" / "wizard"
    for template in sorted(folder.rglob("*.html")):
        found = {
            ("label", m["label"]) if m["label"] else (m["kind"], m["key"])
            for m in _TEMPLATE_FACT.finditer(template.read_text(encoding="utf-8"))
        }
        if found:
            yield Use(f"template {template.relative_to(folder)}", tuple(sorted(found)))


register_usage(FlowKind.name, _flow_uses)
