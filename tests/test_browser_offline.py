"""Offline and updates in Chromium: one visit, then no network; a new version, nothing lost."""

from __future__ import annotations

import http
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from builder.serve import StaticHandler, StaticServer
from tests.conftest import (
    PREFIX,
    build_site,
    site_pages,
    wait_for_form,
    wait_for_python,
    wait_saved,
)
from tests.sitecopy import copy_project
from tests.test_offline import runtime_config, sw_constants

pytestmark = [pytest.mark.browser, pytest.mark.service_worker]

INSTALL_TIMEOUT_MS = 180_000
FIRST_TEXT = ("[data-worksheet] form :is(input[type=text], textarea)[id^=\"ws-\"]:not([readonly])"
              " >> visible=true")
EXPORT = '[data-worksheet] [data-rg-action="export-pdf"]'


def wait_until_offline_ready(page) -> None:
    """The service worker has stored this version and controls the page."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                           timeout=INSTALL_TIMEOUT_MS)


def export_pdf(page) -> bytes:
    try:
        with page.expect_download(timeout=120_000) as download:
            page.locator(EXPORT).first.click()
    except PlaywrightTimeoutError as error:  # say what the page showed instead
        shown = page.evaluate("""() => [...document.querySelectorAll(
            '[data-rg="python-status"], [data-rg="alert"], [data-rg-action="export-pdf"]')]
            .map((node) => `${node.dataset.rg || "button"}: ${node.textContent.trim()}`)""")
        raise AssertionError(f"no PDF on {page.url}: {shown}") from error
    return Path(download.value.path()).read_bytes()


def test_after_one_visit_every_page_works_offline(page, context, site_url, built_site,
                                                  watch) -> None:
    page.goto(site_url)  # one visit, to a handbook page
    wait_until_offline_ready(page)
    context.set_offline(True)
    failed: list[str] = []
    from_network: list[str] = []
    # Leaving a page aborts what it was still loading (net::ERR_ABORTED); anything
    # else that fails (net::ERR_INTERNET_DISCONNECTED) went to the network.
    page.on("requestfailed", lambda request: "ERR_ABORTED" in (request.failure or "")
            or failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.from_service_worker
            or from_network.append(response.url))
    pages = site_pages(built_site)
    worksheets = 0
    for rel in pages:
        page.goto(site_url + rel.lstrip("/"))
        assert page.locator("h1").count() >= 1, rel
        if not page.locator("[data-worksheet]").count():
            continue
        worksheets += 1
        wait_for_form(page)
        page.locator(FIRST_TEXT).first.fill(f"Zonder internet ingevuld op {rel}")
        wait_saved(page)
        wait_for_python(page)
        assert export_pdf(page).startswith(b"%PDF-"), rel
    assert worksheets >= 5 and len(pages) > 15
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type("naasten")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert failed == [], failed
    assert from_network == [], from_network
    watch.assert_clean(page)


READY_MODE = """() => new Promise((resolve) => document.addEventListener(
    "rg:python-ready", (event) => resolve(event.detail.mode), { once: true }))"""
SPOIL_SNAPSHOT = """async (url) => {
    const cache = await caches.open("rg-runtime");
    const key = (await cache.keys()).find((request) => request.url.endsWith(url));
    await cache.put(key, new Response(new Uint8Array(4096).fill(7)));
    return key.url;
}"""


#: How each script and stylesheet the page itself names was served ("cache": by a static
#: route, without the service worker's fetch handler).
ROUTED_SOURCES = """() => {
  const named = new Set([...document.querySelectorAll("script[src], link[href]")]
    .map((element) => element.src || element.href));
  return Object.fromEntries(performance.getEntriesByType("resource")
    .filter((entry) => named.has(entry.name) && entry.name.includes("/assets/"))
    .map((entry) => [entry.name.split("/").pop(), entry.workerFinalSourceType]));
}"""


class NoSnapshotHandler(StaticHandler):
    """A host that cannot send the Python snapshot (a failed download, say)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.path.split("?")[0].endswith(".snapshot"):
            self.send_error(http.HTTPStatus.SERVICE_UNAVAILABLE)
            return None
        return super().send_head()


