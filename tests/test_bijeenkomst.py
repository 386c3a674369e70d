"""Unit tests for the worksheet "Bijeenkomst voorbereiden": agenda, time, plan and exports."""

from __future__ import annotations

import html as html_module
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from builder.worksheet_pages import page_markdown
from tests.bijeenkomst_scenario import (
    CONTEXT,
    GOALS,
    SECRET_NOTE,
    SECRET_TALK,
    answers,
    block,
    full_answers,
    goal,
    person,
)
from worksheets import _bijeenkomst as logic
from worksheets import bijeenkomst
from worksheets.engine import bridge
from worksheets.engine.documents import check_answers, dump_document, parse_document
from worksheets.engine.pdf import PdfDocument
from worksheets.engine.render import render_worksheet
from worksheets.engine.schema import Answers, Hint

SHEET = bijeenkomst.WORKSHEET
ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "bijeenkomst_v1.json"


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def export(answers_: Answers, export_id: str, context: dict | None = None) -> str:
    document = PdfDocument("Test", "3 maart 2026", FONTS)
    build = next(e.build for e in SHEET.exports if e.id == export_id)
    build(document, answers_, CONTEXT if context is None else context, frozenset())
    return pdf_text(document.output())


# --------------------------------------------------------------------------- the declaration


def test_worksheet_declaration() -> None:
    assert SHEET.id == "bijeenkomst"
    assert SHEET.title == "Bijeenkomst voorbereiden"
    assert SHEET.uses == ("doelen", "resources")
    assert SHEET.schema_version == 1
    assert [e.id for e in SHEET.exports] == ["uitnodiging", "rg-plan"]
    assert [e.filename for e in SHEET.exports] == ["uitnodiging", "rg-plan"]
    assert SHEET.snapshots and SHEET.compare is not None
    assert bridge.registry()["bijeenkomst"] is SHEET
    dynamic = {f"{g.id}.{m.id}" for g in SHEET.fields() for m in getattr(g, "fields", ())
               if getattr(m, "dynamic", False)}
    assert dynamic == set(SHEET.choices(SHEET.empty_answers(), {}))


def test_the_generated_page_front_matter_names_the_worksheet() -> None:
    front = page_markdown(SHEET).split("---")[1]
    assert yaml.safe_load(front) == {"title": SHEET.title, "description": SHEET.description,
                                     "worksheet": "bijeenkomst"}


def test_the_form_renders_with_labels_for_every_field() -> None:
    html = str(render_worksheet(SHEET, "leeg.pdf"))
    assert 'data-worksheet="bijeenkomst"' in html
    for label in ("Hoe heet je groep?", "Kies iemand van je kaart", "Of typ een naam",
                  "Kies een punt uit het voorstel", "Hoeveel minuten?", "Wie doet het?",
                  "Mijn eigen aantekeningen", "Uitnodiging (PDF)", "RG-plan (PDF)"):
        assert label in html, label


# --------------------------------------------------------------------------- agenda proposal


def test_goals_are_in_priority_order_short_term_first() -> None:
    assert [g.text for g in logic.goals_in_priority(CONTEXT)] == [
        "Ik wil weer elke week zwemmen", "Ik wil mijn schulden op een rij",
        "Ik wil een eigen huis", "Ik wil weten wat ik belangrijk vind",
    ]


def test_goals_without_the_goals_worksheet_or_with_repeats() -> None:
    assert logic.goals_in_priority({}) == []
    twice = {"doelen": {"doelen": [goal(" Zwemmen ", "lang"), goal("Zwemmen", "kort")]}}
    assert [(g.text, g.term) for g in logic.goals_in_priority(twice)] == [("Zwemmen", "kort")]


def titles(items: list[logic.AgendaItem]) -> list[str]:
    return [item.title for item in items]


