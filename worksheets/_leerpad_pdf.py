"""The certificate of the learning path: a one-page PDF the learner keeps.

Written with the engine's :class:`PdfDocument` (A4, Atkinson Hyperlegible,
page numbers). The typed name goes into the PDF only. The text says plainly
what the overview is: the learner's own record, not a diploma.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .engine.pdf import ACCENT, FAMILY, INK, MUTED, PdfDocument, dutch_date

if TYPE_CHECKING:
    from ._zelftoets import Module

BLANK = "______________________________"
TITLE = "Leerpad resourcegroepen"


def _name_block(document: PdfDocument, name: str) -> None:
    pdf = document.pdf
    pdf.set_font(FAMILY, "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, "Deze modules zijn afgerond door", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 10, name or BLANK, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(5)


def certificate_pdf(name: str, done: Sequence[tuple[Module, dt.date | None]],
                    modules: Sequence[Module], today: dt.date, font_dir: Path) -> bytes:
    """One page: who, which modules and when, what is still to do, room to sign."""
    document = PdfDocument(TITLE, "overzicht van afgeronde modules", font_dir,
                           "Een eigen overzicht van afgeronde modules, voor je portfolio.")
    document.title(TITLE)
    document.meta_line(f"Overzicht van afgeronde modules · gemaakt op {dutch_date(today)}")
    document.space(6)
    _name_block(document, name)
    if done:
        document.paragraph(
            f"{len(done)} van de {len(modules)} modules van het leerpad voor nieuwe "
            f"regieondersteuners {'is' if len(done) == 1 else 'zijn'} doorgewerkt: de tekst "
            "uit het handboek gelezen, de casus en de reflectievragen bekeken, en de zelftoets "
            "helemaal goed gemaakt.")
        document.table(["Module", "Onderwerp", "Afgerond op"],
                       [[f"{m.number}. {m.title}", m.topic, dutch_date(day) if day else "–"]
                        for m, day in done], widths=[48, 90, 36])
    else:
        document.paragraph("Er zijn nog geen modules afgerond.", muted=True)
    finished = {module.id for module, _ in done}
    missing = [m for m in modules if m.id not in finished]
    if done and missing:
        document.field("Nog te doen", [f"{m.number}. {m.title}" for m in missing])
    document.heading("Besproken met", 2)
    document.paragraph("Bespreek dit overzicht met je werkbegeleider of trainer, bijvoorbeeld "
                       "in de intervisie.")
    document.field("Naam werkbegeleider of trainer", [BLANK])
    document.field("Datum en handtekening", [BLANK])
    document.space(2)
    document.paragraph(
        "Dit overzicht is zelf gemaakt op de website Handboek Resourcegroepen. De zelftoetsen "
        "zijn oefenvragen in de eigen browser: niemand heeft de antwoorden gezien of "
        "gecontroleerd. Het is dus geen diploma en geen officieel certificaat. De naam staat "
        "alleen in deze PDF en is nergens bewaard.", muted=True)
    return document.output()
