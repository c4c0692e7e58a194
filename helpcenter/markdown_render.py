"""Markdown to HTML, in one place, with one list of extensions and the [[kind:key]] fact placeholders."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from helpcenter.factformat import render_html, render_text
from helpcenter.facts import FactStore

FACT_PLACEHOLDER = r"\[\[(label|path|path-older|roles|url|code):([a-z0-9_]+)\]\]"
FACT_PLACEHOLDER_RE = re.compile(FACT_PLACEHOLDER)
# [text](route:namespace:name?query#anchor) links to a page of the site by its URL name, so that
# content never hard-codes a URL and the help center never imports the app that serves it.
ROUTE_LINK_RE = re.compile(r"\]\(route:([a-z_]+:[a-z_]+)([?#][^)\s]*)?\)")
ROUTE_PREFIX = "route:"


def resolve_route(href: str) -> str | None:
    """/fr/wizard/?seen=x for route:wizard:step?seen=x in the active language; None if unknown."""
    name, query_and_anchor = re.match(r"([^?#]*)(.*)", href.removeprefix(ROUTE_PREFIX)).groups()  # type: ignore[union-attr]
    try:
        return reverse(name) + query_and_anchor
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str
    heading_count: int


class _FactProcessor(InlineProcessor):
    def __init__(self, md: markdown.Markdown, facts: FactStore, lang: str) -> None:
        super().__init__(FACT_PLACEHOLDER, md)
        self.facts, self.lang = facts, lang

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # noqa: N802
        kind, key = m.group(1), m.group(2)
        if not self.facts.has(kind, key):
            # The content check reports it at start-up; the page shows the raw placeholder.
            return m.group(0), m.start(0), m.end(0)
        html = render_html(self.facts, kind, key, self.lang)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class _RouteLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith(ROUTE_PREFIX):
                link.set("href", resolve_route(href) or "#")


class _FactsExtension(Extension):
    def __init__(self, facts: FactStore, lang: str) -> None:
        super().__init__()
        self.facts, self.lang = facts, lang

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Above every link pattern, because [[...]] would otherwise read as a reference link.
        md.inlinePatterns.register(_FactProcessor(md, self.facts, self.lang), "facts", 200)
        md.treeprocessors.register(_RouteLinks(md), "route_links", 5)


def unknown_placeholders(text: str, facts: FactStore) -> list[str]:
    """Fact placeholders naming no fact, and route: links naming no URL."""
    unknown = [m.group(0) for m in FACT_PLACEHOLDER_RE.finditer(text) if not facts.has(*m.groups())]
    for match in ROUTE_LINK_RE.finditer(text):
        if resolve_route(ROUTE_PREFIX + match.group(1)) is None:
            unknown.append(f"route:{match.group(1)}")
    return unknown


def _count_headings(tokens: list[dict[str, object]]) -> int:
    return sum(1 + _count_headings(token["children"]) for token in tokens)  # type: ignore[arg-type]


def render_markdown(text: str, *, facts: FactStore, lang: str) -> Rendered:
    with override(lang):
        md = markdown.Markdown(
            extensions=[
                "toc",
                "tables",
                "attr_list",
                "admonition",
                "md_in_html",
                _FactsExtension(facts, lang),
            ],
            extension_configs={
                # align="" attributes instead of style="", which the strict CSP would refuse.
                "tables": {"use_align_attribute": True},
                "toc": {
                    "toc_depth": "2-3",
                    "permalink": "#",
                    "permalink_class": "heading-anchor",
                    "permalink_title": _("Link to this section"),
                },
            },
            output_format="html",
        )
        html = md.convert(text)
    tokens = md.toc_tokens  # type: ignore[attr-defined]
    return Rendered(html=html, toc_html=md.toc, heading_count=_count_headings(tokens))  # type: ignore[attr-defined]


def render_inline(text: str, *, facts: FactStore, lang: str) -> str:
    """A one-paragraph Markdown text as inline HTML (for list items, titles and buttons)."""
    html = render_markdown(text, facts=facts, lang=lang).html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


_MARKDOWN_EMPHASIS_RE = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def render_plain(text: str, *, facts: FactStore, lang: str) -> str:
    """The same text for a plain-text email or a copyable summary: facts spelt out, no markup."""

    text = FACT_PLACEHOLDER_RE.sub(lambda m: render_text(facts, m[1], m[2], lang), text)
    text = _MARKDOWN_LINK_RE.sub(
        lambda m: m[1] if m[2].startswith(ROUTE_PREFIX) else f"{m[1]} ({m[2]})", text
    )
    return _MARKDOWN_EMPHASIS_RE.sub(r"\2", text)
