"""Stage 6c: the service worker that keeps the whole site for use offline.

``sw.js`` goes to the site root, so its scope is the whole site, also under a
subpath such as ``/handboek/``. It is the template ``builder/service-worker.js``
with three constants in front, all taken from the file hashes that
:mod:`builder.manifest` lists:

``SITE_FILES``
    pages (by folder: ``methode/`` for ``methode/index.html``), styles, scripts,
    fonts, icons, the search index: one cache per site version.
``RUNTIME_FILES``
    files whose address changes with their content: the Pyodide folder (named by
    version, every file pinned), the Python packages (``?v=<hash>``, exactly as
    ``runtime-config.js`` asks for them) and the memory snapshot.
``RUNTIME_FOLDERS``
    the top folders of the runtime files (``runtime``, ``py``). Chromium serves
    them, and ``assets/``, straight from the caches (static routes), so no site
    file may live under them.
``VERSION``
    a hash of both lists with every file's SHA-256: any changed file gives a new
    version, and so a new ``sw.js`` that the browser installs next to the old one.

Each entry carries its SHA-256 in Subresource Integrity form, so the browser
stores only the exact files this build wrote. Left out: files nobody loads in
the browser (``manifest.json``, the sitemaps), the service worker itself, and
search-language files for languages the site does not use.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from builder import runtime, snapshot
from builder.errors import BuildError
from builder.manifest import MANIFEST_NAME, site_manifest

SW_NAME = "sw.js"
TEMPLATE = Path(__file__).with_name("service-worker.js")
#: Never precached: not loaded by any page, or the service worker itself.
EXCLUDED = {SW_NAME, MANIFEST_NAME, "sitemap.xml", "sitemap.xml.gz"}
#: Test fixtures and build leftovers: never precached even if a build writes them.
EXCLUDED_PATTERNS = (re.compile(r"(^|/)(tests?|fixtures?)/"), re.compile(r"\.(map|partial)$"))
LUNR_DIR = "assets/javascripts/lunr/"
_CONTENT_ADDRESSED = (
    re.compile(rf"^{re.escape(runtime.SITE_DIR)}/"),
    re.compile(rf"^{snapshot.SITE_DIR}/python-[0-9a-f]+\.snapshot$"),
)

DEV_SERVICE_WORKER = """\
// Development server (make serve): no offline copy. A service worker left on this
// address by a built site is replaced by this one, which removes its caches and itself.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith("rg-")) await caches.delete(name);
    await self.registration.unregister();
  })());
});
"""


def integrity(sha256_hex: str) -> str:
    return "sha256-" + base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii")


def lunr_files(languages: Iterable[str]) -> set[str]:
    """The search-language files Material's search worker loads for ``languages``."""
    languages = list(languages)
    needed = set()
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return {LUNR_DIR + name for name in needed}


def search_languages(site_dir: Path) -> list[str]:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return []
    return list(json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", []))


def is_excluded(path: str, lunr: set[str]) -> bool:
    if path in EXCLUDED or any(p.search(path) for p in EXCLUDED_PATTERNS):
        return True
    return path.startswith(LUNR_DIR) and path not in lunr


def request_path(path: str) -> str:
    """How the browser asks for a file: pages by their folder."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def precache_lists(files: Mapping[str, Mapping[str, object]], languages: Iterable[str],
                   aliases: Mapping[str, str]) -> tuple[list[list[str]], list[list[str]]]:
    """``(site, runtime)``: ``[request path, integrity]`` of every file to keep.

    ``files`` maps site paths to ``{"sha256": ...}`` (the manifest's ``files``);
    ``aliases`` maps a site path to the exact address pages request (``?v=``).
    """
    lunr = lunr_files(languages)
    site: list[list[str]] = []
    content_addressed: list[list[str]] = []
    for path in sorted(files):
        if is_excluded(path, lunr):
            continue
        entry = [aliases.get(path, request_path(path)), integrity(str(files[path]["sha256"]))]
        if path.endswith(".snapshot"):
            entry.append("gunzip")  # stored unpacked in the browser
        if path in aliases or any(p.search(path) for p in _CONTENT_ADDRESSED):
            content_addressed.append(entry)
        else:
            site.append(entry)
    return site, content_addressed


def version_of(site: list[list[str]], content_addressed: list[list[str]]) -> str:
    digest = hashlib.sha256(json.dumps([site, content_addressed]).encode("utf-8"))
    return digest.hexdigest()[:16]


def runtime_folders(site: list[list[str]], content_addressed: list[list[str]]) -> list[str]:
    """The top folders of the runtime files; no site file may be in one of them."""
    folders = sorted({entry[0].split("/")[0] for entry in content_addressed if "/" in entry[0]})
    for path, *_ in site:
        folder = path.split("/")[0]
        if folder in folders:
            raise BuildError(path, f"a site file in the runtime folder {folder}/ (the service "
                             "worker serves that folder from the runtime cache only)")
    return folders


def service_worker(site_dir: Path, aliases: Mapping[str, str]) -> str:
    """The text of ``sw.js`` for the site as it is now on disk."""
    files = site_manifest(site_dir, runtime.PYODIDE_VERSION)["files"]
    files.pop(SW_NAME, None)
    site, content_addressed = precache_lists(files, search_languages(site_dir), aliases)
    head = (
        "// Generated by the builder (builder/offline.py): this version's files.\n"
        f"const VERSION = {json.dumps(version_of(site, content_addressed))};\n"
        f"const SITE_FILES = {json.dumps(site, separators=(',', ':'))};\n"
        f"const RUNTIME_FILES = {json.dumps(content_addressed, separators=(',', ':'))};\n"
        f"const RUNTIME_FOLDERS = {json.dumps(runtime_folders(site, content_addressed))};\n"
    )
    return head + TEMPLATE.read_text(encoding="utf-8")


def package_aliases(settings: Mapping[str, object]) -> dict[str, str]:
    """Site path -> requested address for the packages in ``runtime-config.js``."""
    aliases = {}
    packages = settings.get("packages", {})
    assert isinstance(packages, dict)
    for spec in packages.values():
        address = str(spec["url"]).removeprefix("../../../")
        aliases[address.split("?", 1)[0]] = address
    return aliases


def write_service_worker(site_dir: Path, aliases: Mapping[str, str], dev: bool = False) -> Path:
    target = site_dir / SW_NAME
    target.write_text(DEV_SERVICE_WORKER if dev else service_worker(site_dir, aliases),
                      encoding="utf-8")
    return target
