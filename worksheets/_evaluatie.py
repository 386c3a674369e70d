"""The evaluation of a resourcegroep: four themes, three questionnaires.

Every participant evaluates the group on the same four themes: feeling
heard, the division of tasks and roles, the client's own direction (regie)
and progress. Each role (client, naaste, professional) gets its own wording
of the statements; the client's and the naaste's texts are in plain Dutch
(B1). The statements are our own. They are inspired by the themes the
method names for evaluation, but they are not the R-MET and do not replace it.

``evaluatie_client``, ``evaluatie_naaste`` and ``evaluatie_professional``
each publish one of :data:`SHEETS`; ``_evaluatie_overzicht`` combines their
answer files.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine.schema import (
    Answers,
    Choice,
    Date,
    Field,
    Hint,
    LongText,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    Worksheet,
)

#: The answer for "weet ik niet": it never counts in a score.
DONT_KNOW = "?"
LOWEST, HIGHEST = 1, 5
SCALE = (
    Option("1", "1 – klopt niet"),
    Option("2", "2"),
    Option("3", "3"),
    Option("4", "4"),
    Option("5", "5 – klopt helemaal"),
    Option(DONT_KNOW, "Weet ik niet"),
)
SCALE_INTRO = ("Lees elke zin. Hoe goed klopt die voor jou? Kies een cijfer van 1 tot 5. "
               "1 betekent: klopt niet. 5 betekent: klopt helemaal. "
               "Weet je het niet? Kies dan ‘Weet ik niet’.")


@dataclass(frozen=True)
class Role:
    """Who fills in a questionnaire."""

    id: str
    name: str
    plural: str


ROLES = (
    Role("client", "Cliënt", "cliënten"),
    Role("naaste", "Naaste", "naasten"),
    Role("professional", "Professional", "professionals"),
)
ROLE_NAMES = {role.id: role.name for role in ROLES}


@dataclass(frozen=True)
class Theme:
    """One of the four evaluation themes, with its statements for every role."""

    id: str
    name: str
    about: str
    question: str
    statements: dict[str, tuple[str, ...]]

    def statement_ids(self) -> list[str]:
        return [f"{self.id}_{number}" for number in range(1, len(self.statements["client"]) + 1)]

    @property
    def better_id(self) -> str:
        return f"{self.id}_beter"


THEMES = (
    Theme(
        id="gehoord",
        name="Gehoord worden",
        about="Kan iedereen in de groep zeggen wat hij of zij denkt? Luisteren de anderen?",
        question="Wanneer voelt ieder zich gehoord, en wanneer minder? Wat helpt daarbij?",
        statements={
            "client": (
                "In de bijeenkomsten kan ik zeggen wat ik denk.",
                "De anderen luisteren echt naar mij.",
                "Ik durf het te zeggen als ik het ergens niet mee eens ben.",
            ),
            "naaste": (
                "In de bijeenkomsten kan ik zeggen wat ik denk.",
                "De anderen in de groep luisteren naar wat ik zeg.",
                "Mijn zorgen en ideeën worden serieus genomen.",
            ),
            "professional": (
                "In de groep is ruimte voor de inbreng van iedereen, ook voor die van mij.",
                "De cliënt krijgt echt de ruimte om een eigen mening te geven.",
                "Als deelnemers het oneens zijn, bespreken we dat open.",
            ),
        },
    ),
    Theme(
        id="rollen",
        name="Taken en rollen",
        about="Is duidelijk wie wat doet? Past de taak bij wat iemand kan en wil?",
        question="Hoe kijkt ieder naar de verdeling van de taken? Past die nog bij wat "
                 "ieder kan en wil geven?",
        statements={
            "client": (
                "Ik weet wat iedereen in de groep voor mij doet.",
                "De taken zijn eerlijk verdeeld. Niemand doet te veel of te weinig.",
                "Ik ben tevreden over wat ik zelf doe.",
            ),
            "naaste": (
                "Ik weet wat de anderen van mij verwachten.",
                "Wat ik doe, past bij wat ik kan en wil geven.",
                "De taken in de groep zijn eerlijk verdeeld.",
            ),
            "professional": (
                "Het is duidelijk wie in de groep welke taak heeft.",
                "Mijn rol in de groep past bij mijn opdracht en mijn beschikbare tijd.",
                "Naasten en professionals vullen elkaar goed aan.",
            ),
        },
    ),
    Theme(
        id="regie",
        name="Regie en eigen keuzes",
        about="Bepaalt de cliënt zelf de koers? Of nemen anderen het over?",
        question="Bij welke keuzes merkt de cliënt de eigen regie, en bij welke minder? "
                 "Wat kan de groep anders doen?",
        statements={
            "client": (
                "Ik bepaal zelf over welke doelen we praten.",
                "Ik kies zelf wie er in mijn groep zit.",
                "Er wordt niets over mij besloten zonder mij.",
            ),
            "naaste": (
                "De cliënt bepaalt zelf over welke doelen we praten.",
                "We besluiten niets over de cliënt zonder de cliënt.",
                "Ik help de cliënt om zelf te kiezen. Ik neem het niet over.",
            ),
            "professional": (
                "De cliënt bepaalt de doelen en de agenda van de groep.",
                "Ik ondersteun de cliënt bij eigen keuzes, zonder het over te nemen.",
                "De cliënt ervaart volgens mij dat de regie bij hem of haar ligt.",
            ),
        },
    ),
    Theme(
        id="voortgang",
        name="Vooruitgang",
        about="Komen de doelen dichterbij? Werkt de hulp goed samen?",
        question="Wat ziet ieder als vooruitgang? Wat is nodig voor de volgende stap?",
        statements={
            "client": (
                "Ik kom dichter bij mijn doelen.",
                "De hulp die ik krijg, helpt mij echt verder.",
                "De afspraken uit de groep worden ook echt gedaan.",
            ),
            "naaste": (
                "Ik zie dat de cliënt dichter bij de eigen doelen komt.",
                "De afspraken uit de groep worden ook echt gedaan.",
                "De hulp van naasten en van hulpverleners past goed bij elkaar.",
            ),
            "professional": (
                "De cliënt maakt voortgang op de eigen doelen.",
                "Afspraken uit de bijeenkomsten worden nagekomen en de volgende keer nagelopen.",
                "Behandeling, begeleiding en de hulp van naasten sluiten op elkaar aan.",
            ),
        },
    ),
)
THEME_NAMES = {theme.id: theme.name for theme in THEMES}

_SUBROLES = {
    "naaste": (
        Option("familie", "Familie of partner"),
        Option("vriend", "Vriend, vriendin, buur of kennis"),
        Option("ervaringsdeskundige", "Ervaringsdeskundige"),
        Option("vrijwilliger", "Vrijwilliger"),
        Option("anders", "Anders"),
    ),
    "professional": (
        Option("regieondersteuner", "Regieondersteuner"),
        Option("zorgverantwoordelijke", "Zorgverantwoordelijke"),
        Option("anders", "Andere professional"),
    ),
}

_INTROS = {
    "client": (
        "Met deze vragenlijst vertel je hoe jij je resourcegroep ervaart. De andere leden "
        "vullen hun eigen vragenlijst in. Samen bespreken jullie daarna wat goed gaat en "
        "wat beter kan.\n\n"
        "Je antwoorden blijven in deze browser. Ben je klaar? Kies dan onderaan ‘Opslaan "
        "als bestand’ en geef dat bestand aan je regieondersteuner. Je naam invullen "
        "hoeft niet."
    ),
    "naaste": (
        "Met deze vragenlijst vertel je hoe jij de resourcegroep ervaart. Met ‘de cliënt’ "
        "bedoelen we de persoon voor wie de groep er is. Iedereen in de groep vult een "
        "eigen vragenlijst in. Daarna bespreken jullie samen wat goed gaat en wat beter kan.\n\n"
        "Je antwoorden blijven in deze browser. Ben je klaar? Kies dan onderaan ‘Opslaan "
        "als bestand’ en geef dat bestand aan de regieondersteuner. Je naam invullen "
        "hoeft niet."
    ),
    "professional": (
        "Met deze vragenlijst evalueer je als professional hoe de resourcegroep werkt. De "
        "cliënt en de naasten vullen een eigen versie in, met dezelfde vier thema's. Het "
        "overzicht zet de antwoorden per rol naast elkaar, als start voor het gesprek in "
        "de groep.\n\n"
        "Je antwoorden blijven in deze browser. Kies aan het eind ‘Opslaan als bestand’ "
        "en geef het bestand aan de regieondersteuner. Je naam invullen is niet nodig."
    ),
}
_TITLES = {
    "client": "Evaluatie voor de cliënt",
    "naaste": "Evaluatie voor naasten",
    "professional": "Evaluatie voor professionals",
}
_DESCRIPTIONS = {
    "client": "Vertel hoe jij je resourcegroep ervaart, in vier thema's.",
    "naaste": "Vertel als naaste hoe jij de resourcegroep ervaart, in vier thema's. Ben je "
              "ervaringsdeskundige of vrijwilliger in de groep, en niet voor je werk? Dan is "
              "deze vragenlijst ook voor jou.",
    "professional": "Evalueer als professional hoe de resourcegroep werkt, in vier thema's.",
}


def _about_fields(role: str) -> tuple[Field, ...]:
    fields: list[Field] = [
        Date(id="datum", label="Datum van de evaluatie",
             help="De dag waarop de groep evalueert. Vraag de regieondersteuner welke "
                  "datum je invult. Dan komen alle antwoorden bij elkaar."),
        ShortText(id="groep", label="Naam van de resourcegroep", max_length=80,
                  help="Gebruik dezelfde naam als de anderen in de groep. Bijvoorbeeld: "
                       "‘Groep van Sam’."),
        ShortText(id="voornaam", label="Je voornaam (mag leeg blijven)", max_length=60,
                  help="Laat dit leeg als je liever anoniem antwoordt."),
    ]
    if role in _SUBROLES:
        fields.append(Choice(id="rol", label="Wat is je rol in de groep? (mag leeg blijven)",
                             options=_SUBROLES[role]))
    return tuple(fields)


def _theme_section(theme: Theme, role: str, number: int) -> Section:
    statements = tuple(
        Choice(id=field_id, label=text, options=SCALE, layout="scale")
        for field_id, text in zip(theme.statement_ids(), theme.statements[role], strict=True)
    )
    better = LongText(id=theme.better_id, label="Wat kan beter?", rows=3, max_length=2000,
                      help=f"Over: {theme.name.lower()}. Je mag dit leeg laten.")
    return Section(id=theme.id, title=f"{number}. {theme.name}",
                   intro=f"{theme.about}\n\n{SCALE_INTRO}", fields=(*statements, better))


def theme_scores(answers: Answers, theme: Theme) -> tuple[list[int], int]:
    """The 1–5 answers on a theme's statements, and how often "weet ik niet" was chosen."""
    values = [answers.get(field_id) for field_id in theme.statement_ids()]
    numbers = [int(v) for v in values if isinstance(v, str) and v.isdigit()
               and LOWEST <= int(v) <= HIGHEST]
    return numbers, sum(1 for v in values if v == DONT_KNOW)


