"""Every page, visited once: it loads cleanly and meets WCAG 2.2 A/AA in both colour schemes.

A visit costs more than the checks, so one visit per page serves them all:

* no console error, no CSP violation and no request to another origin, told
  page by page;
* exactly one ``h1``;
* a self-check gets ready once it is scrolled into view, and a worksheet gets
  Python ready and shows its answers evaluated (so axe sees its hints,
  summary and views too);
* axe-core runs every WCAG rule in the light scheme; the theme's own toggle
  switches to the dark scheme, where axe runs the rules a colour scheme can
  change (the markup is the same), and back;
* a worksheet is checked so empty, and filled in with every hint shown (which
  only adds to what the filled-in form shows, so that state needs no check of
  its own).
"""

from __future__ import annotations

import pytest

from tests.a11y import run_axe
from tests.conftest import PageWatch, fill_generically, site_pages, wait_evaluated

pytestmark = pytest.mark.browser

#: Pages are checked in this many groups, so parallel test workers share the work.
PAGE_GROUPS = 3

#: The theme's colour switch (the device's setting, light, dark): one label per state,
#: the others hidden.
SCHEME_TOGGLE = 'label[for^="__palette_"] >> visible=true'
#: The scheme on screen once the theme has handled a click (a frame later).
SCHEME_AFTER_A_FRAME = """() => new Promise((resolve) => requestAnimationFrame(
    () => resolve(document.body.dataset.mdColorScheme)))"""
#: The scheme is in place once no colour transition of the theme is still running.
SCHEME_SHOWN = """(scheme) => document.body.dataset.mdColorScheme === scheme
    && !document.getAnimations().some(
        (animation) => animation instanceof CSSTransition && animation.playState === "running")"""
SHOW_EVERY_HINT = """() => {
    for (const hint of document.querySelectorAll('[data-hint-for]')) {
        if (!hint.textContent) { hint.textContent = 'Een tip.'; }
        hint.hidden = false;
    }
}"""


def switch_scheme(page, scheme: str) -> None:
    """Click the switch until ``scheme`` shows (from the device's light setting to
    dark takes two steps: light first)."""
    for _ in range(3):
        page.locator(SCHEME_TOGGLE).click()
        if page.evaluate(SCHEME_AFTER_A_FRAME) == scheme:
            break
    page.wait_for_function(SCHEME_SHOWN, arg=scheme)


def check_states(page) -> dict[str, list[dict]]:
    """axe on each state of the page: every rule in the light scheme, the colour rules
    in the dark one (a worksheet: light, dark, filled in while dark, light again)."""
    found = {}
    if not page.locator("[data-worksheet]").count():
        found["licht"] = run_axe(page)
        switch_scheme(page, "slate")
        found["donker"] = run_axe(page, colours_only=True)
        switch_scheme(page, "default")
    else:
        wait_evaluated(page)
        found["leeg, licht"] = run_axe(page)
        switch_scheme(page, "slate")
        found["leeg, donker"] = run_axe(page, colours_only=True)
        fill_generically(page)
        wait_evaluated(page)
        page.evaluate(SHOW_EVERY_HINT)  # adds to what the filled-in form shows
        found["ingevuld met alle tips, donker"] = run_axe(page, colours_only=True)
        switch_scheme(page, "default")
        found["ingevuld met alle tips, licht"] = run_axe(page)
    return {state: violations for state, violations in found.items() if violations}


def load_problems(page, watch: PageWatch, errors_before: int, foreign_before: int) -> list[str]:
    """What went wrong while this page loaded: errors, CSP violations, other origins."""
    return (watch.console_errors[errors_before:] + watch.foreign_requests[foreign_before:]
            + page.evaluate("window.__rgCsp || []"))


@pytest.mark.parametrize("group", range(PAGE_GROUPS))
def test_every_page_loads_cleanly_and_has_no_wcag_violations(page, site_url, built_site,
                                                             watch, group: int) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 15
    problems, violations = {}, {}
    for rel in pages[group::PAGE_GROUPS]:
        errors_before, foreign_before = len(watch.console_errors), len(watch.foreign_requests)
        page.goto(site_url + rel.lstrip("/"))
        assert page.locator("h1").count() == 1, rel
        assert page.get_attribute("body", "data-md-color-scheme") == "default", rel
        if page.locator("[data-quiz]").count():  # a self-check starts once it is in view
            page.locator("[data-quiz]").scroll_into_view_if_needed()
            page.wait_for_selector('[data-quiz][data-quiz-state="ready"]', timeout=60000)
        found = check_states(page)
        if found:
            violations[rel] = found
        problem = load_problems(page, watch, errors_before, foreign_before)
        if problem:
            problems[rel] = problem
    assert problems == {}, problems
    assert violations == {}, violations
