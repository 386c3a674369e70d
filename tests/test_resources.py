"""Unit tests for the worksheet "Resources in kaart": declarations, hints, summary, views,
goal choices, snapshots, documents, and the PDF exports through the bridge."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from worksheets import resources
from worksheets.engine import bridge
from worksheets.engine.documents import (
    DocumentError,
    dump_document,
    normalize,
    parse_document,
)
from worksheets.engine.pdf import blank_pdf
from worksheets.engine.render import render_worksheet
from worksheets.engine.schema import Choice, Group, Hint

SHEET = resources.WORKSHEET
ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"
GOALS = ["Ik wil weer elke week zwemmen", "Ik wil mijn post op orde hebben",
         "Ik wil een vriend vaker zien"]
CONTEXT = {"doelen": {"doelen": [{"doel": goal} for goal in GOALS]}}
NOTE = "We maken vaak ruzie over geld."


def block(**values: Any) -> dict[str, Any]:
    item = SHEET.field("personen").empty_item()  # type: ignore[attr-defined]
    item.update(values)
    return item


def answers(*blocks: dict[str, Any]) -> dict[str, Any]:
    return normalize(SHEET, {"personen": list(blocks)})


FILLED = answers(
    block(naam="Anna", relatie="zus", sector="familie", nabijheid="heel_dichtbij",
          soort="informeel", helpt_bij=[GOALS[0]], contact="doet_mee", voorgedragen=True),
    block(naam="Mama", relatie="moeder", sector="familie", nabijheid="dichtbij",
          spanning=NOTE, gesprek_eerst=True, voorgedragen=False),
    block(naam="Casemanager Eva", sector="ggz", nabijheid="dichtbij", soort="formeel",
          helpt_bij=[GOALS[1], "Een doel dat weg is"], contact="gevraagd", voorgedragen=True),
    block(naam="Buurvrouw Ria", sector="buurt", nabijheid="verder_weg",
          helpt_bij_tekst="Een oogje in het zeil"),
)


# --------------------------------------------------------------------------- declarations


def test_declaration() -> None:
    assert SHEET.id == "resources" and SHEET.title == "Resources in kaart"
    assert SHEET.schema_version == 1 and SHEET.uses == ("doelen",)
    assert SHEET.snapshots and SHEET.compare is not None
    group = SHEET.field("personen")
    assert isinstance(group, Group) and group.max_items >= 60
    ids = [member.id for member in group.fields]
    assert ids == ["naam", "relatie", "sector", "nabijheid", "soort", "helpt_bij",
                   "helpt_bij_tekst", "contact", "spanning", "gesprek_eerst", "voorgedragen"]
    members = {member.id: member for member in group.fields}
    helps = members["helpt_bij"]
    assert isinstance(helps, Choice) and helps.multiple and helps.dynamic
    sector = members["sector"]
    assert isinstance(sector, Choice) and len(sector.options) == 7
    ring = members["nabijheid"]
    assert isinstance(ring, Choice) and ring.layout == "row"
    assert [o.label for o in ring.options] == ["Heel dichtbij", "Dichtbij", "Verder weg"]
    assert [(e.id, e.filename) for e in SHEET.exports] == [
        ("kaart", "netwerkkaart"), ("leeg", "lege-netwerkkaart")]
    assert [o.value for o in SHEET.exports[0].options] == ["zonder_notities"]
    assert SHEET.exports[0].options[0].label == "Zonder persoonlijke notities"


def test_intro_section_has_a_prompt_for_every_sector() -> None:
    intro = SHEET.sections[0].intro
    for label in ("Familie:", "Vrienden:", "Buurt, club of gemeenschap:",
                  "Werk, school of dagbesteding:", "Ervaringsdeskundigen en vrijwilligers:",
                  "Professionals in de ggz:", "Professionals voor wonen, geld of werk:"):
        assert label in intro
    assert "Denk je dat je niemand hebt?" in intro
    # on the page the prompts are a list, one sector per item, not one long paragraph
    html = str(render_worksheet(SHEET, "leeg.pdf"))
    start = html.index("Denk je dat je niemand hebt?")
    listed = html[html.index("<ul", start):html.index("</ul>", start)]
    assert listed.count("<li>") == 7 and "<li>Familie: " in listed


def test_page_renders_with_exports_and_versions() -> None:
    html = render_worksheet(SHEET, "resources-leeg.pdf")
    assert 'data-uses="doelen"' in html
    assert 'data-dynamic="personen.helpt_bij"' in html
    assert "Netwerkkaart (PDF)" in html and "Zonder persoonlijke notities" in html
    assert "Lege netwerkkaart (PDF)" in html and "Bewaar deze versie" in html


def test_blank_pdf_for_paper() -> None:
    reader = PdfReader(io.BytesIO(blank_pdf(SHEET, FONTS)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Resources in kaart" in text and "Persoon 1" in text and "Heel dichtbij" in text


# --------------------------------------------------------------------------- hints, summary


def hint_messages(found: list[Hint], path: str = "") -> list[str]:
    return [hint.message for hint in found if hint.path == path]


def test_hints_ask_for_sector_ring_and_a_talk_first() -> None:
    found = SHEET.hints(answers(
        block(naam="Anna"),
        block(naam="Mo", sector="vrienden", nabijheid="dichtbij", spanning="Oud zeer",
              voorgedragen=True),
    ))
    assert hint_messages(found, "personen.0.sector") == [
        "Kies een sector, dan komt Anna op de kaart."]
    assert hint_messages(found, "personen.0.nabijheid") == [
        "Hoe dichtbij staat Anna? Dan komt die op de kaart."]
    assert hint_messages(found, "personen.1.gesprek_eerst")[0].startswith(
        "Je wilt Mo vragen en er is spanning.")
    assert any("Nog maar een paar namen?" in m for m in hint_messages(found))


def test_hints_for_groups_of_only_professionals_and_no_choice_yet() -> None:
    pros = answers(*[block(naam=f"Pro {i}", sector="ggz", nabijheid="dichtbij",
                           voorgedragen=i < 2) for i in range(5)])
    assert any("alleen mensen die het voor hun werk doen" in m
               for m in hint_messages(SHEET.hints(pros)))
    nobody = answers(*[block(naam=f"Vriend {i}", sector="vrienden", nabijheid="dichtbij")
                       for i in range(5)])
    assert any("Wie wil je vragen" in m for m in hint_messages(SHEET.hints(nobody)))
    assert SHEET.hints(answers()) == []


def test_summary() -> None:
    blocks = {b.title: b for b in SHEET.summary(FILLED)}
    assert blocks["Wie je wilt vragen voor je resourcegroep"].lines == (
        "Anna (zus) · doet mee", "Casemanager Eva · gevraagd")
    assert blocks["Hoe dichtbij"].lines == ("Heel dichtbij: Anna",
                                            "Dichtbij: Mama, Casemanager Eva",
                                            "Verder weg: Buurvrouw Ria")
    assert blocks["Per sector"].lines == ("Familie: 2", "Buurt en club: 1", "Ggz: 1")
    assert blocks["Eerst een gesprek"].lines == ("Mama",)
    empty = {b.title: b for b in SHEET.summary(answers())}
    assert empty["Hoe dichtbij"].lines == ()


# --------------------------------------------------------------------------- views, choices


def test_choices_offer_the_saved_goals() -> None:
    options = SHEET.choices(FILLED, CONTEXT)["personen.helpt_bij"]
    assert [(o.value, o.label) for o in options] == [(g, g) for g in GOALS]
    assert SHEET.choices(FILLED, {})["personen.helpt_bij"] == ()


def test_views_with_goals() -> None:
    views = {v.id: v for v in SHEET.views(FILLED, CONTEXT)}
    assert list(views) == ["kaart", "tabel", "doelen", "ideeen"]
    assert "<svg" in views["kaart"].html and 'data-mensen="4"' in views["kaart"].html
    assert views["tabel"].html.count('scope="row"') == 4
    goals = views["doelen"].html
    assert "Ik wil weer elke week zwemmen" in goals and "Anna (zus)" in goals
    assert "Doelen waarbij nog niemand staat" in goals and GOALS[2] in goals
    assert "Een doel dat weg is" in goals and "Een oogje in het zeil" in goals
    assert "Werk, school of dagbesteding" in views["ideeen"].html


def test_views_without_goals_or_people() -> None:
    views = {v.id: v for v in SHEET.views(answers(), {})}
    assert list(views) == ["kaart", "tabel", "doelen"]
    assert "Vul hierboven een naam in" in views["kaart"].html
    assert "Doelen formuleren" in views["doelen"].html


def test_bridge_evaluate_returns_views_and_choices() -> None:
    outcome = json.loads(bridge.evaluate("resources", json.dumps(FILLED), json.dumps(CONTEXT)))
    assert [v["id"] for v in outcome["views"]] == ["kaart", "tabel", "doelen", "ideeen"]
    assert [o["value"] for o in outcome["choices"]["personen.helpt_bij"]] == GOALS
    assert "Anna (zus) · doet mee" in outcome["summary_html"]
    assert outcome["hints"] == []


def test_bridge_compare_versions() -> None:
    older = answers(block(naam="Anna", sector="familie", nabijheid="verder_weg"))
    outcome = json.loads(bridge.compare_versions("resources", json.dumps(older),
                                                 json.dumps(FILLED)))
    assert "Dichterbij gekomen" in outcome["html"] and "Nieuw op de kaart" in outcome["html"]


# --------------------------------------------------------------------------- documents


def test_document_round_trip_keeps_goal_links_no_longer_offered() -> None:
    text = dump_document(SHEET, FILLED, "2026-11-22T10:00:00Z")
    restored = parse_document(SHEET, text)
    assert restored == FILLED
    assert restored["personen"][2]["helpt_bij"] == [GOALS[1], "Een doel dat weg is"]


def test_newer_documents_and_bad_values_are_refused() -> None:
    document = json.loads(dump_document(SHEET, FILLED, ""))
    with pytest.raises(DocumentError, match="nieuwere versie"):
        parse_document(SHEET, json.dumps({**document, "schema_version": 2}))
    document["answers"]["personen"][0]["sector"] = "ruimte"
    with pytest.raises(DocumentError, match="Sector"):
        parse_document(SHEET, json.dumps(document))


def test_sixty_people_fit_in_one_document() -> None:
    many = answers(*[block(naam=f"Persoon {i}", sector="familie", nabijheid="dichtbij")
                     for i in range(60)])
    assert len(parse_document(SHEET, dump_document(SHEET, many, ""))["personen"]) == 60


# --------------------------------------------------------------------------- exports


def export(answers_: dict[str, Any], options: list[str], export_id: str = "kaart",
           context: dict[str, Any] | None = None) -> tuple[PdfReader, str]:
    data = bridge.export_pdf("resources", json.dumps(answers_), "2026-11-22", "",
                             str(FONTS), export_id, json.dumps(options),
                             json.dumps(CONTEXT if context is None else context))
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_map_pdf_holds_map_table_goals_and_notes() -> None:
    reader, text = export(FILLED, [])
    assert reader.metadata.title == "Netwerkkaart"
    flat_text = flat(text)
    for expected in ("Mijn netwerkkaart", "Anna", "Casemanager Eva", "Buurvrouw Ria",
                     "Iedereen op een rij", "Wie helpt bij welk doel",
                     f"{GOALS[0]}: Anna (zus)", "Doelen waarbij nog niemand staat", GOALS[2],
                     "Spanning en zorgen", NOTE, "Streepjeslijn", "Pagina 1 van"):
        assert expected in flat_text, expected


def test_map_pdf_without_personal_notes() -> None:
    _, text = export(FILLED, ["zonder_notities"])
    flat_text = flat(text)
    assert NOTE not in flat_text and "ruzie" not in flat_text
    assert "Spanning" not in flat_text and "Streepjeslijn" not in flat_text
    assert "Zonder persoonlijke notities" in flat_text
    assert "Anna" in flat_text and GOALS[0] in flat_text


def test_unknown_options_are_ignored() -> None:
    _, text = export(FILLED, ["iets_anders"])
    assert NOTE in flat(text)


def test_map_pdf_without_goals_or_people() -> None:
    _, text = export(answers(), [], context={})
    flat_text = flat(text)
    assert "Nog niemand ingevuld." in flat_text
    assert "Er zijn nog geen doelen bewaard" in flat_text


def test_blank_map_export() -> None:
    reader, text = export(answers(), [], "leeg")
    assert len(reader.pages) == 2
    flat_text = flat(text)
    for expected in ("Mijn netwerkkaart", "Familie", "Heel dichtbij", "Namen", "Wie is het?"):
        assert expected in flat_text
