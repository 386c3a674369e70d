"""The network map as SVG, drawn from :func:`_netwerkkaart.layout`.

Built with :func:`engine.html.el`, so every name is escaped. Only
presentation attributes are used (no ``style``), as the site's
Content-Security-Policy allows no inline styles. The drawing scales with
its ``viewBox``; the legend and the number list are HTML below it, so they
stay readable on a phone.
"""

from __future__ import annotations

import math

from ._netwerk import RINGS, SECTORS, Person, kind_label, ring_label, sector_name, status_label
from ._netwerkkaart import CENTRE_R, Layout, Marker, Text, polar, sector_span
from .engine.html import Safe, el, join

FONT = "Atkinson Hyperlegible, Verdana, sans-serif"
INK = "#1b1b1b"
MUTED = "#4b5563"
CENTRE = "#1f2937"
TENSION = "#8b2f00"
LINK = "#8a929c"
STAR = "#f2b600"
#: The strong colour of each sector (white text on it is readable).
COLOURS = {
    "familie": "#b02a37",
    "vrienden": "#9a4a00",
    "buurt": "#2f6b2f",
    "werk": "#006a80",
    "ervaring": "#6a3fa0",
    "ggz": "#1f5aa6",
    "sociaal": "#8e3b6b",
}
#: How much of the sector colour tints each ring, from the centre outwards.
TINTS = (0.28, 0.17, 0.09)


def mix(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 1 is the colour, 0 is white."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _wedge_path(inner: float, outer: float, start: float, end: float) -> str:
    large = 1 if end - start > math.pi else 0
    (ax, ay), (bx, by) = polar(outer, start), polar(outer, end)
    (cx, cy), (dx, dy) = polar(inner, end), polar(inner, start)
    return (f"M{_f(ax)} {_f(ay)}A{_f(outer)} {_f(outer)} 0 {large} 1 {_f(bx)} {_f(by)}"
            f"L{_f(cx)} {_f(cy)}A{_f(inner)} {_f(inner)} 0 {large} 0 {_f(dx)} {_f(dy)}Z")


def _text(item: Text, fill: str = INK, halo: bool = True, weight: str | None = None) -> Safe:
    attributes: dict[str, object] = {
        "x": _f(item.x), "y": _f(item.y), "font-size": _f(item.size), "fill": fill,
        "text-anchor": item.anchor, "font-weight": weight or ("700" if item.bold else None),
    }
    if halo:
        attributes.update({"stroke": "#ffffff", "stroke-width": "4", "paint-order": "stroke",
                           "stroke-linejoin": "round"})
    if len(item.lines) == 1:
        return el("text", attributes, item.lines[0])
    spans = [el("tspan", {"x": _f(item.x), "dy": None if i == 0 else _f(item.size * 1.2)}, line)
             for i, line in enumerate(item.lines)]
    return el("text", attributes, spans)


def _background(layout: Layout) -> Safe:
    parts = []
    for index, sector in enumerate(SECTORS):
        start, end = sector_span(index)
        for ring in range(len(RINGS)):
            parts.append(el("path", {
                "d": _wedge_path(layout.radii[ring], layout.radii[ring + 1], start, end),
                "fill": mix(COLOURS[sector.value], TINTS[ring])}))
    for radius in layout.radii[1:-1]:
        parts.append(el("circle", {"cx": 0, "cy": 0, "r": _f(radius), "fill": "none",
                                   "stroke": "#ffffff", "stroke-width": "2.5"}))
    for index in range(len(SECTORS)):
        x1, y1 = polar(CENTRE_R, sector_span(index)[0])
        x2, y2 = polar(layout.outer, sector_span(index)[0])
        parts.append(el("line", {"x1": _f(x1), "y1": _f(y1), "x2": _f(x2), "y2": _f(y2),
                                 "stroke": "#ffffff", "stroke-width": "4"}))
    parts.append(el("circle", {"cx": 0, "cy": 0, "r": _f(layout.outer), "fill": "none",
                               "stroke": "#9aa3ad", "stroke-width": "1.2"}))
    return join(parts)


def _link(marker: Marker, show_tension: bool) -> Safe:
    distance = math.hypot(marker.x, marker.y)
    ux, uy = marker.x / distance, marker.y / distance
    start = CENTRE_R + 2
    end = distance - marker.r - 2
    tense = show_tension and marker.person.has_tension
    return el("line", {
        "x1": _f(ux * start), "y1": _f(uy * start), "x2": _f(ux * end), "y2": _f(uy * end),
        "stroke": TENSION if tense else LINK, "stroke-width": "2.6" if tense else "1",
        "stroke-dasharray": "7 5" if tense else None, "stroke-linecap": "round" if tense else None,
        "opacity": None if tense else "0.6", "data-spanning": "ja" if tense else None,
    })


def star_points(x: float, y: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return points


def _shape(marker: Marker) -> Safe:
    person = marker.person
    colour = COLOURS.get(person.sector, CENTRE)
    nominated = bool(person.nominated)
    stroke = {"stroke": INK if nominated else "#ffffff",
              "stroke-width": "3.5" if nominated else "1.5"}
    size = marker.r * 0.92
    if person.formal:
        return el("rect", {"x": _f(marker.x - size), "y": _f(marker.y - size),
                           "width": _f(2 * size), "height": _f(2 * size), "rx": "3",
                           "fill": colour, **stroke})
    return el("circle", {"cx": _f(marker.x), "cy": _f(marker.y), "r": _f(marker.r),
                         "fill": colour, **stroke})


def describe(person: Person) -> str:
    """One line about a person, for tooltips and the map's description."""
    parts = [f"{person.number}. {person.display_name}"]
    if person.relation:
        parts[0] += f" ({person.relation})"
    parts += [sector_name(person.sector), ring_label(person.ring).lower(),
              kind_label(person).lower(), status_label(person.status).lower()]
    if person.nominated:
        parts.append("wil je vragen voor je resourcegroep")
    return " · ".join(parts)


def _marker(marker: Marker, label: Text | None) -> Safe:
    person = marker.person
    number = str(person.number)
    parts = [el("title", {}, describe(person)), _shape(marker),
             el("text", {"x": _f(marker.x), "y": _f(marker.y + 4.4), "text-anchor": "middle",
                         "font-size": "12.5" if len(number) < 3 else "10", "font-weight": "700",
                         "fill": "#ffffff"}, number)]
    if person.nominated:
        points = star_points(marker.x + marker.r * 0.85, marker.y - marker.r * 0.85, 7.5, 3.4)
        parts.append(el("polygon", {"points": " ".join(f"{_f(x)},{_f(y)}" for x, y in points),
                                    "fill": STAR, "stroke": INK, "stroke-width": "1.2",
                                    "stroke-linejoin": "round"}))
    if label:
        parts.append(_text(label, weight="700" if person.nominated else "400"))
    return el("g", {"data-persoon": number,
                    "data-vorm": "vierkant" if person.formal else "rond",
                    "data-voorgedragen": "ja" if person.nominated else None}, parts)


def summary_text(layout: Layout, show_tension: bool) -> str:
    """What the map shows, in words, for screen readers."""
    people = [m.person for m in layout.markers]
    if not people:
        return "Er staat nog niemand op de kaart. Jij staat in het midden."
    one = len(people) == 1
    parts = [f"Jij staat in het midden. Op de kaart {'staat' if one else 'staan'} "
             f"{len(people)} {'persoon' if one else 'mensen'}."]
    for sector in SECTORS:
        here = [p for p in people if p.sector == sector.value]
        if here:
            rings = ", ".join(f"{sum(p.ring == value for p in here)} {label.lower()}"
                              for value, label in RINGS if any(p.ring == value for p in here))
            parts.append(f"{sector.name}: {len(here)} ({rings}).")
    nominated = sum(bool(p.nominated) for p in people)
    if nominated:
        parts.append(f"Voor je resourcegroep: {nominated}.")
    if show_tension:
        tense = sum(p.has_tension for p in people)
        if tense:
            parts.append(f"Spanning in het contact: {tense}.")
    return " ".join(parts)


def map_svg(layout: Layout, show_tension: bool = True, id_prefix: str = "rg-kaart") -> Safe:
    """The whole map as one accessible SVG element."""
    view = layout.view
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-uitleg"
    links = [_link(m, show_tension) for m in layout.markers]
    links.sort(key=lambda line: "data-spanning" in line)  # tension lines on top
    return el(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "class": "rg-netwerkkaart",
         "viewBox": f"{_f(view.x0)} {_f(view.y0)} {_f(view.x1 - view.x0)} {_f(view.y1 - view.y0)}",
         "width": "100%", "role": "img", "aria-labelledby": f"{title_id} {desc_id}",
         "font-family": FONT, "data-mensen": len(layout.markers)},
        el("title", {"id": title_id}, "Netwerkkaart"),
        el("desc", {"id": desc_id}, summary_text(layout, show_tension)),
        el("rect", {"x": _f(view.x0), "y": _f(view.y0), "width": _f(view.x1 - view.x0),
                    "height": _f(view.y1 - view.y0), "rx": "14", "fill": "#ffffff"}),
        _background(layout),
        [_text(t, fill=MUTED) for t in layout.ring_labels],
        links,
        el("circle", {"cx": 0, "cy": 0, "r": _f(CENTRE_R), "fill": CENTRE}),
        el("text", {"x": 0, "y": 8, "text-anchor": "middle", "font-size": "22",
                    "font-weight": "700", "fill": "#ffffff"}, "Ik"),
        [_marker(m, layout.labels.get(m.person.number)) for m in layout.markers],
        [_text(t, fill=COLOURS[SECTORS[i].value]) for i, t in enumerate(layout.titles)],
    )


def _icon(*shapes: Safe) -> Safe:
    return el("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 32 24",
                      "width": "32", "height": "24", "aria-hidden": "true",
                      "focusable": "false", "class": "rg-legend-icon"}, shapes)


