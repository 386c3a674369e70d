"""Inhoudstests voor het handboek Resourcegroepen.

Drie soorten controles:

(a) Leesbaarheid van de pagina's voor cliënten en naasten (content/clienten/).
    We gebruiken de leesbaarheidsformule Flesch-Douma (1960): de Nederlandse
    bewerking door W.H. Douma van de Flesch Reading Ease:

        Flesch-Douma = 206,84 - 0,77 x (lettergrepen per 100 woorden)
                              - 0,93 x (gemiddeld aantal woorden per zin)

    Eis: gemiddelde zinslengte <= 15 woorden en Flesch-Douma >= 60.

(b) Geen overname uit het bronmateriaal: geen enkele reeks van tien
    opeenvolgende woorden uit een pagina onder content/ mag ook in een van de
    bronteksten voorkomen.

(c) Elke pagina onder content/ heeft front matter met een niet-lege
    `description` van één regel.

Alleen standaardbibliotheek, pytest en PyYAML; er wordt niets uit het project
zelf geïmporteerd.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
CLIENT_DIR = CONTENT / "clienten"

# Bronteksten: standaard <repo>/../shared/sources, te overschrijven met
# RG_SOURCES_DIR. Let op: ../shared/method-facts.md is een feitenlijst en geen
# brontekst; die staat buiten deze map en wordt dus niet meegenomen.
SOURCES_DIR = Path(os.environ.get("RG_SOURCES_DIR", str(REPO.parent / "shared" / "sources")))

WINDOW = 10
MAX_AVG_SENTENCE_LENGTH = 15.0
MIN_FLESCH_DOUMA = 60.0

# De literatuurlijst is uitgezonderd van de no-copy-test: referenties noemen
# titels van artikelen en boeken letterlijk, en die titels staan terecht ook in
# de bronteksten (bijvoorbeeld in de literatuurlijst van een bronpagina).
NO_COPY_EXCLUDED = {Path("methode") / "literatuur.md"}


def markdown_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.md") if p.is_file())


def rel(path: Path) -> str:
    return path.relative_to(CONTENT).as_posix()


# ---------------------------------------------------------------------------
# Markdown naar platte tekst
# ---------------------------------------------------------------------------

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Geef (front matter als tekst of None, rest van het document)."""
    text = text.lstrip("\ufeff")
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end() :]


