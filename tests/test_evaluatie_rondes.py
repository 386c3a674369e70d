"""Unit tests for worksheets._evaluatie_rondes: the overview's rounds inside a backup."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.test_evaluatie import THREE, combined, saved_round
from worksheets._evaluatie_rondes import read_backup_rounds
from worksheets._evaluatie_scores import MAX_RECORDS, valid_rounds
from worksheets.engine.backup import check_backup, make_backup, read_backup
from worksheets.engine.bridge import registry
from worksheets.engine.documents import DocumentError

CREATED = "2026-11-22T10:00:00.000Z"


def good() -> dict[str, Any]:
    """A round as the overview page saves it."""
    return saved_round(combined(THREE))


def draft() -> dict[str, Any]:
    """Action points typed before the round was saved, as the page keeps them."""
    return {"id": "groep van lotte|2026-02-01", "group": "Groep van Lotte",
            "group_key": "groep van lotte", "date": "2026-02-01", "draft": True,
            "actiepunten": {"rollen": "Lotte vraagt haar buurvrouw erbij."}}


def test_a_saved_round_and_a_draft_come_back_as_the_page_stores_them() -> None:
    rounds = read_backup_rounds([good(), draft()])
    assert rounds == [good(), draft()]
    page_view = valid_rounds(rounds)
    assert len(page_view) == 1  # the page lists saved rounds only; the draft keeps its texts
    assert page_view[0].means["gehoord"]["client"] == 4.5
    assert page_view[0].actiepunten == {"gehoord": "Iedereen laat elkaar uitpraten."}


def test_more_rounds_than_the_overview_reads_still_travel() -> None:
    many = [{**draft(), "id": f"groep van lotte|{day}", "date": day}
            for day in (f"20{y:02d}-{m:02d}-01" for y in range(10, 60) for m in range(1, 13))]
    assert len(many) == 600 and len(read_backup_rounds(many)) == 600


def test_what_comes_back_is_rebuilt_from_checked_values() -> None:
    forged = {**good(), "group_key": "een andere groep"}
    assert read_backup_rounds([forged])[0]["group_key"] == "groep van sam"
    without_actions = {key: value for key, value in good().items() if key != "actiepunten"}
    assert read_backup_rounds([without_actions])[0]["actiepunten"] == {}


def test_rounds_travel_in_a_backup_and_through_the_browser_call() -> None:
    data = make_backup([], CREATED, rounds=[good(), draft()])
    assert read_backup(registry(), json.dumps(data))["evaluatie_rondes"] == [good(), draft()]
    answer = json.loads(check_backup(json.dumps({"text": json.dumps(data)})))
    assert answer["ok"] is True and answer["evaluatie_rondes"] == [good(), draft()]


def test_a_backup_made_before_rounds_went_along_says_so() -> None:
    """No list (an older backup): None, so restoring leaves the browser's rounds alone."""
    assert "evaluatie_rondes" not in make_backup([], CREATED)
    assert read_backup(registry(), json.dumps(make_backup([], CREATED)))["evaluatie_rondes"] is None
    empty = make_backup([], CREATED, rounds=[])
    assert read_backup(registry(), json.dumps(empty))["evaluatie_rondes"] == []


def change_mean(record: dict[str, Any], value: Any) -> None:
    record["scores"]["gehoord"]["client"]["mean"] = value


@pytest.mark.parametrize(("change", "match"), [
    (lambda r: r.update(date="2026-13-01"), "Ronde 2 .*datum is ongeldig"),
    (lambda r: r.update(date=None), "datum is ongeldig"),
    (lambda r: r.update(saved_at="gisteren"), "moment van bewaren"),
    (lambda r: r.pop("saved_at"), "moment van bewaren"),
    (lambda r: r.update(version=2), "versie van de ronde is onbekend"),
    (lambda r: r.pop("version"), "versie van de ronde is onbekend"),
    (lambda r: r.update(date="2026-W03-4"), "datum is ongeldig"),  # a week date, not ours
    (lambda r: r.update(group="   "), "de naam van de groep ontbreekt"),
    (lambda r: r.update(id=5), "de code van de ronde ontbreekt"),
    (lambda r: r.update(id="x" * 301), "de code van de ronde ontbreekt"),
    (lambda r: r.update(id="groep van lotte|2026-03-12"), "past niet bij de groep"),
    (lambda r: r.update(date="2026-03-13"), "past niet bij de groep"),
    (lambda r: r.update(kleur="rood"), "onbekend onderdeel 'kleur'"),
    (lambda r: r.update(respondents=[]), "aantal deelnemers"),
    (lambda r: r.update(respondents={"buurman": 1}), "aantal deelnemers"),
    (lambda r: r.update(respondents={"client": -1}), "aantal deelnemers"),
    (lambda r: r.update(scores={"onbekend": {}}), "scores zijn ongeldig"),
    (lambda r: r.update(scores={"gehoord": {"buurman": {"mean": 3}}}), "scores zijn ongeldig"),
    (lambda r: change_mean(r, 9), "scores zijn ongeldig"),
    (lambda r: change_mean(r, True), "scores zijn ongeldig"),
    (lambda r: change_mean(r, "4"), "scores zijn ongeldig"),
    (lambda r: r["scores"]["gehoord"]["client"].update(answers=-1), "scores zijn ongeldig"),
    (lambda r: r.update(actiepunten={"onbekend": "x"}), "actiepunten zijn ongeldig"),
    (lambda r: r.update(actiepunten={"gehoord": "x" * 5001}), "actiepunten zijn ongeldig"),
    (lambda r: r.update(actiepunten=["x"]), "actiepunten zijn ongeldig"),
])
def test_one_bad_round_refuses_the_whole_list(change, match) -> None:
    record = copy.deepcopy(good())
    change(record)
    with pytest.raises(DocumentError, match=match):
        read_backup_rounds([draft(), record])


@pytest.mark.parametrize(("value", "match"), [
    ("geen lijst", "geen lijst"),
    ([None], "Ronde 1 van het evaluatie-overzicht is geen ronde"),
    ([{**draft(), "scores": {}}], "onbekend onderdeel 'scores'"),
    ([{**draft(), "date": "morgen"}], "datum is ongeldig"),
    ([good(), good()], "Ronde 2 .*twee keer"),
    ([draft()] * (MAX_RECORDS + 1), f"meer dan {MAX_RECORDS} rondes"),
])
def test_lists_that_are_not_rounds_are_refused(value, match) -> None:
    with pytest.raises(DocumentError, match=match):
        read_backup_rounds(value)


def test_a_bad_round_refuses_the_whole_backup_with_a_dutch_message() -> None:
    data = make_backup([], CREATED, rounds=[{**good(), "date": "2026-02-30"}])
    answer = json.loads(check_backup(json.dumps({"text": json.dumps(data)})))
    assert answer == {"ok": False,
                      "message": "Ronde 1 van het evaluatie-overzicht: de datum is ongeldig."}
