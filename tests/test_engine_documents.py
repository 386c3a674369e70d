"""Unit tests for worksheets.engine.documents: parsing limits, reading, migration, normalizing."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worksheets import doelen
from worksheets.engine.documents import (
    FORMAT,
    MAX_BYTES,
    MAX_DEPTH,
    DocumentError,
    check_answers,
    dump_document,
    new_document,
    normalize,
    parse_document,
    parse_json,
    read_document,
)
from worksheets.engine.schema import (
    Answers,
    Choice,
    Date,
    Group,
    ItemList,
    LongText,
    Option,
    Scale,
    Section,
    ShortText,
    Worksheet,
    YesNo,
)

FIXTURES = Path(__file__).parent / "fixtures" / "migration"
DOELEN = doelen.WORKSHEET
COLOURS = (Option("rood", "Rood"), Option("groen", "Groen"), Option("blauw", "Blauw"))

#: A worksheet with every field type, including a multiple choice inside a group.
ALL = Worksheet(
    id="alle-soorten",
    title="Alle soorten",
    description="Proef.",
    intro="Proef.",
    schema_version=1,
    sections=(
        Section(id="een", title="Een", fields=(
            ShortText(id="naam", label="Naam"),
            LongText(id="verhaal", label="Verhaal"),
            Choice(id="kleur", label="Kleur", options=COLOURS),
            Choice(id="kleuren", label="Kleuren", options=COLOURS, multiple=True),
            Date(id="datum", label="Datum"),
            Scale(id="cijfer", label="Cijfer", minimum=0, maximum=10),
            YesNo(id="akkoord", label="Akkoord?"),
        )),
        Section(id="twee", title="Twee", fields=(
            ItemList(id="punten", label="Punten", max_items=5),
            Group(id="blokken", label="Blokken", item_label="Blok", max_items=3, fields=(
                ShortText(id="titel", label="Titel"),
                Choice(id="soorten", label="Soorten", options=COLOURS, multiple=True),
                Scale(id="cijfer", label="Cijfer"),
                YesNo(id="klaar", label="Klaar?"),
            )),
        )),
    ),
)

FILLED: Answers = {
    "naam": "Zoë",
    "verhaal": "Eén regel.\nNog één: café ☕ en 😀.\r\nEinde \"quote\" \\ backslash",
    "kleur": "groen",
    "kleuren": ["rood", "blauw"],
    "datum": "2026-11-22",
    "cijfer": 0,
    "akkoord": False,
    "punten": ["één", "café", "", "tab\there"],
    "blokken": [
        {"titel": "Zoë", "soorten": ["groen"], "cijfer": 5, "klaar": True},
        {"titel": "", "soorten": [], "cijfer": None, "klaar": None},
    ],
}


def document(sheet: Worksheet = DOELEN, answers: Any = None, **changes: Any) -> dict:
    data = new_document(sheet, answers, saved_at="2026-11-22T10:00:00Z")
    data.update(changes)
    return data


# --------------------------------------------------------------------------- parse_json


def test_parse_json_reads_plain_json_text_and_bytes() -> None:
    assert parse_json('{"a": [1, "é", null, true]}') == {"a": [1, "é", None, True]}
    assert parse_json('{"a": "é"}'.encode()) == {"a": "é"}


@pytest.mark.parametrize("text", ["{niet json", "", "   ", "{'a': 1}", '{"a": 1,}', "[1, 2"])
def test_parse_json_refuses_non_json(text: str) -> None:
    with pytest.raises(DocumentError, match="komt niet van deze site, of het is beschadigd"):
        parse_json(text)


def test_parse_json_names_line_and_character() -> None:
    with pytest.raises(DocumentError, match=r"\(fout op regel 2, teken 8\)"):
        parse_json('{\n  "a": ,\n}')


def test_parse_json_size_limit_for_text_and_bytes() -> None:
    at_limit = '"' + "a" * (MAX_BYTES - 2) + '"'
    assert len(parse_json(at_limit)) == MAX_BYTES - 2
    too_big = '"' + "a" * (MAX_BYTES - 1) + '"'
    with pytest.raises(DocumentError, match=r"te groot \(5120 kB\).*hoogstens 5 MB"):
        parse_json(too_big)
    with pytest.raises(DocumentError, match="te groot"):
        parse_json(too_big.encode())


def test_parse_json_size_limit_counts_utf8_bytes_not_characters() -> None:
    text = '"' + "é" * (MAX_BYTES // 2) + '"'  # fewer characters than MAX_BYTES, more bytes
    assert len(text) < MAX_BYTES
    with pytest.raises(DocumentError, match="te groot"):
        parse_json(text)


@pytest.mark.parametrize("name", ["NaN", "Infinity", "-Infinity"])
def test_parse_json_refuses_nan_and_infinity(name: str) -> None:
    with pytest.raises(DocumentError, match=rf"ongeldig getal \({name}\)"):
        parse_json(f'{{"answers": {{"cijfer": {name}}}}}')


@pytest.mark.parametrize("key", ["__proto__", "constructor", "prototype"])
def test_parse_json_refuses_prototype_keys_at_any_level(key: str) -> None:
    with pytest.raises(DocumentError, match="niet toegestane naam"):
        parse_json(f'{{"{key}": {{}}}}')
    with pytest.raises(DocumentError, match="niet toegestane naam"):
        parse_json(f'{{"answers": {{"doelen": [{{"{key}": "x"}}]}}}}')


def test_parse_json_allows_those_words_as_values() -> None:
    assert parse_json('{"a": "__proto__", "b": ["constructor"]}') == {
        "a": "__proto__", "b": ["constructor"],
    }


def test_parse_json_refuses_duplicate_keys() -> None:
    with pytest.raises(DocumentError, match="'worksheet' twee keer"):
        parse_json('{"worksheet": "doelen", "worksheet": "ander"}')
    with pytest.raises(DocumentError, match="twee keer"):
        parse_json('{"answers": {"ideeen": "a", "ideeen": "b"}}')


def test_parse_json_refuses_an_integer_too_long_to_read() -> None:
    # Python reads at most 4300 digits and raises a bare ValueError beyond that.
    with pytest.raises(DocumentError, match=r"^In dit bestand staat een getal dat veel te lang is"):
        parse_json('{"answers": {"x": ' + "9" * 5000 + "}}")


def test_parse_json_refuses_duplicate_keys_and_cuts_a_long_one() -> None:
    key = "k" * 100_000
    with pytest.raises(DocumentError) as caught:
        parse_json(f'{{"{key}": 1, "{key}": 2}}')
    assert str(caught.value) == f"Het bestand bevat de naam '{'k' * 40}…' twee keer."


def test_parse_json_depth_limit() -> None:
    assert parse_json("[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH) is not None
    with pytest.raises(DocumentError, match="ingewikkelder in elkaar"):
        parse_json("[" * (MAX_DEPTH + 1) + "1" + "]" * (MAX_DEPTH + 1))
    with pytest.raises(DocumentError, match="ingewikkelder in elkaar"):
        parse_json('{"a":' * (MAX_DEPTH + 1) + "{}" + "}" * (MAX_DEPTH + 1))


def test_parse_json_survives_extreme_nesting() -> None:
    with pytest.raises(DocumentError, match="ingewikkelder in elkaar"):
        parse_json("[" * 200_000 + "]" * 200_000)


def test_parse_json_accepts_the_deepest_real_document() -> None:
    # document > answers > group > item > multiple choice > value
    answers = {**ALL.empty_answers(), "blokken": [{"soorten": ["rood"]}]}
    text = dump_document(ALL, answers, "")
    assert parse_json(text)["answers"]["blokken"][0]["soorten"] == ["rood"]


@pytest.mark.parametrize("raw", [b'{"a": "\xff"}', b'{"a": "caf\xe9"}', b"\xc3\x28"])
def test_parse_json_refuses_invalid_utf8(raw: bytes) -> None:
    with pytest.raises(DocumentError, match="de tekst erin is niet te lezen"):
        parse_json(raw)


def test_parse_json_accepts_byte_order_mark_in_bytes() -> None:
    assert parse_json(b'\xef\xbb\xbf{"a": "Zo\xc3\xab"}') == {"a": "Zoë"}


def test_parse_json_accepts_byte_order_mark_in_text() -> None:
    assert parse_json('\ufeff{"a": "Zoë"}') == {"a": "Zoë"}


# --------------------------------------------------------------------------- read_document


@pytest.mark.parametrize("data", [
    None, [], "rg-werkblad", {"worksheet": "doelen"},
    {"format": "iets-anders", "worksheet": "doelen", "schema_version": 1, "answers": {}},
])
def test_read_document_refuses_other_formats(data: Any) -> None:
    with pytest.raises(DocumentError, match="geen antwoordbestand van een werkblad"):
        read_document(DOELEN, data)


def test_read_document_refuses_other_worksheet_and_names_this_title() -> None:
    data = document(ALL)
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, data)
    message = str(caught.value)
    assert "ander werkblad ('alle-soorten')" in message
    assert "‘Doelen formuleren’" in message


def test_read_document_shortens_a_long_foreign_worksheet_name() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(worksheet="x" * 500))
    assert "x" * 60 in str(caught.value)
    assert "x" * 61 not in str(caught.value)


def test_read_document_refuses_newer_schema_version_in_dutch() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(schema_version=2))
    message = str(caught.value)
    assert "nieuwere versie van dit werkblad (versie 2)" in message
    assert "Deze site kent versie 1" in message


@pytest.mark.parametrize("version", [0, -1, True, "1", 1.0, None])
def test_read_document_refuses_invalid_versions(version: Any) -> None:
    with pytest.raises(DocumentError, match="geen geldig versienummer"):
        read_document(DOELEN, document(schema_version=version))


@pytest.mark.parametrize("answers", [None, [], "tekst", 5])
def test_read_document_refuses_missing_answers(answers: Any) -> None:
    data = document()
    data["answers"] = answers
    with pytest.raises(DocumentError, match="bevat geen antwoorden"):
        read_document(DOELEN, data)


def test_read_document_names_the_field_label_for_wrong_types() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(answers={"moeilijk": "slapen", "ideeen": 5}))
    message = str(caught.value)
    assert message.startswith("Het bestand past niet bij dit werkblad: ")
    assert "Wat vind je nu moeilijk?: moet een lijst met teksten zijn" in message
    assert "Welke ideeën heb je om het makkelijker te maken?: moet tekst zijn" in message


def test_read_document_names_group_member_problems() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(answers={"doelen": [{"doel": "x", "termijn": "ooit"}]}))
    assert "Mijn doelen: Doel 1, Wanneer wil je dit bereikt hebben?: kent de keuze 'ooit' niet" \
        in str(caught.value)


def test_read_document_refuses_unknown_fields() -> None:
    with pytest.raises(DocumentError, match="onbekend veld 'geheim'"):
        read_document(DOELEN, document(answers={"geheim": "x"}))


def test_read_document_cuts_long_unknown_names_and_choices_in_its_message() -> None:
    answers = {"x" * 100_000: "a", "doelen": [{"doel": "x", "termijn": "y" * 1_000_000}]}
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(answers=answers))
    message = str(caught.value)
    assert f"onbekend veld '{'x' * 40}…'" in message
    assert f"kent de keuze '{'y' * 40}…' niet" in message
    assert len(message) < 400


def test_read_document_lists_at_most_five_problems() -> None:
    answers = {f"veld_{n}": "x" for n in range(8)}
    with pytest.raises(DocumentError) as caught:
        read_document(DOELEN, document(answers=answers))
    message = str(caught.value)
    assert message.count("onbekend veld") == 5
    assert message.endswith("(en nog 3).")


def test_read_document_fills_missing_fields_with_empty_values() -> None:
    assert read_document(DOELEN, document(answers={})) == DOELEN.empty_answers()
    assert read_document(ALL, document(ALL, answers={"naam": "Zoë"})) == {
        **ALL.empty_answers(), "naam": "Zoë",
    }


def test_read_document_fills_missing_group_members() -> None:
    loaded = read_document(DOELEN, document(answers={"doelen": [{"doel": "Ik wil zwemmen"}]}))
    group = DOELEN.field("doelen")
    assert isinstance(group, Group)
    assert loaded["doelen"] == [{**group.empty_item(), "doel": "Ik wil zwemmen"}]


def test_read_document_keeps_field_order_of_the_worksheet() -> None:
    answers = dict(reversed(list(FILLED.items())))
    assert list(read_document(ALL, document(ALL, answers=answers))) == [
        f.id for f in ALL.fields()
    ]


def test_check_answers_returns_a_new_dict() -> None:
    answers = {"naam": "Zoë"}
    result = check_answers(ALL, answers)
    assert result is not answers
    assert answers == {"naam": "Zoë"}


# --------------------------------------------------------------------------- round trip


def test_dump_document_is_readable_utf8_json() -> None:
    text = dump_document(ALL, FILLED, "2026-11-22T10:00:00Z")
    assert "Zoë" in text and "😀" in text  # not \u-escaped
    data = json.loads(text)
    assert data == {
        "format": FORMAT, "worksheet": "alle-soorten", "schema_version": 1,
        "saved_at": "2026-11-22T10:00:00Z", "answers": FILLED,
    }


@pytest.mark.parametrize("as_bytes", [False, True])
def test_json_round_trip_keeps_every_answer(as_bytes: bool) -> None:
    text = dump_document(ALL, FILLED, "2026-11-22T10:00:00Z")
    loaded = parse_document(ALL, text.encode() if as_bytes else text)
    assert loaded == FILLED
    assert loaded["verhaal"] == FILLED["verhaal"]  # newlines, \r, quotes and emoji intact


def test_json_round_trip_for_doelen() -> None:
    answers = {
        "moeilijk": ["Contact met Zoë", "één ding tegelijk", "naar het café 😀"],
        "ideeen": "Regel één\nRegel twee\n\nNa een witregel.",
        "geprobeerd": "",
        "doelen": [{**DOELEN.fields()[-1].empty_item(), "doel": "Ik wil één keer per week "
                    "met Zoë naar het café", "termijn": "kort", "gebied": "maatschappelijk"}],
    }
    assert parse_document(DOELEN, dump_document(DOELEN, answers, "")) == answers


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize("garbage", [None, [], [1, 2], "tekst", 5, 1.5, True])
def test_normalize_turns_garbage_into_empty_answers(garbage: Any) -> None:
    assert normalize(ALL, garbage) == ALL.empty_answers()
    assert normalize(DOELEN, garbage) == DOELEN.empty_answers()


def test_normalize_keeps_valid_parts_and_drops_invalid_ones() -> None:
    answers = {
        "naam": 5,                           # wrong type -> ""
        "verhaal": "blijft",                 # kept
        "kleur": "paars",                    # unknown -> ""
        "kleuren": ["rood", 3],              # not all text -> []
        "datum": "22-11-2026",               # wrong format -> ""
        "cijfer": True,                      # bool is no number -> None
        "akkoord": False,                    # kept
        "punten": ["a", "b"],                # kept
        "blokken": [
            {"titel": 7, "soorten": ["groen", "paars"], "cijfer": 3, "klaar": "ja", "x": 1},
            "geen blok",
            None,
            {"titel": "Zoë"},
        ],
        "onbekend": "weg",
    }
    before = copy.deepcopy(answers)
    assert normalize(ALL, answers) == {
        "naam": "",
        "verhaal": "blijft",
        "kleur": "",
        "kleuren": [],
        "datum": "",
        "cijfer": None,
        "akkoord": False,
        "punten": ["a", "b"],
        "blokken": [
            {"titel": "", "soorten": [], "cijfer": 3, "klaar": None},
            {"titel": "Zoë", "soorten": [], "cijfer": None, "klaar": None},
        ],
    }
    assert answers == before  # the input is not changed


def test_normalize_cuts_groups_to_their_maximum() -> None:
    answers = {"blokken": [{"titel": str(n)} for n in range(10)]}
    assert [b["titel"] for b in normalize(ALL, answers)["blokken"]] == ["0", "1", "2"]


def test_normalize_of_valid_answers_is_identity() -> None:
    assert normalize(ALL, FILLED) == FILLED


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 15) | st.floats(allow_nan=True)
    | st.text(max_size=8)
    | st.sampled_from(["rood", "groen", "2026-11-22", "kort", "lang", "persoonlijk"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=6) | st.sampled_from(
        ["titel", "soorten", "cijfer", "klaar", "doel", "termijn", "gebied", "eerste_stap"]),
        children, max_size=4),
    max_leaves=12,
)
FIELD_IDS = sorted({f.id for sheet in (ALL, DOELEN) for f in sheet.fields()})


@settings(max_examples=120, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELD_IDS) | st.text(max_size=5), JSON_VALUES, max_size=6)
       | JSON_VALUES)
def test_normalize_never_raises_and_always_gives_valid_answers(garbage: Any) -> None:
    for sheet in (ALL, DOELEN):
        result = normalize(sheet, garbage)
        assert list(result) == [f.id for f in sheet.fields()]
        assert check_answers(sheet, result) == result  # every value passes its field's check
        sheet.hints(result)
        sheet.summary(result)


# --------------------------------------------------------------------------- migration


def _fixture_worksheet(name: str) -> Worksheet:
    """A fixture worksheet module (it imports ``.engine`` as a module of ``worksheets``)."""
    path = Path(__file__).with_name("fixtures") / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"worksheets._fixture_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WORKSHEET


#: Schema version 3 with two migrations; the browser tests use the same module.
MIGRATED = _fixture_worksheet("migratie")

CURRENT = {
    "voornaam": "Zoë",
    "verhaal": "Eén keer per week naar het café.\nDaarna zien we verder. 🙂",
    "hobbys": ["zwemmen", "lezen in de bibliotheek"],
    "akkoord": None,
}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_stored_documents_of_every_version_load_to_the_same_answers(version: int) -> None:
    raw = (FIXTURES / f"v{version}.json").read_bytes()
    assert json.loads(raw)["schema_version"] == version
    assert parse_document(MIGRATED, raw) == CURRENT
    assert parse_document(MIGRATED, raw.decode("utf-8")) == CURRENT


def test_migration_does_not_change_the_parsed_document() -> None:
    data = json.loads((FIXTURES / "v1.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    assert read_document(MIGRATED, data) == CURRENT
    assert data == before


def test_migrations_run_in_order_from_the_stored_version() -> None:
    calls: list[int] = []

    def step(n: int):
        def migrate(answers: Answers) -> Answers:
            calls.append(n)
            return answers
        return migrate

    sheet = Worksheet(id="volgorde", title="Volgorde", description="", intro="",
                      schema_version=4, sections=MIGRATED.sections,
                      migrations={3: step(3), 1: step(1), 2: step(2)})
    read_document(sheet, document(sheet, answers={}, schema_version=1))
    assert calls == [1, 2, 3]
    calls.clear()
    read_document(sheet, document(sheet, answers={}, schema_version=3))
    assert calls == [3]
    calls.clear()
    read_document(sheet, document(sheet, answers={}, schema_version=4))
    assert calls == []


def test_migrated_answers_are_still_checked() -> None:
    data = json.loads((FIXTURES / "v1.json").read_text(encoding="utf-8"))
    data["answers"]["naam"] = ["geen", "tekst"]
    with pytest.raises(DocumentError, match="Voornaam: moet tekst zijn"):
        read_document(MIGRATED, data)


def test_newer_migration_fixture_version_is_refused() -> None:
    data = json.loads((FIXTURES / "v3.json").read_text(encoding="utf-8"))
    data["schema_version"] = 4
    with pytest.raises(DocumentError, match="nieuwere versie"):
        read_document(MIGRATED, data)


def test_a_migration_that_fails_gives_a_document_error() -> None:
    data = json.loads((FIXTURES / "v2.json").read_text(encoding="utf-8"))
    data["answers"]["hobby"] = 5
    with pytest.raises(DocumentError, match="versie 2 kon niet worden omgezet naar versie 3"):
        read_document(MIGRATED, data)
