"""User text through the worksheets' own views and summaries: shown literally, never markup.

``test_render_safety`` covers the engine's generic paths with a strict checker
(same elements and attributes as for a benign string). The worksheets' views
cannot be checked that way: their layout depends on the text (a long name on
the network map is cut and may move to the number list, an empty name becomes
"Persoon 1", a typed time becomes a clock time, answers split into paragraphs,
a case text gets a table of findings). So every path here is checked with
:func:`assert_safe` plus a precise, per-path description of where the user
text must come back (see each ``_check_*`` function).

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

A path is one call the page makes and inserts as HTML: ``bridge.evaluate`` of
every worksheet (JSON in, the summary and all views out, each view checked by
its own ``_check_*``), ``bridge.compare_versions`` and the evaluation
overview's ``combine``. Rendering each worksheet once and checking all its views
is cheaper than rendering the views one by one. ``RG_HYPOTHESIS_VIEW_EXAMPLES``
sets the cases per path (default 2,000: a case fills every text field of the
worksheet at once, so a path checks many thousands of texts; the single-field
engine paths in ``test_render_safety.py`` run 5,000 cases each).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape
from typing import Any

import pytest
from hypothesis import given, settings

from tests.test_render_safety import HOSTILE, NAUGHTY, Parsed, _Collector, checked, user_text
from worksheets import _bijeenkomst as meeting
from worksheets import casus
from worksheets._evaluatie import SHEETS, THEMES
from worksheets._evaluatie_overzicht import combine
from worksheets._herkenning import find_identifiers
from worksheets._netwerkkaart import LABEL_CHARS
from worksheets._teamcijfers import PILOT_NAME
from worksheets.engine import bridge
from worksheets.engine.documents import new_document, normalize
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


# --------------------------------------------------------------------------- resources

_EXAMPLE_PEOPLE = SHEET["resources"].example["personen"]
#: Nadia (nominated, "doet mee"), Pa (talk first, further away), and last someone
#: without a sector (not on the map) who helped with a goal no longer listed.
RESOURCES_TEMPLATE = {"personen": [
    _EXAMPLE_PEOPLE[0], _EXAMPLE_PEOPLE[1],
    {"naam": "", "soort": "informeel", "contact": "nog_niet", "helpt_bij": [""]},
]}


def resources_input(text: str) -> tuple[Answers, dict[str, Answers]]:
    answers = fill(SHEET["resources"], RESOURCES_TEMPLATE, text)
    answers["personen"][-1]["helpt_bij"] = [text[:290] + " (oud)"]
    goals = fill(SHEET["doelen"], SHEET["doelen"].example, text)
    return normalize(SHEET["resources"], answers), {"doelen": goals}


@dataclass(frozen=True)
class Shown:
    """What the resource views show of one person block."""

    number: int
    name: str
    relation: str
    display: str
    goals: tuple[str, ...]
    help: str
    tension: str
    talk_first: bool
    nominated: bool
    placed: bool

    @property
    def with_relation(self) -> str:
        return f"{self.display} ({self.relation})" if self.relation else self.display


@lru_cache(maxsize=4)
def resources_people(text: str) -> tuple[Shown, ...]:
    """The people of :func:`resources_input` as the views should show them."""
    return tuple(shown_people(resources_input(text)[0]))


def shown_people(answers: Answers) -> list[Shown]:
    found = []
    for number, item in enumerate(answers["personen"], start=1):
        name = words(item["naam"])
        found.append(Shown(number, name, words(item["relatie"]),
                           name or f"Persoon {number} (nog zonder naam)",
                           tuple(words(g) for g in item["helpt_bij"] if words(g)),
                           words(item["helpt_bij_tekst"]), item["spanning"].strip(),
                           item["gesprek_eerst"] is True, item["voorgedragen"] is True,
                           bool(item["sector"] and item["nabijheid"])))
    return found


def _check_map(page: Page, text: str) -> None:
    """Map: the marker's tooltip (its SVG ``<title>``) starts with the number and the
    full name and relation; the visible label is the full name (``Persoon N`` if
    empty), or, when longer than the label allows, its first characters and "…";
    a marker without room for a label is listed under the map as "N. name".
    Someone without sector or ring is named in the sentence under the map."""
    numbered = [li.text() for ul in page.root.find_all("ul", class_="rg-kaart-nummers")
                for li in ul.find_all("li")]
    for person in resources_people(text):
        if not person.placed:
            assert_run(page, "Nog niet op de kaart, want de sector of hoe dichtbij ontbreekt: "
                       f"{person.display}.", text)
            continue
        marker = page.root.find("g", data_persoon=str(person.number))
        tooltip = marker.find("title").text()
        assert tooltip.startswith(f"{person.number}. {person.with_relation} · "), (text, tooltip)
        labels = [t.text() for t in marker.find_all("text")]
        assert labels[0] == str(person.number), (text, labels)
        full = person.name or f"Persoon {person.number}"
        if len(labels) == 1:
            assert f"{person.number}. {person.display}" in numbered, (text, numbered)
        elif labels[1] != full:
            visible = labels[1]
            assert len(full) > LABEL_CHARS and visible.endswith("…"), (text, visible)
            assert len(visible) <= LABEL_CHARS and full.startswith(visible[:-1]), (text, visible)


def _check_table(page: Page, text: str) -> None:
    """Table: per row the name cell holds the full name (and sorts on it, case
    folded), the relation with "informeel" under it; "Kan helpen bij" lists
    every goal and the help in own words; "Spanning of zorg" holds the note."""
    for person in resources_people(text):
        row = page.root.find("tr", data_persoon=str(person.number))
        name_cell = row.find("th", scope="row")
        assert name_cell.get("data-sort-value") == person.display.casefold(), text
        assert name_cell.find("span").runs()[0] == person.display, text
        about = " · ".join(part for part in (person.relation, "informeel") if part)
        assert name_cell.find("span", class_="rg-muted").text() == about, text
        helps = [li.text() for li in row.find("td", data_label="Kan helpen bij").find_all("li")]
        assert helps == [*person.goals, *([person.help] if person.help else [])], text
        talk = " (eerst een gesprek)" if person.tension and person.talk_first else ""
        note = row.find("td", data_label="Spanning of zorg").text()
        assert note == (person.tension + talk or "–"), text


def _check_goals(page: Page, text: str) -> None:
    """Goals: each goal (from "Doelen formuleren") in bold with the people who help
    (name and relation); a goal no longer listed with its helpers; everyone's
    help in own words as "name: help"."""
    persons = resources_people(text)
    goal = words(text[:300])
    helpers = [p for p in persons if goal and goal.casefold() in
               {g.casefold() for g in p.goals}]
    if helpers:
        item = next(li for li in page.root.find("ul", class_="rg-goal-links").find_all("li")
                    if li.find("strong").text() == goal)
        assert item.runs() == [", ".join(p.with_relation for p in helpers)], text
    former = persons[-1].goals[0]
    if former.casefold() != goal.casefold():
        assert_run(page, f"{former}: {persons[-1].display}", text)
    for person in persons:
        if person.help:
            assert_run(page, f"{person.display}: {person.help}", text)


def _check_resources_summary(page: Page, text: str) -> None:
    """Summary: who to ask as "name (relation) · status", the names per ring, and
    who needs a talk first, each a list item."""
    persons = resources_people(text)
    assert_run(page, f"{persons[0].with_relation} · doet mee", text)
    assert_run(page, f"Heel dichtbij: {persons[0].display}", text)
    assert_run(page, f"Verder weg: {persons[1].display}", text)
    assert_run(page, persons[1].display, text)  # "Eerst een gesprek"


def _resources_versions(text: str) -> tuple[Answers, Answers]:
    older = {"personen": [{"naam": text[:80], "relatie": text[:120], "sector": "familie",
                           "nabijheid": "verder_weg", "contact": "nog_niet",
                           "voorgedragen": False}]}
    newer = {"personen": [
        {"naam": text[:80], "relatie": text[:120], "sector": "vrienden",
         "nabijheid": "heel_dichtbij", "contact": "gevraagd", "voorgedragen": True},
        {"naam": text[:76] + " (2)", "relatie": text[:120], "sector": "buurt",
         "nabijheid": "dichtbij"}]}
    return older, newer


def _compared(worksheet: str, versions: tuple[Answers, Answers]) -> str:
    """The HTML of ``bridge.compare_versions`` for two versions of ``worksheet``."""
    older, newer = versions
    return json.loads(bridge.compare_versions(worksheet, json.dumps(older),
                                              json.dumps(newer)))["html"]


def _render_resources_versions(text: str) -> str:
    return _compared("resources", _resources_versions(text))


def _check_resources_versions(page: Page, text: str) -> None:
    """Versions (``bridge.compare_versions``): a person matched by name is named in
    every change line; a new person appears as "name (relation)"."""
    name, relation = words(text[:80]), words(text[:120])
    newcomer = words(text[:76] + " (2)")
    if name:
        for line in (f"{name}: van verder weg naar heel dichtbij",
                     f"{name}: van Familie naar Vrienden", name,
                     f"{name}: nog niet gevraagd → gevraagd"):
            assert_run(page, line, text)
    if newcomer.casefold() != name.casefold():
        assert_run(page, f"{newcomer} ({relation})" if relation else newcomer, text)


def _render_resources_evaluate(text: str) -> str:
    answers, context = resources_input(text)
    return evaluated("resources", answers, context)


def _check_resources_evaluate(page: Page, text: str) -> None:
    """End to end: the summary, the map, the table and the goals, each as above."""
    _check_resources_summary(page, text)
    _check_map(page, text)
    _check_table(page, text)
    _check_goals(page, text)


# --------------------------------------------------------------------------- bijeenkomst

MEETING_TEMPLATE = {
    **SHEET["bijeenkomst"].example,
    "datum": "2026-03-03",
    "deelnemers": [{"rol": "naaste", "voorgesprek": True}],
    "afspraken": [{"wanneer": "2026-03-10", "status": "open"}],
    "bijdragen": [{}],
}


def meeting_input(text: str, template: Answers = MEETING_TEMPLATE) -> tuple[Answers, dict]:
    answers = normalize(SHEET["bijeenkomst"], fill(SHEET["bijeenkomst"], template, text))
    raw = {"doelen": fill(SHEET["doelen"], SHEET["doelen"].example, text),
           "resources": fill(SHEET["resources"], {"personen": _EXAMPLE_PEOPLE[:2]}, text)}
    return answers, raw


def _participant(text: str) -> str:
    """The typed name wins over the one chosen from the map."""
    return text[:80].strip() or text[:300].strip()


def _action_line(text: str) -> str:
    what, who = text[:500].strip(), text[:120].strip()
    return f"{what} ({who + ', ' if who else ''}vóór 10 maart 2026)"


def _check_proposal(page: Page, text: str) -> None:
    """Proposal: the goal as the title "Doel: …" with its first step; the open
    agreement "what (who, vóór date)" under the look back; each line of the
    participant's own points as "Punt van name: point" (one point per line, list
    marks removed, as ``_bijeenkomst.split_lines``). Titles are whole text runs."""
    goal, step = text[:300].strip(), text[:300].strip()
    if goal:
        assert_run(page, f"Doel: {goal}", text)
        if step:
            assert_run(page, f"Eerste stap: {step}", text)
    if text[:500].strip():
        assert_run(page, _action_line(text), text)
    name = _participant(text)
    if name:
        for point in meeting.split_lines(text[:5000]):
            assert_run(page, f"Punt van {name}: {point}", text)


def _clock(text: str) -> str:
    minutes = meeting.parse_clock(text[:12])
    return meeting.format_clock(minutes) if minutes is not None else text[:12].strip()


def _check_agenda(page: Page, text: str) -> None:
    """Agenda: each own agenda point "chosen: own" as a whole text run, "wie: …"
    after its minutes, and the date with the times as typed (or read as a clock
    time) in bold."""
    chosen, own, who = text[:300].strip(), text[:200].strip(), text[:80].strip()
    title = f"{chosen}: {own}" if chosen and own else chosen or own
    if title:
        assert_run(page, title, text)
        if who:
            assert_run(page, f"10 minuten · wie: {who}", text)
    time = _clock(text)
    when = f"Dinsdag 3 maart 2026, van {time} tot {time} uur" if time else "Dinsdag 3 maart 2026"
    assert_run(page, when, text)


def _check_people(page: Page, text: str) -> None:
    """People from the map: the nominated person's "name (relation)" in bold."""
    name, relation = text[:80].strip(), text[:120].strip()
    if name:
        assert_run(page, f"{name} ({relation})" if relation else name, text)


