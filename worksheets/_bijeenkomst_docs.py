"""What the worksheet "Bijeenkomst voorbereiden" shows and exports.

The views (HTML built with the engine's escaping builder), the invitation and
RG-plan PDFs, and the comparison of two saved versions. The logic behind them
lives in ``_bijeenkomst.py``. Private notes (the client's own notes and the
notes of preparatory talks) are never read in this module: nothing here
touches ``aantekeningen`` or ``voorgesprek_notities``.
"""

from __future__ import annotations

from typing import Any

from . import _bijeenkomst as logic
from ._bijeenkomst import AgendaItem, Answers, Context, clean
from .engine.html import Safe, el, join

CONTACT_NAMES = {"nog_niet": "nog niet gevraagd", "gevraagd": "gevraagd",
                 "doet_mee": "doet mee", "liever_niet": "doet liever niet mee"}
NOT_KNOWN = "Nog niet bekend"
NO_NAME_YET = "(nog geen naam)"
NO_TASK = "Niet iedereen hoeft een taak te hebben. Er zijn en meedenken is ook een bijdrage."


# --------------------------------------------------------------------------- shared text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def time_range(answers: Answers) -> str:
    """``van 19:30 tot 20:30 uur``; times as typed when they cannot be read."""
    def shown(key: str) -> str:
        minutes = logic.parse_clock(answers[key])
        return logic.format_clock(minutes) if minutes is not None else clean(answers[key])

    start, end = shown("begintijd"), shown("eindtijd")
    if start and end:
        return f"van {start} tot {end} uur"
    if start:
        return f"om {start} uur"
    return f"tot {end} uur" if end else ""


def when_and_where(answers: Answers) -> list[str]:
    """Date, time, place, who leads and who writes, as short lines."""
    lines = [_capital(logic.long_date(answers["datum"])), _capital(time_range(answers))]
    if clean(answers["plek"]):
        lines.append(f"Plek: {clean(answers['plek'])}")
    if clean(answers["leider"]):
        lines.append(f"Gesprek geleid door: {clean(answers['leider'])}")
    if clean(answers["notulist"]):
        lines.append(f"Afspraken opgeschreven door: {clean(answers['notulist'])}")
    return [line for line in lines if line]


def _minutes(item: AgendaItem) -> str:
    return f"{item.minutes} min" if item.minutes is not None else "–"


def _group_title(answers: Answers) -> str:
    return clean(answers["groepsnaam"]) or clean(answers["jouw_naam"])


# --------------------------------------------------------------------------- views


def _agenda_list(items: list[AgendaItem], start: int | None) -> Safe:
    """The agenda as a numbered list (reads well on a phone), then the total."""
    points = []
    for time, item in zip(logic.clock_times(items, start), items, strict=True):
        facts = [f"{item.minutes} minuten" if item.minutes is not None else "nog geen tijd"]
        facts += [f"wie: {item.who}"] if item.who else []
        points.append(el(
            "li", {},
            el("strong", {}, f"{time} ") if time else None, item.title, Safe("<br>"),
            el("span", {"class": "rg-muted"}, " · ".join(facts)),
            el("ul", {}, [el("li", {}, detail) for detail in item.details])
            if item.details else None))
    return join(el("ol", {}, points),
                el("p", {}, el("strong", {}, f"Samen: {logic.total_minutes(items)} minuten")))


def proposal_html(answers: Answers, context: Context) -> Safe:
    """The proposed agenda: open actions first, goals in priority order, usual items."""
    goals = logic.goals_in_priority(context)
    if goals:
        intro = el("p", {}, "Dit voorstel komt uit je doelen. Doelen voor de komende maanden staan "
                            "eerst. Kies de punten in ‘Mijn agenda’. Laat je ‘Mijn agenda’ "
                            "leeg? Dan komt dit voorstel in de uitnodiging.")
    else:
        intro = el("p", {}, "Je hebt nog geen doelen opgeschreven. Vul eerst het werkblad ",
                   el("a", {"href": "../doelen/"}, "Doelen formuleren"),
                   " in. Dan komen je doelen hier vanzelf bij, in de goede volgorde.")
    items = logic.propose_agenda(answers, context)
    parts = [intro, _agenda_list(items, None)]
    if len(goals) > logic.GOALS_PER_MEETING:
        parts.append(el("p", {"class": "rg-hint"},
                        f"Je hebt {len(goals)} doelen. Twee of drie doelen is in een uur "
                        "meestal genoeg. Kies welke doelen deze keer aan bod komen."))
    return join(parts)


