"""The static import graph of the site's JavaScript modules, for ``modulepreload``.

A module script and the modules it imports are fetched one level at a time: the
browser only learns of ``form.js`` once ``worksheet.js`` has arrived, and of
``crypto.js`` once ``vault.js`` has. ``main.html`` lists every module a page's
script needs as ``<link rel="modulepreload">`` in the head, so all of them are
fetched at once while the page is still being parsed.
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.errors import BuildError

#: ``import … from "./x.js"``, ``import "./x.js"`` and ``export … from "./x.js"``
#: (relative specifiers only; dynamic ``import()`` is loaded later, on purpose).
_STATIC_IMPORT = re.compile(
    r"""^\s*(?:import|export)\s(?:[^"';]*?\sfrom\s*)?["'](\.{1,2}/[^"']+)["']""",
    re.MULTILINE,
)


def _imports(path: Path) -> list[Path]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _STATIC_IMPORT.finditer(text):
        target = (path.parent / match.group(1)).resolve()
        if not target.is_file():
            line = text.count("\n", 0, match.start(1)) + 1
            raise BuildError(path, f"imports {match.group(1)!r}, which does not exist", line)
        found.append(target)
    return found


def module_graph(js_dir: Path, entry: str) -> list[str]:
    """Every module ``entry`` imports, directly or not, relative to ``js_dir``.

    The entry itself comes first; the rest in the order they are first found.
    """
    root = js_dir.resolve()
    start = root / entry
    if not start.is_file():
        raise BuildError(start, "module script not found")
    seen: dict[Path, None] = {start: None}
    queue = [start]
    while queue:
        for target in _imports(queue.pop(0)):
            if target not in seen:
                seen[target] = None
                queue.append(target)
    outside = [p for p in seen if root not in p.parents]
    if outside:
        raise BuildError(start, f"imports a module outside {root}: {outside[0]}")
    return [p.relative_to(root).as_posix() for p in seen]


def page_scripts(page: object, offline: bool) -> list[str]:
    """The module scripts a page loads (names without ``.js``), in order.

    Every page registers the service worker (``offline``, not under ``make
    serve``); a worksheet page runs ``startup`` (its first storage read and the
    tab lock, as soon as that small module is loaded) and ``worksheet``; a page
    may name its own script in its front matter (``page_script``).
    """
    meta = getattr(page, "meta", None) or {}
    names = ["offline"] if offline else []
    if meta.get("worksheet"):
        names += ["startup", "worksheet"]
    if meta.get("page_script"):
        names.append(str(meta["page_script"]))
    return names