def test_the_proposal_for_a_first_meeting() -> None:
    items = logic.propose_agenda(answers(), CONTEXT)
    assert [(i.title, i.minutes) for i in items] == [
        ("Welkom en voorstelronde", 10),
        ("Wat ging er goed de afgelopen tijd?", 5),
        ("Doel: Ik wil weer elke week zwemmen", 10),
        ("Doel: Ik wil mijn schulden op een rij", 10),
        ("Doel: Ik wil een eigen huis", 10),
        ("Doel: Ik wil weten wat ik belangrijk vind", 10),
        ("Afspraken over contact in de groep", 5),
        ("Volgende bijeenkomst en afsluiting", 5),
    ]
    assert items[2].details == ("Eerste stap: Dinsdag bel ik het zwembad",)


def test_the_proposal_without_goals_has_the_usual_items() -> None:
    assert titles(logic.propose_agenda(answers(), {})) == [
        logic.WELCOME, logic.WENT_WELL, logic.CONTACT, logic.CLOSING]


def test_participants_topics_join_the_proposal() -> None:
    items = logic.propose_agenda(full_answers(), CONTEXT)
    topic = next(i for i in items if i.title.startswith("Punt van"))
    assert topic == logic.AgendaItem("Punt van Anna: Wie rijdt er naar het zwembad?", 5, "Anna")
    assert titles(items).index(topic.title) == titles(items).index(logic.CONTACT) - 1


def test_the_proposal_is_offered_as_choices_for_the_agenda() -> None:
    options = SHEET.choices(full_answers(), CONTEXT)["agenda.onderwerp"]
    assert [o.value for o in options] == titles(logic.propose_agenda(full_answers(), CONTEXT))
    assert all(o.label == o.value for o in options)


def adopt_button_value(html: str) -> list[dict] | None:
    found = re.search(r'data-rg-action="fill-field" data-rg-field="agenda" data-rg-value="([^"]*)"',
                      html)
    return json.loads(html_module.unescape(found.group(1))) if found else None


def test_the_proposal_can_be_taken_over_into_an_empty_agenda() -> None:
    html = str(SHEET.views(full_answers() | {"agenda": []}, CONTEXT)[0].html)
    assert "Neem dit voorstel over in ‘Mijn agenda’</button>" in html
    blocks = adopt_button_value(html)
    taken = full_answers() | {"agenda": blocks}
    assert check_answers(SHEET, taken)["agenda"] == blocks  # the form accepts it as it is
    assert logic.own_agenda(taken, CONTEXT) == logic.propose_agenda(taken, CONTEXT)
    assert blocks[0] == {"onderwerp": logic.WELCOME, "eigen": "", "minuten": "10", "wie": ""}
    assert {"onderwerp": "Punt van Anna: Wie rijdt er naar het zwembad?", "eigen": "",
            "minuten": "5", "wie": "Anna"} in blocks


def test_taking_over_the_proposal_never_overwrites_the_clients_agenda() -> None:
    assert adopt_button_value(str(SHEET.views(full_answers(), CONTEXT)[0].html)) is None
    only_who = answers(agenda=[block("agenda", wie="Anna")])  # no topic yet, still hers
    assert adopt_button_value(str(SHEET.views(only_who, CONTEXT)[0].html)) is None
    blank_block = answers(agenda=[block("agenda")])
    assert adopt_button_value(str(SHEET.views(blank_block, CONTEXT)[0].html)) is not None


def test_a_proposal_longer_than_the_agenda_allows_is_cut_to_fit() -> None:
    many = {"doelen": {"doelen": [goal(f"Doel nummer {n}") for n in range(30)]}}
    html = str(SHEET.views(answers(), many)[0].html)
    blocks = adopt_button_value(html)
    assert len(blocks) == bijeenkomst.MY_AGENDA.max_items == 20
    assert check_answers(SHEET, answers(agenda=blocks))["agenda"] == blocks
    # The meeting still ends as it should; what did not fit is named, nothing goes silently.
    assert [b["onderwerp"] for b in blocks[-2:]] == [logic.CONTACT, logic.CLOSING]
    assert blocks[-3]["onderwerp"] == f"{logic.GOAL_PREFIX}Doel nummer 15"
    done = html_module.unescape(re.search(r'data-rg-done="([^"]*)"', html).group(1))
    left = "; ".join(f"{logic.GOAL_PREFIX}Doel nummer {n}" for n in range(16, 30))
    assert done.endswith(f"Er passen 20 punten in. Deze 14 punten staan er niet in: {left}.")


