"""What a worksheet declares: sections, fields and their answer types.

A worksheet module builds one :class:`Worksheet` from these classes. Each
field knows its empty answer and checks an answer's type and limits; the
messages are Dutch because they reach the user (for example on import).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

#: Field and section ids: lower case, digits and underscores.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Answers = dict[str, Any]

#: How much of a value from a file a message repeats (a key or a choice can be huge).
QUOTE_LIMIT = 40


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``value`` in quotes for a message, cut to ``limit`` characters."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


@dataclass(frozen=True)
class Option:
    """One choice: the stored value and the label the user sees."""

    value: str
    label: str


@dataclass(frozen=True, kw_only=True)
class Field:
    """Base of every field: an id, a label and optional help text."""

    id: str
    label: str
    help: str = ""
    #: One of two ways to give the same answer in a block ("choose from the map, or
    #: type a name"): a PDF shows only the one used (the first when neither is).
    alternative: bool = False

    kind: ClassVar[str] = "field"

    def __post_init__(self) -> None:
        if not ID_PATTERN.fullmatch(self.id):
            raise ValueError(f"field id {self.id!r}: use a-z, 0-9 and _ only")

    def empty(self) -> Any:
        """The answer of a field nobody filled in."""
        return ""

    def problems(self, value: Any) -> list[str]:
        """Dutch descriptions of what is wrong with ``value`` (empty if fine)."""
        return []

    def is_empty(self, value: Any) -> bool:
        """True when ``value`` counts as not filled in."""
        return value in ("", None, [], {})


@dataclass(frozen=True, kw_only=True)
class ShortText(Field):
    """One line of text."""

    max_length: int = 300
    placeholder: str = ""
    kind: ClassVar[str] = "text"

    def problems(self, value: Any) -> list[str]:
        if not isinstance(value, str):
            return ["moet tekst zijn"]
        if len(value) > self.max_length:
            return [f"is langer dan {self.max_length} tekens"]
        return []

    def is_empty(self, value: Any) -> bool:
        return not str(value or "").strip()


@dataclass(frozen=True, kw_only=True)
class LongText(ShortText):
    """Several lines of text."""

    max_length: int = 5000
    rows: int = 4
    kind: ClassVar[str] = "longtext"


@dataclass(frozen=True, kw_only=True)
class Choice(Field):
    """Pick one option (radio buttons) or several (check boxes)."""

    options: tuple[Option, ...] = ()
    multiple: bool = False
    #: Options come at run time from ``Worksheet.choices`` (e.g. the saved goals).
    dynamic: bool = False
    #: "row" puts short options side by side; "scale" too, and on a phone keeps the
    #: first five (1–5) in one row of equal boxes, with any others below them.
    layout: str = "column"
    kind: ClassVar[str] = "choice"

    def empty(self) -> Any:
        return [] if self.multiple else ""

    def values(self) -> set[str]:
        return {option.value for option in self.options}

    def label_of(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value

    def problems(self, value: Any) -> list[str]:
        if self.dynamic:
            return self._dynamic_problems(value)
        allowed = self.values()
        if self.multiple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return ["moet een lijst met keuzes zijn"]
            unknown = [v for v in value if v not in allowed]
        else:
            if not isinstance(value, str):
                return ["moet één keuze zijn"]
            unknown = [value] if value and value not in allowed else []
        return [f"kent de keuze {quoted(v)} niet" for v in unknown[:3]]

    def _dynamic_problems(self, value: Any) -> list[str]:
        # Options depend on other saved answers: only the shape can be checked.
        if self.multiple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return ["moet een lijst met keuzes zijn"]
            return ["heeft een te lange keuze"] if any(len(v) > 300 for v in value) else []
        if not isinstance(value, str):
            return ["moet één keuze zijn"]
        return ["heeft een te lange keuze"] if len(value) > 300 else []


@dataclass(frozen=True, kw_only=True)
class Date(Field):
    """A calendar date, stored as ``YYYY-MM-DD``."""

    kind: ClassVar[str] = "date"

    def problems(self, value: Any) -> list[str]:
        if not isinstance(value, str):
            return ["moet een datum zijn"]
        if not value:
            return []
        if not DATE_PATTERN.fullmatch(value):
            return ["is geen datum in de vorm jjjj-mm-dd"]
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return ["is geen bestaande datum"]
        return []


@dataclass(frozen=True, kw_only=True)
class Scale(Field):
    """A number on a scale, such as 1–5 or 0–10; ``None`` when not chosen."""

    minimum: int = 1
    maximum: int = 5
    low_label: str = ""
    high_label: str = ""
    kind: ClassVar[str] = "scale"

    def empty(self) -> Any:
        return None

    def problems(self, value: Any) -> list[str]:
        if value is None:
            return []
        if isinstance(value, bool) or not isinstance(value, int):
            return ["moet een getal zijn"]
        if not self.minimum <= value <= self.maximum:
            return [f"moet tussen {self.minimum} en {self.maximum} liggen"]
        return []


@dataclass(frozen=True, kw_only=True)
class YesNo(Field):
    """Ja or nee; ``None`` when not chosen."""

    kind: ClassVar[str] = "yesno"

    def empty(self) -> Any:
        return None

    def problems(self, value: Any) -> list[str]:
        if value is not None and not isinstance(value, bool):
            return ["moet ja of nee zijn"]
        return []


@dataclass(frozen=True, kw_only=True)
class ItemList(Field):
    """An ordered list of short texts the user adds, removes and reorders."""

    item_label: str = "Punt"
    add_label: str = "Punt toevoegen"
    max_items: int = 50
    max_length: int = 300
    kind: ClassVar[str] = "list"

    def empty(self) -> Any:
        return []

    def problems(self, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return ["moet een lijst met teksten zijn"]
        if len(value) > self.max_items:
            return [f"heeft meer dan {self.max_items} punten"]
        if any(len(v) > self.max_length for v in value):
            return [f"heeft een punt langer dan {self.max_length} tekens"]
        return []

    def is_empty(self, value: Any) -> bool:
        return not any(str(v).strip() for v in value or [])


#: Field types allowed inside a repeating group.
GROUP_MEMBER_KINDS = frozenset({"text", "longtext", "choice", "date", "scale", "yesno"})


@dataclass(frozen=True, kw_only=True)
class Group(Field):
    """Repeating blocks, each with the same fields (e.g. one block per goal)."""

    fields: tuple[Field, ...]
    item_label: str = "Blok"
    add_label: str = "Blok toevoegen"
    max_items: int = 30
    kind: ClassVar[str] = "group"

    def __post_init__(self) -> None:
        super().__post_init__()
        for member in self.fields:
            if member.kind not in GROUP_MEMBER_KINDS:
                raise ValueError(f"group {self.id!r}: field {member.id!r} cannot repeat")
        _check_unique([member.id for member in self.fields], f"group {self.id!r}")

    def empty(self) -> Any:
        return []

    def empty_item(self) -> dict[str, Any]:
        return {member.id: member.empty() for member in self.fields}

    def problems(self, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return ["moet een lijst met blokken zijn"]
        if len(value) > self.max_items:
            return [f"heeft meer dan {self.max_items} blokken"]
        found = []
        known = {member.id: member for member in self.fields}
        for number, item in enumerate(value, start=1):
            for key in item:
                if key not in known:
                    found.append(f"{self.item_label} {number}: onbekend veld {quoted(key)}")
            for member in self.fields:
                if member.id in item:
                    found += [
                        f"{self.item_label} {number}, {member.label}: {problem}"
                        for problem in member.problems(item[member.id])
                    ]
        return found

    def is_empty(self, value: Any) -> bool:
        return not any(
            not member.is_empty(item.get(member.id))
            for item in value or []
            for member in self.fields
        )


@dataclass(frozen=True)
class Section:
    """A titled part of a worksheet with its own fields."""

    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""

    def __post_init__(self) -> None:
        if not ID_PATTERN.fullmatch(self.id):
            raise ValueError(f"section id {self.id!r}: use a-z, 0-9 and _ only")


@dataclass(frozen=True)
class Hint:
    """A gentle, never-blocking remark; ``path`` points at a field or is ''."""

    message: str
    path: str = ""


#: A summary line that starts with its own number.
NUMBERED_LINE = re.compile(r"\d+\. ")


@dataclass(frozen=True)
class SummaryBlock:
    """One block of derived output: a heading and its lines."""

    title: str
    lines: tuple[str, ...]
    empty_text: str = ""

    @property
    def numbered(self) -> bool:
        """Lines that number themselves ("1. …"): shown without a bullet before them."""
        lines = [line for line in self.lines if line.strip()]
        return bool(lines) and all(NUMBERED_LINE.match(line) for line in lines)


Migration = Callable[[Answers], Answers]
#: Answers of other worksheets saved in this browser, by worksheet id.
Context = dict[str, Answers]


@dataclass(frozen=True)
class View:
    """Derived output shown in its own titled section (e.g. an SVG map).

    ``html`` must be built with :mod:`worksheets.engine.html`, which escapes.
    """

    id: str
    title: str
    html: str


@dataclass(frozen=True, kw_only=True)
class Export:
    """An extra PDF a worksheet offers, e.g. an invitation.

    ``build(document, answers, context, chosen_options)`` writes into a
    :class:`~worksheets.engine.pdf.PdfDocument`; ``options`` are check boxes
    shown with the button.
    """

    id: str
    label: str
    filename: str
    build: Callable[..., None]
    options: tuple[Option, ...] = ()
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Worksheet:
    """Everything a worksheet module declares.

    ``migrations[n]`` turns answers of schema version ``n`` into version
    ``n + 1``; every version below ``schema_version`` needs one.
    """

    id: str
    title: str
    description: str
    intro: str
    schema_version: int
    sections: tuple[Section, ...]
    hints: Callable[[Answers], list[Hint]] = field(default=lambda answers: [])
    summary: Callable[[Answers], list[SummaryBlock]] = field(default=lambda answers: [])
    summary_title: str = "Samenvatting"
    migrations: Mapping[int, Migration] = field(default_factory=dict)
    #: Other worksheets whose saved answers this one reads (passed as context).
    uses: tuple[str, ...] = ()
    views: Callable[[Answers, Context], list[View]] = field(default=lambda answers, context: [])
    #: Options of dynamic choices: key ``field`` or ``group.member``.
    choices: Callable[[Answers, Context], dict[str, tuple[Option, ...]]] = field(
        default=lambda answers, context: {})
    exports: tuple[Export, ...] = ()
    #: Offer "Bewaar deze versie" and a comparison of two saved versions.
    snapshots: bool = False
    compare: Callable[[Answers, Answers], str] | None = None
    #: A fictional client's answers, shown in the page's "Oefenmodus".
    example: Answers | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,40}", self.id):
            raise ValueError(f"worksheet id {self.id!r}: use a-z, 0-9 and - only")
        _check_unique([f.id for f in self.fields()], f"worksheet {self.id!r}")
        _check_unique([s.id for s in self.sections], f"worksheet {self.id!r} sections")
        _check_unique([e.id for e in self.exports], f"worksheet {self.id!r} exports")
        if self.snapshots and self.compare is None:
            raise ValueError(f"worksheet {self.id!r}: snapshots need a compare function")
        missing = [n for n in range(1, self.schema_version) if n not in self.migrations]
        if missing:
            raise ValueError(f"worksheet {self.id!r}: no migration from version {missing}")

    def fields(self) -> list[Field]:
        """All top-level fields, in order."""
        return [f for section in self.sections for f in section.fields]

    def field(self, field_id: str) -> Field:
        for candidate in self.fields():
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def empty_answers(self) -> Answers:
        return {f.id: f.empty() for f in self.fields()}


def _check_unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{where}: id {item!r} is used twice")
        seen.add(item)
