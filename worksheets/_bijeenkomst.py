"""Pure logic of the worksheet "Bijeenkomst voorbereiden" (``bijeenkomst.py``).

Everything here works on normalized answers of this worksheet and on the
context (the saved answers of "doelen" and "resources"), and returns plain
data: the proposed agenda, time sums, open actions carried over, the people
nominated on the resource map. The HTML views and the PDF documents are built
from this in ``_bijeenkomst_docs.py``. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Answers = dict[str, Any]
Context = Mapping[str, Answers]

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

#: Role values and how they read in the invitation and the plan.
ROLE_NAMES = {
    "naaste": "naaste",
    "ervaringsdeskundige": "ervaringsdeskundige",
    "regieondersteuner": "regieondersteuner",
    "zorgverantwoordelijke": "zorgverantwoordelijke",
    "professional": "professional",
}
#: Minutes a client can give an agenda item (stored as text, e.g. "10").
MINUTE_STEPS = (5, 10, 15, 20, 30, 45, 60)
#: A meeting usually lasts about an hour; longer than this gets a gentle note.
LONG_MEETING = 120
#: More goals than this rarely fit in one meeting.
GOALS_PER_MEETING = 3

WELCOME = "Welkom en voorstelronde"
LOOK_BACK = "Terugblik: afspraken die nog openstaan"
WENT_WELL = "Wat ging er goed de afgelopen tijd?"
CONTACT = "Afspraken over contact in de groep"
CLOSING = "Volgende bijeenkomst en afsluiting"
GOAL_PREFIX = "Doel: "
TERM_NAMES = {"kort": "komende maanden", "lang": "later"}


# --------------------------------------------------------------------------- small helpers


def clean(value: object) -> str:
    """Text of an answer with surrounding white space removed ('' for non-text)."""
    return value.strip() if isinstance(value, str) else ""


def long_date(value: str) -> str:
    """``2026-03-03`` → ``dinsdag 3 maart 2026``; '' when it is not a date."""
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return ""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(value: str) -> str:
    """``2026-03-03`` → ``3 maart 2026``; '' when it is not a date."""
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_CLOCK = re.compile(r"^(\d{1,2})(?:\s*[:.u]\s*(\d{2}))?(?:\s*uur)?$")


def parse_clock(text: str) -> int | None:
    """A time of day as minutes after midnight: ``19:30``, ``19.30``, ``19u30``, ``19 uur``."""
    match = _CLOCK.fullmatch(clean(text).lower())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def format_clock(minutes: int) -> str:
    """Minutes after midnight as ``19:30`` (wrapping past midnight)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def meeting_length(answers: Answers) -> int | None:
    """Minutes between start and end time; ``None`` when either is missing or unclear."""
    start, end = parse_clock(answers["begintijd"]), parse_clock(answers["eindtijd"])
    if start is None or end is None or end <= start:
        return None
    return end - start


def minutes_of(value: str) -> int | None:
    """The stored minutes of an agenda item ("10") as a number."""
    return int(value) if value.isdigit() else None


def unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


def split_lines(text: str) -> list[str]:
    """Non-empty lines of a text, without list marks such as ``-`` or ``•``."""
    return [re.sub(r"^[-•*]\s*", "", line.strip()).strip()
            for line in text.splitlines() if re.sub(r"^[-•*]\s*", "", line.strip()).strip()]


# --------------------------------------------------------------------------- other worksheets


@dataclass(frozen=True)
class Goal:
    """A goal from the worksheet "Doelen formuleren"."""

    text: str
    term: str = ""
    first_step: str = ""

    @property
    def term_name(self) -> str:
        return TERM_NAMES.get(self.term, "")


def goals_in_priority(context: Context) -> list[Goal]:
    """The client's goals: short-term first, otherwise in the order the client put them."""
    blocks = (context.get("doelen") or {}).get("doelen") or []
    goals = [Goal(clean(b.get("doel")), clean(b.get("termijn")), clean(b.get("eerste_stap")))
             for b in blocks if isinstance(b, dict) and clean(b.get("doel"))]
    rank = {"kort": 0, "lang": 1}
    ordered = sorted(goals, key=lambda goal: rank.get(goal.term, 2))  # stable: keeps order
    texts = unique(goal.text for goal in ordered)
    return [next(g for g in ordered if g.text == text) for text in texts]


