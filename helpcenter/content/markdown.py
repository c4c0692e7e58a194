"""Markdown for everything under content/, with one extension that reads the reference grammar and
the `route:` and `article:` links, and notes what is wrong while it renders: rendering a text is
checking it. Each text is rendered twice from the same parse rules: as HTML for pages, and as plain
text (a serializer of the same element tree) for emails, copies and search.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import markdown
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from helpcenter.content import factformat  # noqa: F401  (registers the fact references)
from helpcenter.content.facts import FactStore
from helpcenter.content.localized import Rendered
from helpcenter.content.references import REFERENCE, parse_reference

ROUTE = "route:"  # [text](route:wizard:step?seen=x) links to a page of the site by its URL name
ARTICLE = "article:"  # [text](article:outlook-consent#cas-2) links to an article by its key
_ROUTE_PARTS = re.compile(r"([^?#]*)(\?[^#]*)?(#.*)?")

# A check of a route's query string, registered by the app that owns the route (the wizard checks
# its answers against its flow): what is wrong with it, or None.
RouteCheck = Callable[[QueryDict], str | None]


@dataclass(frozen=True)
class LinkTargets:
    """What a link in content may point to, known once every document is loaded."""

    article_slugs: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (key, lang)
    source_language: str = "fr"
    route_checks: Mapping[str, RouteCheck] = field(default_factory=dict)  # URL name -> check


@dataclass(frozen=True)
class ArticleLink:
    """A link to an article's section, checked once every article's headings are known."""

    key: str
    lang: str
    anchor: str


@dataclass(frozen=True)
class RenderedDocument:
    html: str
    plain: str
    toc_html: str
    anchors: tuple[str, ...]  # the ids of its headings, in order
    references: tuple[tuple[str, str], ...]  # the facts it names, (kind, key), in order of use
    article_links: tuple[ArticleLink, ...]


class _Notes:
    """What one conversion found: problems, the facts it names, the article sections it links to."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.references: dict[tuple[str, str], None] = {}
        self.article_links: list[ArticleLink] = []


class _References(InlineProcessor):
    def __init__(self, md: markdown.Markdown, renderer: Renderer) -> None:
        super().__init__(REFERENCE, md)
        self.renderer = renderer

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # noqa: N802
        found = parse_reference(m[1], self.renderer.facts)
        if isinstance(found, str):
            self.renderer.notes.problems.append(found)
            return m[0], m.start(0), m.end(0)
        self.renderer.notes.references.setdefault(found.name, None)
        as_text = self.md.output_format == "text"
        rendered = found.text(self.renderer.facts) if as_text else found.html(self.renderer.facts)
        return self.md.htmlStash.store(rendered), m.start(0), m.end(0)