def _inline(text: str) -> str:
    """Verwijder inline opmaak; van links blijft alleen de linktekst over."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)  # afbeeldingen
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # referentielinks
    text = re.sub(r"<[^>]+>", " ", text)  # HTML-tags
    text = re.sub(r"\{[:#.][^}]*\}", " ", text)  # attr_list
    text = text.replace("`", "")
    text = re.sub(r"(\*\*|__|\*|~~|==)", "", text)
    text = re.sub(r"(?<!\w)_(\S.*?\S|\S)_(?!\w)", r"\1", text)
    return text


def markdown_blocks(body: str, keep_tables: bool) -> list[str]:
    """Zet Markdown om in tekstblokken.

    Een blok is een alinea (samengevoegde regels), een kop, een lijstitem of
    (als keep_tables) een tabelrij. Admonitie-markeringen (`!!! note "Titel"`)
    en codeblokken vallen weg, evenals afkortingsdefinities (`*[X]: ...`).
    """
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    in_fence = False
    in_html_block = False
    for raw in body.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if re.match(r"^(```|~~~)", stripped):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if re.match(r"^<(script|style|div|figure|table|svg)\b", stripped, re.I):
            in_html_block = True
        if in_html_block:
            if re.search(r"</(script|style|div|figure|table|svg)>\s*$", stripped, re.I):
                in_html_block = False
            flush()
            continue
        if not stripped:
            flush()
            continue
        if re.match(r"^(!!!|\?\?\?\+?)\s", stripped):  # admonitie
            flush()
            continue
        if re.match(r"^\*\[[^\]]+\]:", stripped):  # afkortingsdefinitie
            flush()
            continue
        if re.match(r"^-{3,}$|^\*{3,}$|^_{3,}$", stripped):  # horizontale lijn
            flush()
            continue
        if stripped.startswith("|"):  # tabelrij
            flush()
            if keep_tables and not re.match(r"^\|?[\s:|-]+\|?$", stripped):
                cells = [c.strip() for c in stripped.strip("|").split("|")]
                blocks.append(" ".join(c for c in cells if c))
            continue
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", stripped)
        if heading:
            flush()
            blocks.append(heading.group(1))
            continue
        if re.match(r"^:\s+", stripped):  # definitielijst
            flush()
            current.append(re.sub(r"^:\s+", "", stripped))
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", stripped)
        if item:
            flush()
            current.append(item.group(1))
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        current.append(stripped)
    flush()
    return [b for b in (_inline(b).strip() for b in blocks) if b]


SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def sentences_from_blocks(blocks: list[str]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        for part in SENTENCE_END_RE.split(block):
            if WORD_RE.search(part):
                out.append(part.strip())
    return out


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


# ---------------------------------------------------------------------------
# Nederlandse lettergreepteller
# ---------------------------------------------------------------------------
#
# Heuristiek, goed genoeg voor een leesbaarheidsindex:
#
# 1. Kleine letters. Een trema (ë, ï, ö, ü, ä) markeert in het Nederlands een
#    nieuwe lettergreep (cli-ënt, ide-eën); die klinker begint daarom altijd een
#    nieuwe klinkergroep. Andere accenten (é, è, ê, ...) vallen weg.
# 2. Elke aaneengesloten groep klinkers (a e i o u y) telt als één lettergreep.
#    Zo tellen dubbele klinkers en tweeklanken (aa ee oo uu ie oe eu ui ei ou au,
#    ook drieklanken als aai ooi oei eeu ieu) als één. De 'ij' is met deze regel
#    ook één groep: de j is geen klinker, dus alleen de i telt.
# 3. Een paar klinkerreeksen worden juist wél gesplitst, omdat ze in het
#    Nederlands over twee lettergrepen verdeeld zijn:
#    - 'ia' en 'io' (psychi-a-ter, materi-aal, radi-o),
#    - 'ua', 'uo' en 'uee' (situ-a-tie, actu-eel),
#    - 'ea' en 'eo' behalve in 'eau' (the-a-ter, vide-o; maar bureau),
#    - een 'e' na 'aai', 'ooi', 'oei' of 'ui' (mooi-e, groei-en, lui-e).
# 4. Elk woord heeft minstens één lettergreep (ook getallen en afkortingen).
#
# Bekende beperkingen: Engelse leenwoorden met een stomme e (resource, app)
# en losse 'ie'-reeksen als in 'Maria' worden soms een lettergreep te hoog of
# te laag geteld. Voor een gemiddelde over een hele pagina maakt dat weinig uit.

_VOWELS = "aeiouy"
_SPLIT_RES = [
    re.compile(r"i(?=[ao])"),
    re.compile(r"u(?=[ao])"),
    re.compile(r"u(?=ee)"),
    re.compile(r"e(?=a(?!u))"),
    re.compile(r"e(?=o)"),
    re.compile(r"(?<=aai|ooi|oei)(?=e)"),
    re.compile(r"(?<=ui)(?=e)"),
]


def _normalise_word(word: str) -> str:
    out = []
    for ch in word.lower():
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if "\u0308" in decomposed and base in _VOWELS + "a":
            out.append("|" + base)  # trema: nieuwe lettergreep
        else:
            out.append(base if base.isalnum() else "|")
    return "".join(out)


def count_syllables(word: str) -> int:
    """Tel lettergrepen in een Nederlands woord (zie de heuristiek hierboven)."""
    normalised = _normalise_word(word)
    total = 0
    for group in re.findall(r"[aeiouy]+", normalised.replace("|", " |")):
        count = 1
        # De splitsregels werken op de losse klinkergroep (zonder medeklinkers).
        for rx in _SPLIT_RES:
            count += len(rx.findall(group))
        total += count
    return max(1, total)


def flesch_douma(text_sentences: list[str]) -> tuple[float, float, float]:
    """Geef (Flesch-Douma, gemiddelde zinslengte, lettergrepen per 100 woorden).

    Flesch-Douma (1960): 206,84 - 0,77 x lettergrepen/100 woorden - 0,93 x woorden/zin.
    Koppen en lijstitems tellen als aparte zinnen; tabellen, HTML en
    admonitie-markeringen zijn vooraf verwijderd (zie markdown_blocks).
    """
    all_words = [w for s in text_sentences for w in words(s)]
    n_sentences = len([s for s in text_sentences if words(s)])
    if not all_words or not n_sentences:
        raise ValueError("geen tekst om te meten")
    syllables = sum(count_syllables(w) for w in all_words)
    asl = len(all_words) / n_sentences
    per100 = 100.0 * syllables / len(all_words)
    return 206.84 - 0.77 * per100 - 0.93 * asl, asl, per100


def readability_of_markdown(text: str) -> tuple[float, float, float]:
    _, body = split_front_matter(text)
    return flesch_douma(sentences_from_blocks(markdown_blocks(body, keep_tables=False)))


# ---------------------------------------------------------------------------
# (a) Leesbaarheid
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word,expected",
    [
        ("huis", 1),
        ("groep", 1),
        ("appel", 2),
        ("naaste", 2),
        ("cliënt", 2),
        ("familie", 3),
        ("bijeenkomst", 3),
        ("ondersteuning", 4),
        ("situatie", 4),
        ("psychiater", 4),
        ("mooie", 2),
        ("ervaringsdeskundige", 7),
    ],
)
def test_syllable_counter_known_words(word, expected):
    assert count_syllables(word) == expected


def test_syllable_counter_resourcegroep_is_plausible():
    # Uitgesproken als "ri-soors-groep" (3) of gespeld als re-sour-ce-groep (4).
    assert count_syllables("resourcegroep") in (3, 4)


def test_hard_text_scores_lower_than_easy_text():
    easy = "Je kiest zelf wie er in je groep komt. Je zegt wat je wilt. Wij helpen je."
    hard = (
        "Implementatie van netwerkgeoriënteerde herstelondersteuning vereist "
        "interorganisationele afstemming tussen specialistische geestelijke "
        "gezondheidszorgvoorzieningen en gemeentelijke maatschappelijke "
        "ondersteuningsstructuren, teneinde continuïteit te waarborgen."
    )
    easy_score = readability_of_markdown(easy)[0]
    hard_score = readability_of_markdown(hard)[0]
    assert easy_score > hard_score
    assert easy_score >= MIN_FLESCH_DOUMA > hard_score


CLIENT_FILES = markdown_files(CLIENT_DIR)


def test_client_pages_exist():
    assert CLIENT_FILES, f"geen Markdown-bestanden gevonden in {CLIENT_DIR}"


@pytest.mark.parametrize("path", CLIENT_FILES, ids=[rel(p) for p in CLIENT_FILES])
def test_client_page_readability(path):
    score, asl, per100 = readability_of_markdown(path.read_text(encoding="utf-8"))
    assert asl <= MAX_AVG_SENTENCE_LENGTH, (
        f"{rel(path)}: gemiddelde zinslengte {asl:.1f} woorden (max {MAX_AVG_SENTENCE_LENGTH})"
    )
    assert score >= MIN_FLESCH_DOUMA, (
        f"{rel(path)}: Flesch-Douma {score:.1f} (min {MIN_FLESCH_DOUMA}); "
        f"zinslengte {asl:.1f}, lettergrepen/100 woorden {per100:.1f}"
    )


# ---------------------------------------------------------------------------
# (b) Geen overname uit de bronnen
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Kleine letters, alleen letters en cijfers; witruimte genormaliseerd."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def windows(toks: list[str], size: int = WINDOW):
    for i in range(len(toks) - size + 1):
        yield tuple(toks[i : i + size])


@pytest.fixture(scope="session")
def source_windows() -> set[tuple[str, ...]]:
    if not SOURCES_DIR.is_dir():
        reason = (
            f"bronmap {SOURCES_DIR} ontbreekt; zet RG_SOURCES_DIR om de no-copy-test te draaien"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    found: set[tuple[str, ...]] = set()
    files = [p for p in sorted(SOURCES_DIR.iterdir()) if p.is_file()]
    if not files:
        pytest.fail(f"bronmap {SOURCES_DIR} is leeg")
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        found.update(windows(tokens(text)))
    return found


CONTENT_FILES = markdown_files(CONTENT)
NO_COPY_FILES = [p for p in CONTENT_FILES if p.relative_to(CONTENT) not in NO_COPY_EXCLUDED]


@pytest.mark.parametrize("path", NO_COPY_FILES, ids=[rel(p) for p in NO_COPY_FILES])
def test_no_ten_word_overlap_with_sources(path, source_windows):
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    offending = []
    for sentence in sentences_from_blocks(markdown_blocks(body, keep_tables=True)):
        for win in windows(tokens(sentence)):
            if win in source_windows:
                offending.append(" ".join(win))
    assert not offending, (
        f"{rel(path)} bevat {len(offending)} reeks(en) van {WINDOW} woorden uit de bronnen:\n  "
        + "\n  ".join(dict.fromkeys(offending))
    )


# ---------------------------------------------------------------------------
# (c) Front matter met description
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[rel(p) for p in CONTENT_FILES])
def test_front_matter_has_one_line_description(path):
    front, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert front is not None, f"{rel(path)}: geen YAML front matter"
    data = yaml.safe_load(front) or {}
    assert isinstance(data, dict), f"{rel(path)}: front matter is geen mapping"
    desc = data.get("description")
    assert isinstance(desc, str) and desc.strip(), f"{rel(path)}: lege of ontbrekende description"
    assert "\n" not in desc.strip(), f"{rel(path)}: description beslaat meer dan één regel"
