"""User text through the other worksheets' views and summaries: shown literally.

Case check, goals, the evaluations and their overview, the session planner and the
team reflection; the network map and the meeting: ``test_render_safety_views.py``.
The checker: ``tests/viewcheck.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

import pytest

from tests.test_render_safety import HOSTILE
from tests.test_render_safety_views import PATHS as MAP_AND_MEETING
from tests.viewcheck import (
    SHEET,
    Page,
    ViewPath,
    assert_run,
    assert_safe,
    evaluated,
    fill,
    paragraphs_of,
    sheet_evaluate,
    view_tests,
    vocabulary,
    words,
)
from worksheets import casus
from worksheets._evaluatie import SHEETS, THEMES
from worksheets._evaluatie_overzicht import combine
from worksheets._herkenning import find_identifiers
from worksheets._teamcijfers import PILOT_NAME, UNNAMED_TEAM
from worksheets.engine.documents import new_document, normalize
from worksheets.engine.schema import Answers

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
    in the legend ("Jullie: name", or "Jullie team" without one); counts are read as
    numbers, not shown as text."""
    team = text[:80].strip() or UNNAMED_TEAM
    assert_run(page, f"Staafdiagram: {team} naast de {PILOT_NAME}", text)
    assert_run(page, team if team == UNNAMED_TEAM else f"Jullie: {team}", text)
    assert f"{team} " in page.root.find("desc", id="rg-team-chart-desc").text(), text


# --------------------------------------------------------------------------- the paths

#: One path per call the page makes. Each ``evaluate`` path renders the summary
#: and every view of its worksheet once and checks each view with its own
#: ``_check_*`` function; that is cheaper than rendering the views one by one.
PATHS: dict[str, ViewPath] = {
    "casus: evaluate (summary, check view)": ViewPath(
        sheet_evaluate("casus", SHEET["casus"].example), _check_casus_evaluate),
    "doelen: evaluate (summary)": ViewPath(sheet_evaluate("doelen", SHEET["doelen"].example),
                                           _check_goals_evaluate),
    **{f"evaluatie-{role}: evaluate (summary)": ViewPath(
        lambda s, role=role: evaluated(f"evaluatie-{role}", evaluation_answers(role, s), {}),
        _check_evaluation_summary) for role in SHEETS},
    "evaluatie-overzicht: combine (files, result, rounds)": ViewPath(_render_overview,
                                                                     _check_overview),
    "sessieplanner: evaluate (summary, plan)": ViewPath(
        sheet_evaluate("sessieplanner", PLANNER_TEMPLATE), _check_planner),
    "teamreflectie: evaluate (summary, chart, table)": ViewPath(
        sheet_evaluate("teamreflectie", SHEET["teamreflectie"].example), _check_team),
}

test_view_shows_user_text_literally, test_known_payloads_in_every_view, \
    test_benign_text_passes_the_literal_checks = view_tests(PATHS)


def test_every_worksheet_has_an_end_to_end_path() -> None:
    covered = {name.split(":")[0] for name in PATHS | MAP_AND_MEETING if ": evaluate" in name}
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