def agenda_html(answers: Answers, context: Context) -> Safe:
    """The agenda that goes into the invitation, with clock times and the time check."""
    items, is_proposal = logic.agenda_in_use(answers, context)
    parts: list[Any] = []
    if is_proposal:
        parts.append(el("p", {}, "Je hebt nog geen eigen agenda gemaakt. In de uitnodiging "
                                 "komt dan het voorstel hierboven."))
    meeting = [line for line in (logic.long_date(answers["datum"]), time_range(answers)) if line]
    if meeting:
        parts.append(el("p", {}, el("strong", {}, _capital(", ".join(meeting)))))
    start = logic.parse_clock(answers["begintijd"])
    if start is not None or not is_proposal:  # the proposal itself stands just above
        parts.append(_agenda_list(items, start))
    length = logic.meeting_length(answers)
    # Without the meeting's length there is nothing to compare: the list says "Samen: …".
    message = (logic.time_message(items, length) if length is not None
               else logic.missing_minutes_note(items))
    if message:
        parts.append(el("p", {"class": "rg-hint"}, message))
    return join(parts)


def people_html(answers: Answers, context: Context) -> Safe:
    """Who was nominated on the resource map, and whether they are invited yet."""
    if "resources" not in context:
        return el("p", {}, "Heb je het werkblad ",
                  el("a", {"href": "../resources/"}, "Resources in kaart"),
                  " ingevuld? Dan zie je hier wie je hebt voorgedragen voor je groep. Je kunt "
                  "ook zelf namen typen.")
    nominated = logic.map_people(context)
    if not nominated:
        return el("p", {}, "Op je kaart heb je nog niemand voorgedragen voor je groep. Je kunt "
                           "ook zelf namen typen bij ‘Wie nodig je uit?’.")
    invited = {p.name: p for p in logic.participants(answers)}
    rows = []
    for person in nominated:
        if person.name in invited:
            notes = ["staat bij je deelnemers"]
        elif person.declined:
            notes = []
        else:
            notes = ["nog niet bij je deelnemers"]
        if person.contact in CONTACT_NAMES:
            notes.append(CONTACT_NAMES[person.contact])
        if person.first_talk:
            done = person.name in invited and invited[person.name].talk is True
            notes.append("voorgesprek gehad" if done else "eerst een voorgesprek")
        rows.append(el("li", {}, el("strong", {}, person.label), f": {', '.join(notes)}"))
    return join(el("p", {}, "Deze mensen heb je op je kaart voorgedragen voor je groep."),
                el("ul", {}, rows))


# --------------------------------------------------------------------------- PDF documents


def _lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line.strip()]


def _agenda_rows(items: list[AgendaItem], start: int | None) -> tuple[list[str], list[list[str]],
                                                                      list[float]]:
    times = logic.clock_times(items, start)
    with_times, with_who = any(times), any(item.who for item in items)
    headers = [h for h, keep in (("Tijd", with_times), ("Punt", True), ("Wie", with_who),
                                 ("Minuten", True)) if keep]
    widths = [w for w, keep in ((18, with_times), (100, True), (38, with_who), (20, True)) if keep]
    rows = [[v for v, keep in ((time, with_times), (item.title, True), (item.who, with_who),
                               (_minutes(item), True)) if keep]
            for time, item in zip(times, items, strict=True)]
    return headers, rows, widths


