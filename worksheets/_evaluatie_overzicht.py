"""The evaluation overview page: combine answer files in the browser.

The page script (``evaluatie-overzicht.js``) reads the files the user adds
and calls :func:`combine` through the worker's generic ``callFunction``: one
JSON string in, one JSON string out. Nothing leaves the browser. Arguments::

    {"files": [{"name", "size", "text"}],   # text is null for a file too big to read
     "set": "<group|date>",                 # which group and date to show ('' = default)
     "compare": "<round id>" | "geen" | "", # earlier round to compare with ('' = latest)
     "rounds": [<saved round records>],     # from the page's own IndexedDB database
     "actiepunten": {"<theme id>": "text"}, # the action points typed for this set
     "today": "YYYY-MM-DD"}

All markup is built with ``engine.html``: file names, group names and answers
are escaped, so a file can never add an element or an attribute to the page.
:func:`overview_pdf` makes the PDF for the evaluation meeting from the same
arguments.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._evaluatie import ROLE_NAMES, ROLES, THEME_NAMES
from ._evaluatie_html import files_html, files_summary, overview_html, rounds_html, set_label
from ._evaluatie_scores import (
    MAX_ROUNDS,
    Change,
    Difference,
    FileResult,
    ResponseSet,
    SavedRound,
    Scores,
    compare,
    differences,
    earlier_rounds,
    group_sets,
    read_files,
    round_record,
    score_set,
    valid_rounds,
)
from .engine.pdf import dutch_date

#: The value of ``compare`` that means: compare with no earlier round.
NO_COMPARISON = "geen"
MAX_ACTION_TEXT = 2000


@dataclass(frozen=True)
class Overview:
    """Everything the page and the PDF show for one call."""

    files: list[FileResult]
    sets: list[ResponseSet]
    current: ResponseSet | None = None
    scores: Scores = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    rounds: list[SavedRound] = field(default_factory=list)
    earlier: list[SavedRound] = field(default_factory=list)
    compared: SavedRound | None = None
    changes: list[Change] = field(default_factory=list)
    actiepunten: dict[str, str] = field(default_factory=dict)
    #: Valid saved rounds older than the newest :data:`MAX_ROUNDS`, not used here.
    rounds_left_out: int = 0

    @property
    def saved(self) -> SavedRound | None:
        """The saved round of the set on screen, if it was saved before."""
        key = self.current.key if self.current else None
        return next((r for r in self.rounds if r.id == key), None)


def _arguments(args_json: str) -> dict[str, Any]:
    try:
        args = json.loads(args_json)
    except (TypeError, ValueError):
        return {}
    return args if isinstance(args, dict) else {}


def _actiepunten(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {theme: text[:MAX_ACTION_TEXT] for theme, text in raw.items()
            if theme in THEME_NAMES and isinstance(text, str)}


def _pick(options: list[Any], wanted: object, key: str) -> Any:
    return next((o for o in options if getattr(o, key) == wanted), options[0] if options else None)


def build_overview(args: dict[str, Any]) -> Overview:
    """Read the files and saved rounds, and compute what the chosen set shows."""
    files = read_files(args.get("files"))
    sets = group_sets(files)
    stored = valid_rounds(args.get("rounds"))
    rounds, left_out = stored[:MAX_ROUNDS], max(0, len(stored) - MAX_ROUNDS)
    current = _pick(sets, args.get("set"), "key")
    if current is None:
        return Overview(files, sets, rounds=rounds, rounds_left_out=left_out)
    scores = score_set(current.responses)
    earlier = earlier_rounds(rounds, current)
    wanted = args.get("compare")
    compared = None if wanted == NO_COMPARISON else _pick(earlier, wanted, "id")
    return Overview(files, sets, current, scores, differences(scores), rounds, earlier,
                    compared, compare(scores, compared) if compared else [],
                    _actiepunten(args.get("actiepunten")), left_out)


def _round_problem(current: ResponseSet) -> str:
    if not current.group:
        return ("Deze antwoorden hebben geen naam van de groep. Zonder naam kun je de "
                "ronde niet bewaren of later vergelijken.")
    if not current.date:
        return ("Deze antwoorden hebben geen datum. Zonder datum kun je de ronde niet "
                "bewaren of later vergelijken.")
    return ""


def _score_data(scores: Scores) -> dict[str, dict[str, dict[str, Any]]]:
    return {theme: {role: {"mean": None if s.mean is None else round(s.mean, 3),
                           "answers": s.answers, "dont_know": s.dont_know, "people": s.people}
                    for role, s in by_role.items()}
            for theme, by_role in scores.items()}


def _counts(files: list[FileResult]) -> dict[str, int]:
    counts = {"ok": 0, "dubbel": 0, "geweigerd": 0}
    for result in files:
        counts[result.status] += 1
    return counts


def _compare_options(view: Overview) -> list[dict[str, str]]:
    options = [{"id": r.id, "label": f"Ronde van {dutch_date(r.date)}"} for r in view.earlier]
    if options:
        options.append({"id": NO_COMPARISON, "label": "Niet vergelijken"})
    return options


def combine(args_json: str) -> str:
    """The overview for the page, as JSON (see the module docstring for the arguments)."""
    view = build_overview(_arguments(args_json))
    current = view.current
    problem = _round_problem(current) if current else ""
    result = {
        "counts": _counts(view.files),
        "summary": files_summary(view.files),
        "files_html": str(files_html(view.files)),
        "sets": [{"key": s.key, "label": set_label(s)} for s in view.sets],
        "selected": current.key if current else "",
        "compare_options": _compare_options(view),
        "compare": view.compared.id if view.compared else
        (NO_COMPARISON if view.earlier else ""),
        "html": str(overview_html(view)),
        "rounds_html": str(rounds_html(view.rounds, view.rounds_left_out)),
        "round": round_record(current, view.scores) if current and not problem else None,
        "round_problem": problem,
        "saved_at": view.saved.saved_at if view.saved else "",
        "scores": _score_data(view.scores),
        "roles": {role.id: ROLE_NAMES[role.id] for role in ROLES},
    }
    return json.dumps(result, ensure_ascii=False)


def _today(value: object) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else dt.date.today()
    except ValueError:
        return dt.date.today()


def overview_pdf(args_json: str) -> bytes:
    """The overview as a PDF for the evaluation meeting (same arguments as :func:`combine`)."""
    from ._evaluatie_pdf import overview_pdf as make_pdf
    from .engine.bridge import BROWSER_FONT_DIR

    args = _arguments(args_json)
    font_dir = args.get("font_dir")
    return make_pdf(build_overview(args), Path(font_dir) if isinstance(font_dir, str)
                    and font_dir else BROWSER_FONT_DIR, _today(args.get("today")))

