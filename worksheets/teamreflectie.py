"""Werkblad "Voortgang van het team": the team's process figures next to the pilot's.

A team enters its own counts (clients started, network involved, group
formed, network took up a question) and sees them as percentages next to
those of the Amsterdam pilot, as a bar chart and a table, with questions to
reflect on together. Only counts, no names. Hints point out impossible
counts, such as more groups than clients. Texts address the team ("jullie").
"""

from __future__ import annotations

from ._teamcijfers import (
    FEW,
    MEASURES,
    PILOT_NAME,
    SOURCE_NOTE,
    STARTED,
    UNNAMED_TEAM,
    chart_svg,
    count_text,
    difference_text,
    figures_table,
    legend,
    parse_count,
    team_figures,
)
from ._voorbeelden import TEAMREFLECTIE_VOORBEELD
from .engine.html import el, join
from .engine.pdf import FAMILY, INK, PdfDocument
from .engine.schema import (
    Answers,
    Context,
    Export,
    Hint,
    LongText,
    Section,
    ShortText,
    SummaryBlock,
    View,
    Worksheet,
)

COUNT_HELP = {
    STARTED: "Alle cliënten met wie jullie in deze periode aan de methode begonnen.",
    "netwerk": "Familie, vrienden, buren of anderen uit het eigen leven van de cliënt deden "
               "mee in het herstel.",
    "groep": "De groep is minstens één keer bij elkaar geweest.",
    "vraag": "Iemand uit het eigen netwerk pakte iets op, bijvoorbeeld mee naar een afspraak.",
}
COUNT_LABELS = {
    STARTED: "Met hoeveel cliënten zijn jullie met de methode begonnen?",
    "netwerk": "Bij hoeveel van hen is het informele netwerk betrokken?",
    "groep": "Bij hoeveel van hen is een resourcegroep gevormd?",
    "vraag": "Bij hoeveel van hen pakte het informele netwerk een vraag van de cliënt op?",
}


def _count_field(field_id: str) -> ShortText:
    return ShortText(id=field_id, label=COUNT_LABELS[field_id], help=COUNT_HELP[field_id],
                     max_length=7, placeholder="aantal")


SECTIONS = (
    Section(
        id="team",
        title="Jullie team",
        fields=(
            ShortText(id="team", label="Naam van het team", max_length=80,
                      help="Mag leeg blijven. Komt boven het overzicht."),
            ShortText(id="periode", label="Over welke periode gaan de cijfers?", max_length=80,
                      help="Bijvoorbeeld: ‘2025’ of ‘januari tot en met juni’."),
        ),
    ),
    Section(
        id="aantallen",
        title="Jullie aantallen",
        intro="Vul hele getallen in. Alleen aantallen: geen namen of andere gegevens van "
              "cliënten. De cijfers blijven in deze browser.",
        fields=tuple(_count_field(field_id) for field_id in
                     (STARTED, *(measure.id for measure in MEASURES))),
    ),
    Section(
        id="reflectie",
        title="Samen nadenken",
        intro="Bespreek de grafiek in het team. De vragen helpen om het gesprek over jullie "
              "werk te voeren, niet over de cijfers alleen.",
        fields=(
            LongText(id="opvallend", label="Wat valt jullie op naast de cijfers van de pilot?",
                     rows=3),
            LongText(id="lastig", label="Waar lopen jullie vast?", rows=3,
                     help="Bijvoorbeeld bij het vinden van het netwerk, bij cliënten die "
                          "aarzelen of bij het vormen van de groep."),
            LongText(id="volgende", label="Wat willen jullie de komende periode anders doen?",
                     rows=3),
        ),
    ),
)


def _merged(found: list[Hint]) -> list[Hint]:
    """One hint per field (the page shows one per field), messages in order."""
    by_path: dict[str, list[str]] = {}
    for hint in found:
        by_path.setdefault(hint.path, []).append(hint.message)
    return [Hint(" ".join(messages), path) for path, messages in by_path.items()]


def hints(answers: Answers) -> list[Hint]:
    """Impossible or shaky counts; never blocking."""
    return _merged(_hints(answers))


def _hints(answers: Answers) -> list[Hint]:
    found = []
    for field_id in (STARTED, *(m.id for m in MEASURES)):
        if str(answers[field_id]).strip() and parse_count(answers[field_id]) is None:
            found.append(Hint("Vul een heel getal in, zoals 12.", field_id))
    started, figures = team_figures(answers)
    by_id = {figure.measure.id: figure.count for figure in figures}
    for figure in figures:
        if started is not None and figure.count is not None and figure.count > started:
            found.append(Hint(f"Dit is meer dan het aantal cliënten waarmee jullie begonnen "
                              f"({started}). Dat kan niet: kijk de telling nog eens na.",
                              figure.measure.id))
    network, group, question = by_id["netwerk"], by_id["groep"], by_id["vraag"]
    if network is not None and question is not None and question > network:
        found.append(Hint(f"Het netwerk kan alleen een vraag oppakken als het betrokken is. Dit "
                          f"aantal is hoger dan het aantal met een betrokken netwerk ({network}).",
                          "vraag"))
    if network is not None and group is not None and group > network:
        found.append(Hint("Er zijn meer groepen dan cliënten met een betrokken netwerk. Dat kan "
                          "als een groep alleen uit professionals en vrijwilligers bestaat. "
                          "Klopt dat?", "groep"))
    if started == 0 and any(figure.count for figure in figures):
        found.append(Hint("Met nul gestarte cliënten valt er geen percentage te berekenen.",
                          STARTED))
    elif started is not None and 0 < started < FEW:
        found.append(Hint(f"Met {_clients(started)} zegt een percentage nog weinig: één cliënt "
                          "meer of minder maakt al een groot verschil. Gebruik de grafiek als "
                          "begin van het gesprek."))
    return found


