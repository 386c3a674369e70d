"""Benchmark the site build and the worksheet page in headless Chromium.

Usage (from the repository root)::

    .venv/bin/python bench/bench.py [--runs N] [--json out.json] [--idle-seconds S]

Every metric is measured ``--runs`` times (default 5); the table shows the
median, minimum and maximum.

What is measured, and how:

``build``
    Wall time of ``python -m builder build -d <tmp>`` (the real, strict CLI in a
    fresh process) into a new empty folder each run. The plugin is required, so
    there is no "plain MkDocs" baseline. The last build is the site served below.

``cold`` / ``warm`` page load of ``/werkbladen/doelen/``
    The site is served by ``builder.serve.StaticServer`` under ``/handboek/``.
    An init script (``context.add_init_script``) installs a MutationObserver on
    the document that stores ``performance.now()`` in ``window.__rgBench`` the
    first time ``[data-worksheet]`` gets ``data-ready="form"`` (answers restored,
    form usable) and ``data-python`` (``"ready"``: Python runs in the worker).
    ``performance.now()`` counts from the navigation start, so these are
    in-page times from navigation start. *Cold* is a fresh browser context
    (empty HTTP cache, empty storage); *warm* is a reload in that same context
    (HTTP cache filled, answers saved in IndexedDB).

``keystroke → saved``
    In the cold page, after the exports: one ``page.evaluate`` sets the save
    status' ``data-state`` to ``"pending"``, appends a character to
    ``#ws-doelen-moeilijk-0``, dispatches an ``input`` event and awaits (with a
    MutationObserver) ``data-state="saved"``. Returns in-page elapsed ms; this
    includes the page's deliberate 150 ms save debounce.

``PDF export``
    Wall time from clicking ``[data-rg-action="export-pdf"]`` until Playwright
    reports the download (``page.expect_download``); the file is then checked to
    be a PDF. *First, immediately*: clicked in the cold page as soon as Python
    is ready, before the page's idle-time preload of the PDF stack can finish.
    *Later*: a second click in that page. *First, after idle*: in another fresh
    context, clicked after Python has been ready for ``--idle-seconds`` (default
    6 s), so the page's idle preload has had time to run.

Also printed: the Chromium version, and the Pyodide version that the page
actually serves (read from the site's ``pyodide.mjs``).
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from builder.serve import StaticServer  # noqa: E402

CHROMIUM = os.environ.get("RG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PREFIX = "/handboek/"
PAGE = "werkbladen/doelen/"
FIRST_INPUT = "#ws-doelen-moeilijk-0"
EXPORT_BUTTON = '[data-rg-action="export-pdf"]'

BUILD_TIMEOUT_S = 300
PYTHON_TIMEOUT_MS = 180_000  # the page itself gives up on Python after 90 s
FORM_TIMEOUT_MS = 60_000
SAVE_TIMEOUT_MS = 30_000
EXPORT_TIMEOUT_MS = 120_000

#: Runs in every document before the page's scripts: timestamps of the two states.
INIT_SCRIPT = """
(() => {
  if (typeof document === "undefined" || window.__rgBench) return;
  const bench = { form: null, python: null, pythonState: null };
  window.__rgBench = bench;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (bench.form === null && document.querySelector("[data-worksheet][data-ready=form]")) {
      bench.form = now;
    }
    const root = document.querySelector("[data-worksheet][data-python]");
    if (bench.python === null && root) {
      bench.python = now;
      bench.pythonState = root.dataset.python;
    }
    if (bench.form !== null && bench.python !== null) observer.disconnect();
  });
  observer.observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-ready", "data-python"],
  });
})();
"""

BOTH_STATES_SEEN = "() => !!window.__rgBench && window.__rgBench.python !== null"
FORM_SEEN = "() => !!window.__rgBench && window.__rgBench.form !== null"

KEYSTROKE_TO_SAVED = """
async ({ selector, text, timeoutMs }) => {
  const input = document.querySelector(selector);
  const status = document.querySelector('[data-rg="save-status"]');
  if (!input) throw new Error(`no element ${selector}`);
  if (!status) throw new Error("no save-status element");
  status.dataset.state = "pending";
  return await new Promise((resolve, reject) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      const state = status.dataset.state;
      if (state !== "saved" && state !== "failed") return;
      observer.disconnect();
      clearTimeout(timer);
      if (state === "saved") resolve(performance.now() - start);
      else reject(new Error(`save failed: ${status.textContent}`));
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`not saved within ${timeoutMs} ms (state ${status.dataset.state})`));
    }, timeoutMs);
    observer.observe(status, { attributes: true, attributeFilter: ["data-state"] });
    start = performance.now();
    input.value += text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
