"""Find words in a case description that could identify someone.

Used by the worksheet "Casus inbrengen": before a regieondersteuner shares
a case in intervision, this points out what looks like a name, a date of
birth, a postcode, a phone number, a street address, an e-mail address or a
bank or citizen service number. It is a helper, not a guarantee: it only
points things out (never blocks) and errs on the side of pointing out too
much. Pure standard library, so it runs the same in CPython and Pyodide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What a finding is, as the user reads it (singular, plural).
KINDS: dict[str, tuple[str, str]] = {
    "naam": ("een naam", "namen"),
    "datum": ("een datum", "datums"),
    "postcode": ("een postcode", "postcodes"),
    "telefoon": ("een telefoonnummer", "telefoonnummers"),
    "adres": ("een adres", "adressen"),
    "email": ("een e-mailadres", "e-mailadressen"),
    "nummer": ("een persoonlijk nummer (bsn of rekeningnummer)", "persoonlijke nummers"),
}
#: What to write instead, per kind.
ADVICE: dict[str, str] = {
    "naam": "Gebruik een rol (‘de cliënt’, ‘zijn zus’) of een verzonnen letter (‘cliënt A’).",
    "datum": "Schrijf ‘vorig voorjaar’ of ‘een paar maanden geleden’. Is het een "
             "geboortedatum? Schrijf dan een leeftijd in grote lijnen, zoals ‘begin dertig’.",
    "postcode": "Laat de postcode weg.",
    "telefoon": "Laat het telefoonnummer weg.",
    "adres": "Schrijf ‘woont zelfstandig’ of ‘in een grote stad’ in plaats van een adres.",
    "email": "Laat het e-mailadres weg.",
    "nummer": "Laat dit nummer weg.",
}


@dataclass(frozen=True)
class Finding:
    """Something that looks identifying: its kind, the text found and where."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]


# --------------------------------------------------------------------------- names


def _word_set(text: str) -> frozenset[str]:
    """Whitespace-separated words as a set: keeps the long word lists readable."""
    return frozenset(text.split())


#: Common first names in the Netherlands, also at the start of a sentence.
FIRST_NAMES = _word_set("""
aad adam adri ahmed aisha ali amber amina amira anna anne anneke annemarie anouk ans
anton arie arjen bart bas bayu ben bert bram carla carmen cees chantal charlotte chris
cor corrie daan daniel dave david dennis dewi diana dirk dylan eline ellen els emma erik
esther eva evert fatima fatma femke finn fleur floor frank frans freek fred gerard gerda
gerrit gert gijs hanna hans harm hatice hendrik henk herman hugo ibrahim ilse inge ingrid
iris jacob jamal jan janneke jasper jeroen jesse joep johan johanna john joke joost jos
josé julia kai karim karin kees kevin khadija kim klaas koen lars laura lieke lisa lotte
lucas luuk maarten manon marco marcel maria marianne marieke marijke marja mark marleen
martijn martin maryam mehmet melissa michael michel michiel milan mirjam mo mohamed
mohammed monique naima nadia nathalie nicole niels noah noor nora omar patrick paul peter
petra piet priya rachid ravi remco rik rina rob robert robin rogier roel roos ruben ruud
said samira sander sandra sanne sara sarah saskia sem sevda sophie stefan sven tamara
tessa thijs thomas tim tom truus vincent wendy wilma willem wim wouter yara yasmina
yusuf youssef zeynep zoë
""")

#: Capitalised words that are not names (days, months, the method, institutions).
NOT_NAMES = _word_set("""
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april
mei juni juli augustus september oktober november december pasen kerst kerstmis
ramadan suikerfeest offerfeest nederland nederlands nederlandse engels engelse turks
turkse marokkaans marokkaanse surinaams surinaamse antilliaans antilliaanse pools poolse
arabisch duits frans god allah whatsapp facebook instagram google teams zoom skype
resourcegroep resourcegroepen rg-plan ggz fact act ract r-met wmo uwv ggd ivh ik u
""")

#: Dutch surname particles ("Jan de Vries", "Fatima el Amrani").
PARTICLES = _word_set("van de der den het ter ten te in 't op el al bin ben da di la le du von")
#: Words after which a capitalised word is a name even at a sentence start.
TITLES = _word_set("""
dhr mevr mw mr dr drs ir meneer mevrouw familie fam tante oom opa oma juf meester
buurman buurvrouw
""")

