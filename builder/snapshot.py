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

A snapshot is tied to the exact Pyodide build and to the Python packages: the
build cache finds it by the hash of all of those (and of the script that makes
it). In the site it is named by the hash of its own bytes, because a snapshot
made again from the same inputs differs byte for byte (the heap is not
reproducible): a name that always means the same bytes may be cached for a year
and always passes the service worker's integrity check.
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
import os
import shutil
import subprocess
import tempfile
import time
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


def cache_name(key: str) -> str:
    """The file name of the snapshot for inputs ``key`` in the build cache."""
    return f"python-{key}.snapshot"


def site_path(data: bytes) -> str:
    """Where the snapshot ``data`` (compressed) goes in the site: named by its bytes."""
    return f"{SITE_DIR}/python-{hashlib.sha256(data).hexdigest()[:16]}.snapshot"


@dataclass
class SnapshotJob:
    """A snapshot being made (or found in the cache) while the site builds."""

    key: str
    target: Path
    process: subprocess.Popen[str] | None = None
    workdir: Path | None = None
    raw: Path | None = None
    info: dict = field(default_factory=dict)
    #: Set while this build makes the snapshot: other builds wait for it (see below).
    lock: Path | None = None
    #: Another build is making this very snapshot; finish() waits for its file.
    elsewhere: bool = False

    def cancel(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        if self.lock:
            self.lock.unlink(missing_ok=True)
            self.lock = None

    def _wait_for_other_build(self) -> bool:
        """True once the other build's file is there; False if it gave up or died."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if self.target.is_file():
                return True
            if not _lock_path(self.target).exists():  # it failed: make it here
                return self.target.is_file()
            time.sleep(0.2)
        return False

    def finish(self) -> Path:
        """Wait for the snapshot; return the cached, compressed file."""
        if self.elsewhere:
            self.elsewhere = False
            if self._wait_for_other_build():
                return self.target
            raise BuildError(self.target, "another build was making this Python snapshot "
                             "and did not finish; build again")
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


def _lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def _take_lock(target: Path) -> Path | None:
    """Claim the making of ``target``; None while another live build holds it."""
    lock = _lock_path(target)
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return lock
        except FileExistsError:
            try:
                stale = time.time() - lock.stat().st_mtime > TIMEOUT_S
            except FileNotFoundError:
                continue  # released just now: try again
            if not stale:
                return None
            lock.unlink(missing_ok=True)  # left by a build that was killed
    return None


def start_snapshot(pyodide_dir: Path, archives: dict[str, bytes],
                   worksheets: list[str]) -> SnapshotJob:
    """Find the snapshot in the cache, or start making it in a Node process."""
    key = snapshot_key(archives)
    folder = cache.cache_dir("snapshots")
    target = folder / cache_name(key)
    job = SnapshotJob(key, target)
    if target.is_file():
        target.touch()  # recently used: pruned last
        return job
    node = shutil.which("node")
    if node is None:
        raise BuildError(SCRIPT, "Node is needed to make the Python snapshot (see README)")
    folder.mkdir(parents=True, exist_ok=True)
    job.lock = _take_lock(target)
    if job.lock is None:  # two builds at once (parallel tests): only one makes it
        job.elsewhere = True
        return job
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