def _render_meeting_evaluate(text: str) -> str:
    _, raw = meeting_input(text)
    return evaluated("bijeenkomst", fill(SHEET["bijeenkomst"], MEETING_TEMPLATE, text), raw)


def _check_meeting_evaluate(page: Page, text: str) -> None:
    """End to end: the summary's place, leader, note taker, participant "name
    (naaste)" and open agreement, each a list item; and every view as above."""
    for prefix, value in (("Plek: ", text[:200]), ("Gesprek geleid door: ", text[:80]),
                          ("Afspraken opgeschreven door: ", text[:80])):
        if value.strip():
            assert_run(page, prefix + value.strip(), text)
    if _participant(text):
        assert_run(page, f"{_participant(text)} (naaste)", text)
    _check_proposal(page, text)
    _check_agenda(page, text)
    _check_people(page, text)


def _meeting_versions(text: str) -> tuple[Answers, Answers]:
    older = {**MEETING_TEMPLATE, "deelnemers": [{"andere_naam": text[:70] + " (oud)"}],
             "afspraken": [{"wat": text[:500], "status": "open"}]}
    newer = {**MEETING_TEMPLATE, "deelnemers": [{"andere_naam": text[:80]}],
             "afspraken": [{"wat": text[:500], "status": "klaar"}]}
    return older, newer


