"""The evaluation: three questionnaires, combining answer files, rounds, chart and PDF."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.test_content import (
    MAX_AVG_SENTENCE_LENGTH,
    MIN_FLESCH_DOUMA,
    flesch_douma,
    source_windows,  # noqa: F401  (fixture)
    tokens,
    windows,
)
from worksheets import _evaluatie_chart as chart
from worksheets import load_registry
from worksheets._evaluatie import (
    DONT_KNOW,
    SCALE,
    SHEETS,
    THEMES,
    theme_scores,
)
from worksheets._evaluatie_overzicht import build_overview, combine, overview_pdf
from worksheets._evaluatie_scores import (
    MAX_FILES,
    MAX_ROUNDS,
    OK,
    REFUSED,
    differences,
    read_files,
    score_set,
    valid_rounds,
)
from worksheets.engine.documents import MAX_BYTES, dump_document, normalize
from worksheets.engine.schema import Choice, LongText

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"
HOSTILE_GROUP = '<script>alert(1)</script>" onload="x'
SVG = "{http://www.w3.org/2000/svg}"


def answer_file(role: str, scores: dict[str, str] | None = None, *, group: str = "Groep van Sam",
                date: str = "2026-03-12", name: str = "", better: dict[str, str] | None = None,
                version: int = 1) -> str:
    """The JSON text of an answer file; ``scores`` maps a theme to e.g. ``"45?"``."""
    sheet = SHEETS[role]
    answers = sheet.empty_answers()
    answers.update(groep=group, datum=date, voornaam=name)
    for theme, values in (scores or {}).items():
        for number, value in enumerate(values, start=1):
            answers[f"{theme}_{number}"] = "" if value == "-" else value
    for theme, text in (better or {}).items():
        answers[f"{theme}_beter"] = text
    document = json.loads(dump_document(sheet, answers, "2026-03-12T20:00:00Z"))
    document["schema_version"] = version
    return json.dumps(document, ensure_ascii=False, indent=2)


def entry(text: str | None, name: str = "antwoord.json", size: int | None = None) -> dict:
    return {"name": name, "size": len(text or "") if size is None else size, "text": text}


def combined(files: list[dict], **args: Any) -> dict:
    return json.loads(combine(json.dumps({"files": files, **args})))


THREE = [
    entry(answer_file("client", {"gehoord": "54?", "rollen": "333", "regie": "555",
                                 "voortgang": "4-4"}, name="Sam",
                      better={"gehoord": "Eerst mijn punt bespreken."}), "client.json"),
    entry(answer_file("naaste", {"gehoord": "222", "rollen": "123", "regie": "444",
                                 "voortgang": "???"}, name="Anna",
                      better={"rollen": "Ik doe te veel boodschappen."}), "naaste.json"),
    entry(answer_file("professional", {"gehoord": "443", "rollen": "555", "regie": "434",
                                       "voortgang": "333"}), "professional.json"),
]


# --- the questionnaires ------------------------------------------------------------


def test_three_questionnaires_are_registered_worksheets() -> None:
    registry = load_registry()
    for role in ("client", "naaste", "professional"):
        assert registry[f"evaluatie-{role}"] is SHEETS[role]


def test_questionnaires_declare_the_same_four_themes() -> None:
    theme_ids = [theme.id for theme in THEMES]
    assert theme_ids == ["gehoord", "rollen", "regie", "voortgang"]
    layouts = set()
    for sheet in SHEETS.values():
        assert [s.id for s in sheet.sections] == ["over", *theme_ids]
        for section, theme in zip(sheet.sections[1:], THEMES, strict=True):
            statements, better = section.fields[:-1], section.fields[-1]
            assert [f.id for f in statements] == theme.statement_ids()
            assert len(statements) == 3
            assert all(isinstance(f, Choice) and f.options == SCALE and f.layout == "scale"
                       for f in statements)
            assert isinstance(better, LongText) and better.label == "Wat kan beter?"
            layouts.add(tuple(f.id for f in section.fields))
        about = {f.id for f in sheet.sections[0].fields}
        assert {"datum", "groep", "voornaam"} <= about
    assert len(layouts) == len(THEMES)  # the same field ids in every questionnaire
    assert [o.value for o in SCALE] == ["1", "2", "3", "4", "5", DONT_KNOW]


def test_statements_are_worded_for_each_role() -> None:
    for theme in THEMES:
        worded = [theme.statements[role] for role in ("client", "naaste", "professional")]
        assert worded[0] != worded[2] and worded[1] != worded[2]


@pytest.mark.parametrize("role", ["client", "naaste"])
def test_client_and_naaste_texts_are_plain_dutch(role: str) -> None:
    sheet = SHEETS[role]
    sentences = [s.strip() for s in sheet.intro.replace("\n", " ").split(". ") if s.strip()]
    for section in sheet.sections:
        sentences.append(section.title)
        sentences += [f.label for f in section.fields]
    sentences += [theme.about for theme in THEMES]
    score, average_length, _ = flesch_douma(sentences)
    assert average_length <= MAX_AVG_SENTENCE_LENGTH
    assert score >= MIN_FLESCH_DOUMA, score


def test_questionnaire_texts_are_our_own_words(source_windows: set) -> None:  # noqa: F811
    texts = [sheet.intro for sheet in SHEETS.values()]
    texts += [s for theme in THEMES for role_texts in theme.statements.values()
              for s in role_texts]
    copied = [" ".join(w) for text in texts for w in windows(tokens(text)) if w in source_windows]
    assert copied == []
    assert not any("R-MET" in text for text in texts)


def test_hints_ask_for_group_and_date_once_answering_started() -> None:
    sheet = SHEETS["naaste"]
    assert sheet.hints(sheet.empty_answers()) == []
    started = {**sheet.empty_answers(), "gehoord_1": "4"}
    assert {hint.path for hint in sheet.hints(started)} == {"groep", "datum"}


def test_summary_gives_the_own_average_per_theme() -> None:
    sheet = SHEETS["client"]
    answers = normalize(sheet, {"gehoord_1": "4", "gehoord_2": "5", "gehoord_3": DONT_KNOW,
                                "gehoord_beter": "Meer tijd"})
    blocks = {block.title: block.lines for block in sheet.summary(answers)}
    assert blocks["Gehoord worden"] == ("Je gemiddelde: 4,5 (van 1 tot 5)",
                                        "Weet ik niet: 1 keer", "Wat kan beter: Meer tijd")
    assert blocks["Vooruitgang"] == ()


# --- scoring -------------------------------------------------------------------------


def test_scoring_ignores_dont_know_and_missing_answers() -> None:
    theme = THEMES[0]
    answers = {"gehoord_1": "4", "gehoord_2": DONT_KNOW, "gehoord_3": ""}
    assert theme_scores(answers, theme) == ([4], 1)
    assert theme_scores({}, theme) == ([], 0)
    results = read_files([THREE[0]])
    scores = score_set([r.response for r in results if r.response])
    gehoord = scores["gehoord"]["client"]
    assert (gehoord.mean, gehoord.answers, gehoord.dont_know, gehoord.people) == (4.5, 2, 1, 1)
    voortgang = scores["voortgang"]["client"]
    assert (voortgang.mean, voortgang.answers, voortgang.dont_know) == (4.0, 2, 0)


def test_a_theme_with_only_dont_know_has_no_mean() -> None:
    result = combined(THREE)
    naaste = result["scores"]["voortgang"]["naaste"]
    assert naaste == {"mean": None, "answers": 0, "dont_know": 3, "people": 0}


def test_without_files_the_status_line_says_so_once() -> None:
    result = combined([])
    assert result["summary"] == "Nog geen bestanden toegevoegd."
    assert result["files_html"] == ""
    assert "Nog geen bestanden" not in result["html"]


def test_combining_one_file() -> None:
    result = combined([THREE[1]])
    assert result["counts"] == {"ok": 1, "dubbel": 0, "geweigerd": 0}
    assert list(result["scores"]["gehoord"]) == ["naaste"]
    assert result["scores"]["rollen"]["naaste"]["mean"] == 2.0
    assert "Nog geen antwoorden van: cliënt en professional." in result["html"]


def test_combining_three_files_one_per_role() -> None:
    result = combined(THREE)
    assert result["counts"]["ok"] == 3
    means = {theme: {role: s["mean"] for role, s in by_role.items()}
             for theme, by_role in result["scores"].items()}
    assert means["gehoord"] == {"client": 4.5, "naaste": 2.0, "professional": pytest.approx(11 / 3,
                                                                                      abs=1e-3)}
    assert means["rollen"] == {"client": 3.0, "naaste": 2.0, "professional": 5.0}
    assert 'data-theme="rollen" data-role="professional"><strong class="rg-eval-mean">5,0' \
        in result["html"]


def test_combining_twelve_files_pools_the_answers_per_role() -> None:
    roles = ["client"] + ["naaste"] * 6 + ["professional"] * 5
    files = [entry(answer_file(role, {"gehoord": str(1 + n % 5) * 3}, name=f"P{n}"), f"{n}.json")
             for n, role in enumerate(roles)]
    result = combined(files)
    assert result["counts"]["ok"] == 12
    assert result["sets"][0]["label"] == "Groep van Sam · 12 maart 2026 · 12 personen"
    gehoord = result["scores"]["gehoord"]
    assert gehoord["client"]["mean"] == 1.0
    assert gehoord["naaste"] == {"mean": pytest.approx((2 + 3 + 4 + 5 + 1 + 2) / 6, abs=1e-3),
                                 "answers": 18, "dont_know": 0, "people": 6}
    assert gehoord["professional"]["mean"] == pytest.approx((3 + 4 + 5 + 1 + 2) / 5, abs=1e-3)
    assert "12 personen vulden de vragenlijst in: 1 cliënt, 6 naasten en 5 professionals." \
        in result["html"]


def test_differences_between_roles_largest_first() -> None:
    view = build_overview({"files": THREE})
    found = differences(view.scores)
    assert [(d.theme.id, d.gap) for d in found] == [
        ("rollen", 3.0), ("gehoord", 2.5), ("regie", 1.3), ("voortgang", 1.0)]
    top = found[0]
    assert (top.low_role, top.low, top.high_role, top.high, top.gap) == \
        ("naaste", 2.0, "professional", 5.0, 3.0)
    html = combined(THREE)["html"]
    assert "Taken en rollen</strong>: verschil 3,0 punten. Laagst: naaste (2,0)." in html
    assert "Vraag voor het gesprek" in html


def test_one_role_has_no_differences() -> None:
    html = combined([THREE[0]])["html"]
    assert "Er zijn nog maar antwoorden van één rol." in html


# --- files: broken, foreign, duplicate, oversized ----------------------------------


@pytest.mark.parametrize("text, message", [
    ("dit is geen json", "komt niet van deze site, of het is beschadigd"),
    ("[1, 2]", "geen antwoordbestand van een werkblad"),
    (json.dumps({"format": "iets", "worksheet": "evaluatie-client"}), "geen antwoordbestand"),
    (json.dumps({"format": "rg-werkblad", "worksheet": "doelen", "schema_version": 1,
                 "answers": {}}), "hoort bij een ander werkblad (‘doelen’)"),
    (answer_file("client", version=7), "nieuwere versie"),
    (answer_file("client").replace('"gehoord_1": ""', '"gehoord_1": "9"'),
     "kent de keuze '9' niet"),
    (answer_file("client").replace('"groep": "Groep van Sam"', '"groep": 12'), "moet tekst zijn"),
    (answer_file("client").replace('"groep": "Groep van Sam"', '"groep": ' + "9" * 5000),
     "een getal dat veel te lang is"),
])
def test_broken_and_foreign_files_are_refused_and_the_others_count(text: str,
                                                                   message: str) -> None:
    result = combined([THREE[0], entry(text, "kapot.json"), THREE[2]])
    assert result["counts"] == {"ok": 2, "dubbel": 0, "geweigerd": 1}
    assert message in result["files_html"]
    assert "kapot.json" in result["files_html"]
    assert set(result["scores"]["gehoord"]) == {"client", "professional"}


def test_oversized_files_are_refused_unread_or_read() -> None:
    unread = entry(None, "groot.json", size=MAX_BYTES + 1)
    read = entry(" " * (MAX_BYTES + 1), "ook-groot.json")
    results = read_files([unread, read, THREE[0]])
    assert [r.status for r in results] == [REFUSED, REFUSED, OK]
    assert "te groot (5120 kB)" in results[0].message
    assert "hoogstens 5 MB" in results[1].message
    assert "kon niet worden gelezen" in read_files([entry(None, size=10)])[0].message


def test_a_duplicate_file_counts_once_and_is_named() -> None:
    result = combined([THREE[0], {**THREE[0], "name": "kopie.json"}, THREE[1]])
    assert result["counts"] == {"ok": 2, "dubbel": 1, "geweigerd": 0}
    assert result["scores"]["gehoord"]["client"]["answers"] == 2
    assert "Dit is hetzelfde bestand als ‘client.json’. Het telt één keer mee." \
        in result["files_html"]


def test_same_answers_in_different_files_count_but_are_flagged() -> None:
    twin = json.loads(THREE[1]["text"])
    twin["saved_at"] = "2026-03-13T08:00:00Z"
    results = read_files([THREE[1], entry(json.dumps(twin), "naaste-2.json")])
    assert [r.status for r in results] == [OK, OK]
    assert "precies dezelfde antwoorden als ‘naaste.json’" in results[1].message


def test_odd_entries_and_too_many_files() -> None:
    assert combined([])["html"].startswith('<p class="rg-muted">Nog geen antwoorden')
    odd = read_files(["tekst", {"name": 5}, None])
    assert [r.status for r in odd] == [REFUSED] * 3
    many = read_files([entry(answer_file("naaste", name=str(n))) for n in range(MAX_FILES + 2)])
    assert sum(r.status == OK for r in many) == MAX_FILES
    assert "hoogstens 60 bestanden" in many[-1].message
    assert json.loads(combine("geen json"))["counts"] == {"ok": 0, "dubbel": 0, "geweigerd": 0}
    assert json.loads(combine("[]"))["selected"] == ""


def test_groups_and_dates_are_kept_apart() -> None:
    files = [
        entry(answer_file("client", {"gehoord": "555"}, group="Groep van Sam")),
        entry(answer_file("naaste", {"gehoord": "111"}, group="  groep VAN sam ")),
        entry(answer_file("naaste", {"gehoord": "333"}, group="Groep van Sam",
                          date="2026-01-15")),
        entry(answer_file("professional", {"gehoord": "222"}, group="Groep van Lotte")),
    ]
    result = combined(files)
    assert [s["key"] for s in result["sets"]] == [
        "groep van lotte|2026-03-12", "groep van sam|2026-03-12", "groep van sam|2026-01-15"]
    assert result["selected"] == "groep van lotte|2026-03-12"  # newest date, then by name
    sam = combined(files, set="groep van sam|2026-03-12")
    assert sam["scores"]["gehoord"]["client"]["mean"] == 5.0
    assert sam["scores"]["gehoord"]["naaste"]["mean"] == 1.0
    older = combined(files, set="groep van sam|2026-01-15")
    assert older["scores"]["gehoord"] == {"naaste": {"mean": 3.0, "answers": 3, "dont_know": 0,
                                                     "people": 1}}
    assert combined(files, set="bestaat niet")["selected"] == result["selected"]


# --- rounds --------------------------------------------------------------------------


def saved_round(result: dict, **changes: Any) -> dict:
    return {**result["round"], "saved_at": "2026-01-15T21:00:00Z",
            "actiepunten": {"gehoord": "Iedereen laat elkaar uitpraten."}, **changes}


def test_a_round_needs_a_group_and_a_date() -> None:
    assert combined([entry(answer_file("client", group=""))])["round"] is None
    no_date = combined([entry(answer_file("client", date=""))])
    assert no_date["round"] is None and "geen datum" in no_date["round_problem"]
    record = combined(THREE)["round"]
    assert record["id"] == "groep van sam|2026-03-12"
    assert record["respondents"] == {"client": 1, "naaste": 1, "professional": 1}
    assert record["scores"]["rollen"]["professional"] == {"mean": 5.0, "answers": 3}


def test_rounds_compared_with_the_latest_earlier_round_of_the_group() -> None:
    earlier_files = [entry(answer_file("client", {"gehoord": "222", "rollen": "333"},
                                       date="2026-01-15"))]
    first = saved_round(combined(earlier_files))
    oldest = saved_round(combined([entry(answer_file("client", {"gehoord": "111"},
                                                      date="2025-11-01"))]))
    other_group = saved_round(combined([entry(answer_file("client", {"gehoord": "555"},
                                                           group="Anders", date="2026-02-01"))]))
    result = combined(THREE, rounds=[oldest, first, other_group])
    assert result["compare"] == first["id"]
    assert [o["label"] for o in result["compare_options"]] == [
        "Ronde van 15 januari 2026", "Ronde van 1 november 2025", "Niet vergelijken"]
    html = result["html"]
    assert "Vergeleken met de ronde van 15 januari 2026" in html
    assert '<tr data-theme="gehoord" data-role="client"><th scope="row">Cliënt</th><td>2,0</td>' \
           '<td>4,5</td><td data-direction="hoger">' in html
    assert "Afgesproken in de ronde van 15 januari 2026:" in html
    assert "Iedereen laat elkaar uitpraten." in html
    view = build_overview({"files": THREE, "rounds": [first]})
    change = next(c for c in view.changes if c.theme.id == "rollen" and c.role == "client")
    assert (change.before, change.now, change.delta, change.direction) == \
        (3.0, 3.0, 0.0, "ongeveer gelijk")
    overall = next(c for c in view.changes if c.theme.id == "gehoord" and not c.role)
    assert (overall.before, overall.now, overall.direction) == (2.0, 4.5, "hoger")


def test_choosing_another_round_or_none() -> None:
    old = saved_round(combined([entry(answer_file("naaste", {"gehoord": "555"},
                                                   date="2025-06-01"))]))
    new = saved_round(combined([entry(answer_file("naaste", {"gehoord": "111"},
                                                   date="2026-01-01"))]))
    chosen = build_overview({"files": THREE, "rounds": [old, new], "compare": old["id"]})
    assert chosen.compared and chosen.compared.date == "2025-06-01"
    lower = next(c for c in chosen.changes if c.theme.id == "gehoord" and c.role == "naaste")
    assert lower.direction == "lager" and lower.delta == -3.0
    none = combined(THREE, rounds=[old, new], compare="geen")
    assert none["compare"] == "geen"
    assert "Je hebt gekozen om niet te vergelijken." in none["html"]
    assert "nog geen eerdere ronde" in combined(THREE)["html"]


def test_saved_rounds_are_read_defensively() -> None:
    good = saved_round(combined(THREE), date="2026-01-01")
    bad = [
        None, "x", {"id": "draft", "group": "Groep van Sam", "date": "2026-01-01",
                    "actiepunten": {"gehoord": "concept"}},
        {**good, "date": "2026-13-01"},
        {**good, "scores": {"onbekend": {}}},
        {**good, "scores": {"gehoord": {"buurman": {"mean": 3}}}},
        {**good, "respondents": []},
    ]
    rounds = valid_rounds([*bad, good, {**good, "scores": {"gehoord": {"client": {"mean": 9}}}}])
    assert len(rounds) == 2
    assert rounds[0].means["gehoord"]["client"] == 4.5
    assert rounds[1].means["gehoord"] == {}  # an impossible mean is left out
    assert valid_rounds("geen lijst") == []
    listed = combined(THREE, rounds=[good])["rounds_html"]
    assert "Groep van Sam · 1 januari 2026 · 3 personen" in listed
    assert 'data-round-id="groep van sam|2026-03-12"' in listed


def test_the_overview_uses_the_newest_rounds_whatever_their_order() -> None:
    good = saved_round(combined(THREE))
    days = [f"20{y:02d}-{m:02d}-01" for y in range(10, 60) for m in range(1, 13)]  # 600
    stored = [{**good, "id": f"groep van sam|{day}", "date": day} for day in sorted(days)]
    rounds = valid_rounds(stored)  # oldest first, as a database could give them
    assert len(rounds) == 600 and rounds[0].date == "2059-12-01"
    # The page lists the newest 500 and says how many older rounds it leaves out.
    listed = combined(THREE, rounds=stored)["rounds_html"]
    assert listed.count('data-eval-action="delete-round"') == MAX_ROUNDS
    assert "Groep van Sam · 1 december 2059" in listed
    assert "Groep van Sam · 1 mei 2018" in listed and "1 april 2018" not in listed
    assert ("Hier staan de nieuwste 500 rondes. Er zijn nog 100 oudere rondes bewaard in "
            "deze browser.") in listed
    one_more = combined(THREE, rounds=stored[-(MAX_ROUNDS + 1):])["rounds_html"]
    assert "Er is nog 1 oudere ronde bewaard in deze browser." in one_more
    assert "rounds-left-out" not in combined(THREE, rounds=stored[-MAX_ROUNDS:])["rounds_html"]


def test_the_saved_round_of_the_set_on_screen_is_reported() -> None:
    now = saved_round(combined(THREE))
    result = combined(THREE, rounds=[now])
    assert result["saved_at"] == "2026-01-15T21:00:00Z"
    assert result["compare_options"] == []  # the same date is not an earlier round


# --- chart ---------------------------------------------------------------------------


def svg_of(html: str) -> ET.Element:
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def test_chart_bars_lie_inside_the_plot_and_follow_the_means() -> None:
    view = build_overview({"files": THREE})
    svg = svg_of(combined(THREE)["html"])
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text.startswith("Scores van")
    assert "Taken en rollen: cliënt 3,0; naaste 2,0; professional 5,0." in \
        svg.find(f"{SVG}desc").text
    height = float(svg.get("viewBox").split()[3])
    bars = svg.findall(f".//{SVG}rect[@data-role]")
    assert len(bars) == 11  # 4 themes × 3 roles, minus the naaste's "weet ik niet" theme
    for bar in bars:
        x, y, width = float(bar.get("x")), float(bar.get("y")), float(bar.get("width"))
        mean = view.scores[bar.get("data-theme")][bar.get("data-role")].mean
        assert x == chart.PLOT_LEFT
        assert width == pytest.approx(mean / 5 * chart.PLOT_WIDTH, abs=0.01)
        assert chart.PLOT_LEFT < x + width <= chart.PLOT_RIGHT
        assert y > 0 and y + float(bar.get("height")) < height
    tops = sorted(float(bar.get("y")) for bar in bars)
    assert all(b - a >= chart.BAR_HEIGHT for a, b in itertools.pairwise(tops))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    for label in ("Cliënt", "Naaste", "Professional", "Gehoord worden", "5,0", "2,0",
                  "geen cijfers", "0", "5"):
        assert label in texts


def test_chart_tells_roles_apart_without_colour() -> None:
    svg = svg_of(combined(THREE)["html"])
    fills = {bar.get("data-role"): bar.get("fill") for bar in svg.iter(f"{SVG}rect")
             if bar.get("data-role")}
    assert fills["client"].startswith("#")
    assert fills["naaste"] == "url(#rg-eval-chart-naaste)"
    assert fills["professional"] == "url(#rg-eval-chart-professional)"
    patterns = svg.findall(f".//{SVG}pattern")
    assert {p.get("id") for p in patterns} == {"rg-eval-chart-naaste",
                                               "rg-eval-chart-professional"}


def test_chart_marks_the_earlier_round() -> None:
    first = saved_round(combined([entry(answer_file("client", {"gehoord": "222"},
                                                     date="2026-01-15"))]))
    svg = svg_of(combined(THREE, rounds=[first])["html"])
    markers = svg.findall(f".//{SVG}rect[@data-before]")
    assert len(markers) == 1
    centre = float(markers[0].get("x")) + float(markers[0].get("width")) / 2
    assert centre == pytest.approx(chart.PLOT_LEFT + 2 / 5 * chart.PLOT_WIDTH, abs=0.01)
    assert "streep: ronde van 15 januari 2026" in [t.text for t in svg.iter(f"{SVG}text")]


# --- escaping --------------------------------------------------------------------------


class Markup(HTMLParser):
    """Collects the tags and attribute names of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_every_string_from_a_file_is_escaped() -> None:
    hostile = [
        entry(answer_file("client", {"gehoord": "444"}, group=HOSTILE_GROUP,
                          name='<img src=x onerror="alert(2)">',
                          better={"gehoord": "</textarea><script>alert(3)</script>"}),
              '"><svg onload=alert(4)>.json'),
        entry(answer_file("naaste", {"gehoord": "222"}, group=HOSTILE_GROUP)),
        entry("<b>kapot</b>", "<i>kapot</i>.json"),
    ]
    earlier = saved_round(combined(hostile[:1]), date="2026-01-01",
                          actiepunten={"gehoord": "<script>alert(5)</script>"})
    result = combined(hostile, rounds=[earlier],
                      actiepunten={"gehoord": "</textarea><b onclick=x>"})
    for key in ("html", "files_html", "rounds_html"):
        parser = Markup()
        parser.feed(result[key])
        assert {"script", "img", "b", "i"}.isdisjoint(parser.tags), key
        assert not [a for a in parser.attributes if a.startswith("on")], key
    assert parser.tags.count("svg") == 0
    html = result["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;b onclick=x&gt;</textarea>" in html
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html
    svg = svg_of(html)
    assert svg.find(f"{SVG}title").text == f"Scores van {HOSTILE_GROUP}, 12 maart 2026"
    assert "\"&gt;&lt;svg onload=alert(4)&gt;.json" in result["files_html"]
    assert all(option["label"].startswith(HOSTILE_GROUP) for option in result["sets"])


# --- PDF -----------------------------------------------------------------------------


def pdf_text(args: dict) -> str:
    data = overview_pdf(json.dumps({**args, "font_dir": str(FONTS), "today": "2026-03-13"}))
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Evaluatie van de resourcegroep"
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_holds_scores_differences_comparison_answers_and_actions() -> None:
    first = saved_round(combined([entry(answer_file("client", {"gehoord": "222"},
                                                     date="2026-01-15"))]))
    text = pdf_text({"files": [*THREE, entry("kapot", "kapot.json")], "rounds": [first],
                     "actiepunten": {"rollen": "Anna en de buurvrouw verdelen de boodschappen."}})
    for expected in (
        "Evaluatie van de resourcegroep", "Groep van Sam · 12 maart 2026",
        "3 personen: 1 cliënt, 1 naaste en 1 professional. Gemaakt op 13 maart 2026.",
        "Thema Cliënt Naaste Professional", "Gehoord worden 4,5 (2 antwoorden, 1 keer weet ik "
        "niet) 2,0 (3 antwoorden) 3,7 (3 antwoorden)",
        "Taken en rollen 3,0 (3 antwoorden) 2,0 (3 antwoorden) 5,0",
        "Taken en rollen: verschil 3,0 punten. Laagst: naaste (2,0). Hoogst: professional (5,0).",
        "Vraag voor het gesprek", "Vergeleken met de ronde van 15 januari 2026",
        "Gehoord worden: cliënt 2,0 4,5 +2,5 hoger", "Eerst mijn punt bespreken.",
        "— cliënt, Sam", "Ik doe te veel boodschappen.", "— naaste, Anna",
        "Afgesproken in de ronde van 15 januari 2026: Iedereen laat elkaar uitpraten.",
        "Anna en de buurvrouw verdelen de boodschappen.", "kapot.json: Dit bestand komt niet "
        "van deze site", "Pagina 1 van",
    ):
        assert expected in text, expected


def test_pdf_without_answers_and_with_hostile_text() -> None:
    assert "Er zijn nog geen antwoorden meegeteld." in pdf_text({"files": []})
    hostile = entry(answer_file("client", {"gehoord": "3"}, group=HOSTILE_GROUP))
    text = pdf_text({"files": [hostile]})
    assert HOSTILE_GROUP in text


def test_pdf_uses_todays_date_when_none_is_given() -> None:
    data = overview_pdf(json.dumps({"files": THREE, "font_dir": str(FONTS), "today": "x"}))
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    today = dt.date.today()
    assert f"Gemaakt op {today.day} " in text
