"""The overview's bar chart as SVG: per theme, one horizontal bar per role.

Built with the engine's HTML builder, so every text is escaped. Roles are told
apart by the name next to each bar and by a fill pattern (solid, stripes,
grid), not by colour alone, and every bar carries its value. Bars run from 0
to 5, so their lengths are proportional to the means. Text uses
``currentColor`` and follows the page's light or dark colours. A thick stripe
on a bar marks the mean of the earlier round, when one is compared.
"""

from __future__ import annotations

from ._evaluatie import HIGHEST, ROLE_NAMES, THEMES, decimal
from ._evaluatie_scores import SavedRound, Scores
from .engine.html import Safe, el
from .engine.pdf import dutch_date

#: Narrow on purpose: on a phone the chart is shown at about its own size.
WIDTH = 340
PLOT_LEFT = 102
PLOT_RIGHT = WIDTH - 36
PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT
LEGEND_HEIGHT = 30
THEME_TITLE = 24
BAR_HEIGHT = 24
BAR_GAP = 7
THEME_GAP = 16
AXIS_HEIGHT = 44
FONT = 15

#: Role → (colour, pattern). The colours pass 3:1 against white and the dark theme.
ROLE_LOOK = {
    "client": ("#1f5fa8", "solid"),
    "naaste": ("#b4510f", "stripes"),
    "professional": ("#2a7a3c", "grid"),
}


def bar_length(value: float) -> float:
    """The length of a bar for a mean on the 0–5 axis."""
    return round(value / HIGHEST * PLOT_WIDTH, 2)


def _x(value: float) -> float:
    return round(PLOT_LEFT + value / HIGHEST * PLOT_WIDTH, 2)


def _patterns(prefix: str) -> Safe:
    patterns = []
    for role, (colour, kind) in ROLE_LOOK.items():
        if kind == "solid":
            continue
        lines = [el("path", {"d": "M0 0 L0 8", "stroke": colour, "stroke-width": 3})]
        if kind == "grid":
            lines = [el("path", {"d": "M0 0.5 H8 M0.5 0 V8", "stroke": colour,
                                 "stroke-width": 1.6})]
        patterns.append(el(
            "pattern", {"id": f"{prefix}-{role}", "width": 8 if kind == "grid" else 6,
                        "height": 8, "patternUnits": "userSpaceOnUse",
                        "patternTransform": "rotate(45)" if kind == "stripes" else None},
            el("rect", {"width": 8, "height": 8, "fill": colour, "fill-opacity": 0.22}),
            lines))
    return el("defs", {}, patterns)


def _fill(prefix: str, role: str) -> str:
    colour, kind = ROLE_LOOK[role]
    return colour if kind == "solid" else f"url(#{prefix}-{role})"


def _text(x: float, y: float, content: str, **extra: object) -> Safe:
    attributes = {"x": x, "y": y, "font-size": FONT, "fill": "currentColor"}
    attributes.update({key.replace("_", "-"): value for key, value in extra.items()})
    return el("text", attributes, content)


def _bar(prefix: str, theme_id: str, role: str, y: float, value: float | None,
         before: float | None) -> Safe:
    middle = y + BAR_HEIGHT / 2 + 5
    parts = [_text(PLOT_LEFT - 8, middle, ROLE_NAMES[role], text_anchor="end")]
    if value is None:
        parts.append(_text(PLOT_LEFT + 6, middle, "geen cijfers", font_style="italic"))
    else:
        length = bar_length(value)
        parts.append(el("rect", {
            "x": PLOT_LEFT, "y": y, "width": length, "height": BAR_HEIGHT,
            "fill": _fill(prefix, role), "stroke": ROLE_LOOK[role][0], "stroke-width": 1.5,
            "data-theme": theme_id, "data-role": role, "data-mean": round(value, 3)}))
        parts.append(_text(PLOT_LEFT + length + 6, middle, decimal(value), font_weight="bold"))
    if before is not None:
        parts.append(el("rect", {"x": round(_x(before) - 2, 2), "y": y - 4, "width": 4,
                                 "height": BAR_HEIGHT + 8, "fill": "currentColor",
                                 "data-before": round(before, 3)}))
    return el("g", {}, parts)


def _axis(top: float, bottom: float) -> Safe:
    parts = []
    for tick in range(HIGHEST + 1):
        x = _x(tick)
        parts.append(el("line", {"x1": x, "y1": top, "x2": x, "y2": bottom,
                                 "stroke": "currentColor", "stroke-opacity": 0.25}))
        parts.append(_text(x, bottom + 18, str(tick), text_anchor="middle"))
    parts.append(_text(PLOT_LEFT + PLOT_WIDTH / 2, bottom + 38,
                       "1 = klopt niet, 5 = klopt helemaal",
                       text_anchor="middle", font_size=FONT - 1))
    return el("g", {}, parts)


def _description(scores: Scores, roles: list[str]) -> str:
    parts = []
    for theme in THEMES:
        values = [f"{ROLE_NAMES[role].lower()} "
                  + (decimal(s.mean) if (s := scores[theme.id][role]).mean is not None
                     else "geen cijfers")
                  for role in roles]
        parts.append(f"{theme.name}: {'; '.join(values)}.")
    return " ".join(parts)


def chart_height(role_count: int, with_legend: bool) -> int:
    block = THEME_TITLE + role_count * (BAR_HEIGHT + BAR_GAP) + THEME_GAP
    return (LEGEND_HEIGHT if with_legend else 8) + len(THEMES) * block + AXIS_HEIGHT


def chart_svg(scores: Scores, roles: list[str], title: str,
              earlier: SavedRound | None = None, prefix: str = "rg-eval-chart") -> Safe:
    """The grouped bar chart; ``roles`` are the roles that sent answers."""
    height = chart_height(len(roles), earlier is not None)
    y = float(LEGEND_HEIGHT if earlier else 8)
    top = y
    body = []
    if earlier:
        body.append(el("rect", {"x": 0, "y": 6, "width": 4, "height": 18,
                                "fill": "currentColor"}))
        body.append(_text(10, 20, f"streep: ronde van {dutch_date(earlier.date)}",
                          font_size=FONT - 1))
    for theme in THEMES:
        body.append(_text(0, y + 16, theme.name, font_weight="bold"))
        y += THEME_TITLE
        for role in roles:
            before = earlier.means.get(theme.id, {}).get(role) if earlier else None
            body.append(_bar(prefix, theme.id, role, y, scores[theme.id][role].mean, before))
            y += BAR_HEIGHT + BAR_GAP
        y += THEME_GAP
    return el(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "class": "rg-eval-chart",
         "viewBox": f"0 0 {WIDTH} {height}", "width": WIDTH, "height": height, "role": "img",
         "aria-labelledby": f"{prefix}-title {prefix}-desc", "focusable": "false",
         "data-plot-left": PLOT_LEFT, "data-plot-right": PLOT_RIGHT},
        el("title", {"id": f"{prefix}-title"}, title),
        el("desc", {"id": f"{prefix}-desc"}, _description(scores, roles)),
        _patterns(prefix),
        _axis(top - 4, y - THEME_GAP + 4),
        body,
    )