def _render_meeting_versions(text: str) -> str:
    return _compared("bijeenkomst", _meeting_versions(text))


def _check_meeting_versions(page: Page, text: str) -> None:
    """Versions: who joined, who left and which agreement is done, each naming the
    person or the agreement in full."""
    new, old, what = text[:80].strip(), (text[:70] + " (oud)").strip(), text[:500].strip()
    if new and new != old:
        assert_run(page, f"Nieuw in de groep: {new}", text)
        assert_run(page, f"Niet meer in de groep: {old}", text)
    if what:
        assert_run(page, f"Klaar: {what}", text)


# --------------------------------------------------------------------------- casus


def casus_input(text: str) -> Answers:
    return normalize(SHEET["casus"], fill(SHEET["casus"], SHEET["casus"].example, text))


def _check_casus_view(page: Page, text: str) -> None:
    """Check view: it shows only what looks identifying, not the whole answers (they
    stay in the form). Every fragment found (``_herkenning.find_identifiers``) is
    shown exactly, in a ``<mark>``, field by field in form order."""
    answers = casus_input(text)
    expected = [f.text for spec in casus.TEXT_FIELDS for f in find_identifiers(answers[spec.id])]
    assert [mark.text() for mark in page.root.find_all("mark")] == expected, text


def _check_casus_evaluate(page: Page, text: str) -> None:
    """End to end: the summary's title and question as list items, and the check view.
    (The whole answers are shown only in the form; the views show what was found.)"""
    answers = casus_input(text)
    for key in ("titel", "vraag"):
        if answers[key].strip():
            assert_run(page, answers[key].strip(), text)
    _check_casus_view(page, text)


