"""Benchmark the site build and the worksheet page in headless Chromium, against the targets.

Usage (from the repository root)::

    .venv/bin/python bench/bench.py [--runs N] [--json out.json] [--idle-seconds S]

Every metric is measured ``--runs`` times (default 5); the table shows each
target, the median, minimum and maximum, and whether the median meets the
target. See ``bench/README.md`` for how each figure is taken. In short:

``build``
    Wall time of ``python -m builder build -d <tmp>`` in a fresh process (the
    Python snapshot comes from the builder's cache, which the first build fills),
    next to a plain ``mkdocs build`` of the same ``mkdocs.yml`` without this
    project's plugin, measured in the same run. Once per benchmark also a build
    with an empty snapshot cache (what the first build after a Python change costs).
``first visit`` / ``return visit`` of ``/werkbladen/doelen/``
    A fresh browser context opens the page (empty caches: the first visit), the
    site's service worker installs, then the page is reloaded: the normal way
    (Python restores the build-time memory snapshot) twice, the first return visit
    (the browser compiles Pyodide's WebAssembly from its new cache) and a later one
    (the browser reuses the compiled code); then with the snapshot switched off
    (``sessionStorage["rg:python-boot"] = "plain"``: the plain Pyodide start, the
    baseline measured side by side with the later return visit); and after the page
    has been idle.
    Before each visit the benchmark waits until the CPUs are quiet (``bench/quiet.py``):
    a real visit does not share the machine with a closing browser context or with
    the previous visit's background work.
    Times are in-page ``performance.now()`` from navigation start; PDF exports are
    wall time from the click to Playwright's download event.
``handbook page transfer``
    Bytes on the wire (compressed, as ``builder.serve.StaticServer`` sends them) for
    a first visit to ``/methode/``, counted with the DevTools protocol.
``offline``
    The same context offline: the home page, a handbook page and the worksheet are
    opened again; every response must come from the service worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser import (  # noqa: E402
    PYODIDE_VERSION,
    BenchError,
    export_pdf,
    keystroke_to_saved,
    network_requests_offline,
    new_page,
    page_transfer_bytes,
    step,
    wait_form_only,
    wait_offline_ready,
    wait_until_ready,
)
from bench.quiet import (  # noqa: E402
    BUSY_LIMIT,
    MAX_WAIT_SECONDS,
    QUIET_SAMPLES,
    SAMPLE_SECONDS,
    Wait,
    wait_until_quiet,
)
from builder.serve import StaticServer  # noqa: E402

CHROMIUM = os.environ.get("RG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PREFIX = "/handboek/"
PAGE = "werkbladen/doelen/"
HANDBOOK_PAGE = "methode/"
BUILD_TIMEOUT_S = 600
PLAIN_BOOT = "sessionStorage.setItem('rg:python-boot', 'plain')"
AUTO_BOOT = "sessionStorage.removeItem('rg:python-boot')"


@dataclass
class Metric:
    key: str
    label: str
    unit: str  # "s", "ms", "KB", "x" or "n"
    target: float | None = None
    at_least: bool = False  # the target is a minimum (speed-up), not a maximum
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    def verdict(self) -> str:
        if self.target is None or self.median is None:
            return ""
        ok = self.median >= self.target if self.at_least else self.median <= self.target
        return "ok" if ok else "MISSED"

    def summary(self) -> dict[str, Any]:
        rounded = [round(value, 3) for value in self.samples]
        return {"label": self.label, "unit": self.unit, "target": self.target,
                "median": round(self.median, 3) if self.median is not None else None,
                "min": min(rounded, default=None), "max": max(rounded, default=None),
                "runs": len(rounded), "samples": rounded, "verdict": self.verdict()}


def make_metrics(idle_seconds: float) -> dict[str, Metric]:
    rows: list[tuple[str, str, str, float | None, bool]] = [
        ("build", "full site build (snapshot from the cache)", "s", None, False),
        ("build_plain", "plain mkdocs build, same content (baseline)", "s", None, False),
        ("build_ratio", "full build ÷ plain mkdocs build", "x", 2.0, False),
        ("build_cold", "full site build, empty snapshot cache (once)", "s", None, False),
        ("form_first", "form usable, first visit", "ms", 200, False),
        ("form_return", "form usable, first return visit", "ms", 200, False),
        ("form_return_later", "form usable, later return visit", "ms", 200, False),
        ("form_no_python", "form usable, Python blocked (first visit)", "ms", 200, False),
        ("python_first", "Python ready, first visit (plain start)", "ms", 4000, False),
        ("python_return", "Python ready, first return visit (snapshot)", "ms", 600, False),
        ("python_return_later", "Python ready, later return visit (snapshot)", "ms", 600,
         False),
        ("python_return_plain", "Python ready, later return visit, plain start (baseline)",
         "ms", None, False),
        ("python_speedup", "later return visit: plain ÷ snapshot", "x", 4.0, True),
        ("worker_snapshot_first", "  worker boot alone, snapshot, first return visit", "ms",
         None, False),
        ("worker_snapshot", "  worker boot alone, snapshot", "ms", 600, False),
        ("worker_plain", "  worker boot alone, plain start (baseline)", "ms", None, False),
        ("worker_speedup", "  worker boot alone: plain ÷ snapshot", "x", 4.0, True),
        ("pdf_first", "first PDF right after Python ready (snapshot)", "ms", 1000, False),
        ("pdf_first_idle", f"first PDF after {idle_seconds:g} s idle (snapshot)", "ms", 1000,
         False),
        ("pdf_later", "later PDF export (snapshot)", "ms", 300, False),
        ("pdf_first_plain", "first PDF right after Python ready (plain)", "ms", None, False),
        ("pdf_first_idle_plain", f"first PDF after {idle_seconds:g} s idle (plain)", "ms", None,
         False),
        ("pdf_later_plain", "later PDF export (plain)", "ms", None, False),
        ("keystroke_saved", "keystroke → saved (incl. 150 ms debounce)", "ms", None, False),
        ("handbook_kb", "handbook page transfer, first visit (compressed)", "KB", 300, False),
        ("offline_requests", "network requests, return visit offline", "n", 0, False),
    ]
    return {key: Metric(key, label, unit, target, at_least)
            for key, label, unit, target, at_least in rows}


# --- build -------------------------------------------------------------------------------------

def _run(command: list[str], env: dict[str, str], what: str) -> float:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env,
                                timeout=BUILD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{what} took longer than {BUILD_TIMEOUT_S} s") from error
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = (result.stderr or result.stdout)[-3000:]
        raise BenchError(f"{what} failed (exit {result.returncode}):\n{tail}")
    return elapsed


def build_site(site_dir: Path, cache_dir: Path | None = None) -> float:
    """Build with the real CLI in a fresh process; returns wall seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache_dir is not None:
        env["RG_CACHE_DIR"] = str(cache_dir)
    elapsed = _run([sys.executable, "-m", "builder", "build", "-d", str(site_dir)], env,
                   "site build")
    if not (site_dir / PAGE / "index.html").is_file():
        raise BenchError(f"site build did not produce {PAGE}index.html")
    return elapsed


