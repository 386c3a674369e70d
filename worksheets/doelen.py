"""Werkblad "Doelen formuleren": step 1 of the method.

The client writes down what is difficult now, puts it in order of
importance, notes ideas and what was tried, and turns that into goals for
the coming weeks and for later, across the three dimensions of recovery.
All texts address the client ("je") in plain Dutch (B1).
"""

from __future__ import annotations

import re

from ._voorbeelden import DOELEN_VOORBEELD
from .engine.schema import (
    Answers,
    Choice,
    Group,
    Hint,
    ItemList,
    LongText,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    Worksheet,
)

DIMENSIONS = (
    Option("persoonlijk", "Persoonlijk herstel: wie ben ik, wat geeft mij zin"),
    Option("maatschappelijk", "Maatschappelijk herstel: werk, dagbesteding, wonen, contacten"),
    Option("gezondheid", "Herstel van gezondheid: klachten, lichaam, slapen, alcohol of drugs"),
)
DIMENSION_NAMES = {
    "persoonlijk": "persoonlijk herstel",
    "maatschappelijk": "maatschappelijk herstel",
    "gezondheid": "herstel van gezondheid",
}
TERMS = (
    Option("kort", "Binnenkort: in de komende maanden"),
    Option("lang", "Later: over ongeveer een jaar"),
)

GOAL_FIELDS = (
    ShortText(id="doel", label="Mijn doel, in mijn eigen woorden",
              help="Schrijf op wat je wilt doen of bereiken. Bijvoorbeeld: "
                   "‘Ik wil weer elke week gaan zwemmen.’"),
    Choice(id="gebied", label="Bij welk deel van je leven hoort dit doel?", options=DIMENSIONS),
    Choice(id="termijn", label="Wanneer wil je dit bereikt hebben?", options=TERMS),
    LongText(id="waarom", label="Waarom is dit belangrijk voor je?", rows=3),
    ShortText(id="eerste_stap", label="Wat is een eerste kleine stap?",
              help="Iets wat je deze week of volgende week kunt doen."),
    LongText(id="zelf", label="Wat doe je zelf?", rows=3),
    ShortText(id="hulp", label="Wie kan je helpen?",
              help="Namen of wie het zijn. Bijvoorbeeld: ‘mijn zus Anna’ of ‘de buurvrouw’."),
    LongText(id="merken", label="Hoe merk je dat het beter gaat?", rows=3,
             help="Wat zie jij of zien anderen als het lukt?"),
)

SECTIONS = (
    Section(
        id="nu",
        title="Wat is er nu moeilijk?",
        intro="Schrijf op wat je nu lastig vindt. Gebruik je eigen woorden. "
              "Er zijn geen foute antwoorden.",
        fields=(
            ItemList(id="moeilijk", label="Wat vind je nu moeilijk?",
                     help="Eén ding per regel. Zet wat het belangrijkst is bovenaan. "
                          "Met de pijltjes zet je een punt hoger of lager.",
                     item_label="Punt", add_label="Nog iets toevoegen", max_items=30),
        ),
    ),
    Section(
        id="oplossingen",
        title="Ideeën en wat je al probeerde",
        fields=(
            LongText(id="ideeen", label="Welke ideeën heb je om het makkelijker te maken?",
                     help="Ook kleine of vreemde ideeën zijn welkom."),
            LongText(id="geprobeerd", label="Wat heb je al geprobeerd? Wat hielp, en wat niet?"),
        ),
    ),
    Section(
        id="doelen",
        title="Mijn doelen",
        intro="Maak van wat je belangrijk vindt een doel. Een doel voor later mag groot zijn. "
              "Een doel voor de komende maanden is klein en haalbaar. Je kunt zoveel doelen "
              "toevoegen als je wilt.",
        fields=(
            Group(id="doelen", label="Mijn doelen", fields=GOAL_FIELDS,
                  item_label="Doel", add_label="Nog een doel toevoegen", max_items=20),
        ),
    ),
)

# Words that show a goal says what the client wants to do or reach.
_ACTION_WORDS = frozenset(
    (
        "ik", "wil", "ga", "gaan", "kan", "kunnen", "zal", "word", "worden", "heb", "hebben",
        "ben", "zijn", "doe", "doen", "maak", "maken", "krijg", "krijgen", "vind", "vinden",
        "leer", "leren", "weer", "zelf",
    )
)
# Common words ending in -en that are not verbs (plural nouns, adjectives).
_NOT_VERBS = frozenset((
    "eigen", "kinderen", "vrienden", "mensen", "dingen", "zorgen", "problemen", "klachten",
    "open", "buren", "collega's", "ouders", "gesprekken", "afspraken", "uren", "weken",
    "dagen", "jaren", "nachten", "avonden", "ochtenden", "middagen", "boodschappen",
))
_NEGATIVE_START = ("geen ", "niet ", "minder ", "nooit ", "stoppen met ")
_CONCRETE = re.compile(
    r"\d|\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|morgen|vandaag|"
    r"overmorgen|vanavond|vanmiddag|deze week|volgende week|komende week|weekend|keer|uur|"
    r"bel|bellen|belt|mail|mailen|app|appen|stuur|sturen|vraag|vragen|afspraak|ga naar|"
    r"loop|lopen|schrijf|schrijven)\b",
)
_FIRST_STEP_WORDS = 15


def _words(text: str) -> list[str]:
    return re.findall(r"[\wÀ-ÿ'-]+", text.lower())


