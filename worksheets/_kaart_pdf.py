"""The PDF exports of "Resources in kaart": the filled-in map and a blank one.

The map is drawn as vector graphics with fpdf2's shapes (polygons, circles,
lines, text) from the same layout as the SVG, so it stays sharp when
printed and needs no image library. With the option ``zonder_notities``
nothing about tension or worries is in the PDF: no notes, no dashed lines.
"""

from __future__ import annotations

from typing import Any

from ._kaart_svg import CENTRE, COLOURS, INK, LINK, MUTED, STAR, TENSION, TINTS, mix, star_points
from ._netwerk import (
    SECTORS,
    Answers,
    Person,
    goal_links,
    goal_texts,
    nominated_label,
    people,
    ring_label,
    sector_name,
    status_label,
    with_relation,
)
from ._netwerk_html import goal_lines
from ._netwerkkaart import CENTRE_R, Layout, Marker, Text, layout, polar, sector_span, wedge

PT = 0.3528  # millimetres per point
FAMILY = "Atkinson"
WITHOUT_NOTES = "zonder_notities"
TABLE_HEADERS = ["Nr.", "Naam", "Wie is het?", "Sector", "Hoe dichtbij", "Contact",
                 "Voor de groep"]
TABLE_WIDTHS = [8.0, 33.0, 33.0, 42.0, 22.0, 20.0, 16.0]


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class MapDrawing:
    """Draws a :class:`Layout` at ``left``/``top`` with map units scaled to millimetres."""

    def __init__(self, pdf: Any, plan: Layout, left: float, top: float, width: float,
                 show_tension: bool) -> None:
        self.pdf, self.plan, self.show_tension = pdf, plan, show_tension
        view = plan.view
        self.scale = width / (view.x1 - view.x0)
        self.left, self.top = left, top

    def at(self, x: float, y: float) -> tuple[float, float]:
        view = self.plan.view
        return self.left + (x - view.x0) * self.scale, self.top + (y - view.y0) * self.scale

    @property
    def height(self) -> float:
        return (self.plan.view.y1 - self.plan.view.y0) * self.scale

    def draw(self) -> None:
        pdf = self.pdf
        with pdf.local_context():
            self._background()
            for marker in self.plan.markers:
                self._link(marker)
            self._centre()
            for marker in self.plan.markers:
                self._marker(marker)
            for text in self.plan.ring_labels:
                self._text(text, rgb(MUTED), backdrop=True)
            for index, text in enumerate(self.plan.titles):
                self._text(text, rgb(COLOURS[SECTORS[index].value]))

    def _background(self) -> None:
        pdf, radii = self.pdf, self.plan.radii
        pdf.set_line_width(0)
        for index, sector in enumerate(SECTORS):
            start, end = sector_span(index)
            for ring in range(len(radii) - 1):
                pdf.set_fill_color(*rgb(mix(COLOURS[sector.value], TINTS[ring])))
                points = [self.at(x, y) for x, y in wedge(radii[ring], radii[ring + 1],
                                                           start, end)]
                pdf.polygon(points, style="F")
        pdf.set_draw_color(255, 255, 255)
        pdf.set_line_width(2.5 * self.scale)
        for radius in radii[1:-1]:
            pdf.circle(*self.at(0, 0), radius * self.scale, style="D")
        pdf.set_line_width(4 * self.scale)
        for index in range(len(SECTORS)):
            start = sector_span(index)[0]
            pdf.line(*self.at(*polar(CENTRE_R, start)), *self.at(*polar(radii[-1], start)))
        pdf.set_draw_color(154, 163, 173)
        pdf.set_line_width(1.2 * self.scale)
        pdf.circle(*self.at(0, 0), radii[-1] * self.scale, style="D")

    def _link(self, marker: Marker) -> None:
        pdf = self.pdf
        distance = (marker.x ** 2 + marker.y ** 2) ** 0.5
        ux, uy = marker.x / distance, marker.y / distance
        start, end = CENTRE_R + 2, distance - marker.r - 2
        tense = self.show_tension and marker.person.has_tension
        pdf.set_draw_color(*rgb(TENSION if tense else mix(LINK, 0.6)))
        pdf.set_line_width((2.6 if tense else 1.0) * self.scale)
        if tense:
            pdf.set_dash_pattern(dash=7 * self.scale, gap=5 * self.scale)
        pdf.line(*self.at(ux * start, uy * start), *self.at(ux * end, uy * end))
        pdf.set_dash_pattern()

    def _centre(self) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*rgb(CENTRE))
        pdf.circle(*self.at(0, 0), CENTRE_R * self.scale, style="F")
        self._write("Ik", 0, 8, "middle", 22, (255, 255, 255), bold=True)

    def _marker(self, marker: Marker) -> None:
        pdf, person, s = self.pdf, marker.person, self.scale
        nominated = bool(person.nominated)
        pdf.set_fill_color(*rgb(COLOURS.get(person.sector, CENTRE)))
        pdf.set_draw_color(*(rgb(INK) if nominated else (255, 255, 255)))
        pdf.set_line_width((3.5 if nominated else 1.5) * s)
        x, y = self.at(marker.x, marker.y)
        if person.formal:
            size = marker.r * 0.92 * s
            pdf.rect(x - size, y - size, 2 * size, 2 * size, style="DF", round_corners=True,
                     corner_radius=3 * s)
        else:
            pdf.circle(x, y, marker.r * s, style="DF")
        number = str(person.number)
        self._write(number, marker.x, marker.y + 4.4, "middle", 12.5 if len(number) < 3 else 10,
                    (255, 255, 255), bold=True)
        if nominated:
            points = star_points(marker.x + marker.r * 0.85, marker.y - marker.r * 0.85, 7.5, 3.4)
            pdf.set_fill_color(*rgb(STAR))
            pdf.set_draw_color(*rgb(INK))
            pdf.set_line_width(1.2 * s)
            pdf.polygon([self.at(px, py) for px, py in points], style="DF")
        label = self.plan.labels.get(person.number)
        if label:
            self._text(label, rgb(INK), backdrop=True, bold=nominated)

    def _write(self, text: str, x: float, y: float, anchor: str, size: float,
               colour: tuple[int, int, int], bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", size * self.scale / PT)
        pdf.set_text_color(*colour)
        width = pdf.get_string_width(text)
        px, py = self.at(x, y)
        px -= {"start": 0, "middle": width / 2, "end": width}[anchor]
        pdf.text(px, py, text)

    def _text(self, item: Text, colour: tuple[int, int, int], backdrop: bool = False,
              bold: bool | None = None) -> None:
        heavy = item.bold if bold is None else bold
        if backdrop:
            self._backdrop(item, heavy)
        for index, line in enumerate(item.lines):
            self._write(line, item.x, item.y + index * item.size * 1.2, item.anchor, item.size,
                        colour, heavy)

    def _backdrop(self, item: Text, bold: bool) -> None:
        """A light patch behind a label, as wide as the text really is, so lines stay behind."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", item.size * self.scale / PT)
        width = max(pdf.get_string_width(line) for line in item.lines) / self.scale
        start = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[
            item.anchor]
        x0, y0 = self.at(start - 2, item.box.y0)
        x1, y1 = self.at(start + width + 2, item.box.y1)
        with pdf.local_context(fill_opacity=0.8):
            pdf.set_fill_color(255, 255, 255)
            pdf.rect(x0, y0, x1 - x0, y1 - y0, style="F", round_corners=True, corner_radius=1)


def _legend(doc: Any, show_tension: bool) -> None:
    """Small pictures with what they mean, under the map."""
    pdf = doc.pdf
    entries = [("circle", "Rondje: informeel, iemand uit je eigen leven"),
               ("square", "Vierkantje: formeel, iemand die het als werk doet"),
               ("star", "Dikke rand en ster: wil je vragen voor je resourcegroep")]
    if show_tension:
        entries.append(("dash", "Streepjeslijn: er is spanning of zorg in het contact"))
    grey = rgb(MUTED)
    for kind, words in entries:
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        x, y = pdf.l_margin + 4, pdf.get_y() + 2.6
        with pdf.local_context():
            pdf.set_fill_color(*grey)
            pdf.set_draw_color(*rgb(INK))
            if kind == "circle":
                pdf.circle(x, y, 1.8, style="F")
            elif kind == "square":
                pdf.rect(x - 1.7, y - 1.7, 3.4, 3.4, style="F", round_corners=True,
                         corner_radius=0.5)
            elif kind == "star":
                pdf.set_line_width(0.6)
                pdf.circle(x, y, 1.8, style="DF")
                pdf.set_fill_color(*rgb(STAR))
                pdf.set_line_width(0.2)
                pdf.polygon(star_points(x + 2.2, y - 1.6, 1.4, 0.65), style="DF")
            else:
                pdf.set_draw_color(*rgb(TENSION))
                pdf.set_line_width(0.6)
                pdf.set_dash_pattern(dash=1.5, gap=1.0)
                pdf.line(x - 3.5, y, x + 3.5, y)
                pdf.set_dash_pattern()
        pdf.set_xy(pdf.l_margin + 10, pdf.get_y())
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(*rgb(INK))
        pdf.cell(0, 5.2, words, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def draw_map(doc: Any, plan: Layout, show_tension: bool, max_height: float = 175) -> None:
    """The map at the current position, as wide as the page allows."""
    pdf = doc.pdf
    width = pdf.w - pdf.l_margin - pdf.r_margin
    view = plan.view
    height = width * (view.y1 - view.y0) / (view.x1 - view.x0)
    if height > max_height:
        width *= max_height / height
    if pdf.get_y() + min(height, max_height) > pdf.h - 22:
        pdf.add_page()
    left = pdf.l_margin + (pdf.w - pdf.l_margin - pdf.r_margin - width) / 2
    drawing = MapDrawing(pdf, plan, left, pdf.get_y() + 2, width, show_tension)
    drawing.draw()
    pdf.set_y(pdf.get_y() + drawing.height + 4)


def _table_rows(persons: list[Person]) -> list[list[str]]:
    return [[str(p.number), p.display_name, p.relation or "–", sector_name(p.sector),
             ring_label(p.ring), status_label(p.status),
             nominated_label(p) if p.nominated is not None else "–"] for p in persons]


def build_map_pdf(doc: Any, answers: Answers, context: dict[str, Answers],
                  options: frozenset[str]) -> None:
    """Export "Netwerkkaart": the map, the table, and who helps with which goal."""
    with_notes = WITHOUT_NOTES not in options
    persons = people(answers)
    plan = layout(persons)
    doc.title("Mijn netwerkkaart")
    doc.meta_line("Jij staat in het midden. Hoe dichter bij het midden, hoe dichter iemand bij "
                  "je staat." + ("" if with_notes else " Zonder persoonlijke notities."))
    draw_map(doc, plan, with_notes)
    _legend(doc, with_notes)
    numbered = plan.numbered_only()
    if numbered:
        doc.heading("Op de kaart alleen met een nummer", level=2)
        doc.paragraph(" · ".join(f"{p.number}. {p.display_name}" for p in numbered))
    if plan.unplaced:
        doc.field("Nog niet op de kaart (sector of hoe dichtbij ontbreekt)",
                  [with_relation(p) for p in plan.unplaced])
    doc.pdf.add_page()
    doc.heading("Iedereen op een rij")
    if persons:
        doc.table(TABLE_HEADERS, _table_rows(persons), TABLE_WIDTHS)
    else:
        doc.paragraph("Nog niemand ingevuld.", muted=True)
    _goals(doc, persons, context)
    if with_notes:
        notes = [f"{p.display_name}: {p.tension}" + (" (Eerst een gesprek.)"
                                                      if p.talk_first else "")
                 for p in persons if p.tension]
        doc.heading("Spanning en zorgen")
        doc.bullets(notes, "Niets opgeschreven.")


def _goals(doc: Any, persons: list[Person], context: dict[str, Answers]) -> None:
    goals = goal_texts(context)
    links = goal_links(persons, goals)
    doc.heading("Wie helpt bij welk doel")
    if not goals:
        doc.paragraph("Er zijn nog geen doelen bewaard bij ‘Doelen formuleren’.", muted=True)
    doc.bullets(goal_lines(links), "Nog bij niemand een doel gekozen." if goals else "")
    if links.without_anyone:
        doc.heading("Doelen waarbij nog niemand staat", level=2)
        doc.bullets(list(links.without_anyone))
    if links.former_goals:
        doc.heading("Doelen die niet meer in je doelenlijst staan", level=2)
        doc.bullets([f"{goal}: {', '.join(p.display_name for p in found)}"
                     for goal, found in links.former_goals])
    if links.other_help:
        doc.heading("Andere hulp, in je eigen woorden", level=2)
        doc.bullets([f"{p.display_name}: {p.help_text}" for p in links.other_help])


def _ruled_table(pdf: Any, headers: list[str], widths: list[float], rows: int) -> None:
    """Empty rows with lines, high enough to write in by hand."""
    pdf.set_font(FAMILY, "B", 10)
    pdf.set_text_color(*rgb(INK))
    for header, width in zip(headers, widths, strict=True):
        pdf.cell(width, 7, header)
    pdf.ln(7)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.2)
    for _ in range(rows):
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        pdf.ln(9)
        x = pdf.l_margin
        for width in widths:
            pdf.line(x + 1, pdf.get_y(), x + width - 2, pdf.get_y())
            x += width


def build_blank_map_pdf(doc: Any, answers: Answers, context: dict[str, Answers],
                        options: frozenset[str]) -> None:
    """Export "Lege netwerkkaart": the empty map and a list to write names on."""
    doc.title("Mijn netwerkkaart")
    doc.paragraph("Schrijf jezelf in het midden. Zet iedereen die je kan helpen in de goede "
                  "sector: hoe dichter bij het midden, hoe dichter iemand bij je staat. Teken "
                  "een rondje voor iemand uit je eigen leven en een vierkantje voor iemand die "
                  "het als werk doet. Zet een ster bij wie je wilt vragen voor je "
                  "resourcegroep.")
    draw_map(doc, layout([]), show_tension=False, max_height=200)
    doc.pdf.add_page()
    doc.heading("Namen")
    _ruled_table(doc.pdf, ["Nr.", "Naam", "Wie is het?", "Sector", "Hoe dichtbij",
                           "Vragen?"], [10.0, 40.0, 36.0, 38.0, 28.0, 22.0], 22)
