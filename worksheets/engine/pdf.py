"""PDF exports of a worksheet: filled in, and blank for paper.

Uses fpdf2 (pure Python; Pillow is not needed and not shipped to the
browser). It is imported only when a PDF is made, so opening a worksheet
never pays for it. Text is set in Atkinson Hyperlegible, which covers Dutch
diacritics; the font files are passed in as a folder.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import warnings
from collections.abc import Container, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .schema import (
    Answers,
    Choice,
    Date,
    Field,
    Group,
    ItemList,
    Scale,
    SummaryBlock,
    Worksheet,
    YesNo,
)

FONT_FILES = {
    "": "AtkinsonHyperlegible_400Regular.ttf",
    "B": "AtkinsonHyperlegible_700Bold.ttf",
    "I": "AtkinsonHyperlegible_400Regular_Italic.ttf",
}
FAMILY = "Atkinson"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
EMPTY = "(niet ingevuld)"
#: Room a question needs below it on a page (two lines of question, one of answer), in mm.
QUESTION_ROOM = 18
#: Height of a list's label above its blocks, in mm.
LABEL_HEIGHT = 6
#: Lines of one table row at most: a taller row continues in the next row (a row
#: higher than a page cannot be drawn at all).
TABLE_ROW_LINES = 30
TABLE_LINE_HEIGHT = 5.5
INK = (20, 20, 20)
MUTED = (95, 95, 95)
ACCENT = (0, 84, 122)


def font_path(font_dir: Path, name: str) -> Path:
    """A font file in ``font_dir`` or one of its subfolders (as npm lays them out)."""
    direct = font_dir / name
    if direct.is_file():
        return direct
    found = sorted(font_dir.rglob(name))
    if not found:
        raise FileNotFoundError(f"font {name} not found in {font_dir}")
    return found[0]


def dutch_date(value: str | dt.date) -> str:
    """``2026-11-22`` → ``22 november 2026``; other text is returned as is."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def answer_lines(spec: Field, value: Any) -> list[str]:
    """An answer as the lines a reader sees; empty list when not filled in."""
    if spec.is_empty(value):
        return []
    if isinstance(spec, Choice):
        chosen = value if spec.multiple else [value]
        return [spec.label_of(v) for v in chosen]
    if isinstance(spec, Scale):
        return [f"{value} (op een schaal van {spec.minimum} tot {spec.maximum})"]
    if isinstance(spec, YesNo):
        return ["Ja" if value else "Nee"]
    if isinstance(spec, Date):
        return [dutch_date(value)]
    if isinstance(spec, ItemList):
        items = [v.strip() for v in value if v.strip()]
        return [f"{number}. {item}" for number, item in enumerate(items, start=1)]
    return [str(value)]


def _new_document(sheet: Worksheet | _DocumentInfo, font_dir: Path, subtitle: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Pillow could not be imported": no images here
        from fpdf import FPDF

    class WorksheetPDF(glyph_checked(FPDF)):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FAMILY, "", 9)
            self.set_text_color(*MUTED)
            self.cell(0, 6, f"{sheet.title} · {subtitle}", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"Pagina {self.page_no()} van {{nb}}", align="R")

    pdf = WorksheetPDF(format="A4", unit="mm")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(font_path(font_dir, name)))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(sheet.title)
    pdf.set_lang("nl")
    pdf.set_creator("Handboek Resourcegroepen")
    pdf.set_subject(sheet.description)
    pdf.add_page()
    return pdf


#: Characters the font has no glyph for, written the way a Dutch reader expects.
_REPLACEMENTS = str.maketrans({"\u0133": "ij", "\u0132": "IJ", "\t": "    "})
#: What a PDF shows for a run of characters its font has no glyph for (an emoji, a name
#: in another script): visibly something, where leaving them out would hide it.
UNSHOWN_MARK = "[?]"
_LINE_BREAKS = frozenset("\n\r")


def _printable(text: str) -> str:
    """The ĳ ligature as "ij", tabs as spaces."""
    return text.translate(_REPLACEMENTS)


def _invisible(char: str) -> bool:
    """Nothing to see: a format character (zero-width space, joiner, direction mark) or a
    variation selector (the one that makes ❤ an emoji)."""
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF)