"""

PAGE_STATE = """
() => {
  const root = document.querySelector("[data-worksheet]");
  const text = (selector) => {
    const element = root && root.querySelector(selector);
    return element ? element.textContent.trim() : null;
  };
  return {
    url: location.href,
    ready: root ? root.dataset.ready || null : "no [data-worksheet]",
    python: root ? root.dataset.python || null : null,
    pythonStatus: text('[data-rg="python-status"]'),
    saveStatus: text('[data-rg="save-status"]'),
    alert: text('[data-rg="alert"]'),
    bench: window.__rgBench || null,
  };
}
"""

PYODIDE_VERSION = """
async () => {
  const script = document.querySelector('script[type="module"][src*="worksheet.js"]');
  const configUrl = new URL("runtime-config.js", script.src);
  const { runtimeConfig } = await import(configUrl.href);
  try {
    const base = new URL(runtimeConfig.pyodide, configUrl);
    const runtime = await import(new URL("pyodide.mjs", base).href);
    return String(runtime.version);
  } catch (error) {
    return `${runtimeConfig.pyodideVersion} (from runtime-config.js)`;
  }
}
"""

T = TypeVar("T")


class BenchError(Exception):
    """A benchmark step failed; the message says which and why."""


@dataclass
class Metric:
    key: str
    label: str
    unit: str  # "s" or "ms"
    samples: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            "median": round(statistics.median(self.samples), 3) if self.samples else None,
            "min": round(min(self.samples), 3) if self.samples else None,
            "max": round(max(self.samples), 3) if self.samples else None,
            "runs": len(self.samples),
            "samples": [round(value, 3) for value in self.samples],
        }


def make_metrics(idle_seconds: float) -> dict[str, Metric]:
    rows = [
        ("build", "full site build (python -m builder build)", "s"),
        ("cold_form", "cold load → form usable (data-ready=form)", "ms"),
        ("cold_python", "cold load → Python ready (data-python=ready)", "ms"),
        ("warm_form", "warm reload → form usable", "ms"),
        ("warm_python", "warm reload → Python ready", "ms"),
        ("keystroke_saved", "keystroke → saved (incl. 150 ms debounce)", "ms"),
        ("pdf_first_immediate", "PDF export, first, right after Python ready", "ms"),
        ("pdf_later", "PDF export, second click (same page)", "ms"),
        ("pdf_first_after_idle",
         f"PDF export, first, after {idle_seconds:g} s idle (fresh context)", "ms"),
    ]
    return {key: Metric(key, label, unit) for key, label, unit in rows}


# --- build -------------------------------------------------------------------------------------

def build_site(site_dir: Path) -> float:
    """Build the site with the real CLI in a fresh process; returns wall seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "builder", "build", "-d", str(site_dir)]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env,
                                timeout=BUILD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"site build took longer than {BUILD_TIMEOUT_S} s") from error
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = (result.stderr or result.stdout)[-3000:]
        raise BenchError(f"site build failed (exit {result.returncode}):\n{tail}")
    if not (site_dir / PAGE / "index.html").is_file():
        raise BenchError(f"site build did not produce {PAGE}index.html")
    return elapsed


def quiet_disconnects(server: StaticServer) -> None:
    """Closing a context mid-download resets connections; don't print tracebacks for that."""
    default = server.httpd.handle_error

    def handle_error(request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            default(request, client_address)

    server.httpd.handle_error = handle_error  # type: ignore[method-assign]


# --- browser -----------------------------------------------------------------------------------

@dataclass
class PageLog:
    """Console errors and uncaught exceptions, for error messages."""

    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: message.type == "error"
                and self.errors.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))


