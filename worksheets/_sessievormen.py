"""Session formats for monthly intervision on resourcegroepen.

Each format has a purpose, roles, steps with their minutes for a session of
60 and of 90 minutes, and questions that keep the method in view. The
worksheet "Sessieplanner" turns a format into a timed plan; the content page
``content/trainers/sessievormen.md`` shows the same formats, generated from
this data (``python -m worksheets._sessievormen`` prints that part of the
page, and a test checks that the page is up to date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DURATIONS = (60, 90)

#: Questions for every session, whatever the format.
METHOD_QUESTIONS = (
    "Wie heeft hier de regie?",
    "Welke reflex om over te nemen herken je?",
    "Wat zou de cliënt zelf kunnen doen, met wat steun?",
    "Wie uit het netwerk zit nog niet aan tafel?",
    "Van wie zijn de woorden van dit doel: van de cliënt of van de hulpverlener?",
    "Wat kan iemand in de groep wél bieden, en wat niet?",
)

PRIVACY = ("Bespreek cliënten zonder namen, geboortedata, adressen of andere gegevens "
           "waaraan iemand te herkennen is. Wat in de intervisie gezegd wordt, blijft in de "
           "groep.")


@dataclass(frozen=True)
class Role:
    name: str
    task: str


@dataclass(frozen=True)
class Step:
    title: str
    who: str
    #: Minutes in a session of 60 and of 90 minutes.
    minutes: tuple[int, int]
    what: str
    questions: tuple[str, ...] = ()

    def length(self, duration: int) -> int:
        return self.minutes[DURATIONS.index(duration)]


@dataclass(frozen=True)
class SessionFormat:
    id: str
    name: str
    purpose: str
    suits: str
    prepare: str
    roles: tuple[Role, ...]
    steps: tuple[Step, ...]
    questions: tuple[str, ...]

    def total(self, duration: int) -> int:
        return sum(step.length(duration) for step in self.steps)


FACILITATOR = "Gespreksleider"
PRESENTER = "Casusinbrenger"
TIMEKEEPER = "Tijdbewaker"
EVERYONE = "Iedereen"

FORMATS: tuple[SessionFormat, ...] = (
    SessionFormat(
        id="regievraag",
        name="Casusbespreking: wie heeft de regie?",
        purpose="Eén regieondersteuner brengt een casus in waarin hij of zij vastloopt. De "
                "groep helpt met vragen, niet met adviezen, en houdt steeds de regie van de "
                "cliënt in beeld.",
        suits="Een vaste vorm voor elke maand. Goed als iemand een concrete vraag heeft over "
              "een cliënt of een groep.",
        prepare="De casusinbrenger vult vooraf het werkblad ‘Casus inbrengen’ in, zonder "
                "herkenbare gegevens, en neemt één vraag aan de groep mee.",
        roles=(
            Role(FACILITATOR, "Bewaakt de stappen, vat samen en let erop dat er geen "
                              "adviezen komen voordat de vraag helder is."),
            Role(PRESENTER, "Vertelt de casus zonder namen en formuleert één vraag aan de "
                            "groep."),
            Role(TIMEKEEPER, "Houdt de tijd per stap bij en meldt twee minuten voor het eind "
                             "van elke stap dat de tijd bijna om is."),
        ),
        steps=(
            Step("Opening", FACILITATOR, (5, 10),
                 "Welkom, de afspraken over vertrouwelijkheid en de rollen van vandaag."),
            Step("De casus", PRESENTER, (10, 15),
                 "De casusinbrenger vertelt wat er speelt en eindigt met de vraag aan de "
                 "groep. De anderen luisteren en schrijven vragen op."),
            Step("Verhelderende vragen", EVERYONE, (10, 15),
                 "Alleen vragen om het beter te begrijpen, nog geen adviezen. De "
                 "gespreksleider stopt goedbedoelde tips.",
                 ("Wat wil de cliënt zelf?", "Wie heeft de cliënt al gevraagd, en wie nog niet?")),
            Step("Regieronde", EVERYONE, (15, 20),
                 "Ieder zegt om de beurt, in een paar zinnen: wie heeft hier nu de regie, en "
                 "wat zou de cliënt zelf kunnen doen? De casusinbrenger luistert en reageert "
                 "nog niet.",
                 ("Wie heeft hier de regie?", "Wat zou de cliënt zelf kunnen doen, met wat "
                                              "steun?")),
            Step("Reactie van de inbrenger", PRESENTER, (10, 15),
                 "Wat raakte, wat herkent de inbrenger? Wat is de eerste stap na vandaag?"),
            Step("Leerpunten en afsluiting", FACILITATOR, (10, 15),
                 "Wat nemen we als groep mee voor andere casussen? Kort rondje: hoe was dit?"),
        ),
        questions=("Wie heeft hier de regie?", "Welke reflex om over te nemen herken je?",
                   "Wat zou de cliënt zelf kunnen doen, met wat steun?"),
    ),
    SessionFormat(
        id="reflexronde",
        name="Reflexronde: overnemen herkennen",
        purpose="Iedereen brengt een kort moment mee waarop hij of zij het werk van de cliënt "
                "(bijna) overnam. Samen zoek je patronen en oefen je wat je in plaats daarvan "
                "kunt zeggen.",
        suits="Als de groep nieuw is met de methode, of als er geen casus is ingebracht. "
              "Iedereen doet mee, niemand hoeft een hele casus voor te bereiden.",
        prepare="Vraag deelnemers vooraf om in de komende weken op één moment te letten "
                "waarop ze iets overnamen, en het kort op te schrijven.",
        roles=(
            Role(FACILITATOR, "Houdt de rondes kort en vraagt door op het moment zelf: wat "
                              "deed je, wat dacht je?"),
            Role(PRESENTER, "In deze vorm is iedereen inbrenger, met een moment van een paar "
                            "minuten."),
            Role(TIMEKEEPER, "Bewaakt dat elk moment binnen drie minuten verteld is, zodat "
                             "iedereen aan de beurt komt."),
        ),
        steps=(
            Step("Opening", FACILITATOR, (5, 5),
                 "Het thema van vandaag en de afspraak: we beoordelen niemand, we onderzoeken."),
            Step("Stil voorbereiden", EVERYONE, (5, 10),
                 "Ieder schrijft één moment op: wat gebeurde er, wat deed je, wat had de "
                 "cliënt zelf kunnen doen?"),
            Step("Ronde van momenten", EVERYONE, (25, 40),
                 "Om de beurt vertelt ieder het moment in hooguit drie minuten. De anderen "
                 "stellen één vraag.",
                 ("Welke reflex om over te nemen herken je?", "Wat maakte het moeilijk om het "
                                                            "te laten liggen?")),
            Step("Patronen zoeken", EVERYONE, (10, 15),
                 "Welke reflexen komen vaker terug? Bij welke cliënten, taken of momenten?"),
            Step("Anders zeggen oefenen", EVERYONE, (10, 15),
                 "In tweetallen: zoek voor twee momenten een zin die de regie bij de cliënt "
                 "laat. Gebruik de tabel ‘In plaats van… probeer…’ uit het handboek.",
                 ("Wat zou je de volgende keer zeggen?",)),
            Step("Afsluiting", FACILITATOR, (5, 5),
                 "Ieder noemt één voornemen voor de komende maand."),
        ),
        questions=("Welke reflex om over te nemen herken je?", "Wie heeft hier de regie?",
                   "Wat zou de cliënt zelf kunnen doen, met wat steun?"),
    ),
    SessionFormat(
        id="stap-verdiepen",
        name="Eén stap uitdiepen met een werkblad",
        purpose="De groep neemt één stap van de methode onder de loep. Deelnemers vullen in "
                "tweetallen een werkblad in voor een verzonnen cliënt en bespreken daarna de "
                "vragen ‘Voor de trainer’ van die stap.",
        suits="Om de stappen één voor één door te werken, bijvoorbeeld in de eerste "
              "maanden met nieuwe regieondersteuners.",
        prepare="Kies de stap en lees de stappagina in het handboek. Zorg dat iedereen een "
                "telefoon of laptop heeft voor het werkblad, of print het lege werkblad.",
        roles=(
            Role(FACILITATOR, "Leidt de stap kort in en bespreekt de vragen ‘Voor de "
                              "trainer’."),
            Role(PRESENTER, "Hier is er geen casusinbrenger: in elk tweetal speelt één persoon "
                            "een verzonnen cliënt."),
            Role(TIMEKEEPER, "Geeft aan wanneer de tweetallen van rol wisselen en wanneer het "
                             "nabespreken begint."),
        ),
        steps=(
            Step("Opening", FACILITATOR, (5, 5), "Welke stap staat vandaag centraal, en waarom?"),
            Step("Inleiding op de stap", FACILITATOR, (10, 10),
                 "In eigen woorden: waar draait deze stap om, en wat is er lastig aan?"),
            Step("Werkblad in tweetallen", EVERYONE, (20, 30),
                 "Eén speelt een verzonnen cliënt, de ander de regieondersteuner. Vul samen het "
                 "werkblad van deze stap in. De oefenmodus van het werkblad laat een ingevuld "
                 "voorbeeld zien. Bij 90 minuten wissel je halverwege van rol.",
                 ("Van wie zijn de woorden in het werkblad?",)),
            Step("Nabespreken", EVERYONE, (10, 20),
                 "Wat deed de regieondersteuner zelf, wat liet hij of zij aan de cliënt? Hoe "
                 "voelde dat voor de ‘cliënt’?",
                 ("Welke reflex om over te nemen herken je?",)),
            Step("Vragen uit het handboek", EVERYONE, (10, 20),
                 "Bespreek de vragen onder ‘Voor de trainer’ op de stappagina."),
            Step("Afsluiting", FACILITATOR, (5, 5), "Wat neem je mee naar je eigen werk?"),
        ),
        questions=("Van wie zijn de woorden van dit doel: van de cliënt of van de "
                   "hulpverlener?", "Wie heeft hier de regie?",
                   "Wie uit het netwerk zit nog niet aan tafel?"),
    ),
    SessionFormat(
        id="rollenspel",
        name="Rollenspel: een lastig gesprek oefenen",
        purpose="De groep oefent een gesprek dat in de praktijk lastig is: een cliënt die "
                "aarzelt om iemand te vragen, een kritische naaste in een voorgesprek, of een "
                "bijeenkomst die kantelt naar de zorgen van anderen.",
        suits="Als meerdere deelnemers tegen hetzelfde soort gesprek aanlopen.",
        prepare="Vraag vooraf of iemand een situatie wil inbrengen. Schrijf een paar "
                "verzonnen situaties op voor als er niets wordt ingebracht.",
        roles=(
            Role(FACILITATOR, "Zet de situatie neer, stopt het spel op tijd en bespreekt eerst "
                              "met de spelers na."),
            Role(PRESENTER, "Schetst de situatie en speelt zelf de regieondersteuner, of "
                            "kijkt juist toe."),
            Role(TIMEKEEPER, "Houdt de speelrondes kort en geeft het teken om te stoppen."),
        ),
        steps=(
            Step("Opening", FACILITATOR, (5, 10), "Afspraken: spelen is oefenen, fouten mogen."),
            Step("Situatie schetsen", PRESENTER, (5, 10),
                 "Wie zijn er, wat is er gebeurd, wat wil de cliënt? Verdeel de rollen."),
            Step("Eerste ronde spelen", "Spelers", (10, 15),
                 "De spelers voeren het gesprek. De anderen letten op wie de regie heeft."),
            Step("Nabespreken met de spelers", EVERYONE, (10, 15),
                 "Eerst de spelers: hoe voelde het? Daarna de kijkers: wat zagen jullie?",
                 ("Wie had de regie in dit gesprek?", "Welke reflex om over te nemen zag je?")),
            Step("Tweede ronde", "Spelers", (10, 15),
                 "Speel opnieuw met een andere aanpak, of wissel van rol."),
            Step("Leerpunten", EVERYONE, (15, 20),
                 "Wat werkte in de tweede ronde? Welke zinnen neem je mee?"),
            Step("Afsluiting", FACILITATOR, (5, 5), "Kort rondje: wat probeer je deze maand?"),
        ),
        questions=("Wie heeft hier de regie?", "Wat kan iemand in de groep wél bieden, en wat "
                   "niet?", "Welke reflex om over te nemen herken je?"),
    ),
)

FORMAT_BY_ID = {session.id: session for session in FORMATS}


@dataclass(frozen=True)
class PlanItem:
    """One step in the timed plan: minutes from the start, and the clock time if known."""

    step: Step
    start: int
    end: int
    clock: str


def parse_clock(text: str) -> int | None:
    """``19:30``, ``19.30`` or ``9u30`` → minutes after midnight; ``None`` if unreadable."""
    match = re.fullmatch(r"\s*([01]?\d|2[0-3])\s*[:.u]\s*([0-5]\d)\s*(?:uur)?\s*", text or "")
    if not match:
        match = re.fullmatch(r"\s*([01]?\d|2[0-3])\s*(?:uur)?\s*", text or "")
        return int(match.group(1)) * 60 if match else None
    return int(match.group(1)) * 60 + int(match.group(2))


def format_clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan(format_id: str, duration: int, start: int | None = None) -> list[PlanItem]:
    """The steps of a format with their start and end minute (and clock times)."""
    session = FORMAT_BY_ID[format_id]
    if duration not in DURATIONS:
        raise ValueError(f"duration must be one of {DURATIONS}")
    items, elapsed = [], 0
    for step in session.steps:
        length = step.length(duration)
        clock = "" if start is None else \
            f"{format_clock(start + elapsed)}–{format_clock(start + elapsed + length)}"
        items.append(PlanItem(step, elapsed, elapsed + length, clock))
        elapsed += length
    return items


# --------------------------------------------------------------------------- content page


def _cell(text: str) -> str:
    return text.replace("|", "/")


def markdown_formats() -> str:
    """The formats as Markdown, for ``content/trainers/sessievormen.md``."""
    parts: list[str] = []
    for session in FORMATS:
        parts += [f"## {session.name}", "", session.purpose, "",
                  f"**Wanneer:** {session.suits}", "",
                  f"**Voorbereiding:** {session.prepare}", "", "**Rollen**", ""]
        parts += [f"- **{role.name}:** {role.task}" for role in session.roles]
        parts += ["", "| Onderdeel | Wie | 60 min | 90 min |", "| --- | --- | --- | --- |"]
        parts += [f"| **{_cell(step.title)}**: {_cell(step.what)} | {step.who} | "
                  f"{step.minutes[0]} | {step.minutes[1]} |" for step in session.steps]
        parts += [f"| **Totaal** | | {session.total(60)} | {session.total(90)} |", "",
                  "**Vragen die de methode in beeld houden**", ""]
        parts += [f"- {question}" for question in session.questions]
        parts.append("")
    return "\n".join(parts)


BEGIN, END = "<!-- sessievormen:begin -->", "<!-- sessievormen:end -->"


def with_formats(page: str) -> str:
    """``page`` with the part between the markers replaced by :func:`markdown_formats`."""
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{markdown_formats()}\n{END}{tail}"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if "--write" in sys.argv:
        page = Path(__file__).resolve().parent.parent / "content/trainers/sessievormen.md"
        page.write_text(with_formats(page.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(markdown_formats(), end="")
