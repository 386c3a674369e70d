"""Keyboard only, worksheet by worksheet: every field reached with Tab and given a value,
the worksheet's own controls used with the arrow keys, Space and Enter, items added,
moved and removed with the focus kept on a visible, sensible place, and a PDF made.

Helpers in keyboard.py; the goals worksheet and the fixture worksheet with every
field type are in test_browser_keyboard.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.bijeenkomst_scenario import GOALS, RESOURCES
from tests.conftest import wait_for_form, wait_saved
from tests.keyboard import (
    DATE_VALUE,
    add_item,
    assert_complete,
    compare_versions,
    document,
    export_pdf,
    fill_form,
    focus,
    focused_id,
    item,
    press,
    remove_item,
    seed,
    skip_to_content,
    stored,
    tab_to,
)

pytestmark = pytest.mark.browser

GOAL_DOCUMENT = {"moeilijk": [], "ideeen": "", "geprobeerd": "", **GOALS}


def open_page(page, site_url: str, worksheet: str, ready: str = "") -> None:
    """Open a worksheet; ``ready`` is a selector that must be there first (e.g. options
    Python fills in). Then the skip link, so the next Tab is in the content."""
    page.goto(site_url + f"werkbladen/{worksheet}/")
    wait_for_form(page)
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=60000)
    skip_to_content(page)


@pytest.mark.parametrize("role", ["client", "naaste", "professional"])
def test_evaluation_by_keyboard_only(page, site_url, role, watch) -> None:
    ws = f"ws-evaluatie-{role}"
    open_page(page, site_url, f"evaluatie-{role}")
    fill_form(page, {f"{ws}-groep": "Groep van Sam", f"{ws}-voornaam": "Sam"})
    assert_complete(page)  # every score chosen with an arrow key: 2 of 1–5
    # A scale: the arrows go up and down, past 5 to "Weet ik niet".
    tab_to(page, f"#{ws}-gehoord_1-1", back=True)
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft"):
        press(page, key)
    assert focused_id(page) == f"{ws}-gehoord_1-3"
    tab_to(page, f"#{ws}-gehoord_2-1")
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown"):
        press(page, key)
    assert page.is_checked(f"#{ws}-gehoord_2-5")  # Weet ik niet
    # "Keuze wissen" clears and keeps the focus; Shift+Tab goes back into the scale.
    tab_to(page, '[data-field="gehoord_3"] [data-rg-action="clear-choice"]')
    assert press(page, "Enter")["label"].startswith("Keuze wissen")
    assert press(page, "Shift+Tab")["id"] == f"{ws}-gehoord_3-5"  # entered from the end
    press(page, "Space")
    wait_saved(page)
    answers = stored(page, f"evaluatie-{role}")
    assert (answers["datum"], answers["groep"]) == (DATE_VALUE, "Groep van Sam")
    assert [answers[f"gehoord_{n}"] for n in (1, 2, 3)] == ["4", "?", "?"]
    assert answers["voortgang_3"] == "2"
    assert export_pdf(page, prefix=f"evaluatie-{role}")
    watch.assert_clean(page)


def test_resources_by_keyboard_only(page, site_url, watch) -> None:
    ws = "ws-resources-personen"
    seed(page, site_url, document("doelen", GOAL_DOCUMENT))
    open_page(page, site_url, "resources", '[data-dynamic="personen.helpt_bij"] input')
    fill_form(page, {f"{ws}-0-naam": "Anna"})
    assert_complete(page)  # the person's group, and every goal ticked with Space
    page.wait_for_selector('[data-rg-view="kaart"] svg g[data-persoon]:has-text("Anna")')
    # A second person on the map.
    assert add_item(page, "personen") == f"{ws}-1-naam"
    page.keyboard.type("Mo")
    tab_to(page, f"#{ws}-1-sector-0")
    press(page, "ArrowDown")
    press(page, "ArrowDown")
    tab_to(page, f"#{ws}-1-nabijheid-0")
    press(page, "Space")
    page.wait_for_selector('[data-rg-view="kaart"] svg g[data-persoon]:has-text("Mo")')
    # Move Mo to the top; remove Mo again (filled in, so after confirming).
    tab_to(page, item("personen", 2, "move-up"))
    assert press(page, "Enter")["label"] == "Persoon 1 omlaag"
    assert page.input_value(f"#{ws}-0-naam") == "Mo"
    assert remove_item(page, "personen", 1, confirm=True) == f"{ws}-0-naam"
    assert page.input_value(f"#{ws}-0-naam") == "Anna"
    wait_saved(page)
    [anna] = stored(page, "resources")["personen"]
    assert (anna["sector"], anna["nabijheid"], anna["voorgedragen"]) == ("vrienden", "dichtbij",
                                                                          False)
    assert len(anna["helpt_bij"]) == 4  # the goals with a text
    # The table below the map sorts with Enter; the focus stays on the column's button.
    tab_to(page, '[data-rg-view="tabel"] button[data-sort-key="sector"]')
    assert press(page, "Enter")["label"].startswith("Sector")
    assert page.get_attribute('[data-rg-view="tabel"] th:has([data-sort-key="sector"])',
                              "aria-sort") == "ascending"
    compare_versions(page)
    tab_to(page, '[data-export-option][value="zonder_notities"]', back=True)
    press(page, "Space")
    assert export_pdf(page, "kaart", "netwerkkaart")
    watch.assert_clean(page)


def test_meeting_by_keyboard_only(page, site_url, watch) -> None:
    ws = "ws-bijeenkomst"
    seed(page, site_url, document("doelen", GOAL_DOCUMENT), document("resources", RESOURCES))
    open_page(page, site_url, "bijeenkomst", '[data-dynamic="agenda.onderwerp"] input')
    fill_form(page, {f"{ws}-begintijd": "19:30", f"{ws}-eindtijd": "20:30"})
    assert_complete(page)
    # The agenda: a second point from the proposal, picked with Space and an arrow.
    assert add_item(page, "agenda") == f"{ws}-agenda-1-onderwerp-0"
    press(page, "Space")
    press(page, "ArrowRight")
    chosen = page.input_value(f"[name='{ws}-agenda-1-onderwerp']:checked")
    tab_to(page, f"#{ws}-agenda-1-eigen")
    page.keyboard.type("eerst koffie")
    tab_to(page, f"#{ws}-agenda-1-minuten-0")
    press(page, "ArrowRight")
    # Move it up; then remove the first point of the walk, now second, after confirming.
    tab_to(page, item("agenda", 2, "move-up"))
    assert press(page, "Enter")["label"] == "Agendapunt 1 omlaag"
    assert page.input_value(f"#{ws}-agenda-0-eigen") == "eerst koffie"
    landed = remove_item(page, "agenda", 2, confirm=True)
    assert landed.startswith(f"{ws}-agenda-0-onderwerp-")
    assert focus(page)["checked"]  # the chosen option, where Tab would land
    # A participant from the map: the options are the people nominated there.
    tab_to(page, f"[name='{ws}-deelnemers-0-naam']:checked", back=True)
    press(page, "ArrowLeft")
    wait_saved(page)
    answers = stored(page, "bijeenkomst")
    assert (answers["begintijd"], answers["datum"]) == ("19:30", DATE_VALUE)
    assert [(a["onderwerp"], a["eigen"], a["minuten"]) for a in answers["agenda"]] == [
        (chosen, "eerst koffie", "10")]
    assert answers["deelnemers"][0]["naam"] == "Anna"
    compare_versions(page)
    assert export_pdf(page, "uitnodiging", "uitnodiging")
    watch.assert_clean(page)


def test_session_planner_by_keyboard_only(page, site_url, watch) -> None:
    ws = "ws-sessieplanner-extra_vragen"
    open_page(page, site_url, "sessieplanner")
    fill_form(page)
    assert_complete(page)
    first = page.input_value(f"#{ws}-0")
    # Extra questions: add two, move the last to the top, remove the top one.
    assert add_item(page, "extra_vragen") == f"{ws}-1"
    page.keyboard.type("Wat hielp?")
    tab_to(page, '[data-field="extra_vragen"] [data-rg-action="add-item"]')
    assert press(page, "Enter")["id"] == f"{ws}-2"
    page.keyboard.type("Wie belt?")
    tab_to(page, item("extra_vragen", 3, "move-up"))
    assert press(page, "Enter")["label"] == "Vraag 2 omhoog"
    assert press(page, "Enter")["label"] == "Vraag 1 omlaag"
    assert remove_item(page, "extra_vragen", 1) == f"{ws}-0"  # the next one moves up
    assert remove_item(page, "extra_vragen", 2) == f"{ws}-0"  # the last: the one before
    wait_saved(page)
    answers = stored(page, "sessieplanner")
    assert answers["extra_vragen"] == [first]
    assert answers["vorm"] and answers["duur"] and answers["datum"] == DATE_VALUE
    assert export_pdf(page, "sessieplan", "sessieplan")
    watch.assert_clean(page)


def test_case_by_keyboard_only(page, site_url, watch) -> None:
    ws = "ws-casus"
    open_page(page, site_url, "casus")
    fill_form(page)
    assert_complete(page)
    # Several wishes are ticked with Space, and one unticked; yes/no with the arrows.
    tab_to(page, f"#{ws}-wens-2", back=True)
    press(page, "Space")
    tab_to(page, f"#{ws}-nagelezen-1")
    press(page, "ArrowLeft")
    wait_saved(page)
    answers = stored(page, "casus")
    assert len(answers["wens"]) == 4
    assert answers["nagelezen"] is True
    tab_to(page, "[data-export-option]")
    press(page, "Space")
    assert export_pdf(page, "casus", "casus-intervisie")
    watch.assert_clean(page)


def test_team_reflection_by_keyboard_only(page, site_url, watch) -> None:
    open_page(page, site_url, "teamreflectie")
    fill_form(page, {"ws-teamreflectie-team": "Team Oost"})
    assert_complete(page)
    wait_saved(page)
    # The practice mode and back: the focus goes to the button that undoes it.
    tab_to(page, '[data-rg-action="practice"]', back=True)
    for target in ("practice-exit", "practice"):
        page.keyboard.press("Enter")
        page.wait_for_function("(a) => document.activeElement.dataset.rgAction === a",
                               arg=target)
        focus(page)
    # The focus moves before the real answers are read back: wait for them.
    expect(page.locator("#ws-teamreflectie-team")).to_have_value("Team Oost")
    assert stored(page, "teamreflectie")["team"] == "Team Oost"
    assert export_pdf(page, "overzicht", "teamoverzicht")
    watch.assert_clean(page)
