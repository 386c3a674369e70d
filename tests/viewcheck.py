"""The checker for user text in the worksheets' views (``test_render_safety_views*``).

:func:`assert_safe`, for the HTML a path returns:

* it parses (``html.parser``) as a balanced tree: every end tag closes the
  element that is open, nothing is left open, and there is no comment,
  doctype, processing instruction or CDATA section;
* every element, with its set of attribute names, also occurs in the path's
  renderings of benign texts (:data:`BENIGN`): user text creates no element
  and no attribute, not even one that exists elsewhere on the page; no
  element carries an attribute twice; no attribute name starts with ``on``;
* URL attributes (``href``, ``src``, ...) only hold values the benign
  renderings hold, so user text never reaches a URL and no ``javascript:``
  URL can appear. (``javascript:`` in other attribute values, e.g.
  ``aria-label="Weghalen: javascript:alert(1)"``, is the user's inert text and
  is checked literally like any other.)

The literal checks compare with the text after the worksheet's documented
normalization: answers longer than a field's ``max_length`` are cut to it (the
form does the same; :func:`fill`), names on the map and in the table have
their white space collapsed, other fields are stripped. Where a worksheet
splits text (agenda points per line, answers in paragraphs) the test uses the
worksheet's own splitting and checks that each piece is shown literally.

Each test module lists its paths (:class:`ViewPath`) and gets its three tests
from :func:`view_tests`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings

from tests.test_render_safety import HOSTILE, NAUGHTY, Parsed, _Collector, checked, user_text
from worksheets.engine import bridge
from worksheets.engine.schema import Answers, Choice, Field, Group, ItemList, ShortText, Worksheet

VIEW_EXAMPLES = int(os.environ.get("RG_HYPOTHESIS_VIEW_EXAMPLES", "2000"))

#: Benign texts whose renderings define what a path may produce: a plain word,
#: nothing, a name and identifying details (the case check's table), a very long
#: word (cut labels), a long name in a wide script (too wide for a label: the
#: map's number list), lines and paragraphs, a clock time and a count (the
#: agenda's times, the team chart's bars).
BENIGN = (
    "BENIGN",
    "",
    "Anna de Vries, Kerkstraat 12, 1234 AB Amsterdam, 06-12345678, anna@example.nl, "
    "geboren 01-02-1980",
    "B" * 5000,
    "山田太郎" * 50,
    "Eerste regel\nTweede regel\n\nNieuwe alinea",
    "19:30",
    "12",
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster",
                            "data", "srcset", "background", "cite", "ping", "srcdoc", "style"})


# --------------------------------------------------------------------------- parsing


@dataclass(eq=False)
class Node:
    """An element of the parsed output; ``children`` are nodes and text runs.

    ``nodes[first:last]`` of the parsed page are its descendants, in order.
    """

    tag: str
    attrs: list[tuple[str, str | None]]
    nodes: list[Node]
    children: list[Node | str] = field(default_factory=list)
    first: int = 0
    last: int = 0

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def text(self) -> str:
        """All text inside, a ``<br>`` read as a line break."""
        return "".join(c if isinstance(c, str) else "\n" if c.tag == "br" else c.text()
                       for c in self.children)

    def runs(self) -> list[str]:
        """The text runs directly inside this element."""
        return [c for c in self.children if isinstance(c, str)]

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants named ``tag`` whose attributes (``class_`` for class,
        ``data_x`` for data-x) have these values; ``class`` matches one class."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}

        def fits(node: Node) -> bool:
            for key, value in wanted.items():
                have = node.get(key)
                if have is None or (value not in have.split() if key == "class"
                                    else have != value):
                    return False
            return True

        return [n for n in self.nodes[self.first:self.last] if n.tag == tag and fits(n)]

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


@dataclass
class Page:
    """A parsed fragment: its tree, the flat facts and what went wrong."""

    root: Node
    parsed: Parsed
    markup: list[str]
    problems: list[str]

    @property
    def texts(self) -> list[str]:
        return self.parsed.texts

    @property
    def nodes(self) -> list[Node]:
        return self.root.nodes

    def signatures(self) -> set[tuple[str, frozenset[str]]]:
        return {(n.tag, frozenset(k for k, _ in n.attrs)) for n in self.nodes}


class _TreeCollector(_Collector):
    """The shared collector, also building the tree and noting declarations."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", [], [])
        self.stack = [self.root]
        self.markup: list[str] = []
        self.problems: list[str] = []

    def _flush(self) -> None:
        if self._text:
            self.stack[-1].children.append("".join(self._text))
        super()._flush()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        nodes = self.root.nodes
        node = Node(tag, list(attrs), nodes)
        nodes.append(node)
        node.first = node.last = len(nodes)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag in VOID:
            self.problems.append(f"end tag of void element </{tag}>")
        elif len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop().last = len(self.root.nodes)
        else:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}>")

    def handle_comment(self, data: str) -> None:
        self.markup.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.markup.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.markup.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.markup.append(f"<![{data}]>")


def parse_page(html: str) -> Page:
    collector = _TreeCollector()
    collector.feed(html)
    collector.close()
    collector._flush()
    collector.root.last = len(collector.root.nodes)
    for node in collector.stack[1:]:
        node.last = len(collector.root.nodes)
    problems = collector.problems + [f"<{n.tag}> left open" for n in collector.stack[1:]]
    return Page(collector.root, collector.parsed, collector.markup, problems)


