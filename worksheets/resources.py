"""Werkblad "Resources in kaart": step 2 of the method.

The client maps who could help (family, friends, neighbours, colleagues,
peer experts, volunteers and professionals), how close each one is, what
they could help with (linked to the goals from "Doelen formuleren"), and
whom to ask into the resourcegroep. The page draws the network as a map,
shows the same in a table, links people to goals, keeps dated versions
to compare, and exports the map as a PDF, with or without personal notes.
All texts address the client ("je") in plain Dutch (B1).
"""

from __future__ import annotations

from ._kaart_pdf import build_blank_map_pdf, build_map_pdf
from ._netwerk import (
    KINDS,
    RINGS,
    SECTORS,
    STATUSES,
    Person,
    compare,
    goal_links,
    goal_texts,
    people,
    status_label,
    with_relation,
)
from ._netwerk_html import changes_html, goals_view, map_view, people_table, prompts_view
from ._netwerkkaart import layout
from ._voorbeelden import RESOURCES_VOORBEELD
from .engine.html import Safe
from .engine.schema import (
    Answers,
    Choice,
    Context,
    Export,
    Group,
    Hint,
    LongText,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    View,
    Worksheet,
    YesNo,
)

KIND_OPTIONS = (
    Option(KINDS[0][0], "Informeel: iemand uit je eigen leven"),
    Option(KINDS[1][0], "Formeel: iemand die het voor zijn of haar werk doet"),
)

PERSON_FIELDS = (
    ShortText(id="naam", label="Naam of bijnaam", max_length=80,
              help="Ook een plek of groep mag, zoals ‘de buurtkamer’ of ‘de voetbalclub’."),
    ShortText(id="relatie", label="Wie is het voor jou?", max_length=120,
              help="Bijvoorbeeld: zus, buurman, oud-collega, casemanager."),
    Choice(id="sector", label="Sector: waar ken je deze persoon van?",
           options=tuple(Option(s.value, s.label) for s in SECTORS),
           help="Twijfel je? Kies wat het beste past."),
    Choice(id="nabijheid", label="Hoe dichtbij staat deze persoon?", layout="row",
           options=tuple(Option(value, label) for value, label in RINGS),
           help="Zoals jij het nu voelt. Dat mag later veranderen."),
    Choice(id="soort", label="Informeel of formeel?", options=KIND_OPTIONS,
           help="Een vrijwilliger of ervaringsdeskundige? Kies wat voor jou het beste past."),
    Choice(id="helpt_bij", label="Bij welk doel kan deze persoon helpen?", multiple=True,
           dynamic=True,
           help="Hier staan de doelen die je bij ‘Doelen formuleren’ hebt bewaard. "
                "Je mag meer dan één doel kiezen."),
    ShortText(id="helpt_bij_tekst", label="Waarmee kan deze persoon helpen?", max_length=300,
              help="In je eigen woorden. Bijvoorbeeld: mee naar de huisarts, een klus in huis, "
                   "luisteren, samen sporten."),
    Choice(id="contact", label="Heb je deze persoon al gevraagd?", layout="row",
           options=tuple(Option(value, label) for value, label in STATUSES)),
    LongText(id="spanning", label="Is er spanning of zorg in dit contact?", rows=2,
             max_length=1000,
             help="Bijvoorbeeld oude ruzie, of het contact kost je veel energie. Dit mag je "
                  "leeg laten. Deel je de kaart? Dan kun je dit weglaten uit de PDF."),
    YesNo(id="gesprek_eerst", label="Zou het helpen om daar eerst over te praten?"),
    YesNo(id="voorgedragen", label="Wil je deze persoon vragen voor je resourcegroep?"),
)

PROMPTS_INTRO = "\n".join(f"- {s.label}: {' '.join(s.prompts)}" for s in SECTORS)

SECTIONS = (
    Section(
        id="ideeen",
        title="Wie kan er bij jou horen?",
        intro="Schrijf eerst iedereen op die in je opkomt. Kiezen doe je later. "
              "Ook mensen met wie het contact lastig is, mogen op de kaart.\n\n"
              "Denk je dat je niemand hebt? Dat denken veel mensen. Loop in gedachten een "
              "week door: wie kom je tegen? Kijk in je telefoon wie je een bericht stuurde. "
              "Of denk aan plekken: een club, de bibliotheek, een buurthuis, een "
              "lotgenotengroep.\n\n" + PROMPTS_INTRO,
        fields=(),
    ),
    Section(
        id="mensen",
        title="Mensen en plekken",
        intro="Vul per persoon of plek een blok in. Alleen de naam is genoeg om te beginnen. "
              "Kies een sector en hoe dichtbij, dan komt de persoon op de kaart.",
        fields=(
            Group(id="personen", label="Mensen en plekken om je heen", fields=PERSON_FIELDS,
                  item_label="Persoon", add_label="Nog iemand toevoegen", max_items=80),
        ),
    ),
)


def _who(person: Person) -> str:
    return person.name or "deze persoon"


