"""Unit tests for the network map of "Resources in kaart": geometry, labels, SVG, table,
goal links, comparison of versions, and the PDF drawing (vector only)."""

from __future__ import annotations

import io
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from worksheets import _netwerkkaart as geo
from worksheets._kaart_svg import map_svg, summary_text
from worksheets._netwerk import (
    RINGS,
    SECTORS,
    compare,
    goal_links,
    goal_texts,
    name_key,
    people,
)
from worksheets._netwerk_html import changes_html, goals_view, map_view, people_table
from worksheets.engine.pdf import PdfDocument, font_path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"
SECTOR_VALUES = [s.value for s in SECTORS]
RING_VALUES = [value for value, _ in RINGS]
FIRST = ("Anna", "Bram", "Chantal", "Dirk", "Esra", "Fleur", "Gijs", "Hanna", "Ilse", "Joost",
         "Kim", "Lars", "Mila", "Noah", "Olga", "Pim", "Roos", "Sem", "Tess", "Umar", "Vera",
         "Wout", "Xander", "Yara", "Zeynep", "Ahmed", "Bo", "Daan", "Eline", "Finn")
HOSTILE = ('<script>alert(1)</script>', '" onmouseover="x', "Zoë & <b>Özil</b>")


def person(name: str, sector: str = "", ring: str = "", **extra: Any) -> dict[str, Any]:
    return {"naam": name, "sector": sector, "nabijheid": ring, **extra}


def realistic() -> list[dict[str, Any]]:
    return [
        person("Anna", "familie", "heel_dichtbij", relatie="zus", voorgedragen=True,
               contact="doet_mee", helpt_bij=["Ik wil weer zwemmen"]),
        person("Mama", "familie", "dichtbij", spanning="Oude ruzie over geld.",
               gesprek_eerst=True),
        person("Oom Kees", "familie", "verder_weg"),
        person("Mo", "vrienden", "heel_dichtbij", voorgedragen=True),
        person("Sanne", "vrienden", "dichtbij"),
        person("Buurvrouw Ria", "buurt", "dichtbij", voorgedragen=True),
        person("Henk", "buurt", "verder_weg"),
        person("Fatima", "werk", "dichtbij", soort="informeel"),
        person("Leidinggevende Peter", "werk", "verder_weg", soort="formeel",
               spanning="Hij begrijpt het niet."),
        person("Ervaringsdeskundige Linda", "ervaring", "dichtbij", soort="formeel"),
        person("Maatje Bas", "ervaring", "verder_weg"),
        person("Casemanager Eva", "ggz", "heel_dichtbij", voorgedragen=True),
        person("Dr. Yilmaz", "ggz", "verder_weg"),
        person("Buurtteam Karin", "sociaal", "dichtbij"),
        person("Schuldhulp", "sociaal", "verder_weg"),
    ]