def _as_shown(char: str, glyphs: Container[int]) -> str | None:
    """``char`` as the font shows it: itself, or as a letter and its accents ("ễ" as "e"
    with two combining accents); None when the font cannot show it."""
    if ord(char) in glyphs or char in _LINE_BREAKS:
        return char
    parts = unicodedata.normalize("NFD", char)
    return parts if len(parts) > 1 and all(ord(part) in glyphs for part in parts) else None


#: Where :class:`glyph_checked` PDFs note the characters they showed as a mark.
_notes: list[dict[str, None]] = []


@contextmanager
def noting_unshown() -> Iterator[dict[str, None]]:
    """Collect, in order and once each, the visible characters the PDFs made inside the
    block showed as :data:`UNSHOWN_MARK`."""
    found: dict[str, None] = {}
    _notes.append(found)
    try:
        yield found
    finally:
        _notes.remove(found)


def shown(text: str, glyphs: Container[int]) -> str:
    """``text`` as a font with these ``glyphs`` (code points) shows it: the ĳ ligature
    as "ij", tabs as spaces, and each run of characters without a glyph as :data:`UNSHOWN_MARK`."""
    out: list[str] = []
    in_run = False
    for char in _printable(text):
        as_shown = _as_shown(char, glyphs)
        if as_shown is not None:
            out.append(as_shown)
            in_run = False
        elif not _invisible(char):
            for found in _notes:
                found[char] = None
            if not in_run:
                out.append(UNSHOWN_MARK)
                in_run = True
    return "".join(out)


def glyph_checked(fpdf_class: type) -> type:
    """``fpdf_class`` whose text shows a mark where its font has no glyph (see
    :func:`shown`), instead of leaving the character out."""

    class GlyphChecked(fpdf_class):  # type: ignore[misc, valid-type]
        def normalize_text(self, text: str) -> str:
            font = self.current_font
            glyphs = getattr(font, "cmap", None)
            return super().normalize_text(text if glyphs is None else shown(text, glyphs))

    return GlyphChecked


def _write(pdf: Any, text: str, size: float = 11, style: str = "",
           color: tuple[int, int, int] = INK, height: float | None = None) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*color)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(0, height or size * 0.5, text, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: Any, text: str, size: float, then: float = 0) -> None:
    """A heading, with room below it for ``then`` mm of lesser headings and a question."""
    _room_for_a_question(pdf, above=_heading_height(size) + then)
    pdf.ln(3)
    _write(pdf, text, size, "B", ACCENT)
    pdf.ln(1)


def _heading_height(size: float) -> float:
    return 4 + size * 0.5


def _room_for_a_question(pdf: Any, above: float = 0) -> None:
    """A new page unless a question (and ``above`` mm of headings over it) fits here."""
    if pdf.get_y() > pdf.h - pdf.b_margin - QUESTION_ROOM - above:
        pdf.add_page()


def _field_answer(pdf: Any, spec: Field, value: Any, if_empty: bool = True) -> None:
    """A question and its answer (or, ``if_empty``, that it is empty); a question is
    never the last line of a page."""
    lines = answer_lines(spec, value)
    if not lines and not if_empty:
        return
    _room_for_a_question(pdf)
    _write(pdf, spec.label, 11, "B")
    if lines:
        for line in lines:
            _write(pdf, line, 11)
    else:
        _write(pdf, EMPTY, 10, "I", MUTED)
    pdf.ln(2)


def _group_answer(pdf: Any, spec: Group, items: list[dict[str, Any]],
                  titled: bool = False) -> None:
    """The filled-in blocks of a list; its label unless the section above has that title."""
    _room_for_a_question(pdf, above=(0 if titled else LABEL_HEIGHT) + _heading_height(12))
    if not titled:
        _write(pdf, spec.label, 12, "B")
    filled = [(number, item) for number, item in enumerate(items, start=1)
              if not spec.is_empty([item])]
    if not filled:
        _write(pdf, EMPTY, 10, "I", MUTED)
        pdf.ln(2)
        return
    alternatives = [member for member in spec.fields if member.alternative]
    for number, item in filled:  # numbered as on screen, empty blocks left out
        _heading(pdf, f"{spec.item_label} {number}", 12)
        # Of two ways to give one answer, the one used; the first when neither is.
        used = [m for m in alternatives if answer_lines(m, item.get(m.id, m.empty()))]
        shown = used or alternatives[:1]
        for member in spec.fields:
            _field_answer(pdf, member, item.get(member.id, member.empty()),
                          if_empty=not member.alternative or member in shown)


