"""The evaluation overview as a PDF for the evaluation meeting.

Follows the engine's PDF pattern (``engine.pdf``): fpdf2 imported only when a
PDF is made, Atkinson Hyperlegible from a font folder, the same colours and
the same text clean-up. It holds the scores (a bar chart and a table), where
the roles differ most, the comparison with an earlier round, the open
answers and the action points per theme, with lines to write on when none
were typed yet.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._evaluatie import HIGHEST, ROLE_NAMES, THEMES, answer_counts, decimal
from ._evaluatie_html import (
    ALL_ROLES,
    NO_GROUP,
    attribution,
    date_label,
    files_summary,
    listing,
    open_answers,
    people,
    points,
    signed,
)
from ._evaluatie_scores import OK, SMALL_GAP
from .engine.pdf import (
    ACCENT,
    FAMILY,
    FONT_FILES,
    INK,
    MUTED,
    dutch_date,
    font_path,
    glyph_checked,
)

if TYPE_CHECKING:
    from ._evaluatie_overzicht import Overview

TITLE = "Evaluatie van de resourcegroep"
#: Bar fill per role: three clearly different greys; every bar is also labelled.
ROLE_GREY = {"client": 45, "naaste": 125, "professional": 200}
LABEL_WIDTH = 34.0
BAR_HEIGHT = 5.0


def _document(font_dir: Path, footer_text: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Pillow could not be imported": no images here
        from fpdf import FPDF

    class OverviewPDF(glyph_checked(FPDF)):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FAMILY, "", 9)
            self.set_text_color(*MUTED)
            self.cell(0, 6, footer_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"Pagina {self.page_no()} van {{nb}}", align="R")

    pdf = OverviewPDF(format="A4", unit="mm")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(font_path(font_dir, name)))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(TITLE)
    pdf.set_lang("nl")
    pdf.set_creator("Handboek Resourcegroepen")
    pdf.set_subject("Overzicht van de evaluatie per thema en per rol")
    pdf.add_page()
    return pdf


def _write(pdf: Any, text: str, size: float = 11, style: str = "",
           color: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*color)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: Any, text: str, size: float = 15, room: float = 50) -> None:
    if pdf.get_y() > pdf.h - room:
        pdf.add_page()
    pdf.ln(3)
    _write(pdf, text, size, "B", ACCENT)
    pdf.ln(1)


def _bullet(pdf: Any, text: str) -> None:
    _write(pdf, f"• {text}")


def _chart(pdf: Any, view: Overview, roles: list[str]) -> None:
    """Horizontal bars, one per role per theme, each with its role name and value."""
    plot = pdf.w - pdf.l_margin - pdf.r_margin - LABEL_WIDTH - 12
    left = pdf.l_margin + LABEL_WIDTH
    earlier = view.compared
    for theme in THEMES:
        if pdf.get_y() > pdf.h - 30 - len(roles) * 7:
            pdf.add_page()
        _write(pdf, theme.name, 11, "B")
        for role in roles:
            y = pdf.get_y() + 1
            pdf.set_font(FAMILY, "", 10)
            pdf.set_text_color(*INK)
            pdf.set_xy(pdf.l_margin, y - 0.5)
            pdf.cell(LABEL_WIDTH - 2, 6, ROLE_NAMES[role], align="R")
            value = view.scores[theme.id][role].mean
            pdf.set_draw_color(190, 190, 190)
            pdf.rect(left, y, plot, BAR_HEIGHT)
            if value is not None:
                width = plot * value / HIGHEST
                pdf.set_fill_color(*(ROLE_GREY[role],) * 3)
                pdf.set_draw_color(20, 20, 20)
                pdf.rect(left, y, width, BAR_HEIGHT, style="DF")
                pdf.set_xy(left + width + 1, y - 0.5)
                pdf.cell(12, 6, decimal(value))
            else:
                pdf.set_xy(left + 1, y - 0.5)
                pdf.cell(40, 6, "geen cijfers")
            before = earlier.means.get(theme.id, {}).get(role) if earlier else None
            if before is not None:
                pdf.set_fill_color(*INK)
                pdf.rect(left + plot * before / HIGHEST - 0.6, y - 1, 1.2, BAR_HEIGHT + 2,
                         style="F")
            pdf.set_y(y + BAR_HEIGHT + 2)
        pdf.ln(1)
    note = "Balk: gemiddelde (1 = klopt niet, 5 = klopt helemaal)."
    if earlier:
        note += f" Zwarte streep: de ronde van {dutch_date(earlier.date)}."
    _write(pdf, note, 9, "I", MUTED)


def _table(pdf: Any, rows: list[list[str]], widths: tuple[float, ...]) -> None:
    """A table with a grey heading row; cells never take over the chart's fill colour."""
    from fpdf.fonts import FontFace

    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_fill_color(255, 255, 255)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5.5, padding=1.5,
                   headings_style=heading) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(3)


