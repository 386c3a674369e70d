"""Material's search on worksheet pages: its index is built once Python is ready.

Material starts its search worker as soon as a page has loaded, and that worker
spends a few hundred milliseconds of processor time building the search index.
On a worksheet page that is exactly when Python restores itself in its own
worker. A worksheet page therefore points the theme's config at a small worker
(``assets/javascripts/workers/rg-search-hold.js``) that keeps Material's search
worker waiting until the page lets it go (``search-release.js``).
"""

from __future__ import annotations

import json
import re

from jinja2.utils import htmlsafe_json_dumps

from builder.errors import BuildError

HOLD_WORKER = "rg-search-hold.js"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_MATERIAL_WORKER = re.compile(r"(?P<folder>(?:.*/)?)(?P<name>search\.[0-9a-f]+\.min\.js)")


def hold_search_worker(html: str, page_path: str) -> str:
    """Point the page's theme config at the holding worker, with Material's as ``worker``."""
    match = _CONFIG.search(html)
    if not match:
        raise BuildError(page_path, "the theme's config (<script id=\"__config\">) is missing")
    try:
        config = json.loads(match.group(2))
    except json.JSONDecodeError as error:
        raise BuildError(page_path, f"the theme's config is not JSON: {error}") from error
    worker = config.get("search") if isinstance(config, dict) else None
    found = _MATERIAL_WORKER.fullmatch(worker) if isinstance(worker, str) else None
    if not found:
        raise BuildError(page_path, f"unexpected search worker in the theme's config: {worker!r}")
    config["search"] = f"{found['folder']}{HOLD_WORKER}?worker={found['name']}"
    config_json = str(htmlsafe_json_dumps(config))  # Markup would escape the page around it
    return html[:match.start(2)] + config_json + html[match.end(2):]
