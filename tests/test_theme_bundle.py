"""builder/theme_bundle.py: on a worksheet page the theme's script runs after the form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.errors import BuildError
from builder.theme_bundle import LOADER, load_bundle_after_form

BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"


def page(scripts: str) -> str:
    return ('<html><body><form data-worksheet="doelen"></form>'
            f'<script id="__config" type="application/json">{{}}</script>{scripts}</body></html>')


@pytest.mark.parametrize("folder", ["../../", "./", ""])
def test_the_bundle_script_becomes_the_loader_with_the_same_bundle(folder: str) -> None:
    html = load_bundle_after_form(page(f'<script src="{folder}{BUNDLE}"></script>'), "x.md")
    assert html == page(f'<script type="module" async src="{folder}assets/rg/js/{LOADER}" '
                        f'data-rg-theme-bundle="{folder}{BUNDLE}"></script>')


@pytest.mark.parametrize(("scripts", "count"), [
    ("", 0),
    ('<script src="../assets/javascripts/bundle.js"></script>', 0),
    (f'<script src="https://elders.example/{BUNDLE}"></script>', 0),
    (f'<script src="{BUNDLE}"></script><script src="{BUNDLE}"></script>', 2),
])
def test_a_page_without_exactly_one_bundle_fails_the_build_with_the_page_named(
        scripts: str, count: int) -> None:
    with pytest.raises(BuildError, match=f"found it {count} times") as caught:
        load_bundle_after_form(page(scripts), "werkbladen/doelen.md")
    assert caught.value.path == "werkbladen/doelen.md"


def test_the_built_site_delays_the_theme_on_worksheet_pages_only(built_site: Path) -> None:
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert (built_site / "assets" / "rg" / "js" / LOADER).is_file()
    for sheet in ("doelen", "resources", "bijeenkomst", "evaluatie-client"):
        html = (built_site / "werkbladen" / sheet / "index.html").read_text(encoding="utf-8")
        assert f'data-rg-theme-bundle="../../assets/javascripts/{bundle}"' in html, sheet
        assert f'<script src="../../assets/javascripts/{bundle}">' not in html, sheet
    for handbook in ("methode", "leren"):
        html = (built_site / handbook / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<script src="\.\./assets/javascripts/{re.escape(bundle)}">', html)
        assert LOADER not in html
