"""The HTML views of "Resources in kaart": map, table, goals and changes.

Everything is built with :func:`engine.html.el`, so names and notes the
client typed are always escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._kaart_svg import legend, map_svg
from ._netwerk import (
    KIND_LABEL,
    RINGS,
    SECTORS,
    Changes,
    GoalLinks,
    Person,
    nominated_label,
    ring_label,
    sector_name,
    status_label,
    with_relation,
)
from ._netwerkkaart import Layout
from .engine.html import Safe, el, join

GOALS_HREF = "../doelen/"


def _names(persons: Sequence[Person]) -> str:
    return ", ".join(p.display_name for p in persons)


def map_view(layout: Layout) -> Safe:
    """The SVG map with its legend, and who is not (fully) on it."""
    # On a phone the map is wider than the screen, so its names stay readable; the
    # box scrolls sideways (also with the arrow keys once it has focus).
    box = {"class": "rg-kaart", "tabindex": "0", "role": "region",
           "aria-label": "Netwerkkaart, schuif opzij om alles te zien"}
    parts: list[object] = [el("div", box, map_svg(layout)), legend(),
                           el("p", {"class": "rg-muted"},
                              "Het nummer bij iemand is het nummer in het formulier en in de "
                              "tabel hieronder. In de tabel staat ook alles wat op de kaart "
                              "staat. Op een telefoon is de kaart breder dan je scherm: "
                              "schuif hem opzij met je vinger.")]
    numbered = layout.numbered_only()
    if numbered:
        parts.append(el("p", {}, "Waar het vol is, staat op de kaart alleen een nummer:"))
        parts.append(el("ul", {"class": "rg-kaart-nummers"},
                        [el("li", {}, f"{p.number}. {p.display_name}") for p in numbered]))
    if layout.unplaced:
        parts.append(el("p", {"class": "rg-muted"},
                        "Nog niet op de kaart, want de sector of hoe dichtbij ontbreekt: ",
                        _names(layout.unplaced), "."))
    if not layout.markers and not layout.unplaced:
        parts.insert(0, el("p", {}, "Vul hierboven een naam in, kies een sector en hoe "
                                    "dichtbij iemand is. Dan komt die persoon op de kaart."))
    return join(parts)


# --------------------------------------------------------------------------- table

COLUMNS: tuple[tuple[str, str], ...] = (
    ("nummer", "Nr."),
    ("naam", "Naam"),
    ("sector", "Sector"),
    ("nabijheid", "Hoe dichtbij"),
    ("helpt_bij", "Kan helpen bij"),
    ("contact", "Contact"),
    ("groep", "Voor de groep"),
    ("spanning", "Spanning of zorg"),
)
SORTABLE = frozenset({"nummer", "naam", "sector", "nabijheid", "contact", "groep"})
STATUS_ORDER = {"doet_mee": 0, "gevraagd": 1, "nog_niet": 2, "liever_niet": 3}


def _sort_values(person: Person) -> dict[str, object]:
    return {
        "nummer": person.number,
        "naam": person.display_name.casefold(),
        "sector": person.sector_index * 10000 + person.ring_index * 1000 + person.number,
        "nabijheid": person.ring_index * 10000 + person.sector_index * 1000 + person.number,
        "contact": STATUS_ORDER.get(person.status, 9) * 1000 + person.number,
        "groep": {True: 0, None: 1, False: 2}[person.nominated] * 1000 + person.number,
    }


def _cells(person: Person) -> list[object]:
    helps = [*person.goals, *([person.help_text] if person.help_text else [])]
    tension = person.tension or "–"
    if person.tension and person.talk_first:
        tension += " (eerst een gesprek)"
    kind = KIND_LABEL.get(person.kind, "").lower()
    about = " · ".join(part for part in (person.relation, kind) if part)
    return [
        str(person.number),
        el("span", {}, person.display_name,
           [el("br", {}), el("span", {"class": "rg-muted"}, about)] if about else None),
        sector_name(person.sector).replace("Ervaringsdeskundigen", "Ervarings\u00addeskundigen"),
        ring_label(person.ring),
        el("ul", {}, [el("li", {}, h) for h in helps]) if helps else "–",
        status_label(person.status) if person.status else "–",
        nominated_label(person) if person.nominated is not None else "–", tension,
    ]


def _header(key: str, label: str) -> Safe:
    if key not in SORTABLE:
        return el("th", {"scope": "col"}, label)
    return el("th", {"scope": "col"},
              el("button", {"type": "button", "class": "rg-sort", "data-sort-key": key},
                 label, el("span", {"class": "rg-visually-hidden"}, ", sorteer")))


def people_table(persons: Sequence[Person]) -> Safe:
    """Everyone in an accessible, sortable table (also for screen readers)."""
    if not persons:
        return el("p", {"class": "rg-muted"}, "Nog niemand ingevuld.")
    rows = []
    for person in persons:
        values = _sort_values(person)
        cells = []
        for (key, label), text in zip(COLUMNS, _cells(person), strict=True):
            attributes = {"data-sort-value": values.get(key), "data-label": label}
            cells.append(el("th", {"scope": "row", **attributes}, text) if key == "naam"
                         else el("td", attributes, text))
        rows.append(el("tr", {"data-persoon": person.number}, cells))
    return el("div", {"class": "rg-table-wrap", "role": "region", "tabindex": "0",
                      "aria-labelledby": "rg-tabel-titel"},
              el("table", {"class": "rg-mensen", "data-sortable": True},
                 el("caption", {"id": "rg-tabel-titel"},
                    "Iedereen op je kaart. Met de knoppen bovenaan sorteer je, bijvoorbeeld "
                    "op sector of op hoe dichtbij."),
                 el("thead", {}, el("tr", {}, [_header(k, v) for k, v in COLUMNS])),
                 el("tbody", {}, rows)))


# --------------------------------------------------------------------------- goals


def goals_view(links: GoalLinks, have_goals: bool) -> Safe:
    """"Wie helpt bij welk doel", with the goals nobody helps with yet."""
    parts: list[object] = []
    if not have_goals:
        parts.append(el("p", {}, "In deze browser zijn nog geen doelen bewaard. Vul eerst ",
                        el("a", {"href": GOALS_HREF}, "Doelen formuleren"),
                        " in. Daarna kies je hier bij elke persoon bij welk doel die kan "
                        "helpen."))
    if links.helpers:
        parts.append(el("ul", {"class": "rg-goal-links"}, [
            el("li", {}, el("strong", {}, goal), el("br", {}),
               ", ".join(with_relation(p) for p in persons))
            for goal, persons in links.helpers]))
    elif have_goals:
        parts.append(el("p", {}, "Je hebt nog bij niemand gekozen bij welk doel die kan "
                                 "helpen."))
    if links.without_anyone:
        parts += [el("h3", {}, "Doelen waarbij nog niemand staat"),
                  el("ul", {}, [el("li", {}, goal) for goal in links.without_anyone]),
                  el("p", {"class": "rg-muted"},
                     "Wie zou hierbij kunnen helpen? Denk ook aan iemand die je nog niet "
                     "op de kaart hebt gezet.")]
    if links.former_goals:
        parts += [el("h3", {}, "Doelen die niet meer in je doelenlijst staan"),
                  el("ul", {}, [el("li", {}, goal, ": ", _names(persons))
                                for goal, persons in links.former_goals])]
    if links.other_help:
        parts += [el("h3", {}, "Andere hulp, in je eigen woorden"),
                  el("ul", {}, [el("li", {}, p.display_name, ": ", p.help_text)
                                for p in links.other_help])]
    return join(parts)


def goal_lines(links: GoalLinks) -> list[str]:
    """The goal links as text lines, for the PDF."""
    return [f"{goal}: {', '.join(with_relation(p) for p in persons)}"
            for goal, persons in links.helpers]


# --------------------------------------------------------------------------- prompts


def prompts_view(persons: Sequence[Person]) -> Safe:
    """Questions that help to think of people, for every slice that is still empty."""
    used = {p.sector for p in persons}
    empty = [s for s in SECTORS if s.value not in used]
    intro = ("Denk je dat je niemand hebt? Dat denken veel mensen. Vaak is er toch iemand: "
             "een buurman, iemand van een club, een oud-collega of een lotgenoot. "
             "Deze vragen helpen je op weg." if len(persons) < 4 else
             "Bij deze sectoren staat nog niemand. Misschien helpen deze vragen je.")
    return join(
        el("p", {}, intro),
        [el("div", {"class": "rg-prompt"}, el("h3", {}, s.label),
            el("ul", {}, [el("li", {}, q) for q in s.prompts])) for s in empty],
    )


# --------------------------------------------------------------------------- changes


def _move(a: Person, b: Person) -> str:
    return f"{b.display_name}: van {ring_label(a.ring).lower()} naar {ring_label(b.ring).lower()}"


def changes_html(changes: Changes) -> Safe:
    """What changed between two versions, in short lists."""
    if changes.empty():
        return el("p", {}, "Er is niets veranderd aan wie er op je kaart staat.")
    blocks = [
        ("Nieuw op de kaart", [with_relation(p) for p in changes.joined]),
        ("Dichterbij gekomen", [_move(a, b) for a, b in changes.closer]),
        ("Verder weg", [_move(a, b) for a, b in changes.further]),
        ("In een andere sector", [f"{b.display_name}: van {sector_name(a.sector)} naar "
                                  f"{sector_name(b.sector)}" for a, b in changes.moved_sector]),
        ("Die je nu ook wilt vragen voor je resourcegroep",
         [p.display_name for p in changes.nominated]),
        ("Die je niet meer wilt vragen voor je resourcegroep",
         [p.display_name for p in changes.no_longer_nominated]),
        ("Contact veranderd", [f"{b.display_name}: {status_label(a.status).lower()} → "
                               f"{status_label(b.status).lower()}" for a, b in changes.status]),
        ("Niet meer op de kaart", [with_relation(p) for p in changes.left]),
    ]
    return join([el("div", {"class": "rg-change"}, el("h3", {}, title),
                    el("ul", {}, [el("li", {}, line) for line in lines]))
                 for title, lines in blocks if lines])


def ring_counts(persons: Sequence[Person]) -> list[str]:
    """"Heel dichtbij: 3 (Anna, Mo, Eva)" per ring, for the summary."""
    lines = []
    for value, label in RINGS:
        here = [p for p in persons if p.ring == value]
        if here:
            lines.append(f"{label}: {len(here)} ({_names(here)})")
    return lines