def dense() -> list[dict[str, Any]]:
    """60 people: 30 in the family slice (10 per ring), 30 spread over the others."""
    items = [person(f"{FIRST[i]} {'van der Berg' if i % 4 == 0 else 'Jansen'}", "familie",
                    RING_VALUES[i % 3], voorgedragen=i % 5 == 0)
             for i in range(30)]
    items += [person(f"Persoon {i}", SECTOR_VALUES[1 + i % 6], RING_VALUES[(i // 6) % 3],
                     soort="formeel" if i % 2 else "informeel") for i in range(30)]
    return items


def crowded_ring() -> list[dict[str, Any]]:
    """30 people in one slice and one ring: the ring has to grow."""
    return [person(f"{FIRST[i]} Jansen", "familie", "heel_dichtbij") for i in range(30)]


FIXTURES = {"realistic": realistic, "dense": dense, "crowded_ring": crowded_ring}


def plan_of(items: list[dict[str, Any]]) -> geo.Layout:
    return geo.layout(people({"personen": items}))


# --------------------------------------------------------------------------- geometry


def check_layout(plan: geo.Layout, expected_people: int) -> None:
    """Every invariant the map promises."""
    assert len(plan.markers) == expected_people
    assert len({m.person.number for m in plan.markers}) == expected_people
    for marker in plan.markers:
        p = marker.person
        distance = math.hypot(marker.x, marker.y)
        inner, outer = plan.radii[p.ring_index], plan.radii[p.ring_index + 1]
        assert inner <= distance - marker.r and distance + marker.r <= outer, p
        start, end = geo.sector_span(p.sector_index)
        angle = (math.atan2(marker.y, marker.x) - start) % (2 * math.pi)
        assert 0 <= angle <= end - start, p
        # The whole marker is inside the slice: far enough from both borders.
        assert distance * math.sin(angle) >= marker.r, p
        assert distance * math.sin(end - start - angle) >= marker.r, p
    for i, a in enumerate(plan.markers):
        for b in plan.markers[i + 1:]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= 2 * a.r, (a.person, b.person)
    labels = list(plan.labels.items())
    for i, (number, label) in enumerate(labels):
        for other_number, other in labels[i + 1:]:
            assert not label.box.overlaps(other.box), (number, other_number)
        for marker in plan.markers:
            if marker.person.number != number:
                assert not label.box.overlaps(marker.box), (number, marker.person.number)
        for title in plan.titles:
            assert not label.box.overlaps(title.box), number
        for ring_label in plan.ring_labels:
            assert not label.box.overlaps(ring_label.box), number
        assert math.hypot(label.box.x0, label.box.y0) <= plan.outer + 2
        assert plan.view.x0 <= label.box.x0 and label.box.x1 <= plan.view.x1
    titles = plan.titles
    for i, title in enumerate(titles):
        for other in titles[i + 1:]:
            assert not title.box.overlaps(other.box)
        assert plan.view.x0 <= title.box.x0 and title.box.x1 <= plan.view.x1
        assert plan.view.y0 <= title.box.y0 and title.box.y1 <= plan.view.y1


@pytest.mark.parametrize("name", FIXTURES)
def test_everyone_in_their_slice_and_ring_and_no_labels_overlap(name: str) -> None:
    items = FIXTURES[name]()
    check_layout(plan_of(items), len(items))


def test_realistic_map_names_everyone() -> None:
    plan = plan_of(realistic())
    assert plan.numbered_only() == []
    assert {label.lines[0] for label in plan.labels.values()} >= {"Anna", "Mama", "Henk"}


def test_dense_map_labels_most_and_numbers_the_rest() -> None:
    plan = plan_of(dense())
    numbered = plan.numbered_only()
    assert len(plan.labels) >= 25
    assert len(plan.labels) + len(numbered) == 60
    assert [p.number for p in numbered] == sorted(p.number for p in numbered)
    # Lonely people are never the ones without a name on the map.
    others = {m.person.number for m in plan.markers if m.person.sector != "familie"}
    assert len(others & set(plan.labels)) >= 20


def test_rings_grow_only_when_needed() -> None:
    base = plan_of(realistic()).radii
    assert base == pytest.approx(plan_of([]).radii)
    grown = plan_of(crowded_ring()).radii
    assert grown[1] - grown[0] > base[1] - base[0]
    assert grown[2] - grown[1] == pytest.approx(base[2] - base[1])


def test_layout_is_stable_when_a_name_changes() -> None:
    items = realistic()
    before = {m.person.number: (m.x, m.y) for m in plan_of(items).markers}
    items[2]["naam"] = "Oom Kees uit Rotterdam"
    after = {m.person.number: (m.x, m.y) for m in plan_of(items).markers}
    assert before == after


def test_people_without_sector_or_ring_are_not_placed() -> None:
    plan = plan_of([person("Anna", "familie", ""), person("Bram", "", "dichtbij"),
                    person("Chantal", "vrienden", "dichtbij"), {"naam": ""}])
    assert [m.person.name for m in plan.markers] == ["Chantal"]
    assert [p.name for p in plan.unplaced] == ["Anna", "Bram"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SECTOR_VALUES), st.sampled_from(RING_VALUES),
                          st.text(min_size=1, max_size=30), st.booleans()),
                max_size=60))
