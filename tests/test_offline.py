"""The offline copy: the service worker's file list, its version, the app manifest, headers."""

from __future__ import annotations

import gzip
import json
import os
import re
import struct
import threading
import time
import urllib.request
from email.message import Message
from hashlib import sha256
from pathlib import Path

import pytest

from builder import cache, offline, snapshot
from builder.errors import BuildError
from builder.serve import IMMUTABLE, REVALIDATE, StaticServer, cache_control
from tests.conftest import build_site

SITE_LIST = re.compile(r"^const (VERSION|SITE_FILES|RUNTIME_FILES|RUNTIME_FOLDERS) = (.*);$", re.M)


def sw_constants(site: Path) -> dict:
    text = (site / offline.SW_NAME).read_text(encoding="utf-8")
    return {name: json.loads(value) for name, value in SITE_LIST.findall(text)}


def manifest_files(site: Path) -> dict:
    return json.loads((site / "manifest.json").read_text(encoding="utf-8"))["files"]


def site_path(request: str) -> str:
    """Back from the address the browser asks for to the file in the site."""
    path = request.split("?", 1)[0]
    return path + "index.html" if path == "" or path.endswith("/") else path


def runtime_config(site: Path) -> dict:
    text = (site / "assets/rg/js/runtime-config.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].strip().rstrip(";"))


def test_sw_list_is_the_manifest_minus_the_excluded_files(built_site: Path) -> None:
    constants = sw_constants(built_site)
    listed = [site_path(r) for r, *_ in constants["SITE_FILES"] + constants["RUNTIME_FILES"]]
    assert len(listed) == len(set(listed))
    files = manifest_files(built_site)
    lunr = offline.lunr_files(["nl"])
    excluded = {p for p in files if offline.is_excluded(p, lunr)}
    assert set(listed) == set(files) - excluded
    assert {"sw.js", "sitemap.xml"} <= excluded
    assert "assets/javascripts/lunr/min/lunr.nl.min.js" in listed
    assert "assets/javascripts/lunr/wordcut.js" in excluded
    assert not [p for p in listed if "test" in p.split("/")[0]]


def test_every_entry_carries_the_files_hash(built_site: Path) -> None:
    constants = sw_constants(built_site)
    files = manifest_files(built_site)
    for request, integrity, *_ in constants["SITE_FILES"] + constants["RUNTIME_FILES"]:
        assert integrity == offline.integrity(files[site_path(request)]["sha256"]), request


def test_pages_by_folder_and_packages_exactly_as_requested(built_site: Path) -> None:
    constants = sw_constants(built_site)
    site = {r for r, *_ in constants["SITE_FILES"]}
    runtime = {r: rest for r, _, *rest in constants["RUNTIME_FILES"]}
    assert {"", "methode/", "werkbladen/doelen/"} <= site
    assert not [r for r in site if r.endswith("index.html")]
    config = runtime_config(built_site)
    for spec in config["packages"].values():
        assert spec["url"].removeprefix("../../../") in runtime  # with its ?v=<hash>
        # The worker asks for exactly these bytes (Subresource Integrity).
        data = (built_site / spec["url"].removeprefix("../../../").split("?")[0]).read_bytes()
        assert spec["integrity"] == offline.integrity(sha256(data).hexdigest())
        assert spec["bytes"] == len(data)
    assert config["snapshot"]["url"].removeprefix("../../../") in runtime
    assert runtime[config["snapshot"]["url"].removeprefix("../../../")] == ["gunzip"]
    assert all(r.startswith(("runtime/", "py/")) for r in runtime)


def test_version_changes_when_any_file_changes(built_site: Path) -> None:
    files = manifest_files(built_site)
    aliases = {"py/pdf.zip": "py/pdf.zip?v=1"}
    before = offline.version_of(*offline.precache_lists(files, ["nl"], aliases))
    assert before == sw_constants(built_site)["VERSION"] or len(before) == 16
    lunr = offline.lunr_files(["nl"])
    for path in files:
        if offline.is_excluded(path, lunr):
            continue
        changed = {**files, path: {**files[path], "sha256": "0" * 64}}
        after = offline.version_of(*offline.precache_lists(changed, ["nl"], aliases))
        assert after != before, path
    renamed = dict(files)
    renamed["nieuw/index.html"] = renamed.pop("privacy/index.html")
    assert offline.version_of(*offline.precache_lists(renamed, ["nl"], aliases)) != before


def test_the_version_in_sw_js_is_that_of_its_lists(built_site: Path) -> None:
    constants = sw_constants(built_site)
    assert constants["VERSION"] == offline.version_of(constants["SITE_FILES"],
                                                      constants["RUNTIME_FILES"])


def test_runtime_folders_hold_only_runtime_files(built_site: Path) -> None:
    constants = sw_constants(built_site)
    assert constants["RUNTIME_FOLDERS"] == ["py", "runtime"]
    for path, *_ in constants["SITE_FILES"]:
        assert path.split("/")[0] not in constants["RUNTIME_FOLDERS"], path
    # Served straight from the caches by Chromium's static routes: every file there
    # must be one the install stores.
    site = [["assets/site.css", "sha256-a"], ["py/notes.html", "sha256-b"]]
    runtime = [["py/pdf.zip?v=1", "sha256-c"]]
    with pytest.raises(BuildError, match=r"py/notes\.html: a site file in the runtime folder py/"):
        offline.runtime_folders(site, runtime)
    assert offline.runtime_folders(site[:1], runtime) == ["py"]


def test_an_unchanged_rebuild_is_the_same_version(built_site: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sw_constants(tmp_path / "site")["VERSION"] == sw_constants(built_site)["VERSION"]


def test_cache_makes_each_result_once_and_keeps_the_newest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RG_CACHE_DIR", str(tmp_path))
    made: list[str] = []

    def make(name: str) -> bytes:
        made.append(name)
        return name.encode()

    for name in ("a", "b", "a"):
        assert cache.cached_bytes("test", name, lambda name=name: make(name)) == name.encode()
    assert made == ["a", "b"]
    for number in range(cache.KEEP + 5):
        cache.cached_bytes("test", f"n{number}", lambda: b"x")
    assert len(list((tmp_path / "test").iterdir())) == cache.KEEP
    assert cache.digest(["ab", "c"]) != cache.digest(["a", "bc"])


def test_a_snapshot_another_build_is_making_is_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RG_CACHE_DIR", str(tmp_path))
    archives = {"worksheets": b"zip one", "pdf": b"zip two"}
    target = cache.cache_dir("snapshots") / snapshot.cache_name(snapshot.snapshot_key(archives))
    target.parent.mkdir(parents=True)
    lock = target.with_name(target.name + ".lock")
    lock.touch()  # another build holds the lock
    job = snapshot.start_snapshot(tmp_path / "no-pyodide-needed", archives, ["doelen"])
    assert job.process is None and job.elsewhere
    timer = threading.Timer(0.3, lambda: (target.write_bytes(b"made elsewhere"), lock.unlink()))
    timer.start()
    assert job.finish().read_bytes() == b"made elsewhere"
    timer.join()


def test_a_stale_lock_and_a_failed_other_build(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RG_CACHE_DIR", str(tmp_path))
    target = tmp_path / "python-x.snapshot"
    lock = target.with_name(target.name + ".lock")
    lock.touch()
    old = time.time() - snapshot.TIMEOUT_S - 10
    os.utime(lock, (old, old))
    assert snapshot._take_lock(target) == lock  # a killed build's lock is taken over
    job = snapshot.SnapshotJob("x", target, elsewhere=True)
    lock.unlink()  # the other build stopped without a file
    with pytest.raises(snapshot.BuildError, match="did not finish"):
        job.finish()


def test_dev_server_gets_a_worker_that_removes_itself(tmp_path: Path) -> None:
    target = offline.write_service_worker(tmp_path, {}, dev=True)
    text = target.read_text()
    assert "unregister()" in text and "SITE_FILES" not in text


def test_web_app_manifest_is_dutch_and_installable(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "nl"
    assert manifest["name"] == "Handboek Resourcegroepen"
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["display"] == "standalone"
    sizes = {}
    for icon in manifest["icons"]:
        data = (built_site / icon["src"]).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", icon["src"]
        width, height = struct.unpack(">II", data[16:24])
        assert icon["sizes"] == f"{width}x{height}"
        sizes.setdefault(icon["purpose"], set()).add(width)
    assert {192, 512} <= sizes["any"] and 512 in sizes["maskable"]
    page = (built_site / "methode/index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../manifest.webmanifest">' in page
    assert 'src="../assets/rg/js/offline.js"' in page


def test_snapshot_is_shipped_compressed_and_named_by_its_bytes(built_site: Path) -> None:
    url = runtime_config(built_site)["snapshot"]["url"].removeprefix("../../../")
    data = (built_site / url).read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert len(data) < 16 * 1024 * 1024, f"snapshot is {len(data) / 1e6:.1f} MB"  # its budget
    assert 20_000_000 < len(gzip.decompress(data)) < 80_000_000
    # The same inputs make other bytes each time, so the site names it by its bytes:
    # a cached copy under that name is always the right one.
    assert url == snapshot.site_path(data) == f"py/python-{sha256(data).hexdigest()[:16]}.snapshot"
    assert [p.relative_to(built_site).as_posix() for p in built_site.glob("py/*.snapshot")] == [url]
    # The build cache finds it by its inputs.
    archives = {"worksheets": b"a", "pdf": b"b"}
    key = snapshot.snapshot_key(archives)
    assert snapshot.snapshot_key({**archives, "pdf": b"c"}) != key
    assert snapshot.cache_name(key) == f"python-{key}.snapshot"


@pytest.mark.parametrize(("path", "query", "expected"), [
    ("werkbladen/doelen/", "", REVALIDATE),
    ("sw.js", "", REVALIDATE),
    ("manifest.webmanifest", "", REVALIDATE),
    ("assets/rg/js/worksheet.js", "", REVALIDATE),
    ("py/pdf.zip", "v=13e144dff82c", IMMUTABLE),
    ("runtime/pyodide-314.0.7/pyodide.asm.wasm", "", IMMUTABLE),
    ("py/python-0123456789abcdef.snapshot", "", IMMUTABLE),
    ("assets/javascripts/bundle.a5f9d56c.min.js", "", IMMUTABLE),
])
def test_cache_headers(path: str, query: str, expected: str) -> None:
    assert cache_control(path, query) == expected


def test_static_server_compresses_and_sends_types_and_caching(built_site: Path) -> None:
    with StaticServer(built_site, "/handboek/") as server:
        def get(rel: str, gzip_ok: bool = True) -> tuple[Message, bytes]:
            request = urllib.request.Request(server.url + rel, headers=(
                {"Accept-Encoding": "gzip"} if gzip_ok else {}))
            with urllib.request.urlopen(request) as response:
                return response.headers, response.read()

        headers, body = get("methode/")
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Cache-Control"] == REVALIDATE
        assert gzip.decompress(body) == (built_site / "methode/index.html").read_bytes()
        headers, body = get("runtime/pyodide-314.0.7/pyodide.asm.wasm")
        assert headers["Content-Type"] == "application/wasm"
        assert headers["Cache-Control"] == IMMUTABLE
        assert headers["Content-Encoding"] == "gzip"
        headers, _ = get("sw.js", gzip_ok=False)
        assert headers["Content-Type"] == "text/javascript"
        assert "Content-Encoding" not in headers
        headers, _ = get("manifest.webmanifest")
        assert headers["Content-Type"] == "application/manifest+json"
        url = runtime_config(built_site)["snapshot"]["url"].removeprefix("../../../")
        headers, body = get(url)
        assert "Content-Encoding" not in headers and body[:2] == b"\x1f\x8b"
