"""builder/search.py: a worksheet page's search worker waits for its Python."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2.utils import htmlsafe_json_dumps

from builder.errors import BuildError
from builder.search import HOLD_WORKER, hold_search_worker

WORKER = "../../assets/javascripts/workers/search.a7633da7.min.js"


def page(config: object) -> str:
    body = config if isinstance(config, str) else str(htmlsafe_json_dumps(config))  # as Material
    return ('<html><body><div class="md-content">Tekst</div>'
            f'<script id="__config" type="application/json">{body}</script>'
            '<script src="bundle.js"></script></body></html>')


def config_of(html: str) -> dict:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
    assert found
    return json.loads(found.group(1))


def test_the_worker_is_replaced_and_everything_else_kept() -> None:
    config = {"base": "../..", "features": ["toc.follow"], "search": WORKER,
              "translations": {"search.result.none": "Geen resultaten"}}
    html = hold_search_worker(page(config), "werkbladen/doelen.md")
    held = config_of(html)
    assert held.pop("search") == (
        f"../../assets/javascripts/workers/{HOLD_WORKER}?worker=search.a7633da7.min.js")
    config.pop("search")
    assert held == config
    assert html.startswith('<html><body><div class="md-content">Tekst</div>')
    assert html.endswith('<script src="bundle.js"></script></body></html>')


def test_a_worker_at_the_site_root_keeps_its_folder() -> None:
    html = hold_search_worker(page({"search": "search.0123abcd.min.js"}), "index.md")
    assert config_of(html)["search"] == f"{HOLD_WORKER}?worker=search.0123abcd.min.js"


def test_the_config_stays_safe_inside_its_script_element() -> None:
    config = {"search": WORKER, "translations": {"x": "</script><script>alert(1)</script> & 'b'"}}
    html = hold_search_worker(page(config), "werkbladen/doelen.md")
    assert html.count("</script>") == 2
    assert "<script>alert" not in html
    assert config_of(html)["translations"] == config["translations"]


@pytest.mark.parametrize(("html", "reason"), [
    ("<html><body></body></html>", "config"),
    (page("{not json"), "not JSON"),
    (page(["search"]), "unexpected search worker"),
    (page({"base": "."}), "unexpected search worker in the theme's config: None"),
    (page({"search": "https://elders.example/search.js"}), "unexpected search worker"),
    (page({"search": "assets/search.abc.min.js?x=1"}), "unexpected search worker"),
])
def test_an_unexpected_theme_config_fails_the_build_with_the_page_named(html: str,
                                                                         reason: str) -> None:
    with pytest.raises(BuildError, match=re.escape(reason)) as caught:
        hold_search_worker(html, "werkbladen/doelen.md")
    assert caught.value.path == "werkbladen/doelen.md"


def test_the_built_site_holds_search_on_worksheet_pages_only(built_site: Path) -> None:
    workers = built_site / "assets" / "javascripts" / "workers"
    material = next(workers.glob("search.*.min.js")).name
    assert (workers / HOLD_WORKER).is_file()
    held = f"../../assets/javascripts/workers/{HOLD_WORKER}?worker={material}"
    for sheet in ("doelen", "resources", "bijeenkomst", "evaluatie-client"):
        html = (built_site / "werkbladen" / sheet / "index.html").read_text(encoding="utf-8")
        assert config_of(html)["search"] == held, sheet
    for handbook in ("methode", "leren"):
        html = (built_site / handbook / "index.html").read_text(encoding="utf-8")
        assert config_of(html)["search"] == f"../assets/javascripts/workers/{material}"
