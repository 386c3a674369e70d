"""Collecting worksheets: any failure names the module file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.errors import WorksheetError
from builder.worksheet_pages import SLOT, load_worksheets, page_markdown, render_form

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    target = tmp_path / "worksheets"
    shutil.copytree(ROOT / "worksheets", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_loads_the_real_worksheets(package: Path) -> None:
    loaded = load_worksheets(package)
    assert "doelen" in loaded.sheets
    assert loaded.files["doelen"] == package / "doelen.py"
    assert 'data-worksheet="doelen"' in render_form(loaded, "doelen", "../doelen-leeg.pdf")


def test_syntax_error_names_file_and_line(package: Path) -> None:
    (package / "kapot.py").write_text("x = 1\ndef oops(:\n    pass\n")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(package)
    assert f"{package / 'kapot.py'}:2" in str(caught.value)
    assert "SyntaxError" in str(caught.value)


def test_error_at_import_names_file_and_line(package: Path) -> None:
    (package / "fout.py").write_text("A = 1\nB = {}['missing']\n")
    with pytest.raises(WorksheetError, match=r"fout\.py:2: KeyError"):
        load_worksheets(package)


def test_module_without_worksheet_is_refused(package: Path) -> None:
    (package / "leeg.py").write_text("TITLE = 'no worksheet here'\n")
    with pytest.raises(WorksheetError, match=r"leeg\.py.*defines no WORKSHEET"):
        load_worksheets(package)


def test_generated_page_has_front_matter_and_slot(package: Path) -> None:
    sheet = load_worksheets(package).sheets["doelen"]
    text = page_markdown(sheet)
    assert text.startswith('---\ntitle: "Doelen formuleren"\n')
    assert "worksheet: doelen" in text
    assert SLOT.format(id="doelen") in text


def test_invalid_example_names_the_module(package: Path) -> None:
    source = (package / "doelen.py").read_text()
    (package / "doelen.py").write_text(source.replace(
        "example=DOELEN_VOORBEELD", 'example={"moeilijk": "geen lijst"}'))
    with pytest.raises(WorksheetError, match=r"doelen\.py: example answers: .*moet een lijst"):
        load_worksheets(package)