def describe(page: Page, log: PageLog) -> str:
    try:
        state = json.dumps(page.evaluate(PAGE_STATE), ensure_ascii=False)
    except PlaywrightError as error:
        state = f"(page state unavailable: {error})"
    errors = "\n  ".join(log.errors[-10:]) or "(none)"
    return f"page state: {state}\npage errors:\n  {errors}"


def step(what: str, page: Page, log: PageLog, action: Callable[[], T]) -> T:
    """Run one browser step; turn Playwright failures into a clear BenchError."""
    try:
        return action()
    except PlaywrightTimeoutError as error:
        raise BenchError(f"timed out: {what}\n{describe(page, log)}") from error
    except PlaywrightError as error:
        first_line = str(error).splitlines()[0] if str(error) else repr(error)
        raise BenchError(f"failed: {what}: {first_line}\n{describe(page, log)}") from error


def new_page(browser: Browser) -> tuple[BrowserContext, Page, PageLog]:
    """A fresh context: empty HTTP cache, empty storage."""
    context = browser.new_context(accept_downloads=True, locale="nl-NL",
                                  timezone_id="Europe/Amsterdam")
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    log = PageLog()
    log.attach(page)
    return context, page, log


def wait_until_ready(page: Page, log: PageLog, label: str) -> tuple[float, float]:
    """Wait for the form and Python; returns both in-page times (ms from navigation start)."""
    step(f"{label}: form usable (data-ready=form) within {FORM_TIMEOUT_MS // 1000} s", page, log,
         lambda: page.wait_for_function(FORM_SEEN, timeout=FORM_TIMEOUT_MS))
    step(f"{label}: Python state (data-python) within {PYTHON_TIMEOUT_MS // 1000} s", page, log,
         lambda: page.wait_for_function(BOTH_STATES_SEEN, timeout=PYTHON_TIMEOUT_MS))
    bench = step(f"{label}: read timings", page, log, lambda: page.evaluate("window.__rgBench"))
    if bench.get("pythonState") != "ready":
        raise BenchError(f"{label}: Python did not start (data-python="
                         f"{bench.get('pythonState')!r})\n{describe(page, log)}")
    return float(bench["form"]), float(bench["python"])


