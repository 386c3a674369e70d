"""Combine evaluation answer files: read, group, score, and compare rounds.

Pure data and no markup: ``_evaluatie_overzicht`` renders what this module
computes. Every file and every saved round is untrusted input. A file is
checked with the engine's document rules for its own questionnaire; a file
that fails gets a Dutch reason and the other files still count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from ._evaluatie import (
    HIGHEST,
    LOWEST,
    ROLE_OF_SHEET,
    ROLES,
    SHEETS,
    THEME_NAMES,
    THEMES,
    Theme,
    mean,
    subrole_label,
    theme_scores,
)
from .engine.documents import FORMAT, MAX_BYTES, DocumentError, parse_json, read_document
from .engine.schema import DATE_PATTERN, Answers

#: Most files that count at once; more are refused with a message.
MAX_FILES = 60
#: Most saved rounds the overview uses: the newest ones.
MAX_ROUNDS = 500
#: Most records (saved rounds and drafts) looked at, here and in a backup: a guard
#: against a database or file that is not ours (about 2 kB per round).
MAX_RECORDS = 10_000
MAX_NAME = 120
#: A gap between roles of at least this much is worth talking about.
NOTABLE_GAP = 1.0
#: Below this, roles see a theme about the same.
SMALL_GAP = 0.5
#: A change between rounds smaller than this is "about the same".
SAME_CHANGE = 0.25

OK, DUPLICATE, REFUSED = "ok", "dubbel", "geweigerd"


@dataclass(frozen=True)
class Response:
    """One person's checked answers, from one file."""

    file_name: str
    role: str
    answers: Answers
    digest: str

    @property
    def group(self) -> str:
        return " ".join(str(self.answers.get("groep") or "").split())

    @property
    def date(self) -> str:
        return str(self.answers.get("datum") or "")

    @property
    def first_name(self) -> str:
        return " ".join(str(self.answers.get("voornaam") or "").split())

    @property
    def subrole(self) -> str:
        return subrole_label(self.role, self.answers.get("rol"))

    @property
    def set_key(self) -> str:
        return set_key(self.group, self.date)


@dataclass(frozen=True)
class FileResult:
    """What became of one added file: counted, a duplicate, or refused (with why)."""

    index: int
    name: str
    status: str
    message: str = ""
    response: Response | None = None


def group_key(group: str) -> str:
    """Group names match regardless of case and spacing."""
    return " ".join(group.split()).casefold()


def set_key(group: str, date: str) -> str:
    return f"{group_key(group)}|{date}"


def rounded(value: float) -> float:
    """A mean as shown (one decimal), so differences add up on screen."""
    return float(f"{value:.1f}")


def _too_big(size: object) -> str:
    kilobytes = size // 1024 if isinstance(size, int) else "?"
    return (f"Het bestand is te groot ({kilobytes} kB). Het mag hoogstens "
            f"{MAX_BYTES // (1024 * 1024)} MB zijn.")


