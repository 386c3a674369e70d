"""Unit tests for worksheets.engine.backup, and the migration fixtures of every worksheet.

Every real worksheet needs ``tests/fixtures/documents/<id>-v<n>.json`` for each
schema version n from 1 to its current one: a document as that version stored
it. When you raise ``schema_version``, add the new fixture and keep the old ones.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from worksheets import load_registry
from worksheets.engine import backup
from worksheets.engine.backup import (
    FORMAT,
    FORMAT_VERSION,
    check_backup,
    make_backup,
    read_backup,
)
from worksheets.engine.documents import DocumentError, check_answers, parse_document
from worksheets.engine.schema import (
    Answers,
    ItemList,
    LongText,
    Section,
    ShortText,
    Worksheet,
    YesNo,
)

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = FIXTURES / "documents"
REGISTRY = load_registry()
CREATED = "2026-11-22T10:00:00.000Z"


def fixture_path(sheet_id: str, version: int) -> Path:
    return DOCUMENTS / f"{sheet_id}-v{version}.json"


def fixture(sheet_id: str, version: int) -> dict[str, Any]:
    return json.loads(fixture_path(sheet_id, version).read_text(encoding="utf-8"))


ALL_VERSIONS = [(sheet_id, version) for sheet_id, sheet in sorted(REGISTRY.items())
                for version in range(1, sheet.schema_version + 1)]


# --------------------------------------------------------------------------- migration fixtures


def test_every_worksheet_has_a_fixture_for_every_schema_version() -> None:
    missing = [str(fixture_path(sheet_id, version).relative_to(Path(__file__).parent.parent))
               for sheet_id, version in ALL_VERSIONS
               if not fixture_path(sheet_id, version).is_file()]
    assert not missing, (
        "Missing migration fixtures (a document as each schema version stored it): "
        + ", ".join(missing) + ". Add one file per missing version; see this test's docstring.")


@pytest.mark.parametrize(("sheet_id", "version"), ALL_VERSIONS,
                         ids=[f"{s}-v{v}" for s, v in ALL_VERSIONS])
def test_fixture_of_every_version_loads(sheet_id: str, version: int) -> None:
    path = fixture_path(sheet_id, version)
    if not path.is_file():
        pytest.fail(f"missing fixture {path.name}")
    sheet = REGISTRY[sheet_id]
    data = fixture(sheet_id, version)
    assert data["worksheet"] == sheet_id and data["schema_version"] == version, path.name
    answers = parse_document(sheet, path.read_bytes())
    assert check_answers(sheet, answers) == answers
    assert any(not spec.is_empty(answers[spec.id]) for spec in sheet.fields()), \
        f"{path.name} holds no answers: fill it in so the migration has something to carry"
    if version == sheet.schema_version:
        # The newest fixture is exactly what the page stores today.
        assert answers == check_answers(sheet, data["answers"])
    sheet.hints(answers)
    sheet.summary(answers)


@pytest.mark.parametrize("sheet_id", sorted(REGISTRY))
def test_a_document_of_a_newer_version_is_refused(sheet_id: str) -> None:
    sheet = REGISTRY[sheet_id]
    data = fixture(sheet_id, sheet.schema_version)
    data["schema_version"] = sheet.schema_version + 1
    with pytest.raises(DocumentError, match="nieuwere versie"):
        parse_document(sheet, json.dumps(data))
    outcome = json.loads(check_backup(json.dumps({"text": json.dumps(data)})))
    assert outcome["ok"] is False and "nieuwere versie" in outcome["message"]


def test_a_backup_of_every_fixture_loads_whole() -> None:
    entries = []
    for sheet_id, sheet in sorted(REGISTRY.items()):
        documents = [fixture(sheet_id, v) for v in range(1, sheet.schema_version + 1)]
        entries.append({"worksheet": sheet_id, "title": sheet.title,
                        "schema_version": sheet.schema_version,
                        "answers": documents[-1], "practice": documents[0],
                        "versions": documents, "practice_versions": []})
    result = read_backup(REGISTRY, json.dumps(make_backup(entries, CREATED)))
    assert [e["worksheet"] for e in result["worksheets"]] == sorted(REGISTRY)
    for entry in result["worksheets"]:
        assert entry["answers"]["answers"] == entry["versions"][-1]["answers"]
        assert entry["schema_version"] == REGISTRY[entry["worksheet"]].schema_version


# ------------------------------------------------------------ a worksheet with versions


def _rename_naam(answers: Answers) -> Answers:
    answers["voornaam"] = answers.pop("naam", "")
    return answers


def _split_hobby(answers: Answers) -> Answers:
    hobby = answers.pop("hobby", "")
    answers["hobbys"] = [part.strip() for part in hobby.split(",") if part.strip()]
    return answers


MIGRATED = Worksheet(
    id="migratie", title="Migratie", description="Proef.", intro="Proef.", schema_version=3,
    sections=(Section(id="een", title="Een", fields=(
        ShortText(id="voornaam", label="Voornaam"),
        LongText(id="verhaal", label="Verhaal"),
        ItemList(id="hobbys", label="Hobby's"),
        YesNo(id="akkoord", label="Akkoord?"),
    )),),
    migrations={1: _rename_naam, 2: _split_hobby},
)
PLAIN = Worksheet(id="plain", title="Plain", description="", intro="", schema_version=1,
                  sections=(Section(id="s", title="S", fields=(ShortText(id="a", label="A"),)),))
TEST_REGISTRY = {"migratie": MIGRATED, "plain": PLAIN}
CURRENT = {
    "voornaam": "Zoë",
    "verhaal": "Eén keer per week naar het café.\nDaarna zien we verder. 🙂",
    "hobbys": ["zwemmen", "lezen in de bibliotheek"],
    "akkoord": None,
}


def migration_fixture(version: int) -> dict[str, Any]:
    return json.loads((FIXTURES / "migration" / f"v{version}.json").read_text(encoding="utf-8"))


def plain_doc(value: str, saved_at: str = "2026-01-01T08:00:00Z") -> dict[str, Any]:
    return {"format": "rg-werkblad", "worksheet": "plain", "schema_version": 1,
            "saved_at": saved_at, "answers": {"a": value}}


def full_backup() -> dict[str, Any]:
    return make_backup([
        {"worksheet": "migratie", "title": "Migratie", "schema_version": 3,
         "answers": migration_fixture(3), "practice": migration_fixture(1),
         "versions": [migration_fixture(1), migration_fixture(2)], "practice_versions": []},
        {"worksheet": "plain", "schema_version": 1, "answers": plain_doc("x"), "practice": None,
         "versions": [], "practice_versions": [plain_doc("oud", "2025-12-01T08:00:00Z")]},
    ], CREATED, {"module-1-basis": "2026-02-03"})


def read(data: Any) -> dict[str, Any]:
    return read_backup(TEST_REGISTRY, json.dumps(data))


def refused(data: Any, match: str) -> None:
    with pytest.raises(DocumentError, match=match):
        read(data)


def test_a_full_backup_is_read_and_every_version_migrated() -> None:
    result = read(full_backup())
    assert result["kind"] == "reservekopie"
    assert result["format_version"] == FORMAT_VERSION
    assert result["created_at"] == CREATED
    migratie, plain = result["worksheets"]
    assert migratie["answers"] == {"saved_at": "2026-11-22T08:15:00Z", "answers": CURRENT}
    assert migratie["practice"]["answers"] == CURRENT
    assert [v["answers"] for v in migratie["versions"]] == [CURRENT, CURRENT]
    assert [v["saved_at"] for v in migratie["versions"]] == ["2025-01-05T10:00:00Z",
                                                             "2025-06-01T09:30:00Z"]
    assert migratie["schema_version"] == 3 and migratie["title"] == "Migratie"
    assert plain["practice"] is None and plain["versions"] == []
    assert plain["practice_versions"] == [{"saved_at": "2025-12-01T08:00:00Z",
                                           "answers": {"a": "oud"}}]
    assert result["leerpad"] == {"module-1-basis": "2026-02-03"}


def test_reading_does_not_change_the_parsed_file() -> None:
    data = full_backup()
    before = copy.deepcopy(data)
    read(data)
    assert data == before


def test_a_single_answer_file_is_accepted_as_a_backup_of_one_worksheet() -> None:
    result = read(migration_fixture(1))
    assert result["kind"] == "werkblad"
    assert result["worksheets"][0]["answers"]["answers"] == CURRENT
    assert result["leerpad"] == {}


def test_an_empty_backup_is_valid() -> None:
    assert read(make_backup([], CREATED))["worksheets"] == []


@pytest.mark.parametrize(("change", "match"), [
    (lambda d: d.update(format="iets anders"), "geen reservekopie"),
    (lambda d: d.update(format_version=FORMAT_VERSION + 1), "nieuwere versie van de site"),
    (lambda d: d.update(format_version="1"), "versienummer is ongeldig"),
    (lambda d: d.update(format_version=True), "versienummer is ongeldig"),
    (lambda d: d.update(extra=1), "onbekend onderdeel 'extra'"),
    (lambda d: d.update(created_at="gisteren"), "datum van opslaan is ongeldig"),
    (lambda d: d.update(worksheets={}), "geen lijst met werkbladen"),
    (lambda d: d.update(encrypted={"enc": "rg-versleuteld"}), "versleuteld"),
    (lambda d: d["worksheets"].append({"worksheet": "onbekend"}), "niet kent \\('onbekend'\\)"),
    (lambda d: d["worksheets"].append(copy.deepcopy(d["worksheets"][0])), "twee keer"),
    (lambda d: d["worksheets"][0].update(schema_version=4), "Migratie.*nieuwere versie"),
    (lambda d: d["worksheets"][0].update(kleur="rood"), "onbekend onderdeel 'kleur'"),
    (lambda d: d["worksheets"][0]["answers"].update(schema_version=4), "nieuwere versie"),
    (lambda d: d["worksheets"][0]["versions"][1]["answers"].update(hobby=5),
     "een bewaarde versie \\(2\\).*versie 2 kon niet worden omgezet"),
    (lambda d: d["worksheets"][0]["practice"]["answers"].update(naam=["x"]),
     "de oefenversie: .*Voornaam: moet tekst zijn"),
    (lambda d: d["worksheets"][1]["answers"].update(worksheet="migratie"),
     "hoort bij een ander werkblad"),
    (lambda d: d["worksheets"][1]["answers"].update(saved_at="morgen"), "datum"),
    (lambda d: d["worksheets"][1].update(versions="geen lijst"), "geen lijst"),
    (lambda d: d["worksheets"][1].update(answers=[1]), "geen antwoordbestand"),
    (lambda d: d.update(leerpad={"Module": "2026-01-01"}), "leerpad"),
    (lambda d: d.update(leerpad={"module-1": "2026-13-01"}), "leerpad"),
    (lambda d: d.update(leerpad={"module-1": "2026-W03-4"}), "leerpad"),
    (lambda d: d.update(leerpad={"module-1": 5}), "leerpad"),
])
def test_one_bad_part_refuses_the_whole_file(change, match) -> None:
    data = full_backup()
    change(data)
    refused(data, match)


def test_too_many_versions_are_refused(monkeypatch) -> None:
    monkeypatch.setattr(backup, "MAX_VERSIONS", 2)
    data = full_backup()
    data["worksheets"][1]["versions"] = [plain_doc(str(i)) for i in range(3)]
    refused(data, "meer dan 2 bewaarde versies")


def test_size_and_depth_limits(monkeypatch) -> None:
    monkeypatch.setattr(backup, "MAX_BYTES", 1000)
    big = full_backup()
    big["worksheets"][1]["answers"]["answers"]["a"] = "x" * 2000
    refused(big, "te groot")
    monkeypatch.undo()
    deep: Any = "x"
    for _ in range(30):
        deep = [deep]
    data = full_backup()
    data["worksheets"][1]["answers"]["answers"]["a"] = deep
    with pytest.raises(DocumentError, match="ingewikkelder in elkaar"):
        read_backup(TEST_REGISTRY, json.dumps(data))


@pytest.mark.parametrize("text", ["", "geen json", "[1, 2]", '{"format": "rg-reservekopie"}',
                                  '{"a": NaN}', '{"__proto__": 1}'])
def test_text_that_is_no_backup_is_refused(text: str) -> None:
    with pytest.raises(DocumentError):
        read_backup(TEST_REGISTRY, text)


def test_check_backup_is_the_browser_call(monkeypatch) -> None:
    import worksheets.engine.bridge as bridge

    monkeypatch.setattr(bridge, "registry", lambda: TEST_REGISTRY)
    outcome = json.loads(check_backup(json.dumps({"text": json.dumps(full_backup())})))
    assert outcome["ok"] is True
    assert outcome["worksheets"][0]["answers"]["answers"] == CURRENT
    bad = json.loads(check_backup(json.dumps({"text": "{}"})))
    assert bad == {"ok": False,
                   "message": "Dit is geen reservekopie of antwoordbestand van deze site."}
    for args in ("[]", "{}", "niet json", json.dumps({"text": 5})):
        outcome = json.loads(check_backup(args))
        assert outcome["ok"] is False and outcome["message"]


def test_check_backup_with_the_real_worksheets() -> None:
    doc = fixture("doelen", 1)
    data = make_backup([{"worksheet": "doelen", "schema_version": 1, "answers": doc}], CREATED)
    outcome = json.loads(check_backup(json.dumps({"text": json.dumps(data)})))
    assert outcome["ok"] is True
    assert outcome["worksheets"][0]["title"] == REGISTRY["doelen"].title
    assert outcome["worksheets"][0]["answers"]["answers"] == parse_document(
        REGISTRY["doelen"], json.dumps(doc))


def test_the_format_name_is_stable() -> None:
    # Files people keep for years carry these names: never change them.
    assert (FORMAT, FORMAT_VERSION) == ("rg-reservekopie", 1)
