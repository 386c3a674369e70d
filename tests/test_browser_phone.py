"""Phones: no horizontal scrolling at 360 and 320 px, worksheet controls big enough to tap.

Each page is opened once, at 360 px, and checked at both widths (the second by
turning the viewport to 320 px, as a narrower phone or a zoomed text would). A
worksheet is checked empty and filled in, each time evaluated, so its summary and
views count too; filled in with text as people type it: a long Dutch compound word
and an e-mail address must break, not widen the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import FAST_PYTHON, fill_generically, site_pages, wait_evaluated

pytestmark = pytest.mark.browser

WIDTHS = (360, 320)
HEIGHT = 700
TYPED = "Arbeidsongeschiktheidsverzekeringsmaatschappij, anna.de.vries@gemeente.nl"
TARGETS = """() => [...document.querySelectorAll(
    '[data-worksheet] button, [data-worksheet] a, [data-worksheet] input[type=text],'
    + ' [data-worksheet] input[type=date], [data-worksheet] textarea, [data-worksheet] select,'
    + ' [data-worksheet] .rg-option')]
  .filter((el) => el.offsetParent !== null && !el.closest('template'))
  .map((el) => { const r = el.getBoundingClientRect();
                 return {what: el.outerHTML.slice(0, 80), w: r.width, h: r.height}; })
  .filter((box) => box.w < 24 || box.h < 24)"""


def test_no_horizontal_scrolling_and_tappable_controls(browser, site_url, built_site) -> None:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT},
                                  is_mobile=True, has_touch=True, service_workers="block",
                                  locale="nl-NL")
    context.add_init_script(FAST_PYTHON)
    page = context.new_page()
    too_wide, too_small = {}, {}

    def check(where: str, worksheet: bool) -> None:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            small = page.evaluate(TARGETS) if worksheet else []
            if small:
                too_small[f"{where} {width}px"] = small[:5]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                too_wide[f"{where} {width}px"] = scroll

    for rel in site_pages(built_site):
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        page.goto(site_url + rel.lstrip("/"))
        if not page.locator("[data-worksheet]").count():
            check(rel, worksheet=False)
            continue
        wait_evaluated(page)
        check(f"{rel} leeg", worksheet=True)
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        fill_generically(page, TYPED)
        wait_evaluated(page)
        check(f"{rel} ingevuld", worksheet=True)
    context.close()
    assert too_wide == {}, too_wide
    assert too_small == {}, too_small


def test_a_tap_on_an_abbreviation_shows_its_meaning_in_readable_type(browser, site_url) -> None:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT},
                                  is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    page.goto(site_url + "methode/crisis/")
    abbreviation = page.locator("article abbr", has_text="F-ACT").first
    abbreviation.tap()
    tooltip = page.locator('[role="tooltip"]', has_text="Flexible Assertive Community Treatment")
    expect(tooltip).to_have_css("opacity", "1")  # shown, not only there
    size = tooltip.evaluate(
        "(t) => parseFloat(getComputedStyle(t.querySelector('.md-tooltip2__inner')).fontSize)")
    assert size >= 16
    box = tooltip.locator(".md-tooltip2__inner").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[0]
    context.close()
