"""Stages 1–2: collect the worksheets and render their pages.

The worksheet package is imported from its folder under a private module
name, so a build never mixes it up with another copy (tests build fixture
packages side by side). Any error while importing or rendering becomes a
:class:`WorksheetError` naming the module file and line.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from builder.errors import WorksheetError

PAGE_DIR = "werkbladen"
SLOT = '<div data-rg-worksheet-slot="{id}"></div>'


@dataclass(frozen=True)
class LoadedWorksheets:
    """The imported package and its worksheets, with the file each comes from."""

    package: ModuleType
    sheets: dict[str, Any]
    files: dict[str, Path]

    def engine(self, name: str) -> ModuleType:
        """An engine module of this copy of the package (e.g. ``render``)."""
        return importlib.import_module(f"{self.package.__name__}.engine.{name}")


def _error_location(error: BaseException, directory: Path) -> tuple[Path, int | None]:
    if isinstance(error, SyntaxError) and error.filename:
        return Path(error.filename), error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).resolve().is_relative_to(directory.resolve()):
            return Path(frame.filename), frame.lineno
    return directory, None


def _fresh_import(directory: Path) -> ModuleType:
    digest = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:10]
    name = f"_rg_worksheets_{digest}"
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]
    spec = importlib.util.spec_from_file_location(
        name, directory / "__init__.py", submodule_search_locations=[str(directory)]
    )
    if spec is None or spec.loader is None:
        raise WorksheetError(directory, "is not a Python package (no __init__.py)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_worksheets(directory: Path) -> LoadedWorksheets:
    """Import every worksheet module in ``directory``; fail loudly on any error."""
    if not (directory / "__init__.py").is_file():
        raise WorksheetError(directory, "worksheet folder has no __init__.py")
    try:
        package = _fresh_import(directory)
        sheets = package.load_registry()
    except Exception as error:
        path, line = _error_location(error, directory)
        reason = error.msg if isinstance(error, SyntaxError) else str(error)
        raise WorksheetError(path, f"{type(error).__name__}: {reason}", line) from error
    files = {}
    for name in package.module_names():
        module = sys.modules[f"{package.__name__}.{name}"]
        files[module.WORKSHEET.id] = Path(module.__file__)
    loaded = LoadedWorksheets(package, sheets, files)
    _check_examples(loaded)
    return loaded


def _check_examples(loaded: LoadedWorksheets) -> None:
    """An example (Oefenmodus) must be valid answers of its own worksheet."""
    documents = loaded.engine("documents")
    for sheet_id, sheet in loaded.sheets.items():
        if sheet.example is None:
            continue
        try:
            documents.check_answers(sheet, sheet.example)
        except documents.DocumentError as error:
            raise WorksheetError(loaded.files[sheet_id], f"example answers: {error}") from error


def page_markdown(sheet: Any) -> str:
    """The generated Markdown page of a worksheet; the form goes in the slot."""
    intro = "\n\n".join(p.strip() for p in sheet.intro.split("\n\n"))
    # JSON strings are valid YAML scalars: a title with ": " cannot break the page.
    return (
        "---\n"
        f"title: {json.dumps(sheet.title, ensure_ascii=False)}\n"
        f"description: {json.dumps(sheet.description, ensure_ascii=False)}\n"
        f"worksheet: {sheet.id}\n"
        "---\n\n"
        f"# {sheet.title}\n\n{intro}\n\n{SLOT.format(id=sheet.id)}\n"
    )


def render_form(loaded: LoadedWorksheets, sheet_id: str, blank_pdf_href: str) -> str:
    """The worksheet's complete HTML form, rendered by its own engine."""
    sheet = loaded.sheets[sheet_id]
    try:
        return str(loaded.engine("render").render_worksheet(sheet, blank_pdf_href))
    except Exception as error:
        _, line = _error_location(error, loaded.files[sheet_id].parent)
        raise WorksheetError(loaded.files[sheet_id], f"cannot render: {error}", line) from error


def blank_pdf(loaded: LoadedWorksheets, sheet_id: str, font_dir: Path) -> bytes:
    """The printable blank PDF of a worksheet, made at build time."""
    try:
        return loaded.engine("pdf").blank_pdf(loaded.sheets[sheet_id], font_dir)
    except Exception as error:
        raise WorksheetError(loaded.files[sheet_id], f"cannot make the blank PDF: {error}") \
            from error
