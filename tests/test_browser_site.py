"""Every page in headless Chromium: no errors, no CSP violations, nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_evaluated, wait_for_form, wait_for_python, wait_saved

pytestmark = pytest.mark.browser


def test_handbook_pages_never_load_python(page, site_url, watch) -> None:
    page.goto(site_url + "methode/", wait_until="networkidle")
    assert not [u for u in watch.requests if "/runtime/" in u or "/py/" in u]
    watch.assert_clean(page)


FORM_READY_AT = """
new MutationObserver((_, observer) => {
  if (document.querySelector("[data-worksheet][data-ready=form]")) {
    window.__rgFormAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""
WORKER_FETCHED_AT = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.includes("/py-worker.js"))
    .map((entry) => entry.startTime)"""


def test_a_first_visit_starts_python_only_once_the_form_is_usable(page, site_url,
                                                                   watch) -> None:
    page.add_init_script(FORM_READY_AT)
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    form_at = page.evaluate("window.__rgFormAt")
    worker_at = page.evaluate(WORKER_FETCHED_AT)
    assert form_at is not None and len(worker_at) == 1
    assert worker_at[0] >= form_at
    watch.assert_clean(page)


# The colour switch goes from the device's setting to light, then to dark. Its first
# step (hidden until the theme's script has run):
DARK_MODE_TOGGLE = 'label[for="__palette_1"]'


def choose_dark_mode(page) -> None:
    page.locator(DARK_MODE_TOGGLE).click()
    page.locator('label[for="__palette_2"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_a_colour_choice_stored_by_the_old_two_palettes_is_forgotten(page, site_url) -> None:
    """Positions changed when the device's setting came first: 1 was dark, is now light."""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    page.evaluate("""() => localStorage.setItem(__md_scope.pathname + ".__palette", JSON.stringify(
        { index: 1, color: { media: "(prefers-color-scheme: dark)", scheme: "slate",
                             primary: "indigo", accent: "indigo" } }))""")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function("""() => JSON.parse(localStorage.getItem(
        __md_scope.pathname + ".__palette")).color.media === '(prefers-color-scheme)'""")


def test_the_colours_follow_the_device_until_the_user_chooses(page, site_url) -> None:
    body = page.locator("body")
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")  # the phone turns light in the morning
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    choose_dark_mode(page)
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_the_theme_runs_on_a_worksheet_page_once_its_form_is_usable(page, site_url,
                                                                    watch) -> None:
    held = []  # the worksheet's script, held: the form cannot get usable yet
    page.route("**/assets/rg/js/worksheet.js", lambda route: held.append(route))
    page.goto(site_url + "werkbladen/doelen/", wait_until="domcontentloaded")
    page.wait_for_timeout(500)
    assert held and page.locator("[data-worksheet][data-ready]").count() == 0
    expect(page.locator(DARK_MODE_TOGGLE)).to_be_hidden()
    for route in held:
        route.continue_()
    page.unroute("**/assets/rg/js/worksheet.js")
    wait_for_form(page)
    expect(page.locator(DARK_MODE_TOGGLE)).to_be_visible()
    choose_dark_mode(page)
    wait_for_python(page)
    watch.assert_clean(page)


def test_the_theme_runs_even_when_the_form_never_gets_usable(page, site_url) -> None:
    page.route("**/assets/rg/js/worksheet.js", lambda route: route.abort())
    page.goto(site_url + "werkbladen/doelen/")
    expect(page.locator(DARK_MODE_TOGGLE)).to_be_visible(timeout=15000)
    assert page.locator("[data-worksheet][data-ready]").count() == 0
    choose_dark_mode(page)


MATERIAL_SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def material_search_requested(watch) -> bool:
    return any(MATERIAL_SEARCH_WORKER.search(url) for url in watch.requests)


def hold_worker_requested(watch) -> bool:
    return any("/workers/rg-search-hold.js?worker=search." in url for url in watch.requests)


def search_for(page, text: str) -> None:
    page.locator(".md-search__input").click()
    page.keyboard.type(text)  # Material searches on key events
    page.wait_for_selector(".md-search-result__item", timeout=15000)


def test_search_works_in_dutch(page, site_url, watch) -> None:
    page.goto(site_url)
    search_for(page, "naasten")
    assert page.locator(".md-search-result__item").count() > 0
    watch.assert_clean(page)


# Who let the held search worker go, and what Python's state was at that moment.
SEARCH_RELEASE_WATCH = """
new BroadcastChannel("rg-search").onmessage = (event) => {
  const sheet = document.querySelector("[data-worksheet]");
  window.__rgSearchRelease = { message: event.data, python: sheet && sheet.dataset.python || null };
};
"""


def test_worksheet_search_waits_for_python_unless_someone_opens_it(page, site_url,
                                                                   watch) -> None:
    held = []  # the runtime, held: Python cannot be ready, so only opening the search helps
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.add_init_script(SEARCH_RELEASE_WATCH)
    page.goto(site_url + "werkbladen/doelen/", wait_until="load")
    wait_for_form(page)
    for _ in range(50):  # the theme starts its search worker once the page has loaded
        if hold_worker_requested(watch):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # time enough to load Material's worker, were it not held
    assert hold_worker_requested(watch)
    assert not material_search_requested(watch)
    search_for(page, "naasten")
    assert page.evaluate("window.__rgSearchRelease") == {"message": "release", "python": None}
    assert material_search_requested(watch)
    assert page.locator(".md-search-result__item").count() > 0
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    watch.assert_clean(page)


def test_worksheet_search_is_let_go_once_python_is_ready(page, site_url, watch) -> None:
    page.add_init_script(SEARCH_RELEASE_WATCH)
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    page.wait_for_function("() => window.__rgSearchRelease", timeout=10000)
    assert page.evaluate("window.__rgSearchRelease") == {"message": "release", "python": "ready"}
    search_for(page, "naasten")
    assert material_search_requested(watch)
    watch.assert_clean(page)


def test_worksheet_shows_a_result_computed_by_python_in_a_worker(page, site_url, watch) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    status = page.locator('[data-rg="python-status"]')
    assert status.inner_text() in ("Rekenhulp wordt geladen…", "Rekenhulp is klaar")
    wait_for_python(page)
    assert status.inner_text() == "Rekenhulp is klaar"
    page.fill("#ws-doelen-moeilijk-0", "Slapen lukt slecht")
    summary = page.locator('[data-rg="summary"]')
    summary.get_by_text("1. Slapen lukt slecht").wait_for(timeout=15000)
    # The worker, not the page, runs Python: the page has no pyodide global.
    assert page.evaluate("typeof globalThis.loadPyodide") == "undefined"
    assert any("/py-worker.js" in url for url in watch.requests)
    watch.assert_clean(page)


def test_python_failure_is_explained_and_typing_still_saves(page, site_url) -> None:
    page.add_init_script("sessionStorage.setItem('rg:python-timeout-ms', '1500')")
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    page.wait_for_selector('[data-worksheet][data-python="failed"]', timeout=30000)
    alert = page.locator('[data-rg="alert"]')
    assert "De rekenhulp kon niet starten" in alert.inner_text()
    # The summary no longer promises an overview "once Python is ready".
    assert page.locator('[data-rg="summary"]').inner_text() == \
        "Zonder rekenhulp komt hier geen overzicht. Je antwoorden worden wel bewaard."
    page.fill("#ws-doelen-moeilijk-0", "Toch bewaard")
    wait_saved(page)
    # Switching to the practice example and back takes other messages away, not this one.
    page.get_by_role("button", name="Oefenmodus: bekijk een voorbeeld").click()
    page.get_by_role("button", name="Terug naar mijn eigen antwoorden").click()
    expect(page.locator('[data-rg="practice-banner"]')).to_be_hidden()
    expect(alert).to_contain_text("De rekenhulp kon niet starten")
    page.reload()
    wait_for_form(page)
    assert page.input_value("#ws-doelen-moeilijk-0") == "Toch bewaard"


def test_python_files_of_another_version_are_refused_with_a_message(page, site_url) -> None:
    # A page still open from before an update must not run the newer version's files.
    page.route("**/py/pdf.zip*", lambda route: route.fulfill(body=b"PK other version"))
    expect(alert_after_a_pdf(page, site_url)).to_have_text(
        "De PDF kon niet worden gemaakt. Een bestand van de rekenhulp kon niet worden geladen "
        "(pdf). Laad de pagina opnieuw.", timeout=30000)


def alert_after_a_pdf(page, site_url: str):  # type: ignore[no-untyped-def]
    """Open the goals worksheet, ask for a PDF once Python is ready: the page's alert."""
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    page.get_by_role("button", name="PDF downloaden").click()
    return page.locator('[data-rg="alert"]')


