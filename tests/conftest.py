"""Shared fixtures: a built site, a local server for it, and a watched browser page."""

from __future__ import annotations

import gzip
import http
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from builder.serve import StaticHandler, StaticServer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("RG_CHROMIUM", "/usr/bin/chromium")
#: The site is served under a subpath in tests, as a host might do.
PREFIX = "/handboek/"


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """Build with the real CLI in a fresh process; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "builder", "-f", str(config), "build", "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


class UnpackedSnapshotHandler(StaticHandler):
    """Sends the Python snapshot unpacked (the worker takes either form). A test's
    fresh browser profile would otherwise unpack its 45 MB in the page at every Python
    start: about 0.2 s each. Not for tests that let the service worker run: it checks
    the hash of the packed file."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    bodies: ClassVar[dict[Path, bytes]] = {}

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if target.suffix != ".snapshot" or not target.is_file():
            return super().send_head()
        with self.lock:
            if target not in self.bodies:
                self.bodies[target] = gzip.decompress(target.read_bytes())
            body = self.bodies[target]
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def packed_site_url(built_site: Path) -> Iterator[str]:
    with StaticServer(built_site, PREFIX) as server:
        yield server.url


@pytest.fixture(scope="session")
def unpacked_site_url(built_site: Path) -> Iterator[str]:
    with StaticServer(built_site, PREFIX, handler_class=UnpackedSnapshotHandler) as server:
        yield server.url


@pytest.fixture
def site_url(request: pytest.FixtureRequest) -> str:
    """The built site, served as a host would; the snapshot unpacked unless the test is
    marked ``service_worker``."""
    worker = request.node.get_closest_marker("service_worker") is not None
    return request.getfixturevalue("packed_site_url" if worker else "unpacked_site_url")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: install Debian's chromium or set RG_CHROMIUM")
    # WebAssembly with the baseline compiler only: each test is a fresh profile, where
    # Chromium would compile Pyodide's busiest functions again with its optimizing
    # compiler, on the same two cores as the tests (suite 9:04 instead of 9:54).
    # Behaviour is the same; the benchmark keeps Chromium's defaults.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--js-flags=--liftoff-only"],
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict, request: pytest.FixtureRequest) -> dict:
    # The service worker copies the whole site (about 30 MB, every file hashed) into each
    # fresh profile; only tests marked ``service_worker`` need that.
    workers = "allow" if request.node.get_closest_marker("service_worker") else "block"
    return {**browser_context_args, "accept_downloads": True, "locale": "nl-NL",
            "timezone_id": "Europe/Amsterdam", "service_workers": workers}


#: Every test is a first visit in a fresh browser profile, where the page would start
#: Python the plain way (about 4 s). Tests start it from the build's memory snapshot
#: instead (about 1 s; the path of a return visit), unless marked ``plain_python`` or
#: the test chose a boot mode itself (see python.js).
FAST_PYTHON = """
try {
  const key = "rg:python-boot";
  if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, "snapshot");
} catch (error) {}
"""


@pytest.fixture
def context(context, request: pytest.FixtureRequest):
    if request.node.get_closest_marker("plain_python") is None:
        context.add_init_script(FAST_PYTHON)
    return context


CSP_WATCH = """
window.__rgCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__rgCsp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class PageWatch:
    """What a page did that it must not: errors, CSP violations, foreign requests."""

    origin: str = ""
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return
        self.origin = self.origin or f"{parts.scheme}://{parts.netloc}"  # the first navigation
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign_requests.append(url)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def assert_clean(self, page) -> None:
        csp = page.evaluate("window.__rgCsp || []")
        assert self.foreign_requests == [], self.foreign_requests
        assert csp == [], csp
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def watch(page, context) -> PageWatch:
    """Records a test's requests; the site's own origin is that of the first one."""
    watcher = PageWatch()
    context.add_init_script(CSP_WATCH)
    context.on("request", watcher.on_request)
    page.on("console", watcher.on_console)
    page.on("pageerror", lambda error: watcher.console_errors.append(str(error)))
    return watcher


def has_node() -> bool:
    return shutil.which("node") is not None


@pytest.fixture(scope="session")
def fixture_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site plus two fixture worksheets: every field type (``alle-velden``), and
    one at schema version 3 with migrations (``migratie``)."""
    from tests.sitecopy import FIXTURES, copy_project

    project = tmp_path_factory.mktemp("fixture-project")
    config = copy_project(project,
                          extra_nav=["werkbladen/alle-velden.md", "werkbladen/migratie.md"])
    for name in ("alle_velden.py", "migratie.py"):
        shutil.copy(FIXTURES / name, project / "worksheets" / name)
    result = build_site(project / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    with StaticServer(project / "site", PREFIX, handler_class=UnpackedSnapshotHandler) as server:
        yield server.url


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as a path below the site's root ("" is the home page)."""
    return sorted(p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
                  for p in site.rglob("index.html"))


def wait_for_python(page, timeout: float = 60000) -> None:
    page.wait_for_selector('[data-worksheet][data-python="ready"]', timeout=timeout)


def wait_evaluated(page, timeout: float = 60000) -> None:
    """Wait until Python's hints, summary and views show the answers as they are now."""
    page.wait_for_selector('[data-worksheet][data-python="ready"]:not([data-evaluating])',
                           timeout=timeout)


def wait_for_form(page) -> None:
    page.wait_for_selector('[data-worksheet][data-ready="form"]', timeout=15000)


def wait_saved(page) -> None:
    """Wait until the last change is stored (no save pending, status "saved")."""
    page.wait_for_selector(
        '[data-worksheet]:not([data-saving]) [data-rg="save-status"][data-state="saved"]',
        timeout=10000)


def fill_generically(page, text: str = "Voorbeeld met Zoë") -> None:
    """Put ``text`` in every text field of the worksheet (cut to the field's length, as
    typing would be), give every date, and pick the first option of every group."""
    page.evaluate("""(text) => {
        const form = document.querySelector('[data-worksheet] form');
        for (const input of form.querySelectorAll('input[type=text], textarea')) {
            input.value = input.maxLength > 0 ? text.slice(0, input.maxLength) : text;
        }
        for (const input of form.querySelectorAll('input[type=date]')) input.value = '2026-11-22';
        const seen = new Set();
        for (const input of form.querySelectorAll('input[type=radio], input[type=checkbox]')) {
            if (!seen.has(input.name)) { input.checked = true; seen.add(input.name); }
        }
        form.dispatchEvent(new Event('input', {bubbles: true}));
    }""", text)
