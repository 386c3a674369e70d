"""The detector of identifying details in a case description (worksheets/_herkenning.py)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from worksheets._herkenning import advice, describe, find_identifiers


def found(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, finding.text) for finding in find_identifiers(text)]


def test_the_example_from_the_issue() -> None:
    assert found("Jan de Vries woont op Kerkstraat 12, 1012 AB, tel 06-12345678") == [
        ("naam", "Jan de Vries"), ("adres", "Kerkstraat 12"), ("postcode", "1012 AB"),
        ("telefoon", "06-12345678")]


@pytest.mark.parametrize("text, name", [
    ("Gisteren belde Fatima el Amrani over de afspraak.", "Fatima el Amrani"),
    ("Samira wil weer werken.", "Samira"),  # a known first name, also at a sentence start
    ("Ze gaat met Anne-Marie van den Berg naar de markt.", "Anne-Marie van den Berg"),
    ("Het gesprek met J. de Vries ging goed.", "J. de Vries"),
    ("Mevrouw Jansen belde vanochtend.", "Jansen"),  # after a title, even at the start
    ("Ze logeert bij haar oom Kees.", "Kees"),
    ("Haar broer Mohammed komt ook.", "Mohammed"),
    ("- Thomas belt zijn zus", "Thomas"),  # a list item starts a sentence, but a name is a name
    ("Op de bijeenkomst was ook Wouter Bakker.", "Wouter Bakker"),
    ("De cliënt woont in Zaandam.", "Zaandam"),  # place names are pointed out too
])
def test_dutch_names(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize("text", [
    "De cliënt woont in een flat en belt elke week met haar moeder.",
    "In maart 2019 begon de groep. Zij is 34 jaar en werkt 3 dagen per week.",
    "Het RG-plan en de GGZ; de ggz en het FACT-team; het werkblad ‘Doelen formuleren’.",
    'Hij zei: "Daar voel ik me patiënt." Daarna ging het beter.',
    "Tussen 8 en 15 uur, 113 cliënten, 77% van de casussen, in 2019 en 2020.",
    "Op 12 maart is de bijeenkomst, om 19:30 uur, met cliënt A en zijn zus.",
    "Ze spreekt Turks en Nederlands en gaat op zondag naar de moskee.",
    "Hij heeft een bijbaan 2 dagen per week en een vergadering 3 keer per jaar.",
    "Ik ben 2 uur weg geweest. Bij de evaluatie in december keken we terug.",
    "Een man van eind dertig, woont alleen, sinds een jaar bij ons team.",
    "Ze heeft 1 zoon en 2 dochters, en een hond.",
    "",
])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("geboren op 12-03-1980", "12-03-1980"),
    ("geboortedatum 1/2/85 klopt niet", "1/2/85"),
    ("sinds 1979-04-30 bekend", "1979-04-30"),
    ("Ze is op 12 maart 1980 geboren.", "12 maart 1980"),
    ("verjaardag 3 okt. 1975", "3 okt. 1975"),
    ("hij is geboren in 1962", "geboren in 1962"),
])
def test_dates(text: str, value: str) -> None:
    assert ("datum", value) in found(text)


@pytest.mark.parametrize("text, value", [
    ("Postcode 1012 AB in Amsterdam", "1012 AB"),
    ("postcode 1012AB", "1012AB"),
    ("postcode 3511ev", "3511ev"),
])
def test_postcodes(text: str, value: str) -> None:
    assert ("postcode", value) in found(text)


@pytest.mark.parametrize("text", ["in 2019 en 2020", "1012 SS", "9999 fietsen"])
def test_not_postcodes(text: str) -> None:
    assert not [kind for kind, _ in found(text) if kind == "postcode"]


@pytest.mark.parametrize("text, value", [
    ("bel 06-12345678", "06-12345678"),
    ("bel 0612345678", "0612345678"),
    ("bel 06 1234 5678", "06 1234 5678"),
    ("kantoor 020 123 4567", "020 123 4567"),
    ("kantoor 020-1234567", "020-1234567"),
    ("kantoor (020) 1234567", "(020) 1234567"),
    ("mobiel +31 6 12345678", "+31 6 12345678"),
    ("mobiel +31 (0)6 12345678", "+31 (0)6 12345678"),
    ("mobiel 0031 6 12345678", "0031 6 12345678"),
])
def test_phone_numbers(text: str, value: str) -> None:
    assert ("telefoon", value) in found(text)


@pytest.mark.parametrize("text", ["06-1234", "tel 1234567", "op 01-02-1980", "113 cliënten"])
def test_not_phone_numbers(text: str) -> None:
    assert not [kind for kind, _ in found(text) if kind == "telefoon"]


@pytest.mark.parametrize("text, value", [
    ("woont op Kerkstraat 12", "Kerkstraat 12"),
    ("Van Woustraat 120-2 hoog", "Woustraat 120-2"),
    ("Laan van Meerdervoort is lang, maar Parklaan 7a", "Parklaan 7a"),
    ("op de Prinsengracht 263", "Prinsengracht 263"),
    ("kerkweg 3", "kerkweg 3"),
])
def test_street_addresses(text: str, value: str) -> None:
    assert ("adres", value) in found(text)


def test_email_and_personal_numbers() -> None:
    assert found("mail j.devries@voorbeeld.nl") == [("email", "j.devries@voorbeeld.nl")]
    assert ("nummer", "111222333") in found("bsn 111222333")  # passes the elfproef
    assert found("code 123456789") == []  # nine digits that fail the elfproef
    assert ("nummer", "NL91ABNA0417164300") in found("rekening NL91ABNA0417164300")


def test_findings_are_in_reading_order_without_overlaps() -> None:
    text = "Jan belde 06-12345678. Kees woont op Dorpsstraat 1, 1234 AB."
    findings = find_identifiers(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for first, second in pairwise(findings):
        assert first.end <= second.start
    assert all(text[f.start:f.end] == f.text for f in findings)
    assert ("naam", "Dorpsstraat") not in found(text)  # the address wins over a name


def test_describe_and_advice_are_dutch_sentences() -> None:
    findings = find_identifiers("Jan de Vries, 06-12345678")
    assert describe(findings) == ("Dit lijkt op een naam (‘Jan de Vries’) en een "
                                  "telefoonnummer (‘06-12345678’).")
    assert "verzonnen letter" in advice(findings)
    assert "telefoonnummer weg" in advice(findings)
    assert describe([]) == advice([]) == ""
    many = find_identifiers("Anna, Bram, Cor, Dirk en Eva")
    assert describe(many).endswith("en nog 1.")


def test_the_advice_for_a_date_also_fits_the_date_of_an_event() -> None:
    event = advice(find_identifiers("Op 12 maart 2025 ging het mis."))
    assert "een paar maanden geleden" in event and "geboortedatum" in event


def test_odd_input_never_raises() -> None:
    for text in (None, 12, "   ", "\n\n", "€ 12,50", "’’’", "A.", "A. B."):
        assert isinstance(find_identifiers(text), list)  # type: ignore[arg-type]
