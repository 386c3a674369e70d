"""Unit tests for worksheets.engine.pdf: the filled-in and blank PDFs, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from worksheets import doelen
from worksheets.engine import bridge
from worksheets.engine.documents import normalize
from worksheets.engine.pdf import (
    EMPTY,
    FONT_FILES,
    UNSHOWN_MARK,
    answer_lines,
    answers_pdf,
    blank_pdf,
    dutch_date,
    font_path,
    noting_unshown,
    shown,
)
from worksheets.engine.schema import (
    Choice,
    Date,
    Group,
    ItemList,
    LongText,
    Option,
    Scale,
    ShortText,
    YesNo,
)

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "atkinson-hyperlegible"
SHEET = doelen.WORKSHEET
TODAY = dt.date(2026, 11, 22)
A4 = (595.28, 841.89)
COLOURS = (Option("rood", "Rood"), Option("groen", "Groen"))

WAAROM = ("Ik mis het contact met Zoë. Vroeger gingen we elke zaterdag samen naar het café "
          "op de hoek. Daar dronken we koffie en praatten we over één ding dat ons bezighield. "
          "Sinds ik ziek werd, durf ik niet meer goed de deur uit. Ik wil dat weer kunnen, "
          "stap voor stap, zonder dat het te veel wordt.")

ANSWERS: dict[str, Any] = {
    "moeilijk": [
        "Slecht slapen",
        "Contact met Zoë, mijn dochter",
        "Naar het café gaan zonder paniek",
        "",
        "Geldzaken en één stapel post",
        "Alleen thuis zijn",
        "Werk vinden",
    ],
    "ideeen": "Eerst één keer per week met Zoë wandelen.\nDaarna misschien samen naar het café.",
    "geprobeerd": "",
    "doelen": [
        {
            "doel": "Ik wil één keer per week met Zoë naar het café",
            "gebied": "maatschappelijk",
            "termijn": "kort",
            "waarom": WAAROM,
            "eerste_stap": "Dinsdag bel ik Zoë",
            "zelf": "",
            "hulp": "mijn zus Anna en café-eigenaar Özil",
            "merken": "",
        },
        {
            "doel": "Ik wil weer werken",
            "gebied": "",
            "termijn": "lang",
            "waarom": "",
            "eerste_stap": "",
            "zelf": "",
            "hulp": "",
            "merken": "",
        },
        {key: "" for key in ("doel", "gebied", "termijn", "waarom", "eerste_stap", "zelf",
                             "hulp", "merken")},
    ],
}
#: Empty fields above: geprobeerd; goal 1 zelf, merken; goal 2 gebied, waarom, eerste_stap,
#: zelf, hulp, merken. The third goal is empty and is left out.
EMPTY_FIELDS = 1 + 2 + 6


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


FOOTER = re.compile(r"^.* · .*Pagina \d+ van \d+$", re.MULTILINE)


def body(reader: PdfReader) -> str:
    """The text of all pages without their footers, so text can run on across pages."""
    return "\n".join(FOOTER.sub("", page.extract_text()) for page in reader.pages)


@pytest.fixture(scope="module")
def filled() -> tuple[PdfReader, str]:
    data = answers_pdf(SHEET, normalize(SHEET, ANSWERS), FONTS, TODAY, "22 november 2026, 10:15")
    assert data.startswith(b"%PDF-")
    return read(data)


@pytest.fixture(scope="module")
def long_answer() -> tuple[PdfReader, str]:
    answers = normalize(SHEET, {**ANSWERS, "ideeen": " ".join(["Zoë gaat één keer naar het "
                                                               "café."] * 120)})
    assert len(answers["ideeen"]) <= 5000
    return read(answers_pdf(SHEET, answers, FONTS, TODAY))


@pytest.fixture(scope="module")
def blank() -> tuple[PdfReader, str]:
    return read(blank_pdf(SHEET, FONTS))


# --------------------------------------------------------------------------- answers_pdf


def test_every_answer_appears(filled: tuple[PdfReader, str]) -> None:
    _, text = filled
    flat = squash(text)
    goal = ANSWERS["doelen"][0]
    expected = [
        *[f"{n}. {item}" for n, item in enumerate(
            [i for i in ANSWERS["moeilijk"] if i], start=1)],
        ANSWERS["ideeen"],
        goal["doel"], goal["waarom"], goal["eerste_stap"], goal["hulp"],
        "Maatschappelijk herstel: werk, dagbesteding, wonen, contacten",
        "Binnenkort: in de komende maanden",
        "Ik wil weer werken",
        "Later: over ongeveer een jaar",
    ]
    for answer in expected:
        assert squash(answer) in flat, answer


def test_answers_keep_dutch_letters_word_by_word(filled: tuple[PdfReader, str]) -> None:
    words = set(filled[1].split())
    for word in ("Zoë", "één", "café", "Özil", "Zoë,", "café-eigenaar"):
        assert word in words, word


def test_questions_and_sections_appear(filled: tuple[PdfReader, str]) -> None:
    flat = squash(filled[1])
    for section in SHEET.sections:
        assert squash(section.title) in flat
    for spec in SHEET.fields():
        assert squash(spec.label) in flat
    group = SHEET.field("doelen")
    assert isinstance(group, Group)
    for member in group.fields:
        assert squash(member.label) in flat


def test_filled_goals_are_numbered_and_empty_goals_left_out(
        filled: tuple[PdfReader, str]) -> None:
    lines = [line.strip() for line in filled[1].splitlines()]
    assert "Doel 1" in lines
    assert "Doel 2" in lines
    assert "Doel 3" not in lines


def test_empty_fields_say_not_filled_in(filled: tuple[PdfReader, str]) -> None:
    assert filled[1].count(EMPTY) == EMPTY_FIELDS


def test_summary_is_included(filled: tuple[PdfReader, str]) -> None:
    text = filled[1][filled[1].index("Mijn doelen op een rij"):]
    flat = squash(text)
    for line in ("1. Slecht slapen", "5. Alleen thuis zijn",
                 "• Ik wil één keer per week met Zoë naar het café (maatschappelijk herstel)",
                 "• Ik wil weer werken", "• Ik wil één keer per week met Zoë naar het café: "
                 "Dinsdag bel ik Zoë"):
        assert squash(line) in flat, line
    assert squash("6. Werk vinden") not in flat  # at most five problems
    assert "• 1." not in text  # numbered lines get no bullet as well
    assert "Nog geen eerste stappen." not in text


def test_header_and_footer(filled: tuple[PdfReader, str]) -> None:
    reader, text = filled
    assert "Gemaakt op 22 november 2026" in text
    assert "Laatst bijgewerkt: 22 november 2026, 10:15" in text
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        assert f"Pagina {number} van {pages}" in page_text
        assert "Doelen formuleren · ingevuld, 22 november 2026" in page_text
    assert "{nb}" not in text


def test_page_size_is_a4_and_metadata_is_set(filled: tuple[PdfReader, str]) -> None:
    reader, _ = filled
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=1)
        assert float(box.height) == pytest.approx(A4[1], abs=1)
    assert reader.metadata is not None
    assert reader.metadata.title == SHEET.title
    assert reader.metadata.subject == SHEET.description
    assert reader.metadata.creator == "Handboek Resourcegroepen"
    assert reader.trailer["/Root"].get("/Lang") == "nl"  # screen readers speak Dutch


def test_fonts_are_embedded(filled: tuple[PdfReader, str]) -> None:
    fonts = set()
    for page in filled[0].pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("AtkinsonHyperlegible" in name for name in fonts)


def test_a_long_answer_takes_more_than_one_page(long_answer: tuple[PdfReader, str]) -> None:
    reader, text = long_answer
    pages = len(reader.pages)
    assert pages > 1
    assert f"Pagina 1 van {pages}" in text
    assert f"Pagina 2 van {pages}" in text
    assert squash(" ".join(["Zoë gaat één keer naar het café."] * 120)) in squash(body(reader))
    assert len(FOOTER.findall(text)) == pages


def test_nothing_filled_in() -> None:
    reader, text = read(answers_pdf(SHEET, SHEET.empty_answers(), FONTS, TODAY))
    assert len(reader.pages) == 1
    # moeilijk, ideeen, geprobeerd and the goals group
    assert text.count(EMPTY) == 4
    for empty_text in ("Je hebt nog niet opgeschreven wat moeilijk is.",
                       "Nog geen doel voor de komende maanden.", "Nog geen doel voor later.",
                       "Nog geen eerste stappen.", "Nog niemand genoemd."):
        assert empty_text in text
    assert "Laatst bijgewerkt" not in text


def test_characters_missing_from_the_font_do_not_stop_the_export() -> None:
    answers = normalize(SHEET, {"ideeen": "Samen lachen 😀 met Zoë", "moeilijk": ["中文"]})
    _, text = read(answers_pdf(SHEET, answers, FONTS, TODAY))
    assert "Samen lachen" in text and "met Zoë" in text


def _ideeen_pdf_text(typed: str) -> str:
    return read(answers_pdf(SHEET, normalize(SHEET, {"ideeen": typed}), FONTS, TODAY))[1]


@pytest.mark.parametrize("typed", ["Naar het Ĳsselmeer", "Een ĳsje eten"])
def test_dutch_ij_ligature_is_not_lost(typed: str) -> None:
    flat = squash(_ideeen_pdf_text(typed))
    # Either the ligature itself or its compatibility form "ij"/"IJ" is fine.
    assert squash(typed) in flat or squash(unicodedata.normalize("NFKC", typed)) in flat


def test_tab_does_not_glue_words_together() -> None:
    assert re.search(r"Boodschappen\s+doen", _ideeen_pdf_text("Boodschappen\tdoen"))


# --------------------------------------------------------------------------- blank_pdf


def test_blank_pdf_has_title_labels_and_page_numbers(blank: tuple[PdfReader, str]) -> None:
    reader, text = blank
    flat = squash(text)
    assert SHEET.title in text
    assert "Pagina 1 van" in text
    assert f"Pagina 1 van {len(reader.pages)}" in text
    assert "Doelen formuleren · om op papier in te vullen" in text
    for spec in SHEET.fields():
        assert squash(spec.label) in flat, spec.label
    group = SHEET.field("doelen")
    assert isinstance(group, Group)
    for member in group.fields:
        assert squash(member.label) in flat, member.label
        if member.help:
            assert squash(member.help) in flat, member.help
    for option in (*doelen.DIMENSIONS, *doelen.TERMS):
        assert squash(option.label) in flat
    assert "Doel 1" in text and "Doel 2" in text and "Doel 3" not in text
    assert EMPTY not in text


def test_blank_pdf_is_a4_with_the_worksheet_title(blank: tuple[PdfReader, str]) -> None:
    reader, _ = blank
    assert reader.metadata is not None and reader.metadata.title == SHEET.title
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=1)


def test_blank_pdf_blocks_per_group() -> None:
    _, text = read(blank_pdf(SHEET, FONTS, blocks_per_group=3))
    lines = [line.strip() for line in text.splitlines()]
    assert {"Doel 1", "Doel 2", "Doel 3"} <= set(lines)
    assert "Doel 4" not in lines


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-22", "22 november 2026"),
    ("2026-01-01", "1 januari 2026"),
    ("2025-03-09", "9 maart 2025"),
    (dt.date(2026, 5, 31), "31 mei 2026"),
    (dt.datetime(2026, 12, 24, 18, 30), "24 december 2026"),
    ("morgen", "morgen"),
    ("2026-02-30", "2026-02-30"),
    ("", ""),
])
def test_dutch_date(value: str | dt.date, expected: str) -> None:
    assert dutch_date(value) == expected


def test_dutch_date_months() -> None:
    months = [dutch_date(dt.date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert months == ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                      "augustus", "september", "oktober", "november", "december"]


def test_font_path_finds_fonts_in_subfolders(tmp_path: Path) -> None:
    for name in FONT_FILES.values():
        found = font_path(FONTS, name)
        assert found.is_file() and found.name == name
    direct = tmp_path / "AtkinsonHyperlegible_400Regular.ttf"
    direct.write_bytes(b"x")
    assert font_path(tmp_path, direct.name) == direct
    with pytest.raises(FileNotFoundError, match="not found"):
        font_path(tmp_path, "Bestaat_niet.ttf")


@pytest.mark.parametrize(("spec", "value", "lines"), [
    (ShortText(id="a", label="A"), "Zoë", ["Zoë"]),
    (ShortText(id="a", label="A"), "   ", []),
    (LongText(id="a", label="A"), "regel 1\nregel 2", ["regel 1\nregel 2"]),
    (LongText(id="a", label="A"), "", []),
    (Choice(id="a", label="A", options=COLOURS), "groen", ["Groen"]),
    (Choice(id="a", label="A", options=COLOURS), "paars", ["paars"]),
    (Choice(id="a", label="A", options=COLOURS), "", []),
    (Choice(id="a", label="A", options=COLOURS, multiple=True), ["rood", "groen"],
     ["Rood", "Groen"]),
    (Choice(id="a", label="A", options=COLOURS, multiple=True), [], []),
    (Date(id="a", label="A"), "2026-11-22", ["22 november 2026"]),
    (Date(id="a", label="A"), "", []),
    (Scale(id="a", label="A", minimum=0, maximum=10), 0, ["0 (op een schaal van 0 tot 10)"]),
    (Scale(id="a", label="A"), 5, ["5 (op een schaal van 1 tot 5)"]),
    (Scale(id="a", label="A"), None, []),
    (YesNo(id="a", label="A"), True, ["Ja"]),
    (YesNo(id="a", label="A"), False, ["Nee"]),
    (YesNo(id="a", label="A"), None, []),
    (ItemList(id="a", label="A"), [" één ", "", "  ", "café"], ["1. één", "2. café"]),
    (ItemList(id="a", label="A"), ["", " "], []),
    (Group(id="a", label="A", fields=(ShortText(id="b", label="B"),)), [{"b": ""}], []),
])
def test_answer_lines(spec: Any, value: Any, lines: list[str]) -> None:
    assert answer_lines(spec, value) == lines


# --------------------------------------------------------------------------- glyphs

#: Typed on a phone or by someone who writes another script: the font has none of these.
NOT_IN_FONT = "Ik voel me 😊 goed 👍🏽. Ольга helpt, 山田 ook, مرحبا"


@cache
def glyphs() -> frozenset[int]:
    """The code points of every PDF style (the same set for each)."""
    sets = {frozenset(TTFont(font_path(FONTS, name)).getBestCmap()) for name in FONT_FILES.values()}
    assert len(sets) == 1
    return sets.pop()


def test_the_mark_itself_is_in_the_font() -> None:
    assert all(ord(char) in glyphs() for char in UNSHOWN_MARK)  # so shown() is stable
    assert shown(shown(NOT_IN_FONT, glyphs()), glyphs()) == shown(NOT_IN_FONT, glyphs())


@pytest.mark.parametrize("text, expected", [
    ("Zoë, één café – 12 €", "Zoë, één café – 12 €"),
    ("Ik ben 😊 blij", "Ik ben [?] blij"),
    ("Duim 👍🏽 en ❤️", "Duim [?] en [?]"),  # a sequence is one mark
    ("© en ©️", "© en ©"),  # the emoji selector after a sign the font has: nothing to see
    ("Ольга en Zoë", "[?] en Zoë"),
    ("zonder\u200bspatie", "zonderspatie"),  # a zero-width space shows nothing anyway
    ("regel\nregel", "regel\nregel"),
    ("ĳs\tkoud", "ijs    koud"),
])
def test_shown_marks_what_the_font_cannot_show(text: str, expected: str) -> None:
    assert shown(text, glyphs()) == expected


def test_shown_writes_a_letter_with_its_accents_when_only_those_are_in_the_font() -> None:
    assert ord("ễ") not in glyphs()
    assert shown("Nguyễn", glyphs()) == unicodedata.normalize("NFD", "Nguyễn")


def test_a_pdf_shows_a_mark_and_notes_each_character_once(caplog: pytest.LogCaptureFixture,
                                                           ) -> None:
    answers = normalize(SHEET, {**ANSWERS, "moeilijk": [NOT_IN_FONT, "Nog eens 😊\u200b"]})
    with noting_unshown() as found:
        _, text = read(answers_pdf(SHEET, answers, FONTS, TODAY))
    assert "Ik voel me [?] goed [?]. [?] helpt, [?] ook, [?]" in text
    assert list(found)[:8] == ["😊", "👍", "🏽", "О", "л", "ь", "г", "а"]
    assert "\u200b" not in found and len(found) == len(set(found))
    assert "missing the following glyphs" not in caplog.text
    with noting_unshown() as found:
        read(answers_pdf(SHEET, normalize(SHEET, ANSWERS), FONTS, TODAY))
    assert list(found) == []


def test_the_bridge_returns_the_pdf_and_what_it_could_not_show(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bridge, "BROWSER_FONT_DIR", FONTS)  # the certificate's fonts
    data, unshown = bridge.export_pdf_noting("doelen", json.dumps({"moeilijk": ["Zoë 😊"]}),
                                             "2026-11-22", "", str(FONTS))
    assert data.startswith(b"%PDF-") and json.loads(unshown) == ["😊"]
    certificate = json.dumps({"name": "Ольга", "modules": {"basis": "2026-11-20"},
                              "today": "2026-11-22"})
    data, unshown = bridge.pdf_call("worksheets._zelftoets", "certificate", certificate)
    assert data.startswith(b"%PDF-") and json.loads(unshown) == list("Ольга")
    with pytest.raises(ValueError, match="Niet toegestaan"):
        bridge.pdf_call("os", "system", "[]")


def test_a_question_never_ends_a_page_without_its_answer() -> None:
    """Longer and longer ideas push every later question and summary title past the
    bottom of a page."""
    labels = {spec.label for spec in SHEET.fields()} | {
        member.label for member in SHEET.field("doelen").fields} | {  # type: ignore[attr-defined]
        block.title for block in SHEET.summary(normalize(SHEET, ANSWERS))}
    endings = set()
    for lines in range(20, 110, 3):
        ideas = "\n".join(f"Idee {n}: één keer per week wandelen." for n in range(lines))
        reader, _ = read(answers_pdf(SHEET, normalize(SHEET, {**ANSWERS, "ideeen": ideas}),
                                     FONTS, TODAY))
        for page in reader.pages[:-1]:
            last = FOOTER.sub("", page.extract_text()).strip().splitlines()[-1]
            endings.add(last)
            assert last not in labels, (lines, last)
    assert len(endings) > 5  # the test did move the page break through the questions