def test_a_proposal_one_point_too_long_names_that_point() -> None:
    goals = {"doelen": {"doelen": [goal(f"Doel {n}") for n in range(17)]}}
    html = str(SHEET.views(answers(), goals)[0].html)
    assert len(adopt_button_value(html)) == 20
    done = html_module.unescape(re.search(r'data-rg-done="([^"]*)"', html).group(1))
    assert done.endswith(f"Dit punt staat er niet in: {logic.GOAL_PREFIX}Doel 16.")


def test_a_point_too_long_for_a_choice_is_taken_over_as_own_text() -> None:
    long_name = "Anna " + "van " * 40 + "Dijk"  # a name from an old file, 169 characters
    guest = block("deelnemers", naam=long_name, eigen_punten="Wie rijdt er? " + "x" * 200)
    blocks = adopt_button_value(str(SHEET.views(answers(deelnemers=[guest]), CONTEXT)[0].html))
    point = next(b for b in blocks if b["eigen"])
    title = f"Punt van {long_name}: Wie rijdt er? " + "x" * 200
    assert point == {"onderwerp": "", "eigen": title[:200], "minuten": "5",
                     "wie": long_name[:80]}
    assert check_answers(SHEET, answers(agenda=blocks))["agenda"] == blocks


def test_hostile_text_in_the_proposal_stays_inside_the_button_value() -> None:
    hostile = '"><script>alert(1)</script>&amp;'
    html = str(SHEET.views(answers(), {"doelen": {"doelen": [goal(hostile)]}})[0].html)
    assert "<script>" not in html
    assert {"onderwerp": f"Doel: {hostile}", "eigen": "", "minuten": "10", "wie": ""} in (
        adopt_button_value(html))


# --------------------------------------------------------------------------- carry-over


def test_open_actions_are_carried_over_to_the_start_of_the_agenda() -> None:
    items = logic.propose_agenda(full_answers(), CONTEXT)
    assert titles(items)[:3] == [logic.WELCOME, logic.LOOK_BACK, logic.WENT_WELL]
    assert items[1].details == (
        "Samen naar het proefzwemmen (Karim, vóór 10 maart 2026)",
        "Alle brieven in één map (Samira en Fatima)",
    )


def test_done_actions_are_not_carried_over() -> None:
    done = answers(afspraken=[block("afspraken", wat="Zwembad bellen", status="klaar"),
                              block("afspraken", wie="Anna", status="open")])
    assert logic.open_actions(done) == []
    assert logic.LOOK_BACK not in titles(logic.propose_agenda(done, CONTEXT))


def test_a_chosen_look_back_keeps_the_open_actions_as_details() -> None:
    own = logic.own_agenda(full_answers(), CONTEXT)
    assert own[1].title == logic.LOOK_BACK
    assert len(own[1].details) == 2


# --------------------------------------------------------------------------- people


def test_only_nominated_people_who_did_not_decline_are_offered() -> None:
    options = SHEET.choices(answers(), CONTEXT)["deelnemers.naam"]
    assert [(o.value, o.label) for o in options] == [
        ("Anna", "Anna (zus)"), ("Karim", "Karim (buurman)"),
        ("Kees", "Kees (regieondersteuner)")]


def test_the_wish_to_talk_first_is_read_under_either_name() -> None:
    for key in ("gesprek_eerst", "eerst_gesprek"):
        context = {"resources": {"personen": [{"naam": "Anna", "voorgedragen": True,
                                               key: True}]}}
        assert logic.map_people(context) == [logic.Person("Anna", first_talk=True)]


def test_without_the_resource_map_names_are_typed() -> None:
    assert SHEET.choices(answers(), {"doelen": GOALS})["deelnemers.naam"] == ()
    typed = answers(deelnemers=[block("deelnemers", andere_naam=" Zoë ", rol="naaste")])
    assert [p.label for p in logic.participants(typed)] == ["Zoë (naaste)"]


