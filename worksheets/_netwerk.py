"""The network of the worksheet "Resources in kaart", read from its answers.

Pure standard library. Turns the stored answers into :class:`Person` values
and derives from them what the page, the PDF and the comparison of two
saved versions need: the sectors and rings, who helps with which goal, and
what changed between two dates. Texts are Dutch; they reach the client.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Answers = dict[str, Any]


@dataclass(frozen=True)
class Sector:
    """One slice of the map: stored value, label in the form, name on the map."""

    value: str
    label: str
    name: str
    #: The name on the map, one string per line.
    lines: tuple[str, ...]
    prompts: tuple[str, ...]
    formal: bool = False


SECTORS: tuple[Sector, ...] = (
    Sector("familie", "Familie", "Familie", ("Familie",),
           ("Met wie in je familie heb je contact? Met wie vroeger wel?",
            "Wie vraagt weleens hoe het met je gaat?",
            "Denk ook aan een neef, nicht, oom, tante of schoonfamilie.")),
    Sector("vrienden", "Vrienden", "Vrienden", ("Vrienden",),
           ("Met wie lach je? Wie zou je bellen als je goed nieuws had?",
            "Met wie had je vroeger contact, op school of bij een oude baan?")),
    Sector("buurt", "Buurt, club of gemeenschap", "Buurt en club", ("Buurt", "en club"),
           ("Wie groet je op straat? Wie heeft een sleutel van je huis?",
            "Waar kom je graag: een sportclub, de bibliotheek, een kerk of moskee, "
            "een buurthuis?")),
    Sector("werk", "Werk, school of dagbesteding", "Werk, school, dagbesteding",
           ("Werk, school,", "dagbesteding"),
           ("Wie zie je daar vaak? Met wie heb je een klik?",
            "Denk ook aan een oud-collega of een docent.")),
    Sector("ervaring", "Ervaringsdeskundigen en vrijwilligers",
           "Ervaringsdeskundigen en vrijwilligers", ("Ervaringsdeskundigen", "en vrijwilligers"),
           ("Ken je iemand die hetzelfde heeft meegemaakt?",
            "Zou je een maatje willen, of een lotgenotengroep proberen?")),
    Sector("ggz", "Professionals in de ggz", "Ggz", ("Professionals", "ggz"),
           ("Wie van je behandelteam ken je goed? Wie heeft je echt geholpen?",
            "Denk aan je casemanager, verpleegkundige of psychiater."),
           formal=True),
    Sector("sociaal", "Professionals voor wonen, geld of werk",
           "Wonen, geld, werk", ("Professionals", "wonen, geld, werk"),
           ("Met wie heb je te maken voor wonen, geld of werk?",
            "Denk aan het buurtteam, een woonbegeleider of een schuldhulpverlener."),
           formal=True),
)
SECTOR_BY_VALUE = {sector.value: sector for sector in SECTORS}

#: The rings from the centre outwards: (stored value, label).
RINGS: tuple[tuple[str, str], ...] = (
    ("heel_dichtbij", "Heel dichtbij"),
    ("dichtbij", "Dichtbij"),
    ("verder_weg", "Verder weg"),
)
RING_INDEX = {value: index for index, (value, _) in enumerate(RINGS)}
RING_LABEL = dict(RINGS)

KINDS = (("informeel", "Informeel"), ("formeel", "Formeel"))
KIND_LABEL = dict(KINDS)

STATUSES: tuple[tuple[str, str], ...] = (
    ("nog_niet", "Nog niet gevraagd"),
    ("gevraagd", "Gevraagd"),
    ("doet_mee", "Doet mee"),
    ("liever_niet", "Doet liever niet mee"),
)
STATUS_LABEL = dict(STATUSES)


@dataclass(frozen=True)
class Person:
    """One filled-in block of the worksheet, numbered as on screen."""

    number: int
    name: str
    relation: str
    sector: str
    ring: str
    kind: str
    goals: tuple[str, ...]
    help_text: str
    status: str
    tension: str
    talk_first: bool | None
    nominated: bool | None

    @property
    def display_name(self) -> str:
        return self.name or f"Persoon {self.number} (nog zonder naam)"

    @property
    def placed(self) -> bool:
        """True when the person has a sector and a ring, so they are on the map."""
        return self.sector in SECTOR_BY_VALUE and self.ring in RING_INDEX

    @property
    def formal(self) -> bool:
        """Formal by choice, or by sector when the client did not choose."""
        if self.kind in KIND_LABEL:
            return self.kind == "formeel"
        sector = SECTOR_BY_VALUE.get(self.sector)
        return bool(sector and sector.formal)

    @property
    def ring_index(self) -> int:
        return RING_INDEX.get(self.ring, len(RINGS))

    @property
    def sector_index(self) -> int:
        return next((i for i, s in enumerate(SECTORS) if s.value == self.sector), len(SECTORS))

    @property
    def has_tension(self) -> bool:
        return bool(self.tension)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _has_content(item: dict[str, Any]) -> bool:
    return any(value not in ("", None, [], {}) and not (isinstance(value, str) and not
                                                        value.strip())
               for value in item.values())


def people(answers: Answers) -> list[Person]:
    """Every block that holds something, numbered by its place in the form."""
    found = []
    items = answers.get("personen") if isinstance(answers, dict) else None
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(item, dict) or not _has_content(item):
            continue
        goals = item.get("helpt_bij")
        found.append(Person(
            number=number,
            name=_text(item.get("naam")),
            relation=_text(item.get("relatie")),
            sector=_text(item.get("sector")),
            ring=_text(item.get("nabijheid")),
            kind=_text(item.get("soort")),
            goals=tuple(_text(g) for g in goals if _text(g)) if isinstance(goals, list) else (),
            help_text=_text(item.get("helpt_bij_tekst")),
            status=_text(item.get("contact")),
            tension=str(item.get("spanning") or "").strip(),
            talk_first=_flag(item.get("gesprek_eerst")),
            nominated=_flag(item.get("voorgedragen")),
        ))
    return found


def name_key(name: str) -> str:
    """Names compared without case and extra spaces: "anna " is "Anna"."""
    return " ".join(name.split()).casefold()


def goal_texts(context: dict[str, Answers] | None) -> list[str]:
    """The goals saved in the worksheet "Doelen formuleren", in order, without repeats."""
    goals = (context or {}).get("doelen", {})
    items = goals.get("doelen") if isinstance(goals, dict) else None
    seen: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        text = _text(item.get("doel")) if isinstance(item, dict) else ""
        if text and name_key(text) not in seen:
            seen[name_key(text)] = text
    return list(seen.values())


@dataclass(frozen=True)
class GoalLinks:
    """Who helps with which goal; goals without anyone; links to goals no longer listed."""

    helpers: tuple[tuple[str, tuple[Person, ...]], ...]
    without_anyone: tuple[str, ...]
    former_goals: tuple[tuple[str, tuple[Person, ...]], ...]
    other_help: tuple[Person, ...]


def goal_links(persons: Iterable[Person], goals: list[str]) -> GoalLinks:
    """Link people to goals by the goal text they chose (case and spaces ignored)."""
    persons = list(persons)
    current = {name_key(goal) for goal in goals}

    def helping(key: str) -> tuple[Person, ...]:
        return tuple(p for p in persons if key in {name_key(g) for g in p.goals})

    helpers = tuple((goal, helping(name_key(goal))) for goal in goals)
    former: dict[str, str] = {}
    for person in persons:
        for goal in person.goals:
            if name_key(goal) not in current:
                former.setdefault(name_key(goal), goal)
    return GoalLinks(
        helpers=tuple(item for item in helpers if item[1]),
        without_anyone=tuple(goal for goal, found in helpers if not found),
        former_goals=tuple((text, helping(key)) for key, text in former.items()),
        other_help=tuple(p for p in persons if p.help_text),
    )


@dataclass(frozen=True)
class Changes:
    """What changed between two saved versions of the map, by name."""

    joined: tuple[Person, ...]
    left: tuple[Person, ...]
    closer: tuple[tuple[Person, Person], ...]
    further: tuple[tuple[Person, Person], ...]
    moved_sector: tuple[tuple[Person, Person], ...]
    nominated: tuple[Person, ...]
    no_longer_nominated: tuple[Person, ...]
    status: tuple[tuple[Person, Person], ...]

    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def _pairs(older: list[Person], newer: list[Person]) -> tuple[
        list[tuple[Person, Person]], list[Person], list[Person]]:
    """Match people by name; the same name twice is matched in order."""
    waiting: dict[str, list[Person]] = {}
    for person in older:
        if person.name:
            waiting.setdefault(name_key(person.name), []).append(person)
    pairs, joined = [], []
    for person in newer:
        if not person.name:
            continue
        queue = waiting.get(name_key(person.name))
        if queue:
            pairs.append((queue.pop(0), person))
        else:
            joined.append(person)
    left = [p for queue in waiting.values() for p in queue]
    left.sort(key=lambda p: p.number)
    return pairs, joined, left


def compare(older: Answers, newer: Answers) -> Changes:
    """Who joined, who left, who moved closer or further, who is newly nominated."""
    pairs, joined, left = _pairs(people(older), people(newer))

    def moved(step: int) -> tuple[tuple[Person, Person], ...]:
        return tuple((a, b) for a, b in pairs if a.ring in RING_INDEX and b.ring in RING_INDEX
                     and (b.ring_index - a.ring_index) * step > 0)

    return Changes(
        joined=tuple(joined),
        left=tuple(left),
        closer=moved(-1),
        further=moved(1),
        moved_sector=tuple((a, b) for a, b in pairs if a.sector and b.sector
                           and a.sector != b.sector),
        nominated=tuple(b for a, b in pairs if b.nominated and not a.nominated)
        + tuple(p for p in joined if p.nominated),
        no_longer_nominated=tuple(b for a, b in pairs if a.nominated and not b.nominated),
        status=tuple((a, b) for a, b in pairs if b.status and a.status != b.status),
    )


def sector_name(value: str) -> str:
    sector = SECTOR_BY_VALUE.get(value)
    return sector.name if sector else "Nog geen sector"


def ring_label(value: str) -> str:
    return RING_LABEL.get(value, "Nog niet gekozen")


def kind_label(person: Person) -> str:
    if person.kind in KIND_LABEL:
        return KIND_LABEL[person.kind]
    return "Nog niet gekozen"


def status_label(value: str) -> str:
    return STATUS_LABEL.get(value, "Nog niet ingevuld")


def nominated_label(person: Person) -> str:
    return {True: "Ja", False: "Nee"}.get(person.nominated, "Nog niet gekozen")  # type: ignore[arg-type]


def with_relation(person: Person) -> str:
    return f"{person.display_name} ({person.relation})" if person.relation else person.display_name