# --------------------------------------------------------------------------- doelen


def _check_goals_evaluate(page: Page, text: str) -> None:
    """Summary: what is hard as "1. …", the first goal with its area, its first step
    and helper as "goal: …"; list items."""
    line = text[:300].strip()
    name = line or "Doel 1 (nog zonder naam)"
    if line:
        for number in range(1, 5):
            assert_run(page, f"{number}. {line}", text)
        assert_run(page, f"{name}: {line}", text)  # eerste stap, hulp
    if line or text[:5000].strip():
        assert_run(page, f"{name} (maatschappelijk herstel)", text)


# --------------------------------------------------------------------------- evaluatie


def evaluation_answers(role: str, text: str, date: str = "2026-06-01") -> Answers:
    answers: Answers = {"datum": date, "groep": text[:80], "voornaam": text[:60]}
    if role != "client":
        answers["rol"] = SHEETS[role].field("rol").options[0].value
    for number, theme in enumerate(THEMES):
        for index, field_id in enumerate(theme.statement_ids()):
            answers[field_id] = "?" if index == 2 else str(1 + (number + index) % 5)
        answers[theme.better_id] = text[:2000]
    return answers


def _check_evaluation_summary(page: Page, text: str) -> None:
    """Summary: "Wat kan beter: …" with the whole answer, for every theme."""
    better = text[:2000].strip()
    if better:
        assert page.texts.count(f"Wat kan beter: {better}") == len(THEMES), text