def build_invitation(doc: Any, answers: Answers, context: Context,
                     options: frozenset[str]) -> None:
    """The invitation for everyone who comes: no private notes, no RG-plan details."""
    title = _group_title(answers)
    doc.title("Uitnodiging")
    doc.meta_line(f"Bijeenkomst van {title}" if title else "Bijeenkomst van de resourcegroep")
    doc.space(3)
    doc.paragraph("Beste allemaal,")
    doc.paragraph("Ik nodig jullie uit voor de bijeenkomst van mijn resourcegroep. We praten over "
                  "mijn doelen en over wat ieder van ons kan doen. Hieronder staat wanneer en "
                  "waar, wie er komen en wat we bespreken.")
    doc.field("Wanneer", [_capital(line) for line in (logic.long_date(answers["datum"]),
                                                       time_range(answers)) if line]
              or [NOT_KNOWN])
    doc.field("Waar", [clean(answers["plek"]) or NOT_KNOWN])
    for key, label in (("leider", "Wie leidt het gesprek"),
                       ("notulist", "Wie schrijft de afspraken op")):
        if clean(answers[key]):
            doc.field(label, [clean(answers[key])])
    doc.heading("Wie komen er")
    doc.bullets([p.label for p in logic.participants(answers)], empty_text=NOT_KNOWN)
    items, _ = logic.agenda_in_use(answers, context)
    doc.heading("Agenda")
    headers, rows, widths = _agenda_rows(items, logic.parse_clock(answers["begintijd"]))
    doc.table(headers, rows, widths)
    doc.paragraph(f"Samen: {logic.total_minutes(items)} minuten.", muted=True)
    still_open = logic.open_actions(answers)
    if still_open:
        doc.heading("Nog open van de vorige keer")
        doc.bullets([a.line() for a in still_open])
    doc.space(2)
    doc.paragraph("Kun je niet komen? Laat het me dan weten.")
    doc.paragraph("Groet," + (f"\n{clean(answers['jouw_naam'])}" if clean(answers["jouw_naam"])
                              else ""))


def members(answers: Answers) -> list[list[str]]:
    """Rows name, role, can, cannot: participants first, then others named in the offers,
    then each offer without a name yet (its text is never left out)."""
    offers: dict[str, list[dict]] = {}
    unnamed = []
    for block in answers["bijdragen"]:
        if clean(block["naam"]):
            offers.setdefault(clean(block["naam"]), []).append(block)
        elif clean(block["kan"]) or clean(block["kan_niet"]):
            unnamed.append(block)
    people = logic.participants(answers)
    names = [p.name for p in people] + [name for name in offers
                                        if name not in {p.name for p in people}]
    roles = {p.name: logic.ROLE_NAMES.get(p.role, "") for p in people}
    return ([[name, roles.get(name, ""), *_offer_texts(offers.get(name, []))] for name in names]
            + [[NO_NAME_YET, "", *_offer_texts([block])] for block in unnamed])


def _offer_texts(blocks: list[dict]) -> list[str]:
    """What these offers say someone can and cannot do, a line each."""
    return ["\n".join(clean(b[key]) for b in blocks if clean(b[key]))
            for key in ("kan", "kan_niet")]


def _actions_by_goal(answers: Answers, context: Context) -> list[tuple[str, str, list]]:
    """(goal, term, actions) in the order of the goals; other goals and no goal after."""
    agreed = logic.actions(answers)
    goals = logic.goals_in_priority(context)
    known = [(g.text, g.term_name) for g in goals]
    extra = logic.unique(a.goal for a in agreed if a.goal and a.goal not in
                          {g.text for g in goals})
    groups = [(text, term, [a for a in agreed if a.goal == text])
              for text, term in known + [(text, "") for text in extra]]
    loose = [a for a in agreed if not a.goal]
    return groups + ([("", "", loose)] if loose else [])


def _action_rows(agreed: list[logic.Action]) -> list[list[str]]:
    return [[a.what, a.who, logic.short_date(a.when), "klaar" if a.done else "open"]
            for a in agreed]


