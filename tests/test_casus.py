"""The case description worksheet: the check for what could make someone recognisable."""

from __future__ import annotations

from worksheets import casus
from worksheets.engine.documents import normalize

SHEET = casus.WORKSHEET


def case_with(text: str) -> dict:
    answers = normalize(SHEET, {})
    answers["gebeurd"] = text
    return answers


def test_the_check_counts_what_it_found_in_good_dutch() -> None:
    one = str(casus.check_view(case_with("Ze woont in Zwolle.")))
    assert "1 stukje tekst kan iemand herkenbaar maken." in one
    two = str(casus.check_view(case_with("Ze woont in Zwolle, op 12-03-1980 geboren.")))
    assert "2 stukjes tekst kunnen iemand herkenbaar maken." in two