def _overview_args(text: str) -> dict[str, Any]:
    def document(role: str, worksheet: str | None = None) -> str:
        data = new_document(SHEETS[role], evaluation_answers(role, text), "2026-06-01T10:00")
        if worksheet is not None:
            data["worksheet"] = worksheet
        return json.dumps(data)

    client = document("client")
    files = [{"name": text, "size": len(client), "text": client},
             {"name": text + " (naaste)", "size": 1, "text": document("naaste")},
             {"name": text + " kopie", "size": 1, "text": client},
             {"name": "", "size": 1, "text": document("client", worksheet=text)}]
    saved = {"id": text, "version": 1, "group": text[:80], "date": "2025-12-01",
             "saved_at": "2025-12-01T12:00", "respondents": {"client": 1},
             "scores": {"gehoord": {"client": {"mean": 3.0, "answers": 3}}},
             "actiepunten": {"gehoord": text}}
    return {"files": files, "set": "", "compare": "", "rounds": [saved],
            "actiepunten": {"gehoord": text}, "today": "2026-06-02"}


def _render_overview(text: str) -> str:
    result = json.loads(combine(json.dumps(_overview_args(text))))
    return result["files_html"] + result["html"] + result["rounds_html"]


def _check_overview(page: Page, text: str) -> None:
    """Overview (``combine``, several roles' answer files):

    * files: each file's name (white space collapsed, at most 120 characters, the
      overview's limit; "Bestand N" if empty) in the list and in its button's
      aria-label; the duplicate names the first file; a refused file quotes the
      worksheet id it claims (first 60 characters);
    * result: the group in the heading and the chart's ``<title>``; per answer
      "Wat kan beter?" the paragraphs read together equal the answer (blocks split
      on blank lines, see :func:`paragraphs_of`), with "— cliënt, first name";
      the action points in the textarea exactly; the earlier round's action points
      as paragraphs;
    * rounds: the saved round's group in its label and button, its id as data.
    """
    raw_names = [text, text + " (naaste)", text + " kopie", ""]
    names = [words(raw)[:120] or f"Bestand {i + 1}" for i, raw in enumerate(raw_names)]
    items = page.root.find_all("li", class_="rg-eval-file")
    assert [li.find("span", class_="rg-eval-file-name").text() for li in items] == names, text
    assert [li.find("button").get("aria-label") for li in items] == \
        [f"Weghalen: {name}" for name in names], text
    assert f"als ‘{names[0]}’." in items[2].find("span", class_="rg-eval-file-status").text()
    if text not in {f"evaluatie-{role}" for role in SHEETS}:
        assert f"(‘{text[:60]}’)" in items[3].find("span", class_="rg-eval-file-status").text()

    group = words(text[:80]) or "(geen naam van de groep)"
    assert page.root.find("h3", id="eval-groep").text() == f"{group} · 1 juni 2026", text
    title = page.root.find("svg", class_="rg-eval-chart").find("title").text()
    assert title == f"Scores van {group}, 1 juni 2026", text
    block = page.root.find("div", data_theme="gehoord")
    better = text[:2000].strip()
    answers = block.find_all("li")
    assert len(answers) == (2 if better else 0), text
    first_name = words(text[:60])
    for li, who in zip(answers, ("— cliënt", "— naaste"), strict=False):
        shown = [p for p in li.find_all("p") if p.get("class") is None]
        assert "\n\n".join(p.text() for p in shown) == paragraphs_of(better), text
        attribution = li.find("p", class_="rg-eval-who").text()
        assert attribution.startswith(f"{who}, {first_name}" if first_name else who), text
    assert block.find("textarea").text() == text[:2000], text
    if text[:5000].strip():
        earlier = [p for p in block.find("div", class_="rg-eval-earlier").find_all("p")
                   if p.get("class") is None]
        assert "\n\n".join(p.text() for p in earlier) == paragraphs_of(text[:5000]), text

    label = f"{text[:80] or '(geen naam van de groep)'} · 1 december 2025 · 1 persoon"
    saved = page.root.find("li", class_="rg-eval-round")
    assert saved.find("span").text() == label, text
    button = saved.find("button")
    assert button.get("aria-label") == f"Ronde verwijderen: {label}", text
    assert button.get("data-round-id") == text[:300], text