def _summary(pdf: Any, sheet: Worksheet, blocks: list[SummaryBlock]) -> None:
    if not blocks:
        return
    _heading(pdf, sheet.summary_title, 16, then=LABEL_HEIGHT)
    for block in blocks:
        _room_for_a_question(pdf)  # a block's title never ends a page
        _write(pdf, block.title, 12, "B")
        lines = [line for line in block.lines if line.strip()]
        for line in lines or [block.empty_text or EMPTY]:
            bullet = "• " if lines and not block.numbered else ""
            _write(pdf, bullet + line, 11, "" if lines else "I")
        pdf.ln(2)


def answers_pdf(sheet: Worksheet, answers: Answers, font_dir: Path,
                today: dt.date, saved_at: str = "") -> bytes:
    """The filled-in worksheet: every question with its answer, then the summary."""
    pdf = _new_document(sheet, font_dir, f"ingevuld, {dutch_date(today)}")
    _write(pdf, sheet.title, 22, "B", ACCENT, height=10)
    _write(pdf, f"Gemaakt op {dutch_date(today)}", 10, "", MUTED)
    if saved_at:
        _write(pdf, f"Laatst bijgewerkt: {saved_at}", 10, "", MUTED)
    pdf.ln(2)
    for section in sheet.sections:
        _heading(pdf, section.title, 16, then=LABEL_HEIGHT + _heading_height(12))
        for spec in section.fields:
            value = answers.get(spec.id, spec.empty())
            if isinstance(spec, Group):
                _group_answer(pdf, spec, value, titled=spec.label == section.title)
            else:
                _field_answer(pdf, spec, value)
    _summary(pdf, sheet, sheet.summary(answers))
    return bytes(pdf.output())


def _lines_to_write(pdf: Any, count: int) -> None:
    pdf.set_draw_color(170, 170, 170)
    for _ in range(count):
        if pdf.get_y() > pdf.h - 28:
            pdf.add_page()
        pdf.ln(8)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)


def _boxes(pdf: Any, labels: list[str]) -> None:
    pdf.set_draw_color(60, 60, 60)
    for label in labels:
        if pdf.get_y() > pdf.h - 28:
            pdf.add_page()
        y = pdf.get_y() + 1
        pdf.rect(pdf.l_margin, y, 4, 4)
        pdf.set_xy(pdf.l_margin + 7, y - 0.5)
        pdf.set_font(FAMILY, "", 11)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 5.5, label, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(2)


def _blank_field(pdf: Any, spec: Field) -> None:
    _write(pdf, spec.label, 11, "B")
    if spec.help:
        _write(pdf, spec.help, 10, "", MUTED)
    if isinstance(spec, Choice) and spec.options:
        _boxes(pdf, [o.label for o in spec.options])
    elif isinstance(spec, Choice):  # dynamic: the choices come from other worksheets
        _lines_to_write(pdf, 2 if spec.multiple else 1)
    elif isinstance(spec, Scale):
        ends = f" ({spec.minimum} = {spec.low_label}, {spec.maximum} = {spec.high_label})" \
            if spec.low_label else ""
        _write(pdf, "Omcirkel: " + "   ".join(str(n) for n in range(spec.minimum, spec.maximum + 1))
               + ends, 11)
        pdf.ln(2)
    elif isinstance(spec, YesNo):
        _boxes(pdf, ["Ja", "Nee"])
    elif isinstance(spec, ItemList):
        for number in range(1, 6):
            _write(pdf, f"{number}.", 11)
            _lines_to_write(pdf, 1)
    else:
        _lines_to_write(pdf, 4 if spec.kind == "longtext" else 1)