_TOKEN = re.compile(r"[A-Z]\.|[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_INITIAL = re.compile(r"[A-Z]\.")
_OPENERS = " \t\"'“‘„(*•–-"


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a line, a list item or a quote."""
    before = text[:start]
    line = before.rsplit("\n", 1)[-1]
    bare_line = line.strip(_OPENERS)
    if not bare_line or re.fullmatch(r"\d+[.)]?", bare_line):
        return True
    if before.rstrip(" \t")[-1:] in "\"'“‘„(":
        return True  # quoted speech: ‘Daar voel ik me patiënt.’
    return before.rstrip(_OPENERS).endswith((".", "!", "?", ":", ";", "…"))


def _capitalised(token: _Token) -> bool:
    return bool(_CAPITALISED.fullmatch(token.text)) and token.text.lower() not in NOT_NAMES


def _opens_name(tokens: list[_Token], index: int, text: str) -> bool:
    token = tokens[index]
    if not _capitalised(token):
        return False
    if token.text.lower() in FIRST_NAMES:
        return True
    previous = tokens[index - 1] if index else None
    if previous and previous.text.lower().rstrip(".") in TITLES \
            and not text[previous.end:token.start].strip(" ."):
        return True
    return not _starts_sentence(text, token.start)


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    return text[left.end:right.start] in (" ", "\u00a0")


def _surname_end(tokens: list[_Token], index: int, text: str) -> int:
    """Index of the last token of the name starting at ``index`` (particles and surnames)."""
    last = index
    probe = index + 1
    while probe < len(tokens) and _adjacent(text, tokens[probe - 1], tokens[probe]):
        tail = probe
        while tail < len(tokens) and tokens[tail].text.lower() in PARTICLES \
                and _adjacent(text, tokens[tail - 1], tokens[tail]):
            tail += 1
        if tail < len(tokens) and _adjacent(text, tokens[tail - 1], tokens[tail]) \
                and _capitalised(tokens[tail]):
            last = probe = tail
            probe += 1
            continue
        break
    return last


def _names(text: str, blocked: list[tuple[int, int]]) -> list[Finding]:
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)
              if not any(m.start() < end and start < m.end() for start, end in blocked)]
    found: list[Finding] = []
    index = 0
    while index < len(tokens):
        initial = bool(_INITIAL.fullmatch(tokens[index].text))
        if initial or _opens_name(tokens, index, text):
            last = _surname_end(tokens, index, text)
            if not initial or last > index:  # "J. de Vries", not a lone "A."
                start, end = tokens[index].start, tokens[last].end
                found.append(Finding("naam", text[start:end], start, end))
                index = last + 1
                continue
        index += 1
    return found


# --------------------------------------------------------------------------- patterns

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
           "december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_STREET = (r"straat|laan|weg|plein|gracht|kade|dijk|singel|steeg|dreef|hof|park|plantsoen|"
           r"markt|boulevard|pad|burgwal|haven|kwartier")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("nummer", re.compile(r"\bNL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.I)),
    ("datum", re.compile(rf"\b{_DAY}[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)?\d{{2}}\b")),
    ("datum", re.compile(r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")),
    ("datum", re.compile(rf"\b{_DAY}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}\b", re.I)),
    ("datum", re.compile(rf"\bgeb(?:oren|\.)\s+(?:op\s+|in\s+)?(?:{_DAY}\s+)?"
                         rf"(?:(?:{_MONTHS})\.?\s+)?(?:19|20)\d{{2}}\b", re.I)),
    ("telefoon", re.compile(r"(?<![\w+])(?:\+|00)\s?31[\s.-]*(?:\(0\)[\s.-]*)?[1-9]"
                            r"(?:[\s.-]*\d){8}(?!\d)")),
    ("telefoon", re.compile(r"(?<![\w+-])\(?0[\s()]*[1-9](?:[\s.)-]*\d){8}(?!\d)")),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")),
    ("postcode", re.compile(r"\b[1-9]\d{3}(?!sa|sd|ss)[a-z]{2}\b")),
    ("adres", re.compile(rf"\b[A-Za-zÀ-ÿ'-]{{2,}}(?:{_STREET})\s+\d{{1,5}}"
                         r"(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:[-/]\d{1,4})?\b")),
    ("nummer", re.compile(r"(?<![\d-])\d{9}(?![\d-])")),
)


def _bsn_valid(digits: str) -> bool:
    """The Dutch "elfproef" for citizen service numbers."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and total != 0


def _pattern_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = match.group().strip()
            if kind == "nummer" and value.isdigit() and not _bsn_valid(value):
                continue
            found.append(Finding(kind, value, match.start(), match.start() + len(value)))
    return found


def find_identifiers(text: str) -> list[Finding]:
    """Everything in ``text`` that looks identifying, in reading order, no overlaps.

    Patterns (dates, numbers, addresses) win over names where they overlap:
    "Kerkstraat 12" is an address, not a name followed by a number.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    taken: list[Finding] = []
    for finding in _pattern_findings(text):
        if not any(finding.start < other.end and other.start < finding.end for other in taken):
            taken.append(finding)
    taken += _names(text, [(finding.start, finding.end) for finding in taken])
    return sorted(taken, key=lambda finding: finding.start)


def describe(findings: list[Finding]) -> str:
    """A short Dutch sentence naming what was found: ‘Dit lijkt op een naam (‘Jan’).’"""
    if not findings:
        return ""
    parts = [f"{finding.label} (‘{finding.text}’)" for finding in findings[:4]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    more = f" en nog {len(findings) - 4}" if len(findings) > 4 else ""
    return f"Dit lijkt op {listed}{more}."


def advice(findings: list[Finding]) -> str:
    """What to write instead, once per kind found."""
    kinds = list(dict.fromkeys(finding.kind for finding in findings))
    return " ".join(ADVICE[kind] for kind in kinds)
