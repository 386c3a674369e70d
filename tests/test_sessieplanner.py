"""Session formats and the worksheet "Sessieplanner": timing, the plan, the PDFs, the page."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from worksheets import _sessievormen as formats
from worksheets import sessieplanner
from worksheets.engine import bridge
from worksheets.engine.documents import normalize

ROOT = Path(__file__).resolve().parent.parent
FONTS = str(ROOT / "node_modules/@expo-google-fonts/atkinson-hyperlegible")
SHEET = sessieplanner.WORKSHEET
ROLES = {"Gespreksleider", "Casusinbrenger", "Tijdbewaker"}


def answers(**values: object) -> dict:
    return normalize(SHEET, values)


# --------------------------------------------------------------------------- formats


def test_at_least_three_formats_with_purpose_roles_and_questions() -> None:
    assert len(formats.FORMATS) >= 3
    assert len(formats.FORMAT_BY_ID) == len(formats.FORMATS)
    for session in formats.FORMATS:
        assert session.purpose and session.suits and session.prepare
        assert {role.name for role in session.roles} == ROLES
        assert session.questions and all(q.endswith("?") for q in session.questions)
        assert len(session.steps) >= 4
    asked = {q for session in formats.FORMATS for q in session.questions}
    assert "Wie heeft hier de regie?" in asked
    assert "Welke reflex om over te nemen herken je?" in asked


@pytest.mark.parametrize("session", formats.FORMATS, ids=lambda s: s.id)
@pytest.mark.parametrize("duration", formats.DURATIONS)
def test_every_format_fills_exactly_60_and_90_minutes(session: formats.SessionFormat,
                                                      duration: int) -> None:
    assert session.total(duration) == duration
    assert all(step.length(duration) > 0 for step in session.steps)
    # A longer session never takes time away from a step.
    assert all(step.minutes[0] <= step.minutes[1] for step in session.steps)


@pytest.mark.parametrize("session", formats.FORMATS, ids=lambda s: s.id)
def test_plan_steps_follow_each_other_without_gaps(session: formats.SessionFormat) -> None:
    for duration in formats.DURATIONS:
        items = formats.plan(session.id, duration)
        assert items[0].start == 0 and items[-1].end == duration
        for before, after in pairwise(items):
            assert before.end == after.start
        assert all(item.clock == "" for item in items)


def test_plan_with_a_start_time_gives_clock_times() -> None:
    items = formats.plan("regievraag", 90, formats.parse_clock("14:00"))
    assert [item.clock for item in items] == [
        "14:00–14:10", "14:10–14:25", "14:25–14:40", "14:40–15:00", "15:00–15:15",
        "15:15–15:30"]
    sixty = formats.plan("regievraag", 60, formats.parse_clock("9.30"))
    assert sixty[0].clock == "09:30–09:35" and sixty[-1].clock == "10:20–10:30"
    late = formats.plan("reflexronde", 90, formats.parse_clock("23:00"))
    assert late[-1].clock.endswith("00:30")  # past midnight wraps around


def test_an_unknown_duration_is_refused() -> None:
    with pytest.raises(ValueError):
        formats.plan("regievraag", 45)


@pytest.mark.parametrize("text, minutes", [
    ("19:30", 1170), ("19.30", 1170), ("9u30", 570), (" 14:00 uur ", 840), ("14", 840),
    ("24:00", None), ("19:75", None), ("half acht", None), ("", None),
])
def test_parse_clock(text: str, minutes: int | None) -> None:
    assert formats.parse_clock(text) == minutes


def test_the_content_page_shows_the_formats_from_the_data() -> None:
    page = (ROOT / "content/trainers/sessievormen.md").read_text(encoding="utf-8")
    assert formats.with_formats(page) == page, \
        "run: .venv/bin/python -m worksheets._sessievormen --write"
    for session in formats.FORMATS:
        assert f"## {session.name}" in page
        assert f"| **Totaal** | | {session.total(60)} | {session.total(90)} |" in page


# --------------------------------------------------------------------------- worksheet


def test_view_shows_the_timed_plan_with_roles_and_questions() -> None:
    [view] = SHEET.views(answers(vorm="regievraag", duur="90", begintijd="14:00",
                                 gespreksleider="Anna", extra_vragen=["Eigen <vraag>?"]), {})
    html = str(view.html)
    assert view.title == "Het sessieplan: Casusbespreking: wie heeft de regie?"
    assert "Tijdschema voor 90 minuten" in html
    assert "14:00–14:10" in html and "15:15–15:30" in html
    assert "Gespreksleider (Anna): Bewaakt de stappen" in html
    assert "Wie heeft hier de regie?" in html
    assert "Eigen &lt;vraag&gt;?" in html and "<vraag>" not in html  # escaped


def test_view_without_a_format_asks_to_choose_one() -> None:
    [view] = SHEET.views(answers(), {})
    assert "Kies een sessievorm" in str(view.html)
    plain = str(SHEET.views(answers(vorm="rollenspel"), {})[0].html)
    assert "0–5 min" in plain and "nog geen duur gekozen" in plain


def test_hints() -> None:
    assert SHEET.hints(answers()) == []
    messages = {h.path: h.message for h in SHEET.hints(answers(
        vorm="stap-verdiepen", begintijd="half drie", extra_vragen=[f"V{i}?" for i in range(6)]))}
    assert set(messages) == {"begintijd", "stap", "duur", "extra_vragen"}
    assert "14:00" in messages["begintijd"]


def pdf(export_id: str, values: dict, tmp_path: Path) -> str:
    data = bridge.export_pdf("sessieplanner", json.dumps(values), "2026-05-01", "", FONTS,
                             export_id)
    target = tmp_path / f"{export_id}.pdf"
    target.write_bytes(data)
    reader = PdfReader(target)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


FILLED = {"vorm": "reflexronde", "duur": "60", "datum": "2026-05-12", "begintijd": "14:00",
          "plek": "Buurthuis", "groep": "Intervisie Noord", "tijdbewaker": "Bram",
          "extra_vragen": ["Wat vraagt dit van ons team?"], "notities": "Alleen voor mij."}


def test_session_plan_pdf(tmp_path: Path) -> None:
    text = pdf("sessieplan", FILLED, tmp_path)
    for expected in ("Sessieplan voor de gespreksleider", "Reflexronde: overnemen herkennen",
                     "60 minuten · 12 mei 2026 · 14:00–15:00 · Buurthuis · Intervisie Noord",
                     "Tijdschema", "14:00–14:05", "14:55–15:00", "Tijdbewaker (Bram)",
                     "Welke reflex om over te nemen herken je?", "Wat vraagt dit van ons team?",
                     "Voorbereiding", "Alleen voor mij."):
        assert expected in text, expected


def test_handout_pdf_leaves_out_the_trainers_notes(tmp_path: Path) -> None:
    text = pdf("handout", FILLED, tmp_path)
    for expected in ("voor de deelnemers", "Reflexronde: overnemen herkennen",
                     "Zo verloopt de sessie", "Mijn aantekeningen", "Wie heeft hier de regie?",
                     "zonder namen"):
        assert expected in text, expected
    assert "Alleen voor mij." not in text
    reader = PdfReader(tmp_path / "handout.pdf")
    assert len(reader.pages) == 1


def test_pdfs_without_a_format_say_what_to_do(tmp_path: Path) -> None:
    for export_id in ("sessieplan", "handout"):
        assert "Er is nog geen sessievorm gekozen" in pdf(export_id, {}, tmp_path)


@pytest.mark.parametrize("session", formats.FORMATS, ids=lambda s: s.id)
@pytest.mark.parametrize("duration", ["60", "90"])
def test_every_handout_fits_on_one_page(session: formats.SessionFormat, duration: str,
                                        tmp_path: Path) -> None:
    values = {**FILLED, "vorm": session.id, "duur": duration, "stap": "stap2",
              "gespreksleider": "Anna", "inbrenger": "Kim"}
    pdf("handout", values, tmp_path)
    assert len(PdfReader(tmp_path / "handout.pdf").pages) == 1
