"""Stage 4b: a memory snapshot of the browser's Python, made at build time.

Pyodide can write its whole WebAssembly heap to a file
(``makeMemorySnapshot``, a private API that Cloudflare's Python Workers use in
production) and start from that file later (``_loadSnapshot``). The builder
boots Pyodide in Node from the very runtime files the site ships, imports the
worksheet package and the PDF stack, warms them up and writes the heap
(``builder/snapshot.mjs``); it then restores the snapshot in a fresh Pyodide and
checks a worksheet evaluation and a PDF, so a snapshot that does not restore is
never shipped. The browser (``py-worker.js``) restores it on return visits and
falls back to a normal start if anything goes wrong.

A snapshot is tied to the exact Pyodide build and to the Python packages, so
its file name is the hash of all of those (and of the script that makes it).
The file holds the heap gzip-compressed, under a name without ``.gz`` so that no
web server adds a ``Content-Encoding`` to it; the service worker unpacks it once
when it stores it (``builder/service-worker.js``). Making
one takes several seconds of CPU, so finished snapshots are kept in a cache
folder (:mod:`builder.cache`) and the work runs in a Node process beside the rest
of the build. The live
reload server (``make serve``) skips the snapshot.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from builder import cache, runtime
from builder.errors import BuildError

SCRIPT = Path(__file__).with_name("snapshot.mjs")
#: Where the snapshot lands in the site.
SITE_DIR = "py"
#: Keep this many snapshots in the cache (each is several megabytes).
CACHE_KEEP = 4
TIMEOUT_S = 600
#: The worksheet whose PDF warms up and checks the snapshot.
PDF_SHEET = "doelen"
_LIB = "/home/pyodide/lib"


def snapshot_key(archives: dict[str, bytes]) -> str:
    """A hash of everything the snapshot depends on."""
    digest = hashlib.sha256()
    digest.update(runtime.PYODIDE_VERSION.encode())
    for name, sha in sorted(runtime.PYODIDE_FILES.items()):
        digest.update(f"{name}={sha}\n".encode())
    for name, data in sorted(archives.items()):
        digest.update(f"{name}={hashlib.sha256(data).hexdigest()}\n".encode())
    digest.update(SCRIPT.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def site_path(key: str) -> str:
    return f"{SITE_DIR}/python-{key}.snapshot"


@dataclass
class SnapshotJob:
    """A snapshot being made (or found in the cache) while the site builds."""

    key: str
    target: Path
    process: subprocess.Popen[str] | None = None
    workdir: Path | None = None
    raw: Path | None = None
    info: dict = field(default_factory=dict)

    @property
    def site_path(self) -> str:
        return site_path(self.key)

    def cancel(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def finish(self) -> Path:
        """Wait for the snapshot; return the cached, compressed file."""
        if self.process is not None:
            try:
                out, err = self.process.communicate(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired as error:
                self.cancel()
                raise BuildError(SCRIPT, f"no snapshot after {TIMEOUT_S} s") from error
            if self.process.returncode != 0:
                self._cleanup()
                tail = "\n".join(err.strip().splitlines()[-8:])
                raise BuildError(SCRIPT, "making the Python snapshot failed (set "
                                 f"`snapshot: false` for the plugin to build without):\n{tail}")
            self.info = json.loads(out.strip().splitlines()[-1])
            assert self.raw is not None
            cache.store(self.target, gzip.compress(self.raw.read_bytes(), compresslevel=6,
                                                   mtime=0))
            self._cleanup()
            self.process = None
            cache.prune(self.target.parent, "python-*.snapshot", CACHE_KEEP)
        return self.target


def start_snapshot(pyodide_dir: Path, archives: dict[str, bytes],
                   worksheets: list[str]) -> SnapshotJob:
    """Find the snapshot in the cache, or start making it in a Node process."""
    key = snapshot_key(archives)
    folder = cache.cache_dir("snapshots")
    target = folder / Path(site_path(key)).name
    job = SnapshotJob(key, target)
    if target.is_file():
        target.touch()  # recently used: pruned last
        return job
    node = shutil.which("node")
    if node is None:
        raise BuildError(SCRIPT, "Node is needed to make the Python snapshot (see README)")
    folder.mkdir(parents=True, exist_ok=True)
    job.workdir = Path(tempfile.mkdtemp(prefix="rg-snapshot-"))
    paths = []
    for name, data in sorted(archives.items()):
        path = job.workdir / f"{name}.zip"
        path.write_bytes(data)
        paths.append(str(path))
    job.raw = job.workdir / "python.snapshot"
    options = {"pyodide": str(pyodide_dir), "archives": paths, "out": str(job.raw),
               "lib": _LIB, "worksheets": sorted(worksheets),
               "pdfSheet": PDF_SHEET if PDF_SHEET in worksheets else sorted(worksheets)[0]}
    job.process = subprocess.Popen(
        [node, str(SCRIPT), json.dumps(options)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    return job
