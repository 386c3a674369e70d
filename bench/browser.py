"""Browser steps for the benchmark (bench/bench.py): page timings, exports, transfer.

Every timing is taken in the page with ``performance.now()`` (from navigation
start) or, for exports, as wall time around Playwright's download event.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

FIRST_INPUT = "#ws-doelen-moeilijk-0"
EXPORT_BUTTON = '[data-rg-action="export-pdf"]'
PYTHON_TIMEOUT_MS = 180_000  # the page itself gives up on Python after 90 s
FORM_TIMEOUT_MS = 60_000
SAVE_TIMEOUT_MS = 30_000
EXPORT_TIMEOUT_MS = 120_000
INSTALL_TIMEOUT_MS = 300_000
SIGNAL_PREFIX = "rg-bench:"

#: Runs in every document before the page's scripts: when the form and Python got
#: ready. Each moment is also announced on the console (``rg-bench:form`` and
#: ``rg-bench:python``), so the benchmark can wait without asking the page anything
#: (see :func:`wait_for_signal`).
INIT_SCRIPT = """
(() => {
  if (typeof document === "undefined" || window.__rgBench) return;
  const bench = { form: null, python: null, pythonState: null, mode: null, workerMs: null };
  window.__rgBench = bench;
  document.addEventListener("rg:python-ready", (event) => {
    bench.mode = event.detail.mode || "plain";
    bench.workerMs = event.detail.ms;
  });
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (bench.form === null && document.querySelector("[data-worksheet][data-ready=form]")) {
      bench.form = now;
      console.debug("rg-bench:form");
    }
    const root = document.querySelector("[data-worksheet][data-python]");
    if (bench.python === null && root) {
      bench.python = now;
      bench.pythonState = root.dataset.python;
      console.debug("rg-bench:python");
    }
    if (bench.form !== null && bench.python !== null) observer.disconnect();
  });
  observer.observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-ready", "data-python"],
  });
})();
"""

CONTROLLED = "() => navigator.serviceWorker.controller !== null"

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
class PageLog:
    """Console errors and uncaught exceptions, for error messages; and the
    ``rg-bench:`` signals (see :data:`INIT_SCRIPT`) not yet used by a wait."""

    errors: list[str] = field(default_factory=list)
    signals: set[str] = field(default_factory=set)

    def attach(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")
        elif message.text.startswith(SIGNAL_PREFIX):
            self.signals.add(message.text.removeprefix(SIGNAL_PREFIX))


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


def new_page(browser: Browser, **options: Any) -> tuple[BrowserContext, Page, PageLog]:
    """A fresh context: empty HTTP cache, empty storage, no service worker yet."""
    context = browser.new_context(accept_downloads=True, locale="nl-NL",
                                  timezone_id="Europe/Amsterdam", **options)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    log = PageLog()
    log.attach(page)
    return context, page, log


@dataclass
class Ready:
    form: float
    python: float
    mode: str
    worker: float


def wait_for_signal(page: Page, log: PageLog, name: str, what: str, timeout_ms: int) -> None:
    """Wait until the page has announced ``name`` on the console (a signal that came
    before this call counts too; the callers forget a document's signals once they
    have read its timings).

    Nothing is asked of the page meanwhile. Playwright's own waiting (``wait_for_function``)
    puts its script into the new document and checks the page at every frame while it
    loads. Measured on quiet return visits, that made the form look 10–30 ms slower
    (medians 218 against 205 ms and 175 against 164 ms, 16–24 visits each, taken in
    turn): time a visitor's browser does not spend. First visits showed no difference
    within the noise (261 against 270 ms, 12 each).
    """
    if name in log.signals:
        return
    step(what, page, log, lambda: page.wait_for_event(
        "console", lambda message: message.text == SIGNAL_PREFIX + name, timeout=timeout_ms))


def wait_until_ready(page: Page, log: PageLog, label: str) -> Ready:
    """Wait for the form and Python; in-page times in ms from navigation start."""
    wait_for_signal(page, log, "form", f"{label}: form usable (data-ready=form)",
                    FORM_TIMEOUT_MS)
    wait_for_signal(page, log, "python", f"{label}: Python state (data-python)",
                    PYTHON_TIMEOUT_MS)
    bench = step(f"{label}: read timings", page, log, lambda: page.evaluate("window.__rgBench"))
    log.signals.clear()
    if bench.get("pythonState") != "ready":
        raise BenchError(f"{label}: Python did not start (data-python="
                         f"{bench.get('pythonState')!r})\n{describe(page, log)}")
    return Ready(float(bench["form"]), float(bench["python"]), str(bench.get("mode")),
                 float(bench.get("workerMs") or 0))


def wait_form_only(page: Page, log: PageLog, label: str) -> float:
    wait_for_signal(page, log, "form", f"{label}: form usable", FORM_TIMEOUT_MS)
    log.signals.clear()
    return float(page.evaluate("window.__rgBench.form"))


def wait_offline_ready(page: Page, log: PageLog, label: str) -> None:
    step(f"{label}: service worker installed and in control", page, log,
         lambda: page.wait_for_function(CONTROLLED, timeout=INSTALL_TIMEOUT_MS))


def export_pdf(page: Page, log: PageLog, label: str) -> float:
    """Click the PDF button; returns wall ms until the download is reported."""
    button = page.locator(EXPORT_BUTTON).first
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

    elapsed, download = step(f"{label}: PDF download", page, log, click_and_wait)
    path = step(f"{label}: PDF download finished", page, log, download.path)
    with open(path, "rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise BenchError(f"{label}: the download {download.suggested_filename} is not a PDF")
    return elapsed


def keystroke_to_saved(page: Page, log: PageLog, label: str) -> float:
    step(f"{label}: first text input {FIRST_INPUT}", page, log,
         lambda: page.wait_for_selector(FIRST_INPUT, state="attached", timeout=FORM_TIMEOUT_MS))
    return float(step(f"{label}: keystroke → saved", page, log,
                      lambda: page.evaluate(KEYSTROKE_TO_SAVED, {
                          "selector": FIRST_INPUT, "text": "x", "timeoutMs": SAVE_TIMEOUT_MS})))


def page_transfer_bytes(browser: Browser, url: str, settle_ms: int = 3000) -> int:
    """Bytes on the wire (compressed, headers included) for one first visit to ``url``.

    Counted with the DevTools protocol for the page (and its workers' requests that
    Chromium reports to it); the service worker's own background downloads are not
    the page's and are reported separately.
    """
    context, page, log = new_page(browser)
    try:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        total = {"bytes": 0}
        session.on("Network.loadingFinished",
                   lambda event: total.__setitem__("bytes", total["bytes"]
                                                   + int(event["encodedDataLength"])))
        step(f"open {url}", page, log, lambda: page.goto(url, wait_until="networkidle"))
        page.wait_for_timeout(settle_ms)
        return total["bytes"]
    finally:
        context.close()


def network_requests_offline(page: Page, log: PageLog, urls: list[str]) -> tuple[int, int]:
    """With the context offline, open ``urls``; count requests not answered by the
    service worker and requests that failed (other than being left behind)."""
    outside: list[str] = []
    failed: list[str] = []

    def on_response(response: Any) -> None:
        if not response.from_service_worker:
            outside.append(response.url)

    def on_failed(request: Any) -> None:
        if "ERR_ABORTED" not in (request.failure or ""):
            failed.append(request.url)

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        for url in urls:
            step(f"offline: open {url}", page, log, lambda u=url: page.goto(u, wait_until="load"))
            if page.locator("[data-worksheet]").count():
                wait_until_ready(page, log, f"offline {url}")
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
    return len(outside), len(failed)
