"""Build results that depend only on their inputs, kept between builds.

The Python memory snapshot (:mod:`builder.snapshot`) and the blank PDFs take
seconds to make and change only when their inputs change, so they are stored
under a hash of those inputs in ``RG_CACHE_DIR`` (default ``.cache/rg`` next to
the ``builder`` package, ignored by git). Reusing them also keeps a rebuild of
unchanged sources byte for byte the same, so the service worker's version does
not change and visitors are not asked to update for nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

#: Entries kept per kind (older ones are removed).
KEEP = 64


def cache_dir(kind: str) -> Path:
    configured = os.environ.get("RG_CACHE_DIR")
    base = Path(configured) if configured else Path(__file__).resolve().parent.parent / ".cache/rg"
    return base / kind


def digest(parts: Iterable[bytes | str]) -> str:
    """A short hash of ``parts`` (each part is framed, so their borders count)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()[:16]


def prune(folder: Path, pattern: str = "*", keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used entries."""
    found = sorted((p for p in folder.glob(pattern) if not p.name.endswith(".partial")),
                   key=lambda p: p.stat().st_mtime)
    for old in found[:-keep]:
        old.unlink(missing_ok=True)


def store(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One partial file per process: two builds at once (parallel tests) never collide.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
    return path


def cached_bytes(kind: str, name: str, make: Callable[[], bytes]) -> bytes:
    """The cached result called ``name`` (a hash of its inputs), made once by ``make``."""
    path = cache_dir(kind) / name
    if path.is_file():
        path.touch()  # recently used: pruned last
        return path.read_bytes()
    data = make()
    store(path, data)
    prune(path.parent)
    return data