def _team_name(answers: Answers) -> str:
    return answers["team"].strip() or UNNAMED_TEAM


def summary(answers: Answers) -> list[SummaryBlock]:
    started, figures = team_figures(answers)
    lines = tuple(
        f"{f.measure.label}: {count_text(f, started)}"
        + (f" ({f.percent}%)" if f.percent is not None else "")
        + f"; pilot {f.measure.pilot}%" for f in figures if f.count is not None)
    return [SummaryBlock("Jullie cijfers naast de pilot", lines, "Nog geen aantallen ingevuld.")]


def views(answers: Answers, context: Context) -> list[View]:
    started, figures = team_figures(answers)
    chart = join(chart_svg(figures, _team_name(answers)), legend(_team_name(answers)),
                 el("p", {"class": "rg-muted"}, SOURCE_NOTE))
    return [View("grafiek", f"{_team_name(answers)} naast de {PILOT_NAME}", chart),
            View("tabel", "De cijfers in een tabel", figures_table(started, figures))]


# --------------------------------------------------------------------------- PDF

def _pdf_chart(document: PdfDocument, answers: Answers) -> None:
    """The same bars as on screen, drawn as vector shapes."""
    _, figures = team_figures(answers)
    pdf = document.pdf
    left, width, bar = pdf.l_margin + 42, 105, 5.5
    if pdf.get_y() > pdf.h - 80:
        pdf.add_page()
    for figure in figures:
        pdf.set_font(FAMILY, "B", 10)
        pdf.set_text_color(*INK)
        pdf.set_x(pdf.l_margin)
        pdf.cell(0, 6, figure.measure.label, new_x="LMARGIN", new_y="NEXT")
        for who, percent, colour in ((_team_name(answers), figure.percent, (31, 90, 166)),
                                     ("Pilot", figure.measure.pilot, (138, 146, 156))):
            y = pdf.get_y()
            pdf.set_font(FAMILY, "", 9)
            pdf.set_xy(pdf.l_margin, y)
            # One line: a name from a file can hold a line break, which a cell drops.
            pdf.cell(40, bar, " ".join(who.split())[:28], align="R")
            pdf.set_draw_color(200, 200, 200)
            pdf.rect(left, y, width, bar)
            if percent is not None:
                pdf.set_fill_color(*colour)
                pdf.rect(left, y, width * percent / 100, bar, style="F")
            pdf.set_xy(left + width + 2, y)
            pdf.cell(20, bar, f"{percent}%" if percent is not None else "nog niet bekend")
            pdf.set_y(y + bar + 1.5)
        pdf.ln(2)
    pdf.set_fill_color(255, 255, 255)


def build_overview(document: PdfDocument, answers: Answers, context: Context,
                   options: frozenset[str]) -> None:
    started, figures = team_figures(answers)
    document.title(_team_name(answers) if answers["team"].strip() else "Voortgang van het team")
    period = answers["periode"].strip()
    document.meta_line(f"Periode: {period}" if period else "Periode: niet ingevuld")
    document.heading(f"Jullie cijfers naast de {PILOT_NAME}")
    document.paragraph(f"Gestart met de methode: {_clients(started)}." if started is not None
                       else "Het aantal gestarte cliënten is nog niet ingevuld.")
    _pdf_chart(document, answers)
    document.table(["Onderdeel", "Jullie aantal", "Jullie %", "Pilot", "Verschil"],
                   [[f.measure.label, count_text(f, started),
                     f"{f.percent}%" if f.percent is not None else "–", f"{f.measure.pilot}%",
                     difference_text(f)] for f in figures], widths=[52, 32, 22, 22, 46])
    document.paragraph(SOURCE_NOTE, muted=True)
    document.heading("Samen nadenken")
    for section in SECTIONS[2:]:
        for spec in section.fields:
            document.field(spec.label, answers[spec.id].split("\n"))


WORKSHEET = Worksheet(
    id="teamreflectie",
    title="Voortgang van het team",
    description="Zet de aantallen van jullie team naast de procescijfers van de Amsterdamse "
                "pilot en bespreek wat jullie opvalt.",
    intro="In de Amsterdamse pilot (2018–2020) werd bij 77% van de cliënten het informele "
          "netwerk betrokken, bij 66% een resourcegroep gevormd en bij 64% pakte het netwerk "
          "een vraag van de cliënt op. Hoe gaat dat in jullie team? Vul jullie eigen aantallen "
          "in en bespreek de grafiek samen. Alleen aantallen, geen namen; alles blijft in "
          "deze browser.",
    schema_version=1,
    sections=SECTIONS,
    example=TEAMREFLECTIE_VOORBEELD,
    hints=hints,
    summary=summary,
    summary_title="In het kort",
    views=views,
    exports=(
        Export(id="overzicht", label="Teamoverzicht (PDF)", filename="teamoverzicht",
               build=build_overview,
               description="De grafiek, de tabel en jullie antwoorden op de vragen, voor het "
                           "teamoverleg."),
    ),
)


def _clients(count: int) -> str:
    return f"{count} {'cliënt' if count == 1 else 'cliënten'}"