def _scores(pdf: Any, view: Overview, roles: list[str]) -> None:
    _heading(pdf, "Scores per thema")
    _chart(pdf, view, roles)
    pdf.ln(3)
    rows = [["Thema", *[ROLE_NAMES[r] for r in roles]]]
    for theme in THEMES:
        cells = [theme.name]
        for role in roles:
            score = view.scores[theme.id][role]
            value = decimal(score.mean) if score.mean is not None else "geen cijfers"
            cells.append(f"{value} ({answer_counts(score.answers, score.dont_know)})")
        rows.append(cells)
    _table(pdf, rows, (2, *[2] * len(roles)))


def _differences(pdf: Any, view: Overview) -> None:
    _heading(pdf, "Waar de rollen het meest verschillen")
    if not view.differences:
        _write(pdf, "Er zijn nog maar antwoorden van één rol.")
        return
    for number, found in enumerate(view.differences):
        if found.gap < SMALL_GAP:
            _bullet(pdf, f"{found.theme.name}: ongeveer hetzelfde (verschil {decimal(found.gap)}).")
            continue
        _bullet(pdf, f"{found.theme.name}: verschil {points(found.gap)}. Laagst: "
                     f"{ROLE_NAMES[found.low_role].lower()} ({decimal(found.low)}). Hoogst: "
                     f"{ROLE_NAMES[found.high_role].lower()} ({decimal(found.high)}).")
        if number == 0:
            _write(pdf, f"Vraag voor het gesprek: {found.theme.question}", 10, "I", MUTED)


def _comparison(pdf: Any, view: Overview) -> None:
    if not view.compared or not view.current:
        return
    _heading(pdf, f"Vergeleken met de ronde van {dutch_date(view.compared.date)}")
    rows = [["Thema en rol", dutch_date(view.compared.date), date_label(view.current.date),
             "Verandering"]]
    for change in view.changes:
        who = (ROLE_NAMES[change.role] if change.role else ALL_ROLES).lower()
        delta = "–" if change.delta is None else f"{signed(change.delta)} {change.direction}"
        rows.append([f"{change.theme.name}: {who}",
                     "–" if change.before is None else decimal(change.before),
                     "–" if change.now is None else decimal(change.now), delta])
    _table(pdf, rows, (5, 2, 2, 3))


def _lines(pdf: Any, count: int) -> None:
    pdf.set_draw_color(170, 170, 170)
    for _ in range(count):
        pdf.ln(8)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def _themes(pdf: Any, view: Overview) -> None:
    assert view.current is not None
    for number, theme in enumerate(THEMES, start=1):
        _heading(pdf, f"{number}. {theme.name}", 14, room=70)
        _write(pdf, " · ".join(f"{ROLE_NAMES[role]} "
                               + ("–" if s.mean is None else decimal(s.mean))
                               for role, s in view.scores[theme.id].items()), 10, "", MUTED)
        _write(pdf, "Wat kan beter?", 11, "B")
        answers = open_answers(view.current, theme)
        for response, text in answers:
            _bullet(pdf, text)
            _write(pdf, f"  {attribution(response)}", 9, "I", MUTED)
        if not answers:
            _write(pdf, "Niemand schreef hier iets.", 10, "I", MUTED)
        earlier = view.compared.actiepunten.get(theme.id) if view.compared else ""
        if earlier and view.compared:
            pdf.ln(1)
            _write(pdf, f"Afgesproken in de ronde van {dutch_date(view.compared.date)}:", 11, "B")
            _write(pdf, earlier, 10)
        pdf.ln(1)
        _write(pdf, "Actiepunten", 11, "B")
        typed = view.actiepunten.get(theme.id, "").strip()
        if typed:
            _write(pdf, typed)
        else:
            _lines(pdf, 3)


def _files(pdf: Any, view: Overview) -> None:
    _heading(pdf, "Ingelezen bestanden", 12)
    _write(pdf, files_summary(view.files), 10, "", MUTED)
    for result in view.files:
        if result.status != OK:
            _write(pdf, f"{result.name}: {result.message}", 9, "", MUTED)


def overview_pdf(view: Overview, font_dir: Path, today: dt.date) -> bytes:
    """The whole overview for the chosen group and date as PDF bytes."""
    current = view.current
    group = (current.group or NO_GROUP) if current else ""
    footer = f"Evaluatie · {group}" if current else "Evaluatie"
    pdf = _document(font_dir, footer)
    _write(pdf, TITLE, 20, "B", ACCENT)
    pdf.ln(1)
    if current is None:
        _write(pdf, "Er zijn nog geen antwoorden meegeteld.")
        return bytes(pdf.output())
    _write(pdf, f"{group} · {date_label(current.date)}", 13, "B")
    roles = current.roles()
    _write(pdf, f"{people(len(current.responses))}: "
                f"{listing([people(current.count(r), r) for r in roles])}. "
                f"Gemaakt op {dutch_date(today)}.", 10, "", MUTED)
    _scores(pdf, view, roles)
    _differences(pdf, view)
    _comparison(pdf, view)
    _themes(pdf, view)
    _files(pdf, view)
    return bytes(pdf.output())