def _response(name: str, text: str) -> Response:
    """Check one file's text; raises :class:`DocumentError` with a Dutch reason."""
    data = parse_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError("Dit is geen antwoordbestand van een werkblad van deze site.")
    sheet_id = data.get("worksheet")
    role = ROLE_OF_SHEET.get(sheet_id) if isinstance(sheet_id, str) else None
    if role is None:
        raise DocumentError(f"Dit bestand hoort bij een ander werkblad "
                            f"(‘{str(sheet_id)[:60]}’), niet bij de evaluatie.")
    answers = read_document(SHEETS[role], data)
    return Response(name, role, answers, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _file_name(index: int, entry: object) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    name = " ".join(str(name or "").split())[:MAX_NAME]
    return name or f"Bestand {index + 1}"


def _read_one(index: int, entry: object, seen: dict[str, str]) -> FileResult:
    name = _file_name(index, entry)
    if index >= MAX_FILES:
        return FileResult(index, name, REFUSED,
                          f"Er tellen hoogstens {MAX_FILES} bestanden tegelijk mee.")
    text = entry.get("text") if isinstance(entry, dict) else None
    if not isinstance(text, str):
        size = entry.get("size") if isinstance(entry, dict) else None
        too_big = isinstance(size, int) and size > MAX_BYTES
        return FileResult(index, name, REFUSED,
                          _too_big(size) if too_big else "Het bestand kon niet worden gelezen.")
    try:
        response = _response(name, text)
    except DocumentError as error:
        return FileResult(index, name, REFUSED, str(error))
    if response.digest in seen:
        return FileResult(index, name, DUPLICATE,
                          f"Dit is hetzelfde bestand als ‘{seen[response.digest]}’. "
                          "Het telt één keer mee.")
    seen[response.digest] = name
    return FileResult(index, name, OK, _note(response), response)


def _note(response: Response) -> str:
    filled = any(theme_scores(response.answers, theme) != ([], 0) for theme in THEMES)
    return "" if filled else "In dit bestand is bij geen enkele zin een cijfer gekozen."


def read_files(entries: object) -> list[FileResult]:
    """Check every added file; duplicates (same content) count once."""
    seen: dict[str, str] = {}
    items = entries if isinstance(entries, list) else []
    results = [_read_one(index, entry, seen) for index, entry in enumerate(items)]
    return _flag_lookalikes(results)


def _flag_lookalikes(results: list[FileResult]) -> list[FileResult]:
    """Different files with the very same answers: probably one person, saved twice."""
    first: dict[tuple[str, str], str] = {}
    flagged = []
    for result in results:
        if result.response and not result.message:
            key = (result.response.role, repr(sorted(result.response.answers.items())))
            if key in first:
                result = FileResult(
                    result.index, result.name, result.status,
                    f"Heeft precies dezelfde antwoorden als ‘{first[key]}’. Is het hetzelfde "
                    "bestand, twee keer opgeslagen? Het telt nu wel mee.", result.response)
            else:
                first[key] = result.name
        flagged.append(result)
    return flagged


@dataclass(frozen=True)
class ResponseSet:
    """The answers of one group on one evaluation date."""

    key: str
    group: str
    date: str
    responses: tuple[Response, ...]

    def count(self, role: str) -> int:
        return sum(1 for response in self.responses if response.role == role)

    def roles(self) -> list[str]:
        """The roles that sent answers, in the fixed order client, naaste, professional."""
        return [role.id for role in ROLES if self.count(role.id)]


def group_sets(results: list[FileResult]) -> list[ResponseSet]:
    """Counted answers by group and date: newest date first, then by group name."""
    by_key: dict[str, list[Response]] = {}
    for result in results:
        if result.status == OK and result.response:
            by_key.setdefault(result.response.set_key, []).append(result.response)
    sets = [ResponseSet(key, responses[0].group, responses[0].date, tuple(responses))
            for key, responses in by_key.items()]
    sets.sort(key=lambda s: group_key(s.group))
    sets.sort(key=lambda s: s.date, reverse=True)
    return sets


@dataclass(frozen=True)
class Score:
    """One role on one theme: the mean of the 1–5 answers and what it rests on."""

    mean: float | None
    answers: int
    dont_know: int
    people: int


#: theme id → role id → score, for the roles that sent answers.
Scores = dict[str, dict[str, Score]]


def score_set(responses: tuple[Response, ...] | list[Response]) -> Scores:
    """Per theme per role: the mean of all 1–5 answers; "weet ik niet" and blanks left out."""
    scores: Scores = {}
    roles = [role.id for role in ROLES if any(r.role == role.id for r in responses)]
    for theme in THEMES:
        scores[theme.id] = {}
        for role in roles:
            numbers: list[int] = []
            dont_know = people = 0
            for response in (r for r in responses if r.role == role):
                found, unknown = theme_scores(response.answers, theme)
                numbers += found
                dont_know += unknown
                people += bool(found)
            scores[theme.id][role] = Score(mean(numbers), len(numbers), dont_know, people)
    return scores


@dataclass(frozen=True)
class Difference:
    """How far the roles' means lie apart on one theme."""

    theme: Theme
    low_role: str
    low: float
    high_role: str
    high: float

    @property
    def gap(self) -> float:
        return round(self.high - self.low, 1)


def differences(scores: Scores) -> list[Difference]:
    """Themes where at least two roles gave scores, the largest gap first."""
    found = []
    for theme in THEMES:
        means = [(rounded(score.mean), role) for role, score in scores.get(theme.id, {}).items()
                 if score.mean is not None]
        if len(means) < 2:
            continue
        (low, low_role), (high, high_role) = min(means), max(means)
        found.append(Difference(theme, low_role, low, high_role, high))
    return sorted(found, key=lambda difference: -difference.gap)


# --- rounds saved in the browser -------------------------------------------------


@dataclass(frozen=True)
class SavedRound:
    """An evaluation round as saved in this browser: means per theme per role."""

    id: str
    group: str
    date: str
    saved_at: str
    respondents: dict[str, int]
    means: dict[str, dict[str, float]]
    actiepunten: dict[str, str]

    @property
    def group_key(self) -> str:
        return group_key(self.group)


def round_record(response_set: ResponseSet, scores: Scores) -> dict[str, Any]:
    """What the page saves for a round (it adds ``saved_at`` and ``actiepunten``)."""
    return {
        "id": response_set.key,
        "version": 1,
        "group": response_set.group,
        "group_key": group_key(response_set.group),
        "date": response_set.date,
        "respondents": {role: response_set.count(role) for role in response_set.roles()},
        "scores": {theme: {role: {"mean": None if s.mean is None else round(s.mean, 3),
                                  "answers": s.answers}
                           for role, s in by_role.items()}
                   for theme, by_role in scores.items()},
    }


def _valid_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _means(raw: object) -> dict[str, dict[str, float]] | None:
    if not isinstance(raw, dict):
        return None
    means: dict[str, dict[str, float]] = {}
    for theme, by_role in raw.items():
        if theme not in THEME_NAMES or not isinstance(by_role, dict):
            return None
        means[theme] = {}
        for role, score in by_role.items():
            value = score.get("mean") if isinstance(score, dict) else None
            if role not in {r.id for r in ROLES}:
                return None
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and LOWEST <= value <= HIGHEST:
                means[theme][role] = float(value)
    return means


def _texts(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {theme: text[:5000] for theme, text in raw.items()
            if theme in THEME_NAMES and isinstance(text, str) and text.strip()}


def _read_round(raw: object) -> SavedRound | None:
    if not isinstance(raw, dict):
        return None
    means = _means(raw.get("scores"))
    fields = raw.get("id"), raw.get("group"), raw.get("saved_at"), raw.get("respondents")
    if means is None or not all(isinstance(v, str) for v in fields[:3]) \
            or not _valid_date(raw.get("date")) or not isinstance(fields[3], dict):
        return None
    respondents = {role.id: count for role in ROLES
                   if isinstance(count := fields[3].get(role.id), int) and count > 0}
    return SavedRound(str(fields[0])[:300], str(fields[1])[:200], str(raw["date"]),
                      str(fields[2])[:40], respondents, means, _texts(raw.get("actiepunten")))


def valid_rounds(raw: object) -> list[SavedRound]:
    """Every saved round that is complete and valid, newest first; drafts and odd
    records are skipped."""
    items = raw[:MAX_RECORDS] if isinstance(raw, list) else []
    rounds = [found for item in items if (found := _read_round(item))]
    return sorted(rounds, key=lambda r: (r.date, r.group_key), reverse=True)


def earlier_rounds(rounds: list[SavedRound], response_set: ResponseSet) -> list[SavedRound]:
    """Saved rounds of the same group before this set's date, newest first."""
    key = group_key(response_set.group)
    return [r for r in rounds
            if r.group_key == key and response_set.date and r.date < response_set.date]


@dataclass(frozen=True)
class Change:
    """A mean then and now; ``role`` is '' for the average of the roles."""

    theme: Theme
    role: str
    before: float | None
    now: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(rounded(self.now) - rounded(self.before), 1)

    @property
    def direction(self) -> str:
        """'hoger', 'lager', 'ongeveer gelijk', or '' when one side is missing."""
        if self.delta is None:
            return ""
        if self.delta >= SAME_CHANGE:
            return "hoger"
        if self.delta <= -SAME_CHANGE:
            return "lager"
        return "ongeveer gelijk"


def compare(scores: Scores, earlier: SavedRound) -> list[Change]:
    """Per theme: the average of the roles both rounds have, then each role."""
    changes = []
    for theme in THEMES:
        now = {role: s.mean for role, s in scores.get(theme.id, {}).items() if s.mean is not None}
        before = earlier.means.get(theme.id, {})
        common = [role.id for role in ROLES if role.id in now and role.id in before]
        changes.append(Change(theme, "", mean([before[r] for r in common]),
                              mean([now[r] for r in common])))
        for role in ROLES:
            if role.id in now or role.id in before:
                changes.append(Change(theme, role.id, before.get(role.id), now.get(role.id)))
    return changes