def _person_hints(index: int, person: Person) -> list[Hint]:
    base = f"personen.{index}"
    found = []
    if person.name and not person.sector:
        found.append(Hint(f"Kies een sector, dan komt {_who(person)} op de kaart.",
                          f"{base}.sector"))
    if person.name and not person.ring:
        found.append(Hint(f"Hoe dichtbij staat {_who(person)}? Dan komt die op de kaart.",
                          f"{base}.nabijheid"))
    if person.tension and person.nominated and person.talk_first is None:
        found.append(Hint(f"Je wilt {_who(person)} vragen en er is spanning. Zou een gesprek "
                          "eerst helpen? Dat kan ook samen met je regieondersteuner.",
                          f"{base}.gesprek_eerst"))
    return found


def hints(answers: Answers) -> list[Hint]:
    """Gentle tips; they never block saving or exporting."""
    persons = people(answers)
    found = [hint for p in persons for hint in _person_hints(p.number - 1, p)]
    named = [p for p in persons if p.name]
    if 0 < len(named) < 4:
        found.append(Hint("Nog maar een paar namen? Kijk bij de vragen bovenaan. Ook een "
                          "buurman, iemand van een club of een oud-collega telt mee."))
    nominated = [p for p in persons if p.nominated]
    if len(named) >= 5 and not nominated:
        found.append(Hint("Wie wil je vragen voor je resourcegroep? Kies bij een paar mensen "
                          "‘Ja’ bij de laatste vraag."))
    if len(nominated) >= 2 and all(p.formal for p in nominated):
        found.append(Hint("Je groep heeft nu alleen mensen die het voor hun werk doen. Is er "
                          "ook iemand uit je eigen leven die je zou willen vragen?"))
    return found


def summary(answers: Answers) -> list[SummaryBlock]:
    """"Mijn netwerk op een rij": who to ask, how close, per sector, talks first."""
    persons = people(answers)
    nominated = [p for p in persons if p.nominated]
    by_ring = []
    for value, label in RINGS:
        here = [p.display_name for p in persons if p.ring == value]
        if here:
            by_ring.append(f"{label}: {', '.join(here)}")
    by_sector = [f"{s.name}: {sum(p.sector == s.value for p in persons)}"
                 for s in SECTORS if any(p.sector == s.value for p in persons)]
    return [
        SummaryBlock("Wie je wilt vragen voor je resourcegroep",
                     tuple(f"{with_relation(p)} · {status_label(p.status).lower()}"
                           for p in nominated),
                     "Je hebt nog niemand gekozen. Dat komt later ook goed."),
        SummaryBlock("Hoe dichtbij", tuple(by_ring), "Nog niemand ingevuld."),
        SummaryBlock("Per sector", tuple(by_sector), "Nog niemand ingevuld."),
        SummaryBlock("Eerst een gesprek",
                     tuple(p.display_name for p in persons if p.talk_first),
                     "Bij niemand gekozen."),
    ]


def goal_options(answers: Answers, context: Context) -> dict[str, tuple[Option, ...]]:
    """The goals saved in "Doelen formuleren", as options for "helpt bij"."""
    return {"personen.helpt_bij": tuple(Option(goal, goal) for goal in goal_texts(context))}


def views(answers: Answers, context: Context) -> list[View]:
    """The map, the table, the goals and (if useful) ideas for empty sectors."""
    persons = people(answers)
    goals = goal_texts(context)
    found = [
        View("kaart", "Je netwerkkaart", map_view(layout(persons))),
        View("tabel", "Iedereen in een tabel", people_table(persons)),
        View("doelen", "Wie helpt bij welk doel", goals_view(goal_links(persons, goals),
                                                           bool(goals))),
    ]
    if persons and len({p.sector for p in persons if p.sector}) < len(SECTORS):
        found.append(View("ideeen", "Nog lege sectoren", prompts_view(persons)))
    return found


def compare_versions(older: Answers, newer: Answers) -> Safe:
    return changes_html(compare(older, newer))


WORKSHEET = Worksheet(
    id="resources",
    title="Resources in kaart",
    description="Zet de mensen om je heen op een kaart en kies wie je vraagt voor je "
                "resourcegroep.",
    intro="Met dit werkblad breng je in kaart wie je kan helpen: familie, vrienden, buren, "
          "collega's, ervaringsdeskundigen, vrijwilligers en professionals. Jij staat in het "
          "midden. Hoe dichter iemand bij jou staat, hoe dichter bij het midden. Alles wat je "
          "typt, blijft in deze browser. Wij kunnen het niet zien.",
    schema_version=1,
    sections=SECTIONS,
    hints=hints,
    summary=summary,
    summary_title="Mijn netwerk op een rij",
    uses=("doelen",),
    views=views,
    choices=goal_options,
    exports=(
        Export(id="kaart", label="Netwerkkaart (PDF)", filename="netwerkkaart",
               build=build_map_pdf,
               options=(Option("zonder_notities", "Zonder persoonlijke notities"),),
               description="De kaart, de tabel en wie bij welk doel helpt. Deel je de kaart "
                           "met je groep? Kies dan ‘Zonder persoonlijke notities’: dan staat "
                           "er niets in over spanning of zorgen."),
        Export(id="leeg", label="Lege netwerkkaart (PDF)", filename="lege-netwerkkaart",
               build=build_blank_map_pdf,
               description="Een lege kaart om op papier te tekenen, met een lijst om namen "
                           "op te schrijven."),
    ),
    snapshots=True,
    compare=compare_versions,
    example=RESOURCES_VOORBEELD,
)
