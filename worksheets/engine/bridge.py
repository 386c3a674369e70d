"""The calls the browser's Python worker makes, with JSON text in and out.

This is the whole surface the JavaScript sees. It holds no logic of its
own: it looks up the worksheet, reads its input defensively and delegates
to the engine, so it runs (and is tested) in CPython just the same.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .documents import DocumentError, normalize, parse_document
from .render import render_summary
from .schema import Context, Worksheet

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


def context_of(sheet: Worksheet, context_json: str, practice: bool = False) -> Context:
    """The other worksheets' answers, normalized; unknown or unused ids dropped.

    In practice mode a worksheet without a practice copy counts with its example.
    """
    raw = _answers(context_json or "{}")
    raw = raw if isinstance(raw, dict) else {}
    known = registry()
    context: Context = {}
    for sheet_id in sheet.uses:
        if sheet_id not in known:
            continue
        value = raw.get(sheet_id)
        if not isinstance(value, dict) and practice:
            value = known[sheet_id].example
        if isinstance(value, dict):
            context[sheet_id] = normalize(known[sheet_id], value)
    return context


def evaluate(worksheet_id: str, answers_json: str, context_json: str = "{}",
             practice: bool = False) -> str:
    """Hints, the rendered summary, views and dynamic options for the current answers."""
    sheet = _sheet(worksheet_id)
    answers = normalize(sheet, _answers(answers_json))
    context = context_of(sheet, context_json, practice)
    hints = [{"path": hint.path, "message": hint.message} for hint in sheet.hints(answers)]
    summary = render_summary(sheet.summary(answers))
    views = [{"id": v.id, "title": v.title, "html": str(v.html)}
             for v in sheet.views(answers, context)]
    choices = {key: [{"value": o.value, "label": o.label} for o in options]
               for key, options in sheet.choices(answers, context).items()}
    return json.dumps({"hints": hints, "summary_html": str(summary), "views": views,
                       "choices": choices}, ensure_ascii=False)


def compare_versions(worksheet_id: str, older_json: str, newer_json: str) -> str:
    """HTML describing what changed between two saved versions."""
    sheet = _sheet(worksheet_id)
    if sheet.compare is None:
        raise ValueError(f"Werkblad {worksheet_id!r} kan geen versies vergelijken")
    older = normalize(sheet, _answers(older_json))
    newer = normalize(sheet, _answers(newer_json))
    return json.dumps({"html": str(sheet.compare(older, newer))}, ensure_ascii=False)


def import_answers(worksheet_id: str, text: str) -> str:
    """Check an answer file; ``{"ok": true, "answers"}`` or ``{"ok": false, "message"}``."""
    sheet = _sheet(worksheet_id)
    try:
        answers = parse_document(sheet, text)
    except DocumentError as error:
        return json.dumps({"ok": False, "message": str(error)}, ensure_ascii=False)
    return json.dumps({"ok": True, "answers": answers}, ensure_ascii=False)


def export_pdf(worksheet_id: str, answers_json: str, today_iso: str, saved_at: str = "",
               font_dir: str = "", export_id: str = "", options_json: str = "[]",
               context_json: str = "{}", practice: bool = False) -> bytes:
    """The filled-in worksheet as PDF bytes, or one of its extra exports."""
    from .pdf import PdfDocument, answers_pdf, dutch_date

    sheet = _sheet(worksheet_id)
    answers = normalize(sheet, _answers(answers_json))
    today = dt.date.fromisoformat(today_iso)
    fonts = Path(font_dir) if font_dir else BROWSER_FONT_DIR
    if not export_id:
        return answers_pdf(sheet, answers, fonts, today, saved_at)
    export = next((e for e in sheet.exports if e.id == export_id), None)
    if export is None:
        raise ValueError(f"Werkblad {worksheet_id!r} kent de export {export_id!r} niet")
    allowed = {option.value for option in export.options}
    chosen = _answers(options_json)
    options = frozenset(v for v in chosen if v in allowed) if isinstance(chosen, list) \
        else frozenset()
    document = PdfDocument(export.label.removesuffix(" (PDF)"), dutch_date(today), fonts,
                           export.description or sheet.description)
    export.build(document, answers, context_of(sheet, context_json, practice), options)
    return document.output()


def noting_unshown(make: Callable[[], bytes]) -> tuple[bytes, str]:
    """The PDF ``make`` returns, and the characters it showed as ``[?]`` because its font
    has no glyph for them (a JSON list), so the page can say so."""
    from .pdf import noting_unshown as collecting

    with collecting() as found:
        data = make()
    return data, json.dumps(list(found), ensure_ascii=False)


def export_pdf_noting(*args: Any) -> tuple[bytes, str]:
    """:func:`export_pdf`, and the characters the PDF could not show (:func:`noting_unshown`)."""
    return noting_unshown(lambda: export_pdf(*args))


def pdf_call(module: str, name: str, args_json: str) -> tuple[bytes, str]:
    """``module.name(args_json)``, a function of the worksheet package that makes a PDF,
    and the characters the PDF could not show (:func:`noting_unshown`)."""
    if module != "worksheets" and not module.startswith("worksheets."):
        raise ValueError(f"Niet toegestaan: {module}.{name}")
    function = getattr(importlib.import_module(module), name)
    return noting_unshown(lambda: function(args_json))


def preload_pdf() -> None:
    """Import the PDF stack ahead of the first export."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import fpdf  # noqa: F401
