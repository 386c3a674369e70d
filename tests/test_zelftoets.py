"""The learning path's self-checks: questions, scoring, feedback, certificate, example answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from worksheets import _voorbeelden, _zelftoets, load_registry
from worksheets._herkenning import find_identifiers
from worksheets.engine.documents import check_answers, normalize
from worksheets.engine.schema import Answers

ROOT = Path(__file__).resolve().parent.parent
LEREN = ROOT / "content" / "leren"
FONTS = str(ROOT / "node_modules/@expo-google-fonts/atkinson-hyperlegible")


def right_answers(module: _zelftoets.Module) -> dict[str, str]:
    return {q.id: next(a.id for a in q.answers if a.right) for q in module.questions}


def wrong_answers(module: _zelftoets.Module) -> dict[str, str]:
    return {q.id: next(a.id for a in q.answers if not a.right) for q in module.questions}


def call(name: str, args: object) -> dict:
    return json.loads(getattr(_zelftoets, name)(json.dumps(args)))


# --------------------------------------------------------------------------- the questions


def test_six_modules_in_order_each_with_a_few_questions() -> None:
    assert [m.number for m in _zelftoets.MODULES] == [1, 2, 3, 4, 5, 6]
    for module in _zelftoets.MODULES:
        assert 3 <= len(module.questions) <= 6, module.id
        assert len({q.id for q in module.questions}) == len(module.questions)
        for question in module.questions:
            assert sum(a.right for a in question.answers) == 1, question.id
            assert len(question.answers) >= 3
            for answer in question.answers:
                # Every explanation says plainly whether the answer is right.
                assert answer.why.startswith("Goed." if answer.right else "Niet goed."), \
                    (question.id, answer.id)


def test_a_question_with_two_right_answers_is_refused() -> None:
    with pytest.raises(ValueError, match="exactly one answer"):
        _zelftoets._question("dubbel", "?", _zelftoets._right("a", "Goed."),
                             _zelftoets._right("b", "Goed."))


def test_questions_never_reveal_which_answer_is_right() -> None:
    outcome = call("questions", {"module": "doelen"})
    assert outcome["ok"] and outcome["title"] == "Doelen formuleren"
    text = json.dumps(outcome, ensure_ascii=False)
    assert '"right"' not in text and "Goed." not in text and "Niet goed." not in text
    first = outcome["questions"][0]
    assert set(first) == {"id", "text", "answers"}
    assert all(set(answer) == {"id", "text"} for answer in first["answers"])


@pytest.mark.parametrize("args", [{"module": "bestaat-niet"}, {}, None, [], {"module": 3}])
def test_unknown_module_gives_a_dutch_message(args: object) -> None:
    for name in ("questions", "check"):
        assert call(name, args) == {"ok": False, "message": "Deze module bestaat niet."}
    assert json.loads(_zelftoets.questions("geen json"))["ok"] is False


# --------------------------------------------------------------------------- scoring


@pytest.mark.parametrize("module", _zelftoets.MODULES, ids=lambda m: m.id)
def test_all_right_passes_with_every_explanation(module: _zelftoets.Module) -> None:
    outcome = call("check", {"module": module.id, "answers": right_answers(module)})
    assert outcome["passed"] and outcome["right"] == outcome["total"] == len(module.questions)
    assert outcome["message"].startswith(f"Alle {len(module.questions)} vragen goed.")
    for result, question in zip(outcome["results"], module.questions, strict=True):
        assert result == {"question": question.id, "answered": True, "right": True,
                          "explanation": next(a.why for a in question.answers if a.right)}


def test_wrong_answers_explain_why_they_are_wrong() -> None:
    module = _zelftoets.MODULE_BY_ID["basis"]
    outcome = call("check", {"module": "basis", "answers": wrong_answers(module)})
    assert not outcome["passed"] and outcome["right"] == 0
    assert outcome["message"] == ("0 van de 5 vragen goed. Lees de uitleg bij je antwoorden "
                                  "en probeer het nog eens.")
    first = outcome["results"][0]
    assert first["answered"] and not first["right"]
    assert first["explanation"].startswith("Niet goed. Jij helpt de cliënt nadenken")


def test_partly_answered_counts_the_open_questions() -> None:
    module = _zelftoets.MODULE_BY_ID["groep"]
    answers = right_answers(module)
    del answers["tijd"], answers["spanning"]
    outcome = call("check", {"module": "groep", "answers": answers})
    assert outcome["right"] == 2 and not outcome["passed"]
    assert "Nog 2 vragen zonder antwoord." in outcome["message"]
    open_ = [r for r in outcome["results"] if not r["answered"]]
    assert [r["question"] for r in open_] == ["spanning", "tijd"]
    assert all(r["explanation"] == "Kies eerst een antwoord." for r in open_)
    one_open = {**answers, "spanning": "b"}
    assert "Nog 1 vraag zonder antwoord." in call(
        "check", {"module": "groep", "answers": one_open})["message"]


@pytest.mark.parametrize("answers", [
    {"kiezen": "z"}, {"kiezen": ["a"]}, {"kiezen": None}, "a", None, {"onbekend": "a"},
])
def test_odd_answers_count_as_not_answered(answers: object) -> None:
    outcome = call("check", {"module": "basis", "answers": answers})
    assert outcome["right"] == 0
    assert not outcome["results"][0]["answered"]


def test_score_is_usable_without_json() -> None:
    module = _zelftoets.MODULE_BY_ID["houding"]
    results = _zelftoets.score("houding", right_answers(module))
    assert all(result.right for result in results)
    assert _zelftoets.verdict(results).startswith("Alle 4 vragen goed.")


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize("module", _zelftoets.MODULES, ids=lambda m: m.id)
def test_every_module_has_its_page_with_the_self_check(module: _zelftoets.Module) -> None:
    page = (LEREN / module.page).read_text(encoding="utf-8")
    assert "page_script: zelftoets" in page
    assert f'data-quiz="{module.id}"' in page
    assert f"# Module {module.number}: {module.title}" in page
    assert "De toets laadt…" in page
    assert "verzonnen" in page.lower()
    assert "style=" not in page and "<script" not in page
    overview = (LEREN / "index.md").read_text(encoding="utf-8")
    assert re.search(rf'data-module="{module.id}" markdown>\s*### \[{module.number}\. '
                     rf'{re.escape(module.title)}\]\({re.escape(module.page)}\)', overview)


def test_modules_lists_the_path() -> None:
    listed = json.loads(_zelftoets.modules())
    assert [m["id"] for m in listed] == [m.id for m in _zelftoets.MODULES]


# --------------------------------------------------------------------------- certificate


def pdf_text(data: bytes, tmp_path: Path) -> str:
    target = tmp_path / "certificaat.pdf"
    target.write_bytes(data)
    reader = PdfReader(target)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_certificate_lists_completed_modules_with_the_typed_name(tmp_path: Path) -> None:
    args = {"name": "  Zoë  van\tDam\n", "today": "2026-11-22",
            "modules": {"basis": "2026-11-20", "houding": "2026-11-21", "onbekend": "2026-01-01",
                        "doelen": "geen datum"}}
    data = _zelftoets.certificate(json.dumps(args), FONTS)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    for expected in ("Leerpad resourcegroepen", "Zoë van Dam", "3 van de 6 modules",
                     "1. Wat is een resourcegroep", "20 november 2026",
                     "6. Houding en evaluatie", "21 november 2026", "2. Doelen formuleren",
                     "gemaakt op 22 november 2026", "geen diploma", "nergens bewaard",
                     "Nog te doen", "3. Resources in kaart brengen"):
        assert expected in text, expected
    assert "onbekend" not in text


def test_certificate_without_a_name_leaves_a_line(tmp_path: Path) -> None:
    data = _zelftoets.certificate(json.dumps({"modules": {"basis": "2026-11-20"},
                                              "today": "2026-11-22"}), FONTS)
    text = pdf_text(data, tmp_path)
    assert "______" in text
    assert "1 van de 6 modules van het leerpad voor nieuwe regieondersteuners is " \
        "doorgewerkt" in text
    empty = _zelftoets.certificate(json.dumps({"name": "X", "modules": "x"}), FONTS)
    assert "Er zijn nog geen modules afgerond." in pdf_text(empty, tmp_path)


def test_the_name_is_cleaned_and_shortened() -> None:
    assert _zelftoets.clean_name("a\x00b\u0085c") == "a b c"
    assert len(_zelftoets.clean_name("x" * 500)) == _zelftoets.MAX_NAME
    assert _zelftoets.clean_name(["naam"]) == ""


# --------------------------------------------------------------------------- oefenmodus


EXAMPLES = {
    "doelen": _voorbeelden.DOELEN_VOORBEELD,
    "resources": _voorbeelden.RESOURCES_VOORBEELD,
    "bijeenkomst": _voorbeelden.BIJEENKOMST_VOORBEELD,
    "casus": _voorbeelden.CASUS_VOORBEELD,
    "teamreflectie": _voorbeelden.TEAMREFLECTIE_VOORBEELD,
}


@pytest.mark.parametrize("sheet_id", EXAMPLES)
def test_example_answers_fit_their_worksheet_and_need_no_tips(sheet_id: str) -> None:
    sheet = load_registry()[sheet_id]
    answers: Answers = check_answers(sheet, EXAMPLES[sheet_id])  # raises when a field is wrong
    assert normalize(sheet, EXAMPLES[sheet_id]) == answers
    assert sheet.hints(answers) == []  # a good example gets no tips


def test_own_worksheets_offer_their_example_in_practice_mode() -> None:
    registry = load_registry()
    assert registry["casus"].example is _voorbeelden.CASUS_VOORBEELD
    assert registry["teamreflectie"].example is _voorbeelden.TEAMREFLECTIE_VOORBEELD


def test_the_example_case_has_nothing_identifying() -> None:
    for value in _voorbeelden.CASUS_VOORBEELD.values():
        if isinstance(value, str):
            assert find_identifiers(value) == [], value


def test_map_links_to_the_example_goals() -> None:
    goals = {goal["doel"] for goal in _voorbeelden.DOELEN_VOORBEELD["doelen"]}
    linked = {g for person in _voorbeelden.RESOURCES_VOORBEELD["personen"]
              for g in person["helpt_bij"]}
    assert linked and linked <= goals
