"""Keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7): the goals worksheet, the fixture worksheet with
every field type, the confirmation dialog and the evaluation overview's file chooser.

The other worksheets are in test_browser_keyboard_worksheets.py; the helpers (Tab
around, fill in a whole form, focus always visible and never on <body>) in keyboard.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bijeenkomst_scenario import goal
from tests.conftest import wait_for_form, wait_for_python, wait_saved
from tests.keyboard import (
    DATE_VALUE,
    add_item,
    assert_complete,
    choose_files,
    compare_versions,
    document,
    export_pdf,
    fill_form,
    focus,
    focused_id,
    intercept_file_choosers,
    item,
    press,
    remove_item,
    seed,
    skip_to_content,
    stored,
    tab_to,
)
from worksheets._evaluatie import SHEETS
from worksheets.engine.documents import dump_document

pytestmark = pytest.mark.browser

ALL = "ws-alle-velden"
MARKER = "(worksheets) => localStorage.setItem('rg:bewaard', JSON.stringify({v: 1, worksheets}))"
GOALS = {"moeilijk": [], "ideeen": "", "geprobeerd": "",
         "doelen": [goal("Weer zwemmen"), goal("Brieven openen")]}


def test_goals_worksheet_by_keyboard_only(page, site_url, watch) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    skip_to_content(page)
    fill_form(page)
    assert_complete(page)
    # The list of points: add one, move it up, remove the other.
    assert add_item(page, "moeilijk") == "ws-doelen-moeilijk-1"
    page.keyboard.type("Tweede punt")
    tab_to(page, item("moeilijk", 2, "move-up"))
    assert press(page, "Enter")["label"] == "Punt 1 omlaag"  # the moved item's other arrow
    assert page.input_value("#ws-doelen-moeilijk-0") == "Tweede punt"
    press(page, "Shift+Tab")
    assert press(page, "Shift+Tab")["id"] == "ws-doelen-moeilijk-0"
    assert remove_item(page, "moeilijk", 2) == "ws-doelen-moeilijk-0"  # the one before
    # Goals: add one, choose its area with the arrows, move it up, remove the other one
    # (filled in, so after confirming in the dialog): the focus goes to the one before.
    assert add_item(page, "doelen") == "ws-doelen-doelen-1-doel"
    page.keyboard.type("Ik wil weer elke week zwemmen")
    tab_to(page, "#ws-doelen-doelen-1-gebied-0")
    press(page, "ArrowDown")
    press(page, "ArrowDown")
    assert page.is_checked("#ws-doelen-doelen-1-gebied-2")
    tab_to(page, item("doelen", 2, "move-up"))
    assert press(page, "Enter")["label"] == "Doel 1 omlaag"
    assert remove_item(page, "doelen", 2, confirm=True) == "ws-doelen-doelen-0-doel"
    assert page.input_value("#ws-doelen-doelen-0-doel") == "Ik wil weer elke week zwemmen"
    wait_saved(page)
    answers = stored(page, "doelen")
    assert answers["moeilijk"] == ["Tweede punt"]
    assert [g["doel"] for g in answers["doelen"]] == ["Ik wil weer elke week zwemmen"]
    assert export_pdf(page, prefix="doelen")
    watch.assert_clean(page)


def test_dialog_by_keyboard_returns_focus(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    skip_to_content(page)
    tab_to(page, '[data-rg-action="clear"]')
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.rg-dialog")
    dialog.wait_for()
    assert focus(page)["label"] == "Annuleren"  # the safe choice
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert focus(page)["label"] == "Alles wissen"


def test_hidden_notices_pass_the_focus_on(page, site_url, watch) -> None:
    """‘Begrepen’ on a message and ‘Later’ on the backup reminder hide the button that has
    the focus: the focus goes on to the next control, not to <body>."""
    seed(page, site_url, document("doelen", GOALS))  # answers, never backed up: a reminder
    page.evaluate(MARKER, {"casus": "2026-03-01T10:00:00.000Z"})  # saved here once, now gone
    page.goto(site_url + "werkbladen/casus/")
    wait_for_form(page)
    page.wait_for_selector('[data-rg="backup-banner"]:not([hidden])')
    skip_to_content(page)
    tab_to(page, '[data-rg-action="vanished-ok"]')
    assert press(page, "Enter")["label"] == "Reservekopie maken"
    tab_to(page, '[data-rg-action="backup-later"]')
    assert press(page, "Enter")["label"].startswith("Oefenmodus")
    watch.assert_clean(page)


def test_every_field_type_by_keyboard_only(page, fixture_site_url, tmp_path, watch) -> None:
    seed(page, fixture_site_url, document("doelen", GOALS))
    page.goto(fixture_site_url + "werkbladen/alle-velden/")
    intercept_file_choosers(page)
    page.wait_for_selector('[data-field="doelkeuze"] .rg-options input')  # goals, from Python
    skip_to_content(page)
    fill_form(page, {f"{ALL}-naam": "Sam"})
    assert_complete(page)
    wait_saved(page)
    answers = stored(page, "alle-velden")
    assert (answers["naam"], answers["kleur"], answers["datum"]) == ("Sam", "groen", DATE_VALUE)
    assert answers["kleuren"] == ["rood", "groen", "blauw"]  # Space on each checkbox
    assert answers["doelkeuze"] == ["Weer zwemmen", "Brieven openen"]
    assert (answers["cijfer"], answers["akkoord"]) == (1, False)  # the arrow: 0 → 1, ja → nee
    assert answers["blokken"][0]["doel"] == "Brieven openen"
    # The scale with the arrow keys; "Keuze wissen" clears a yes/no and keeps the focus.
    tab_to(page, f"#{ALL}-cijfer-1", back=True)
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft"):
        press(page, key)
    assert focused_id(page) == f"{ALL}-cijfer-3"
    tab_to(page, '[data-field="akkoord"] [data-rg-action="clear-choice"]')
    assert press(page, "Enter")["label"].startswith("Keuze wissen")
    assert not page.is_checked(f"#{ALL}-akkoord-1")
    assert press(page, "Shift+Tab")["id"] == f"{ALL}-akkoord-1"  # into the group from the end
    press(page, "Space")
    # A list: add two, move the last to the top, remove the first: focus on the next.
    first = page.input_value(f"#{ALL}-punten-0")
    assert add_item(page, "punten") == f"{ALL}-punten-1"
    page.keyboard.type("Twee")
    tab_to(page, '[data-field="punten"] [data-rg-action="add-item"]')
    assert press(page, "Enter")["id"] == f"{ALL}-punten-2"
    page.keyboard.type("Drie")
    tab_to(page, item("punten", 3, "move-up"))
    assert press(page, "Enter")["label"] == "Punt 2 omhoog"  # not at the top: same arrow
    assert press(page, "Enter")["label"] == "Punt 1 omlaag"  # at the top: the other one
    assert remove_item(page, "punten", 1) == f"{ALL}-punten-0"
    assert page.input_value(f"#{ALL}-punten-0") == first
    # Blocks: add one, remove the filled first one after confirming.
    assert add_item(page, "blokken") == f"{ALL}-blokken-1-titel"
    page.keyboard.type("Nieuw blok")
    assert remove_item(page, "blokken", 1, confirm=True) == f"{ALL}-blokken-0-titel"
    assert page.input_value(f"#{ALL}-blokken-0-titel") == "Nieuw blok"
    wait_saved(page)
    answers = stored(page, "alle-velden")
    assert (answers["cijfer"], answers["akkoord"]) == (3, False)
    assert answers["punten"] == [first, "Twee"]
    compare_versions(page)
    # Save as a file, open it again through the file chooser, confirm in the dialog.
    tab_to(page, '[data-rg-action="export-json"]', back=True)
    with page.expect_download() as download:
        press(page, "Enter")
    saved = tmp_path / "alle-velden.json"
    download.value.save_as(saved)
    tab_to(page, '[data-rg-action="import-json"]')
    choose_files(page, saved)
    page.locator("dialog.rg-dialog").wait_for()
    assert press(page, "Tab")["label"] == "Vervangen"
    page.keyboard.press("Enter")
    page.locator("dialog.rg-dialog").wait_for(state="detached")
    assert focus(page)["label"] == "Bestand openen"
    # The extra export with its option, both by keyboard.
    tab_to(page, "[data-export-option]")
    press(page, "Space")
    assert export_pdf(page, "kaartje", "kaartje")
    watch.assert_clean(page)


def answer_file(tmp_path: Path, role: str, name: str) -> Path:
    sheet = SHEETS[role]
    answers = {**sheet.empty_answers(), "groep": "Groep van Sam", "datum": "2026-03-12",
               "voornaam": name, "gehoord_1": "4", "regie_2": "5"}
    path = tmp_path / f"{role}.json"
    path.write_text(dump_document(sheet, answers, ""), encoding="utf-8")
    return path


def test_evaluation_overview_by_keyboard_only(page, site_url, tmp_path, watch) -> None:
    files = [answer_file(tmp_path, role, name) for role, name in
             (("client", "Sam"), ("naaste", "Anna"), ("professional", "Joris"))]
    page.goto(site_url + "werkbladen/evaluatie-overzicht/")
    intercept_file_choosers(page)
    page.wait_for_selector('[data-eval-overview][data-ready="page"]')
    skip_to_content(page)
    tab_to(page, '[data-eval-action="pick"]')
    choose_files(page, *files)  # the hidden file input (more than one file) opens by Enter
    counted = "(n) => document.querySelector('[data-eval-overview]').dataset.counted === n"
    page.wait_for_function(counted, arg="3", timeout=60000)
    # The folded list of files opens with Enter; a file is taken away with its button.
    tab_to(page, ".rg-eval-details > summary")
    press(page, "Enter")
    tab_to(page, '[aria-label="Weghalen: naaste.json"]')
    press(page, "Enter")
    page.wait_for_function(counted, arg="2")
    page.wait_for_function("() => document.activeElement.dataset.evalAction === 'pick'")
    focus(page)
    tab_to(page, "#eval-actie-gehoord")
    page.keyboard.type("Iedereen laat elkaar uitpraten.")
    tab_to(page, '[data-eval-action="save-round"]')
    press(page, "Enter")
    page.locator(".rg-eval-round").wait_for()
    assert focus(page)["label"] == "Ronde bewaren"
    tab_to(page, '[data-eval-action="pdf"]')
    with page.expect_download(timeout=60000) as download:
        press(page, "Enter")
    assert download.value.suggested_filename == "evaluatie-overzicht-2026-03-12.pdf"
    page.wait_for_selector('[data-eval-action="pdf"]:not([aria-busy])')
    assert focus(page)["label"] == "PDF downloaden"
    # Deleting the round: confirm in the dialog; the focus goes to the section's heading.
    tab_to(page, '[data-eval-action="delete-round"]')
    press(page, "Enter")
    page.locator("dialog.rg-dialog").wait_for()
    assert press(page, "Tab")["label"] == "Verwijderen"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'eval-stap-bewaren'")
    focus(page)
    assert page.locator(".rg-eval-round").count() == 0
    watch.assert_clean(page)
