"""The evaluation overview as HTML: file list, scores, differences, rounds, themes.

Everything is built with ``engine.html``, which escapes every text and
attribute, because file names, group names and answers come from files.
Texts address the regieondersteuner and the client in plain Dutch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._evaluatie import ROLE_NAMES, ROLES, THEMES, Theme, answer_counts, decimal
from ._evaluatie_chart import chart_svg
from ._evaluatie_scores import (
    DUPLICATE,
    NOTABLE_GAP,
    OK,
    REFUSED,
    SMALL_GAP,
    Change,
    Difference,
    FileResult,
    Response,
    ResponseSet,
    SavedRound,
    Score,
)
from .engine.html import Safe, el, join, paragraphs
from .engine.pdf import dutch_date

if TYPE_CHECKING:
    from ._evaluatie_overzicht import Overview

NO_GROUP = "(geen naam van de groep)"
NO_DATE = "zonder datum"
ALL_ROLES = "Alle rollen samen"
_ROLE_COUNT = {role.id: (role.name.lower(), role.plural) for role in ROLES}
_STATUS = {OK: ("✓", "Meegeteld"), DUPLICATE: ("=", "Dubbel"), REFUSED: ("✕", "Niet meegeteld")}


def date_label(date: str) -> str:
    return dutch_date(date) if date else NO_DATE


def people(count: int, role: str | None = None) -> str:
    """``1 cliënt``, ``2 naasten``, ``3 personen``."""
    if role is None:
        return f"{count} {'persoon' if count == 1 else 'personen'}"
    one, many = _ROLE_COUNT[role]
    return f"{count} {one if count == 1 else many}"


def listing(parts: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def points(gap: float) -> str:
    """``1,0 punt``, ``2,2 punten``."""
    return f"{decimal(gap)} {'punt' if gap == 1 else 'punten'}"


def set_label(response_set: ResponseSet) -> str:
    return (f"{response_set.group or NO_GROUP} · {date_label(response_set.date)} · "
            f"{people(len(response_set.responses))}")


def _file_item(result: FileResult) -> Safe:
    mark, word = _STATUS[result.status]
    if result.response:
        where = (f"{ROLE_NAMES[result.response.role].lower()} · "
                 f"{result.response.group or NO_GROUP} · {date_label(result.response.date)}")
        detail = f"{word} als {where}"
    else:
        detail = f"{word}. {result.message}"
    note = result.message if result.status == OK and result.message else ""
    return el(
        "li", {"class": "rg-eval-file", "data-status": result.status},
        el("span", {"class": "rg-eval-mark", "aria-hidden": "true"}, mark),
        el("span", {"class": "rg-eval-file-text"},
           el("span", {"class": "rg-eval-file-name"}, result.name),
           el("span", {"class": "rg-eval-file-status"}, detail),
           el("span", {"class": "rg-eval-file-note"}, note) if note else None),
        el("button", {"type": "button", "class": "rg-link-button",
                      "data-eval-action": "remove-file", "data-index": result.index,
                      "aria-label": f"Weghalen: {result.name}"}, "Weghalen"),
    )


def files_summary(files: list[FileResult]) -> str:
    """One sentence about the added files, also announced to screen readers."""
    if not files:
        return "Nog geen bestanden toegevoegd."
    counted = sum(1 for f in files if f.status == OK)
    parts = [f"{counted} {'bestand' if counted == 1 else 'bestanden'} meegeteld"]
    doubles = sum(1 for f in files if f.status == DUPLICATE)
    refused = len(files) - counted - doubles
    if doubles:
        parts.append(f"{doubles} dubbel")
    if refused:
        parts.append(f"{refused} niet meegeteld")
    return listing(parts) + "."


def files_html(files: list[FileResult]) -> Safe:
    """The added files, each with what became of it and a button to take it away.

    The list is folded away while every file counts, and open when one does not.
    Without files it is empty: the status line above already says so.
    """
    if not files:
        return Safe("")
    trouble = any(f.status != OK or f.message for f in files)
    return el("details", {"class": "rg-eval-details", "open": trouble},
              el("summary", {"class": "rg-eval-count"}, files_summary(files), " ",
                 el("span", {"class": "rg-eval-toggle"}, "Toon de bestanden")),
              el("ul", {"class": "rg-eval-files"}, [_file_item(f) for f in files]))


def rounds_html(rounds: list[SavedRound], left_out: int = 0) -> Safe:
    """The rounds saved in this browser, each with a delete button; and how many
    older rounds are left out (``left_out``)."""
    if not rounds:
        return el("p", {"class": "rg-muted"}, "Nog geen rondes bewaard in deze browser.")
    items = []
    for saved in rounds:
        label = (f"{saved.group or NO_GROUP} · {date_label(saved.date)} · "
                 f"{people(sum(saved.respondents.values()))}")
        items.append(el("li", {"class": "rg-eval-round"},
                        el("span", {}, label),
                        el("button", {"type": "button", "class": "rg-link-button rg-danger",
                                      "data-eval-action": "delete-round",
                                      "data-round-id": saved.id,
                                      "aria-label": f"Ronde verwijderen: {label}"},
                           "Verwijderen")))
    listed = el("ul", {"class": "rg-eval-rounds"}, items)
    if not left_out:
        return listed
    older = "is nog 1 oudere ronde" if left_out == 1 else f"zijn nog {left_out} oudere rondes"
    return join(listed, el("p", {"class": "rg-muted", "data-eval": "rounds-left-out"},
                           f"Hier staan de nieuwste {len(rounds)} rondes. Er {older} "
                           "bewaard in deze browser. Die gaan niet weg en komen mee in een "
                           "reservekopie. Maar dit overzicht gebruikt ze niet: je ziet ze hier "
                           "niet en kunt er niet mee vergelijken."))


def _who_answered(current: ResponseSet) -> Safe:
    roles = current.roles()
    counts = listing([people(current.count(role), role) for role in roles])
    missing = [ROLE_NAMES[r.id].lower() for r in ROLES if r.id not in roles]
    total = len(current.responses)
    return join(
        el("p", {}, f"{people(total)} {'vulde' if total == 1 else 'vulden'} de vragenlijst "
                    f"in: {counts}."),
        el("p", {"class": "rg-muted"}, f"Nog geen antwoorden van: {listing(missing)}.")
        if missing else None,
    )


def _score_cell(theme_id: str, role: str, score: Score) -> Safe:
    if score.mean is None:
        value = el("span", {"class": "rg-eval-mean rg-muted"}, "geen cijfers")
    else:
        value = el("strong", {"class": "rg-eval-mean"}, decimal(score.mean))
    return el("td", {"data-theme": theme_id, "data-role": role}, value,
              el("span", {"class": "rg-eval-n"}, answer_counts(score.answers, score.dont_know)))


def _scores_table(view: Overview, roles: list[str]) -> Safe:
    head = el("tr", {}, el("th", {"scope": "col"}, "Thema"),
              [el("th", {"scope": "col"}, ROLE_NAMES[role]) for role in roles])
    rows = [el("tr", {}, el("th", {"scope": "row"}, theme.name),
               [_score_cell(theme.id, role, view.scores[theme.id][role]) for role in roles])
            for theme in THEMES]
    return el("div", {"class": "rg-eval-table-wrap"},
              el("table", {"class": "rg-eval-table", "data-table": "scores",
                           "data-columns": len(roles)},
                 el("caption", {}, "Gemiddelde per thema en rol, van 1 (klopt niet) tot 5 "
                                   "(klopt helemaal). ‘Weet ik niet’ telt niet mee."),
                 el("thead", {}, head), el("tbody", {}, rows)))


def _scores_section(view: Overview, title: str) -> Safe:
    roles = view.current.roles() if view.current else []
    return el("section", {"aria-labelledby": "eval-scores"},
              el("h3", {"id": "eval-scores"}, "Scores per thema"),
              el("figure", {"class": "rg-eval-figure"},
                 chart_svg(view.scores, roles, title, view.compared),
                 el("figcaption", {}, "Lengte van de balk: het gemiddelde van die rol. "
                                      "De getallen staan ook in de tabel hieronder.")),
              _scores_table(view, roles))


def _difference_item(difference: Difference, first: bool) -> Safe:
    name = el("strong", {}, difference.theme.name)
    if difference.gap < SMALL_GAP:
        return el("li", {}, name, f": de rollen zien dit ongeveer hetzelfde (verschil "
                                  f"{decimal(difference.gap)}).")
    text = (f": verschil {points(difference.gap)}. Laagst: "
            f"{ROLE_NAMES[difference.low_role].lower()} ({decimal(difference.low)}). Hoogst: "
            f"{ROLE_NAMES[difference.high_role].lower()} ({decimal(difference.high)}).")
    ask = first or difference.gap >= NOTABLE_GAP
    return el("li", {"data-theme": difference.theme.id}, name, text,
              el("p", {"class": "rg-eval-question"},
                 el("span", {}, "Vraag voor het gesprek: "), difference.theme.question)
              if ask else None)


def _differences_section(view: Overview) -> Safe:
    heading = el("h3", {"id": "eval-verschillen"}, "Waar de rollen het meest verschillen")
    found = view.differences
    if not found:
        body = el("p", {}, "Er zijn nog maar antwoorden van één rol. Verschillen tussen "
                           "rollen zie je als ook een andere rol antwoorden stuurt.")
    else:
        body = join(
            el("p", {}, "Liggen de scores ver uit elkaar? Dan ervaren mensen iets anders. "
                        "Dat is geen fout. Het is een goed begin voor het gesprek. "
                        "Het grootste verschil staat bovenaan."),
            el("ol", {"class": "rg-eval-differences"},
               [_difference_item(d, i == 0) for i, d in enumerate(found)]))
    return el("section", {"aria-labelledby": "eval-verschillen"}, heading, body)


def _change_cell(change: Change) -> Safe:
    if change.delta is None:
        return el("td", {}, "–")
    arrow = {"hoger": "↑", "lager": "↓"}.get(change.direction, "=")
    return el("td", {"data-direction": change.direction},
              el("span", {"aria-hidden": "true"}, f"{arrow} "), signed(change.delta),
              el("span", {"class": "rg-visually-hidden"}, f", {change.direction}"))


def signed(delta: float) -> str:
    """``+0,5``, ``−0,3``, ``±0,0``."""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{sign}{decimal(abs(delta))}"


def _value(value: float | None) -> str:
    return "–" if value is None else decimal(value)


def _comparison_table(changes: list[Change], earlier: SavedRound, now_date: str) -> Safe:
    head = el("tr", {}, el("th", {"scope": "col"}, "Thema en rol"),
              el("th", {"scope": "col"}, "Toen"), el("th", {"scope": "col"}, "Nu"),
              el("th", {"scope": "col"}, "Verschil"))
    bodies = []
    for theme in THEMES:
        rows = [el("tr", {"class": "rg-eval-theme-row"},
                   el("th", {"scope": "rowgroup", "colspan": 4}, theme.name))]
        for change in (c for c in changes if c.theme.id == theme.id):
            label = ROLE_NAMES[change.role] if change.role else ALL_ROLES
            rows.append(el("tr", {"data-theme": theme.id, "data-role": change.role or "alle"},
                           el("th", {"scope": "row"}, label), el("td", {}, _value(change.before)),
                           el("td", {}, _value(change.now)), _change_cell(change)))
        bodies.append(el("tbody", {}, rows))
    caption = (f"Toen: de ronde van {dutch_date(earlier.date)}. Nu: {date_label(now_date)}. "
               f"‘{ALL_ROLES}’ telt alleen de rollen die beide keren antwoorden gaven.")
    return el("div", {"class": "rg-eval-table-wrap"},
              el("table", {"class": "rg-eval-table rg-eval-compare", "data-table": "compare"},
                 el("caption", {}, caption), el("thead", {}, head), bodies))


def _comparison_summary(changes: list[Change]) -> Safe:
    overall = [c for c in changes if not c.role and c.direction]
    lines = []
    for direction, word in (("hoger", "Hoger"), ("lager", "Lager"),
                            ("ongeveer gelijk", "Ongeveer gelijk")):
        names = [c.theme.name for c in overall if c.direction == direction]
        if names:
            lines.append(el("li", {}, el("strong", {}, f"{word}: "), listing(names)))
    return el("ul", {"class": "rg-eval-trend"}, lines) if lines else Safe("")


def _comparison_section(view: Overview) -> Safe:
    heading_id = "eval-vergelijken"
    if view.compared is None or view.current is None:
        text = ("Je hebt gekozen om niet te vergelijken." if view.earlier else
                "Er is nog geen eerdere ronde van deze groep bewaard in deze browser. Bewaar "
                "deze ronde. Dan kun je de volgende keer zien wat er veranderd is.")
        return el("section", {"aria-labelledby": heading_id},
                  el("h3", {"id": heading_id}, "Vergeleken met een eerdere ronde"),
                  el("p", {"class": "rg-muted"}, text))
    return el("section", {"aria-labelledby": heading_id},
              el("h3", {"id": heading_id},
                 f"Vergeleken met de ronde van {dutch_date(view.compared.date)}"),
              _comparison_summary(view.changes),
              _comparison_table(view.changes, view.compared, view.current.date))


def attribution(response: Response) -> str:
    parts = [ROLE_NAMES[response.role].lower()]
    if response.first_name:
        parts.append(response.first_name)
    who = ", ".join(parts)
    return f"— {who} ({response.subrole.lower()})" if response.subrole else f"— {who}"


def open_answers(current: ResponseSet, theme: Theme) -> list[tuple[Response, str]]:
    """The "Wat kan beter?" answers on a theme, client first, then naasten, professionals."""
    order = {role.id: number for number, role in enumerate(ROLES)}
    found = [(r, str(r.answers.get(theme.better_id) or "").strip()) for r in current.responses]
    return sorted([(r, text) for r, text in found if text], key=lambda item: order[item[0].role])


def _theme_block(view: Overview, theme: Theme, number: int) -> Safe:
    assert view.current is not None
    answers = open_answers(view.current, theme)
    scores = " · ".join(f"{ROLE_NAMES[role]} {_value(score.mean)}"
                        for role, score in view.scores[theme.id].items())
    earlier = view.compared.actiepunten.get(theme.id) if view.compared else None
    field_id = f"eval-actie-{theme.id}"
    return el(
        "div", {"class": "rg-eval-theme", "data-theme": theme.id},
        el("h4", {}, f"{number}. {theme.name}"),
        el("p", {"class": "rg-eval-theme-scores"}, scores),
        el("p", {"class": "rg-eval-label"}, "Wat kan beter?"),
        el("ul", {"class": "rg-eval-open"},
           [el("li", {}, paragraphs(text), el("p", {"class": "rg-eval-who"}, attribution(r)))
            for r, text in answers])
        if answers else el("p", {"class": "rg-muted"}, "Niemand schreef hier iets."),
        el("div", {"class": "rg-eval-earlier"},
           el("p", {"class": "rg-eval-label"},
              f"Afgesproken in de ronde van {dutch_date(view.compared.date)}:"),
           paragraphs(earlier)) if earlier and view.compared else None,
        el("label", {"for": field_id, "class": "rg-eval-label"}, "Actiepunten voor dit thema"),
        el("p", {"class": "rg-help", "id": f"{field_id}-help"},
           "Wat gaat de groep anders doen, en wie doet wat? Dit komt in de PDF en wordt "
           "bewaard met de ronde."),
        el("textarea", {"id": field_id, "rows": 3, "maxlength": 2000,
                        "data-eval-actiepunt": theme.id, "aria-describedby": f"{field_id}-help",
                        "spellcheck": "true"},
           view.actiepunten.get(theme.id, "")),
    )


def overview_html(view: Overview) -> Safe:
    """The whole result for the chosen group and date."""
    current = view.current
    if current is None:
        return el("p", {"class": "rg-muted"},
                  "Nog geen antwoorden om te tonen. Voeg hierboven de antwoordbestanden toe.")
    title = f"Scores van {current.group or NO_GROUP}, {date_label(current.date)}"
    return el(
        "div", {"class": "rg-eval-result"},
        el("h3", {"id": "eval-groep"}, f"{current.group or NO_GROUP} · {date_label(current.date)}"),
        _who_answered(current),
        _scores_section(view, title),
        _differences_section(view),
        _comparison_section(view),
        el("section", {"aria-labelledby": "eval-themas"},
           el("h3", {"id": "eval-themas"}, "Per thema: wat kan beter, en wat spreken we af?"),
           [_theme_block(view, theme, number) for number, theme in enumerate(THEMES, 1)]),
    )
