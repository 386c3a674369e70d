"""Accessibility in Chromium: axe-core (WCAG 2.2 A/AA) on every page and worksheet state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.a11y import run_axe
from tests.conftest import wait_evaluated, wait_for_form

pytestmark = pytest.mark.browser


def pages_of(built_site: Path) -> list[str]:
    return sorted(p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
                  for p in built_site.rglob("index.html"))


def worksheet_pages(built_site: Path) -> list[str]:
    return [rel for rel in pages_of(built_site)
            if 'data-worksheet="' in (built_site / rel.lstrip("/") / "index.html").read_text()]


def fill_generically(page) -> None:
    """Type in every text field and pick the first option of every group."""
    page.evaluate("""() => {
        const form = document.querySelector('[data-worksheet] form');
        for (const input of form.querySelectorAll('input[type=text], textarea')) {
            input.value = 'Voorbeeld met Zoë';
        }
        for (const input of form.querySelectorAll('input[type=date]')) input.value = '2026-11-22';
        const seen = new Set();
        for (const input of form.querySelectorAll('input[type=radio], input[type=checkbox]')) {
            if (!seen.has(input.name)) { input.checked = true; seen.add(input.name); }
        }
        form.dispatchEvent(new Event('input', {bubbles: true}));
    }""")


#: Pages are checked in this many groups, so parallel test workers share the work.
PAGE_GROUPS = 3


@pytest.mark.parametrize("group", range(PAGE_GROUPS))
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_page_has_no_wcag_violations(page, site_url, built_site, scheme,
                                           group: int) -> None:
    page.add_init_script(
        f"localStorage.setItem('/handboek/.__palette', JSON.stringify({{index: "
        f"{0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))")
    found = {}
    for rel in pages_of(built_site)[group::PAGE_GROUPS]:
        page.goto(site_url + rel.lstrip("/"))
        assert page.get_attribute("body", "data-md-color-scheme") == scheme
        if page.locator("[data-worksheet]").count():
            wait_for_form(page)
        violations = run_axe(page, colours_only=scheme != "default")
        if violations:
            found[rel] = violations
    assert found == {}


def test_worksheets_empty_filled_and_with_hints(page, site_url, built_site) -> None:
    found = {}
    for rel in worksheet_pages(built_site):
        page.goto(site_url + rel.lstrip("/"))
        wait_evaluated(page)
        found[f"{rel} leeg"] = run_axe(page)
        fill_generically(page)
        wait_evaluated(page)
        found[f"{rel} ingevuld"] = run_axe(page)
        page.evaluate("""() => {
            for (const hint of document.querySelectorAll('[data-hint-for]')) {
                if (!hint.textContent) { hint.textContent = 'Een tip.'; }
                hint.hidden = false;
            }
        }""")
        found[f"{rel} met tips"] = run_axe(page)
    assert {state: v for state, v in found.items() if v} == {}