def export_pdf(page: Page, log: PageLog, label: str) -> float:
    """Click the PDF button; returns wall ms until the download is reported."""
    button = page.locator(EXPORT_BUTTON)
    step(f"{label}: PDF button enabled", page, log,
         lambda: page.wait_for_function(
             f"() => {{ const b = document.querySelector('{EXPORT_BUTTON}');"
             " return !!b && !b.disabled; }", timeout=EXPORT_TIMEOUT_MS))

    def click_and_wait() -> tuple[float, Any]:
        start = time.perf_counter()
        with page.expect_download(timeout=EXPORT_TIMEOUT_MS) as info:
            button.evaluate("button => button.click()")
        download = info.value
        return (time.perf_counter() - start) * 1000, download

    elapsed, download = step(f"{label}: PDF download within {EXPORT_TIMEOUT_MS // 1000} s",
                             page, log, click_and_wait)
    path = step(f"{label}: PDF download finished", page, log, download.path)
    with open(path, "rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise BenchError(f"{label}: the download {download.suggested_filename} is not a PDF")
    return elapsed


def keystroke_to_saved(page: Page, log: PageLog, label: str) -> float:
    step(f"{label}: first text input {FIRST_INPUT}", page, log,
         lambda: page.wait_for_selector(FIRST_INPUT, state="attached", timeout=FORM_TIMEOUT_MS))
    return float(step(f"{label}: keystroke → saved within {SAVE_TIMEOUT_MS // 1000} s", page, log,
                      lambda: page.evaluate(KEYSTROKE_TO_SAVED, {
                          "selector": FIRST_INPUT, "text": "x", "timeoutMs": SAVE_TIMEOUT_MS})))


def run_browser(browser: Browser, url: str, metrics: dict[str, Metric], idle_seconds: float,
                run: int) -> None:
    label = f"run {run}"
    context, page, log = new_page(browser)
    try:
        step(f"{label}: open {url}", page, log, lambda: page.goto(url, wait_until="commit"))
        form, python = wait_until_ready(page, log, f"{label} cold")
        metrics["cold_form"].samples.append(form)
        metrics["cold_python"].samples.append(python)
        metrics["pdf_first_immediate"].samples.append(export_pdf(page, log, f"{label} 1st PDF"))
        metrics["pdf_later"].samples.append(export_pdf(page, log, f"{label} 2nd PDF"))
        metrics["keystroke_saved"].samples.append(keystroke_to_saved(page, log, label))
        step(f"{label}: reload", page, log, lambda: page.reload(wait_until="commit"))
        form, python = wait_until_ready(page, log, f"{label} warm")
        metrics["warm_form"].samples.append(form)
        metrics["warm_python"].samples.append(python)
    finally:
        context.close()

    context, page, log = new_page(browser)
    try:
        step(f"{label}: open {url} (idle)", page, log, lambda: page.goto(url, wait_until="commit"))
        wait_until_ready(page, log, f"{label} idle")
        page.wait_for_timeout(idle_seconds * 1000)
        metrics["pdf_first_after_idle"].samples.append(
            export_pdf(page, log, f"{label} PDF after idle"))
    finally:
        context.close()


def pyodide_version(browser: Browser, url: str) -> str:
    context, page, log = new_page(browser)
    try:
        step(f"open {url}", page, log, lambda: page.goto(url, wait_until="domcontentloaded"))
        return str(step("read the Pyodide version", page, log,
                        lambda: page.evaluate(PYODIDE_VERSION)))
    finally:
        context.close()


# --- report ------------------------------------------------------------------------------------

def format_value(value: float, unit: str) -> str:
    return f"{value:.2f} s" if unit == "s" else f"{value:.0f} ms"


def print_table(metrics: dict[str, Metric]) -> None:
    width = max(len(metric.label) for metric in metrics.values())
    header = f"{'metric':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  runs"
    print(header)
    print("-" * len(header))
    for metric in metrics.values():
        if not metric.samples:
            print(f"{metric.label:<{width}}  {'—':>9}  {'—':>9}  {'—':>9}  0")
            continue
        cells = [format_value(value, metric.unit) for value in
                 (statistics.median(metric.samples), min(metric.samples), max(metric.samples))]
        print(f"{metric.label:<{width}}  {cells[0]:>9}  {cells[1]:>9}  {cells[2]:>9}"
              f"  {len(metric.samples)}")


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
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "playwright": metadata.version("playwright"),
        "chromium_path": CHROMIUM,
        "runs": runs,
        "idle_seconds": idle_seconds,
    }
    with tempfile.TemporaryDirectory(prefix="rg-bench-") as tmp:
        site_dir = Path(tmp) / "site-0"
        for run in range(1, runs + 1):
            progress(f"build {run}/{runs} …")
            shutil.rmtree(site_dir, ignore_errors=True)  # keep only the last build
            site_dir = Path(tmp) / f"site-{run}"
            metrics["build"].samples.append(build_site(site_dir))
        with StaticServer(site_dir, PREFIX) as server, sync_playwright() as playwright:
            quiet_disconnects(server)
            url = server.url + PAGE
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                 headless=True)
            try:
                environment["chromium"] = browser.version
                environment["pyodide"] = pyodide_version(browser, url)
                progress(f"Chromium {environment['chromium']}, Pyodide {environment['pyodide']}")
                for run in range(1, runs + 1):
                    progress(f"browser run {run}/{runs} …")
                    run_browser(browser, url, metrics, idle_seconds, run)
            finally:
                browser.close()
    return metrics, environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/bench.py", description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per metric (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--idle-seconds", type=float, default=6.0,
                        help="idle wait before the 'after idle' PDF export (default 6)")
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
          f"{args.runs} runs · {environment['total_seconds']} s total")
    print("Page: /handboek/werkbladen/doelen/ (StaticServer, headless Chromium)")
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