# --------------------------------------------------------------------------- others

PLANNER_TEMPLATE = {"vorm": "regievraag", "duur": "90", "stap": "stap2", "datum": "2026-05-12",
                    "extra_vragen": ["", ""]}


def _check_planner(page: Page, text: str) -> None:
    """Plan and summary: the line under the format ends with the place and the
    group; each role names its person "Role (name): task"; the own question is a
    list item. (White space collapsed; the private notes are not shown.)"""
    place = " · ".join(v for v in (words(text[:120]), words(text[:80])) if v)
    lines = [t for t in page.texts if t.startswith("90 minuten · 12 mei 2026")]
    assert len(lines) == 2 and all(line.endswith(place) for line in lines), (text, lines)
    name = words(text[:80])
    if name:
        for role in ("Gespreksleider", "Casusinbrenger", "Tijdbewaker"):
            assert any(t.startswith(f"{role} ({name}): ") for t in page.texts), (text, role)
    if words(text[:200]):
        assert_run(page, words(text[:200]), text)


def _check_team(page: Page, text: str) -> None:
    """Chart and table: the team's name in the chart's ``<title>`` and ``<desc>`` and
    in the legend ("Jullie: name"); counts are read as numbers, not shown as text."""
    team = text[:80].strip() or "Jullie team"
    assert_run(page, f"Staafdiagram: {team} naast de {PILOT_NAME}", text)
    assert_run(page, f"Jullie: {team}", text)
    assert f"{team} " in page.root.find("desc", id="rg-team-chart-desc").text(), text


# --------------------------------------------------------------------------- the paths


@dataclass(frozen=True)
class ViewPath:
    render: Callable[[str], str]
    check: Callable[[Page, str], None]


def _sheet_evaluate(sheet_id: str, template: Answers,
                    uses: dict[str, Answers] | None = None) -> Callable[[str], str]:
    def render(text: str) -> str:
        context = {k: fill(SHEET[k], v, text) for k, v in (uses or {}).items()}
        return evaluated(sheet_id, fill(SHEET[sheet_id], template, text), context)
    return render