def test_the_typed_name_wins_and_gets_a_hint() -> None:
    both = answers(deelnemers=[block("deelnemers", naam="Anna", andere_naam="Anne")])
    assert [p.name for p in logic.participants(both)] == ["Anne"]
    assert Hint("Je hebt een naam gekozen én getypt. In de uitnodiging komt de getypte naam.",
                "deelnemers.0.andere_naam") in SHEET.hints(both)


def test_goals_and_members_are_offered_in_the_plan() -> None:
    offered = SHEET.choices(full_answers(), CONTEXT)
    assert [o.value for o in offered["afspraken.doel"]][:2] == [
        "Ik wil weer elke week zwemmen", "Ik wil mijn schulden op een rij"]
    assert [o.label for o in offered["bijdragen.naam"]] == [
        "Anna (naaste)", "Karim (naaste)", "Kees (regieondersteuner)",
        "Fatima (ervaringsdeskundige)"]


def test_the_people_view_shows_who_is_invited_and_who_wanted_a_talk_first() -> None:
    html = str(SHEET.views(full_answers(), CONTEXT)[2].html)
    assert "<strong>Anna (zus)</strong>: staat bij je deelnemers, doet mee, voorgesprek " \
           "gehad" in html
    assert "<strong>Bram (neef)</strong>: doet liever niet mee" in html
    assert "Oom Piet" not in html and "Lisa" not in html
    missing = str(SHEET.views(answers(), {})[2].html)
    assert '<a href="../resources/">Resources in kaart</a>' in missing


# --------------------------------------------------------------------------- time


@pytest.mark.parametrize(("text", "minutes"), [
    ("19:30", 1170), ("19.30", 1170), ("19u30", 1170), (" 9:05 ", 545), ("19", 1140),
    ("19 uur", 1140), ("0:00", 0), ("24:00", None), ("19:75", None), ("half acht", None),
    ("", None),
])
def test_clock_times_are_read_leniently(text: str, minutes: int | None) -> None:
    assert logic.parse_clock(text) == minutes


def test_meeting_length_and_time_hints() -> None:
    assert logic.meeting_length(answers(begintijd="19:30", eindtijd="20.30")) == 60
    assert logic.meeting_length(answers(begintijd="20:30", eindtijd="19:30")) is None
    assert SHEET.hints(answers(begintijd="half acht", eindtijd="19:00")) == [
        Hint("Schrijf de begintijd als uren en minuten, bijvoorbeeld 19:30.", "begintijd")]
    assert SHEET.hints(answers(begintijd="20:30", eindtijd="19:30")) == [
        Hint("De eindtijd is niet later dan de begintijd. Klopt dat?", "eindtijd")]
    long = SHEET.hints(answers(begintijd="10:00", eindtijd="13:00"))
    assert [h.path for h in long] == ["eindtijd"]
    assert long[0].message.startswith("De bijeenkomst duurt 180 minuten. Meestal is het")


def own(*minutes: str) -> Answers:
    return answers(begintijd="19:30", eindtijd="20:30", agenda=[
        block("agenda", eigen=f"Punt {n}", minuten=m) for n, m in enumerate(minutes, 1)])


def test_time_sums_and_clock_times() -> None:
    items = logic.own_agenda(own("10", "15", "", "5"))
    assert logic.total_minutes(items) == 30
    assert logic.clock_times(items, 1170) == ["19:30", "19:40", "19:55", ""]
    assert logic.clock_times(items, None) == ["", "", "", ""]


@pytest.mark.parametrize(("minutes", "expected"), [
    (("30", "30"), "De agenda duurt 60 minuten. Dat past precies."),
    (("30", "15"), "De agenda duurt 45 minuten. De bijeenkomst duurt 60 minuten. Er blijft 15 "
                   "minuten over voor een pauze of als iets uitloopt."),
    (("45", "30"), "De agenda duurt 75 minuten. De bijeenkomst duurt 60 minuten. Dat past niet "
                   "helemaal. Misschien kun je een punt korter maken, of bewaren voor de "
                   "volgende keer."),
    (("30", ""), "De agenda duurt 30 minuten. De bijeenkomst duurt 60 minuten. Er blijft 30 "
                 "minuten over voor een pauze of als iets uitloopt. Bij 1 punt staat nog geen "
                 "tijd."),
    (("", ""), "Bij 2 punten staat nog geen tijd."),
])
def test_time_messages_are_gentle(minutes: tuple[str, ...], expected: str) -> None:
    sheet_answers = own(*minutes)
    assert logic.time_message(logic.own_agenda(sheet_answers), 60) == expected


