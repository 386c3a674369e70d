"""Werkblad "Bijeenkomst voorbereiden": step 4 of the method.

Before the meeting the client fills in the practical details, who comes and
the agenda; Python proposes the agenda from the goals (worksheet "doelen")
and offers the people nominated on the resource map (worksheet
"resources"). During and after the meeting the client writes down the
RG-plan: who does what by when, what each member can and cannot offer, the
agreements on contact and the next meeting. Two exports: the invitation
(no private notes) and the RG-plan. Agreements not marked as done come back
at the start of the next agenda. All texts address the client ("je"), B1.
"""

from __future__ import annotations

from . import _bijeenkomst as logic
from . import _bijeenkomst_docs as docs
from ._voorbeelden import BIJEENKOMST_VOORBEELD
from .engine.html import Safe, join
from .engine.render import fill_button
from .engine.schema import (
    Answers,
    Choice,
    Context,
    Date,
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

ROLES = (
    Option("naaste", "Naaste: familie, vriend, buur"),
    Option("ervaringsdeskundige", "Ervaringsdeskundige"),
    Option("regieondersteuner", "Regieondersteuner"),
    Option("zorgverantwoordelijke", "Zorgverantwoordelijke, bijvoorbeeld je behandelaar"),
    Option("professional", "Andere professional"),
)
MINUTES = tuple(Option(str(m), f"{m} min") for m in logic.MINUTE_STEPS)
STATUS = (Option("open", "Nog open"), Option("klaar", "Klaar"))
PRIVATE = "Alleen voor jou: dit komt niet in de uitnodiging en niet in het RG-plan."

PRACTICAL = Section(
    id="praktisch",
    title="Wanneer en waar",
    intro="Vul in wat je al weet. De rest kan later. Spreek met je regieondersteuner af "
          "wie het gesprek leidt.",
    fields=(
        ShortText(id="groepsnaam", label="Hoe heet je groep?", max_length=80,
                  help="Jij kiest de naam. Bijvoorbeeld: ‘Team Samira’ of ‘De dinsdaggroep’."),
        ShortText(id="jouw_naam", label="Je eigen naam", max_length=80,
                  help="Deze naam komt onder de uitnodiging. Je voornaam is genoeg."),
        Date(id="datum", label="Datum van de bijeenkomst"),
        ShortText(id="begintijd", label="Begintijd", max_length=12, placeholder="19:30",
                  help="Schrijf de tijd zo: 19:30."),
        ShortText(id="eindtijd", label="Eindtijd", max_length=12, placeholder="20:30",
                  help="Een bijeenkomst duurt meestal ongeveer een uur."),
        ShortText(id="plek", label="Waar is de bijeenkomst?", max_length=200,
                  help="Jij kiest de plek. Bijvoorbeeld bij jou thuis, in de bibliotheek, in "
                       "een café of op het kantoor van het team. Schrijf het adres erbij."),
        ShortText(id="leider", label="Wie leidt het gesprek?", max_length=80,
                  help="Dat kun je zelf zijn, of bijvoorbeeld je regieondersteuner."),
        ShortText(id="notulist", label="Wie schrijft de afspraken op?", max_length=80),
    ),
)

PARTICIPANT_FIELDS = (
    Choice(id="naam", label="Kies iemand van je kaart", dynamic=True, layout="row",
           help="Dit zijn de mensen die je op je kaart hebt voorgedragen voor je groep.",
           alternative=True),
    ShortText(id="andere_naam", label="Of typ een naam", max_length=80,
              help="Staat de persoon niet in de lijst? Typ dan hier de naam.",
              alternative=True),
    Choice(id="rol", label="Wat is de rol van deze persoon in de groep?", options=ROLES),
    YesNo(id="voorgesprek", label="Heb je met deze persoon al een voorgesprek gehad?",
          help="Een kort gesprek vooraf, met z’n tweeën of samen met je regieondersteuner."),
    LongText(id="voorgesprek_notities", label="Aantekeningen van het voorgesprek", rows=3,
             help=PRIVATE),
    LongText(id="eigen_punten", label="Wat wil deze persoon zelf bespreken?", rows=2,
             help="Eén punt per regel. Deze punten komen in het voorstel voor de agenda."),
)

PEOPLE = Section(
    id="deelnemers",
    title="Wie nodig je uit?",
    intro="Maak voor iedere persoon een blok. Kies iemand van je kaart of typ een naam.",
    fields=(
        Group(id="deelnemers", label="Deelnemers", fields=PARTICIPANT_FIELDS,
              item_label="Deelnemer", add_label="Nog iemand toevoegen", max_items=15),
    ),
)

AGENDA_FIELDS = (
    # layout="row" keeps the options compact once the engine honours it for dynamic choices.
    Choice(id="onderwerp", label="Kies een punt uit het voorstel", dynamic=True, layout="row"),
    ShortText(id="eigen", label="Of schrijf zelf een punt", max_length=200,
              help="Heb je hierboven al iets gekozen? Dan kun je hier iets toevoegen."),
    Choice(id="minuten", label="Hoeveel minuten?", options=MINUTES, layout="row"),
    ShortText(id="wie", label="Wie vertelt of leidt dit punt?", max_length=80),
)

MY_AGENDA = Group(id="agenda", label="Mijn agenda", fields=AGENDA_FIELDS,
                  item_label="Agendapunt", add_label="Agendapunt toevoegen", max_items=20)

AGENDA = Section(
    id="agenda",
    title="De agenda",
    intro="Het werkblad maakt een voorstel voor de agenda uit je doelen. Je ziet het onder "
          "de vragen, bij ‘Voorstel voor de agenda’. Maak je geen eigen agenda? Dan komt het "
          "voorstel in de uitnodiging.\n\n"
          "Wil je iets veranderen? Maak dan hier je eigen agenda: één blok per punt. Kies "
          "een punt uit het voorstel, of schrijf zelf een punt. Met de pijltjes zet je een "
          "punt hoger of lager. Is ‘Mijn agenda’ nog leeg? Dan kun je ook het hele voorstel "
          "overnemen, met de knop onder het voorstel. Daarna pas je het hier aan.",
    fields=(MY_AGENDA,),
)

ACTION_FIELDS = (
    Choice(id="doel", label="Bij welk doel hoort deze afspraak?", dynamic=True,
           help="Hoort de afspraak niet bij een doel? Kies dan niets."),
    LongText(id="wat", label="Wat spreken jullie af?", rows=2, max_length=500),
    ShortText(id="wie", label="Wie doet het?", max_length=120),
    Date(id="wanneer", label="Wanneer moet het klaar zijn?"),
    Choice(id="status", label="Is het gedaan?", options=STATUS, layout="row",
           help="Wat nog openstaat, komt de volgende keer terug op de agenda."),
)

OFFER_FIELDS = (
    Choice(id="naam", label="Wie?", dynamic=True, layout="row",
           help="Staat iemand er niet bij? Voeg die persoon eerst toe bij ‘Wie nodig je uit?’."),
    LongText(id="kan", label="Wat kan en wil deze persoon doen?", rows=2, max_length=1000),
    LongText(id="kan_niet", label="Wat kan of wil deze persoon niet?", rows=2, max_length=1000,
             help="Zo vraagt niemand meer dan iemand kan geven."),
)

PLAN = Section(
    id="rg_plan",
    title="Het RG-plan: wat jullie afspreken",
    intro="Vul dit in tijdens of na de bijeenkomst. Dit is het plan van jullie groep: "
          "iedereen mag het zien.\n\n"
          "Niet iedereen hoeft een taak te hebben. Er zijn en meedenken is ook een bijdrage.\n\n"
          "Zet een afspraak op ‘Klaar’ als die gedaan is. Wat nog openstaat, komt de volgende "
          "keer vanzelf op de agenda. Tip: kies na elke bijeenkomst onderaan de pagina ‘Bewaar "
          "deze versie’. Dan kun je later zien wat er veranderd is.",
    fields=(
        Group(id="afspraken", label="Afspraken: wie doet wat, en wanneer?", fields=ACTION_FIELDS,
              item_label="Afspraak", add_label="Nog een afspraak toevoegen", max_items=40),
        Group(id="bijdragen", label="Wat iedereen kan bieden", fields=OFFER_FIELDS,
              item_label="Persoon", add_label="Nog iemand toevoegen", max_items=15),
    ),
)

CONTACT = Section(
    id="contact",
    title="Contact tussen de bijeenkomsten",
    fields=(
        LongText(id="contact_hoe", label="Hoe houden jullie contact?", rows=2,
                 help="Bijvoorbeeld: een WhatsApp-groep, of de regieondersteuner belt iedereen."),
        LongText(id="wel_delen", label="Wat delen jullie wel in de groep?", rows=2,
                 help="Bijvoorbeeld: praktische dingen, zoals afspraken en wie er komt."),
        LongText(id="niet_delen", label="Wat delen jullie niet in de groep?", rows=2,
                 help="Bijvoorbeeld: medische of heel persoonlijke dingen."),
        LongText(id="crisis", label="Wat doen jullie als het heel slecht gaat?", rows=2,
                 help="Een crisis gaat via de telefoon, niet via de groepsapp."),
        ShortText(id="crisis_bellen", label="Wie bel je dan?", max_length=200,
                  help="Naam en telefoonnummer."),
    ),
)

NEXT = Section(
    id="volgende",
    title="De volgende bijeenkomst",
    fields=(
        Date(id="volgende_datum", label="Wanneer is de volgende bijeenkomst?"),
        LongText(id="evalueren", label="Wat bekijken jullie dan?", rows=3,
                 help="Bijvoorbeeld: is het gelukt met zwemmen? Wat ging goed, wat kan beter?"),
    ),
)

OWN_NOTES = Section(
    id="eigen",
    title="Mijn eigen aantekeningen",
    intro=PRIVATE,
    fields=(
        LongText(id="aantekeningen", label="Mijn eigen aantekeningen", rows=5),
    ),
)


# --------------------------------------------------------------------------- hints


def _time_hints(answers: Answers) -> list[Hint]:
    found = []
    for key, name in (("begintijd", "begintijd"), ("eindtijd", "eindtijd")):
        if logic.clean(answers[key]) and logic.parse_clock(answers[key]) is None:
            found.append(Hint(f"Schrijf de {name} als uren en minuten, bijvoorbeeld 19:30.", key))
    start, end = logic.parse_clock(answers["begintijd"]), logic.parse_clock(answers["eindtijd"])
    if start is not None and end is not None and end <= start:
        found.append(Hint("De eindtijd is niet later dan de begintijd. Klopt dat?", "eindtijd"))
    length = logic.meeting_length(answers)
    if length is not None and length > logic.LONG_MEETING:
        found.append(Hint(f"De bijeenkomst duurt {length} minuten. Meestal is het ongeveer een "
                          "uur. Een lange bijeenkomst is vermoeiend; een pauze helpt.",
                          "eindtijd"))
    return found


def _agenda_hints(answers: Answers) -> list[Hint]:
    own = logic.own_agenda(answers)
    found = []
    length = logic.meeting_length(answers)
    if own and length is not None and logic.total_minutes(own) > length:
        found.append(Hint(logic.time_message(own, length), "agenda"))
    if logic.goal_items(own) > logic.GOALS_PER_MEETING:
        found.append(Hint("Twee of drie doelen is in een uur meestal genoeg. De andere doelen "
                          "kunnen de volgende keer.", "agenda"))
    return found


def _people_hints(answers: Answers) -> list[Hint]:
    found = []
    for index, block in enumerate(answers["deelnemers"]):
        if logic.clean(block["naam"]) and logic.clean(block["andere_naam"]):
            found.append(Hint("Je hebt een naam gekozen én getypt. In de uitnodiging komt de "
                              "getypte naam.", f"deelnemers.{index}.andere_naam"))
        if block["voorgesprek"] is False and logic.participant_name(block):
            found.append(Hint("Een kort gesprek vooraf helpt. Dan weet deze persoon wat je van "
                              "de bijeenkomst verwacht.", f"deelnemers.{index}.voorgesprek"))
    for index, block in enumerate(answers["afspraken"]):
        if logic.clean(block["wat"]) and not logic.clean(block["wie"]):
            found.append(Hint("Wie doet dit? Schrijf een naam op, dan weet iedereen het.",
                              f"afspraken.{index}.wie"))
    return found


def hints(answers: Answers) -> list[Hint]:
    """Gentle remarks on times, the agenda's length and the people; never blocking."""
    return _time_hints(answers) + _agenda_hints(answers) + _people_hints(answers)


# --------------------------------------------------------------------------- summary


def summary(answers: Answers) -> list[SummaryBlock]:
    """When and where, who comes, and what is still open."""
    return [
        SummaryBlock("Wanneer en waar", tuple(docs.when_and_where(answers)),
                     "Nog geen datum, tijd of plek."),
        SummaryBlock("Wie komen er", tuple(p.label for p in logic.participants(answers)),
                     "Nog niemand uitgenodigd."),
        SummaryBlock("Afspraken die nog openstaan",
                     tuple(a.line() for a in logic.open_actions(answers)),
                     "Er staan geen afspraken open."),
    ]


# --------------------------------------------------------------------------- context


def choices(answers: Answers, context: Context) -> dict[str, tuple[Option, ...]]:
    """Options of the dynamic choices: people from the map, the proposal, goals, members."""
    return {
        "deelnemers.naam": tuple(Option(p.name, p.label) for p in logic.map_people(context)
                                 if not p.declined),
        "agenda.onderwerp": tuple(Option(item.title, item.title)
                                  for item in logic.propose_agenda(answers, context)),
        "afspraken.doel": tuple(Option(g.text, g.text)
                                for g in logic.goals_in_priority(context)),
        "bijdragen.naam": tuple(Option(p.name, p.label) for p in logic.participants(answers)),
    }


def _agenda_block(item: logic.AgendaItem) -> dict[str, str]:
    """One block of ‘Mijn agenda’ for a proposed point, within its fields' limits: a
    title too long to be a choice (a very long name or point) becomes the block's
    own text, cut to its length; the name is cut to the field's length too."""
    topic, own, minutes, who = AGENDA_FIELDS
    fits = not topic.problems(item.title)
    chosen_minutes = str(item.minutes) if item.minutes else ""
    return {topic.id: item.title if fits else "",
            own.id: "" if fits else item.title[:own.max_length],
            minutes.id: chosen_minutes if not minutes.problems(chosen_minutes) else "",
            who.id: item.who[:who.max_length]}


def adopt_proposal(answers: Answers, context: Context) -> Safe:
    """"Neem dit voorstel over": fills an empty ‘Mijn agenda’ with the proposal."""
    if not MY_AGENDA.is_empty(answers["agenda"]):
        return Safe("")  # never overwrite what the client wrote
    taken, left = logic.fitting_agenda(logic.propose_agenda(answers, context),
                                       MY_AGENDA.max_items)
    done = ("Het voorstel staat nu in ‘Mijn agenda’. Daar kun je punten veranderen, "
            "weghalen of verplaatsen.")
    if left:
        which = "Dit punt staat" if len(left) == 1 else f"Deze {len(left)} punten staan"
        done += (f" Er passen {MY_AGENDA.max_items} punten in. {which} er niet in: "
                 f"{'; '.join(item.title for item in left)}.")
    return fill_button(MY_AGENDA, [_agenda_block(item) for item in taken],
                       "Neem dit voorstel over in ‘Mijn agenda’", done)


def views(answers: Answers, context: Context) -> list[View]:
    return [
        View("voorstel", "Voorstel voor de agenda",
             join(docs.proposal_html(answers, context), adopt_proposal(answers, context))),
        View("agenda", "Je agenda en de tijd", docs.agenda_html(answers, context)),
        View("kaart", "Mensen van je kaart", docs.people_html(answers, context)),
    ]


WORKSHEET = Worksheet(
    id="bijeenkomst",
    title="Bijeenkomst voorbereiden",
    # No ": " here: the builder writes it into the page's YAML front matter unquoted.
    description="Bereid de bijeenkomst van je resourcegroep voor (wie, wanneer, waar en de "
                "agenda) en schrijf daarna samen het RG-plan op.",
    intro="Met dit werkblad bereid je samen met je regieondersteuner de bijeenkomst van je "
          "resourcegroep voor. Het werkblad maakt een voorstel voor de agenda uit je doelen. "
          "Daarna maak je een uitnodiging.\n\n"
          "Tijdens of na de bijeenkomst schrijf je hier het plan van je groep op, het "
          "RG-plan: wie doet wat, en wanneer. Alles wat je typt, blijft in deze browser.",
    schema_version=1,
    sections=(PRACTICAL, PEOPLE, AGENDA, PLAN, CONTACT, NEXT, OWN_NOTES),
    hints=hints,
    summary=summary,
    summary_title="Je bijeenkomst op een rij",
    uses=("doelen", "resources"),
    views=views,
    choices=choices,
    exports=(
        Export(id="uitnodiging", label="Uitnodiging (PDF)", filename="uitnodiging",
               build=docs.build_invitation,
               description="Voor iedereen die komt: wanneer, waar, wie en de agenda. Zonder je "
                           "eigen aantekeningen en zonder aantekeningen van voorgesprekken."),
        Export(id="rg-plan", label="RG-plan (PDF)", filename="rg-plan",
               build=docs.build_plan,
               description="Het plan van de groep: wie er in de groep zitten, de afspraken per "
                           "doel, het contact en de volgende bijeenkomst. Zonder je eigen "
                           "aantekeningen."),
    ),
    snapshots=True,
    compare=docs.compare,
    example=BIJEENKOMST_VOORBEELD,
)
