"""The module graph behind the ``modulepreload`` links (builder/modules.py)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder.errors import BuildError
from builder.modules import module_graph, page_scripts

ROOT = Path(__file__).resolve().parent.parent
JS_DIR = ROOT / "site_src/theme/assets/rg/js"


def test_graph_lists_direct_and_indirect_imports_once(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "main.js").write_text(
        'import { a } from "./a.js";\nimport "./lib/b.js";\n'
        'export { c } from "./lib/b.js";\nconst later = () => import("./late.js");\n',
        encoding="utf-8")
    (tmp_path / "a.js").write_text('import { b } from "./lib/b.js";\nexport const a = 1;\n',
                                   encoding="utf-8")
    (tmp_path / "lib/b.js").write_text("import {\n  x,\n} from '../a.js';\nexport const b = 2;\n",
                                       encoding="utf-8")
    (tmp_path / "late.js").write_text("export default 3;\n", encoding="utf-8")
    assert module_graph(tmp_path, "main.js") == ["main.js", "a.js", "lib/b.js"]


def test_a_missing_import_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "main.js").write_text('// start\nimport { x } from "./gone.js";\n',
                                      encoding="utf-8")
    with pytest.raises(BuildError, match=r"main\.js:2: imports './gone\.js'"):
        module_graph(tmp_path, "main.js")


def test_an_import_outside_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "outside.js").write_text("export const o = 1;\n", encoding="utf-8")
    (tmp_path / "js/main.js").write_text('import { o } from "../outside.js";\n',
                                         encoding="utf-8")
    with pytest.raises(BuildError, match="outside"):
        module_graph(tmp_path / "js", "main.js")


def test_the_worksheet_graph_matches_its_imports() -> None:
    graph = module_graph(JS_DIR, "worksheet.js")
    direct = re.findall(r'from "\./([a-z-]+\.js)"', (JS_DIR / "worksheet.js").read_text("utf-8"))
    assert graph[0] == "worksheet.js"
    assert set(direct) <= set(graph)
    assert "crypto.js" in graph  # imported by vault.js and store.js, not by worksheet.js
    assert "py-worker.js" not in graph  # a worker, started later by python.js
    assert len(graph) == len(set(graph))


def test_page_scripts_follow_the_front_matter() -> None:
    def page(**meta: object) -> SimpleNamespace:
        return SimpleNamespace(meta=meta)

    assert page_scripts(page(), offline=True) == ["offline"]
    assert page_scripts(page(worksheet="doelen"), offline=True) == [
        "offline", "startup", "worksheet"]
    assert page_scripts(page(page_script="leerpad"), offline=False) == ["leerpad"]
    assert page_scripts(None, offline=True) == ["offline"]
