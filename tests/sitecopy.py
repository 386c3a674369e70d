"""Build a copy of the site with changes, for tests of the build itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(target: Path, extra_nav: list[str] | None = None) -> Path:
    """Copy content, worksheets, theme and config into ``target``; return the config path.

    Runtime and font paths point back at this checkout's ``node_modules``.
    """
    for name in ("content", "worksheets", "site_src"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    node = ROOT / "node_modules"
    config["plugins"] = [
        p if p != "resourcegroepen" else {"resourcegroepen": {
            "pyodide_dir": str(node / "pyodide"),
            "pdf_fonts_dir": str(node / "@expo-google-fonts/atkinson-hyperlegible"),
            "site_fonts_dir": str(node / "@fontsource/atkinson-hyperlegible/files"),
        }}
        for p in config["plugins"]
    ]
    for entry in extra_nav or []:
        for section in config["nav"]:
            if isinstance(section, dict) and "Werkbladen" in section:
                section["Werkbladen"].append(entry)
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def add_fixture_worksheet(target: Path) -> None:
    shutil.copy(FIXTURES / "alle_velden.py", target / "worksheets" / "alle_velden.py")