def test_any_network_keeps_the_promises(rows: list[tuple[str, str, str, bool]]) -> None:
    items = [person(name if name.strip() else "x", sector, ring, voorgedragen=nominated)
             for sector, ring, name, nominated in rows]
    check_layout(plan_of(items), len(items))


def test_text_width_estimate_is_never_too_small() -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_font("A", "B", str(font_path(FONTS, "AtkinsonHyperlegible_700Bold.ttf")))
    pdf.set_font("A", "B", 100)
    for text in ("Anna", "WWWMMM", "mmmmmm", "Ome Wim", "Ervaringsdeskundige", "Zoë Özil",
                 "1234567890", "iiiilll", "Casemanager Eva", "ÅÉÎÕÜ"):
        assert geo.text_width(text, 100) >= pdf.get_string_width(text), text


def test_long_names_are_shortened_on_the_map() -> None:
    plan = plan_of([person("Meneer van der Berg-Hoogeveen de Tweede", "buurt", "verder_weg")])
    (label,) = plan.labels.values()
    assert label.lines[0].endswith("…") and len(label.lines[0]) <= geo.LABEL_CHARS


# --------------------------------------------------------------------------- SVG


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_svg_shows_everyone_with_shapes_stars_and_tension() -> None:
    svg = map_svg(plan_of(realistic()))
    parsed = parse(svg)
    root = parsed.found[0]
    assert root[0] == "svg" and root[1]["role"] == "img"
    assert root[1]["aria-labelledby"] == "rg-kaart-titel rg-kaart-uitleg"
    assert re.fullmatch(r"-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+", root[1]["viewbox"] or "")
    groups = [attrs for tag, attrs in parsed.found if tag == "g" and "data-persoon" in attrs]
    assert len(groups) == 15
    shapes = {attrs["data-persoon"]: attrs["data-vorm"] for attrs in groups}
    assert shapes["9"] == "vierkant" and shapes["8"] == "rond"
    assert shapes["12"] == "vierkant"  # no choice made: a ggz professional is formal
    assert sum(attrs.get("data-voorgedragen") == "ja" for attrs in groups) == 4
    tension = [attrs for tag, attrs in parsed.found if tag == "line" and attrs.get("data-spanning")]
    assert len(tension) == 2 and all(a["stroke-dasharray"] for a in tension)
    assert "style" not in svg  # the CSP allows no inline styles
    text = " ".join(parsed.text)
    for name in ("Anna", "Casemanager Eva", "Familie", "Heel dichtbij", "Ik"):
        assert name in text


def test_svg_without_tension_has_no_dashed_lines() -> None:
    svg = map_svg(plan_of(realistic()), show_tension=False)
    assert "data-spanning" not in svg and "stroke-dasharray" not in svg
    assert "Spanning" not in summary_text(plan_of(realistic()), False)


def test_svg_description_summarises_the_map() -> None:
    text = summary_text(plan_of(realistic()), True)
    assert text.startswith("Jij staat in het midden. Op de kaart staan 15 mensen.")
    assert "Familie: 3 (1 heel dichtbij, 1 dichtbij, 1 verder weg)." in text
    assert "Voor je resourcegroep: 4." in text and "Spanning in het contact: 2." in text
    assert summary_text(plan_of([]), True).startswith("Er staat nog niemand op de kaart")
    assert summary_text(plan_of(realistic()[:1]), True).startswith(
        "Jij staat in het midden. Op de kaart staat 1 persoon.")


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_escaped_everywhere(name: str) -> None:
    items = [person(name, "familie", "dichtbij", relatie=name, spanning=name,
                    helpt_bij=[name], helpt_bij_tekst=name)]
    persons = people({"personen": items})
    html = (map_view(geo.layout(persons)) + people_table(persons)
            + goals_view(goal_links(persons, [name]), True))
    parsed = parse(html)
    tags = {tag for tag, _ in parsed.found}
    assert "script" not in tags and "b" not in tags
    assert all("onmouseover" not in attrs for _, attrs in parsed.found)
    assert name in "".join(parsed.text)
    assert "<script>" not in html


# --------------------------------------------------------------------------- table


