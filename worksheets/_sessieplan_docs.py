"""What the worksheet "Sessieplanner" shows and prints.

The timed plan as HTML (built with the engine's escaping builder), and two
PDFs: the session plan for the trainer and a handout for participants. The
trainer's own notes appear in the plan only, never in the handout. The data
of the formats lives in ``_sessievormen.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._sessievormen import (
    DURATIONS,
    FORMAT_BY_ID,
    METHOD_QUESTIONS,
    PRIVACY,
    PlanItem,
    SessionFormat,
    format_clock,
    parse_clock,
    plan,
)
from .engine.html import Safe, el
from .engine.pdf import PdfDocument, dutch_date

Answers = dict[str, Any]

FOCUS = {
    "stap1": "Stap 1: doelen formuleren",
    "stap2": "Stap 2: resources in kaart brengen",
    "stap3": "Stap 3: de groep vormen",
    "stap4": "Stap 4: de bijeenkomst",
    "stap5": "Stap 5: evalueren en verder",
    "houding": "De houding van de regieondersteuner",
}
ROLE_FIELDS = (("gespreksleider", "Gespreksleider"), ("tijdbewaker", "Tijdbewaker"),
               ("inbrenger", "Casusinbrenger"))
NO_FORMAT = "Kies een sessievorm, dan verschijnt hier het plan met de tijden."


def clean(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


@dataclass(frozen=True)
class Session:
    """The chosen format, duration and times, read from the answers."""

    format: SessionFormat
    duration: int
    duration_chosen: bool
    start: int | None
    items: list[PlanItem]


def session_of(answers: Answers) -> Session | None:
    session = FORMAT_BY_ID.get(answers.get("vorm") or "")
    if session is None:
        return None
    chosen = answers.get("duur") in {str(d) for d in DURATIONS}
    duration = int(answers["duur"]) if chosen else DURATIONS[0]
    start = parse_clock(clean(answers.get("begintijd")))
    return Session(session, duration, chosen, start, plan(session.id, duration, start))


def when_line(answers: Answers, session: Session) -> str:
    """``90 minuten · 12 mei 2026 · 14:00–15:30 · Buurthuis · Team Noord``."""
    parts = [f"{session.duration} minuten"]
    if answers.get("datum"):
        parts.append(dutch_date(answers["datum"]))
    if session.start is not None:
        parts.append(f"{format_clock(session.start)}–"
                     f"{format_clock(session.start + session.duration)}")
    parts += [clean(answers.get(key)) for key in ("plek", "groep") if clean(answers.get(key))]
    return " · ".join(parts)


def time_label(item: PlanItem) -> str:
    return item.clock or f"{item.start}–{item.end} min"


def role_lines(answers: Answers, session: Session) -> list[str]:
    names = {label: clean(answers.get(key)) for key, label in ROLE_FIELDS}
    lines = []
    for role in session.format.roles:
        name = names.get(role.name, "")
        lines.append(f"{role.name}{f' ({name})' if name else ''}: {role.task}")
    return lines


def session_questions(answers: Answers, session: Session, everything: bool = True) -> list[str]:
    """The format's questions, the trainer's own, then (``everything``) the other method
    questions; the handout keeps to the first two, so it fits on one page."""
    own = [clean(q) for q in answers.get("extra_vragen", []) if clean(q)]
    rest = [q for q in METHOD_QUESTIONS if q not in session.format.questions] if everything \
        else []
    return list(dict.fromkeys([*session.format.questions, *own, *rest]))


def focus_line(answers: Answers) -> str:
    focus = FOCUS.get(answers.get("stap") or "")
    return f"Centraal: {focus}" if focus else ""


# --------------------------------------------------------------------------- view


def plan_view(answers: Answers) -> Safe:
    session = session_of(answers)
    if session is None:
        return el("p", {"class": "rg-muted"}, NO_FORMAT)
    rows = [
        el("tr", {},
           el("td", {"class": "rg-plan-time"}, el("strong", {}, time_label(item)), Safe("<br>"),
              f"{item.end - item.start} min"),
           el("td", {},
              el("strong", {}, item.step.title), el("span", {"class": "rg-muted"},
                                                    f" · {item.step.who}"),
              el("p", {}, item.step.what),
              el("ul", {}, [el("li", {}, q) for q in item.step.questions])
              if item.step.questions else None))
        for item in session.items
    ]
    note = None if session.duration_chosen else el(
        "p", {"class": "rg-muted"}, "Je hebt nog geen duur gekozen. Dit plan gaat uit van "
                                    "60 minuten.")
    return el(
        "div", {"class": "rg-sessieplan"},
        el("p", {}, el("strong", {}, session.format.name), Safe("<br>"), when_line(answers,
                                                                                  session)),
        note,
        el("p", {}, focus_line(answers)) if focus_line(answers) else None,
        el("p", {}, session.format.purpose),
        el("div", {"class": "rg-table-wrap"},
           el("table", {"class": "rg-plan-table"},
              el("caption", {}, f"Tijdschema voor {session.duration} minuten"),
              el("thead", {}, el("tr", {}, el("th", {"scope": "col"}, "Tijd"),
                                 el("th", {"scope": "col"}, "Onderdeel"))),
              el("tbody", {}, rows))),
        el("h3", {}, "Rollen"),
        el("ul", {}, [el("li", {}, line) for line in role_lines(answers, session)]),
        el("h3", {}, "Vragen die de methode in beeld houden"),
        el("ul", {}, [el("li", {}, q) for q in session_questions(answers, session)]),
    )


# --------------------------------------------------------------------------- PDFs


def _no_format(document: PdfDocument) -> None:
    document.title("Sessieplan")
    document.paragraph("Er is nog geen sessievorm gekozen. Kies op de pagina ‘Sessieplanner’ "
                       "een vorm en een duur, en maak de PDF opnieuw.")


def _schedule(document: PdfDocument, session: Session, with_minutes: bool) -> None:
    headers = ["Tijd", "Onderdeel", "Wie"] + (["Min."] if with_minutes else [])
    widths = [32, 88, 38, 16] if with_minutes else [34, 96, 44]
    rows = [[time_label(item), item.step.title, item.step.who]
            + ([str(item.end - item.start)] if with_minutes else []) for item in session.items]
    document.table(headers, rows, widths=widths)


def _writing_lines(document: PdfDocument, least: int = 3) -> None:
    """Lines to write on: to the foot of this page, or ``least`` lines on a new one."""
    pdf = document.pdf
    room = int((pdf.h - pdf.b_margin - 4 - pdf.get_y()) // 9)
    if room < least:
        pdf.add_page()
        room = int((pdf.h - pdf.b_margin - 4 - pdf.get_y()) // 9)
    pdf.set_draw_color(170, 170, 170)
    for _ in range(min(room, 12)):
        pdf.ln(9)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())


def build_plan(document: PdfDocument, answers: Answers, context: Any,
               options: frozenset[str]) -> None:
    """The trainer's plan: times, what to do in each step, roles, questions, notes."""
    session = session_of(answers)
    if session is None:
        _no_format(document)
        return
    document.meta_line("Sessieplan voor de gespreksleider")
    document.title(session.format.name)
    document.meta_line(when_line(answers, session))
    if focus_line(answers):
        document.meta_line(focus_line(answers))
    document.heading("Doel van de sessie")
    document.paragraph(session.format.purpose)
    document.heading("Tijdschema")
    _schedule(document, session, with_minutes=True)
    document.heading("Rollen")
    document.bullets(role_lines(answers, session))
    document.heading("Per onderdeel")
    for item in session.items:
        document.heading(f"{time_label(item)} · {item.step.title} "
                         f"({item.end - item.start} min, {item.step.who.lower()})", 2)
        document.paragraph(item.step.what)
        if item.step.questions:
            document.bullets(list(item.step.questions))
    document.heading("Vragen die de methode in beeld houden")
    document.bullets(session_questions(answers, session))
    document.heading("Voorbereiding")
    document.paragraph(session.format.prepare)
    document.heading("Afspraken")
    document.paragraph(PRIVACY)
    notes = answers.get("notities", "").strip()
    if notes:
        document.heading("Aantekeningen voor de trainer")
        document.paragraph(notes)


def build_handout(document: PdfDocument, answers: Answers, context: Any,
                  options: frozenset[str]) -> None:
    """For participants: purpose, schedule, roles, questions, agreements, room for notes."""
    session = session_of(answers)
    if session is None:
        _no_format(document)
        return
    document.meta_line("Intervisie over resourcegroepen · voor de deelnemers")
    document.title(session.format.name)
    document.meta_line(when_line(answers, session))
    if focus_line(answers):
        document.meta_line(focus_line(answers))
    document.space(2)
    document.paragraph(session.format.purpose)
    document.heading("Zo verloopt de sessie")
    _schedule(document, session, with_minutes=False)
    document.heading("Rollen")
    document.bullets(role_lines(answers, session))
    document.heading("Vragen om steeds bij stil te staan")
    document.bullets(session_questions(answers, session, everything=False))
    document.heading("Afspraken")
    document.paragraph(PRIVACY)
    if document.pdf.get_y() > document.pdf.h - document.pdf.b_margin - 45:
        document.pdf.add_page()  # the heading stays with its lines
    document.heading("Mijn aantekeningen")
    document.paragraph("Wat neem ik mee naar mijn eigen werk?", muted=True)
    _writing_lines(document)
