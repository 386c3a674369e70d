"""The worksheet "Bijeenkomst voorbereiden" in Chromium, with goals and a resource map saved."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.bijeenkomst_scenario import GOALS, RESOURCES, SECRET_NOTE, SECRET_TALK, full_answers
from tests.conftest import wait_for_form, wait_for_python, wait_saved

pytestmark = pytest.mark.browser

PAGE = "werkbladen/bijeenkomst/"
ID = "ws-bijeenkomst"

PUT_DOCUMENTS = """(documents) => new Promise((resolve, reject) => {
    const open = indexedDB.open("handboek-resourcegroepen");
    open.onupgradeneeded = () => {  // a new database; the page upgrades it further
        open.result.createObjectStore("worksheets", {keyPath: "worksheet"});
    };
    open.onsuccess = () => {
        const tx = open.result.transaction("worksheets", "readwrite");
        for (const doc of documents) tx.objectStore("worksheets").put(doc);
        tx.oncomplete = () => { open.result.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
})"""

STORED = """(id) => new Promise((resolve, reject) => {
    const open = indexedDB.open("handboek-resourcegroepen");
    open.onsuccess = () => {
        const get = open.result.transaction("worksheets").objectStore("worksheets").get(id);
        get.onsuccess = () => { open.result.close(); resolve(get.result ? get.result.answers
                                                                         : null); };
        get.onerror = () => reject(get.error);
    };
    open.onerror = () => reject(open.error);
})"""


def document(worksheet: str, answers: dict) -> dict:
    return {"format": "rg-werkblad", "worksheet": worksheet, "schema_version": 1,
            "saved_at": "2026-03-01T10:00:00.000Z", "answers": answers}


def goals_answers() -> dict:
    return {"moeilijk": ["Alleen zijn"], "ideeen": "", "geprobeerd": "", **GOALS}


def open_with_saved(page, site_url: str, *documents: dict) -> None:
    """Save the goals, the resource map and ``documents`` in this browser, then open the page."""
    page.goto(site_url + "werkbladen/")
    page.evaluate(PUT_DOCUMENTS, [document("doelen", goals_answers()),
                                  document("resources", RESOURCES), *documents])
    page.goto(site_url + PAGE)
    wait_for_form(page)


def stored(page) -> dict | None:
    return page.evaluate(STORED, "bijeenkomst")


def option_labels(page, path: str) -> list[str]:
    return page.locator(f'[data-dynamic="{path}"] .rg-options label').all_inner_texts()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def download_pdf(page, label: str, prefix: str, target: Path) -> str:
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name=label).click()
    assert re.fullmatch(rf"{prefix}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf",
                        download.value.suggested_filename)
    download.value.save_as(target)
    return pdf_text(target)


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the input named ``name`` has the focus."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.name") == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {name}")


def test_goals_and_nominated_people_are_proposed(page, site_url, watch) -> None:
    open_with_saved(page, site_url)
    wait_for_python(page)
    proposal = page.locator('[data-rg-view="voorstel"]')
    proposal.get_by_text("Doel: Ik wil mijn schulden op een rij").wait_for()
    text = proposal.inner_text()
    order = [text.index(goal) for goal in ("Ik wil weer elke week zwemmen",
                                           "Ik wil mijn schulden op een rij",
                                           "Ik wil een eigen huis")]
    assert order == sorted(order)  # short-term goals first
    assert "Eerste stap: Dinsdag bel ik het zwembad" in text
    assert option_labels(page, "deelnemers.naam") == [
        "Anna (zus)", "Karim (buurman)", "Kees (regieondersteuner)"]
    assert option_labels(page, "agenda.onderwerp")[:3] == [
        "Welkom en voorstelronde", "Wat ging er goed de afgelopen tijd?",
        "Doel: Ik wil weer elke week zwemmen"]
    page.locator('[data-dynamic="deelnemers.naam"]').get_by_text("Karim (buurman)").click()
    page.locator('[data-rg-view="kaart"]').get_by_text(
        "staat bij je deelnemers, gevraagd").wait_for()
    wait_saved(page)
    assert stored(page)["deelnemers"][0]["naam"] == "Karim"
    watch.assert_clean(page)


def test_the_proposal_is_taken_over_into_an_empty_agenda(page, site_url, watch) -> None:
    open_with_saved(page, site_url)
    wait_for_python(page)
    take_over = page.get_by_role("button", name="Neem dit voorstel over in ‘Mijn agenda’")
    take_over.click()
    page.get_by_text("Het voorstel staat nu in ‘Mijn agenda’.").wait_for()
    assert page.evaluate("document.activeElement.id") == f"{ID}-agenda-0-onderwerp-0"
    assert page.is_checked(f"#{ID}-agenda-0-onderwerp-0")  # Welkom en voorstelronde
    wait_saved(page)
    blocks = stored(page)["agenda"]
    assert [b["onderwerp"] for b in blocks] == [
        "Welkom en voorstelronde", "Wat ging er goed de afgelopen tijd?",
        "Doel: Ik wil weer elke week zwemmen", "Doel: Ik wil mijn schulden op een rij",
        "Doel: Ik wil een eigen huis", "Doel: Ik wil weten wat ik belangrijk vind",
        "Afspraken over contact in de groep", "Volgende bijeenkomst en afsluiting"]
    assert blocks[0] == {"onderwerp": "Welkom en voorstelronde", "eigen": "", "minuten": "10",
                         "wie": ""}
    # Now it is the client's own agenda: no more offer to replace it, the time view uses it.
    take_over.wait_for(state="detached")
    agenda = page.locator('[data-rg-view="agenda"]')
    agenda.get_by_text("Samen: 65 minuten").wait_for()
    assert "nog geen eigen agenda" not in agenda.inner_text()
    assert page.locator("[data-field=agenda] .rg-group-item").count() == 8
    watch.assert_clean(page)


def test_edits_persist_across_reload(page, site_url, watch) -> None:
    open_with_saved(page, site_url)
    page.fill(f"#{ID}-groepsnaam", "Team Samira")
    page.fill(f"#{ID}-datum", "2026-03-03")
    page.fill(f"#{ID}-begintijd", "19:30")
    page.fill(f"#{ID}-eindtijd", "20:00")
    wait_for_python(page)
    page.locator('[data-dynamic="agenda.onderwerp"]').get_by_text(
        "Doel: Ik wil weer elke week zwemmen").click()
    page.check(f"#{ID}-agenda-0-minuten-6")  # 60 min: more than the meeting's half hour
    hint = page.locator('[data-hint-for="agenda"]')
    hint.wait_for(state="visible")
    assert "De agenda duurt 60 minuten. De bijeenkomst duurt 30 minuten." in hint.inner_text()
    page.get_by_role("button", name="+ Agendapunt toevoegen").click()
    page.fill(f"#{ID}-agenda-1-eigen", "Pauze")
    wait_saved(page)
    page.reload()
    wait_for_form(page)
    assert page.input_value(f"#{ID}-groepsnaam") == "Team Samira"
    assert page.input_value(f"#{ID}-agenda-1-eigen") == "Pauze"
    assert page.is_checked(f"#{ID}-agenda-0-minuten-6")
    wait_for_python(page)
    chosen = page.locator(f'[data-base-id="{ID}-agenda-0-onderwerp"] input:checked')
    assert chosen.get_attribute("value") == "Doel: Ik wil weer elke week zwemmen"
    agenda = page.locator('[data-rg-view="agenda"]').inner_text()
    assert "Pauze" in agenda and "Samen: 60 minuten" in agenda
    assert stored(page)["agenda"] == [
        {"onderwerp": "Doel: Ik wil weer elke week zwemmen", "eigen": "", "minuten": "60",
         "wie": ""},
        {"onderwerp": "", "eigen": "Pauze", "minuten": "", "wie": ""}]
    watch.assert_clean(page)


def test_invitation_and_rg_plan_have_the_right_content_and_no_private_notes(
        page, site_url, tmp_path, watch) -> None:
    open_with_saved(page, site_url, document("bijeenkomst", full_answers()))
    wait_for_python(page)
    invitation = download_pdf(page, "Uitnodiging (PDF)", "uitnodiging",
                              tmp_path / "uitnodiging.pdf")
    for expected in ("Uitnodiging", "Bijeenkomst van Team Samira", "Dinsdag 3 maart 2026",
                     "Van 19:30 tot 20:30 uur", "Bibliotheek Oost", "• Anna (naaste)",
                     "19:50 Doel: Ik wil weer elke week zwemmen 15 min",
                     "Nog open van de vorige keer", "Groet, Samira"):
        assert expected in invitation, expected
    plan = download_pdf(page, "RG-plan (PDF)", "rg-plan", tmp_path / "rg-plan.pdf")
    for expected in ("RG-plan van Team Samira", "Anna naaste Rijden op dinsdag Elke week komen",
                     "Samen naar het proefzwemmen Karim 10 maart 2026 open",
                     "Ik wil een eigen huis Doel voor later", "Wie bel je dan? Kees, 06-12345678",
                     "Dinsdag 2 juni 2026"):
        assert expected in plan, expected
    for private in (SECRET_NOTE, SECRET_TALK, "Geheim", "burn-out"):
        assert private not in invitation and private not in plan, private
    assert PdfReader(tmp_path / "uitnodiging.pdf").metadata.title == "Uitnodiging"
    watch.assert_clean(page)


def test_json_export_then_import(page, site_url, tmp_path, watch) -> None:
    open_with_saved(page, site_url, document("bijeenkomst", full_answers()))
    wait_for_python(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Opslaan als bestand").click()
    exported = tmp_path / download.value.suggested_filename
    assert re.fullmatch(r"bijeenkomst-\d{4}-\d{2}-\d{2}\.json", exported.name)
    download.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["answers"] == full_answers()
    page.get_by_role("button", name="Alles wissen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Alles wissen").click()
    page.wait_for_function(f"() => document.querySelector('#{ID}-groepsnaam').value === ''")
    page.set_input_files('[data-rg="import-file"]', str(exported))
    page.locator("dialog.rg-dialog").get_by_role("button", name="Vervangen").click()
    page.wait_for_function(
        f"() => document.querySelector('#{ID}-groepsnaam').value === 'Team Samira'")
    wait_saved(page)
    assert stored(page) == full_answers()
    watch.assert_clean(page)


def test_keyboard_only(page, site_url, tmp_path, watch) -> None:
    open_with_saved(page, site_url)
    wait_for_python(page)
    page.locator('[data-dynamic="agenda.onderwerp"] .rg-options input').first.wait_for()
    page.focus(f"#{ID}-groepsnaam")
    page.keyboard.type("De dinsdaggroep")
    page.keyboard.press("Tab")
    page.keyboard.type("Samira")
    # The agenda: Tab into the first block's choice, pick with the arrow keys.
    tab_to(page, f"{ID}-agenda-0-onderwerp")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # the second point of the proposal
    page.keyboard.press("ArrowDown")  # the third: the first goal
    tab_to(page, f"{ID}-agenda-0-eigen")
    page.keyboard.type("eerst koffie")
    tab_to(page, f"{ID}-agenda-0-minuten")
    page.keyboard.press("Space")  # minutes: the first step, 5
    page.keyboard.press("ArrowRight")  # 10
    wait_saved(page)
    block = stored(page)["agenda"][0]
    assert block == {"onderwerp": "Doel: Ik wil weer elke week zwemmen",
                     "eigen": "eerst koffie", "minuten": "10", "wie": ""}
    assert stored(page)["groepsnaam"] == "De dinsdaggroep"
    # The invitation with Enter on its button.
    button = page.get_by_role("button", name="Uitnodiging (PDF)")
    button.focus()
    with page.expect_download(timeout=60000) as download:
        page.keyboard.press("Enter")
    download.value.save_as(tmp_path / "uitnodiging.pdf")
    text = pdf_text(tmp_path / "uitnodiging.pdf")
    assert "Doel: Ik wil weer elke week zwemmen: eerst koffie 10 min" in text
    assert "Groet, Samira" in text
    watch.assert_clean(page)