def blank_pdf(sheet: Worksheet, font_dir: Path, blocks_per_group: int = 2) -> bytes:
    """An empty worksheet to fill in on paper, with lines and boxes."""
    pdf = _new_document(sheet, font_dir, "om op papier in te vullen")
    _write(pdf, sheet.title, 22, "B", ACCENT, height=10)
    _write(pdf, sheet.intro, 11)
    _write(pdf, "Datum: ____________________", 11)
    for section in sheet.sections:
        _heading(pdf, section.title, 16, then=LABEL_HEIGHT + _heading_height(12))
        if section.intro:
            _write(pdf, section.intro, 10, "", MUTED)
            pdf.ln(1)
        for spec in section.fields:
            if isinstance(spec, Group):
                for number in range(1, blocks_per_group + 1):
                    _heading(pdf, f"{spec.item_label} {number}", 13)
                    for member in spec.fields:
                        _blank_field(pdf, member)
            else:
                _blank_field(pdf, spec)
    return bytes(pdf.output())


class PdfDocument:
    """A small writing API for a worksheet's extra exports (see ``Export``).

    Same look as the answers PDF: A4, Atkinson Hyperlegible, page numbers,
    title and Dutch language in the metadata. ``pdf`` is the underlying
    fpdf2 object, for drawing shapes (vector only: no images).
    """

    def __init__(self, sheet_title: str, subtitle: str, font_dir: Path,
                 description: str = "") -> None:
        info = _DocumentInfo(sheet_title, description)
        self.pdf = _new_document(info, font_dir, subtitle)

    def title(self, text: str) -> None:
        _write(self.pdf, text, 22, "B", ACCENT, height=10)

    def meta_line(self, text: str) -> None:
        _write(self.pdf, text, 10, "", MUTED)

    def heading(self, text: str, level: int = 1) -> None:
        _heading(self.pdf, text, 16 if level == 1 else 13)

    def paragraph(self, text: str, muted: bool = False) -> None:
        _write(self.pdf, text, 11, "", MUTED if muted else INK)
        self.pdf.ln(1)

    def field(self, label: str, lines: list[str]) -> None:
        _write(self.pdf, label, 11, "B")
        for line in [line for line in lines if line.strip()] or [EMPTY]:
            _write(self.pdf, line, 11 if line != EMPTY else 10, "" if line != EMPTY else "I",
                   INK if line != EMPTY else MUTED)
        self.pdf.ln(2)

    def bullets(self, lines: list[str], empty_text: str = "") -> None:
        shown = [line for line in lines if line.strip()]
        for line in shown:
            _write(self.pdf, f"• {line}", 11)
        if not shown and empty_text:
            _write(self.pdf, empty_text, 10, "I", MUTED)
        self.pdf.ln(2)

    def table(self, headers: list[str], rows: list[list[str]],
              widths: list[float] | None = None) -> None:
        from fpdf.fonts import FontFace

        self.pdf.set_font(FAMILY, "", 10)
        self.pdf.set_text_color(*INK)
        shares = widths or [1.0] * len(headers)
        # Each column as wide as the table gives it, less a margin for the cell's padding.
        columns = [self.pdf.epw * share / sum(shares) - 3 for share in shares]
        with self.pdf.table(col_widths=widths, text_align="LEFT", line_height=TABLE_LINE_HEIGHT,
                            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)),
                            borders_layout="HORIZONTAL_LINES") as table:
            pieces = [[str(value) for value in headers]]
            for values in rows:
                pieces += self._row_pieces([str(value) for value in values], columns)
            for piece in pieces:
                row = table.row()
                for value in piece:
                    row.cell(value)
        self.pdf.ln(3)

    def _row_pieces(self, values: list[str], columns: list[float]) -> list[list[str]]:
        """One row, or several when a cell has more than :data:`TABLE_ROW_LINES` lines."""
        lines = [self.pdf.multi_cell(width, TABLE_LINE_HEIGHT, value, dry_run=True,
                                     output="LINES") if value else [""]
                 for value, width in zip(values, columns, strict=False)]
        count = max(len(cell) for cell in lines)
        if count <= TABLE_ROW_LINES:
            return [values]
        return [["\n".join(cell[start:start + TABLE_ROW_LINES]) for cell in lines]
                for start in range(0, count, TABLE_ROW_LINES)]

    def space(self, millimetres: float) -> None:
        self.pdf.ln(millimetres)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


class _DocumentInfo:
    """What ``_new_document`` reads from a worksheet, for a free-form document."""

    def __init__(self, title: str, description: str) -> None:
        self.title = title
        self.description = description
