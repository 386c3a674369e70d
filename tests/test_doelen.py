"""Unit tests for the "Doelen formuleren" worksheet: hints, summary, and the bridge calls."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from worksheets import doelen
from worksheets.engine import bridge
from worksheets.engine.documents import dump_document, new_document, normalize
from worksheets.engine.render import INDEX, render_worksheet
from worksheets.engine.schema import Answers, Hint

SHEET = doelen.WORKSHEET
ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"

PHRASE_TIP = ("Tip: schrijf je doel op als iets wat je wilt doen of bereiken. "
              "Bijvoorbeeld: ‘Ik wil weer met de bus naar mijn werk.’")
NEGATIVE_TIP = "Je doel zegt wat je niet meer wilt. Wat wil je in plaats daarvan doen of bereiken?"
LATER_STEP_TIP = ("Dit is een doel voor later. Welke kleine stap kun je de komende weken al "
                  "zetten?")
NO_STEP_TIP = "Wat is een eerste kleine stap voor dit doel?"
SMALLER_TIP = "Kun je de eerste stap kleiner maken? Kies iets wat je binnen een week kunt doen."
CONCRETE_TIP = ("Maak de stap zo concreet mogelijk: wat doe je, en wanneer? "
                "Bijvoorbeeld: ‘Dinsdag bel ik de bibliotheek.’")
ALL_LATER = "Al je doelen zijn voor later. Een doel voor de komende maanden helpt je op weg."


def goal(**values: str) -> dict[str, str]:
    item = SHEET.field("doelen").empty_item()  # type: ignore[attr-defined]
    item.update(values)
    return item


def answers(*goals: dict[str, str], **fields: Any) -> Answers:
    return normalize(SHEET, {**fields, "doelen": list(goals)})


def covered(*goals: dict[str, str]) -> list[dict[str, str]]:
    """``goals`` plus goals that cover every dimension, so no dimension hints appear."""
    extra = [goal(doel="Ik wil weer gaan werken", gebied=area, termijn="kort",
                  eerste_stap="Morgen bel ik het UWV")
             for area in ("persoonlijk", "maatschappelijk", "gezondheid")]
    return [*goals, *extra]


def hints_for(*goals: dict[str, str], **fields: Any) -> list[Hint]:
    return SHEET.hints(answers(*goals, **fields))


def messages_at(found: list[Hint], path: str) -> list[str]:
    return [hint.message for hint in found if hint.path == path]


# --------------------------------------------------------------------------- the declaration


def test_worksheet_declaration() -> None:
    assert SHEET.id == "doelen"
    assert SHEET.title == "Doelen formuleren"
    assert SHEET.schema_version == 1
    assert SHEET.summary_title == "Mijn doelen op een rij"
    assert [f.id for f in SHEET.fields()] == ["moeilijk", "ideeen", "geprobeerd", "doelen"]
    assert list(SHEET.field("doelen").empty_item()) == [  # type: ignore[attr-defined]
        "doel", "gebied", "termijn", "waarom", "eerste_stap", "zelf", "hulp", "merken",
    ]
    assert bridge.registry()["doelen"] is SHEET


# --------------------------------------------------------------------------- goal phrasing


@pytest.mark.parametrize("text", ["Rust", "Werk", "Meer vrienden", "Een baan", "Gezondheid"])
def test_a_goal_phrased_as_a_noun_gets_the_phrasing_tip(text: str) -> None:
    found = hints_for(*covered(goal(doel=text, termijn="kort", eerste_stap="Morgen bel ik")))
    assert messages_at(found, "doelen.0.doel") == [PHRASE_TIP]


def test_minder_angst_gets_a_tip_to_say_what_to_do() -> None:
    # "Minder ..." counts as saying what the client no longer wants; that tip also asks
    # what they want to do or reach instead.
    found = hints_for(*covered(goal(doel="Minder angst", termijn="kort",
                                    eerste_stap="Morgen bel ik")))
    assert messages_at(found, "doelen.0.doel") == [NEGATIVE_TIP]
    assert "doen of bereiken" in NEGATIVE_TIP


@pytest.mark.parametrize("text", ["geen ruzie meer", "Geen ruzie meer met mijn buren",
                                  "  Niet meer piekeren", "Nooit meer drinken",
                                  "Stoppen met roken"])
def test_a_goal_phrased_as_what_not_to_do_gets_the_niet_meer_tip(text: str) -> None:
    found = hints_for(*covered(goal(doel=text, termijn="kort", eerste_stap="Morgen bel ik")))
    assert messages_at(found, "doelen.0.doel") == [NEGATIVE_TIP]


@pytest.mark.parametrize("text", ["Ik wil weer elke week gaan zwemmen", "Weer gaan werken",
                                  "Zelf boodschappen doen", "Ik wil één keer per week naar "
                                  "het café"])
def test_a_goal_phrased_as_something_to_do_gets_no_phrasing_hint(text: str) -> None:
    found = hints_for(*covered(goal(doel=text, termijn="kort", eerste_stap="Morgen bel ik")))
    assert messages_at(found, "doelen.0.doel") == []
    assert found == []


@pytest.mark.parametrize("text", ["Een eigen huis", "Meer contact met mijn kinderen"])
def test_noun_phrases_with_en_words_get_the_phrasing_tip(text: str) -> None:
    found = hints_for(*covered(goal(doel=text, termijn="kort", eerste_stap="Morgen bel ik")))
    assert messages_at(found, "doelen.0.doel") == [PHRASE_TIP]


# --------------------------------------------------------------------------- first step


def test_no_first_step_on_a_long_term_goal_gets_the_doel_voor_later_tip() -> None:
    found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn="lang")))
    assert messages_at(found, "doelen.0.eerste_stap") == [LATER_STEP_TIP]


@pytest.mark.parametrize("term", ["kort", ""])
def test_no_first_step_on_other_goals_asks_for_one(term: str) -> None:
    found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn=term)))
    assert messages_at(found, "doelen.0.eerste_stap") == [NO_STEP_TIP]


def test_a_long_vague_first_step_gets_the_kleiner_tip() -> None:
    step = ("Ik ga proberen om op een of andere manier wat vaker te bewegen en gezonder te "
            "eten enzovoort")
    assert len(step.split()) > 15
    found = hints_for(*covered(goal(doel="Ik wil fitter worden", termijn="kort",
                                    eerste_stap=step)))
    assert messages_at(found, "doelen.0.eerste_stap") == [SMALLER_TIP]
    assert "kleiner" in SMALLER_TIP


def test_first_step_length_limit_is_fifteen_words() -> None:
    fifteen = "Dinsdag bel ik de bibliotheek om te vragen of ik kan komen helpen met boeken"
    assert len(fifteen.split()) == 15
    sixteen = fifteen + " opruimen"

    def step_hints(step: str) -> list[str]:
        found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn="kort",
                                        eerste_stap=step)))
        return messages_at(found, "doelen.0.eerste_stap")

    assert step_hints(fifteen) == []
    assert step_hints(sixteen) == [SMALLER_TIP]


@pytest.mark.parametrize("step", ["Dinsdag bel ik de bibliotheek", "Morgen mail ik mijn coach",
                                  "Ik vraag Anna of ze meegaat", "Om 10 uur een rondje lopen",
                                  "Volgende week schrijf ik een brief"])
def test_a_concrete_first_step_gets_no_step_hint(step: str) -> None:
    found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn="kort",
                                    eerste_stap=step)))
    assert messages_at(found, "doelen.0.eerste_stap") == []


@pytest.mark.parametrize("step", ["Meer rust nemen", "Iets aan mijn gezondheid doen"])
def test_a_short_vague_first_step_gets_the_concrete_tip(step: str) -> None:
    found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn="kort",
                                    eerste_stap=step)))
    assert messages_at(found, "doelen.0.eerste_stap") == [CONCRETE_TIP]


@pytest.mark.parametrize("step", ["Nadenken over wat ik belangrijk vind", "Vaker de natuur in",
                                  "Uitzoeken wat er verkeerd gaat"])
def test_vague_steps_with_lookalike_words_get_the_concrete_tip(step: str) -> None:
    found = hints_for(*covered(goal(doel="Ik wil weer werken", termijn="kort",
                                    eerste_stap=step)))
    assert messages_at(found, "doelen.0.eerste_stap") == [CONCRETE_TIP]


# --------------------------------------------------------------------------- general hints


def test_all_goals_long_term_gives_a_general_hint() -> None:
    found = hints_for(
        goal(doel="Ik wil weer werken", gebied="maatschappelijk", termijn="lang",
             eerste_stap="Morgen bel ik het UWV"),
        goal(doel="Ik wil beter slapen", gebied="gezondheid", termijn="lang",
             eerste_stap="Vanavond ga ik om 11 uur naar bed"),
        goal(doel="Ik wil weten wat ik belangrijk vind", gebied="persoonlijk", termijn="lang",
             eerste_stap="Zaterdag schrijf ik drie dingen op"),
    )
    assert found == [Hint(ALL_LATER)]


@pytest.mark.parametrize("terms", [("lang", "kort"), ("lang", ""), ("",)])
def test_no_general_hint_unless_every_goal_is_long_term(terms: tuple[str, ...]) -> None:
    goals = [goal(doel="Ik wil weer werken", termijn=t, eerste_stap="Morgen bel ik")
             for t in terms]
    assert ALL_LATER not in [h.message for h in hints_for(*goals)]


def test_a_missing_dimension_is_mentioned_neutrally() -> None:
    found = hints_for(goal(doel="Ik wil beter slapen", gebied="gezondheid", termijn="kort",
                           eerste_stap="Vanavond ga ik om 11 uur naar bed"))
    assert found == [
        Hint("Je hebt nog geen doel bij persoonlijk herstel. Dat hoeft niet; kijk gerust of "
             "er iets bij past."),
        Hint("Je hebt nog geen doel bij maatschappelijk herstel. Dat hoeft niet; kijk gerust "
             "of er iets bij past."),
    ]


def test_a_goal_without_dimension_leaves_all_three_open() -> None:
    found = hints_for(goal(doel="Ik wil weer werken", termijn="kort",
                           eerste_stap="Morgen bel ik het UWV"))
    assert [h.message.split(".")[0] for h in found] == [
        "Je hebt nog geen doel bij persoonlijk herstel",
        "Je hebt nog geen doel bij maatschappelijk herstel",
        "Je hebt nog geen doel bij herstel van gezondheid",
    ]
    assert all(h.path == "" for h in found)


def test_all_three_dimensions_covered_gives_no_dimension_hint() -> None:
    assert hints_for(*covered()) == []


def test_no_hints_at_all_for_empty_answers() -> None:
    assert SHEET.hints(SHEET.empty_answers()) == []
    assert SHEET.hints(normalize(SHEET, {})) == []
    assert hints_for(goal(), goal()) == []
    # Only a dimension or a helper does not make a goal yet.
    assert hints_for(goal(gebied="persoonlijk", termijn="lang", hulp="Anna")) == []
    # The other parts of the worksheet never give hints.
    assert hints_for(moeilijk=["Slapen"], ideeen="Wandelen", geprobeerd="Pillen") == []


def test_hint_order_per_goal_then_general() -> None:
    found = hints_for(goal(doel="Rust", termijn="lang"), goal(doel="Minder angst",
                                                               termijn="lang"))
    assert [(h.path, h.message) for h in found[:4]] == [
        ("doelen.0.doel", PHRASE_TIP), ("doelen.0.eerste_stap", LATER_STEP_TIP),
        ("doelen.1.doel", NEGATIVE_TIP), ("doelen.1.eerste_stap", LATER_STEP_TIP),
    ]
    assert found[4] == Hint(ALL_LATER)
    assert len(found) == 8  # plus the three open dimensions


class HintTargets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paths: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        path = dict(attrs).get("data-hint-for")
        if path:
            self.paths.add(path)


def test_hints_point_at_existing_paths() -> None:
    goals = [goal(), goal(doel="Rust", termijn="lang"), goal(),
             goal(doel="Ik wil weer werken", eerste_stap="Meer rust nemen")]
    found = hints_for(*goals)
    paths = [h.path for h in found if h.path]
    assert paths == ["doelen.1.doel", "doelen.1.eerste_stap", "doelen.3.eerste_stap"]
    parser = HintTargets()
    parser.feed(str(render_worksheet(SHEET, "leeg.pdf")))
    assert "doelen.__I__.doel" in parser.paths
    for path in paths:
        name, index, member = path.split(".")
        assert int(index) < len(goals)
        assert f"{name}.{INDEX}.{member}" in parser.paths, path


# --------------------------------------------------------------------------- summary


def summary_of(*goals: dict[str, str], **fields: Any) -> dict[str, tuple[str, ...]]:
    return {block.title: block.lines for block in SHEET.summary(answers(*goals, **fields))}


def test_summary_of_nothing_has_the_empty_texts() -> None:
    blocks = SHEET.summary(SHEET.empty_answers())
    assert [(b.title, b.lines, b.empty_text) for b in blocks] == [
        ("Wat het belangrijkst is", (), "Je hebt nog niet opgeschreven wat moeilijk is."),
        ("Doelen voor de komende maanden", (), "Nog geen doel voor de komende maanden."),
        ("Doelen voor later", (), "Nog geen doel voor later."),
        ("Mijn eerste stappen", (), "Nog geen eerste stappen."),
        ("Wie kan helpen", (), "Nog niemand genoemd."),
    ]
    assert SHEET.summary(answers(goal(), goal(gebied="persoonlijk"))) == blocks


def test_summary_lists_at_most_five_problems_in_order_and_numbered() -> None:
    problems = ["  Slecht slapen ", "", "Contact met Zoë", "   ", "Geld", "Het café",
                "Alleen zijn", "Werk vinden"]
    assert summary_of(moeilijk=problems)["Wat het belangrijkst is"] == (
        "1. Slecht slapen", "2. Contact met Zoë", "3. Geld", "4. Het café", "5. Alleen zijn",
    )
    assert summary_of(moeilijk=["Eén ding"])["Wat het belangrijkst is"] == ("1. Eén ding",)


def test_summary_splits_goals_by_term() -> None:
    blocks = summary_of(
        goal(doel="Ik wil zwemmen", gebied="gezondheid", termijn="kort"),
        goal(doel="Ik wil een eigen huis", gebied="maatschappelijk", termijn="lang"),
        goal(doel="Ik wil weten wie ik ben", termijn="kort"),
        goal(doel="Ik wil weer lezen", gebied="persoonlijk"),
        goal(waarom="Omdat het moet", termijn="lang"),
    )
    assert list(blocks) == ["Wat het belangrijkst is", "Doelen voor de komende maanden",
                            "Doelen voor later", "Doelen zonder termijn", "Mijn eerste stappen",
                            "Wie kan helpen"]
    assert blocks["Doelen voor de komende maanden"] == (
        "Ik wil zwemmen (herstel van gezondheid)", "Ik wil weten wie ik ben",
    )
    assert blocks["Doelen voor later"] == (
        "Ik wil een eigen huis (maatschappelijk herstel)", "Doel 5 (nog zonder naam)",
    )
    assert blocks["Doelen zonder termijn"] == ("Ik wil weer lezen (persoonlijk herstel)",)


def test_summary_has_no_block_for_goals_without_term_when_there_are_none() -> None:
    assert "Doelen zonder termijn" not in summary_of(goal(doel="Ik wil zwemmen",
                                                          termijn="kort"))


def test_summary_lists_first_steps_and_helpers() -> None:
    blocks = summary_of(
        goal(doel=" Ik wil zwemmen ", termijn="kort", eerste_stap=" Dinsdag bel ik het bad ",
             hulp=" mijn zus Anna "),
        goal(doel="Ik wil werken", termijn="lang", hulp="de buurvrouw"),
        goal(eerste_stap="Morgen mail ik Zoë"),
    )
    assert blocks["Mijn eerste stappen"] == (
        "Ik wil zwemmen: Dinsdag bel ik het bad",
        "Doel 3 (nog zonder naam): Morgen mail ik Zoë",
    )
    assert blocks["Wie kan helpen"] == ("Ik wil zwemmen: mijn zus Anna",
                                        "Ik wil werken: de buurvrouw")


def test_unnamed_goals_keep_the_number_the_form_shows() -> None:
    # The form labels blocks by position; the summary and the PDF must use the same numbers.
    goals = [goal(gebied="persoonlijk"), goal(eerste_stap="Dinsdag bel ik de bibliotheek")]
    blocks = summary_of(*goals)
    assert blocks["Mijn eerste stappen"] == (
        "Doel 2 (nog zonder naam): Dinsdag bel ik de bibliotheek",
    )
    assert summary_of(goal(), *goals)["Mijn eerste stappen"] == (
        "Doel 3 (nog zonder naam): Dinsdag bel ik de bibliotheek",
    )
    text = pdf_text(bridge.export_pdf("doelen", json.dumps({"doelen": goals}), "2026-11-22",
                                      font_dir=str(FONTS)))
    lines = [line.strip() for line in text.splitlines()]
    assert lines.index("Doel 2") < lines.index("Dinsdag bel ik de bibliotheek")
    assert "• Doel 2 (nog zonder naam): Dinsdag bel ik de bibliotheek" in lines


# --------------------------------------------------------------------------- bridge


FULL: Answers = answers(
    goal(doel="Ik wil één keer per week met Zoë naar het café", gebied="maatschappelijk",
         termijn="kort", waarom="Ik mis Zoë.\nEn het café.", eerste_stap="Dinsdag bel ik Zoë",
         hulp="mijn zus Anna"),
    goal(doel="Minder angst", termijn="lang"),
    moeilijk=["Contact met Zoë", "één ding tegelijk", "Naar het café 😀"],
    ideeen="Eerst wandelen.\n\nDaarna het café.",
)


def test_bridge_evaluate_gives_hints_and_summary_html() -> None:
    result = json.loads(bridge.evaluate("doelen", json.dumps(FULL)))
    assert set(result) == {"hints", "summary_html", "views", "choices"}
    assert result["views"] == [] and result["choices"] == {}
    assert {"path": "doelen.1.doel", "message": NEGATIVE_TIP} in result["hints"]
    assert {"path": "doelen.1.eerste_stap", "message": LATER_STEP_TIP} in result["hints"]
    assert all(set(h) == {"path", "message"} for h in result["hints"])
    html = result["summary_html"]
    assert "<h3>Wat het belangrijkst is</h3>" in html
    assert "<li>1. Contact met Zoë</li>" in html
    assert "<li>Ik wil één keer per week met Zoë naar het café: Dinsdag bel ik Zoë</li>" in html


def test_bridge_evaluate_escapes_user_text() -> None:
    evil = answers(goal(doel="<script>alert(1)</script>", termijn="kort"),
                   moeilijk=['<img src=x onerror="alert(1)">'])
    html = json.loads(bridge.evaluate("doelen", json.dumps(evil)))["summary_html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("garbage", ["{niet json", "", "null", "[1, 2]", '"tekst"', "NaN",
                                     '{"doelen": "geen lijst", "moeilijk": [1]}'])
def test_bridge_evaluate_never_fails_on_garbage(garbage: str) -> None:
    result = json.loads(bridge.evaluate("doelen", garbage))
    assert result["hints"] == []
    assert "Je hebt nog niet opgeschreven wat moeilijk is." in result["summary_html"]


def test_bridge_unknown_worksheet() -> None:
    with pytest.raises(ValueError, match="Onbekend werkblad: 'bestaat-niet'"):
        bridge.evaluate("bestaat-niet", "{}")
    with pytest.raises(ValueError, match="Onbekend werkblad"):
        bridge.import_answers("bestaat-niet", "{}")


def test_bridge_import_round_trip() -> None:
    text = dump_document(SHEET, FULL, "2026-11-22T10:00:00Z")
    result = json.loads(bridge.import_answers("doelen", text))
    assert result == {"ok": True, "answers": FULL}
    again = json.loads(bridge.evaluate("doelen", json.dumps(result["answers"])))
    assert again == json.loads(bridge.evaluate("doelen", json.dumps(FULL)))


def test_bridge_import_fills_missing_fields() -> None:
    text = json.dumps(new_document(SHEET, {"ideeen": "Zoë"}))
    result = json.loads(bridge.import_answers("doelen", text))
    assert result["ok"] is True
    assert result["answers"] == {**SHEET.empty_answers(), "ideeen": "Zoë"}


def refusal(text: str) -> str:
    raw = bridge.import_answers("doelen", text)
    result = json.loads(raw)
    assert result["ok"] is False
    assert set(result) == {"ok", "message"}
    assert "\\u" not in raw  # readable UTF-8, not escaped
    return result["message"]


def test_bridge_import_of_a_foreign_file_is_refused_in_dutch() -> None:
    other = {**new_document(SHEET), "worksheet": "alle-velden"}
    message = refusal(json.dumps(other))
    assert message == ("Dit bestand hoort bij een ander werkblad ('alle-velden'), niet bij "
                       "‘Doelen formuleren’.")
    assert refusal(json.dumps({"naam": "Zoë"})) == (
        "Dit is geen antwoordbestand van een werkblad van deze site."
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("{niet json", "Dit bestand komt niet van deze site, of het is beschadigd (fout op regel 1, "
                   "teken 2)."),
    ("", "Dit bestand komt niet van deze site, of het is beschadigd (fout op regel 1, teken 1)."),
    ('{"format": NaN}', "Het bestand bevat een ongeldig getal (NaN)."),
    ('{"__proto__": {}}', "Het bestand bevat een niet toegestane naam ('__proto__')."),
    ('{"a": 1, "a": 2}', "Het bestand bevat de naam 'a' twee keer."),
])
def test_bridge_import_of_a_broken_file_is_refused_in_dutch(text: str, expected: str) -> None:
    assert refusal(text) == expected


def test_bridge_import_refuses_newer_and_wrong_answers() -> None:
    newer = json.dumps({**new_document(SHEET), "schema_version": 2})
    assert "nieuwere versie van dit werkblad" in refusal(newer)
    wrong = json.dumps(new_document(SHEET, {"moeilijk": "één ding"}))
    assert refusal(wrong) == ("Het bestand past niet bij dit werkblad: Wat vind je nu moeilijk?:"
                              " moet een lijst met teksten zijn.")


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_bridge_export_pdf_round_trip() -> None:
    imported = json.loads(bridge.import_answers(
        "doelen", dump_document(SHEET, FULL, "2026-11-22T10:00:00Z")))["answers"]
    data = bridge.export_pdf("doelen", json.dumps(imported), "2026-11-22",
                             saved_at="22 november 2026 om 10:00", font_dir=str(FONTS))
    assert isinstance(data, bytes)
    text = pdf_text(data)
    flat = re.sub(r"\s+", "", text)
    assert "Gemaakt op 22 november 2026" in text
    assert "Laatst bijgewerkt: 22 november 2026 om 10:00" in text
    for answer in ("Ik wil één keer per week met Zoë naar het café", "Dinsdag bel ik Zoë",
                   "1. Contact met Zoë", "2. één ding tegelijk", "Eerst wandelen.",
                   "Daarna het café.", "Minder angst", "Mijn doelen op een rij"):
        assert re.sub(r"\s+", "", answer) in flat, answer


def test_bridge_export_pdf_of_garbage_answers_is_an_empty_worksheet() -> None:
    text = pdf_text(bridge.export_pdf("doelen", "{kapot", "2026-01-05", font_dir=str(FONTS)))
    assert "Gemaakt op 5 januari 2026" in text
    assert "Laatst bijgewerkt" not in text
    assert text.count("(niet ingevuld)") == 4
