"""Werkblad "Sessieplanner": a timed plan for an intervision session.

The trainer picks a session format (from ``_sessievormen.py``) and a
duration of 60 or 90 minutes, and optionally the date, start time, place and
who takes which role. The page shows the timed plan; two PDFs print it: the
session plan for the trainer and a handout for participants. Texts address
the trainer ("je").
"""

from __future__ import annotations

from . import _sessieplan_docs as docs
from ._sessievormen import DURATIONS, FORMAT_BY_ID, FORMATS, parse_clock
from .engine.schema import (
    Answers,
    Choice,
    Context,
    Date,
    Export,
    Hint,
    ItemList,
    LongText,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    View,
    Worksheet,
)

MAX_OWN_QUESTIONS = 5

SECTIONS = (
    Section(
        id="sessie",
        title="De sessie",
        intro="Kies een sessievorm en hoe lang de sessie duurt. Onder de vragen verschijnt "
              "het plan met de tijden.",
        fields=(
            Choice(id="vorm", label="Welke sessievorm kies je?",
                   options=tuple(Option(f.id, f.name) for f in FORMATS),
                   help="Op de pagina ‘Sessievormen’ lees je per vorm het doel en de stappen."),
            Choice(id="duur", label="Hoe lang duurt de sessie?", layout="row",
                   options=tuple(Option(str(d), f"{d} minuten") for d in DURATIONS)),
            Choice(id="stap", label="Welke stap of welk thema staat centraal?",
                   options=tuple(Option(key, label) for key, label in docs.FOCUS.items()),
                   help="Vooral bij ‘Eén stap uitdiepen met een werkblad’. Mag leeg blijven."),
        ),
    ),
    Section(
        id="praktisch",
        title="Wanneer, waar en wie",
        intro="Alles hier mag leeg blijven. Wat je invult, komt in het plan en de hand-out. "
              "Schrijf hier geen namen van cliënten.",
        fields=(
            ShortText(id="groep", label="Groep of team", max_length=80,
                      help="Bijvoorbeeld: ‘Intervisiegroep Noord’."),
            Date(id="datum", label="Datum"),
            ShortText(id="begintijd", label="Begintijd", max_length=12, placeholder="14:00",
                      help="Dan rekent het plan de kloktijden uit. Schrijf de tijd zo: 14:00."),
            ShortText(id="plek", label="Plek", max_length=120),
            ShortText(id="gespreksleider", label="Gespreksleider", max_length=80,
                      help="Een voornaam is genoeg."),
            ShortText(id="tijdbewaker", label="Tijdbewaker", max_length=80),
            ShortText(id="inbrenger", label="Casusinbrenger", max_length=80,
                      help="Wie brengt de casus of de situatie in? Bij de reflexronde en het "
                           "uitdiepen van een stap mag dit leeg blijven."),
        ),
    ),
    Section(
        id="eigen",
        title="Eigen aanvullingen",
        fields=(
            ItemList(id="extra_vragen", label="Eigen vragen voor deze sessie",
                     help="Ze komen in het plan en in de hand-out, na de vragen van de vorm.",
                     item_label="Vraag", add_label="Nog een vraag toevoegen", max_items=10,
                     max_length=200),
            LongText(id="notities", label="Aantekeningen voor jezelf", rows=3,
                     help="Deze komen alleen in het sessieplan, niet in de hand-out."),
        ),
    ),
)


def hints(answers: Answers) -> list[Hint]:
    """Gentle remarks on the start time, the focus and the number of own questions."""
    found = []
    if docs.clean(answers["begintijd"]) and parse_clock(answers["begintijd"]) is None:
        found.append(Hint("Schrijf de begintijd als uren en minuten, bijvoorbeeld 14:00.",
                          "begintijd"))
    if answers["vorm"] == "stap-verdiepen" and not answers["stap"]:
        found.append(Hint("Kies welke stap centraal staat. Dan weten de deelnemers welke "
                          "pagina ze vooraf kunnen lezen.", "stap"))
    if answers["vorm"] and not answers["duur"]:
        found.append(Hint("Kies een duur. Tot die tijd gaat het plan uit van 60 minuten.",
                          "duur"))
    own = [q for q in answers["extra_vragen"] if q.strip()]
    if len(own) > MAX_OWN_QUESTIONS:
        found.append(Hint(f"Je hebt {len(own)} eigen vragen. In één sessie kom je meestal aan "
                          "twee of drie toe.", "extra_vragen"))
    return found


def summary(answers: Answers) -> list[SummaryBlock]:
    session = docs.session_of(answers)
    if session is None:
        return [SummaryBlock("De sessie", (), "Nog geen sessievorm gekozen.")]
    return [SummaryBlock("De sessie", (session.format.name, docs.when_line(answers, session)))]


def views(answers: Answers, context: Context) -> list[View]:
    session_format = FORMAT_BY_ID.get(answers["vorm"] or "")
    title = f"Het sessieplan: {session_format.name}" if session_format else "Het sessieplan"
    return [View("plan", title, docs.plan_view(answers))]


WORKSHEET = Worksheet(
    id="sessieplanner",
    title="Sessieplanner",
    description="Kies een sessievorm en een duur en krijg een plan met tijden en een hand-out "
                "voor de intervisie.",
    intro="Met deze planner bereid je een intervisiebijeenkomst over resourcegroepen voor. "
          "Je kiest een vorm en een duur; de planner maakt een plan met tijden, rollen en "
          "vragen die de methode in beeld houden. Print het sessieplan voor jezelf en de "
          "hand-out voor de deelnemers. Alles blijft in deze browser.",
    schema_version=1,
    sections=SECTIONS,
    hints=hints,
    summary=summary,
    summary_title="In het kort",
    views=views,
    exports=(
        Export(id="sessieplan", label="Sessieplan (PDF)", filename="sessieplan",
               build=docs.build_plan,
               description="Het plan voor de gespreksleider: tijden, wat je per onderdeel "
                           "doet, rollen, vragen en je eigen aantekeningen."),
        Export(id="handout", label="Hand-out voor deelnemers (PDF)", filename="hand-out",
               build=docs.build_handout,
               description="Voor de deelnemers: het verloop, de rollen, de vragen en ruimte "
                           "voor aantekeningen. Zonder je eigen aantekeningen."),
    ),
)