def plain_config(target: Path) -> Path:
    """mkdocs.yml without this project's plugin (and not strict), paths made absolute."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if p != "resourcegroepen"
                         and not (isinstance(p, dict) and "resourcegroepen" in p)]
    config["strict"] = False
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = extension["pymdownx.snippets"]
            options["base_path"] = [str(ROOT / p) for p in options.get("base_path", [])]
    path = target / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_plain(config: Path, site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                 str(site_dir)], env, "plain mkdocs build")


# --- browser -----------------------------------------------------------------------------------

def record(metrics: dict[str, Metric], key: str, value: float) -> None:
    metrics[key].samples.append(value)


def settle(page: Any, waits: list[Wait]) -> None:
    """Let earlier work end before a visit (see ``bench/quiet.py``)."""
    waits.append(wait_until_quiet(lambda seconds: page.wait_for_timeout(seconds * 1000)))


def return_visit(page: Any, log: Any, label: str, boot: str, waits: list[Wait]) -> Any:
    page.evaluate(boot)
    settle(page, waits)
    step(f"{label}: reload", page, log, lambda: page.reload(wait_until="commit"))
    return wait_until_ready(page, log, label)


def run_browser(browser: Browser, base: str, metrics: dict[str, Metric], idle_seconds: float,
                run: int, waits: list[Wait]) -> None:
    label = f"run {run}"
    url = base + PAGE
    context, page, log = new_page(browser)
    try:
        settle(page, waits)
        step(f"{label}: open {url}", page, log, lambda: page.goto(url, wait_until="commit"))
        first = wait_until_ready(page, log, f"{label} first visit")
        record(metrics, "form_first", first.form)
        record(metrics, "python_first", first.python)
        record(metrics, "keystroke_saved", keystroke_to_saved(page, log, label))
        wait_offline_ready(page, log, label)

        snap = return_visit(page, log, f"{label} return", AUTO_BOOT, waits)
        if snap.mode != "snapshot":
            raise BenchError(f"{label}: the return visit started Python {snap.mode!r}, "
                             "not from the snapshot")
        record(metrics, "form_return", snap.form)
        record(metrics, "python_return", snap.python)
        record(metrics, "worker_snapshot_first", snap.worker)
        record(metrics, "pdf_first", export_pdf(page, log, f"{label} 1st PDF"))
        record(metrics, "pdf_later", export_pdf(page, log, f"{label} 2nd PDF"))

        # Later return visits: the browser has kept its compiled WebAssembly since the
        # first one. The plain start, measured next, has that advantage too, so the
        # speed-ups compare the two starts on equal terms.
        later = return_visit(page, log, f"{label} later return", AUTO_BOOT, waits)
        record(metrics, "form_return_later", later.form)
        record(metrics, "python_return_later", later.python)
        record(metrics, "worker_snapshot", later.worker)

        plain = return_visit(page, log, f"{label} return plain", PLAIN_BOOT, waits)
        record(metrics, "python_return_plain", plain.python)
        record(metrics, "worker_plain", plain.worker)
        record(metrics, "python_speedup", plain.python / later.python)
        record(metrics, "worker_speedup", plain.worker / max(later.worker, 1.0))
        record(metrics, "pdf_first_plain", export_pdf(page, log, f"{label} 1st PDF plain"))
        record(metrics, "pdf_later_plain", export_pdf(page, log, f"{label} 2nd PDF plain"))

        return_visit(page, log, f"{label} idle plain", PLAIN_BOOT, waits)
        page.wait_for_timeout(idle_seconds * 1000)
        record(metrics, "pdf_first_idle_plain", export_pdf(page, log, f"{label} idle PDF plain"))
        return_visit(page, log, f"{label} idle", AUTO_BOOT, waits)
        page.wait_for_timeout(idle_seconds * 1000)
        record(metrics, "pdf_first_idle", export_pdf(page, log, f"{label} idle PDF"))

        context.set_offline(True)
        outside, failed = network_requests_offline(
            page, log, [base, base + HANDBOOK_PAGE, base + PAGE])
        record(metrics, "offline_requests", outside + failed)
    finally:
        context.close()

    # Without WebAssembly (as in Safari's Lockdown Mode) the page never starts Python.
    # Not page.route(): intercepting requests slows every request of the page down.
    context, page, log = new_page(browser, service_workers="block")
    try:
        page.add_init_script("delete globalThis.WebAssembly")
        settle(page, waits)
        step(f"{label}: open {url} without Python", page, log,
             lambda: page.goto(url, wait_until="commit"))
        record(metrics, "form_no_python", wait_form_only(page, log, f"{label} no Python"))
    finally:
        context.close()

    record(metrics, "handbook_kb", page_transfer_bytes(browser, base + HANDBOOK_PAGE) / 1024)


def pyodide_version(browser: Browser, url: str) -> str:
    context, page, log = new_page(browser, service_workers="block")
    try:
        step(f"open {url}", page, log, lambda: page.goto(url, wait_until="domcontentloaded"))
        return str(step("read the Pyodide version", page, log,
                        lambda: page.evaluate(PYODIDE_VERSION)))
    finally:
        context.close()


def quiet_disconnects(server: StaticServer) -> None:
    """Closing a context mid-download resets connections; don't print tracebacks for that."""
    default = server.httpd.handle_error

    def handle_error(request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            default(request, client_address)

    server.httpd.handle_error = handle_error  # type: ignore[method-assign]


def precache_sizes(site_dir: Path) -> dict[str, int]:
    """What the service worker downloads once per version (raw bytes on disk)."""
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    sizes: dict[str, int] = {}
    for line in text.splitlines():
        for name in ("SITE_FILES", "RUNTIME_FILES"):
            if line.startswith(f"const {name} = "):
                entries = json.loads(line.split(" = ", 1)[1].rstrip(";"))
                total = 0
                for request, *_ in entries:
                    path = request.split("?", 1)[0]
                    path = path + "index.html" if path in ("",) or path.endswith("/") else path
                    total += (site_dir / path).stat().st_size
                sizes[name] = total
    return sizes


# --- report ------------------------------------------------------------------------------------

def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    formats = {"s": f"{value:.2f} s", "ms": f"{value:.0f} ms", "KB": f"{value:.0f} KB",
               "x": f"{value:.1f}×", "n": f"{value:.0f}"}
    return formats[unit]


def format_target(metric: Metric) -> str:
    if metric.target is None:
        return ""
    return ("≥ " if metric.at_least else "≤ ") + format_value(metric.target, metric.unit)


def print_table(metrics: dict[str, Metric]) -> None:
    width = max(len(metric.label) for metric in metrics.values())
    header = (f"{'metric':<{width}}  {'target':>9}  {'median':>9}  {'min':>9}  {'max':>9}"
              "  runs  verdict")
    print(header)
    print("-" * len(header))
    for metric in metrics.values():
        values = [metric.median, min(metric.samples, default=None),
                  max(metric.samples, default=None)]
        cells = [format_value(value, metric.unit) for value in values]
        print(f"{metric.label:<{width}}  {format_target(metric):>9}  {cells[0]:>9}  "
              f"{cells[1]:>9}  {cells[2]:>9}  {len(metric.samples):>4}  {metric.verdict()}")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- main --------------------------------------------------------------------------------------

def benchmark(runs: int, idle_seconds: float) -> tuple[dict[str, Metric], dict[str, Any]]:
    if not Path(CHROMIUM).exists():
        raise BenchError(f"Chromium not found at {CHROMIUM}; install Debian's chromium "
                         "or set RG_CHROMIUM")
    metrics = make_metrics(idle_seconds)
    environment: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "load_average": os.getloadavg(),
        "playwright": metadata.version("playwright"), "chromium_path": CHROMIUM,
        "runs": runs, "idle_seconds": idle_seconds,
    }
    with tempfile.TemporaryDirectory(prefix="rg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        progress("build with an empty snapshot cache …")
        record(metrics, "build_cold", build_site(tmp / "site-cold", tmp / "cache"))
        shutil.rmtree(tmp / "site-cold")
        config = plain_config(tmp)
        site_dir = tmp / "site-0"
        for run in range(1, runs + 1):
            progress(f"build {run}/{runs} …")
            shutil.rmtree(site_dir, ignore_errors=True)  # keep only the last build
            site_dir = tmp / f"site-{run}"
            full = build_site(site_dir, tmp / "cache")
            plain = build_plain(config, tmp / "plain-site")
            record(metrics, "build", full)
            record(metrics, "build_plain", plain)
            record(metrics, "build_ratio", full / plain)
        environment["precache_bytes"] = precache_sizes(site_dir)
        with StaticServer(site_dir, PREFIX) as server, sync_playwright() as playwright:
            quiet_disconnects(server)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                 headless=True)
            try:
                environment["chromium"] = browser.version
                environment["pyodide"] = pyodide_version(browser, server.url + PAGE)
                progress(f"Chromium {environment['chromium']}, Pyodide {environment['pyodide']}")
                waits: list[Wait] = []
                for run in range(1, runs + 1):
                    progress(f"browser run {run}/{runs} …")
                    run_browser(browser, server.url, metrics, idle_seconds, run, waits)
                environment["quiet_waits"] = [
                    {"seconds": round(wait.seconds, 2), "quiet": wait.quiet} for wait in waits]
            finally:
                browser.close()
    environment["load_average_after"] = os.getloadavg()
    return metrics, environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/bench.py", description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per metric (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--idle-seconds", type=float, default=6.0,
                        help="idle wait before the 'after idle' PDF exports (default 6)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.idle_seconds < 0:
        parser.error("--idle-seconds must not be negative")

    started = time.perf_counter()
    try:
        metrics, environment = benchmark(args.runs, args.idle_seconds)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    environment["total_seconds"] = round(time.perf_counter() - started, 1)

    print()
    print(f"Chromium {environment['chromium']} · Pyodide {environment['pyodide']} · "
          f"Playwright {environment['playwright']} · {environment['cpus']} CPUs · "
          f"load {environment['load_average'][0]:.1f} · {args.runs} runs · "
          f"{environment['total_seconds']} s total")
    print(f"Page: {PREFIX}{PAGE} and {PREFIX}{HANDBOOK_PAGE} (StaticServer, headless Chromium)")
    waits = environment["quiet_waits"]
    seconds = [wait["seconds"] for wait in waits]
    busy = sum(1 for wait in waits if not wait["quiet"])
    print(f"Before each visit: wait for quiet CPUs (under {BUSY_LIMIT:.0%} busy for "
          f"{QUIET_SAMPLES * SAMPLE_SECONDS:g} s, at most {MAX_WAIT_SECONDS:g} s): "
          f"median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s; "
          f"{len(waits)} visits, {busy} of them started without quiet CPUs")
    sizes = environment["precache_bytes"]
    print(f"Service worker downloads once per version: site files "
          f"{sizes.get('SITE_FILES', 0) / 1e6:.1f} MB, runtime and snapshot "
          f"{sizes.get('RUNTIME_FILES', 0) / 1e6:.1f} MB (uncompressed sizes on disk)")
    print()
    print_table(metrics)
    if args.json:
        report = {"environment": environment,
                  "metrics": {key: metric.summary() for key, metric in metrics.items()}}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        print(f"\nJSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