def build_plan(doc: Any, answers: Answers, context: Context, options: frozenset[str]) -> None:
    """The RG-plan: members, goals with agreed actions, contact, next meeting."""
    title = _group_title(answers)
    doc.title(f"RG-plan van {title}" if title else "RG-plan")
    when = logic.long_date(answers["datum"])
    if when:
        doc.meta_line(f"Afgesproken in de bijeenkomst van {when}")
    doc.space(3)
    doc.paragraph("Dit is het plan van onze groep: wie erin zitten, wat we per doel afspreken, "
                  "hoe we contact houden en wanneer we weer bij elkaar komen.")
    doc.heading("Wie zitten in de groep")
    rows = members(answers)
    if rows:
        doc.table(["Naam", "Rol", "Kan en wil", "Kan of wil niet"], rows, [30, 40, 52, 52])
    else:
        doc.paragraph(NOT_KNOWN, muted=True)
    doc.paragraph(NO_TASK, muted=True)
    doc.heading("Doelen en afspraken")
    groups = _actions_by_goal(answers, context)
    if not groups:
        doc.paragraph("Er zijn nog geen doelen of afspraken.", muted=True)
    for goal, term, agreed in groups:
        doc.heading(goal or "Andere afspraken", level=2)
        if term:
            doc.meta_line(f"Doel voor {term}")
        if agreed:
            doc.table(["Wat", "Wie", "Wanneer", "Status"], _action_rows(agreed), [80, 40, 34, 20])
        else:
            doc.paragraph("Hierover is nog niets afgesproken.", muted=True)
    doc.heading("Afspraken over contact")
    for key, label in (("contact_hoe", "Zo houden we contact"),
                       ("wel_delen", "Dit delen we wel in de groep"),
                       ("niet_delen", "Dit delen we niet in de groep"),
                       ("crisis", "Als het heel slecht gaat"),
                       ("crisis_bellen", "Wie bel je dan?")):
        doc.field(label, _lines(answers[key]))
    doc.heading("De volgende bijeenkomst")
    doc.field("Datum", [_capital(logic.long_date(answers["volgende_datum"]))]
              if answers["volgende_datum"] else [])
    doc.field("Wat we dan bekijken", _lines(answers["evalueren"]))


# --------------------------------------------------------------------------- versions


def _action_key(action: logic.Action) -> tuple[str, str]:
    return (action.goal, action.what)


def _action_changes(older: Answers, newer: Answers) -> list[str]:
    before = {_action_key(a): a for a in logic.actions(older)}
    after = {_action_key(a): a for a in logic.actions(newer)}
    changes = [f"Nieuwe afspraak: {a.line()}" for key, a in after.items() if key not in before]
    changes += [f"Klaar: {a.what}" for key, a in after.items()
                if key in before and a.done and not before[key].done]
    changes += [f"Weer open: {a.what}" for key, a in after.items()
                if key in before and not a.done and before[key].done]
    changes += [f"Niet meer in het plan: {a.line()}" for key, a in before.items()
                if key not in after]
    return changes


def _date_change(older: Answers, newer: Answers, key: str, label: str) -> list[str]:
    if older[key] == newer[key]:
        return []
    old, new = logic.short_date(older[key]) or "geen", logic.short_date(newer[key]) or "geen"
    return [f"{label}: {old} → {new}"]


def compare(older: Answers, newer: Answers) -> Safe:
    """What changed between two saved versions: dates, participants, agreements."""
    names_before = [p.name for p in logic.participants(older)]
    names_after = [p.name for p in logic.participants(newer)]
    changes = _date_change(older, newer, "datum", "Datum van de bijeenkomst")
    changes += [f"Nieuw in de groep: {n}" for n in names_after if n not in names_before]
    changes += [f"Niet meer in de groep: {n}" for n in names_before if n not in names_after]
    changes += _action_changes(older, newer)
    changes += _date_change(older, newer, "volgende_datum", "Volgende bijeenkomst")
    if not changes:
        return el("p", {}, "Er is niets veranderd aan de datum, de deelnemers en de afspraken.")
    return el("ul", {}, [el("li", {}, change) for change in changes])