def legend(show_tension: bool = True) -> Safe:
    """What the shapes and lines mean, as an HTML list with small pictures."""
    grey = "#4b5563"
    items = [
        (_icon(el("circle", {"cx": 16, "cy": 12, "r": 8, "fill": grey})),
         "Rondje: informeel, iemand uit je eigen leven"),
        (_icon(el("rect", {"x": 8.5, "y": 4.5, "width": 15, "height": 15, "rx": 2,
                           "fill": grey})),
         "Vierkantje: formeel, iemand die het als werk doet"),
        (_icon(el("circle", {"cx": 14, "cy": 13, "r": 7.5, "fill": grey, "stroke": INK,
                             "stroke-width": 3}),
               el("polygon", {"points": " ".join(f"{_f(x)},{_f(y)}" for x, y in
                                                 star_points(23, 6, 5.5, 2.5)),
                              "fill": STAR, "stroke": INK, "stroke-width": 1})),
         "Dikke rand en ster: wil je vragen voor je resourcegroep"),
    ]
    if show_tension:
        items.append((_icon(el("line", {"x1": 2, "y1": 12, "x2": 30, "y2": 12, "stroke": TENSION,
                                        "stroke-width": 2.6, "stroke-dasharray": "7 5"})),
                      "Streepjeslijn: er is spanning of zorg in het contact"))
    return el("ul", {"class": "rg-legend"},
              [el("li", {}, icon, el("span", {}, words)) for icon, words in items])
