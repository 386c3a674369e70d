"""Material's bundle on worksheet pages: it runs once the form is usable.

The theme loads its JavaScript (``assets/javascripts/bundle.<hash>.min.js``) with a
plain script element at the end of the page. Its first run takes 35–80 ms of the
main thread, and on a return visit that is when the stored answers arrive: the form
waited for it. A worksheet page gets ``theme-after-form.js`` in its place, which
loads the same bundle once every form on the page is usable (at most 3 s later).
"""

from __future__ import annotations

import re

from builder.errors import BuildError

LOADER = "theme-after-form.js"
_BUNDLE = re.compile(
    r'<script src="(?P<folder>(?:\./|(?:\.\./)+)?)assets/javascripts/'
    r'(?P<name>bundle\.[0-9a-f]+\.min\.js)"></script>')


def load_bundle_after_form(html: str, page_path: str) -> str:
    """Replace the theme's bundle script with the loader that runs it after the form."""
    found = list(_BUNDLE.finditer(html))
    if len(found) != 1:
        raise BuildError(page_path, "expected the theme's script (assets/javascripts/"
                         f"bundle.<hash>.min.js) once, found it {len(found)} times")
    match = found[0]
    folder, bundle = match["folder"], f"{match['folder']}assets/javascripts/{match['name']}"
    loader = (f'<script type="module" async src="{folder}assets/rg/js/{LOADER}" '
              f'data-rg-theme-bundle="{bundle}"></script>')
    return html[:match.start()] + loader + html[match.end():]