# Python itself fails fatally while it makes the PDF (C's abort(): Pyodide's own
# fatal error, after which this Pyodide can no longer be used). Only in a worker
# that started from the snapshot, so the worker started after it makes PDFs again.
ABORT_ON_PDF = """
{
  const makePdf = handlers.exportPdf;
  handlers.exportPdf = (args) => mode === "snapshot"
    ? pyodide.runPython("import os\\nos.abort()") : makePdf(args);
}
"""


def add_to_python_worker(context, code: str) -> None:
    """Serve every ``py-worker.js`` of the context with ``code`` added at its end."""
    def extended(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + code)

    context.route("**/assets/rg/js/py-worker.js", extended)


def test_a_python_error_is_shown_in_dutch_and_its_traceback_only_in_the_console(
        page, context, site_url) -> None:
    add_to_python_worker(context, """
handlers.exportPdf = () => pyodide.runPython("raise ValueError('an English detail')");
""")
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    expect(alert_after_a_pdf(page, site_url)).to_have_text(
        "De PDF kon niet worden gemaakt. Er ging iets mis in het programma. Probeer het nog "
        "eens, of laad de pagina opnieuw.", timeout=30000)
    assert any("Traceback" in text and "an English detail" in text for text in warnings)


def test_a_python_worker_that_stops_is_started_again(page, context, site_url) -> None:
    add_to_python_worker(context, ABORT_ON_PDF)
    page.add_init_script("document.addEventListener('rg:python-ready',"
                         " (e) => (window.rgReadies ||= []).push(e.detail))")
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    stopped = []
    page.on("console", lambda message: "Python worker stopped" in message.text
            and stopped.append(message.text))
    page.fill("#ws-doelen-moeilijk-0", "Na de storing")
    page.get_by_role("button", name="PDF downloaden").click()
    alert = page.locator('[data-rg="alert"]')
    expect(alert).to_have_text("De PDF kon niet worden gemaakt. De rekenhulp is onverwacht gestopt "
                               "en start opnieuw. Probeer het zo nog eens.", timeout=30000)
    page.wait_for_selector('[data-worksheet][data-python="ready"]', timeout=60000)
    expect(page.locator('[data-rg="python-status"]')).to_have_text("Rekenhulp is klaar")
    # The new worker starts without the snapshot (the first one used the test server's
    # unpacked snapshot) and answers as before.
    readies = page.evaluate("window.rgReadies")
    assert [(r["mode"], r["restarts"]) for r in readies] == [("snapshot", 0), ("plain", 1)]
    assert len([w for w in page.workers if w.url.endswith("/py-worker.js")]) == 1
    page.fill("#ws-doelen-moeilijk-0", "Weer gewoon")
    wait_evaluated(page)
    expect(page.locator('[data-rg="summary"]')).to_contain_text("Weer gewoon")
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="PDF downloaden").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    expect(alert).to_be_hidden()  # the error about the earlier PDF is gone
    # abort() ends in a WebAssembly trap, which Pyodide reports as its fatal error.
    assert stopped == ["Python worker stopped: unreachable"]


