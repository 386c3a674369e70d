"""The calls the browser's Python worker makes, with JSON text in and out.

This is the whole surface the JavaScript sees. It holds no logic of its
own: it looks up the worksheet, reads its input defensively and delegates
to the engine, so it runs (and is tested) in CPython just the same.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from .documents import DocumentError, normalize, parse_document
from .render import render_summary
from .schema import Worksheet

#: Where the site's PDF package puts the fonts in the browser's file system.
BROWSER_FONT_DIR = Path("/home/pyodide/lib/rg_fonts")


@cache
def registry() -> dict[str, Worksheet]:
    from .. import load_registry

    return load_registry()


def _sheet(worksheet_id: str) -> Worksheet:
    try:
        return registry()[worksheet_id]
    except KeyError:
        raise ValueError(f"Onbekend werkblad: {worksheet_id!r}") from None


def _answers(answers_json: str) -> Any:
    try:
        return json.loads(answers_json)
    except json.JSONDecodeError:
        return {}


def evaluate(worksheet_id: str, answers_json: str) -> str:
    """Hints and the rendered summary for the current answers."""
    sheet = _sheet(worksheet_id)
    answers = normalize(sheet, _answers(answers_json))
    hints = [{"path": hint.path, "message": hint.message} for hint in sheet.hints(answers)]
    summary = render_summary(sheet.summary(answers))
    return json.dumps({"hints": hints, "summary_html": str(summary)}, ensure_ascii=False)


def import_answers(worksheet_id: str, text: str) -> str:
    """Check an answer file; ``{"ok": true, "answers"}`` or ``{"ok": false, "message"}``."""
    sheet = _sheet(worksheet_id)
    try:
        answers = parse_document(sheet, text)
    except DocumentError as error:
        return json.dumps({"ok": False, "message": str(error)}, ensure_ascii=False)
    return json.dumps({"ok": True, "answers": answers}, ensure_ascii=False)


def export_pdf(worksheet_id: str, answers_json: str, today_iso: str, saved_at: str = "",
               font_dir: str = "") -> bytes:
    """The filled-in worksheet as PDF bytes."""
    from .pdf import answers_pdf

    sheet = _sheet(worksheet_id)
    answers = normalize(sheet, _answers(answers_json))
    today = dt.date.fromisoformat(today_iso)
    return answers_pdf(sheet, answers, Path(font_dir) if font_dir else BROWSER_FONT_DIR,
                       today, saved_at)


def preload_pdf() -> None:
    """Import the PDF stack ahead of the first export."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import fpdf  # noqa: F401