def test_one_minute_is_singular() -> None:
    one = [logic.AgendaItem("Welkom", 1)]
    assert logic.time_message(one, None) == "De agenda duurt samen 1 minuut."
    assert logic.time_message(one, 1) == "De agenda duurt 1 minuut. Dat past precies."
    assert logic.time_message([logic.AgendaItem("Doelen", 59)], 60) == (
        "De agenda duurt 59 minuten. De bijeenkomst duurt 60 minuten. Er blijft 1 minuut over "
        "voor een pauze of als iets uitloopt.")
    assert logic.time_message([logic.AgendaItem("Doelen", 2)], 1).startswith(
        "De agenda duurt 2 minuten. De bijeenkomst duurt 1 minuut. Dat past niet helemaal.")


def test_an_agenda_that_does_not_fit_gets_a_hint_that_never_blocks() -> None:
    over = own("45", "30")
    assert [h.path for h in SHEET.hints(over)] == ["agenda"]
    assert "past niet helemaal" in SHEET.hints(over)[0].message
    assert SHEET.hints(own("30", "30")) == []
    assert parse_document(SHEET, dump_document(SHEET, over, "")) == over


def test_many_goals_on_the_agenda_get_a_hint() -> None:
    many = answers(agenda=[block("agenda", onderwerp=f"Doel: {n}") for n in "abcd"])
    assert Hint("Twee of drie doelen is in een uur meestal genoeg. De andere doelen kunnen de "
                "volgende keer.", "agenda") in SHEET.hints(many)


def test_the_agenda_view_falls_back_to_the_proposal_and_checks_the_time() -> None:
    empty = answers(datum="2026-03-03", begintijd="19:30", eindtijd="20:30")
    html = str(SHEET.views(empty, CONTEXT)[1].html)
    assert "Je hebt nog geen eigen agenda gemaakt." in html
    assert "<strong>Dinsdag 3 maart 2026, van 19:30 tot 20:30 uur</strong>" in html
    assert ("<li><strong>19:30 </strong>Welkom en voorstelronde<br>"
            '<span class="rg-muted">10 minuten</span></li>') in html
    assert "<li><strong>20:25 </strong>Afspraken over contact in de groep<br>" in html
    assert "<p><strong>Samen: 65 minuten</strong></p>" in html
    assert "De agenda duurt 65 minuten. De bijeenkomst duurt 60 minuten." in html
    own_html = str(SHEET.views(full_answers(), CONTEXT)[1].html)
    assert "nog geen eigen agenda" not in own_html
    assert "Dat past precies." in own_html


def test_the_proposal_view_names_the_goals_worksheet_when_there_are_no_goals() -> None:
    html = str(SHEET.views(answers(), {})[0].html)
    assert '<a href="../doelen/">Doelen formuleren</a>' in html
    assert "Je hebt 4 doelen. Twee of drie" in str(SHEET.views(answers(), CONTEXT)[0].html)


# --------------------------------------------------------------------------- documents


def test_the_invitation_has_what_everyone_needs() -> None:
    text = export(full_answers(), "uitnodiging")
    for expected in (
        "Uitnodiging", "Bijeenkomst van Team Samira", "Dinsdag 3 maart 2026",
        "Van 19:30 tot 20:30 uur", "Bibliotheek Oost, Linnaeusstraat 10",
        "Wie leidt het gesprek Kees", "Wie schrijft de afspraken op Anna",
        "• Anna (naaste)", "• Fatima (ervaringsdeskundige)",
        "19:30 Welkom en voorstelronde Samira 10 min",
        "19:50 Doel: Ik wil weer elke week zwemmen 15 min", "20:20 Pauze 5 min",
        "20:25 Volgende bijeenkomst en afsluiting Kees 5 min", "Samen: 60 minuten.",
        "Nog open van de vorige keer", "• Samen naar het proefzwemmen (Karim, vóór 10 maart",
        "Kun je niet komen? Laat het me dan weten.", "Groet, Samira",
    ):
        assert expected in text, expected