def mean(numbers: list[int] | list[float]) -> float | None:
    """The average, or ``None`` for no numbers."""
    return sum(numbers) / len(numbers) if numbers else None


def decimal(value: float) -> str:
    """A score as Dutch readers write it: ``3.666`` → ``3,7``."""
    return f"{value:.1f}".replace(".", ",")


def answer_counts(answers: int, dont_know: int) -> str:
    """'2 antwoorden, 1 keer weet ik niet': what a score was made of, in words."""
    counted = f"{answers} {'antwoord' if answers == 1 else 'antwoorden'}"
    return f"{counted}, {dont_know} keer weet ik niet" if dont_know else counted


def _hints(answers: Answers) -> list[Hint]:
    started = any(theme_scores(answers, theme) != ([], 0) for theme in THEMES)
    if not started:
        return []
    found = []
    if not str(answers.get("groep") or "").strip():
        found.append(Hint("Vul de naam van de groep in. Dan kan de regieondersteuner je "
                          "antwoorden bij de goede groep zetten.", "groep"))
    if not answers.get("datum"):
        found.append(Hint("Vul de datum van de evaluatie in. Dan komen je antwoorden bij "
                          "de goede ronde.", "datum"))
    return found


def _summary(answers: Answers) -> list[SummaryBlock]:
    blocks = []
    for theme in THEMES:
        numbers, dont_know = theme_scores(answers, theme)
        average = mean(numbers)
        lines = []
        if average is not None:
            lines.append(f"Je gemiddelde: {decimal(average)} (van 1 tot 5)")
        if dont_know:
            lines.append(f"Weet ik niet: {dont_know} keer")
        better = str(answers.get(theme.better_id) or "").strip()
        if better:
            lines.append(f"Wat kan beter: {better}")
        blocks.append(SummaryBlock(theme.name, tuple(lines), "Nog niets ingevuld."))
    blocks.append(SummaryBlock("Zo geef je je antwoorden door", (
        "Kies ‘Opslaan als bestand’. Je krijgt dan een bestand.",
        "Geef dat bestand aan de regieondersteuner. Die zet alle antwoorden samen in "
        "één overzicht.",
        "Liever op papier? Kies ‘PDF downloaden’ of ‘Afdrukken’.",
    )))
    return blocks


def build_worksheet(role: str) -> Worksheet:
    """The questionnaire for one role: the same four themes, worded for that role."""
    sections = (
        Section(id="over", title="Over deze evaluatie", fields=_about_fields(role)),
        *(_theme_section(theme, role, number) for number, theme in enumerate(THEMES, start=1)),
    )
    return Worksheet(
        id=f"evaluatie-{role}",
        title=_TITLES[role],
        description=_DESCRIPTIONS[role],
        intro=_INTROS[role],
        schema_version=1,
        sections=sections,
        hints=_hints,
        summary=_summary,
        summary_title="Je antwoorden op een rij",
    )


#: The three questionnaires, by role.
SHEETS = {role.id: build_worksheet(role.id) for role in ROLES}
#: Worksheet id → role.
ROLE_OF_SHEET = {sheet.id: role for role, sheet in SHEETS.items()}


def subrole_label(role: str, value: object) -> str:
    """The label of the optional sub-role ("Familie of partner"), or ''."""
    for option in _SUBROLES.get(role, ()):
        if option.value == value:
            return option.label
    return ""
