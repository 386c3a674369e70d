"""The layout of the network map: sectors as slices, closeness as rings.

Pure standard library. :func:`layout` places every person with a sector
and a ring inside their own slice and ring, and gives each a name label
that overlaps no other label, marker or sector name. Where a slice is too
crowded for a label, the marker keeps only its number; the page and the
PDF then list those numbers with their names. Rings grow when a slice
needs more room, so everyone always fits. Coordinates are abstract units
with the client at (0, 0); the SVG and the PDF both draw from this layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ._netwerk import RINGS, SECTORS, Person

#: Radius of the client's own disc in the centre.
CENTRE_R = 46.0
#: Thickness of each ring before it grows for crowded slices.
BASE_RING = (96.0, 92.0, 92.0)
MARKER_R = 13.0
#: Least distance between two marker centres.
PITCH = 2 * MARKER_R + 5
#: Distance between markers along a ring that leaves room for a short name.
COMFORT = 66.0
#: How many extra rows a ring may grow for comfort (beyond what is needed to fit).
COMFORT_ROWS = 2
LABEL_SIZE = 15.0
TITLE_SIZE = 16.0
RING_LABEL_SIZE = 12.0
LABEL_CHARS = 22
SLICE = 2 * math.pi / len(SECTORS)
START = -math.pi / 2


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (self.x1 + gap <= other.x0 or other.x1 + gap <= self.x0
                    or self.y1 + gap <= other.y0 or other.y1 + gap <= self.y0)

    def corners(self) -> tuple[tuple[float, float], ...]:
        return ((self.x0, self.y0), (self.x1, self.y0), (self.x0, self.y1), (self.x1, self.y1))

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class Text:
    """Text at a baseline point; ``anchor`` is start, middle or end."""

    lines: tuple[str, ...]
    x: float
    y: float
    anchor: str
    size: float
    bold: bool
    box: Box


@dataclass(frozen=True)
class Marker:
    person: Person
    x: float
    y: float
    r: float

    @property
    def box(self) -> Box:
        pad = self.r + (7 if self.person.nominated else 1.5)
        return Box(self.x - pad, self.y - pad, self.x + pad, self.y + pad)


@dataclass(frozen=True)
class Layout:
    """Everything the map shows, in map units with the client at (0, 0)."""

    radii: tuple[float, ...]  # centre disc, then the outer edge of each ring
    markers: tuple[Marker, ...]
    labels: dict[int, Text]  # by person number
    titles: tuple[Text, ...]  # sector names
    ring_labels: tuple[Text, ...]
    unplaced: tuple[Person, ...]  # no sector or ring yet
    view: Box

    @property
    def outer(self) -> float:
        return self.radii[-1]

    def numbered_only(self) -> list[Person]:
        """People on the map shown by number only (no room for their name)."""
        return sorted((m.person for m in self.markers if m.person.number not in self.labels),
                      key=lambda person: person.number)


# --------------------------------------------------------------------------- text size

_NARROW = frozenset("'.,;:!|ijlIïì()[]frt- ")
_WIDE = frozenset("mwMW@")


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` in Atkinson Hyperlegible (bold)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.40
        elif char in _WIDE:
            width += 0.92
        elif char.isdigit():
            width += 0.66
        elif char.isascii():
            width += 0.80 if char.isupper() else 0.62
        elif ord(char) < 0x250:  # Latin letters with accents
            width += 0.80 if char.isupper() else 0.64
        else:
            width += 1.25
    return width * size


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def make_text(lines: Iterable[str], x: float, y: float, anchor: str, size: float,
              bold: bool = False, leading: float = 1.2) -> Text:
    """Text whose first baseline is at ``y``, with its bounding box."""
    lines = tuple(lines)
    width = max(text_width(line, size) for line in lines)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    top = y - 0.82 * size
    bottom = y + (len(lines) - 1) * size * leading + 0.28 * size
    return Text(lines, x, y, anchor, size, bold, Box(x0, top, x0 + width, bottom))


# --------------------------------------------------------------------------- geometry


def polar(radius: float, angle: float) -> tuple[float, float]:
    return radius * math.cos(angle), radius * math.sin(angle)


def sector_span(index: int) -> tuple[float, float]:
    """Start and end angle (radians, clockwise from the top) of slice ``index``."""
    return START + index * SLICE, START + (index + 1) * SLICE


def _row_slots(radius: float, span: tuple[float, float], pitch: float) -> list[float]:
    """Evenly spaced angles on one row that keep markers ``pitch`` apart inside the slice."""
    pad = math.asin(min(1.0, (MARKER_R + 3) / radius))
    usable = span[1] - span[0] - 2 * pad
    if usable < 0:
        return []
    step = 2 * math.asin(min(1.0, pitch / (2 * radius)))
    count = int(usable / step) + 1 if step > 0 else 1
    return [span[0] + pad + usable * (i + 0.5) / count for i in range(count)]


def _rows(inner: float, outer: float) -> list[float]:
    radii = []
    radius = inner + MARKER_R + 3
    while radius + MARKER_R + 3 <= outer + 1e-9:
        radii.append(radius)
        radius += PITCH
    return radii


def _clear(x: float, y: float, obstacles: list[Box]) -> bool:
    box = Box(x - MARKER_R - 8, y - MARKER_R - 8, x + MARKER_R + 8, y + MARKER_R + 8)
    return not any(box.overlaps(o) for o in obstacles)


def _capacities(inner: float, outer: float, span: tuple[float, float], pitch: float,
                obstacles: list[Box]) -> list[tuple[float, int]]:
    """Per row: its radius and how many markers fit with ``pitch`` between them."""
    rows = []
    for radius in _rows(inner, outer):
        angles = [a for a in _row_slots(radius, span, pitch)
                  if _clear(*polar(radius, a), obstacles)]
        rows.append((radius, len(angles)))
    return rows


def _ring_label_boxes(radii: list[float]) -> list[Box]:
    return [_ring_label(index, radii).box for index in range(len(RINGS))]


def _ring_label(index: int, radii: list[float]) -> Text:
    y = -radii[index + 1] + RING_LABEL_SIZE + 3
    return make_text([RINGS[index][1]], 0, y, "middle", RING_LABEL_SIZE, bold=True)


def _fits(radii: list[float], ring: int, needs: list[int], pitch: float) -> bool:
    obstacles = _ring_label_boxes(radii)
    for sector, need in enumerate(needs):
        if need:
            rows = _capacities(radii[ring], radii[ring + 1], sector_span(sector), pitch,
                               obstacles)
            if sum(count for _, count in rows) < need:
                return False
    return True


def ring_radii(cells: dict[tuple[int, int], list[Person]]) -> list[float]:
    """Ring edges, grown where a slice needs more room than the standard ring gives."""
    radii = [CENTRE_R]
    for thickness in BASE_RING:
        radii.append(radii[-1] + thickness)
    for ring in range(len(RINGS)):
        needs = [len(cells.get((sector, ring), [])) for sector in range(len(SECTORS))]

        def grow(amount: float, ring: int = ring) -> None:
            for index in range(ring + 1, len(radii)):
                radii[index] += amount

        while not _fits(radii, ring, needs, PITCH):
            grow(PITCH)
        extra = 0
        while extra < COMFORT_ROWS and not _fits(radii, ring, needs, COMFORT):
            grow(PITCH)
            extra += 1
    return radii


def _share(total: int, capacities: list[int]) -> list[int]:
    """Spread ``total`` over rows in proportion to their capacity (largest remainder)."""
    room = sum(capacities)
    exact = [total * c / room for c in capacities]
    counts = [min(c, int(e)) for c, e in zip(capacities, exact, strict=True)]
    order = sorted(range(len(capacities)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    while sum(counts) < total:
        for index in order:
            if sum(counts) < total and counts[index] < capacities[index]:
                counts[index] += 1
    return counts


def _row_angles(radius: float, span: tuple[float, float], count: int, pitch: float,
                row: int, obstacles: list[Box]) -> list[float]:
    """``count`` angles on a row, spread out, staggered between rows."""
    slots = [a for a in _row_slots(radius, span, pitch)
             if _clear(*polar(radius, a), obstacles)]
    if count >= len(slots):
        return slots[:count]
    # Pick evenly from the free slots; rows shift a little so they do not line up.
    shift = (0.0, 0.2, -0.2)[row % 3]
    picks: list[float] = []
    for i in range(count):
        position = (i + 0.5 + shift) * len(slots) / count
        index = min(len(slots) - 1, max(0, int(position)))
        while slots[index] in picks:
            index = (index + 1) % len(slots)
        picks.append(slots[index])
    return sorted(picks)


def _spread_rows(count: int, rows: list[tuple[float, int]]) -> list[tuple[int, float, int]]:
    """The rows to use for ``count`` people: as few as fit, spread over the ring's depth."""
    usable = [(index, radius, room) for index, (radius, room) in enumerate(rows) if room]
    for wanted in range(min(count, len(usable)), len(usable) + 1):
        if wanted <= 1:
            picks = [usable[len(usable) // 2]]
        else:
            picks = [usable[round(i * (len(usable) - 1) / (wanted - 1))] for i in range(wanted)]
        if len({p[0] for p in picks}) == wanted and sum(p[2] for p in picks) >= count:
            return picks
    return usable


def _nearest(slots: list[float], target: float) -> float:
    return min(slots, key=lambda angle: abs(angle - target))


def place_cell(persons: list[Person], inner: float, outer: float, sector: int,
               obstacles: list[Box]) -> list[Marker]:
    """Markers for everyone in one slice and ring, spread over its rows.

    A few people go on separate rows, each further along the slice, so their
    names have room; more people share rows, evenly spaced.
    """
    span = sector_span(sector)
    pitch = COMFORT
    rows = _capacities(inner, outer, span, pitch, obstacles)
    if sum(c for _, c in rows) < len(persons):
        pitch = PITCH
        rows = _capacities(inner, outer, span, pitch, obstacles)
    used = _spread_rows(len(persons), rows)
    counts = _share(len(persons), [room for _, _, room in used])
    markers: list[Marker] = []
    queue = iter(persons)
    diagonal = len(used) > 1 and max(counts) == 1
    for order, ((row, radius, _), count) in enumerate(zip(used, counts, strict=True)):
        if diagonal:
            slots = [a for a in _row_slots(radius, span, PITCH / 3)
                     if _clear(*polar(radius, a), obstacles)]
            target = span[0] + (span[1] - span[0]) * (order + 0.5) / len(used)
            angles = [_nearest(slots, target)] if count else []
        else:
            angles = _row_angles(radius, span, count, pitch, row, obstacles)
        for angle in angles:
            x, y = polar(radius, angle)
            markers.append(Marker(next(queue), x, y, MARKER_R))
    return markers


# --------------------------------------------------------------------------- labels


def _title(index: int, outer: float) -> Text:
    middle = sum(sector_span(index)) / 2
    cos, sin = math.cos(middle), math.sin(middle)
    x, y = polar(outer + 14, middle)
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    lines = SECTORS[index].lines
    height = (len(lines) - 1) * TITLE_SIZE * 1.2
    if sin < -0.3:
        y -= height
    elif sin > 0.3:
        y += TITLE_SIZE * 0.8
    else:
        y += TITLE_SIZE * 0.3 - height / 2
    return make_text(lines, x, y, anchor, TITLE_SIZE, bold=True)


def _candidates(marker: Marker, text: str) -> list[Text]:
    """Places for a marker's name, the side away from the centre first."""
    x, y, r = marker.x, marker.y, marker.r + (5 if marker.person.nominated else 0)
    size = LABEL_SIZE
    right = [make_text([text], x + r + 4, y + size * 0.3 + dy, "start", size)
             for dy in (0, -r, r)]
    left = [make_text([text], x - r - 4, y + size * 0.3 + dy, "end", size)
            for dy in (0, -r, r)]
    sides = right + left if x >= 0 else left + right
    below = make_text([text], x, y + r + size * 0.95, "middle", size)
    above = make_text([text], x, y - r - 5, "middle", size)
    return [sides[0], sides[3], sides[1], sides[2], sides[4], sides[5], below, above]


def _inside(box: Box, radius: float) -> bool:
    return all(math.hypot(x, y) <= radius for x, y in box.corners())


def _in_slice(box: Box, sector: int) -> bool:
    """True when every corner of ``box`` lies inside slice ``sector``."""
    start, end = sector_span(sector)
    for x, y in box.corners():
        angle = (math.atan2(y, x) - start) % (2 * math.pi)
        if angle > end - start or math.hypot(x, y) < CENTRE_R:
            return False
    return True


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy)


def _closest_to_own(box: Box, own: Marker, markers: list[Marker]) -> bool:
    """True when no other marker is as near to the label as its own marker."""
    mine = _distance(box, own.x, own.y)
    return all(_distance(box, m.x, m.y) > mine + 3 for m in markers if m is not own)


def place_labels(markers: list[Marker], fixed: list[Box], outer: float,
                 crowd: dict[int, int]) -> dict[int, Text]:
    """A name label for every marker that has room; lonely markers first.

    First every label that fits inside its own slice is placed, then the
    others anywhere they overlap nothing.
    """
    taken = [(m.person.number, m.box) for m in markers] + [(0, box) for box in fixed]
    labels: dict[int, Text] = {}
    order = sorted(markers, key=lambda m: (crowd[m.person.number], m.person.number))
    for own_slice in (True, False):
        for marker in order:
            number = marker.person.number
            if number in labels:
                continue
            text = short(marker.person.name or f"Persoon {number}")
            for candidate in _candidates(marker, text):
                box = candidate.box
                if not _inside(box, outer + 2):
                    continue
                if own_slice and not _in_slice(box, marker.person.sector_index):
                    continue
                if any(box.overlaps(other, 2) for owner, other in taken if owner != number):
                    continue
                if not _closest_to_own(box, marker, markers):
                    continue
                labels[number] = candidate
                taken.append((-number, box))
                break
    return labels


# --------------------------------------------------------------------------- the whole map


def _cells(persons: Iterable[Person]) -> dict[tuple[int, int], list[Person]]:
    cells: dict[tuple[int, int], list[Person]] = {}
    for person in persons:
        if person.placed:
            cells.setdefault((person.sector_index, person.ring_index), []).append(person)
    return cells


def layout(persons: Iterable[Person]) -> Layout:
    """Place everyone with a sector and a ring; label whoever has room."""
    persons = list(persons)
    cells = _cells(persons)
    radii = ring_radii(cells)
    ring_labels = tuple(_ring_label(index, radii) for index in range(len(RINGS)))
    obstacles = [t.box for t in ring_labels]
    markers: list[Marker] = []
    crowd: dict[int, int] = {}
    for (sector, ring), members in sorted(cells.items()):
        markers += place_cell(members, radii[ring], radii[ring + 1], sector, obstacles)
        crowd.update({p.number: len(members) for p in members})
    titles = tuple(_title(index, radii[-1]) for index in range(len(SECTORS)))
    centre = Box(-CENTRE_R, -CENTRE_R, CENTRE_R, CENTRE_R)
    labels = place_labels(markers, [centre, *obstacles, *(t.box for t in titles)],
                          radii[-1], crowd)
    view = Box(-radii[-1], -radii[-1], radii[-1], radii[-1])
    for box in [t.box for t in titles] + [t.box for t in labels.values()]:
        view = view.union(box)
    margin = 12
    view = Box(view.x0 - margin, view.y0 - margin, view.x1 + margin, view.y1 + margin)
    unplaced = tuple(p for p in persons if not p.placed)
    return Layout(tuple(radii), tuple(markers), labels, titles, ring_labels, unplaced, view)


def wedge(inner: float, outer: float, start: float, end: float,
          steps: int = 24) -> list[tuple[float, float]]:
    """The outline of a ring segment as points (for the PDF and tests)."""
    outside = [polar(outer, start + (end - start) * i / steps) for i in range(steps + 1)]
    inside = [polar(inner, end - (end - start) * i / steps) for i in range(steps + 1)]
    return outside + inside
