"""axe-core in the browser tests: from node_modules, evaluated by the test, never a CDN.

Axe is evaluated through the DevTools protocol, which the page's CSP does not
govern, instead of being served to the page by a route: a route turns off the
browser's HTTP cache, and every page would load all its files anew.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ALLOWLIST = Path(__file__).resolve().parent / "a11y-allowlist.json"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def allowlist() -> dict[str, str]:
    """Rule id → the reason it cannot be fixed by our overrides."""
    return json.loads(ALLOWLIST.read_text(encoding="utf-8"))["rules"]


#: The rules whose outcome depends on the colour scheme (the rest check structure).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def run_axe(page, colours_only: bool = False) -> list[dict]:
    """Violations of WCAG 2.2 A/AA on the current page, minus the allowlist.

    ``colours_only``: just the rules a colour scheme can change (for a second scheme
    of pages already checked in full: the markup is the same, only the colours differ).
    """
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(_axe_source())
    run_only = {"type": "rule", "values": COLOUR_RULES} if colours_only else \
        {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate("(runOnly) => axe.run(document, {runOnly})", run_only)
    allowed = allowlist()
    return [
        {"id": v["id"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["id"] not in allowed
    ]
