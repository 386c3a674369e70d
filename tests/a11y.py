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


def run_axe(page) -> list[dict]:
    """Violations of WCAG 2.2 A/AA on the current page, minus the allowlist."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    allowed = allowlist()
    return [
        {"id": v["id"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["id"] not in allowed
    ]
