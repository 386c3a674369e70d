"""Unit tests for worksheets.engine.schema: field types, their checks, and Worksheet validation."""

from __future__ import annotations

from typing import Any

import pytest

from worksheets.engine.schema import (
    Choice,
    Date,
    Field,
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

COLOURS = (Option("rood", "Rood"), Option("groen", "Groen"), Option("blauw", "Blauw"))


def sheet(*fields: Field, **overrides: Any) -> Worksheet:
    """A minimal worksheet with ``fields`` in one section."""
    arguments: dict[str, Any] = {
        "id": "proef",
        "title": "Proef",
        "description": "Een proefwerkblad.",
        "intro": "Alleen voor tests.",
        "schema_version": 1,
        "sections": (Section(id="een", title="Een", fields=fields),),
    }
    arguments.update(overrides)
    return Worksheet(**arguments)


# --------------------------------------------------------------------------- ShortText, LongText


def test_short_text_empty_and_good_values() -> None:
    spec = ShortText(id="naam", label="Naam", max_length=5)
    assert spec.empty() == ""
    assert spec.kind == "text"
    for good in ("", "Zoë", "12345", "éééé"):
        assert spec.problems(good) == [], good


@pytest.mark.parametrize("bad", [None, 5, 1.5, True, ["a"], {"a": "b"}, b"bytes"])
def test_short_text_refuses_non_text(bad: Any) -> None:
    assert ShortText(id="naam", label="Naam").problems(bad) == ["moet tekst zijn"]


def test_short_text_length_limit_counts_characters() -> None:
    spec = ShortText(id="naam", label="Naam", max_length=5)
    assert spec.problems("Zoëéé") == []  # five characters, more than five UTF-8 bytes
    assert spec.problems("123456") == ["is langer dan 5 tekens"]


def test_short_text_default_limit_is_300() -> None:
    spec = ShortText(id="naam", label="Naam")
    assert spec.problems("a" * 300) == []
    assert spec.problems("a" * 301) == ["is langer dan 300 tekens"]


@pytest.mark.parametrize(("value", "empty"), [
    ("", True), ("   \n\t ", True), (None, True), ("x", False), ("  Zoë ", False),
])
def test_short_text_is_empty(value: Any, empty: bool) -> None:
    assert ShortText(id="naam", label="Naam").is_empty(value) is empty


def test_long_text_defaults_and_limit() -> None:
    spec = LongText(id="verhaal", label="Verhaal")
    assert spec.kind == "longtext"
    assert spec.empty() == ""
    assert spec.rows == 4
    assert spec.problems("regel 1\nregel 2\n" * 10) == []
    assert spec.problems("a" * 5000) == []
    assert spec.problems("a" * 5001) == ["is langer dan 5000 tekens"]
    assert spec.problems(42) == ["moet tekst zijn"]
    assert spec.is_empty("\n\n  ")
    assert not spec.is_empty("\nx\n")


# --------------------------------------------------------------------------- Choice


def test_choice_single_empty_and_good_values() -> None:
    spec = Choice(id="kleur", label="Kleur", options=COLOURS)
    assert spec.empty() == ""
    assert spec.values() == {"rood", "groen", "blauw"}
    assert spec.problems("") == []
    assert spec.problems("groen") == []


@pytest.mark.parametrize("bad", [None, 1, ["rood"], {"rood": True}, True])
def test_choice_single_refuses_non_text(bad: Any) -> None:
    assert Choice(id="kleur", label="Kleur", options=COLOURS).problems(bad) == [
        "moet één keuze zijn"
    ]


def test_choice_single_refuses_unknown_option() -> None:
    spec = Choice(id="kleur", label="Kleur", options=COLOURS)
    assert spec.problems("paars") == ["kent de keuze 'paars' niet"]
    assert spec.problems("Rood") == ["kent de keuze 'Rood' niet"]  # labels are not values


def test_choice_multiple_empty_and_good_values() -> None:
    spec = Choice(id="kleuren", label="Kleuren", options=COLOURS, multiple=True)
    assert spec.empty() == []
    assert spec.problems([]) == []
    assert spec.problems(["rood", "blauw"]) == []


@pytest.mark.parametrize("bad", ["rood", None, [1], ["rood", None], {"rood": 1}, ("rood",)])
def test_choice_multiple_refuses_non_lists(bad: Any) -> None:
    spec = Choice(id="kleuren", label="Kleuren", options=COLOURS, multiple=True)
    assert spec.problems(bad) == ["moet een lijst met keuzes zijn"]


def test_choice_multiple_lists_at_most_three_unknown_options() -> None:
    spec = Choice(id="kleuren", label="Kleuren", options=COLOURS, multiple=True)
    assert spec.problems(["rood", "paars"]) == ["kent de keuze 'paars' niet"]
    assert spec.problems(["a", "b", "c", "d", "e"]) == [
        "kent de keuze 'a' niet", "kent de keuze 'b' niet", "kent de keuze 'c' niet",
    ]


def test_choice_label_of_and_is_empty() -> None:
    spec = Choice(id="kleuren", label="Kleuren", options=COLOURS, multiple=True)
    assert spec.label_of("groen") == "Groen"
    assert spec.label_of("paars") == "paars"
    assert spec.is_empty([])
    assert spec.is_empty("")
    assert not spec.is_empty(["rood"])


# --------------------------------------------------------------------------- Date


def test_date_empty_and_good_values() -> None:
    spec = Date(id="datum", label="Datum")
    assert spec.empty() == ""
    assert spec.problems("") == []
    assert spec.problems("2026-11-22") == []
    assert spec.is_empty("")
    assert not spec.is_empty("2026-11-22")


@pytest.mark.parametrize("bad", [
    "22-11-2026", "22 november 2026", "2026/11/22", "2026-1-2", "20261122", " 2026-11-22",
    "2026-11-22T10:00", "morgen",
])
def test_date_refuses_other_formats(bad: str) -> None:
    assert Date(id="datum", label="Datum").problems(bad) == ["is geen datum in de vorm jjjj-mm-dd"]


@pytest.mark.parametrize("bad", [None, 20261122, ["2026-11-22"]])
def test_date_refuses_non_text(bad: Any) -> None:
    assert Date(id="datum", label="Datum").problems(bad) == ["moet een datum zijn"]


@pytest.mark.parametrize("impossible", ["2026-02-30", "2026-13-45", "0000-00-00", "2026-11-22\n"])
def test_date_refuses_impossible_calendar_dates(impossible: str) -> None:
    assert Date(id="datum", label="Datum").problems(impossible) != []


# --------------------------------------------------------------------------- Scale


def test_scale_empty_and_range() -> None:
    spec = Scale(id="cijfer", label="Cijfer", minimum=0, maximum=10)
    assert spec.empty() is None
    assert spec.problems(None) == []
    assert spec.problems(0) == []
    assert spec.problems(10) == []
    assert spec.problems(-1) == ["moet tussen 0 en 10 liggen"]
    assert spec.problems(11) == ["moet tussen 0 en 10 liggen"]


def test_scale_default_range_is_one_to_five() -> None:
    spec = Scale(id="cijfer", label="Cijfer")
    assert spec.problems(1) == []
    assert spec.problems(5) == []
    assert spec.problems(0) == ["moet tussen 1 en 5 liggen"]
    assert spec.problems(6) == ["moet tussen 1 en 5 liggen"]


@pytest.mark.parametrize("bad", [True, False, 3.0, "3", [3]])
def test_scale_refuses_bools_floats_and_text(bad: Any) -> None:
    assert Scale(id="cijfer", label="Cijfer").problems(bad) == ["moet een getal zijn"]


def test_scale_zero_is_an_answer() -> None:
    spec = Scale(id="cijfer", label="Cijfer", minimum=0, maximum=10)
    assert spec.is_empty(None)
    assert not spec.is_empty(0)


# --------------------------------------------------------------------------- YesNo


def test_yes_no() -> None:
    spec = YesNo(id="akkoord", label="Akkoord?")
    assert spec.empty() is None
    assert spec.problems(None) == []
    assert spec.problems(True) == []
    assert spec.problems(False) == []
    for bad in (0, 1, "ja", "nee", "", []):
        assert spec.problems(bad) == ["moet ja of nee zijn"], bad
    assert spec.is_empty(None)
    assert not spec.is_empty(False)  # "nee" is an answer
    assert not spec.is_empty(True)


# --------------------------------------------------------------------------- ItemList


def test_item_list_empty_and_good_values() -> None:
    spec = ItemList(id="punten", label="Punten", max_items=3, max_length=5)
    assert spec.empty() == []
    assert spec.problems([]) == []
    assert spec.problems(["a", "", "Zoë"]) == []


@pytest.mark.parametrize("bad", ["a", None, ["a", 1], ["a", None], {"0": "a"}, ("a",)])
def test_item_list_refuses_non_lists_of_text(bad: Any) -> None:
    assert ItemList(id="punten", label="Punten").problems(bad) == [
        "moet een lijst met teksten zijn"
    ]


def test_item_list_limits() -> None:
    spec = ItemList(id="punten", label="Punten", max_items=3, max_length=5)
    assert spec.problems(["a"] * 4) == ["heeft meer dan 3 punten"]
    assert spec.problems(["a", "123456"]) == ["heeft een punt langer dan 5 tekens"]


def test_item_list_is_empty() -> None:
    spec = ItemList(id="punten", label="Punten")
    assert spec.is_empty([])
    assert spec.is_empty(None)
    assert spec.is_empty(["", "   "])
    assert not spec.is_empty(["", "x"])


# --------------------------------------------------------------------------- Group


def group(**overrides: Any) -> Group:
    arguments: dict[str, Any] = {
        "id": "blokken",
        "label": "Blokken",
        "item_label": "Blok",
        "max_items": 2,
        "fields": (
            ShortText(id="titel", label="Titel", max_length=10),
            Choice(id="soort", label="Soort", options=COLOURS),
            Scale(id="cijfer", label="Cijfer"),
            YesNo(id="klaar", label="Klaar?"),
        ),
    }
    arguments.update(overrides)
    return Group(**arguments)


def test_group_empty_values() -> None:
    spec = group()
    assert spec.empty() == []
    assert spec.empty_item() == {"titel": "", "soort": "", "cijfer": None, "klaar": None}


def test_group_good_values() -> None:
    spec = group()
    assert spec.problems([]) == []
    assert spec.problems([spec.empty_item()]) == []
    assert spec.problems([{"titel": "Zoë", "soort": "rood", "cijfer": 3, "klaar": False}]) == []
    assert spec.problems([{"titel": "kort"}]) == []  # missing keys are fine


@pytest.mark.parametrize("bad", ["x", None, {"titel": "a"}, [{"titel": "a"}, "b"], [None]])
def test_group_refuses_non_lists_of_blocks(bad: Any) -> None:
    assert group().problems(bad) == ["moet een lijst met blokken zijn"]


def test_group_refuses_too_many_blocks() -> None:
    spec = group()
    assert spec.problems([{}, {}, {}]) == ["heeft meer dan 2 blokken"]


def test_group_names_unknown_keys_and_member_problems() -> None:
    spec = group()
    problems = spec.problems([
        {"titel": "ok"},
        {"titel": 5, "soort": "paars", "cijfer": True, "geheim": "x"},
    ])
    assert problems == [
        "Blok 2: onbekend veld 'geheim'",
        "Blok 2, Titel: moet tekst zijn",
        "Blok 2, Soort: kent de keuze 'paars' niet",
        "Blok 2, Cijfer: moet een getal zijn",
    ]


def test_group_member_too_long() -> None:
    assert group().problems([{"titel": "a" * 11}]) == ["Blok 1, Titel: is langer dan 10 tekens"]


def test_group_is_empty() -> None:
    spec = group()
    assert spec.is_empty([])
    assert spec.is_empty(None)
    assert spec.is_empty([spec.empty_item(), {"titel": "  "}])
    assert not spec.is_empty([spec.empty_item(), {"klaar": False}])
    assert not spec.is_empty([{"cijfer": 1}])


@pytest.mark.parametrize("member", [
    ItemList(id="lijst", label="Lijst"),
    Group(id="binnen", label="Binnen", fields=(ShortText(id="a", label="A"),)),
])
def test_group_refuses_members_that_cannot_repeat(member: Field) -> None:
    with pytest.raises(ValueError, match="cannot repeat"):
        group(fields=(member,))


def test_group_refuses_duplicate_member_ids() -> None:
    with pytest.raises(ValueError, match="used twice"):
        group(fields=(ShortText(id="a", label="A"), LongText(id="a", label="A2")))


# ------------------------------------------------------------------------ field and worksheet ids


@pytest.mark.parametrize("bad", ["", "Naam", "naam-1", "1naam", "_naam", "na am", "naäm",
                                 "a" * 42])
def test_field_refuses_bad_ids(bad: str) -> None:
    with pytest.raises(ValueError, match="field id"):
        ShortText(id=bad, label="X")


@pytest.mark.parametrize("good", ["a", "naam_1", "eerste_stap", "a" * 41])
def test_field_accepts_good_ids(good: str) -> None:
    assert ShortText(id=good, label="X").id == good


def test_worksheet_basics() -> None:
    ws = sheet(ShortText(id="a", label="A"), Scale(id="b", label="B"),
               Choice(id="c", label="C", options=COLOURS, multiple=True))
    assert [f.id for f in ws.fields()] == ["a", "b", "c"]
    assert ws.field("b").label == "B"
    with pytest.raises(KeyError):
        ws.field("z")
    assert ws.empty_answers() == {"a": "", "b": None, "c": []}


@pytest.mark.parametrize("bad", ["", "Doelen", "doelen_1", "1doelen", "-doelen", "doe len",
                                 "d" * 42])
def test_worksheet_refuses_bad_ids(bad: str) -> None:
    with pytest.raises(ValueError, match="worksheet id"):
        sheet(ShortText(id="a", label="A"), id=bad)


@pytest.mark.parametrize("good", ["doelen", "alle-velden", "stap-2"])
def test_worksheet_accepts_good_ids(good: str) -> None:
    assert sheet(ShortText(id="a", label="A"), id=good).id == good


def test_ids_with_a_trailing_newline_are_refused() -> None:
    with pytest.raises(ValueError, match="field id"):
        ShortText(id="naam\n", label="X")
    with pytest.raises(ValueError, match="worksheet id"):
        sheet(ShortText(id="a", label="A"), id="proef\n")


@pytest.mark.parametrize("bad", ["Mijn sectie", "", "sectie-1\n"])
def test_worksheet_refuses_bad_section_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        sheet(sections=(Section(id=bad, title="S", fields=(ShortText(id="a", label="A"),)),))


def test_worksheet_refuses_duplicate_field_ids_across_sections() -> None:
    with pytest.raises(ValueError, match="'a' is used twice"):
        sheet(sections=(
            Section(id="een", title="Een", fields=(ShortText(id="a", label="A"),)),
            Section(id="twee", title="Twee", fields=(LongText(id="a", label="A"),)),
        ))


def test_worksheet_refuses_duplicate_section_ids() -> None:
    with pytest.raises(ValueError, match="sections: id 'een' is used twice"):
        sheet(sections=(
            Section(id="een", title="Een", fields=(ShortText(id="a", label="A"),)),
            Section(id="een", title="Twee", fields=(ShortText(id="b", label="B"),)),
        ))


def test_worksheet_requires_every_migration() -> None:
    with pytest.raises(ValueError, match=r"no migration from version \[1, 2\]"):
        sheet(ShortText(id="a", label="A"), schema_version=3)
    with pytest.raises(ValueError, match=r"no migration from version \[2\]"):
        sheet(ShortText(id="a", label="A"), schema_version=3, migrations={1: dict})
    ws = sheet(ShortText(id="a", label="A"), schema_version=3, migrations={1: dict, 2: dict})
    assert ws.schema_version == 3


def test_worksheet_defaults() -> None:
    ws = sheet(ShortText(id="a", label="A"))
    assert ws.hints(ws.empty_answers()) == []
    assert ws.summary(ws.empty_answers()) == []
    assert ws.summary_title == "Samenvatting"
