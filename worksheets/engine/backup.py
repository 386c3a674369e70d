"""Backups of everything a browser holds: one JSON file, checked whole before use.

A backup (format ``rg-reservekopie``, ``format_version`` 1) is::

    {"format": "rg-reservekopie", "format_version": 1,
     "created_at": "2026-11-22T10:00:00.000Z",
     "worksheets": [
       {"worksheet": "doelen", "title": "Doelen formuleren", "schema_version": 1,
        "answers": <answer document> | null,          # the answers
        "practice": <answer document> | null,         # the Oefenmodus copy
        "versions": [<answer document>, ...],         # "Bewaar deze versie"
        "practice_versions": [<answer document>, ...]}],
     "leerpad": {"<module id>": "YYYY-MM-DD"},         # optional: learning path progress
     "evaluatie_rondes": [<round record>, ...]}        # the evaluation overview's rounds
                                                       # (missing in backups made before them)

Each ``<answer document>`` is a complete document of :mod:`.documents` with its
own ``schema_version``, so every part is read (and migrated) exactly like an
answer file. The page may encrypt the whole file with the user's passphrase
(``{"format", "format_version", "created_at", "encrypted": <envelope>}``); it
decrypts it before calling :func:`check_backup`, which never sees a key.

:func:`check_backup` is called from the browser's worker with one JSON string
and returns one JSON string: either everything, migrated to the current schema
versions, or one Dutch message. Nothing is half-read: one bad part refuses the
whole file. A single answer file (format ``rg-werkblad``) is accepted too.
The evaluation overview's rounds are checked by :mod:`worksheets._evaluatie_rondes`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from .documents import FORMAT as DOCUMENT_FORMAT
from .documents import MAX_DEPTH, DocumentError, parse_json, read_document
from .schema import DATE_PATTERN, Answers, Worksheet

FORMAT = "rg-reservekopie"
FORMAT_VERSION = 1
#: Largest backup accepted, in bytes (an answer file may have 5 MB).
MAX_BYTES = 50 * 1024 * 1024
#: backup > worksheets > entry > versions > document, then a document's own depth.
MAX_BACKUP_DEPTH = MAX_DEPTH + 3
MAX_ENTRIES = 200
MAX_VERSIONS = 500
TOP_KEYS = frozenset({"format", "format_version", "created_at", "worksheets", "leerpad",
                      "evaluatie_rondes"})
MODULE_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
MAX_MODULES = 100
ENTRY_KEYS = frozenset({"worksheet", "title", "schema_version", "answers", "practice",
                        "versions", "practice_versions"})
PARTS = (("answers", "de antwoorden"), ("practice", "de oefenversie"))
VERSION_PARTS = (("versions", "een bewaarde versie"),
                 ("practice_versions", "een bewaarde oefenversie"))


def _timestamp(value: Any, where: str) -> str:
    """A saved ISO 8601 moment (or ''), checked."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and len(value) <= 40:
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
        except ValueError:
            pass
    raise DocumentError(f"{where}: de datum van opslaan is ongeldig.")


