"""Example answers of a fictional client, for the worksheets' "Oefenmodus".

In practice mode a worksheet shows one of these in a separate practice copy,
so a new regieondersteuner can see what a good goal, network map, agenda or
case description looks like. They never touch real answers. Everyone here is
invented: Ramon (38) and the people around him do not exist.

Each constant matches the field ids of one worksheet (``DOELEN_VOORBEELD``
those of ``doelen.py``, and so on); fields left out stay empty. Goals are
quoted exactly where another worksheet links to them (the resource map's
"helpt bij"). Tests check every set against its worksheet.
"""

from __future__ import annotations

from typing import Any

GOAL_LETTERS = "Ik wil mijn brieven weer openmaken en weten hoeveel schuld ik heb"
GOAL_FOOTBALL = "Ik wil weer meetrainen met het zaalvoetbalteam"
GOAL_SLEEP = "Ik wil weer doorslapen tot de wekker gaat"

#: Worksheet "doelen": problems in order, ideas, three goals across the three dimensions.
DOELEN_VOORBEELD: dict[str, Any] = {
    "moeilijk": [
        "De post stapelt zich op. Ik durf de brieven niet open te maken.",
        "Ik slaap slecht en ben overdag moe.",
        "Ik zit veel alleen thuis.",
        "Ik mis het voetballen.",
    ],
    "ideeen": "Misschien wil mijn zus helpen met de post. Ik zou op woensdag eens kunnen "
              "gaan kijken bij de zaalvoetbal. Een vaste tijd om op te staan.",
    "geprobeerd": "Ik heb ooit alle post in een doos gedaan, maar daarna niet meer gekeken. "
                  "Slaappillen hielpen even, maar ik werd er suf van.",
    "doelen": [
        {
            "doel": GOAL_LETTERS,
            "gebied": "maatschappelijk",
            "termijn": "kort",
            "waarom": "Nu lig ik er wakker van. Als ik weet hoe het zit, kan ik er iets aan "
                      "doen.",
            "eerste_stap": "Zaterdag doe ik samen met mijn zus alle brieven in één map",
            "zelf": "Elke nieuwe brief gaat meteen in de map, ook als ik hem nog niet open.",
            "hulp": "Mijn zus Nadia, en later iemand van het buurtteam",
            "merken": "Ik weet aan wie ik wat moet betalen. Ik schrik niet meer van de "
                      "brievenbus.",
        },
        {
            "doel": GOAL_FOOTBALL,
            "gebied": "persoonlijk",
            "termijn": "lang",
            "waarom": "Voetballen hoort bij mij. Daar was ik gewoon Ramon, niet iemand met "
                      "problemen.",
            "eerste_stap": "Woensdag ga ik kijken bij de training in de sporthal",
            "zelf": "Ik zoek mijn sportschoenen op en ga eerst alleen kijken.",
            "hulp": "Mijn oude teamgenoot Dennis",
            "merken": "Ik ga elke week, ook als ik er een keer geen zin in heb.",
        },
        {
            "doel": GOAL_SLEEP,
            "gebied": "gezondheid",
            "termijn": "kort",
            "waarom": "Als ik moe ben, lukt de rest ook niet.",
            "eerste_stap": "Deze week zet ik elke dag om acht uur de wekker",
            "zelf": "Na elf uur geen scherm meer.",
            "hulp": "De verpleegkundige van het team, over mijn medicijnen",
            "merken": "Ik word wakker van de wekker en niet om vier uur 's nachts.",
        },
    ],
}


def _person(name: str, relation: str, sector: str, ring: str, kind: str, goals: list[str],
            helps: str, contact: str, tension: str = "", talk_first: bool | None = None,
            nominated: bool | None = None) -> dict[str, Any]:
    return {"naam": name, "relatie": relation, "sector": sector, "nabijheid": ring,
            "soort": kind, "helpt_bij": goals, "helpt_bij_tekst": helps, "contact": contact,
            "spanning": tension, "gesprek_eerst": talk_first, "voorgedragen": nominated}


