"""Phones: no horizontal scrolling at 360 and 320 px, worksheet controls big enough to tap."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import wait_for_form

pytestmark = pytest.mark.browser

TARGETS = """() => [...document.querySelectorAll(
    '[data-worksheet] button, [data-worksheet] a, [data-worksheet] input[type=text],'
    + ' [data-worksheet] input[type=date], [data-worksheet] textarea, [data-worksheet] select,'
    + ' [data-worksheet] .rg-option')]
  .filter((el) => el.offsetParent !== null && !el.closest('template'))
  .map((el) => { const r = el.getBoundingClientRect();
                 return {what: el.outerHTML.slice(0, 80), w: r.width, h: r.height}; })
  .filter((box) => box.w < 24 || box.h < 24)"""


def pages_of(built_site: Path) -> list[str]:
    return sorted(p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
                  for p in built_site.rglob("index.html"))


@pytest.mark.parametrize("width, height", [(360, 740), (320, 640)])
def test_no_horizontal_scrolling_and_tappable_controls(browser, site_url, built_site,
                                                       width, height) -> None:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    too_wide, too_small = {}, {}
    for rel in pages_of(built_site):
        page.goto(site_url + rel.lstrip("/"))
        if page.locator("[data-worksheet]").count():
            wait_for_form(page)
            small = page.evaluate(TARGETS)
            if small:
                too_small[rel] = small[:5]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[rel] = scroll
    context.close()
    assert too_wide == {}
    assert too_small == {}
