"""Stage 7: verify the written site before anyone serves it.

Each rule names the file that breaks it. The site must load nothing from
another origin, every page must carry the CSP before any script or style,
and the runtime and Python packages must all be present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from builder.errors import VerifyError
from builder.security import inline_scripts

_RESOURCE_ATTR = re.compile(
    r"<(?P<tag>script|img|iframe|source|audio|video|link|embed|object|track|use|image)\b"
    r"[^>]*?\s(?P<attr>src|href|srcset|data|xlink:href)\s*=\s*[\"'](?P<url>[^\"']*)", re.I
)
_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)|@import\s+['\"](?P<imp>[^'\"]+)", re.I)
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
# Links that name a page rather than load it (mkdocs serve sets a canonical URL).
_NAMING_LINK = re.compile(r"<link\b[^>]*\brel=[\"']?(canonical|alternate)\b[^>]*>", re.I)
_CSP_META = '<meta http-equiv="Content-Security-Policy"'


def _external(urls: Iterable[str]) -> list[str]:
    found = []
    for url in urls:
        for part in url.split(","):
            candidate = part.strip().split(" ")[0]
            if _EXTERNAL.match(candidate):
                found.append(candidate)
    return found


def check_html(path: Path, html: str) -> None:
    """A page must start with its CSP and refer to no other origin."""
    csp_at = html.find(_CSP_META)
    if csp_at < 0:
        raise VerifyError(path, "page has no Content-Security-Policy meta tag")
    first_load = min((i for i in (html.find("<script"), html.find("<link")) if i >= 0),
                     default=len(html))
    if csp_at > first_load:
        raise VerifyError(path, "the CSP meta tag comes after a script or stylesheet")
    if inline_scripts(html):
        raise VerifyError(path, "page still has an inline script (the CSP would block it)")
    loading = _NAMING_LINK.sub("", html)
    external = _external(m.group("url") for m in _RESOURCE_ATTR.finditer(loading))
    if external:
        raise VerifyError(path, f"loads from another origin: {external[0]}")


def check_css(path: Path, css: str) -> None:
    urls = [m.group("url") or m.group("imp") for m in _CSS_URL.finditer(css)]
    external = _external(u for u in urls if u)
    if external:
        raise VerifyError(path, f"stylesheet loads from another origin: {external[0]}")


def verify_site(site_dir: Path, required: Iterable[str]) -> int:
    """Check every page and stylesheet and the required files; return pages checked."""
    for rel in required:
        if not (site_dir / rel).is_file():
            raise VerifyError(site_dir / rel, "required file is missing from the site")
    pages = 0
    for path in sorted(site_dir.rglob("*.html")):
        check_html(path, path.read_text(encoding="utf-8"))
        pages += 1
    for path in sorted(site_dir.rglob("*.css")):
        check_css(path, path.read_text(encoding="utf-8"))
    return pages
