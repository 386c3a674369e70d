"""axe-core in the browser tests: served from node_modules by the test, never a CDN."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ALLOWLIST = Path(__file__).resolve().parent / "a11y-allowlist.json"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def allowlist() -> dict[str, str]:
    """Rule id → the reason it cannot be fixed by our overrides."""
    return json.loads(ALLOWLIST.read_text(encoding="utf-8"))["rules"]


def install_axe(page) -> None:
    """Serve axe from the site's own origin (the CSP allows only 'self')."""
    body = AXE.read_text(encoding="utf-8")
    page.route("**/__axe.min.js", lambda route: route.fulfill(
        content_type="text/javascript", body=body))


def run_axe(page) -> list[dict]:
    """Violations of WCAG 2.2 A/AA on the current page, minus the allowlist."""
    page.evaluate("""() => new Promise((resolve, reject) => {
        if (window.axe) { resolve(); return; }
        const script = document.createElement('script');
        script.src = new URL('__axe.min.js', document.baseURI).href;
        script.onload = resolve;
        script.onerror = () => reject(new Error('axe did not load'));
        document.head.append(script);
    })""")
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    allowed = allowlist()
    return [
        {"id": v["id"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["id"] not in allowed
    ]
