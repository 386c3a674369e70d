"""The evaluation overview's saved rounds inside a backup: checked whole, or refused.

The overview page keeps its rounds in its own browser database (see
``evaluatie-overzicht.js``). A backup carries them as the list
``"evaluatie_rondes"``; each item is a record exactly as the page stores it:

- a saved round: ``id``, ``version`` (1), ``group``, ``group_key``, ``date``,
  ``saved_at``, ``respondents`` (role -> count), ``scores`` (theme -> role ->
  ``{"mean", "answers"}``) and ``actiepunten`` (theme -> text);
- a draft: ``id``, ``group``, ``group_key``, ``date``, ``draft: true`` and
  ``actiepunten`` (action points typed before the round was saved).

Unlike :func:`._evaluatie_scores.valid_rounds`, which skips odd records on the
page, a backup is refused as a whole when one record is wrong: restoring must
never half-happen. What comes back is rebuilt from the checked values only.
A backup without the list (made before rounds went along) gives ``None``: the
page then leaves this browser's rounds alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._evaluatie import HIGHEST, LOWEST, ROLES, THEME_NAMES
from ._evaluatie_scores import MAX_RECORDS, group_key, set_key
from .engine.documents import DocumentError
from .engine.schema import DATE_PATTERN

SAVED_KEYS = frozenset({"id", "version", "group", "group_key", "date", "saved_at",
                        "respondents", "scores", "actiepunten"})
DRAFT_KEYS = frozenset({"id", "group", "group_key", "date", "draft", "actiepunten"})
ROLE_IDS = frozenset(role.id for role in ROLES)
MAX_ID = 300
MAX_GROUP = 200
MAX_ACTION_TEXT = 5000
#: What the checks call the fields, for the messages.
LABELS = {"id": "de code van de ronde", "group": "de naam van de groep"}


def _text(record: dict[str, Any], key: str, limit: int, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or len(value) > limit or not value.strip():
        raise DocumentError(f"{where}: {LABELS[key]} ontbreekt of is ongeldig.")
    return value


def _date(value: Any, where: str) -> str:
    try:
        if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            dt.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise DocumentError(f"{where}: de datum is ongeldig.")


def _moment(value: Any, where: str) -> str:
    try:
        if isinstance(value, str) and 0 < len(value) <= 40:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
    except ValueError:
        pass
    raise DocumentError(f"{where}: het moment van bewaren is ongeldig.")


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000


def _respondents(value: Any, where: str) -> dict[str, int]:
    if not isinstance(value, dict) or not set(value) <= ROLE_IDS \
            or not all(_count(count) for count in value.values()):
        raise DocumentError(f"{where}: het aantal deelnemers per rol is ongeldig.")
    return dict(value)


def _score(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or not set(value) <= {"mean", "answers"}:
        return None
    mean, answers = value.get("mean"), value.get("answers", 0)
    valid_mean = mean is None or (isinstance(mean, int | float) and not isinstance(mean, bool)
                                  and LOWEST <= mean <= HIGHEST)
    return {"mean": mean, "answers": answers} if valid_mean and _count(answers) else None


def _scores(value: Any, where: str) -> dict[str, dict[str, dict[str, Any]]]:
    problem = DocumentError(f"{where}: de scores zijn ongeldig.")
    if not isinstance(value, dict) or not set(value) <= set(THEME_NAMES):
        raise problem
    scores: dict[str, dict[str, dict[str, Any]]] = {}
    for theme, by_role in value.items():
        if not isinstance(by_role, dict) or not set(by_role) <= ROLE_IDS:
            raise problem
        scores[theme] = {}
        for role, raw in by_role.items():
            if (score := _score(raw)) is None:
                raise problem
            scores[theme][role] = score
    return scores


def _actions(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(THEME_NAMES) or not all(
            isinstance(text, str) and len(text) <= MAX_ACTION_TEXT for text in value.values()):
        raise DocumentError(f"{where}: de actiepunten zijn ongeldig.")
    return dict(value)


def _read_record(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DocumentError(f"{where} is geen ronde.")
    draft = raw.get("draft") is True
    unknown = sorted(set(raw) - (DRAFT_KEYS if draft else SAVED_KEYS))
    if unknown:
        raise DocumentError(f"{where}: onbekend onderdeel {unknown[0][:40]!r}.")
    group = _text(raw, "group", MAX_GROUP, where)
    record: dict[str, Any] = {"id": _text(raw, "id", MAX_ID, where), "group": group,
                              "group_key": group_key(group), "date": _date(raw.get("date"), where)}
    if record["id"] != set_key(group, record["date"]):  # the page finds a round by it
        raise DocumentError(f"{where}: de code van de ronde past niet bij de groep en de datum.")
    if draft:
        record["draft"] = True
    else:
        if raw.get("version") != 1:
            raise DocumentError(f"{where}: de versie van de ronde is onbekend.")
        record.update(version=1, saved_at=_moment(raw.get("saved_at"), where),
                      respondents=_respondents(raw.get("respondents"), where),
                      scores=_scores(raw.get("scores"), where))
    record["actiepunten"] = _actions(raw.get("actiepunten"), where)
    return record


def read_backup_rounds(value: Any) -> list[dict[str, Any]] | None:
    """The rounds of a backup, checked and rebuilt; :class:`DocumentError` names the bad one.

    ``None`` (no list in the backup) stays ``None``.
    """
    if value is None:
        return None
    if not isinstance(value, list):
        raise DocumentError("De rondes van het evaluatie-overzicht zijn geen lijst.")
    if len(value) > MAX_RECORDS:
        raise DocumentError(f"De reservekopie bevat meer dan {MAX_RECORDS} rondes van het "
                            "evaluatie-overzicht.")
    rounds: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(value, start=1):
        record = _read_record(raw, f"Ronde {number} van het evaluatie-overzicht")
        if record["id"] in seen:
            raise DocumentError(f"Ronde {number} van het evaluatie-overzicht staat twee keer "
                                "in de reservekopie.")
        seen.add(record["id"])
        rounds.append(record)
    return rounds
