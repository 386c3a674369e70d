"""Keyboard only: fill in the goals worksheet, manage list items, export a PDF."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_python, wait_saved

pytestmark = pytest.mark.browser


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches ``selector``; focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert page.evaluate("document.activeElement.matches(':focus-visible')")
            return
    raise AssertionError(f"Tab never reached {selector}")


def focused(page, attribute: str = "id") -> str | None:
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def test_goals_worksheet_by_keyboard_only(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    tab_to(page, "#ws-doelen-moeilijk-0")
    page.keyboard.type("Eerste punt")
    tab_to(page, '[data-field="moeilijk"] [data-rg-action="add-item"]')
    page.keyboard.press("Enter")
    assert focused(page) == "ws-doelen-moeilijk-1"
    page.keyboard.type("Tweede punt")
    tab_to(page, '[aria-label="Punt 2 omhoog"]')
    page.keyboard.press("Enter")
    assert page.input_value("#ws-doelen-moeilijk-0") == "Tweede punt"
    assert focused(page, "aria-label") == "Punt 1 omlaag"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "ws-doelen-moeilijk-0"
    tab_to(page, '[aria-label="Punt 2 verwijderen"]')
    page.keyboard.press("Space")
    assert focused(page) == "ws-doelen-moeilijk-0"
    assert page.locator('[data-field="moeilijk"] .rg-item').count() == 1
    tab_to(page, "#ws-doelen-doelen-0-doel")
    page.keyboard.type("Ik wil weer elke week zwemmen")
    tab_to(page, "#ws-doelen-doelen-0-gebied-0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#ws-doelen-doelen-0-gebied-2")
    wait_saved(page)
    tab_to(page, '[data-rg-action="export-pdf"]')
    with page.expect_download(timeout=60000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("doelen-")


def test_dialog_by_keyboard_returns_focus(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    tab_to(page, '[data-rg-action="clear"]')
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.rg-dialog")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Annuleren"  # the safe choice
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert focused(page, "data-rg-action") == "clear"