def test_table_is_accessible_and_sortable() -> None:
    persons = people({"personen": realistic()})
    html = people_table(persons)
    parsed = parse(html)
    tags = [tag for tag, _ in parsed.found]
    assert tags.count("tr") == 16 and "caption" in tags
    table = next(attrs for tag, attrs in parsed.found if tag == "table")
    assert "data-sortable" in table
    keys = [attrs["data-sort-key"] for tag, attrs in parsed.found if tag == "button"]
    assert {"sector", "nabijheid", "naam"} <= set(keys)
    headers = [attrs for tag, attrs in parsed.found if tag == "th"]
    assert all(h.get("scope") in ("col", "row") for h in headers)
    assert sum(h.get("scope") == "row" for h in headers) == 15
    region = parsed.found[0][1]
    assert region["role"] == "region" and region["tabindex"] == "0"


def test_table_sort_values_order_by_sector_then_ring() -> None:
    persons = people({"personen": realistic()})
    parsed = parse(people_table(persons))
    cells = [attrs for tag, attrs in parsed.found if tag in ("td", "th")
             and attrs.get("data-label") == "Sector"]
    values = [int(c["data-sort-value"] or 0) for c in cells]
    names = [p.name for _, p in sorted(zip(values, persons, strict=True), key=lambda x: x[0])]
    assert names[:3] == ["Anna", "Mama", "Oom Kees"]
    assert names[-1] == "Schuldhulp"
    ring_cells = [int(attrs["data-sort-value"] or 0) for tag, attrs in parsed.found
                  if attrs.get("data-label") == "Hoe dichtbij"]
    closest = [p.name for v, p in sorted(zip(ring_cells, persons, strict=True),
                                         key=lambda x: x[0])][:4]
    assert closest == ["Anna", "Mo", "Casemanager Eva", "Mama"]


def test_empty_table_says_so() -> None:
    assert "Nog niemand ingevuld." in people_table([])


# --------------------------------------------------------------------------- goals

GOALS_CONTEXT = {"doelen": {"doelen": [
    {"doel": "Ik wil weer zwemmen"}, {"doel": "  Ik wil mijn post   op orde "},
    {"doel": ""}, {"doel": "ik wil weer zwemmen"}, {"doel": "Ik wil werk vinden"}]}}


def test_goal_texts_come_from_the_goals_worksheet_without_repeats() -> None:
    assert goal_texts(GOALS_CONTEXT) == ["Ik wil weer zwemmen", "Ik wil mijn post op orde",
                                         "Ik wil werk vinden"]
    assert goal_texts({}) == [] and goal_texts(None) == []
    assert goal_texts({"doelen": {"doelen": "kapot"}}) == []


def test_goal_links_name_helpers_and_goals_without_anyone() -> None:
    items = [person("Anna", helpt_bij=["Ik wil weer zwemmen", "Oud doel"]),
             person("Mo", helpt_bij=["ik wil WEER zwemmen"], helpt_bij_tekst="Boodschappen"),
             person("Eva", helpt_bij=["Ik wil mijn post op orde"])]
    links = goal_links(people({"personen": items}), goal_texts(GOALS_CONTEXT))
    helpers = {goal: [p.name for p in found] for goal, found in links.helpers}
    assert helpers == {"Ik wil weer zwemmen": ["Anna", "Mo"],
                       "Ik wil mijn post op orde": ["Eva"]}
    assert links.without_anyone == ("Ik wil werk vinden",)
    assert [(goal, [p.name for p in found]) for goal, found in links.former_goals] == [
        ("Oud doel", ["Anna"])]
    assert [p.name for p in links.other_help] == ["Mo"]
    html = goals_view(links, True)
    assert "Doelen waarbij nog niemand staat" in html and "Ik wil werk vinden" in html
    assert "niet meer in je doelenlijst" in html


def test_goals_view_without_goals_points_to_the_goals_worksheet() -> None:
    html = goals_view(goal_links([], []), False)
    assert 'href="../doelen/"' in html and "Doelen formuleren" in html


# --------------------------------------------------------------------------- comparison


