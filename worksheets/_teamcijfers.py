"""The team's process figures next to those of the Amsterdam pilot.

A team counts how many clients it started the method with, and with how
many of them the informal network was involved, a group was formed and the
network took up a question. This turns the counts into percentages, compares
them with the pilot (77%, 66% and 64% of its cases; the pilot guided 113
clients, but its source does not say how many cases each percentage counts;
Pilot Resourcegroepen Amsterdam 2018–2020; see ``content/methode/praktijk.md``) and draws them as
an SVG bar chart and as a table, both built with the escaping HTML builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .engine.html import Safe, el

PILOT_NAME = "Pilot Amsterdam 2018–2020"
#: What the team is called when it gave no name.
UNNAMED_TEAM = "Jullie team"
PILOT_SOURCE = "Pilot Resourcegroepen Amsterdam (z.d.)"
PILOT_CLIENTS = 113
#: Fewer clients than this and a percentage says little.
FEW = 10
MAX_COUNT = 100_000


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    pilot: int


MEASURES = (
    Measure("netwerk", "Informeel netwerk betrokken", 77),
    Measure("groep", "Resourcegroep gevormd", 66),
    Measure("vraag", "Netwerk pakte een vraag op", 64),
)
STARTED = "gestart"


@dataclass(frozen=True)
class Figure:
    """One measure: the team's count and percentage (``None`` when unknown) and the pilot's."""

    measure: Measure
    count: int | None
    percent: int | None

    @property
    def difference(self) -> int | None:
        return None if self.percent is None else self.percent - self.measure.pilot


def parse_count(value: Any) -> int | None:
    """A whole number of clients from typed text (``12``, `` 12 ``); ``None`` otherwise."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace(".", "") if re.fullmatch(r"\s*\d{1,3}(\.\d{3})+\s*",
                                                           value) else value.strip()
    if not re.fullmatch(r"\d{1,6}", text):
        return None
    number = int(text)
    return number if number <= MAX_COUNT else None


