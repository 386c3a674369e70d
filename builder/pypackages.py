"""Stage 4: package the Python the browser needs, as zip archives.

``worksheets.zip`` holds the worksheet package (small, loaded at start).
``pdf.zip`` holds the PDF stack, fpdf2 with its pure-Python dependencies and
the fonts, loaded only when a PDF is made. Archives are deterministic (sorted
names, fixed timestamps), so the same sources give the same hash.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from builder.errors import BuildError

#: Distributions the PDF export needs in the browser (Pillow deliberately not).
PDF_PACKAGES = ("fpdf", "fontTools", "defusedxml")
FONT_ARCHIVE_DIR = "rg_fonts"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _python_files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix in {".py", ".json", ".txt"} or path.name == "py.typed":
            yield path


def _zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _package_entries(root: Path, arc_root: str) -> list[tuple[str, bytes]]:
    return [
        (f"{arc_root}/{path.relative_to(root).as_posix()}", path.read_bytes())
        for path in _python_files(root)
    ]


def worksheets_zip(directory: Path) -> bytes:
    """The worksheet package, importable in the browser as ``worksheets``."""
    return _zip(_package_entries(directory, "worksheets"))


def installed_package_dir(name: str) -> Path:
    """Folder of an installed top-level package, or a BuildError naming it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(name, "package is not installed; run `make site` to set up")
    return Path(next(iter(spec.submodule_search_locations)))


def pdf_zip(font_files: Iterable[Path]) -> bytes:
    """fpdf2, fontTools and defusedxml as pure Python, plus the PDF fonts."""
    entries: list[tuple[str, bytes]] = []
    for name in PDF_PACKAGES:
        entries += _package_entries(installed_package_dir(name), name)
    for font in font_files:
        entries.append((f"{FONT_ARCHIVE_DIR}/{font.name}", font.read_bytes()))
    return _zip(entries)
