"""The app icons and the web app manifest, so the site can go on a home screen.

The icon is drawn here (with Pillow, which fpdf2 already needs): a client in the
middle of their resource group, white on the site's indigo. Drawn at three times
the size and scaled down, so the edges are smooth.
"""

from __future__ import annotations

import io
import json
import math

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from PIL import Image, ImageDraw

ICON_DIR = "assets/rg/icons"
WEB_MANIFEST = "manifest.webmanifest"
#: Material's "indigo" primary colour, as in the site's header.
INDIGO = "#4051b5"
WHITE = "#ffffff"
NAME = "Handboek Resourcegroepen"
SHORT_NAME = "Resourcegroepen"
#: file name -> (size in pixels, purpose, share of the size the drawing may use)
ICONS: dict[str, tuple[int, str, float]] = {
    "icon-192.png": (192, "any", 0.84),
    "icon-512.png": (512, "any", 0.84),
    "icon-maskable-512.png": (512, "maskable", 0.62),  # inside the 80 % safe circle
    "apple-touch-icon.png": (180, "apple", 0.78),
}
_SCALE = 3


def icon_png(size: int, share: float) -> bytes:
    """One icon as PNG bytes: a ring of six people around one in the middle."""
    big = size * _SCALE
    image = Image.new("RGB", (big, big), INDIGO)
    draw = ImageDraw.Draw(image)
    centre = big / 2
    reach = big * share / 2

    def dot(x: float, y: float, radius: float) -> None:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=WHITE)

    ring = reach * 0.72
    small = reach * 0.2
    draw.ellipse((centre - ring, centre - ring, centre + ring, centre + ring),
                 outline=WHITE, width=max(1, round(reach * 0.06)))
    for index in range(6):
        angle = math.pi / 2 + index * math.pi / 3
        dot(centre + ring * math.cos(angle), centre - ring * math.sin(angle), small)
    dot(centre, centre, reach * 0.3)
    image = image.reduce(_SCALE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def web_manifest() -> str:
    """The web app manifest: Dutch name, the site root as start and scope, the icons."""
    icons = [
        {"src": f"{ICON_DIR}/{name}", "sizes": f"{size}x{size}", "type": "image/png",
         "purpose": purpose}
        for name, (size, purpose, _) in ICONS.items() if purpose != "apple"
    ]
    manifest = {
        "id": "./",
        "name": NAME,
        "short_name": SHORT_NAME,
        "description": "De methode resourcegroepen, met werkbladen die ook zonder internet werken.",
        "lang": "nl",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": WHITE,
        "theme_color": INDIGO,
        "icons": icons,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def icon_files() -> dict[str, bytes]:
    """Site path -> bytes for every icon."""
    return {f"{ICON_DIR}/{name}": icon_png(size, share)
            for name, (size, _, share) in ICONS.items()}


def app_files(config: MkDocsConfig) -> list[File]:
    """The web app manifest and the icons, as files of the site."""
    files = [File.generated(config, WEB_MANIFEST, content=web_manifest())]
    files += [File.generated(config, path, content=data) for path, data in icon_files().items()]
    return files