def test_the_invitation_has_no_private_notes_and_no_plan_details() -> None:
    text = export(full_answers(), "uitnodiging")
    for private in (SECRET_NOTE, SECRET_TALK, "Geheim", "burn-out", "Elke week komen",
                    "06-12345678", "Medische dingen", "Zwembad bellen"):
        assert private not in text, private


def test_the_invitation_uses_the_proposal_when_there_is_no_own_agenda() -> None:
    text = export(answers(datum="2026-03-03", begintijd="19:30"), "uitnodiging")
    assert "19:30 Welkom en voorstelronde 10 min" in text
    assert "Doel: Ik wil mijn schulden op een rij" in text
    assert "Waar Nog niet bekend" in text and "Wie komen er Nog niet bekend" in text
    assert "Nog open van de vorige keer" not in text


def test_the_rg_plan_has_members_goals_actions_contact_and_next_meeting() -> None:
    text = export(full_answers(), "rg-plan")
    for expected in (
        "RG-plan van Team Samira", "Afgesproken in de bijeenkomst van dinsdag 3 maart 2026",
        "Anna naaste Rijden op dinsdag Elke week komen", "Karim naaste Meegaan naar het zwembad",
        "Fatima ervaringsdeskundige", "Niet iedereen hoeft een taak te hebben.",
        "Ik wil weer elke week zwemmen Doel voor komende maanden",
        "Zwembad bellen Anna 20 februari 2026 klaar",
        "Samen naar het proefzwemmen Karim 10 maart 2026 open",
        "Alle brieven in één map Samira en Fatima open",
        "Ik wil een eigen huis Doel voor later Hierover is nog niets afgesproken.",
        "Andere afspraken", "Groepsapp maken Kees klaar",
        "Zo houden we contact Een WhatsApp-groep ‘Team Samira’",
        "Dit delen we niet in de groep Medische dingen", "Wie bel je dan? Kees, 06-12345678",
        "De volgende bijeenkomst Datum Dinsdag 2 juni 2026",
        "Wat we dan bekijken Zwem ik elke week? Zijn de brieven op orde?",
    ):
        assert expected in text, expected
    for private in (SECRET_NOTE, SECRET_TALK, "Geheim", "burn-out"):
        assert private not in text, private


def test_the_rg_plan_keeps_an_offer_whose_name_is_not_chosen_yet() -> None:
    offer = block("bijdragen", kan="Boodschappen doen op dinsdag", kan_niet="Autorijden")
    text = export(answers(bijdragen=[offer]), "rg-plan", {})
    assert "(nog geen naam) Boodschappen doen op dinsdag Autorijden" in text
    assert "Nog niet bekend" not in text
    empty = export(answers(bijdragen=[block("bijdragen")]), "rg-plan", {})
    assert "(nog geen naam)" not in empty and "Wie zitten in de groep Nog niet bekend" in empty


def test_the_rg_plan_keeps_offers_longer_than_a_page_in_its_table() -> None:
    # Offers of one person share a cell; a row higher than a page cannot be drawn, so
    # a long one continues in the next row (fpdf2 refused the whole PDF before).
    lines = [f"Koken op dag {n}" for n in range(1, 61)]
    offers = [block("bijdragen", naam="Anna", kan="\n".join(lines[:30])),
              block("bijdragen", naam="Anna", kan="\n".join(lines[30:]))]
    text = export(answers(bijdragen=offers), "rg-plan", {})
    assert all(line in text for line in lines)
    assert text.index("Koken op dag 1 ") < text.index("Koken op dag 60")


def test_the_rg_plan_keeps_actions_of_goals_no_longer_listed() -> None:
    renamed = answers(afspraken=[block("afspraken", doel="Ik wil fietsen", wat="Fiets maken")])
    text = export(renamed, "rg-plan", {})
    assert "Ik wil fietsen" in text and "Fiets maken" in text
    assert "Wie zitten in de groep Nog niet bekend" in text


