"""The runtime stage ships Pyodide only when it matches its pin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import runtime
from builder.errors import RuntimeFetchError

PACKAGE = Path(__file__).resolve().parent.parent / "node_modules" / "pyodide"


@pytest.fixture
def pyodide_copy(tmp_path: Path) -> Path:
    target = tmp_path / "pyodide"
    target.mkdir()
    for name in [*runtime.PYODIDE_FILES, "package.json"]:
        shutil.copy(PACKAGE / name, target / name)
    return target


def test_installed_runtime_matches_pin() -> None:
    files = runtime.verify_runtime(PACKAGE)
    assert [f.site_path for f in files] == [
        f"runtime/pyodide-{runtime.PYODIDE_VERSION}/{name}" for name in runtime.PYODIDE_FILES
    ]


def test_tampered_file_is_refused_and_named(pyodide_copy: Path) -> None:
    with (pyodide_copy / "python_stdlib.zip").open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(RuntimeFetchError) as caught:
        runtime.verify_runtime(pyodide_copy)
    assert "python_stdlib.zip" in str(caught.value)
    assert "pin" in str(caught.value)


def test_other_version_is_refused(pyodide_copy: Path) -> None:
    manifest = pyodide_copy / "package.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "version": "0.27.0"}))
    with pytest.raises(RuntimeFetchError, match=r"0\.27\.0"):
        runtime.verify_runtime(pyodide_copy)


def test_missing_file_is_named(pyodide_copy: Path) -> None:
    (pyodide_copy / "pyodide.asm.wasm").unlink()
    with pytest.raises(RuntimeFetchError, match=r"pyodide\.asm\.wasm: runtime file is missing"):
        runtime.verify_runtime(pyodide_copy)


def test_missing_package_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(RuntimeFetchError, match="npm ci"):
        runtime.verify_runtime(tmp_path / "nothing-here")


def test_lockfile_pins_integrity_without_download_addresses() -> None:
    lock = json.loads((PACKAGE.parent.parent / "package-lock.json").read_text())
    entry = lock["packages"]["node_modules/pyodide"]
    assert entry["version"] == runtime.PYODIDE_VERSION
    assert entry["integrity"].startswith("sha512-")
    assert all("resolved" not in package for package in lock["packages"].values())
