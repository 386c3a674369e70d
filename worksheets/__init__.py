"""The worksheets of the Handboek Resourcegroepen.

Every public module in this package (a name not starting with ``_``) that
defines ``WORKSHEET`` is a worksheet. The package runs unchanged in CPython
(build time, tests) and in Pyodide (the browser), using the standard library
only; the PDF export imports fpdf2 lazily.

To add a worksheet: write one module here that declares ``WORKSHEET`` (see
``doelen.py``), then add ``werkbladen/<id>.md`` to the navigation in
``mkdocs.yml``. The builder renders the page and the browser code needs no
change.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine.schema import Worksheet

_SKIP = {"engine"}


def module_names() -> list[str]:
    """Names of the worksheet modules in this package, sorted."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and info.name not in _SKIP
    )


def load_registry() -> dict[str, Worksheet]:
    """Import every worksheet module; map worksheet id to its declaration."""
    from .engine.schema import Worksheet

    registry: dict[str, Worksheet] = {}
    for name in module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        sheet = getattr(module, "WORKSHEET", None)
        if not isinstance(sheet, Worksheet):
            raise TypeError(f"{module.__file__}: defines no WORKSHEET = Worksheet(...)")
        if sheet.id in registry:
            raise ValueError(f"{module.__file__}: worksheet id {sheet.id!r} is used twice")
        registry[sheet.id] = sheet
    return registry
