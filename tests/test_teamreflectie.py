"""The worksheet "Voortgang van het team": counts, percentages next to the pilot, chart, hints."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from worksheets import _teamcijfers as figures
from worksheets import teamreflectie
from worksheets.engine import bridge
from worksheets.engine.documents import normalize

ROOT = Path(__file__).resolve().parent.parent
FONTS = str(ROOT / "node_modules/@expo-google-fonts/atkinson-hyperlegible")
SHEET = teamreflectie.WORKSHEET


def answers(**values: object) -> dict:
    return normalize(SHEET, values)


def test_pilot_figures_are_those_of_the_handbook() -> None:
    assert [(m.id, m.pilot) for m in figures.MEASURES] == [
        ("netwerk", 77), ("groep", 66), ("vraag", 64)]
    practice = (ROOT / "content/methode/praktijk.md").read_text(encoding="utf-8")
    for measure in figures.MEASURES:
        assert f"{measure.pilot}%" in practice
    assert "113" in practice and figures.PILOT_CLIENTS == 113
    assert figures.PILOT_NAME == "Pilot Amsterdam 2018–2020"


@pytest.mark.parametrize("text, count", [
    ("12", 12), (" 7 ", 7), ("0", 0), ("1.250", 1250), ("", None), ("-3", None),
    ("2,5", None), ("twaalf", None), ("12 cliënten", None), ("9999999", None), (None, None),
])
def test_parse_count(text: object, count: int | None) -> None:
    assert figures.parse_count(text) == count


@pytest.mark.parametrize("part, whole, percent", [
    (9, 12, 75), (2, 3, 67), (1, 3, 33), (1, 8, 13), (0, 5, 0), (5, 5, 100), (87, 113, 77),
])
def test_percentages_round_halves_up(part: int, whole: int, percent: int) -> None:
    assert figures.percentage(part, whole) == percent


def test_team_figures_next_to_the_pilot() -> None:
    started, found = figures.team_figures(answers(gestart="12", netwerk="9", groep="7",
                                                  vraag=""))
    assert started == 12
    assert [(f.measure.id, f.count, f.percent, f.difference) for f in found] == [
        ("netwerk", 9, 75, -2), ("groep", 7, 58, -8), ("vraag", None, None, None)]
    assert [figures.difference_text(f) for f in found] == [
        "2 procentpunt lager", "8 procentpunt lager", "–"]


def test_impossible_counts_give_no_percentage() -> None:
    _, found = figures.team_figures(answers(gestart="5", netwerk="6", groep="0", vraag="x"))
    assert [(f.count, f.percent) for f in found] == [(6, None), (0, 0), (None, None)]
    _, none_started = figures.team_figures(answers(gestart="0", netwerk="0"))
    assert none_started[0].percent is None


def hint_map(**values: object) -> dict[str, str]:
    return {h.path: h.message for h in SHEET.hints(answers(**values))}


def test_hints_for_impossible_counts() -> None:
    assert hint_map() == {}
    assert hint_map(gestart="20", netwerk="15", groep="12", vraag="10") == {}
    more = hint_map(gestart="10", netwerk="12", groep="11", vraag="3")
    assert "meer dan het aantal cliënten waarmee jullie begonnen (10)" in more["netwerk"]
    assert "meer dan het aantal" in more["groep"]
    question = hint_map(gestart="20", netwerk="5", vraag="8")
    assert "alleen een vraag oppakken als het betrokken is" in question["vraag"]
    groups = hint_map(gestart="20", netwerk="5", groep="8")
    assert "alleen uit professionals en vrijwilligers" in groups["groep"]
    both = hint_map(gestart="6", netwerk="4", vraag="7")["vraag"]  # one hint per field
    assert both.startswith("Dit is meer dan het aantal") and "betrokken netwerk (4)" in both
    assert "heel getal" in hint_map(gestart="12,5")["gestart"]
    assert "geen percentage" in hint_map(gestart="0", netwerk="2")["gestart"]


def test_few_clients_get_a_general_note() -> None:
    general = [h.message for h in SHEET.hints(answers(gestart="6", netwerk="4")) if not h.path]
    assert general and general[0].startswith("Met 6 cliënten zegt een percentage nog weinig")
    general = [h.message for h in SHEET.hints(answers(gestart="1", netwerk="1")) if not h.path]
    assert general and general[0].startswith("Met 1 cliënt zegt een percentage nog weinig")


def test_one_client_is_singular_in_the_table() -> None:
    started, found = figures.team_figures(answers(gestart="1", netwerk="1"))
    assert "Percentages van de ene cliënt waarmee jullie begonnen." in figures.figures_table(
        started, found)
    started, found = figures.team_figures(answers(gestart="7", netwerk="1"))
    assert "Percentages van de 7 cliënten waarmee" in figures.figures_table(started, found)


def test_chart_is_valid_svg_with_the_numbers_and_escaped_names() -> None:
    views = SHEET.views(answers(team="Team <Noord>", gestart="12", netwerk="9", groep="7",
                                vraag="10"), {})
    assert [v.id for v in views] == ["grafiek", "tabel"]
    chart = str(views[0].html)
    assert views[0].title == "Team <Noord> naast de Pilot Amsterdam 2018–2020"
    svg = chart[chart.index("<svg"):chart.index("</svg>") + 6]
    root = ElementTree.fromstring(svg)  # well-formed, so nothing unescaped got in
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for expected in ("75%", "77%", "58%", "66%", "83%", "64%", "Jullie", "Pilot"):
        assert expected in texts, expected
    assert root.get("role") == "img"
    assert "Team &lt;Noord&gt;" in chart and "<Noord>" not in chart
    assert "style=" not in chart
    assert "Pilot Resourcegroepen Amsterdam" in chart
    table = str(views[1].html)
    assert "9 van 12" in table and "2 procentpunt lager" in table
    assert "19 procentpunt hoger" in table


def test_chart_shows_unknown_figures_as_not_known() -> None:
    chart = str(SHEET.views(answers(), {})[0].html)
    assert chart.count("nog niet bekend") == 3 * 2  # in the bars and in the description


def test_the_legend_names_the_team_once() -> None:
    assert "Jullie: Team Noord" in str(SHEET.views(answers(team="Team Noord"), {})[0].html)
    unnamed = str(SHEET.views(answers(), {})[0].html)
    assert "Jullie team" in unnamed and "Jullie: Jullie team" not in unnamed


def test_summary_lines() -> None:
    [block] = SHEET.summary(answers(gestart="12", netwerk="9"))
    assert block.lines == ("Informeel netwerk betrokken: 9 van 12 (75%); pilot 77%",)


def test_team_overview_pdf(tmp_path: Path) -> None:
    values = {"team": "Team Noord", "periode": "2025", "gestart": "12", "netwerk": "9",
              "groep": "7", "vraag": "5", "volgende": "Eerder naar het netwerk vragen."}
    data = bridge.export_pdf("teamreflectie", json.dumps(values), "2026-05-01", "", FONTS,
                             "overzicht")
    target = tmp_path / "team.pdf"
    target.write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    for expected in ("Team Noord", "Periode: 2025", "Pilot Amsterdam 2018–2020", "75%", "77%",
                     "9 van 12", "Eerder naar het netwerk vragen.", "Pilot Resourcegroepen"):
        assert expected in text, expected


def test_a_team_name_with_a_line_break_from_a_file_stays_whole(tmp_path: Path) -> None:
    values = {"team": "Team\nNoord", "gestart": "12", "netwerk": "9"}
    data = bridge.export_pdf("teamreflectie", json.dumps(values), "2026-05-01", "", FONTS,
                             "overzicht")
    target = tmp_path / "team.pdf"
    target.write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "TeamNoord" not in text and text.count("Team Noord") >= 2
