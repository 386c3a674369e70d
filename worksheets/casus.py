"""Werkblad "Casus inbrengen": prepare a case for intervision, without identifying details.

The presenting regieondersteuner describes the client and the network in
roles, what happened, what was tried, and the question for the group. Once
Python is ready, every text is checked by ``_herkenning.py``: words that look
like names, dates of birth, postcodes, addresses, phone numbers or e-mail
addresses are pointed out next to the field, listed in the view "Controle op
herkenbare gegevens", and put at the top of the PDF as a warning. The checks
never block; the PDF can replace what was found by ``[naam]`` and the like.
Texts address the regieondersteuner ("je").
"""

from __future__ import annotations

import re

from ._herkenning import KINDS, Finding, advice, describe, find_identifiers
from ._voorbeelden import CASUS_VOORBEELD
from .engine.html import Safe, el
from .engine.pdf import PdfDocument
from .engine.schema import (
    Answers,
    Choice,
    Context,
    Export,
    Hint,
    LongText,
    Option,
    Section,
    ShortText,
    SummaryBlock,
    View,
    Worksheet,
    YesNo,
)

STEPS = (
    Option("stap1", "Stap 1: doelen formuleren"),
    Option("stap2", "Stap 2: resources in kaart brengen"),
    Option("stap3", "Stap 3: de groep vormen"),
    Option("stap4", "Stap 4: de bijeenkomst"),
    Option("stap5", "Stap 5: evalueren en verder"),
    Option("houding", "Mijn houding als regieondersteuner"),
    Option("onbekend", "Weet ik nog niet"),
)
WANTS = (
    Option("vragen", "Vragen die me helpen het beter te begrijpen"),
    Option("ideeen", "Ideeën voor een volgende stap"),
    Option("ervaringen", "Ervaringen van anderen met iets vergelijkbaars"),
    Option("spiegel", "Een spiegel op mijn eigen houding"),
    Option("luisteren", "Vooral even mijn verhaal kwijt kunnen"),
)
NO_NAMES = ("Gebruik geen echte namen. Schrijf rollen, zoals ‘de cliënt’, ‘zijn zus’ of ‘de "
            "buurvrouw’, of een verzonnen letter, zoals ‘cliënt A’.")

SECTIONS = (
    Section(
        id="vooraf",
        title="Voor je begint",
        intro=f"{NO_NAMES}\n\n"
              "Laat ook weg waaraan iemand te herkennen is: geboortedatum, adres, postcode, "
              "telefoonnummer, e-mailadres, werkgever of een bijzondere gebeurtenis die in de "
              "krant stond. Schrijf een leeftijd in grote lijnen, zoals ‘begin dertig’.\n\n"
              "Zodra de rekenhulp klaar is, wijst het werkblad aan wat op een naam, datum, "
              "adres of nummer lijkt. Het herkent niet alles: lees je tekst daarom ook zelf na.",
        fields=(),
    ),
    Section(
        id="casus",
        title="De casus",
        fields=(
            ShortText(id="titel", label="Werktitel van de casus", max_length=100,
                      help="Een paar woorden, zonder naam. Bijvoorbeeld: ‘De moeder die alles "
                           "regelt’."),
            Choice(id="stap", label="Bij welke stap van de methode speelt je vraag vooral?",
                   options=STEPS),
            LongText(id="client", label="Wie is de cliënt, in grote lijnen?", rows=3,
                     max_length=1500,
                     help="Bijvoorbeeld: ‘een man van in de vijftig, woont alleen, sinds twee "
                          "jaar bij ons team’. Geen naam, geboortedatum of woonplaats."),
            LongText(id="netwerk", label="Wie zijn er om de cliënt heen?", rows=3,
                     max_length=1500,
                     help="Noem rollen: ‘een zus’, ‘de buurman’, ‘de huisarts’."),
            LongText(id="gebeurd", label="Wat is er gebeurd?", rows=6, max_length=4000),
            LongText(id="geprobeerd", label="Wat heb je al geprobeerd, en wat gebeurde er?",
                     rows=4, max_length=2000),
        ),
    ),
    Section(
        id="vraag",
        title="Je vraag aan de groep",
        fields=(
            LongText(id="vraag", label="Wat is je vraag aan de groep?", rows=3, max_length=600,
                     help="Eén vraag, zo concreet mogelijk. Bijvoorbeeld: ‘Hoe help ik hem "
                          "zijn broer te vragen, zonder dat ik het overneem?’"),
            LongText(id="regie", label="Wie heeft hier nu de regie, denk je?", rows=2,
                     max_length=800),
            LongText(id="reflex", label="Welke reflex om over te nemen herken je bij jezelf?",
                     rows=2, max_length=800),
            Choice(id="wens", label="Wat wil je van de groep?", options=WANTS, multiple=True),
        ),
    ),
    Section(
        id="nalezen",
        title="Nalezen",
        fields=(
            YesNo(id="nagelezen",
                  label="Heb je de tekst zelf nagelezen op namen en andere herkenbare gegevens?",
                  help="Het werkblad wijst veel aan, maar niet alles. Jij kent de situatie."),
        ),
    ),
)