@dataclass(frozen=True)
class Person:
    """Someone on the resource map (worksheet "Resources in kaart")."""

    name: str
    relation: str = ""
    contact: str = ""
    first_talk: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} ({self.relation})" if self.relation else self.name

    @property
    def declined(self) -> bool:
        """They said they would rather not take part."""
        return self.contact == "liever_niet"


def map_people(context: Context) -> list[Person]:
    """The people the client nominated for the group on the resource map."""
    blocks = (context.get("resources") or {}).get("personen") or []
    people = []
    for block in blocks:
        if not isinstance(block, dict) or not clean(block.get("naam")):
            continue
        if block.get("voorgedragen") is not True:
            continue
        people.append(Person(clean(block.get("naam")), clean(block.get("relatie")),
                             clean(block.get("contact")), _talk_first(block)))
    names = unique(person.name for person in people)
    return [next(p for p in people if p.name == name) for name in names]


def _talk_first(block: Mapping[str, Any]) -> bool:
    # "Zou het helpen om daar eerst over te praten?" on the map; the issue named it
    # "eerst_gesprek", the map stores "gesprek_eerst": read either.
    return block.get("gesprek_eerst", block.get("eerst_gesprek")) is True


# --------------------------------------------------------------------------- this worksheet


@dataclass(frozen=True)
class Participant:
    """One participant block, read."""

    name: str
    role: str = ""
    talk: bool | None = None
    topics: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        role = ROLE_NAMES.get(self.role, "")
        return f"{self.name} ({role})" if role else self.name


def participant_name(block: Mapping[str, Any]) -> str:
    """The typed name wins over the chosen one (typing is the more recent, deliberate act)."""
    return clean(block.get("andere_naam")) or clean(block.get("naam"))


def participants(answers: Answers) -> list[Participant]:
    """Participants with a name, in the order of the form."""
    found = []
    for block in answers["deelnemers"]:
        name = participant_name(block)
        if name:
            found.append(Participant(name, block["rol"], block["voorgesprek"],
                                     tuple(split_lines(block["eigen_punten"]))))
    return found


@dataclass(frozen=True)
class Action:
    """One agreement of the RG-plan: what, who, by when, for which goal."""

    goal: str
    what: str
    who: str = ""
    when: str = ""
    done: bool = False

    def line(self) -> str:
        """``Zwembad bellen (Anna, vóór 3 maart 2026)``."""
        extra = [part for part in (self.who, f"vóór {short_date(self.when)}"
                                   if short_date(self.when) else "") if part]
        return f"{self.what} ({', '.join(extra)})" if extra else self.what


def actions(answers: Answers) -> list[Action]:
    """Agreements that say what will be done, in the order of the form."""
    return [Action(clean(b["doel"]), clean(b["wat"]), clean(b["wie"]), b["wanneer"],
                   b["status"] == "klaar")
            for b in answers["afspraken"] if clean(b["wat"])]


def open_actions(answers: Answers) -> list[Action]:
    """The agreements not marked as done: they come back at the next meeting."""
    return [action for action in actions(answers) if not action.done]


# --------------------------------------------------------------------------- the agenda


@dataclass(frozen=True)
class AgendaItem:
    """One point of the agenda, with its minutes (``None`` = not given)."""

    title: str
    minutes: int | None = None
    who: str = ""
    details: tuple[str, ...] = ()