class _RendererPass(Treeprocessor):
    """A pass over the element tree that notes what it finds on the renderer."""

    def __init__(self, md: markdown.Markdown, renderer: Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer


class _Links(_RendererPass):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith((ROUTE, ARTICLE)):
                url, problem = self.renderer.resolve(href)
                link.set("href", url)
                if problem:
                    self.renderer.notes.problems.append(problem)


class _Apostrophes(_RendererPass):
    """Notes a straight apostrophe inside a word (doesn't, l'écran): the site writes ’ in both
    languages. Code is left as it is, and so are Microsoft's labels and messages, which references
    insert verbatim after this pass."""

    WORD = re.compile(r"\w+'\w+")

    def run(self, root: etree.Element) -> None:
        if self.md.output_format == "text":
            return  # the plain-text pass reads the same source, and its notes are dropped
        for element in root.iter():
            texts = (
                [element.tail] if element.tag in ("code", "pre") else [element.text, element.tail]
            )
            for word in (found for text in texts if text for found in self.WORD.findall(text)):
                self.renderer.notes.problems.append(
                    f"“{word}” has a straight apostrophe: write ’ instead of '"
                )


class _ContentExtension(Extension):
    def __init__(self, renderer: Renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Above every link pattern, because [[...]] would otherwise read as a reference link.
        md.inlinePatterns.register(_References(md, self.renderer), "references", 200)
        # After inline patterns have made the <a> elements, reference-style links included.
        md.treeprocessors.register(_Links(md, self.renderer), "content_links", 5)
        md.treeprocessors.register(_Apostrophes(md, self.renderer), "apostrophes", 4)
        md.output_formats = {**md.output_formats, "text": plain_text}  # type: ignore[misc]


class Renderer:
    """Renders content Markdown in the active language; one per load of the library."""

    def __init__(self, facts: FactStore, targets: LinkTargets) -> None:
        self.facts, self.targets = facts, targets
        self.notes = _Notes()
        self._engines: dict[tuple[str, str], markdown.Markdown] = {}

    def _engine(self, output: str) -> markdown.Markdown:
        lang = get_language() or self.targets.source_language
        engine = self._engines.get((lang, output))
        if engine is None:
            # The table of contents is for pages; it serializes headings as HTML, so plain text
            # goes without it.
            toc = {
                "toc_depth": "2-3",
                "permalink": "#",
                "permalink_class": "heading-anchor",
                "permalink_title": _("Link to this section"),
            }
            engine = markdown.Markdown(
                extensions=[*(["toc"] if output == "html" else []), "tables", "attr_list"]
                + ["admonition", "md_in_html", _ContentExtension(self)],
                # align="" attributes instead of style="", which the strict CSP would refuse.
                extension_configs={"tables": {"use_align_attribute": True}, "toc": toc},
                output_format="html" if output == "html" else "text",  # type: ignore[arg-type]
            )
            engine.stripTopLevelTags = output == "html"
            self._engines[(lang, output)] = engine
        return engine

    def _convert(self, source: str) -> tuple[str, str, markdown.Markdown]:
        html_engine = self._engine("html")
        html_out = html_engine.reset().convert(source)
        notes, self.notes = self.notes, _Notes()  # the text pass would note the same things again
        text_out = self._engine("text").reset().convert(source)
        self.notes = notes
        return html_out, text_out, html_engine

    def document(self, source: str) -> tuple[RenderedDocument, list[str]]:
        self.notes = _Notes()
        html_out, text_out, engine = self._convert(source)
        tokens = engine.toc_tokens  # type: ignore[attr-defined]
        rendered = RenderedDocument(
            html=html_out,
            plain=text_out,
            toc_html=engine.toc,  # type: ignore[attr-defined]
            anchors=tuple(_anchors(tokens)),
            references=self._in_source_order(source),
            article_links=tuple(self.notes.article_links),
        )
        return rendered, self.notes.problems

    def inline(self, source: str) -> tuple[Rendered, list[str]]:
        """A one-paragraph text (a title, a list item, a button) as inline HTML and as text."""
        self.notes = _Notes()
        html_out, text_out, _engine = self._convert(source)
        if html_out.startswith("<p>") and html_out.endswith("</p>") and html_out.count("<p>") == 1:
            html_out = html_out[3:-4]
        rendered = Rendered(
            html=mark_safe(html_out),  # noqa: S308  (our own content, rendered by Markdown)
            plain=text_out,
            references=self._in_source_order(source),
        )
        return rendered, self.notes.problems

    def _in_source_order(self, source: str) -> tuple[tuple[str, str], ...]:
        # Markdown meets inline text element by element, not in the order it was written.
        return tuple(
            sorted(self.notes.references, key=lambda ref: source.find(f"[[{ref[0]}:{ref[1]}]]"))
        )

    def resolve(self, href: str) -> tuple[str, str | None]:
        """The URL of a route: or article: link, and what is wrong with it."""
        if href.startswith(ARTICLE):
            return self._article_url(href.removeprefix(ARTICLE))
        name, query, anchor = _ROUTE_PARTS.fullmatch(href.removeprefix(ROUTE)).groups()  # type: ignore[union-attr]
        try:
            url = reverse(name)
        except NoReverseMatch:
            return "#", f"{href} names no page of the site"
        check = self.targets.route_checks.get(name)
        problem = check(QueryDict((query or "?")[1:])) if check else None
        return url + (query or "") + (anchor or ""), (f"{href}: {problem}" if problem else None)

    def _article_url(self, target: str) -> tuple[str, str | None]:
        key, _hash, anchor = target.partition("#")
        slugs, active = self.targets.article_slugs, get_language()
        lang = active if (key, active) in slugs else self.targets.source_language
        if (key, lang) not in slugs:
            return "#", f"article:{key} names no article"
        if anchor:
            self.notes.article_links.append(ArticleLink(key, lang, anchor))
        with override(lang):
            url = reverse("helpcenter:article", kwargs={"slug": slugs[(key, lang)]})
        return url + (f"#{anchor}" if anchor else ""), None


def _anchors(tokens: list[dict[str, object]]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        found.append(str(token["id"]))
        found.extend(_anchors(token["children"]))  # type: ignore[arg-type]
    return found


# --- Plain text --------------------------------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol", "div", "blockquote"}


def plain_text(root: etree.Element) -> str:
    """The element tree as plain text: paragraphs, lists numbered or dashed, links spelt out."""
    return _blocks(root, indent="")


def _blocks(element: etree.Element, indent: str) -> str:
    parts = []
    if element.text and element.text.strip():
        parts.append(indent + element.text.strip())
    for child in element:
        parts.append(_block(child, indent))
        if child.tail and child.tail.strip():
            parts.append(indent + child.tail.strip())
    return "\n\n".join(part for part in parts if part)


def _block(element: etree.Element, indent: str) -> str:
    if element.tag in ("ul", "ol"):
        items = [child for child in element if child.tag == "li"]
        lines = []
        for number, item in enumerate(items, start=1):
            marker = f"{number}. " if element.tag == "ol" else "- "
            nested = [child for child in item if child.tag in _BLOCKS]
            text = _inline_of(item, skip=nested).strip() if not nested or item.text else ""
            body = _blocks(item, indent + " " * len(marker)) if nested else ""
            lines.append(f"{indent}{marker}{text or body.strip()}")
            if nested and text:
                lines.append(body)
        return "\n".join(lines)
    if element.tag == "table":
        rows = element.iter("tr")
        return "\n".join(indent + " | ".join(_inline(cell).strip() for cell in row) for row in rows)
    if element.tag in ("div", "blockquote"):
        return _blocks(element, indent)
    return indent + _inline(element).strip()


def _inline_of(element: etree.Element, skip: list[etree.Element]) -> str:
    text = element.text or ""
    for child in element:
        if child not in skip:
            text += _inline(child)
        text += child.tail or ""
    return text


def _inline(element: etree.Element) -> str:
    if element.tag == "br":
        return "\n"
    text = element.text or ""
    if element.tag == "code":
        text = html.unescape(text)  # Markdown escapes code text for HTML already
    for child in element:
        text += _inline(child) + (child.tail or "")
    href = element.get("href", "")
    if element.tag == "a" and "://" in href and href != text.strip():
        return f"{text} ({href})"
    return text