@pytest.mark.plain_python
def test_without_the_snapshot_the_offline_copy_is_kept_and_python_starts_plain(
        page, context, built_site) -> None:
    with StaticServer(built_site, PREFIX, handler_class=NoSnapshotHandler) as server:
        page.add_init_script(f"window.__rgMode = ({READY_MODE})();")
        page.goto(server.url + "werkbladen/doelen/")
        wait_until_offline_ready(page)
        context.set_offline(True)
        page.reload()
        assert page.evaluate("window.__rgMode") == "plain"
        wait_for_form(page)


@pytest.mark.plain_python
def test_return_visit_restores_the_snapshot_and_falls_back_when_it_is_broken(
        page, site_url, built_site, watch) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning"
            and warnings.append(message.text))
    page.add_init_script(f"window.__rgMode = ({READY_MODE})();")
    page.goto(site_url + "werkbladen/doelen/")
    assert page.evaluate("window.__rgMode") == "plain"  # first visit: nothing cached yet
    wait_until_offline_ready(page)
    page.reload()
    assert page.evaluate("window.__rgMode") == "snapshot"
    # Chromium served the page's scripts and styles straight from the cache (the
    # service worker's static routes), without running the worker's fetch handler.
    sources = page.evaluate(ROUTED_SOURCES)
    assert sources and set(sources.values()) == {"cache"}, json.dumps(sources)
    page.fill("#ws-doelen-moeilijk-0", "Na een snelle start")
    assert export_pdf(page).startswith(b"%PDF-")
    snapshot = runtime_config(built_site)["snapshot"]["url"].removeprefix("../../..")
    page.evaluate(SPOIL_SNAPSHOT, snapshot)
    page.reload()
    assert page.evaluate("window.__rgMode") == "plain"
    assert any("snapshot" in text for text in warnings), warnings
    wait_for_form(page)
    assert page.input_value("#ws-doelen-moeilijk-0") == "Na een snelle start"
    assert export_pdf(page).startswith(b"%PDF-")
    watch.assert_clean(page)


def test_tests_start_python_from_the_snapshot_on_a_first_visit(page, site_url, watch) -> None:
    """conftest.FAST_PYTHON: a fresh profile fetches the snapshot instead of a plain start."""
    page.add_init_script(f"window.__rgMode = ({READY_MODE})();")
    page.goto(site_url + "werkbladen/doelen/")
    assert page.evaluate("window.__rgMode") == "snapshot"
    page.fill("#ws-doelen-moeilijk-0", "Snel klaar")
    assert export_pdf(page).startswith(b"%PDF-")
    watch.assert_clean(page)


@pytest.fixture(scope="module")
def second_version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with one changed page: a new version."""
    project = tmp_path_factory.mktemp("versie-2")
    config = copy_project(project)
    home = project / "content" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n\nVersie twee van de site.\n",
                    encoding="utf-8")
    result = build_site(project / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture
def live_site(built_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A server whose site can be swapped for another version (a symlink)."""
    live = tmp_path / "live"
    live.symlink_to(built_site, target_is_directory=True)
    with StaticServer(live, PREFIX) as server:
        yield server.url, live