#: The free-text fields that are checked, in form order.
TEXT_FIELDS = tuple(f for section in SECTIONS for f in section.fields
                    if isinstance(f, ShortText))
FOUND_TITLE = "Let op: mogelijk herkenbare gegevens"


def findings(answers: Answers) -> list[tuple[ShortText, list[Finding]]]:
    """Per text field (in form order) what looks identifying; fields without any left out."""
    found = []
    for spec in TEXT_FIELDS:
        items = find_identifiers(answers.get(spec.id) or "")
        if items:
            found.append((spec, items))
    return found


def warning_line(answers: Answers) -> str:
    """The warning for the top of the PDF, or '' when nothing was found."""
    kinds = list(dict.fromkeys(f.kind for _, items in findings(answers) for f in items))
    if not kinds:
        return ""
    names = [KINDS[kind][1] for kind in kinds]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return (f"Let op: deze casus bevat mogelijk herkenbare gegevens ({listed}). Pas ze aan "
            "voordat je de casus deelt.")


def hints(answers: Answers) -> list[Hint]:
    """Per field what looks identifying and what to write instead; never blocking."""
    found = [Hint(f"{describe(items)} {advice(items)}", spec.id)
             for spec, items in findings(answers)]
    if found and answers.get("nagelezen") is True:
        found.append(Hint("Er staat nog iets in dat op herkenbare gegevens lijkt. Kijk bij "
                          "‘Controle op herkenbare gegevens’.", "nagelezen"))
    return found


def summary(answers: Answers) -> list[SummaryBlock]:
    blocks = []
    found = findings(answers)
    if found:
        blocks.append(SummaryBlock(FOUND_TITLE, tuple(
            f"{spec.label} {describe(items)}" for spec, items in found)))
    step = next((o.label for o in STEPS if o.value == answers.get("stap")), "")
    blocks += [
        SummaryBlock("De casus", tuple(line for line in (answers.get("titel", "").strip(), step)
                                       if line), "Nog geen titel."),
        SummaryBlock("Je vraag aan de groep", (answers.get("vraag", "").strip(),),
                     "Nog geen vraag. Een concrete vraag helpt de groep."),
    ]
    return blocks


def check_view(answers: Answers) -> Safe:
    found = findings(answers)
    if not found:
        return el("p", {"class": "rg-muted"},
                  "Geen namen, datums, adressen of nummers gevonden. Lees je tekst toch zelf "
                  "nog na: het werkblad herkent niet alles.")
    count = sum(len(items) for _, items in found)
    rows = [el("tr", {}, el("td", {"data-label": "Vraag"}, spec.label),
               el("td", {"data-label": "Lijkt op"}, finding.label),
               el("td", {"data-label": "Gevonden"}, el("mark", {}, finding.text)))
            for spec, items in found for finding in items]
    return el(
        "div", {"class": "rg-casus-check"},
        el("p", {"class": "rg-casus-warning"},
           el("strong", {}, f"{count} {'stukje' if count == 1 else 'stukjes'} tekst "
                            f"{'kan' if count == 1 else 'kunnen'} iemand herkenbaar maken. "),
           "Pas ze aan voordat je de casus deelt. " + NO_NAMES),
        el("div", {"class": "rg-table-wrap"},
           el("table", {"class": "rg-casus-table"},
              el("thead", {}, el("tr", {}, el("th", {"scope": "col"}, "Vraag"),
                                 el("th", {"scope": "col"}, "Lijkt op"),
                                 el("th", {"scope": "col"}, "Gevonden tekst"))),
              el("tbody", {}, rows))),
    )


