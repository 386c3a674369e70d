"""The worksheet package runs unchanged inside Pyodide (Node), as shipped by the site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent

SCRIPT = r'''
import json, sys, base64
from worksheets.engine import bridge
from worksheets import load_registry

answers = {"moeilijk": ["Zoë vindt één café te druk"], "ideeen": "", "geprobeerd": "",
           "doelen": [{"doel": "Minder angst", "gebied": "gezondheid", "termijn": "lang",
                       "waarom": "", "eerste_stap": "", "zelf": "", "hulp": "Zoë",
                       "merken": ""}]}
evaluated = json.loads(bridge.evaluate("doelen", json.dumps(answers)))
document = {"format": "rg-werkblad", "worksheet": "doelen", "schema_version": 1,
            "saved_at": "", "answers": answers}
imported = json.loads(bridge.import_answers("doelen", json.dumps(document)))
refused = json.loads(bridge.import_answers("doelen", "{niet json"))
pdf = bridge.export_pdf("doelen", json.dumps(answers), "2026-11-22")
json.dumps({
    "python": sys.version.split()[0],
    "worksheets": sorted(load_registry()),
    "hints": [h["path"] for h in evaluated["hints"]],
    "summary_has_text": "Zoë vindt één café te druk" in evaluated["summary_html"],
    "imported": imported["ok"] and imported["answers"] == answers,
    "refused": refused,
    "pdf_head": pdf[:5].decode(),
    "pdf_bytes": len(pdf),
})
'''


@pytest.fixture(scope="module")
def pyodide_result(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if shutil.which("node") is None:
        pytest.fail("node is required for the Pyodide test (the Makefile's setup needs it too)")
    script = tmp_path_factory.mktemp("py") / "script.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(["node", str(HERE / "pyodide_run.mjs"), str(built_site), str(script)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_runs_on_python_314(pyodide_result: dict) -> None:
    assert pyodide_result["python"].startswith("3.14")
    assert "doelen" in pyodide_result["worksheets"]


def test_hints_and_summary_in_pyodide(pyodide_result: dict) -> None:
    assert "doelen.0.doel" in pyodide_result["hints"]
    assert "doelen.0.eerste_stap" in pyodide_result["hints"]
    assert pyodide_result["summary_has_text"]


def test_import_checks_in_pyodide(pyodide_result: dict) -> None:
    assert pyodide_result["imported"]
    assert pyodide_result["refused"]["ok"] is False
    assert "komt niet van deze site, of het is beschadigd" in pyodide_result["refused"]["message"]


def test_pdf_export_in_pyodide_without_pillow(pyodide_result: dict) -> None:
    assert pyodide_result["pdf_head"] == "%PDF-"
    assert pyodide_result["pdf_bytes"] > 5000