def propose_agenda(answers: Answers, context: Context) -> list[AgendaItem]:
    """The agenda Python proposes: usual items, open actions, goals, participants' topics."""
    items = [AgendaItem(WELCOME, 10)]
    still_open = open_actions(answers)
    if still_open:
        items.append(AgendaItem(LOOK_BACK, 10, details=tuple(a.line() for a in still_open)))
    items.append(AgendaItem(WENT_WELL, 5))
    for goal in goals_in_priority(context):
        details = (f"Eerste stap: {goal.first_step}",) if goal.first_step else ()
        items.append(AgendaItem(GOAL_PREFIX + goal.text, 10, details=details))
    for person in participants(answers):
        items += [AgendaItem(f"Punt van {person.name}: {topic}", 5, person.name)
                  for topic in person.topics]
    items += [AgendaItem(CONTACT, 5), AgendaItem(CLOSING, 5)]
    return _unique_items(items)


def fitting_agenda(items: list[AgendaItem],
                   limit: int) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """``(taken, left)``: at most ``limit`` items, the closing ones always among them
    (a long proposal loses its last topics, never how the meeting ends)."""
    if len(items) <= limit:
        return items, []
    ending = [item for item in items if item.title in (CONTACT, CLOSING)]
    others = [item for item in items if item.title not in (CONTACT, CLOSING)]
    keep = limit - len(ending)
    return others[:keep] + ending, others[keep:]


def _unique_items(items: list[AgendaItem]) -> list[AgendaItem]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.title not in seen:
            seen.add(item.title)
            out.append(item)
    return out


def own_agenda(answers: Answers, context: Context | None = None) -> list[AgendaItem]:
    """The agenda the client made; a chosen proposal item keeps its details."""
    proposed = {item.title: item for item in propose_agenda(answers, context or {})}
    items = []
    for block in answers["agenda"]:
        chosen, own = clean(block["onderwerp"]), clean(block["eigen"])
        title = f"{chosen}: {own}" if chosen and own else chosen or own
        if not title:
            continue
        details = proposed[chosen].details if chosen in proposed else ()
        items.append(AgendaItem(title, minutes_of(block["minuten"]), clean(block["wie"]),
                                details))
    return items


def agenda_in_use(answers: Answers, context: Context) -> tuple[list[AgendaItem], bool]:
    """The client's own agenda, or the proposal while they made none; True = proposal."""
    own = own_agenda(answers, context)
    return (own, False) if own else (propose_agenda(answers, context), True)


def total_minutes(items: Iterable[AgendaItem]) -> int:
    return sum(item.minutes or 0 for item in items)


def clock_times(items: list[AgendaItem], start: int | None) -> list[str]:
    """The time each item starts, while every earlier item has minutes; '' after that."""
    times = []
    at = start
    for item in items:
        times.append(format_clock(at) if at is not None else "")
        at = at + item.minutes if at is not None and item.minutes is not None else None
    return times


def missing_minutes_note(items: list[AgendaItem]) -> str:
    """'Bij 2 punten staat nog geen tijd.', or '' when every point has its minutes."""
    missing = sum(1 for item in items if item.minutes is None)
    if not missing:
        return ""
    return f"Bij {missing} {'punt' if missing == 1 else 'punten'} staat nog geen tijd."


def time_message(items: list[AgendaItem], length: int | None) -> str:
    """A gentle sentence comparing the agenda's minutes with the meeting; '' if nothing to say."""
    total = total_minutes(items)
    note = " " + missing_minutes_note(items) if missing_minutes_note(items) else ""
    if not total:
        return note.strip()
    if length is None:
        return f"De agenda duurt samen {_minutes(total)}.{note}"
    if total > length:
        return (f"De agenda duurt {_minutes(total)}. De bijeenkomst duurt {_minutes(length)}. "
                "Dat past niet helemaal. Misschien kun je een punt korter maken, of bewaren "
                f"voor de volgende keer.{note}")
    spare = length - total
    if spare == 0:
        return f"De agenda duurt {_minutes(total)}. Dat past precies.{note}"
    return (f"De agenda duurt {_minutes(total)}. De bijeenkomst duurt {_minutes(length)}. "
            f"Er blijft {_minutes(spare)} over voor een pauze of als iets uitloopt.{note}")


def _minutes(count: int) -> str:
    return f"{count} {'minuut' if count == 1 else 'minuten'}"


def goal_items(items: Iterable[AgendaItem]) -> int:
    return sum(1 for item in items if item.title.startswith(GOAL_PREFIX))
