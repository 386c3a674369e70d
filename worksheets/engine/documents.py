"""Answer documents: the plain JSON a worksheet's answers are stored in.

A document is ``{"format", "worksheet", "schema_version", "saved_at",
"answers"}``. Reading one checks everything before anything is used: the
caller gets either complete, migrated answers or a :class:`DocumentError`
with a Dutch message that names the problem.
"""

from __future__ import annotations

import json
from typing import Any

from .schema import Answers, Field, Group, Worksheet, quoted

FORMAT = "rg-werkblad"
#: Largest answer file accepted, in bytes.
MAX_BYTES = 5 * 1024 * 1024
#: Deepest nesting a worksheet document can have (document > answers > group > item).
MAX_DEPTH = 6
FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})
DEEPER_THAN_A_WORKSHEET = ("Dit bestand komt niet van deze site: het zit ingewikkelder in "
                           "elkaar dan een werkblad.")


class DocumentError(ValueError):
    """A document cannot be used; ``str(error)`` is a Dutch sentence for the user."""


def new_document(sheet: Worksheet, answers: Answers | None = None, saved_at: str = "") -> dict:
    """A document for ``sheet`` holding ``answers`` (empty answers by default)."""
    return {
        "format": FORMAT,
        "worksheet": sheet.id,
        "schema_version": sheet.schema_version,
        "saved_at": saved_at,
        "answers": answers if answers is not None else sheet.empty_answers(),
    }


def _reject_constant(name: str) -> Any:
    raise DocumentError(f"Het bestand bevat een ongeldig getal ({name}).")


def _checked_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in FORBIDDEN_KEYS:
            raise DocumentError(f"Het bestand bevat een niet toegestane naam ({key!r}).")
        if key in result:
            raise DocumentError(f"Het bestand bevat de naam {quoted(key)} twee keer.")
        result[key] = value
    return result


def _depth(value: Any, level: int = 0, limit: int = MAX_DEPTH) -> int:
    if level > limit:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1, limit) for v in value.values()], default=level + 1)
    if isinstance(value, list):
        return max([_depth(v, level + 1, limit) for v in value], default=level + 1)
    return level


def parse_json(text: str | bytes, *, max_bytes: int = MAX_BYTES,
               max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON text with the limits every import shares.

    A backup of several worksheets (``engine.backup``) passes larger limits.
    """
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > max_bytes:
        raise DocumentError(
            f"Het bestand is te groot ({size // 1024} kB). Het mag hoogstens "
            f"{max_bytes // (1024 * 1024)} MB zijn."
        )
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")
    else:
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError(
                "Dit bestand komt niet van deze site: de tekst erin is niet te lezen.") from None
    try:
        data = json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_checked_object
        )
    except DocumentError:  # from the hooks above: already says what is wrong
        raise
    except RecursionError:
        raise DocumentError(DEEPER_THAN_A_WORKSHEET) from None
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"Dit bestand komt niet van deze site, of het is beschadigd (fout op regel "
            f"{error.lineno}, teken {error.colno})."
        ) from None
    except ValueError:  # an integer of more than 4300 digits
        raise DocumentError("In dit bestand staat een getal dat veel te lang is.") from None
    if _depth(data, limit=max_depth) > max_depth:
        raise DocumentError(DEEPER_THAN_A_WORKSHEET)
    return data


def read_document(sheet: Worksheet, data: Any) -> Answers:
    """Check a parsed document for ``sheet`` and return its migrated answers."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError("Dit is geen antwoordbestand van een werkblad van deze site.")
    if data.get("worksheet") != sheet.id:
        raise DocumentError(
            f"Dit bestand hoort bij een ander werkblad ({str(data.get('worksheet'))[:60]!r}),"
            f" niet bij ‘{sheet.title}’."
        )
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DocumentError("Het bestand heeft geen geldig versienummer.")
    if version > sheet.schema_version:
        raise DocumentError(
            f"Dit bestand is gemaakt met een nieuwere versie van dit werkblad (versie "
            f"{version}). Deze site kent versie {sheet.schema_version}. Open het bestand "
            "op de nieuwste versie van de site."
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise DocumentError("Het bestand bevat geen antwoorden.")
    try:
        migrated = migrate(sheet, answers, version)
    except Exception as error:
        raise DocumentError(
            f"Dit bestand van versie {version} kon niet worden omgezet naar versie "
            f"{sheet.schema_version} ({type(error).__name__})."
        ) from error
    return check_answers(sheet, migrated)


def migrate(sheet: Worksheet, answers: Answers, version: int) -> Answers:
    """Apply the worksheet's migrations from ``version`` up to the current one."""
    for step in range(version, sheet.schema_version):
        answers = sheet.migrations[step](dict(answers))
    return answers


def check_answers(sheet: Worksheet, answers: Answers) -> Answers:
    """Return complete answers, or raise :class:`DocumentError` listing the problems."""
    known = {f.id: f for f in sheet.fields()}
    problems = [f"onbekend veld {quoted(key)}" for key in answers if key not in known]
    for field_id, spec in known.items():
        if field_id in answers:
            problems += [f"{spec.label}: {p}" for p in spec.problems(answers[field_id])]
    if problems:
        listed = "; ".join(problems[:5])
        more = f" (en nog {len(problems) - 5})" if len(problems) > 5 else ""
        raise DocumentError(f"Het bestand past niet bij dit werkblad: {listed}{more}.")
    return {field_id: _complete(spec, answers.get(field_id, spec.empty()))
            for field_id, spec in known.items()}


def _complete(spec: Field, value: Any) -> Any:
    """A checked value with every group block holding all of its fields."""
    if isinstance(spec, Group):
        return [{**spec.empty_item(), **item} for item in value]
    return value


def parse_document(sheet: Worksheet, text: str | bytes) -> Answers:
    """Parse and check an answer file's text: the import path in one call."""
    return read_document(sheet, parse_json(text))


def dump_document(sheet: Worksheet, answers: Answers, saved_at: str) -> str:
    """The JSON text of an answer file (UTF-8, readable, stable key order)."""
    return json.dumps(new_document(sheet, answers, saved_at), ensure_ascii=False, indent=2)


def normalize(sheet: Worksheet, answers: Any) -> Answers:
    """Complete answers where every invalid value is replaced by its empty value.

    Used for derived output while the user types: it never raises, so a stale
    or odd stored value can never stop hints or summaries.
    """
    source = answers if isinstance(answers, dict) else {}
    return {spec.id: _normalized(spec, source.get(spec.id, spec.empty()))
            for spec in sheet.fields()}


def _normalized(spec: Field, value: Any) -> Any:
    if isinstance(spec, Group) and isinstance(value, list):
        items = [item for item in value if isinstance(item, dict)][: spec.max_items]
        return [{member.id: _normalized(member, item.get(member.id, member.empty()))
                 for member in spec.fields} for item in items]
    return value if not spec.problems(value) else spec.empty()