def test_compare_finds_joined_left_moved_and_nominated() -> None:
    older = {"personen": [
        person("Anna", "familie", "dichtbij", contact="nog_niet"),
        person("Mo", "vrienden", "heel_dichtbij"),
        person("Henk", "buurt", "verder_weg"),
        person("Eva", "ggz", "dichtbij", voorgedragen=True),
    ]}
    newer = {"personen": [
        person("anna ", "familie", "heel_dichtbij", voorgedragen=True, contact="doet_mee"),
        person("Mo", "vrienden", "verder_weg"),
        person("Eva", "sociaal", "dichtbij", voorgedragen=False),
        person("Ria", "buurt", "dichtbij", voorgedragen=True),
    ]}
    changes = compare(older, newer)
    assert [p.name for p in changes.joined] == ["Ria"]
    assert [p.name for p in changes.left] == ["Henk"]
    assert [b.name for _, b in changes.closer] == ["anna"]
    assert [b.name for _, b in changes.further] == ["Mo"]
    assert [b.name for _, b in changes.moved_sector] == ["Eva"]
    assert [p.name for p in changes.nominated] == ["anna", "Ria"]
    assert [p.name for p in changes.no_longer_nominated] == ["Eva"]
    assert [b.name for _, b in changes.status] == ["anna"]
    html = changes_html(changes)
    for text in ("Nieuw op de kaart", "Dichterbij gekomen", "anna: van dichtbij naar heel "
                 "dichtbij", "Niet meer op de kaart", "Henk",
                 # in the words of the question, not "gevraagd", which is a contact status
                 "Die je nu ook wilt vragen voor je resourcegroep",
                 "Die je niet meer wilt vragen voor je resourcegroep"):
        assert text in html
    assert "gevraagd voor" not in html


def test_compare_same_name_twice_is_matched_in_order() -> None:
    older = {"personen": [person("Kim", "familie", "verder_weg"),
                          person("Kim", "werk", "verder_weg")]}
    newer = {"personen": [person("Kim", "familie", "dichtbij")]}
    changes = compare(older, newer)
    assert [b.sector for _, b in changes.closer] == ["familie"]
    assert [p.sector for p in changes.left] == ["werk"]


def test_compare_without_changes() -> None:
    answers = {"personen": realistic()}
    assert compare(answers, answers).empty()
    assert "niets veranderd" in changes_html(compare(answers, answers))
    assert name_key("  ANNA  de Vries") == "anna de vries"


# --------------------------------------------------------------------------- PDF drawing


def map_pdf(items: list[dict[str, Any]], show_tension: bool = True) -> bytes:
    from worksheets._kaart_pdf import draw_map

    doc = PdfDocument("Netwerkkaart", "test", FONTS)
    draw_map(doc, plan_of(items), show_tension)
    return doc.output()


def page_stream(data: bytes) -> tuple[Any, str]:
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    return page, page.get_contents().get_data().decode("latin-1")


def test_pdf_map_is_vector_graphics_with_names() -> None:
    page, stream = page_stream(map_pdf(realistic()))
    assert len(re.findall(r" c\n", stream)) > 50  # curves: circles and arcs
    assert len(re.findall(r" l\n", stream)) > 100  # lines and polygon edges
    assert re.search(r"\bf\n", stream) and re.search(r"\bB\n", stream)  # fills, fill+stroke
    assert re.search(r"\[[\d. ]+\] [\d.]+ d", stream)  # a dash pattern: tension
    xobjects = page["/Resources"].get("/XObject", {})
    assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    assert " Do" not in stream
    text = page.extract_text()
    for name in ("Anna", "Casemanager Eva", "Familie", "wonen, geld, werk", "Ik"):
        assert name in text


def test_pdf_map_without_tension_has_no_dash_pattern() -> None:
    _, stream = page_stream(map_pdf(realistic(), show_tension=False))
    assert not re.search(r"\[[\d. ]+\] [\d.]+ d", stream)


def test_pdf_map_of_sixty_people_fits_one_page() -> None:
    reader = PdfReader(io.BytesIO(map_pdf(dense())))
    assert len(reader.pages) == 1