def percentage(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, halves rounded up (1 of 8 is 13%)."""
    return (part * 200 + whole) // (whole * 2)


def team_figures(answers: dict[str, Any]) -> tuple[int | None, list[Figure]]:
    """The number of clients started, and per measure the count and percentage.

    A percentage is only given when the count is possible (not more than started).
    """
    started = parse_count(answers.get(STARTED))
    figures = []
    for measure in MEASURES:
        count = parse_count(answers.get(measure.id))
        percent = None
        if started and count is not None and count <= started:
            percent = percentage(count, started)
        figures.append(Figure(measure, count, percent))
    return started, figures


def difference_text(figure: Figure) -> str:
    if figure.difference is None:
        return "–"
    if figure.difference == 0:
        return "gelijk"
    word = "hoger" if figure.difference > 0 else "lager"
    return f"{abs(figure.difference)} procentpunt {word}"


def count_text(figure: Figure, started: int | None) -> str:
    if figure.count is None:
        return "nog niet ingevuld"
    return f"{figure.count} van {started}" if started else str(figure.count)


# --------------------------------------------------------------------------- chart

FONT = "Atkinson Hyperlegible, Verdana, sans-serif"
TEAM_COLOUR = "#1f5aa6"
PILOT_COLOUR = "#8a929c"
INK = "#1b1b1b"
GRID = "#c9ced6"
WIDTH, LEFT, RIGHT = 400, 70, 58
BAR, GAP, BLOCK = 26, 6, 100


def _x(percent: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * percent / 100


def _bar(y: float, percent: int | None, colour: str, who: str) -> list[Safe]:
    parts = [el("text", {"x": LEFT - 8, "y": y + BAR - 7, "text-anchor": "end",
                         "font-size": 17, "fill": INK}, who)]
    if percent is None:
        parts.append(el("text", {"x": LEFT + 6, "y": y + BAR - 7, "font-size": 17,
                                 "fill": INK, "font-style": "italic"}, "nog niet bekend"))
        return parts
    parts.append(el("rect", {"x": LEFT, "y": y, "width": f"{_x(percent) - LEFT:.1f}",
                             "height": BAR, "fill": colour, "rx": 2}))
    parts.append(el("text", {"x": f"{_x(percent) + 5:.1f}", "y": y + BAR - 7, "font-size": 17,
                             "font-weight": "700", "fill": INK}, f"{percent}%"))
    return parts


def chart_svg(figures: list[Figure], team_name: str = UNNAMED_TEAM) -> Safe:
    """Grouped horizontal bars: per measure the team and the pilot, 0–100%."""
    height = 36 + BLOCK * len(figures)
    grid = [el("text", {"x": f"{_x(tick):.1f}", "y": 18, "text-anchor": "middle",
                        "font-size": 15, "fill": INK}, f"{tick}%") for tick in (0, 25, 50, 75, 100)]
    blocks = []
    for index, figure in enumerate(figures):
        top = 36 + index * BLOCK
        # Grid lines only behind the bars, so they never cross the measure's name.
        blocks += [el("line", {"x1": f"{_x(tick):.1f}", "x2": f"{_x(tick):.1f}", "y1": top + 8,
                               "y2": top + 16 + 2 * BAR + GAP, "stroke": GRID,
                               "stroke-width": 1}) for tick in (0, 25, 50, 75, 100)]
        blocks.append(el("text", {"x": 0, "y": top + 4, "font-size": 18, "font-weight": "700",
                                  "fill": INK}, figure.measure.label))
        blocks += _bar(top + 12, figure.percent, TEAM_COLOUR, "Jullie")
        blocks += _bar(top + 12 + BAR + GAP, figure.measure.pilot, PILOT_COLOUR, "Pilot")
    summary = "; ".join(
        f"{f.measure.label}: {team_name} "
        f"{'nog niet bekend' if f.percent is None else f'{f.percent}%'}, "
        f"pilot {f.measure.pilot}%" for f in figures)
    return el("svg", {"viewBox": f"0 0 {WIDTH} {height}", "role": "img",
                      "aria-labelledby": "rg-team-chart-title rg-team-chart-desc",
                      "class": "rg-team-chart", "font-family": FONT,
                      "xmlns": "http://www.w3.org/2000/svg"},
              el("title", {"id": "rg-team-chart-title"},
                 f"Staafdiagram: {team_name} naast de {PILOT_NAME}"),
              el("desc", {"id": "rg-team-chart-desc"}, summary),
              grid, blocks)


def legend(team_name: str = UNNAMED_TEAM) -> Safe:
    def item(colour: str, text: str) -> Safe:
        return el("li", {}, el("svg", {"viewBox": "0 0 16 16", "width": 16, "height": 16,
                                       "aria-hidden": "true", "class": "rg-swatch"},
                               el("rect", {"width": 16, "height": 16, "rx": 2, "fill": colour})),
                  text)

    team = team_name if team_name == UNNAMED_TEAM else f"Jullie: {team_name}"
    return el("ul", {"class": "rg-legend"}, item(TEAM_COLOUR, team),
              item(PILOT_COLOUR, PILOT_NAME))


def figures_table(started: int | None, figures: list[Figure]) -> Safe:
    clients = "de ene cliënt" if started == 1 else f"de {started} cliënten"
    caption = (f"Percentages van {clients} waarmee jullie begonnen."
               if started else "Vul het aantal cliënten in waarmee jullie begonnen.")
    headers = ("Onderdeel", "Jullie aantal", "Jullie %", PILOT_NAME, "Verschil")
    rows = [el("tr", {},
               el("th", {"scope": "row"}, f.measure.label),
               el("td", {"data-label": headers[1]}, count_text(f, started)),
               el("td", {"data-label": headers[2]},
                  f"{f.percent}%" if f.percent is not None else "–"),
               el("td", {"data-label": headers[3]}, f"{f.measure.pilot}%"),
               el("td", {"data-label": headers[4]}, difference_text(f)))
            for f in figures]
    return el("div", {"class": "rg-table-wrap"},
              el("table", {"class": "rg-team-table"},
                 el("caption", {}, caption),
                 el("thead", {}, el("tr", {}, [el("th", {"scope": "col"}, h) for h in headers])),
                 el("tbody", {}, rows)))


SOURCE_NOTE = (f"Bron van de pilotcijfers: {PILOT_SOURCE}. In de pilot werden {PILOT_CLIENTS} "
               "cliënten begeleid; de bron zegt niet op hoeveel van hen elk percentage is "
               "gebaseerd. De pilot was een praktijkproject zonder vergelijkingsgroep. "
               "Gebruik de cijfers als spiegel voor het gesprek, niet als norm.")