def test_exports_through_the_bridge() -> None:
    common = (json.dumps(full_answers()), "2026-03-01")
    context = json.dumps({"doelen": GOALS, "onbekend": {"x": 1}})
    invitation = pdf_text(bridge.export_pdf("bijeenkomst", *common, font_dir=str(FONTS),
                                            export_id="uitnodiging", context_json=context))
    assert "Uitnodiging" in invitation and "Pagina 1 van" in invitation
    assert SECRET_NOTE not in invitation
    plan = pdf_text(bridge.export_pdf("bijeenkomst", *common, font_dir=str(FONTS),
                                      export_id="rg-plan", context_json=context))
    assert "Ik wil een eigen huis" in plan  # the goals came through the context
    full = pdf_text(bridge.export_pdf("bijeenkomst", *common, font_dir=str(FONTS)))
    assert SECRET_NOTE in full  # the client's own complete copy keeps everything


def test_the_full_pdf_leaves_out_the_way_of_naming_a_person_not_used() -> None:
    people = [block("deelnemers", andere_naam="Oom Piet"), block("deelnemers", naam="Anna"),
              block("deelnemers", rol="naaste")]  # no name yet: the question stays
    text = pdf_text(bridge.export_pdf(
        "bijeenkomst", json.dumps(answers(deelnemers=people)), "2026-03-01",
        font_dir=str(FONTS), context_json=json.dumps(CONTEXT)))
    assert "Oom Piet" in text and "Anna" in text
    assert text.count("Kies iemand van je kaart") == 2  # for Anna and the third, unnamed
    assert text.count("Of typ een naam") == 1  # for Oom Piet


# --------------------------------------------------------------------------- versions


def test_compare_lists_new_done_and_removed_actions() -> None:
    before = full_answers()
    after = full_answers()
    after["afspraken"][1]["status"] = "klaar"
    del after["afspraken"][2]
    after["afspraken"].append(block("afspraken", wat="Huurtoeslag aanvragen", wie="Kees"))
    after["datum"] = "2026-06-02"
    after["deelnemers"].append(block("deelnemers", andere_naam="Oom Piet"))
    html = str(SHEET.compare(before, after))
    assert html == (
        "<ul><li>Datum van de bijeenkomst: 3 maart 2026 → 2 juni 2026</li>"
        "<li>Nieuw in de groep: Oom Piet</li>"
        "<li>Nieuwe afspraak: Huurtoeslag aanvragen (Kees)</li>"
        "<li>Klaar: Samen naar het proefzwemmen</li>"
        "<li>Niet meer in het plan: Alle brieven in één map (Samira en Fatima)</li></ul>")
    assert "niets veranderd" in str(SHEET.compare(before, before))


# --------------------------------------------------------------------------- summary, hints


def test_summary_gives_when_who_and_what_is_open() -> None:
    blocks = {b.title: b.lines for b in SHEET.summary(full_answers())}
    assert blocks["Wanneer en waar"] == (
        "Dinsdag 3 maart 2026", "Van 19:30 tot 20:30 uur",
        "Plek: Bibliotheek Oost, Linnaeusstraat 10", "Gesprek geleid door: Kees",
        "Afspraken opgeschreven door: Anna")
    assert blocks["Wie komen er"][0] == "Anna (naaste)"
    assert len(blocks["Afspraken die nog openstaan"]) == 2
    empty = {b.title: b.lines for b in SHEET.summary(answers())}
    assert all(lines == () for lines in empty.values())


def test_hints_on_people_and_actions() -> None:
    found = SHEET.hints(full_answers())
    assert [h.path for h in found] == ["deelnemers.1.voorgesprek"]
    no_owner = answers(afspraken=[block("afspraken", wat="Bellen")])
    assert [h.path for h in SHEET.hints(no_owner)] == ["afspraken.0.wie"]


# --------------------------------------------------------------------------- escaping, garbage


HOSTILE = '<img src=x onerror="alert(1)">'