def _version_number(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DocumentError(f"{where}: het versienummer is ongeldig.")
    return value


def _newer(where: str, found: int, known: int) -> DocumentError:
    return DocumentError(
        f"{where} is gemaakt met een nieuwere versie van de site (versie {found}; deze site "
        f"kent versie {known}). Open het bestand op de nieuwste versie van de site. "
        "Er is niets veranderd.")


def _read_part(sheet: Worksheet, document: Any, where: str) -> dict[str, Any]:
    """One answer document of the backup: ``{"saved_at", "answers"}``, migrated."""
    if not isinstance(document, dict):
        raise DocumentError(f"{where}: dit onderdeel is geen antwoordbestand.")
    try:
        answers: Answers = read_document(sheet, document)
    except DocumentError as error:
        raise DocumentError(f"{where}: {error}") from None
    return {"saved_at": _timestamp(document.get("saved_at"), where), "answers": answers}


def _read_entry(sheet: Worksheet, entry: dict[str, Any]) -> dict[str, Any]:
    name = f"Werkblad ‘{sheet.title}’"
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise DocumentError(f"{name}: onbekend onderdeel {unknown[0][:40]!r}.")
    version = _version_number(entry.get("schema_version", 1), name)
    if version > sheet.schema_version:
        raise _newer(name, version, sheet.schema_version)
    result: dict[str, Any] = {"worksheet": sheet.id, "title": sheet.title,
                              "schema_version": sheet.schema_version}
    for key, label in PARTS:
        value = entry.get(key)
        result[key] = None if value is None else _read_part(sheet, value, f"{name}, {label}")
    for key, label in VERSION_PARTS:
        value = entry.get(key, [])
        if not isinstance(value, list):
            raise DocumentError(f"{name}: de bewaarde versies zijn geen lijst.")
        if len(value) > MAX_VERSIONS:
            raise DocumentError(f"{name}: meer dan {MAX_VERSIONS} bewaarde versies.")
        result[key] = [_read_part(sheet, item, f"{name}, {label} ({number})")
                       for number, item in enumerate(value, start=1)]
    return result


def read_backup(registry: Mapping[str, Worksheet], text: str | bytes) -> dict[str, Any]:
    """Check a whole backup (or one answer file); everything migrated, or DocumentError."""
    data = parse_json(text, max_bytes=MAX_BYTES, max_depth=MAX_BACKUP_DEPTH)
    if isinstance(data, dict) and data.get("format") == DOCUMENT_FORMAT:
        return _read_single(registry, data)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError("Dit is geen reservekopie of antwoordbestand van deze site.")
    version = _version_number(data.get("format_version"), "De reservekopie")
    if version > FORMAT_VERSION:
        raise _newer("Deze reservekopie", version, FORMAT_VERSION)
    if "encrypted" in data:
        raise DocumentError("Deze reservekopie is versleuteld. Typ eerst de wachtwoordzin.")
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise DocumentError(f"De reservekopie heeft een onbekend onderdeel {unknown[0][:40]!r}.")
    created = _timestamp(data.get("created_at"), "De reservekopie")
    entries = data.get("worksheets")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DocumentError("De reservekopie bevat geen lijst met werkbladen.")
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(f"De reservekopie bevat meer dan {MAX_ENTRIES} werkbladen.")
    seen: set[str] = set()
    worksheets = []
    for entry in entries:
        sheet_id = entry.get("worksheet")
        if not isinstance(sheet_id, str) or sheet_id not in registry:
            shown = str(sheet_id)[:60]
            raise DocumentError(
                f"De reservekopie bevat een werkblad dat deze site niet kent ({shown!r}). "
                "Misschien is hij gemaakt met een nieuwere versie van de site. "
                "Er is niets veranderd.")
        if sheet_id in seen:
            raise DocumentError(f"De reservekopie bevat het werkblad {sheet_id!r} twee keer.")
        seen.add(sheet_id)
        worksheets.append(_read_entry(registry[sheet_id], entry))
    from .._evaluatie_rondes import read_backup_rounds

    return {"kind": "reservekopie", "format_version": version, "created_at": created,
            "worksheets": worksheets, "leerpad": _read_progress(data.get("leerpad", {})),
            "evaluatie_rondes": read_backup_rounds(data.get("evaluatie_rondes"))}


def _read_progress(value: Any) -> dict[str, str]:
    """The learning path's progress: module id -> the date it was done."""
    problem = DocumentError("De voortgang van het leerpad in de reservekopie is ongeldig.")
    if not isinstance(value, dict) or len(value) > MAX_MODULES:
        raise problem
    for key, date in value.items():
        if not MODULE_ID.fullmatch(key) or not isinstance(date, str) \
                or not DATE_PATTERN.fullmatch(date):
            raise problem
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise problem from None
    return dict(value)


def _read_single(registry: Mapping[str, Worksheet], data: dict[str, Any]) -> dict[str, Any]:
    sheet_id = data.get("worksheet")
    if not isinstance(sheet_id, str) or sheet_id not in registry:
        raise DocumentError(
            f"Dit antwoordbestand hoort bij een werkblad dat deze site niet kent "
            f"({str(sheet_id)[:60]!r}).")
    sheet = registry[sheet_id]
    part = _read_part(sheet, data, f"Werkblad ‘{sheet.title}’")
    return {"kind": "werkblad", "format_version": FORMAT_VERSION, "created_at": part["saved_at"],
            "worksheets": [{"worksheet": sheet.id, "title": sheet.title,
                            "schema_version": sheet.schema_version, "answers": part,
                            "practice": None, "versions": [], "practice_versions": []}],
            "leerpad": {}, "evaluatie_rondes": None}


def make_backup(worksheets: list[dict[str, Any]], created_at: str,
                leerpad: dict[str, str] | None = None,
                rounds: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The backup document for entries shaped as in the module docstring (as the page writes it)."""
    backup = {"format": FORMAT, "format_version": FORMAT_VERSION, "created_at": created_at,
              "worksheets": worksheets, "leerpad": leerpad or {}}
    return backup if rounds is None else {**backup, "evaluatie_rondes": rounds}


def check_backup(args_json: str) -> str:
    """Browser call: ``{"text": <file text>}`` → ``{"ok": true, ...}`` or ``{"ok": false, ...}``.

    On failure ``message`` is one Dutch sentence or two; nothing was changed.
    """
    from .bridge import registry

    try:
        args = json.loads(args_json)
        text = args.get("text") if isinstance(args, dict) else None
        if not isinstance(text, str):
            raise DocumentError("Er is geen bestand gelezen.")
        result = read_backup(registry(), text)
    except DocumentError as error:
        return json.dumps({"ok": False, "message": str(error)}, ensure_ascii=False)
    except (ValueError, RecursionError):
        return json.dumps({"ok": False, "message": "Dit bestand kon niet worden gelezen."},
                          ensure_ascii=False)
    return json.dumps({"ok": True, **result}, ensure_ascii=False)
