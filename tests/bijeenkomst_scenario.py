"""A realistic scenario for the worksheet "Bijeenkomst voorbereiden", shared by its tests.

Samira prepares the second meeting of "Team Samira": goals saved in "Doelen
formuleren", people nominated on "Resources in kaart", and the plan of the
first meeting with one action done and two still open.
"""

from __future__ import annotations

from typing import Any

from worksheets import _bijeenkomst as logic
from worksheets.bijeenkomst import WORKSHEET as SHEET
from worksheets.engine.documents import normalize
from worksheets.engine.schema import Answers

SECRET_NOTE = "Geheim: ik ben bang dat Karim gaat oordelen"
SECRET_TALK = "Anna vertelde over haar burn-out"


def goal(text: str, term: str = "", step: str = "") -> dict[str, str]:
    return {"doel": text, "gebied": "", "termijn": term, "waarom": "", "eerste_stap": step,
            "zelf": "", "hulp": "", "merken": ""}


GOALS = {"doelen": [
    goal("Ik wil een eigen huis", "lang"),
    goal("Ik wil weer elke week zwemmen", "kort", "Dinsdag bel ik het zwembad"),
    goal("Ik wil weten wat ik belangrijk vind"),
    goal("Ik wil mijn schulden op een rij", "kort"),
    goal("   ", "kort"),
]}


def person(name: str, relation: str, nominated: bool | None, **extra: Any) -> dict[str, Any]:
    return {"naam": name, "relatie": relation, "sector": "", "nabijheid": "", "soort": "",
            "helpt_bij": [], "contact": extra.get("contact", ""), "spanning": "",
            "gesprek_eerst": extra.get("talk"), "voorgedragen": nominated}


RESOURCES = {"personen": [
    person("Anna", "zus", True, contact="doet_mee", talk=True),
    person("Karim", "buurman", True, contact="gevraagd"),
    person("Oom Piet", "oom", False),
    person("Lisa", "", None),
    person("Kees", "regieondersteuner", True, contact="doet_mee"),
    person("Bram", "neef", True, contact="liever_niet"),
]}
CONTEXT = {"doelen": GOALS, "resources": RESOURCES}


def block(group: str, **values: Any) -> dict[str, Any]:
    item = SHEET.field(group).empty_item()  # type: ignore[attr-defined]
    item.update(values)
    return item


def answers(**fields: Any) -> Answers:
    return normalize(SHEET, fields)


def full_answers() -> Answers:
    """A realistic worksheet after the first meeting, preparing the second."""
    return answers(
        groepsnaam="Team Samira", jouw_naam="Samira", datum="2026-03-03", begintijd="19.30",
        eindtijd="20:30", plek="Bibliotheek Oost, Linnaeusstraat 10", leider="Kees",
        notulist="Anna",
        deelnemers=[
            block("deelnemers", naam="Anna", rol="naaste", voorgesprek=True,
                  voorgesprek_notities=SECRET_TALK,
                  eigen_punten="Wie rijdt er naar het zwembad?"),
            block("deelnemers", naam="Karim", rol="naaste", voorgesprek=False),
            block("deelnemers", andere_naam="Kees", rol="regieondersteuner", voorgesprek=True),
            block("deelnemers", andere_naam="Fatima", rol="ervaringsdeskundige"),
        ],
        agenda=[
            block("agenda", onderwerp=logic.WELCOME, minuten="10", wie="Samira"),
            block("agenda", onderwerp=logic.LOOK_BACK, minuten="10", wie="Kees"),
            block("agenda", onderwerp="Doel: Ik wil weer elke week zwemmen", minuten="15"),
            block("agenda", onderwerp="Doel: Ik wil mijn schulden op een rij", minuten="15"),
            block("agenda", eigen="Pauze", minuten="5"),
            block("agenda", onderwerp=logic.CLOSING, minuten="5", wie="Kees"),
        ],
        afspraken=[
            block("afspraken", doel="Ik wil weer elke week zwemmen", wat="Zwembad bellen",
                  wie="Anna", wanneer="2026-02-20", status="klaar"),
            block("afspraken", doel="Ik wil weer elke week zwemmen",
                  wat="Samen naar het proefzwemmen", wie="Karim", wanneer="2026-03-10",
                  status="open"),
            block("afspraken", doel="Ik wil mijn schulden op een rij",
                  wat="Alle brieven in één map", wie="Samira en Fatima"),
            block("afspraken", wat="Groepsapp maken", wie="Kees", status="klaar"),
        ],
        bijdragen=[
            block("bijdragen", naam="Anna", kan="Rijden op dinsdag", kan_niet="Elke week komen"),
            block("bijdragen", naam="Karim", kan="Meegaan naar het zwembad"),
        ],
        contact_hoe="Een WhatsApp-groep ‘Team Samira’", wel_delen="Afspraken en wie er komt",
        niet_delen="Medische dingen", crisis="Bel eerst Kees, niet de app",
        crisis_bellen="Kees, 06-12345678", volgende_datum="2026-06-02",
        evalueren="Zwem ik elke week?\nZijn de brieven op orde?",
        aantekeningen=SECRET_NOTE,
    )
