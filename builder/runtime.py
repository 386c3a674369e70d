"""Stage 3: vendor the Pyodide runtime, verified against its pin.

Pyodide comes from the npm registry (``package.json`` pins the version, the
committed ``package-lock.json`` its integrity, which npm checks on install).
It lives in ``node_modules/``, outside git. This module checks the version and
the SHA-256 of every file the site ships before anything is copied, so a
tampered or mismatched runtime stops the build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from builder.errors import RuntimeFetchError

PYODIDE_VERSION = "314.0.7"

#: The files the browser needs, with their SHA-256 for Pyodide 314.0.7.
PYODIDE_FILES: dict[str, str] = {
    "pyodide.mjs": "6f1d60f7bf529beb300f0f47983c921d3982363640ba20af0e38efdddbc66109",
    "pyodide.asm.mjs": "f7cdc8ece80678ceb712f8e65ebe6d3a83203a180c399865f49612a051693635",
    "pyodide.asm.wasm": "cc36e3cab04fdfc9a63ff13eb52eae2b911bf46c025cc7b281f394bd3de1d5e6",
    "python_stdlib.zip": "fa1957e5777068fc4f7437f96d860ae2fbe9c19732ba06c84e004ec16dd7dd7a",
    "pyodide-lock.json": "5dc2fc119108bc148c7457dc86e7675b5c87e1cafd420b9c34c1eaef7b36c010",
}

#: Where the runtime lands inside the site.
SITE_DIR = f"runtime/pyodide-{PYODIDE_VERSION}"


@dataclass(frozen=True)
class RuntimeFile:
    """One verified runtime file: where it is and where it goes in the site."""

    source: Path
    site_path: str
    sha256: str


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_runtime(package_dir: Path) -> list[RuntimeFile]:
    """Check the npm package in ``package_dir`` against the pin; list its files.

    Raises :class:`RuntimeFetchError` naming the file when the package is
    missing, has another version, or a file's hash differs from the pin.
    """
    manifest = package_dir / "package.json"
    if not manifest.is_file():
        raise RuntimeFetchError(
            package_dir,
            "Pyodide is not installed here; run `npm ci` (the Makefile does this).",
        )
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != PYODIDE_VERSION:
        raise RuntimeFetchError(
            manifest, f"Pyodide version is {version!r}, the pin is {PYODIDE_VERSION!r}"
        )
    files = []
    for name, expected in PYODIDE_FILES.items():
        path = package_dir / name
        if not path.is_file():
            raise RuntimeFetchError(path, "runtime file is missing")
        actual = sha256_of(path)
        if actual != expected:
            raise RuntimeFetchError(
                path, f"SHA-256 is {actual}, the pin is {expected}: refusing to ship it"
            )
        files.append(RuntimeFile(path, f"{SITE_DIR}/{name}", expected))
    return files
