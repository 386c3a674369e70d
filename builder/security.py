"""Stage 6a: the Content-Security-Policy of every page.

The policy goes into a ``<meta>`` tag right after ``<meta charset>``, so it
covers everything the page loads. The few inline scripts the theme emits are
moved into small script files named by their hash (a blocking external
script runs at the same point as the inline one did), so the policy needs no
``'unsafe-inline'`` and no hashes, and is the same on every page: a host can
send it unchanged as a header (see the README). JSON data blocks are not
scripts and stay.
"""

from __future__ import annotations

import hashlib
import re

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = re.compile(r'type=["\']?application/(ld\+)?json', re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


INLINE_DIR = "assets/rg/inline"


def _is_executable_inline(attrs: str) -> bool:
    return not re.search(r"\bsrc\s*=", attrs) and not _DATA_TYPES.search(attrs)


def inline_scripts(html: str) -> list[str]:
    """The bodies of the executable inline scripts in ``html``."""
    return [m.group("body") for m in _INLINE_SCRIPT.finditer(html)
            if _is_executable_inline(m.group("attrs"))]


def script_file_name(body: str) -> str:
    return f"{INLINE_DIR}/{hashlib.sha256(body.encode('utf-8')).hexdigest()[:16]}.js"


def externalize_scripts(html: str, to_root: str) -> tuple[str, dict[str, str]]:
    """Replace each inline script by a script file; return the page and the files.

    ``to_root`` is the relative path from the page to the site root (``../../``).
    """
    files: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        if not _is_executable_inline(match.group("attrs")):
            return match.group(0)
        name = script_file_name(match.group("body"))
        files[name] = match.group("body")
        return f'<script{match.group("attrs")} src="{to_root}{name}"></script>'

    return _INLINE_SCRIPT.sub(replace, html), files


def policy() -> str:
    """The policy text, the same for every page."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in BASE_POLICY.items())


def add_security_meta(html: str) -> str:
    """Insert the CSP and referrer ``<meta>`` tags right after ``<meta charset>``."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
        '<meta name="referrer" content="no-referrer">'
    )
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", "<head>" + tags, 1)
    return html[: match.end()] + tags + html[match.end():]