def views(answers: Answers, context: Context) -> list[View]:
    return [View("controle", "Controle op herkenbare gegevens", check_view(answers))]


# --------------------------------------------------------------------------- PDF

PLACEHOLDERS = {"naam": "[naam]", "datum": "[datum]", "postcode": "[postcode]",
                "telefoon": "[telefoon]", "adres": "[adres]", "email": "[e-mail]",
                "nummer": "[nummer]"}


def replaced(text: str) -> str:
    """``text`` with everything that looks identifying replaced by ``[naam]`` and so on."""
    out, last = [], 0
    for finding in find_identifiers(text):
        out += [text[last:finding.start], PLACEHOLDERS[finding.kind]]
        last = finding.end
    return "".join(out) + text[last:]


def _warning(document: PdfDocument, text: str) -> None:
    pdf = document.pdf
    pdf.set_fill_color(255, 244, 214)
    pdf.set_text_color(77, 56, 0)
    pdf.set_font("Atkinson", "B", 11)
    pdf.multi_cell(0, 6, text, fill=True, padding=3, new_x="LMARGIN", new_y="NEXT")
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(4)


def build_case(document: PdfDocument, answers: Answers, context: Context,
               options: frozenset[str]) -> None:
    """The case for the intervision group; a warning first if anything was found."""
    replace = "vervangen" in options
    warning = warning_line(answers)
    if warning and replace:
        _warning(document, "Wat op een naam, datum, adres of nummer leek, is in deze PDF "
                           "vervangen door [naam], [datum] en dergelijke. Lees de tekst toch "
                           "zelf nog na.")
    elif warning:
        _warning(document, warning)

    def text(key: str) -> str:
        value = (answers.get(key) or "").strip()
        return replaced(value) if replace else value

    document.title(text("titel") or "Casus voor de intervisie")
    step = next((o.label for o in STEPS if o.value == answers.get("stap")), "")
    document.meta_line("Casus voor de intervisie" + (f" · {step}" if step else ""))
    document.heading("Mijn vraag aan de groep")
    document.paragraph(text("vraag") or "(nog geen vraag)")
    wants = [o.label for o in WANTS if o.value in (answers.get("wens") or [])]
    if wants:
        document.field("Wat ik van de groep wil", wants)
    document.heading("De casus")
    for key in ("client", "netwerk", "gebeurd", "geprobeerd", "regie", "reflex"):
        spec = next(f for f in TEXT_FIELDS if f.id == key)
        document.field(spec.label, re.split(r"\n\s*\n", text(key)) if text(key) else [])
    document.space(2)
    document.paragraph("Deel deze casus alleen in je intervisiegroep. Gooi de print na de "
                       "sessie weg of geef hem terug.", muted=True)


WORKSHEET = Worksheet(
    id="casus",
    title="Casus inbrengen",
    description="Bereid een casus voor de intervisie voor, zonder namen of andere gegevens "
                "waaraan iemand te herkennen is.",
    intro="Breng je een casus in bij de intervisie? Met dit werkblad zet je hem kort en "
          "helder op papier, met één vraag aan de groep, zonder namen (zie hieronder). "
          "Alles wat je typt, blijft in deze browser.",
    schema_version=1,
    sections=SECTIONS,
    example=CASUS_VOORBEELD,
    hints=hints,
    summary=summary,
    summary_title="Je casus in het kort",
    views=views,
    exports=(
        Export(id="casus", label="Casus voor de intervisie (PDF)", filename="casus-intervisie",
               build=build_case,
               options=(Option("vervangen", "Vervang wat op een naam, datum, adres of nummer "
                                            "lijkt door [naam], [datum] enzovoort"),),
               description="Een nette versie om te printen of in de groep te delen. Lijkt er "
                           "iets op herkenbare gegevens, dan staat bovenaan een waarschuwing."),
    ),
)