#: Worksheet "resources": Ramon's network, also people he finds hard, and a place.
RESOURCES_VOORBEELD: dict[str, Any] = {
    "personen": [
        _person("Nadia", "zus", "familie", "heel_dichtbij", "informeel", [GOAL_LETTERS],
                "Samen de post sorteren", "doet_mee", nominated=True),
        _person("Pa", "vader", "familie", "verder_weg", "informeel", [],
                "Weet ik nog niet", "nog_niet",
                tension="We hebben sinds de ruzie over geld weinig contact.", talk_first=True,
                nominated=False),
        _person("Dennis", "oude teamgenoot", "vrienden", "dichtbij", "informeel",
                [GOAL_FOOTBALL], "Mee naar de eerste training", "gevraagd", nominated=True),
        _person("Buurvrouw van 3 hoog", "buurvrouw", "buurt", "verder_weg", "informeel", [],
                "Heeft een sleutel, kan bij nood even kijken", "nog_niet", nominated=False),
        _person("Zaalvoetbal op woensdag", "sportclub", "buurt", "verder_weg", "informeel",
                [GOAL_FOOTBALL], "Een vaste plek in de week", "nog_niet"),
        _person("Maaike", "ervaringsdeskundige van het team", "ervaring", "dichtbij",
                "formeel", [GOAL_SLEEP], "Vertellen wat haar hielp bij slecht slapen",
                "doet_mee", nominated=True),
        _person("Verpleegkundige van het team", "verpleegkundige", "ggz", "dichtbij",
                "formeel", [GOAL_SLEEP], "Medicijnen en slapen bespreken", "doet_mee",
                nominated=True),
        _person("Buurtteam", "schuldhulp", "sociaal", "verder_weg", "formeel", [GOAL_LETTERS],
                "Helpen een overzicht van de schulden te maken", "gevraagd", nominated=True),
    ],
}

#: Worksheet "bijeenkomst": the first meeting of "Team Ramon" and its agenda.
BIJEENKOMST_VOORBEELD: dict[str, Any] = {
    "groepsnaam": "Team Ramon",
    "jouw_naam": "Ramon",
    "begintijd": "19:30",
    "eindtijd": "20:30",
    "plek": "Bij Nadia thuis, in de woonkamer",
    "leider": "Ramon opent, de regieondersteuner leidt het gesprek",
    "notulist": "Maaike",
    "agenda": [
        {"onderwerp": "", "eigen": "Welkom: wie ben je en hoe ken je Ramon?", "minuten": "10",
         "wie": "Ramon"},
        {"onderwerp": "", "eigen": "Waarom deze groep: Ramon vertelt wat hij wil bereiken",
         "minuten": "10", "wie": "Ramon"},
        {"onderwerp": "", "eigen": GOAL_LETTERS, "minuten": "15", "wie": "Gespreksleider"},
        {"onderwerp": "", "eigen": GOAL_SLEEP, "minuten": "15", "wie": "Gespreksleider"},
        {"onderwerp": "", "eigen": "Afspraken op een rij en de volgende keer", "minuten": "10",
         "wie": "Maaike"},
    ],
    "contact_hoe": "Een groepsapp voor praktische dingen, zoals wie er komt.",
    "wel_delen": "Afspraken, tijden en wie wat doet.",
    "niet_delen": "Medische dingen en hoe het met Ramon gaat; dat vertelt hij zelf.",
    "crisis": "Ramon belt zelf het team. Niet via de app.",
}

#: Worksheet "casus": a case written without anything that identifies anyone.
CASUS_VOORBEELD: dict[str, Any] = {
    "titel": "De zus die alles opvangt",
    "stap": "stap3",
    "client": "Een man van eind dertig, woont alleen in een huurflat, sinds een jaar bij "
              "ons team. Geldzorgen en slecht slapen.",
    "netwerk": "Een zus die dichtbij woont en veel doet. Een vader met wie het contact "
               "stroef is. Een oud-teamgenoot van de zaalvoetbal. Het buurtteam.",
    "gebeurd": "De cliënt wil een groep. Zijn zus zegt overal ja op, maar vertelde mij "
               "apart dat ze het eigenlijk niet volhoudt. Ze wil hem niet teleurstellen. De "
               "eerste bijeenkomst is over drie weken.",
    "geprobeerd": "Ik heb de zus gevraagd wat ze wel en niet kan. Ze bleef zeggen dat het "
                  "wel gaat.",
    "vraag": "Hoe help ik de zus om in de groep te zeggen wat ze niet kan, zonder dat de "
             "cliënt zich afgewezen voelt?",
    "regie": "De cliënt, maar zijn zus neemt veel over, en ik merk dat ik haar wil sparen.",
    "reflex": "Ik wil de taken alvast zelf verdelen, zodat de zus minder krijgt.",
    "wens": ["ideeen", "spiegel"],
    "nagelezen": True,
}

#: Worksheet "teamreflectie": a fictional team's counts over one year, and its reflection.
TEAMREFLECTIE_VOORBEELD: dict[str, Any] = {
    "team": "Team Oost (verzonnen)",
    "periode": "Een jaar",
    "gestart": "14",
    "netwerk": "10",
    "groep": "8",
    "vraag": "7",
    "opvallend": "Het netwerk betrekken lukt ons bijna even vaak als in de pilot. Een groep "
                 "vormen lukt minder vaak.",
    "lastig": "Bij cliënten die zeggen niemand te hebben, stoppen we te snel met zoeken.",
    "volgende": "In de intervisie twee keer een reflexronde over het zoeken naar het netwerk.",
}