def _filled_goals(answers: Answers) -> list[tuple[int, dict]]:
    return [
        (index, goal) for index, goal in enumerate(answers["doelen"])
        if any(str(goal.get(key) or "").strip() for key in ("doel", "eerste_stap", "waarom"))
    ]


def _goal_phrase_hint(text: str) -> str | None:
    lowered = text.strip().lower()
    words = _words(lowered)
    if not words:
        return None
    if lowered.startswith(_NEGATIVE_START):
        return ("Je doel zegt wat je niet meer wilt. "
                "Wat wil je in plaats daarvan doen of bereiken?")
    has_action = any(
        w in _ACTION_WORDS or (len(w) >= 5 and w.endswith(("en", "ën")) and w not in _NOT_VERBS)
        for w in words
    )
    if len(words) < 3 or not has_action:
        return ("Tip: schrijf je doel op als iets wat je wilt doen of bereiken. "
                "Bijvoorbeeld: ‘Ik wil weer met de bus naar mijn werk.’")
    return None


def _first_step_hint(goal: dict) -> str | None:
    step = str(goal.get("eerste_stap") or "").strip()
    if not step:
        if goal.get("termijn") == "lang":
            return ("Dit is een doel voor later. "
                    "Welke kleine stap kun je de komende weken al zetten?")
        return "Wat is een eerste kleine stap voor dit doel?"
    if len(_words(step)) > _FIRST_STEP_WORDS:
        return "Kun je de eerste stap kleiner maken? Kies iets wat je binnen een week kunt doen."
    if not _CONCRETE.search(step.lower()):
        return ("Maak de stap zo concreet mogelijk: wat doe je, en wanneer? "
                "Bijvoorbeeld: ‘Dinsdag bel ik de bibliotheek.’")
    return None


def hints(answers: Answers) -> list[Hint]:
    """Gentle tips; they never block saving or exporting."""
    found: list[Hint] = []
    goals = _filled_goals(answers)
    for index, goal in goals:
        phrase = _goal_phrase_hint(str(goal.get("doel") or ""))
        if phrase:
            found.append(Hint(phrase, f"doelen.{index}.doel"))
        step = _first_step_hint(goal)
        if step:
            found.append(Hint(step, f"doelen.{index}.eerste_stap"))
    if goals and all(goal.get("termijn") == "lang" for _, goal in goals):
        found.append(Hint("Al je doelen zijn voor later. Een doel voor de komende maanden helpt "
                          "je op weg."))
    if goals:
        used = {goal.get("gebied") for _, goal in goals}
        for value, name in DIMENSION_NAMES.items():
            if value not in used:
                found.append(Hint(f"Je hebt nog geen doel bij {name}. Dat hoeft niet; "
                                  "kijk gerust of er iets bij past."))
    return found


def _goal_name(number: int, goal: dict) -> str:
    return str(goal.get("doel") or "").strip() or f"Doel {number} (nog zonder naam)"


def _goal_line(number: int, goal: dict) -> str:
    area = DIMENSION_NAMES.get(goal.get("gebied") or "")
    return _goal_name(number, goal) + (f" ({area})" if area else "")


def summary(answers: Answers) -> list[SummaryBlock]:
    """"Mijn doelen op een rij": what matters most, the goals, first steps, helpers."""
    problems = [item.strip() for item in answers["moeilijk"] if item.strip()]
    # Numbered as the form numbers them ("Doel 2" is the second block on screen).
    goals = [(index + 1, goal) for index, goal in _filled_goals(answers)]
    by_term = {term: [_goal_line(n, g) for n, g in goals if g.get("termijn") == term]
               for term in ("kort", "lang", "")}
    blocks = [
        SummaryBlock("Wat het belangrijkst is",
                     tuple(f"{n}. {p}" for n, p in enumerate(problems[:5], start=1)),
                     "Je hebt nog niet opgeschreven wat moeilijk is."),
        SummaryBlock("Doelen voor de komende maanden", tuple(by_term["kort"]),
                     "Nog geen doel voor de komende maanden."),
        SummaryBlock("Doelen voor later", tuple(by_term["lang"]), "Nog geen doel voor later."),
    ]
    if by_term[""]:
        blocks.append(SummaryBlock("Doelen zonder termijn", tuple(by_term[""])))
    blocks += [
        SummaryBlock("Mijn eerste stappen",
                     tuple(f"{_goal_name(n, g)}: {g['eerste_stap'].strip()}"
                           for n, g in goals if str(g.get("eerste_stap") or "").strip()),
                     "Nog geen eerste stappen."),
        SummaryBlock("Wie kan helpen",
                     tuple(f"{_goal_name(n, g)}: {g['hulp'].strip()}"
                           for n, g in goals if str(g.get("hulp") or "").strip()),
                     "Nog niemand genoemd."),
    ]
    return blocks


WORKSHEET = Worksheet(
    id="doelen",
    title="Doelen formuleren",
    description="Schrijf op wat moeilijk is, wat het belangrijkst is, en welke doelen je hebt.",
    intro="Met dit werkblad zet je op een rij wat je nu moeilijk vindt en wat je wilt "
          "bereiken. Je doet het in je eigen tempo. Alles wat je typt, blijft in deze "
          "browser. Wij kunnen het niet zien. Neem de PDF mee naar je gesprek met je "
          "regieondersteuner.",
    schema_version=1,
    sections=SECTIONS,
    hints=hints,
    summary=summary,
    summary_title="Mijn doelen op een rij",
    example=DOELEN_VOORBEELD,
)