#: One path per call the page makes. Each ``evaluate`` path renders the summary
#: and every view of its worksheet once and checks each view with its own
#: ``_check_*`` function; that is cheaper than rendering the views one by one.
PATHS: dict[str, ViewPath] = {
    "resources: evaluate (summary, map, table, goals)": ViewPath(
        _render_resources_evaluate, _check_resources_evaluate),
    "resources: versions": ViewPath(_render_resources_versions, _check_resources_versions),
    "bijeenkomst: evaluate (summary, proposal, agenda, people)": ViewPath(
        _render_meeting_evaluate, _check_meeting_evaluate),
    "bijeenkomst: versions": ViewPath(_render_meeting_versions, _check_meeting_versions),
    "casus: evaluate (summary, check view)": ViewPath(
        _sheet_evaluate("casus", SHEET["casus"].example), _check_casus_evaluate),
    "doelen: evaluate (summary)": ViewPath(_sheet_evaluate("doelen", SHEET["doelen"].example),
                                           _check_goals_evaluate),
    **{f"evaluatie-{role}: evaluate (summary)": ViewPath(
        lambda s, role=role: evaluated(f"evaluatie-{role}", evaluation_answers(role, s), {}),
        _check_evaluation_summary) for role in SHEETS},
    "evaluatie-overzicht: combine (files, result, rounds)": ViewPath(_render_overview,
                                                                     _check_overview),
    "sessieplanner: evaluate (summary, plan)": ViewPath(
        _sheet_evaluate("sessieplanner", PLANNER_TEMPLATE), _check_planner),
    "teamreflectie: evaluate (summary, chart, table)": ViewPath(
        _sheet_evaluate("teamreflectie", SHEET["teamreflectie"].example), _check_team),
}


@cache
def allowed(name: str) -> Vocabulary:
    return vocabulary(PATHS[name].render)


def assert_view_literal(name: str, text: str) -> None:
    path = PATHS[name]
    path.check(assert_safe(path.render(text), allowed(name), text), text)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_view_shows_user_text_literally(name: str) -> None:
    allowed(name)

    @settings(checked, max_examples=VIEW_EXAMPLES)
    @given(text=user_text)
    def check(text: str) -> None:
        assert_view_literal(name, text)

    check()


@pytest.mark.parametrize("name", sorted(PATHS))
def test_known_payloads_in_every_view(name: str) -> None:
    for text in HOSTILE + NAUGHTY[:50]:
        assert_view_literal(name, text)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_benign_text_passes_the_literal_checks(name: str) -> None:
    """The literal checks are not vacuous: a benign text is found where they look."""
    for text in BENIGN:
        assert_view_literal(name, text)


def test_every_worksheet_has_an_end_to_end_path() -> None:
    covered = {name.split(":")[0] for name in PATHS if ": evaluate" in name}
    assert covered == set(SHEET)


def test_the_checker_catches_markup() -> None:
    """The looser checker fails for renderers that do not escape, escape only
    attribute quotes badly, put user text into a URL, or alter or lose the text;
    and it passes an escaping renderer."""
    def literal(page: Page, text: str) -> None:
        assert_run(page, text, text)

    def verdict(render: Callable[[str], str], text: str) -> None:
        literal(assert_safe(render(text), vocabulary(render, ("BENIGN",)), text), text)

    raw = lambda s: f'<svg><title>{s}</title><text x="1">{s}</text></svg>'  # noqa: E731
    quotes = lambda s: f'<li aria-label="{escape(s, quote=False)}">{escape(s)}</li>'  # noqa: E731
    url = lambda s: f'<a href="{escape(s)}">{escape(s)}</a>'  # noqa: E731
    twice = lambda s: f"<p>{escape(escape(s))}</p>"  # noqa: E731
    cut = lambda s: f"<p>{escape(s[:10])}</p>"  # noqa: E731
    for render, text in ((raw, "<script>alert(1)</script>"), (raw, "<!-- x -->"),
                         (raw, "</title><desc>x</desc>"), (raw, "<![CDATA[x]]>"),
                         (quotes, '" onmouseover="alert(1)'), (quotes, '" class="x'),
                         (url, "javascript:alert(1)"), (twice, "a & b"), (cut, "a" * 20)):
        with pytest.raises(AssertionError):
            verdict(render, text)
    for text in HOSTILE:
        verdict(lambda s: f'<p title="{escape(s)}">{escape(s)}</p>', text)