def test_a_python_call_without_an_answer_starts_python_again(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    worker = next(w for w in page.workers if w.url.endswith("/py-worker.js"))
    # The worker hangs on the PDF without a word: no error, no "stopped".
    worker.evaluate("""() => {
        const answer = self.onmessage;
        self.onmessage = (event) => event.data.call === "exportPdf" ? undefined : answer(event);
    }""")
    page.evaluate("sessionStorage.setItem('rg:python-call-timeout-ms', '1500')")
    page.get_by_role("button", name="PDF downloaden").click()
    expect(page.locator('[data-rg="alert"]')).to_have_text(
        "De PDF kon niet worden gemaakt. De rekenhulp is onverwacht gestopt en start opnieuw. "
        "Probeer het zo nog eens.", timeout=30000)
    page.evaluate("sessionStorage.removeItem('rg:python-call-timeout-ms')")
    page.wait_for_selector('[data-worksheet][data-python="ready"]', timeout=60000)
    assert len([w for w in page.workers if w.url.endswith("/py-worker.js")]) == 1
    page.fill("#ws-doelen-moeilijk-0", "Weer gewoon")  # the new worker answers
    wait_evaluated(page)
    expect(page.locator('[data-rg="summary"]')).to_contain_text("Weer gewoon")


# Every Python worker of the page hangs on the PDF (and skips warming it up).
HANG_ON_PDF = """
{
  const answer = self.onmessage;
  self.onmessage = (event) => {
    if (event.data.call === "exportPdf") return;
    if (event.data.call === "preloadPdf") {
      postMessage({ type: "result", id: event.data.id, ok: true, result: true });
      return;
    }
    return answer(event);
  };
}
"""


def test_python_that_keeps_stopping_is_given_up_with_a_message(page, context,
                                                               site_url) -> None:
    add_to_python_worker(context, HANG_ON_PDF)
    page.add_init_script("sessionStorage.setItem('rg:python-call-timeout-ms', '1500');"
                         "document.addEventListener('rg:python-ready',"
                         " (e) => (window.rgReadies ||= []).push(e.detail.restarts))")
    page.goto(site_url + "werkbladen/doelen/")
    for restarts in (1, 2):
        page.wait_for_function(f"() => (window.rgReadies || []).length === {restarts}",
                               timeout=60000)
        page.get_by_role("button", name="PDF downloaden").click()
        expect(page.locator('[data-rg="alert"]')).to_contain_text(
            "De rekenhulp is onverwacht gestopt en start opnieuw", timeout=30000)
    page.wait_for_function("() => window.rgReadies.length === 3", timeout=60000)
    assert page.evaluate("window.rgReadies") == [0, 1, 2]
    page.get_by_role("button", name="PDF downloaden").click()
    page.wait_for_selector('[data-worksheet][data-python="failed"]', timeout=30000)
    expect(page.locator('[data-rg="python-status"]')).to_have_text("Rekenhulp is gestopt")
    expect(page.locator('[data-rg="alert"]')).to_contain_text(
        "De rekenhulp is een paar keer onverwacht gestopt. Laad de pagina opnieuw")
    page.fill("#ws-doelen-moeilijk-0", "Toch bewaard")  # typing still saves
    wait_saved(page)


def test_without_webassembly_python_is_not_even_downloaded(page, site_url, watch) -> None:
    page.add_init_script("delete globalThis.WebAssembly")  # as in Safari's Lockdown Mode
    page.goto(site_url + "werkbladen/doelen/")
    page.wait_for_selector('[data-worksheet][data-python="failed"]', timeout=10000)
    assert "De rekenhulp kon niet starten" in page.locator('[data-rg="alert"]').inner_text()
    page.fill("#ws-doelen-moeilijk-0", "Toch bewaard")
    wait_saved(page)
    assert not [url for url in watch.requests if "/py-worker.js" in url or "/runtime/" in url]


def test_python_that_hangs_times_out_with_a_message(page, site_url) -> None:
    page.add_init_script("sessionStorage.setItem('rg:python-timeout-ms', '1500')")
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: a silent hang
    page.goto(site_url + "werkbladen/doelen/")
    page.wait_for_selector('[data-worksheet][data-python="failed"]', timeout=20000)
    assert "De rekenhulp kon niet starten" in page.locator('[data-rg="alert"]').inner_text()