# --------------------------------------------------------------------------- the checker


@dataclass(frozen=True)
class Vocabulary:
    """What a path produces for benign texts: elements with their attribute names,
    and the values of URL attributes."""

    signatures: frozenset[tuple[str, frozenset[str]]]
    urls: frozenset[tuple[str, str | None]]


def vocabulary(render: Callable[[str], str], samples: tuple[str, ...] = BENIGN) -> Vocabulary:
    signatures: set[tuple[str, frozenset[str]]] = set()
    urls: set[tuple[str, str | None]] = set()
    for sample in samples:
        page = parse_page(render(sample))
        assert not page.problems and not page.markup, (sample, page.problems, page.markup)
        signatures |= page.signatures()
        urls |= {(k, v) for k, v in page.parsed.attributes if k in URL_ATTRIBUTES}
    return Vocabulary(frozenset(signatures), frozenset(urls))


def assert_safe(html: str, allowed: Vocabulary, text: str) -> Page:
    """The rules in the module docstring; returns the parsed page for the literal checks."""
    page = parse_page(html)
    assert not page.problems, (text, page.problems)
    assert not page.markup, (text, page.markup)
    for node in page.nodes:
        names = frozenset(k for k, _ in node.attrs)
        assert len(names) == len(node.attrs), (text, node.tag, node.attrs)  # none twice
        assert (node.tag, names) in allowed.signatures, (text, node.tag, sorted(names))
    for name, value in page.parsed.attributes:
        assert not name.startswith("on"), (text, name)
        if name in URL_ATTRIBUTES:
            assert (name, value) in allowed.urls, (text, name, value)
    return page


def assert_run(page: Page, expected: str, text: str) -> None:
    """``expected`` is one whole text run (the text between two tags)."""
    assert expected in page.texts, (text, expected)


# --------------------------------------------------------------------------- answers


def words(value: str) -> str:
    """White space collapsed, as names on the map and in the table."""
    return " ".join(value.split())


def paragraphs_of(value: str) -> str:
    """Text as ``engine.html.paragraphs`` shows it: blocks split on blank lines,
    each stripped; the paragraphs read one after the other with a blank line."""
    return "\n\n".join(b.strip() for b in value.strip().split("\n\n") if b.strip())


def clipped(spec: Field, text: str) -> str:
    return text[: getattr(spec, "max_length", 300)]


def _filled(spec: Field, value: Any, text: str) -> Any:
    if isinstance(spec, Group):
        return [{m.id: _filled(m, item.get(m.id, m.empty()), text) for m in spec.fields}
                for item in value]
    if isinstance(spec, ItemList):
        return [clipped(spec, text) for _ in value]
    if isinstance(spec, ShortText):
        return clipped(spec, text)
    if isinstance(spec, Choice) and spec.dynamic:  # goals and names chosen from other sheets
        return [text[:300]] if spec.multiple else text[:300]
    return value


def fill(sheet: Worksheet, template: Answers, text: str) -> Answers:
    """``template`` with every user text (text fields, list items, dynamic choices
    such as goals and names) replaced by ``text``, cut to the field's length."""
    return {spec.id: _filled(spec, template.get(spec.id, spec.empty()), text)
            for spec in sheet.fields()}


SHEET = bridge.registry()


def evaluated(sheet_id: str, answers: Answers, context: dict[str, Answers]) -> str:
    """The summary and every view of ``bridge.evaluate``, one after the other."""
    result = json.loads(bridge.evaluate(sheet_id, json.dumps(answers), json.dumps(context)))
    return result["summary_html"] + "".join(view["html"] for view in result["views"])


# --------------------------------------------------------------------------- paths


@dataclass(frozen=True)
class ViewPath:
    render: Callable[[str], str]
    check: Callable[[Page, str], None]


def sheet_evaluate(sheet_id: str, template: Answers,
                    uses: dict[str, Answers] | None = None) -> Callable[[str], str]:
    def render(text: str) -> str:
        context = {k: fill(SHEET[k], v, text) for k, v in (uses or {}).items()}
        return evaluated(sheet_id, fill(SHEET[sheet_id], template, text), context)
    return render


def view_tests(paths: dict[str, ViewPath]) -> tuple[Callable[[str], None], ...]:
    """The three tests of a module's ``paths``, to assign to module-level ``test_*`` names."""

    @cache
    def allowed(name: str) -> Vocabulary:
        return vocabulary(paths[name].render)

    def assert_view_literal(name: str, text: str) -> None:
        path = paths[name]
        path.check(assert_safe(path.render(text), allowed(name), text), text)

    @pytest.mark.parametrize("name", sorted(paths))
    def shows_user_text_literally(name: str) -> None:
        allowed(name)

        @settings(checked, max_examples=VIEW_EXAMPLES)
        @given(text=user_text)
        def check(text: str) -> None:
            assert_view_literal(name, text)

        check()

    @pytest.mark.parametrize("name", sorted(paths))
    def known_payloads(name: str) -> None:
        for text in HOSTILE + NAUGHTY[:50]:
            assert_view_literal(name, text)

    @pytest.mark.parametrize("name", sorted(paths))
    def benign_text_passes(name: str) -> None:
        """The literal checks are not vacuous: a benign text is found where they look."""
        for text in BENIGN:
            assert_view_literal(name, text)

    return shows_user_text_literally, known_payloads, benign_text_passes
