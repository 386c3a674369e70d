"""Options of the ``resourcegroepen`` MkDocs plugin (paths relative to mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ResourcegroepenConfig(base.Config):
    """Where the builder finds the worksheets, the runtime and the fonts."""

    worksheets_dir = c.Type(str, default="worksheets")
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    pdf_fonts_dir = c.Type(str, default="node_modules/@expo-google-fonts/atkinson-hyperlegible")
    site_fonts_dir = c.Type(str, default="node_modules/@fontsource/atkinson-hyperlegible/files")
    #: Ship a memory snapshot of the browser's Python (builder/snapshot.py).
    snapshot = c.Type(bool, default=True)
