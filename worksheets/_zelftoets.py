"""The self-checks of the learning path for new regieondersteuners.

All questions live in this one file, so a trainer can add or change them
here and nowhere else: each module has a few questions, each answer says
whether it is right and why. The page asks for the questions without the
answers' correctness (:func:`questions`), sends the chosen answers back
(:func:`check`) and shows the explanations. :func:`certificate` makes the
learner's own overview of completed modules as a PDF.

The browser calls these functions through the worker's generic call with
one argument, the JSON text of the arguments; they return JSON text (or
PDF bytes). Nothing here is stored.

To change a question: edit its text or its answers below. To add one:
add a ``_question(...)`` to the module's tuple; give it an id that is new
within the module. Exactly one answer per question has ``right=True``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Answer:
    """One possible answer, whether it is right, and why."""

    id: str
    text: str
    right: bool
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]

    def __post_init__(self) -> None:
        if sum(answer.right for answer in self.answers) != 1:
            raise ValueError(f"question {self.id!r}: exactly one answer must be right")
        if len({answer.id for answer in self.answers}) != len(self.answers):
            raise ValueError(f"question {self.id!r}: answer ids must be unique")


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    #: The module page under content/leren/, for links and checks.
    page: str
    #: One line on what the module is about (used in the certificate).
    topic: str
    questions: tuple[Question, ...]


def _right(text: str, why: str) -> tuple[str, bool, str]:
    return text, True, why


def _wrong(text: str, why: str) -> tuple[str, bool, str]:
    return text, False, why


def _question(question_id: str, text: str, *answers: tuple[str, bool, str]) -> Question:
    return Question(question_id, text, tuple(
        Answer(chr(ord("a") + index), answer_text, right, why)
        for index, (answer_text, right, why) in enumerate(answers)))


MODULES: tuple[Module, ...] = (
    Module("basis", 1, "Wat is een resourcegroep", "module-1-basis.md",
           "De cliënt als regisseur, wie er in een groep zitten, de vijf stappen en herstel.", (
        _question("kiezen", "Wie beslist wie er in de resourcegroep komt?",
                  _right("De cliënt.",
                         "Goed. De cliënt draagt mensen voor (nomineren). Wie gevraagd wordt, "
                         "zegt zelf ja of nee. Jij denkt mee, maar kiest niet."),
                  _wrong("De regieondersteuner, samen met het behandelteam.",
                         "Niet goed. Jij helpt de cliënt nadenken over wie in aanmerking komt, "
                         "maar de keuze ligt bij de cliënt."),
                  _wrong("De familie van de cliënt.",
                         "Niet goed. Naasten krijgen een plek als de cliënt dat wil. Zij bepalen "
                         "niet wie er verder bij komt.")),
        _question("verschil", "Wat maakt een resourcegroep anders dan een gewoon netwerkoverleg?",
                  _wrong("Er zitten ook naasten aan tafel.",
                         "Niet goed. Ook bij een gewoon netwerkoverleg zijn naasten vaak "
                         "welkom. Het verschil zit in wie de opdracht geeft."),
                  _right("De cliënt is de opdrachtgever, niet het onderwerp van gesprek.",
                         "Goed. De groep werkt aan doelen die de cliënt zelf kiest, en de cliënt "
                         "bepaalt naam, plek, leden en volgorde."),
                  _wrong("De groep komt elke week bij elkaar.",
                         "Niet goed. In het Nederlandse onderzoek kwam een groep ongeveer eens "
                         "per drie maanden bijeen, steeds zo'n uur.")),
        _question("uitnodigen",
                  "Een cliënt vraagt of jij de uitnodigingen wilt versturen. Past dat bij "
                  "regie voeren?",
                  _wrong("Nee: wie de regie heeft, doet alles zelf.",
                         "Niet goed. Regie voeren is iets anders dan alles zelf doen. De cliënt "
                         "bepaalt wat er gebeurt; een deel van het werk mag een ander doen."),
                  _right("Ja, als de cliënt dat wil en zelf bepaalt wie wat krijgt.",
                         "Goed. Dit heet regie naar vermogen: wat iemand zelf kan, doet hij "
                         "zelf. Bij de rest krijgt hij hulp, maar de beslissing blijft van hem."),
                  _wrong("Ja, en dan maak je meteen ook de agenda.",
                         "Niet goed. Zo wordt het ongemerkt jouw groep. De agenda maak je samen, "
                         "en de cliënt beslist wat erop komt.")),
        _question("stappen", "Welke volgorde hebben de vijf stappen van de methode?",
                  _right("Doelen, resources in kaart, groep vormen, bijeenkomst, evalueren.",
                         "Goed. De volgorde begint bij wat de cliënt wil. Het is geen "
                         "afvinklijst: je kunt terug naar een eerdere stap."),
                  _wrong("Groep vormen, doelen, bijeenkomst, resources, evalueren.",
                         "Niet goed. Je vormt de groep pas als duidelijk is wat de cliënt wil "
                         "bereiken en wie er om hem heen staan."),
                  _wrong("Intake, diagnose, behandelplan, bijeenkomst, afsluiting.",
                         "Niet goed. Dat is de volgorde van een behandeltraject. De methode "
                         "begint bij de eigen doelen van de cliënt.")),
        _question("herstel", "Over welk herstel gaan de doelen van een resourcegroep?",
                  _wrong("Vooral over minder klachten.",
                         "Niet goed. Minder klachten kan een doel zijn, maar herstel is breder "
                         "dan klachtenvrij worden."),
                  _wrong("Over wat de behandelaar het belangrijkst vindt.",
                         "Niet goed. De behandelaar mag zorgen inbrengen, maar de cliënt kiest "
                         "de doelen."),
                  _right("Over persoonlijk en maatschappelijk herstel en herstel van gezondheid.",
                         "Goed. Doelen kunnen over elk deel van het leven gaan: wie je bent, "
                         "meedoen in de samenleving en je gezondheid.")),
    )),
    Module("doelen", 2, "Doelen formuleren", "module-2-doelen.md",
           "Problemen, prioriteiten en oplossingen omzetten in doelen in eigen woorden.", (
        _question("positief",
                  "Een cliënt zegt: ‘Niet meer de hele dag op bed liggen.’ Wat doe je?",
                  _wrong("Je schrijft het precies zo op: het zijn haar woorden.",
                         "Niet goed. Haar woorden zijn belangrijk, maar een doel werkt beter als "
                         "het zegt wat ze wél wil. Vraag daarnaar."),
                  _right("Je vraagt wat ze in plaats daarvan wil, en schrijft dat in haar "
                         "woorden op.",
                         "Goed. Zo wordt het een doel waar de groep mee verder kan, en het "
                         "blijft van haar."),
                  _wrong("Je maakt er ‘dagstructuur verbeteren’ van.",
                         "Niet goed. Dat is vaktaal. De cliënt en haar groep herkennen het dan "
                         "minder als haar eigen doel.")),
        _question("termijn", "Hoe verhoudt een doel voor de korte termijn zich tot een doel "
                  "voor de lange termijn?",
                  _right("Het is een eerste stap in de richting van het lange doel, haalbaar "
                         "voor de volgende bijeenkomst.",
                         "Goed. Het lange doel geeft richting, het korte doel laat zien dat er "
                         "beweging is."),
                  _wrong("Het is een kleinere versie van hetzelfde doel.",
                         "Niet goed. Het korte doel is een stap op weg, geen verkleinde kopie. "
                         "‘Elke zondag bellen’ is een stap naar ‘een goede band met mijn zoon’."),
                  _wrong("Lange doelen zijn voor de professional, korte voor de cliënt.",
                         "Niet goed. Alle doelen zijn van de cliënt, voor de korte en de lange "
                         "termijn.")),
        _question("volgorde",
                  "De cliënt kiest als eerste een klein, praktisch doel. Jij ziet een groter "
                  "probleem. Wat doe je?",
                  _right("Je volgt de keuze van de cliënt.",
                         "Goed. Een eerste succes geeft vaak energie voor de rest. Je mag je "
                         "zorg noemen, maar de cliënt kiest."),
                  _wrong("Je zet het grotere probleem bovenaan, omdat het belangrijker is.",
                         "Niet goed. Dan wordt het jouw lijst. De volgorde is aan de cliënt."),
                  _wrong("Je wacht met doelen tot de cliënt het grotere probleem ook ziet.",
                         "Niet goed. Dan staat alles stil op jouw tempo. Begin bij wat de cliënt "
                         "nu belangrijk vindt.")),
        _question("smart", "Wanneer maak je een doel concreet en meetbaar (SMART)?",
                  _wrong("Meteen in het eerste gesprek.",
                         "Niet goed. Dat is te vroeg: het doel moet eerst van de cliënt zijn."),
                  _right("Later, in de bijeenkomst, als duidelijk is wie wat kan bijdragen.",
                         "Goed. Eerst eigenaarschap, dan de uitwerking. Die doe je samen met de "
                         "mensen die gaan helpen."),
                  _wrong("Nooit: concreet maken hoort niet bij de methode.",
                         "Niet goed. Concreet maken hoort er wel bij, maar het komt niet eerst.")),
    )),
    Module("resources", 3, "Resources in kaart brengen", "module-3-resources.md",
           "Het netwerk breed in beeld brengen, ook bij een cliënt die zegt niemand te hebben.", (
        _question("niemand", "Een cliënt zegt: ‘Ik heb niemand.’ Wat is een goede volgende stap?",
                  _wrong("Je noteert dat er geen netwerk is en zoekt professionele hulp.",
                         "Niet goed. Die conclusie komt vaak te snel. In de Amsterdamse pilot "
                         "werd het netwerk in 77% van de trajecten toch betrokken."),
                  _right("Je loopt samen een gewone week door: wie kwam je tegen?",
                         "Goed. Door concreet te vragen naar dagen, plekken en berichtjes komen "
                         "vaak toch namen boven."),
                  _wrong("Je belt zelf de familie om te vragen wie wil helpen.",
                         "Niet goed. Dan neem je het over, en zonder afspraak met de cliënt.")),
        _question("spanning", "Horen mensen met wie het contact moeizaam is op de kaart?",
                  _wrong("Nee, op de kaart staan alleen mensen die steunen.",
                         "Niet goed. Ook lastige contacten zijn deel van het netwerk. Weglaten "
                         "maakt het beeld onvolledig."),
                  _right("Ja. Zet ze erop en markeer dat er spanning is.",
                         "Goed. Zo zie je het hele netwerk, en weet je waar je later voorzichtig "
                         "moet zijn."),
                  _wrong("Alleen als de cliënt ze in de groep wil.",
                         "Niet goed. Op de kaart kiest nog niemand: eerst verzamelen, daarna "
                         "beslist de cliënt wie hij vraagt.")),
        _question("uitstellen", "Waarom stel je het kiezen uit tot na het verzamelen?",
                  _right("Zodat de cliënt niemand schrapt voordat die een kans heeft gehad.",
                         "Goed. Wie bij elke naam denkt ‘die wil vast niet’, houdt weinig over. "
                         "Eerst breed, dan kiezen."),
                  _wrong("Omdat jij eerst wilt beoordelen wie geschikt is.",
                         "Niet goed. Jij beoordeelt de mensen niet. De cliënt kiest."),
                  _wrong("Omdat de kaart er dan voller uitziet.",
                         "Niet goed. Het gaat niet om een volle kaart, maar om een eerlijke "
                         "kans voor iedereen die kan helpen.")),
        _question("plekken", "Wat telt mee als resource?",
                  _wrong("Alleen familie en vrienden.",
                         "Niet goed. Ook buren, collega's, ervaringsdeskundigen en "
                         "professionals tellen mee."),
                  _right("Mensen, maar ook plekken en organisaties, zoals een sportclub of "
                         "een inloophuis.",
                         "Goed. Een plek waar iemand graag komt, kan een begin zijn van nieuw "
                         "contact."),
                  _wrong("Alleen mensen die veel tijd hebben.",
                         "Niet goed. Ook wie weinig tijd heeft, kan iets kleins bieden, zoals "
                         "één keer meegaan naar een afspraak.")),
    )),
    Module("groep", 4, "De groep vormen", "module-4-groep-vormen.md",
           "Contact leggen, leden één op één voorbereiden en omgaan met spanning en aarzeling.", (
        _question("contact", "Wie legt het eerste contact met iemand die de cliënt wil vragen?",
                  _wrong("Altijd de regieondersteuner: dat is professioneler.",
                         "Niet goed. Dat is één van de routes, en alleen als de cliënt dat wil."),
                  _right("De cliënt kiest: zelf, samen met jou, of jij met een afgesproken "
                         "boodschap.",
                         "Goed. Er zijn drie routes. Bespreek vooraf wat de cliënt wel en niet "
                         "wil laten vertellen."),
                  _wrong("Altijd de cliënt zelf, anders is het geen regie.",
                         "Niet goed. Regie betekent dat de cliënt kiest hoe het gaat. Dat mag "
                         "ook samen of via jou.")),
        _question("voorgesprek", "Waarom spreek je elk lid vooraf apart?",
                  _wrong("Om te beoordelen of het lid geschikt is.",
                         "Niet goed. De cliënt heeft gekozen; jij keurt niemand."),
                  _right("Om uit te leggen wat de groep is en te vragen wat het lid wel en niet "
                         "kan bieden.",
                         "Goed. Wie goed voorbereid aan tafel komt, schrikt niet van de vraag "
                         "wat hij kan betekenen."),
                  _wrong("Om alvast de taken te verdelen.",
                         "Niet goed. Taken verdeel je in de bijeenkomst, met de cliënt erbij.")),
        _question("spanning",
                  "Tussen de cliënt en zijn moeder is veel spanning. Wanneer bespreek je dat?",
                  _wrong("Voor het eerst aan de groepstafel, zodat iedereen het hoort.",
                         "Niet goed. Een conflict dat voor het eerst in de groep op tafel komt, "
                         "kan de bijeenkomst overnemen."),
                  _right("Eerst apart, vóór de bijeenkomst.",
                         "Goed. Vraag beide kanten naar hun verhaal en spreek af wat wel en niet "
                         "in de groep komt."),
                  _wrong("Niet: spanningen horen niet bij deze methode.",
                         "Niet goed. Spanningen in het netwerk horen erbij. Je bespreekt ze "
                         "waar nodig, op een veilig moment.")),
        _question("tijd", "Hoeveel tijd kostte het vormen van een groep in de Amsterdamse "
                  "pilot gemiddeld?",
                  _wrong("Een à twee uur.",
                         "Niet goed. Dat is te weinig voor de gesprekken met de cliënt en met "
                         "elk lid."),
                  _right("Acht tot vijftien uur, en bij complexe problemen meer.",
                         "Goed. Bij complexe ggz-problematiek liep het op tot twintig à dertig "
                         "uur. Plan die tijd bewust in."),
                  _wrong("Meer dan vijftig uur.",
                         "Niet goed. Het kost tijd, maar niet zoveel. De meeste "
                         "regieondersteuners verwachtten er later tijd mee te winnen.")),
    )),
    Module("bijeenkomst", 5, "De bijeenkomst", "module-5-bijeenkomst.md",
           "De bijeenkomst voorbereiden, leiden en de afspraken vastleggen in het RG-plan.", (
        _question("leiden", "Wie leidt de bijeenkomst?",
                  _wrong("Altijd de cliënt.",
                         "Niet goed. Dat ligt niet vast. Sommige cliënten willen voorzitten, "
                         "anderen openen alleen."),
                  _right("Dat spreken cliënt en regieondersteuner samen af.",
                         "Goed. De regie blijft bij de cliënt, ook als een ander het gesprek "
                         "leidt."),
                  _wrong("Altijd de regieondersteuner.",
                         "Niet goed. Dat kan, als de cliënt dat wil. Het is een afspraak, geen "
                         "vaste regel.")),
        _question("nee", "Een zus zegt in de bijeenkomst: ‘Elke week komen lukt me niet.’ Hoe "
                  "kijk je daarnaar?",
                  _wrong("Jammer: ze doet dan niet echt mee.",
                         "Niet goed. Wie eerlijk zegt wat niet kan, doet juist goed mee."),
                  _right("Als een waardevolle bijdrage: duidelijk zeggen wat je niet kunt, "
                         "helpt de groep.",
                         "Goed. Zo belooft niemand te veel en haakt niemand uitgeput af."),
                  _wrong("Je probeert haar toch over te halen.",
                         "Niet goed. Dan vraag je meer dan ze kan geven, en dat houdt ze niet "
                         "vol.")),
        _question("taak", "Gaat iedereen met een taak naar huis?",
                  _wrong("Ja, anders heeft meedoen geen zin.",
                         "Niet goed. Er zijn en meedenken is ook een bijdrage."),
                  _right("Nee, aanwezig zijn en meedenken is ook een bijdrage.",
                         "Goed. Niet iedereen hoeft een taak te hebben."),
                  _wrong("Alleen de professionals krijgen taken.",
                         "Niet goed. Ook naasten pakken vaak iets op, vaak iets praktisch.")),
        _question("kantelen", "Het gesprek gaat ineens over de zorgen van de familie over "
                  "medicijnen. Wat doe je?",
                  _wrong("Je laat het lopen: hun zorgen zijn belangrijk.",
                         "Niet goed. De zorgen zijn belangrijk, maar het gesprek is van de "
                         "cliënt. Vraag wat de cliënt wil."),
                  _right("Je noemt de zorg en vraagt de cliënt of die er nu of later over wil "
                         "praten.",
                         "Goed. Zo neem je de zorg serieus en blijft de cliënt beslissen."),
                  _wrong("Je zegt tegen de familie dat dit niet het moment is.",
                         "Niet goed. Dan beslis jij, in plaats van de cliënt.")),
    )),
    Module("houding", 6, "Houding en evaluatie", "module-6-houding-en-evaluatie.md",
           "De reflex om over te nemen herkennen, een stap terug doen en samen evalueren.", (
        _question("reflex", "Een cliënt stelt een telefoontje naar zijn oom al twee keer uit. "
                  "Wat past bij de methode?",
                  _wrong("Je belt de oom zelf: dan is het geregeld.",
                         "Niet goed. Dat is de reflex om over te nemen. Het gaat sneller, maar "
                         "de cliënt leert er niets van."),
                  _right("Je vraagt wat het bellen lastig maakt en wat hij nodig heeft.",
                         "Goed. Vaak zit er iets achter, zoals schaamte of een oude schuld. "
                         "Als dat besproken is, lukt het vaak wel."),
                  _wrong("Je haalt de oom van de lijst.",
                         "Niet goed. Dan beslis jij voor de cliënt, terwijl hij de oom juist "
                         "wilde vragen.")),
        _question("terug", "Wat is op den duur de bedoeling van jouw rol als "
                  "regieondersteuner?",
                  _wrong("Dat je steeds meer taken van de groep overneemt.",
                         "Niet goed. Dan wordt de groep afhankelijk van jou."),
                  _right("Dat je naar de achtergrond gaat, omdat de cliënt het met zijn "
                         "omgeving zelf oppakt.",
                         "Goed. Bespreek dat al vroeg, zodat jouw stap terug geen verrassing "
                         "wordt."),
                  _wrong("Dat je de vaste voorzitter van de groep blijft.",
                         "Niet goed. Wie leidt, spreek je samen af, en het doel is dat jouw rol "
                         "kleiner wordt.")),
        _question("mislukt", "Een afspraak uit het RG-plan is niet uitgevoerd. Hoe kijk je "
                  "daarnaar?",
                  _wrong("Het lid heeft gefaald.",
                         "Niet goed. Een afspraak die niet lukt, zegt vaak meer over de afspraak "
                         "dan over de persoon."),
                  _right("Als informatie: was de taak te groot, het doel veranderd, of de "
                         "persoon niet de juiste?",
                         "Goed. Zoek samen uit welke van de drie het was, en pas het plan aan."),
                  _wrong("Als reden om de groep te stoppen.",
                         "Niet goed. Bijsturen hoort bij de methode. Stoppen is een keuze van "
                         "de cliënt, niet een gevolg van één afspraak.")),
        _question("thema", "Over welke vier thema's evalueert de groep?",
                  _right("Hoe gehoord iedereen zich voelt, de rolverdeling, regie en "
                         "autonomie, en de voortgang.",
                         "Goed. Vraag alle deelnemers ernaar, niet alleen de cliënt."),
                  _wrong("Opkomst, duur, aantal taken en kosten.",
                         "Niet goed. Dat zijn cijfers over de groep, maar niet de thema's die "
                         "bepalen of een groep goed werkt."),
                  _wrong("Alleen of de doelen zijn gehaald.",
                         "Niet goed. Voortgang is één thema. Ook de samenwerking in de groep "
                         "telt mee.")),
    )),
)

MODULE_BY_ID = {module.id: module for module in MODULES}
PATH_TITLE = "Leerpad resourcegroepen"
MAX_NAME = 80


@dataclass(frozen=True)
class Result:
    """The outcome of one question: answered, right, and the explanation to show."""

    question: str
    answered: bool
    right: bool
    explanation: str


def score(module_id: str, chosen: dict[str, Any]) -> list[Result]:
    """Check the chosen answer ids (question id → answer id) of one module."""
    module = MODULE_BY_ID[module_id]
    results = []
    for question in module.questions:
        picked = chosen.get(question.id) if isinstance(chosen, dict) else None
        answer = next((a for a in question.answers if a.id == picked), None)
        if answer is None:
            results.append(Result(question.id, False, False, "Kies eerst een antwoord."))
        else:
            results.append(Result(question.id, True, answer.right, answer.why))
    return results


def verdict(results: list[Result]) -> str:
    """The sentence under the self-check: how many are right and what to do next."""
    total = len(results)
    right = sum(result.right for result in results)
    if right == total:
        return (f"Alle {total} vragen goed. Je hebt deze module afgerond; dat is bewaard in "
                "deze browser.")
    unanswered = sum(not result.answered for result in results)
    text = f"{right} van de {total} vragen goed."
    if unanswered:
        text += f" Nog {unanswered} {'vraag' if unanswered == 1 else 'vragen'} zonder antwoord."
    return text + " Lees de uitleg bij je antwoorden en probeer het nog eens."


# --------------------------------------------------------------------------- browser calls


def _arguments(args_json: str) -> dict[str, Any]:
    try:
        args = json.loads(args_json)
    except (TypeError, ValueError):
        return {}
    return args if isinstance(args, dict) else {}


def _module_of(args: dict[str, Any]) -> Module | None:
    value = args.get("module")
    return MODULE_BY_ID.get(value) if isinstance(value, str) else None


def modules(args_json: str = "null") -> str:
    """The modules in order: id, number, title and page."""
    return json.dumps([{"id": m.id, "number": m.number, "title": m.title, "page": m.page,
                        "questions": len(m.questions)} for m in MODULES], ensure_ascii=False)


def questions(args_json: str) -> str:
    """The questions of ``{"module": id}``, without saying which answer is right."""
    module = _module_of(_arguments(args_json))
    if module is None:
        return json.dumps({"ok": False, "message": "Deze module bestaat niet."})
    return json.dumps({
        "ok": True, "module": module.id, "title": module.title,
        "questions": [{"id": q.id, "text": q.text,
                       "answers": [{"id": a.id, "text": a.text} for a in q.answers]}
                      for q in module.questions],
    }, ensure_ascii=False)


def check(args_json: str) -> str:
    """Right or wrong with the explanation, per question of ``{"module", "answers"}``."""
    args = _arguments(args_json)
    module = _module_of(args)
    if module is None:
        return json.dumps({"ok": False, "message": "Deze module bestaat niet."})
    results = score(module.id, args.get("answers") if isinstance(args.get("answers"), dict)
                    else {})
    right = sum(result.right for result in results)
    return json.dumps({
        "ok": True, "module": module.id, "right": right, "total": len(results),
        "passed": right == len(results), "message": verdict(results),
        "results": [{"question": r.question, "answered": r.answered, "right": r.right,
                     "explanation": r.explanation} for r in results],
    }, ensure_ascii=False)


def clean_name(value: Any) -> str:
    """The typed name, on one line, without control characters, at most 80 characters."""
    if not isinstance(value, str):
        return ""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", value)
    return " ".join(text.split())[:MAX_NAME]


def completed(value: Any) -> list[tuple[Module, dt.date | None]]:
    """Known modules from ``{module id: "jjjj-mm-dd"}``, in path order."""
    if not isinstance(value, dict):
        return []
    found = []
    for module in MODULES:
        if module.id not in value:
            continue
        try:
            day = dt.date.fromisoformat(value[module.id]) if value[module.id] else None
        except (TypeError, ValueError):
            day = None
        found.append((module, day))
    return found


def certificate(args_json: str, font_dir: str = "") -> bytes:
    """The learner's overview of completed modules, as PDF bytes.

    ``{"name", "modules": {id: "jjjj-mm-dd"}, "today": "jjjj-mm-dd"}``. The name
    is only written into the PDF; it is not kept. ``font_dir`` is for tests; the
    browser uses the fonts of the site's PDF package.
    """
    from ._leerpad_pdf import certificate_pdf
    from .engine.bridge import BROWSER_FONT_DIR

    args = _arguments(args_json)
    try:
        today = dt.date.fromisoformat(str(args.get("today")))
    except ValueError:
        today = dt.date.today()
    return certificate_pdf(clean_name(args.get("name")), completed(args.get("modules")),
                           MODULES, today, Path(font_dir) if font_dir else BROWSER_FONT_DIR)
