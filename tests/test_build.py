"""Whole builds: what the site holds, and that mistakes stop the build by name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder import runtime
from builder.runtime import sha256_of
from tests.conftest import build_site
from tests.sitecopy import add_fixture_worksheet, copy_project


def test_site_holds_runtime_packages_and_pages(built_site: Path) -> None:
    for name in runtime.PYODIDE_FILES:
        assert (built_site / runtime.SITE_DIR / name).is_file()
    for rel in ("py/worksheets.zip", "py/pdf.zip", "assets/rg/js/runtime-config.js",
                "werkbladen/doelen/index.html", "werkbladen/doelen-leeg.pdf",
                "methode/index.html", "leren/index.html", "trainers/index.html"):
        assert (built_site / rel).is_file(), rel
    assert (built_site / "werkbladen/doelen-leeg.pdf").read_bytes().startswith(b"%PDF")


def test_only_the_runtime_files_needed_are_shipped(built_site: Path) -> None:
    shipped = {p.name for p in (built_site / runtime.SITE_DIR).iterdir()}
    assert shipped == set(runtime.PYODIDE_FILES)
    assert not list(built_site.rglob("*.map"))
    # The Python memory snapshot has its own budget (tests/test_offline.py).
    total = sum(p.stat().st_size for p in built_site.rglob("*")
                if p.is_file() and p.suffix != ".snapshot")
    assert total < 25 * 1024 * 1024, f"site is {total / 1e6:.1f} MB"


def test_manifest_lists_every_file_with_its_hash(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.json").read_text())
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == files - {"manifest.json"}
    wasm = f"{runtime.SITE_DIR}/pyodide.asm.wasm"
    assert manifest["files"][wasm]["sha256"] == runtime.PYODIDE_FILES["pyodide.asm.wasm"]
    assert manifest["files"]["py/pdf.zip"]["sha256"] == sha256_of(built_site / "py/pdf.zip")


def test_every_page_has_the_csp_and_no_inline_script(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in html, page


def test_a_page_preloads_its_module_graph_and_runs_its_scripts_early(built_site: Path) -> None:
    html = (built_site / "werkbladen/doelen/index.html").read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    preload = r'<link rel="modulepreload" href="\.\./\.\./assets/rg/js/([a-z-]+\.js)">'
    preloaded = re.findall(preload, head)
    assert preloaded[0] == "startup.js"
    assert {"offline.js", "worksheet.js", "form.js", "store.js", "crypto.js"} <= set(preloaded)
    assert len(preloaded) == len(set(preloaded)), "each module once"
    # The worksheet's scripts run from the head, before the form is parsed (the small
    # startup.js first; both, and all they import, before the stylesheets, but after
    # the CSP), and wait for the marker after the content; other page scripts are
    # async, right after the article: they need not wait for the theme's bundle.
    script = '<script type="module" async src="../../assets/rg/js/{}'
    startup = head.index(script.format('startup.js" data-rg-worksheet="doelen"></script>'))
    worksheet = head.index(script.format('worksheet.js"></script>'))
    assert startup < worksheet < head.index('rel="stylesheet"')
    assert head.index("rg/js/ui.js") < head.index('rel="stylesheet"')  # the worksheet's graph
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("modulepreload")
    assert "worksheet.js" not in body and "startup.js" not in body
    article_end = body.index("</article>")
    marker = body.index("<div hidden data-rg-content-end></div>")
    offline_script = body.index('<script type="module" async src="../../assets/rg/js/offline.js">')
    assert body.index('data-worksheet="doelen"') < marker < article_end
    assert offline_script < article_end < body.index("assets/javascripts/bundle.")
    handbook = (built_site / "methode/index.html").read_text(encoding="utf-8")
    assert "worksheet.js" not in handbook and "offline.js" in handbook


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path


def _fails_naming(project: Path, config: Path, fragment: str) -> str:
    result = build_site(project / "site", config)
    assert result.returncode != 0, "the build should have failed"
    assert fragment in result.stderr, result.stderr[-2000:]
    return result.stderr


def test_broken_link_fails_with_the_file_named(project: Path) -> None:
    config = copy_project(project)
    page = project / "content" / "leren" / "index.md"
    page.write_text(page.read_text() + "\nZie [deze pagina](bestaat-niet.md).\n")
    _fails_naming(project, config, "leren/index.md")


def test_syntax_error_in_a_worksheet_fails_with_the_file_named(project: Path) -> None:
    config = copy_project(project)
    sheet = project / "worksheets" / "doelen.py"
    sheet.write_text(sheet.read_text().replace("WORKSHEET = Worksheet(", "WORKSHEET = Worksheet(("))
    _fails_naming(project, config, "worksheets/doelen.py")


def test_page_missing_from_nav_fails(project: Path) -> None:
    config = copy_project(project)
    (project / "content" / "losse-pagina.md").write_text(
        "---\ntitle: Los\ndescription: Niet in het menu.\n---\n# Los\n")
    _fails_naming(project, config, "losse-pagina.md")


def test_new_worksheet_needs_only_its_module_and_a_nav_entry(project: Path) -> None:
    config = copy_project(project, extra_nav=["werkbladen/alle-velden.md"])
    add_fixture_worksheet(project)
    result = build_site(project / "site", config)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (project / "site" / "werkbladen" / "alle-velden" / "index.html").read_text()
    assert 'data-worksheet="alle-velden"' in page
    assert (project / "site" / "werkbladen" / "alle-velden-leeg.pdf").is_file()
    config_js = (project / "site" / "assets/rg/js/runtime-config.js").read_text()
    assert '"alle-velden"' in config_js