def test_new_version_is_offered_and_nothing_typed_is_lost(page, live_site, built_site,
                                                          second_version, watch) -> None:
    url, live = live_site
    old, new = sw_constants(built_site)["VERSION"], sw_constants(second_version)["VERSION"]
    assert old != new
    page.goto(url + "werkbladen/doelen/")
    wait_for_form(page)
    wait_for_python(page)
    wait_until_offline_ready(page)
    page.fill("#ws-doelen-moeilijk-0", "Slapen lukt slecht")
    wait_saved(page)

    live.unlink()  # the host now serves the new version
    live.symlink_to(second_version, target_is_directory=True)
    page.reload()  # the old version, from the browser; meanwhile the new one installs
    wait_for_form(page)
    assert page.input_value("#ws-doelen-moeilijk-0") == "Slapen lukt slecht"
    banner = page.locator('[data-rg="update"]')
    banner.wait_for(timeout=INSTALL_TIMEOUT_MS)
    assert "Nieuwe versie beschikbaar" in banner.inner_text()
    assert page.evaluate("() => caches.keys()").count(f"rg-site-{old}") == 1

    page.fill("#ws-doelen-moeilijk-0", "Slapen lukt slecht, ook overdag moe")
    with page.expect_navigation(timeout=60_000):
        banner.get_by_role("button", name="Nu bijwerken").click()
    wait_for_form(page)
    assert page.input_value("#ws-doelen-moeilijk-0") == "Slapen lukt slecht, ook overdag moe"
    page.wait_for_function(f"async () => (await caches.keys()).includes('rg-site-{new}')")
    assert f"rg-site-{old}" not in page.evaluate("() => caches.keys()")
    page.goto(url)
    assert "Versie twee van de site." in page.locator("article").inner_text()
    watch.assert_clean(page)


def test_later_keeps_the_old_version_and_asks_again(page, live_site, second_version) -> None:
    url, live = live_site
    page.goto(url)
    wait_until_offline_ready(page)
    live.unlink()
    live.symlink_to(second_version, target_is_directory=True)
    page.reload()
    banner = page.locator('[data-rg="update"]')
    banner.wait_for(timeout=INSTALL_TIMEOUT_MS)
    banner.get_by_role("button", name="Later").click()
    assert banner.count() == 0
    page.reload()  # still the old version: the new one waits for the user
    assert "Versie twee van de site." not in page.locator("article").inner_text()
    banner.wait_for(timeout=30_000)  # and is offered again


def hard_reload(tab) -> None:
    """Shift+Reload: the page comes from the network, and no service worker controls it."""
    session = tab.context.new_cdp_session(tab)
    with tab.expect_navigation():
        session.send("Page.reload", {"ignoreCache": True})
    session.detach()
    assert tab.evaluate("() => navigator.serviceWorker.controller") is None


def test_other_tabs_are_told_when_one_tab_takes_the_new_version(page, context, live_site,
                                                                second_version) -> None:
    """Also a tab opened with Shift+Reload, which the new version takes over all the same."""
    url, live = live_site
    page.goto(url + "werkbladen/doelen/")
    wait_until_offline_ready(page)
    controlled, uncontrolled = context.new_page(), context.new_page()
    controlled.goto(url + "methode/")
    uncontrolled.goto(url + "clienten/")
    hard_reload(uncontrolled)
    uncontrolled.wait_for_load_state("load")

    live.unlink()
    live.symlink_to(second_version, target_is_directory=True)
    page.reload()
    banner = page.locator('[data-rg="update"]')
    banner.wait_for(timeout=INSTALL_TIMEOUT_MS)
    with page.expect_navigation(timeout=60_000):
        banner.get_by_role("button", name="Nu bijwerken").click()
    for tab in (controlled, uncontrolled):
        told = tab.locator('[data-rg="update"]')
        told.wait_for(timeout=30_000)
        assert "bijgewerkt in een ander tabblad" in told.inner_text(), tab.url
        with tab.expect_navigation():
            told.get_by_role("button", name="Opnieuw laden").click()
        assert tab.evaluate("() => navigator.serviceWorker.controller") is not None
    controlled.goto(url)
    assert "Versie twee van de site." in controlled.locator("article").inner_text()


def test_the_first_install_takes_over_other_new_tabs_without_a_message(page, context,
                                                                      site_url) -> None:
    """A first visit in two tabs: nothing changed for either, so neither is told to reload."""
    other = context.new_page()
    other.goto(site_url + "methode/")
    page.goto(site_url)
    wait_until_offline_ready(page)
    other.wait_for_function("() => navigator.serviceWorker.controller !== null",
                            timeout=INSTALL_TIMEOUT_MS)
    other.wait_for_timeout(1500)  # a version question takes at most a second
    assert other.locator('[data-rg="update"]').count() == 0
    assert page.locator('[data-rg="update"]').count() == 0
