"""User text through the network map's and the meeting's views: shown literally, never markup.

The other worksheets' views: ``test_render_safety_views_other.py``; the checker
and the normalization the literal checks allow for: ``tests/viewcheck.py``.

``test_render_safety`` covers the engine's generic paths with a strict checker
(same elements and attributes as for a benign string). The worksheets' views
cannot be checked that way: their layout depends on the text (a long name on
the network map is cut and may move to the number list, an empty name becomes
"Persoon 1", a typed time becomes a clock time, answers split into paragraphs,
a case text gets a table of findings). So every path here is checked with
:func:`assert_safe` plus a precise, per-path description of where the user
text must come back (see each ``_check_*`` function).

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
from dataclasses import dataclass
from functools import lru_cache

from tests.viewcheck import SHEET, Page, ViewPath, assert_run, evaluated, fill, view_tests, words
from worksheets import _bijeenkomst as meeting
from worksheets import bijeenkomst
from worksheets._netwerkkaart import LABEL_CHARS
from worksheets.engine import bridge
from worksheets.engine.documents import normalize
from worksheets.engine.schema import Answers

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


NO_AGENDA_TEMPLATE = {**MEETING_TEMPLATE, "agenda": []}


def _render_meeting_take_over(text: str) -> str:
    _, raw = meeting_input(text, NO_AGENDA_TEMPLATE)
    return evaluated("bijeenkomst", fill(SHEET["bijeenkomst"], NO_AGENDA_TEMPLATE, text), raw)


def _check_meeting_take_over(page: Page, text: str) -> None:
    """No own agenda yet: the proposal as above, and the button that takes it over
    carries blocks the agenda field accepts, the goal's point among them (its title
    as the chosen point, or, too long for a choice, as the block's own text)."""
    _check_proposal(page, text)
    button = page.root.find("button", data_rg_action="fill-field")
    blocks = json.loads(button.get("data-rg-value") or "")
    assert bijeenkomst.MY_AGENDA.problems(blocks) == []
    goal = text[:300].strip()
    if goal:
        title = f"Doel: {goal}"
        assert ({"onderwerp": title, "eigen": ""} if len(title) <= 300
                else {"onderwerp": "", "eigen": title[:200]}) in [
            {"onderwerp": b["onderwerp"], "eigen": b["eigen"]} for b in blocks]


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


# --------------------------------------------------------------------------- the paths

#: One path per call the page makes. Each ``evaluate`` path renders the summary
#: and every view of its worksheet once and checks each view with its own
#: ``_check_*`` function; that is cheaper than rendering the views one by one.
PATHS: dict[str, ViewPath] = {
    "resources: evaluate (summary, map, table, goals)": ViewPath(
        _render_resources_evaluate, _check_resources_evaluate),
    "resources: versions": ViewPath(_render_resources_versions, _check_resources_versions),
    "bijeenkomst: evaluate (summary, proposal, agenda, people)": ViewPath(
        _render_meeting_evaluate, _check_meeting_evaluate),
    "bijeenkomst: evaluate without an own agenda (proposal to take over)": ViewPath(
        _render_meeting_take_over, _check_meeting_take_over),
    "bijeenkomst: versions": ViewPath(_render_meeting_versions, _check_meeting_versions),
}

test_view_shows_user_text_literally, test_known_payloads_in_every_view, \
    test_benign_text_passes_the_literal_checks = view_tests(PATHS)