def test_hostile_text_is_escaped_in_every_view_and_comparison() -> None:
    context = {"doelen": {"doelen": [goal(HOSTILE, "kort", HOSTILE)]},
               "resources": {"personen": [person(HOSTILE, HOSTILE, True, talk=True)]}}
    evil = answers(datum="2026-03-03", begintijd=HOSTILE, deelnemers=[
        block("deelnemers", andere_naam=HOSTILE, eigen_punten=HOSTILE)],
        agenda=[block("agenda", eigen=HOSTILE, wie=HOSTILE, minuten="5")],
        afspraken=[block("afspraken", wat=HOSTILE, wie=HOSTILE)])
    pages = [str(view.html) for view in SHEET.views(evil, context)]
    pages.append(str(SHEET.compare(answers(), evil)))
    pages.append(json.loads(bridge.evaluate("bijeenkomst", json.dumps(evil)))["summary_html"])
    for html in pages:
        assert "<img" not in html
        assert "&lt;img src=x onerror=" in html
    assert HOSTILE in export(evil, "uitnodiging", context)


@pytest.mark.parametrize("garbage", ["{kapot", "null", "[]", '{"agenda": "geen lijst"}',
                                     '{"agenda": [{"minuten": "duizend", "x": 1}]}'])
def test_evaluate_never_fails_on_garbage(garbage: str) -> None:
    result = json.loads(bridge.evaluate("bijeenkomst", garbage, garbage))
    assert result["hints"] == []
    assert [v["id"] for v in result["views"]] == ["voorstel", "agenda", "kaart"]
    assert set(result["choices"]) == {"deelnemers.naam", "agenda.onderwerp", "afspraken.doel",
                                      "bijdragen.naam"}


# --------------------------------------------------------------------------- stored versions


def test_a_version_1_file_still_loads() -> None:
    # Pinned: if the fields change, raise schema_version and add a migration so this passes.
    result = json.loads(bridge.import_answers("bijeenkomst", FIXTURE_V1.read_text("utf-8")))
    assert result["ok"] is True, result
    loaded = result["answers"]
    assert loaded["groepsnaam"] == "Team Zoë"
    assert loaded["agenda"][0] == {"onderwerp": "Welkom en voorstelronde", "eigen": "",
                                   "minuten": "10", "wie": "Zoë"}
    assert loaded["afspraken"][0]["status"] == "open"
    assert loaded["aantekeningen"] == ""  # missing fields are completed
    assert set(loaded) == set(SHEET.empty_answers())


def test_newer_or_wrong_files_are_refused_in_dutch() -> None:
    data = json.loads(FIXTURE_V1.read_text("utf-8"))
    newer = json.loads(bridge.import_answers("bijeenkomst",
                                             json.dumps({**data, "schema_version": 2})))
    assert newer["ok"] is False and "nieuwere versie" in newer["message"]
    wrong = {**data, "answers": {"agenda": [{"minuten": "90"}]}}
    refused = json.loads(bridge.import_answers("bijeenkomst", json.dumps(wrong)))
    assert refused == {"ok": False, "message": "Het bestand past niet bij dit werkblad: Mijn "
                       "agenda: Agendapunt 1, Hoeveel minuten?: kent de keuze '90' niet."}


def test_export_then_import_round_trip() -> None:
    text = dump_document(SHEET, full_answers(), "2026-03-03T21:00:00Z")
    assert json.loads(bridge.import_answers("bijeenkomst", text)) == {
        "ok": True, "answers": full_answers()}
    assert re.search(r'"schema_version": 1', text)


def shown_text(views: list) -> str:
    """What the views say on screen (without tags, so without the buttons' values)."""
    return re.sub(r"<[^>]+>", " ", "".join(str(view.html) for view in views))


def test_without_an_own_agenda_the_proposal_is_shown_once() -> None:
    views = shown_text(SHEET.views(answers(), {}))
    assert views.count("Welkom en voorstelronde") == 1
    assert views.count("25 minuten") == 1 and "De agenda duurt samen" not in views
    timed = shown_text(SHEET.views(answers(begintijd="19:30"), {}))
    assert timed.count("Welkom en voorstelronde") == 2  # the second time with clock times
    assert "19:30" in timed
