"""No data leaves the device: a marker typed everywhere never appears in any request.

A unique marker goes into every text field of every worksheet; then every
feature runs: save, reload, every PDF export, JSON export and import, the
Oefenmodus, versions, the evaluation overview, the learning path and the
certificate. Every request of the browser context (pages, workers, the
service worker) is recorded with its URL, headers and body. The test
asserts that none goes to another origin, none carries the marker, no
WebSocket is opened, and the CSP is never violated.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import FAST_PYTHON, wait_for_form, wait_for_python, wait_saved
from worksheets import _zelftoets

pytestmark = [pytest.mark.browser, pytest.mark.service_worker]

MARKER = "ZQXJ-marker-7731"


class Recorder:
    """Every request and socket of a browser context."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.sockets: list[str] = []
        self.origin = ""
        #: Requests the service worker made itself (its precaching), recorded like the rest.
        self.by_service_worker = 0

    def on_request(self, request) -> None:
        body = request.post_data or ""
        headers = " ".join(f"{k}: {v}" for k, v in request.headers.items())
        self.requests.append((request.url, f"{headers}\n{body}"))
        self.by_service_worker += request.service_worker is not None
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and not self.origin:
            self.origin = f"{parts.scheme}://{parts.netloc}"

    def foreign(self) -> list[str]:
        return [url for url, _ in self.requests
                if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and not url.startswith(self.origin)]

    def carrying_marker(self) -> list[str]:
        return [url for url, rest in self.requests if MARKER in url or MARKER in rest]


def worksheet_pages(built_site: Path) -> list[str]:
    return sorted(p.parent.relative_to(built_site).as_posix() + "/"
                  for p in built_site.rglob("index.html")
                  if 'data-worksheet="' in p.read_text(encoding="utf-8"))


def type_everywhere(page) -> None:
    for field in page.locator(
            "[data-worksheet] form input[type=text], [data-worksheet] form textarea").all():
        if field.is_visible() and field.is_editable():
            field.fill(f"{MARKER} {field.get_attribute('id')}")
    for group in page.locator("[data-worksheet] form .rg-options").all():
        first = group.locator("input").first
        if first.count() and first.is_visible():
            first.check()


def every_export(page, tmp_path: Path) -> None:
    for index, button in enumerate(page.locator('[data-rg-action="export-pdf"]').all()):
        with page.expect_download(timeout=90000) as download:
            button.click()
        download.value.save_as(tmp_path / f"export-{index}.pdf")
    with page.expect_download() as download:
        page.get_by_role("button", name="Opslaan als bestand").click()
    saved = tmp_path / "antwoorden.json"
    download.value.save_as(saved)
    page.set_input_files('[data-rg="import-file"]', str(saved))
    page.locator("dialog.rg-dialog").get_by_role("button", name="Vervangen").click()
    wait_saved(page)


def test_nothing_typed_ever_leaves_the_browser(browser, site_url, built_site, tmp_path) -> None:
    context = browser.new_context(accept_downloads=True)  # the service worker runs too
    context.add_init_script(FAST_PYTHON)
    recorder = Recorder()
    context.on("request", recorder.on_request)
    context.add_init_script("""
        window.__rgCsp = [];
        document.addEventListener('securitypolicyviolation',
            (e) => window.__rgCsp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page = context.new_page()
    page.on("websocket", lambda socket: recorder.sockets.append(socket.url))
    violations: list[str] = []
    for rel in worksheet_pages(built_site):
        page.goto(site_url + rel)
        wait_for_python(page)
        type_everywhere(page)
        wait_saved(page)
        page.reload()
        wait_for_form(page)
        wait_for_python(page)
        every_export(page, tmp_path / rel.replace("/", "_"))
        if page.locator('[data-rg-action="save-snapshot"]').count():
            page.get_by_role("button", name="Bewaar deze versie").click()
            page.get_by_role("button", name="Vergelijk", exact=True).click()
        if page.locator('[data-rg-action="practice"]').count():
            page.get_by_role("button", name="Oefenmodus: bekijk een voorbeeld").click()
            page.get_by_role("button", name="Terug naar mijn eigen antwoorden").click()
        violations += page.evaluate("window.__rgCsp")
    # The evaluation overview combines the questionnaires' answer files, read locally.
    page.goto(site_url + "werkbladen/evaluatie-overzicht/")
    answer_files = [str(p) for p in sorted(tmp_path.glob("werkbladen_evaluatie-*/antwoorden.json"))]
    assert len(answer_files) == 3
    page.set_input_files('[data-eval="file-input"]', answer_files)
    page.wait_for_selector('[data-eval-action="pdf"]:not([disabled])', timeout=90000)
    for field in page.locator("textarea").all():
        if field.is_visible():
            field.fill(MARKER)
    with page.expect_download(timeout=90000) as download:
        page.locator('[data-eval-action="pdf"]').click()
    download.value.save_as(tmp_path / "overzicht.pdf")
    violations += page.evaluate("window.__rgCsp")
    # The learning path: a self-check and a certificate with a typed name.
    module = _zelftoets.MODULE_BY_ID["basis"]
    page.goto(site_url + "leren/module-1-basis/")
    page.locator("[data-quiz]").scroll_into_view_if_needed()
    page.wait_for_selector('[data-quiz][data-quiz-state="ready"]', timeout=90000)
    for question in module.questions:
        right = next(a.id for a in question.answers if a.right)
        page.check(f"#zt-{module.id}-{question.id}-{right}")
    page.get_by_role("button", name="Controleer mijn antwoorden").click()
    page.locator('[data-quiz-result][data-state="passed"]').wait_for()
    page.goto(site_url + "leren/")
    page.fill("[data-certificate-name]", MARKER)
    with page.expect_download(timeout=90000) as download:
        page.locator("[data-certificate-download]").click()
    download.value.save_as(tmp_path / "certificaat.pdf")
    violations += page.evaluate("window.__rgCsp")
    context.close()
    assert recorder.requests, "nothing was recorded: the recorder is not attached"
    assert recorder.by_service_worker > 0, "the service worker's own requests were not seen"
    assert recorder.foreign() == []
    assert recorder.carrying_marker() == []
    assert recorder.sockets == []
    assert violations == []
