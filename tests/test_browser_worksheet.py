"""The worksheet engine in Chromium: typing, saving, restoring, exports and imports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import wait_evaluated, wait_for_form, wait_for_python, wait_saved

pytestmark = pytest.mark.browser

ALL = "werkbladen/alle-velden/"


def fill_every_field_type(page) -> None:
    page.fill("#ws-alle-velden-naam", "Zoë")
    page.fill("#ws-alle-velden-verhaal", "Eén regel.\nNog één, in het café.")
    page.check("#ws-alle-velden-kleur-1")
    page.check("#ws-alle-velden-kleuren-0")
    page.check("#ws-alle-velden-kleuren-2")
    page.fill("#ws-alle-velden-datum", "2026-11-22")
    page.check("#ws-alle-velden-cijfer-7")
    page.check("#ws-alle-velden-akkoord-1")
    page.fill("#ws-alle-velden-punten-0", "Eerste punt")
    page.get_by_role("button", name="+ Punt toevoegen").click()
    page.keyboard.type("Tweede punt")
    page.fill("#ws-alle-velden-blokken-0-titel", "Blok één")
    page.check("#ws-alle-velden-blokken-0-soort-2")
    page.check("#ws-alle-velden-blokken-0-klaar-0")


EXPECTED = {
    "naam": "Zoë",
    "verhaal": "Eén regel.\nNog één, in het café.",
    "kleur": "groen",
    "kleuren": ["rood", "blauw"],
    "doelkeuze": [],
    "datum": "2026-11-22",
    "cijfer": 7,
    "akkoord": False,
    "punten": ["Eerste punt", "Tweede punt"],
    "blokken": [{"titel": "Blok één", "soort": "blauw", "doel": "", "klaar": True}],
}


def stored_answers(page, worksheet: str) -> dict:
    return page.evaluate("""(id) => new Promise((resolve, reject) => {
        const open = indexedDB.open("handboek-resourcegroepen");
        open.onsuccess = () => {
            const get = open.result.transaction("worksheets").objectStore("worksheets").get(id);
            get.onsuccess = () => resolve(get.result ? get.result.answers : null);
            get.onerror = () => reject(get.error);
        };
        open.onerror = () => reject(open.error);
    })""", worksheet)


def export_json(page, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Opslaan als bestand").click()
    assert re.fullmatch(r"alle-velden-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_every_field_type_before_python_then_restored(page, fixture_site_url, watch) -> None:
    held = []  # the runtime's requests, held so Python cannot be ready while we type
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    fill_every_field_type(page)
    wait_saved(page)
    assert page.locator("[data-worksheet]").get_attribute("data-python") is None
    assert page.locator('[data-rg="save-status"]').inner_text().startswith(
        "Opgeslagen in deze browser · ")
    assert stored_answers(page, "alle-velden") == EXPECTED
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    page.reload()
    wait_for_form(page)
    assert page.input_value("#ws-alle-velden-naam") == "Zoë"
    assert page.input_value("#ws-alle-velden-punten-1") == "Tweede punt"
    assert page.is_checked("#ws-alle-velden-cijfer-7")
    assert page.is_checked("#ws-alle-velden-blokken-0-klaar-0")
    wait_for_python(page)
    page.locator('[data-rg="summary"]').get_by_text("ZOË").wait_for()
    assert stored_answers(page, "alle-velden") == EXPECTED
    watch.assert_clean(page)


def test_list_items_add_move_and_remove_keep_focus(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-punten-0", "A")
    page.get_by_role("button", name="+ Punt toevoegen").click()
    page.keyboard.type("B")
    page.get_by_role("button", name="Punt 2 omhoog").click()
    assert [page.input_value(f"#ws-alle-velden-punten-{i}") for i in (0, 1)] == ["B", "A"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Punt 1 omlaag"
    page.get_by_role("button", name="Punt 1 verwijderen").click()
    assert page.input_value("#ws-alle-velden-punten-0") == "A"
    assert page.evaluate("document.activeElement.id") == "ws-alle-velden-punten-0"
    wait_saved(page)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-field=punten] .rg-item').length === 1")


def test_hint_from_python_never_blocks_saving(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    page.fill("#ws-alle-velden-naam", "Z")
    hint = page.locator("#ws-alle-velden-naam-hint")
    hint.wait_for(state="visible")
    assert hint.inner_text() == "Een naam heeft meestal meer dan één letter."
    assert "ws-alle-velden-naam-hint" in page.get_attribute("#ws-alle-velden-naam",
                                                           "aria-describedby")
    wait_saved(page)
    assert stored_answers(page, "alle-velden")["naam"] == "Z"


def test_json_export_then_import_into_a_cleared_worksheet(page, fixture_site_url, tmp_path,
                                                          watch) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    fill_every_field_type(page)
    wait_saved(page)
    exported = export_json(page, tmp_path)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["worksheet"] == "alle-velden"
    assert document["answers"] == EXPECTED
    page.get_by_role("button", name="Alles wissen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Alles wissen").click()
    page.locator('[data-rg="save-status"][data-state="cleared"]').wait_for()
    assert page.input_value("#ws-alle-velden-naam") == ""
    assert stored_answers(page, "alle-velden") is None
    page.set_input_files('[data-rg="import-file"]', str(exported))
    page.locator("dialog.rg-dialog").get_by_role("button", name="Vervangen").click()
    page.wait_for_function("() => document.querySelector('#ws-alle-velden-naam').value === 'Zoë'")
    wait_saved(page)
    assert stored_answers(page, "alle-velden") == EXPECTED
    (tmp_path / "again").mkdir()
    again = json.loads(export_json(page, tmp_path / "again").read_text(encoding="utf-8"))
    assert again["answers"] == document["answers"]
    watch.assert_clean(page)


@pytest.mark.parametrize("content, message", [
    ("dit is geen json", "komt niet van deze site, of het is beschadigd"),
    (json.dumps({"format": "rg-werkblad", "worksheet": "doelen", "schema_version": 1,
                 "answers": {}}), "hoort bij een ander werkblad"),
    (json.dumps({"format": "rg-werkblad", "worksheet": "alle-velden", "schema_version": 99,
                 "answers": {}}), "nieuwere versie"),
    (json.dumps({"format": "rg-werkblad", "worksheet": "alle-velden", "schema_version": 1,
                 "answers": {"cijfer": "tien"}}), "Hoe gaat het?: moet een getal zijn"),
])
def test_bad_files_are_refused_and_answers_stay(page, fixture_site_url, tmp_path, content,
                                                 message) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    page.fill("#ws-alle-velden-naam", "Blijft staan")
    wait_saved(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.set_input_files('[data-rg="import-file"]', str(bad))
    alert = page.locator('[data-rg="alert"]')
    alert.wait_for(state="visible")
    assert message in alert.inner_text()
    assert "Je antwoorden zijn niet veranderd" in alert.inner_text()
    assert page.locator("dialog.rg-dialog").count() == 0
    assert page.input_value("#ws-alle-velden-naam") == "Blijft staan"
    assert stored_answers(page, "alle-velden")["naam"] == "Blijft staan"


def test_save_failure_warns_and_keeps_answers(page, fixture_site_url, tmp_path) -> None:
    page.add_init_script("""
        IDBObjectStore.prototype.put = function () {
            throw new DOMException("Opslag vol (test)", "QuotaExceededError");
        };""")
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-naam", "Niet kwijt")
    alert = page.locator('[data-rg="alert"]')
    alert.wait_for(state="visible")
    assert "De opslag van deze browser is vol" in alert.inner_text()
    assert page.locator('[data-rg="save-status"]').get_attribute("data-state") == "failed"
    assert page.input_value("#ws-alle-velden-naam") == "Niet kwijt"
    exported = export_json(page, tmp_path)
    assert json.loads(exported.read_text())["answers"]["naam"] == "Niet kwijt"


def test_goals_pdf_holds_the_answers(page, site_url, tmp_path, watch) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    page.fill("#ws-doelen-moeilijk-0", "Zoë wil naar één café")
    page.fill("#ws-doelen-doelen-0-doel", "Ik wil weer elke week zwemmen")
    page.check("#ws-doelen-doelen-0-gebied-2")
    page.check("#ws-doelen-doelen-0-termijn-0")
    page.fill("#ws-doelen-doelen-0-eerste_stap", "Dinsdag bel ik het zwembad")
    wait_for_python(page)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="PDF downloaden").click()
    assert re.fullmatch(r"doelen-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    target = tmp_path / "doelen.pdf"
    download.value.save_as(target)
    reader = PdfReader(target)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for expected in ("Doelen formuleren", "Zoë wil naar één café", "Ik wil weer elke week zwemmen",
                     "Herstel van gezondheid", "Dinsdag bel ik het zwembad",
                     "Mijn doelen op een rij", "(niet ingevuld)", "Pagina 1 van"):
        assert expected in text, expected
    # one way of writing a date in the whole PDF: "Gemaakt op 23 november 2026"
    assert re.search(r"Laatst bijgewerkt: \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}", text), text[:300]
    assert reader.metadata.title == "Doelen formuleren"
    watch.assert_clean(page)


def test_pdf_marks_what_its_font_cannot_show_and_the_page_says_so(page, site_url,
                                                                   tmp_path) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    page.fill("#ws-doelen-moeilijk-0", "Ik voel me 😊 goed. Ольга helpt.")
    wait_for_python(page)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="PDF downloaden").click()
    target = tmp_path / "doelen.pdf"
    download.value.save_as(target)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "Ik voel me [?] goed. [?] helpt." in text
    expect(page.locator('[data-rg="alert"]')).to_have_text(
        "De PDF kan sommige tekens niet laten zien: 😊 О л ь г а. Daar staat [?] in "
        "de PDF. In je antwoorden staan ze wel goed.")
    assert page.input_value("#ws-doelen-moeilijk-0") == "Ik voel me 😊 goed. Ольга helpt."


def test_blank_pdf_is_linked_on_the_page(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    link = page.get_by_role("link", name="Leeg werkblad (PDF) om op papier in te vullen")
    href = link.get_attribute("href")
    response = page.request.get(site_url + "werkbladen/doelen/" + href)
    assert response.ok and response.body().startswith(b"%PDF")


def test_print_stylesheet_hides_navigation_and_buttons(page, site_url) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".rg-actions", ".rg-status"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#ws-doelen-moeilijk-0").is_visible()


def save_goals(page, site, goals: list[str]) -> None:
    """Fill the goals worksheet in this browser context, as a client would."""
    page.goto(site + "werkbladen/doelen/")
    wait_for_form(page)
    for index, goal in enumerate(goals):
        if index:
            page.get_by_role("button", name="+ Nog een doel toevoegen").click()
        page.fill(f"#ws-doelen-doelen-{index}-doel", goal)
    wait_saved(page)


def test_choices_from_another_worksheet_views_and_sorting(page, fixture_site_url, watch) -> None:
    # No goals yet: nothing to choose, so no "Keuze wissen" either.
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    block = page.locator('[data-field="blokken"] .rg-group-item [data-subfield="doel"]').first
    block.get_by_text("Er is nog niets om uit te kiezen.").wait_for()
    assert block.get_by_role("button", name="Keuze wissen").count() == 0
    save_goals(page, fixture_site_url, ["Ik wil weer zwemmen", "Ik ga naar de bibliotheek"])
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    block.get_by_label("Ik wil weer zwemmen").check()
    assert block.get_by_text("Er is nog niets om uit te kiezen.").is_hidden()
    block.get_by_role("button", name="Keuze wissen").click()
    assert not block.get_by_label("Ik wil weer zwemmen").is_checked()
    page.get_by_label("Ik ga naar de bibliotheek").first.check()
    wait_saved(page)
    assert stored_answers(page, "alle-velden")["doelkeuze"] == ["Ik ga naar de bibliotheek"]
    page.fill("#ws-alle-velden-punten-0", "Zebra")
    page.get_by_role("button", name="+ Punt toevoegen").click()
    page.keyboard.type("Aap")
    view = page.locator('[data-rg-view="punten"]')
    view.get_by_role("heading", name="Punten (2)").wait_for()
    cells = view.locator("tbody td")
    expect(cells).to_have_text(["Zebra", "Aap"])  # "Punten (2)" shows while "Aap" is typed
    view.get_by_role("button", name="Punt").click()
    expect(cells).to_have_text(["Aap", "Zebra"])
    assert view.locator("th").get_attribute("aria-sort") == "ascending"
    # A goal renamed on the goals worksheet stays chosen here, marked as no longer listed.
    save_goals(page, fixture_site_url, ["Ik wil weer zwemmen", "Ik ga naar het museum"])
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    page.get_by_label("Ik ga naar de bibliotheek (staat niet meer in de lijst)").wait_for()
    assert page.get_by_label("Ik ga naar de bibliotheek (staat niet meer in de lijst)").is_checked()
    assert stored_answers(page, "alle-velden")["doelkeuze"] == ["Ik ga naar de bibliotheek"]
    watch.assert_clean(page)


def test_extra_export_with_an_option(page, fixture_site_url, tmp_path) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    page.fill("#ws-alle-velden-naam", "Zoë")
    wait_saved(page)
    for option, expected, absent in ((False, "Zoë", "(weggelaten)"), (True, "(weggelaten)", "Zoë")):
        page.get_by_label("Zonder naam").set_checked(option)
        with page.expect_download(timeout=60000) as download:
            page.get_by_role("button", name="Kaartje (PDF)").click()
        assert re.fullmatch(r"kaartje-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
        target = tmp_path / f"kaartje-{option}.pdf"
        download.value.save_as(target)
        text = PdfReader(target).pages[0].extract_text()
        assert expected in text and absent not in text


def test_a_wipe_that_fails_keeps_the_answers(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-naam", "Blijft staan")
    wait_saved(page)
    page.evaluate("""() => {
        IDBObjectStore.prototype.delete = () => {
            throw new DOMException("kapot", "UnknownError");
        };
    }""")
    page.get_by_role("button", name="Alles wissen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Alles wissen").click()
    expect(page.locator('[data-rg="alert"]')).to_have_text(
        "Wissen is niet gelukt. Opslaan in deze browser lukt niet (bijvoorbeeld in een "
        "privévenster). Je antwoorden staan nog in deze browser.")
    assert page.input_value("#ws-alle-velden-naam") == "Blijft staan"
    wait_saved(page)
    assert page.get_attribute('[data-rg="save-status"]', "data-state") == "saved"
    assert stored_answers(page, "alle-velden")["naam"] == "Blijft staan"


def test_a_long_one_line_answer_wraps_but_takes_no_line_breaks(page, site_url) -> None:
    page.set_viewport_size({"width": 360, "height": 700})
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    goal = page.locator("#ws-doelen-doelen-0-doel")
    assert goal.evaluate("(field) => field.tagName") == "TEXTAREA"
    goal.click()
    page.keyboard.type("Ik wil weer elke woensdag meetrainen")
    page.keyboard.press("Enter")
    page.keyboard.type(" met het zaalvoetbalteam in de sporthal")
    page.evaluate("""() => {
        const field = document.querySelector("#ws-doelen-doelen-0-doel");
        const end = field.value.length;
        field.setRangeText("\\nen daarna\\r\\nnablijven", end, end, "end");
        field.dispatchEvent(new Event("input", { bubbles: true }));
    }""")  # as a paste does
    expected = ("Ik wil weer elke woensdag meetrainen met het zaalvoetbalteam in de sporthal"
                " en daarna nablijven")
    expect(goal).to_have_value(expected)
    assert goal.evaluate("(field) => field.getBoundingClientRect().height") > 40  # two lines
    wait_saved(page)
    assert stored_answers(page, "doelen")["doelen"][0]["doel"] == expected


def test_keuze_wissen_shows_once_something_is_chosen(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    clear = page.locator('[data-field="akkoord"] [data-rg-action="clear-choice"]')
    expect(clear).to_be_hidden()
    page.check("#ws-alle-velden-akkoord-0")
    expect(clear).to_be_visible()
    clear.click()
    expect(clear).to_be_visible()  # it keeps the focus it just got, so it stays
    page.locator("#ws-alle-velden-naam").focus()
    expect(clear).to_be_hidden()


def test_a_change_dropped_by_a_wipe_elsewhere_leaves_no_save_pending(
        page, fixture_site_url) -> None:
    """The page no longer says a save is pending: an update would wait 5 s for it."""
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.evaluate("""() => {
        const field = document.querySelector("#ws-alle-velden-naam");
        field.value = "Nog niet bewaard";
        field.dispatchEvent(new Event("input", { bubbles: true }));
        // what "Alles wissen" on Mijn gegevens does: the draft too is gone, then it tells
        localStorage.removeItem("rg:klad:alle-velden");
        new BroadcastChannel("rg-opslag").postMessage({ type: "wiped" });
    }""")
    expect(page.locator('[data-rg="alert"]')).to_have_text(
        "Alles is gewist op de pagina Mijn gegevens.")
    expect(page.locator("#ws-alle-velden-naam")).to_have_value("")
    page.wait_for_timeout(400)  # longer than a save waits for more typing
    assert page.get_attribute("[data-worksheet]", "data-saving") is None
    assert stored_answers(page, "alle-velden") is None


def test_versions_are_saved_and_compared(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_python(page)
    page.fill("#ws-alle-velden-punten-0", "Oud punt")
    wait_saved(page)
    save = page.get_by_role("button", name="Bewaar deze versie")
    save.click()
    options = page.locator('[data-rg="version-a"] option')
    expect(options).to_have_count(1)
    assert len(options.first.inner_text()) <= 22  # "23 nov 2026, 08:41": fits a phone's picker
    # A second press while the version is stored is ignored (a double tap): no false
    # "changed in another tab", no version twice.
    page.evaluate("""() => {
        const alert = document.querySelector('[data-rg="alert"]');
        window.rgSaid = [];
        new MutationObserver(() => window.rgSaid.push(alert.textContent))
            .observe(alert, { childList: true, characterData: true, subtree: true });
    }""")
    save.evaluate("(button) => { button.click(); button.click(); }")
    expect(options).to_have_count(2)
    page.wait_for_timeout(300)  # a second save would have answered by now
    assert set(page.evaluate("window.rgSaid")) == {"Deze versie is bewaard in deze browser."}
    assert options.count() == 2
    page.get_by_role("button", name="+ Punt toevoegen").click()
    page.keyboard.type("Nieuw punt")
    wait_saved(page)
    page.reload()
    wait_for_python(page)
    page.get_by_role("button", name="Vergelijk", exact=True).click()
    result = page.locator('[data-rg="version-result"]')
    result.get_by_text("Nieuw: Nieuw punt").wait_for()


def test_the_page_marks_when_pythons_parts_show_the_latest_answers(page,
                                                                  fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_evaluated(page)
    summary = page.locator('[data-rg="summary"]')
    for name in ("Zoë", "Zoë Jansen"):
        page.fill("#ws-alle-velden-naam", name)
        assert page.get_attribute("[data-worksheet]", "data-evaluating") == "pending"
        wait_evaluated(page)
        # No retry: the mark promises the summary shows this name already.
        assert name.casefold() in summary.text_content().casefold()


def test_a_click_that_leaves_the_focus_in_a_field_keeps_both_modes_apart(
        page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-naam", "Mijn echte naam")  # the focus stays in the field
    wait_saved(page)
    # Safari does not focus a clicked button: the field has the focus until the page moves it.
    page.evaluate("() => document.querySelector('[data-rg-action=\"practice\"]').click()")
    expect(page.locator("#ws-alle-velden-naam")).to_have_value("Voorbeeldcliënt Sam")
    assert page.evaluate("localStorage.getItem('rg:klad:alle-velden#oefen')") is None
    assert stored_answers(page, "alle-velden#oefen") is None
    assert stored_answers(page, "alle-velden")["naam"] == "Mijn echte naam"


def test_switching_the_practice_mode_on_and_off_at_once_ends_on_the_real_answers(
        page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-naam", "Mijn echte naam")
    wait_saved(page)
    # Both clicks in one task: the first switch's storage read answers after the second.
    page.evaluate("""() => {
        document.querySelector('[data-rg-action="practice"]').click();
        document.querySelector('[data-rg-action="practice-exit"]').click();
    }""")
    expect(page.locator("#ws-alle-velden-naam")).to_have_value("Mijn echte naam")
    # Both switches are done (the blur may have saved the name once more meanwhile),
    # and so is the evaluation the last one asked for.
    page.wait_for_selector('[data-worksheet]:not([data-saving]) [data-rg="save-status"]'
                           ':is([data-state="restored"], [data-state="saved"])')
    wait_evaluated(page)
    assert page.locator('[data-rg="practice-banner"]').is_hidden()
    assert "niet meer in deze browser" not in page.locator('[data-rg="alert"]').inner_text()
    assert stored_answers(page, "alle-velden")["naam"] == "Mijn echte naam"
    assert stored_answers(page, "alle-velden#oefen") is None


def test_practice_mode_keeps_real_answers_apart(page, fixture_site_url) -> None:
    page.goto(fixture_site_url + ALL)
    wait_for_form(page)
    page.fill("#ws-alle-velden-naam", "Mijn echte naam")
    wait_saved(page)
    page.get_by_role("button", name="Oefenmodus: bekijk een voorbeeld").click()
    page.locator('[data-rg="practice-banner"]').wait_for(state="visible")
    # The banner shows first; the example follows once storage has answered.
    page.wait_for_function(
        "() => document.querySelector('#ws-alle-velden-naam').value === 'Voorbeeldcliënt Sam'")
    assert page.input_value("#ws-alle-velden-punten-0") == "Een bedacht punt"
    page.fill("#ws-alle-velden-naam", "Geoefend")
    wait_saved(page)
    assert stored_answers(page, "alle-velden")["naam"] == "Mijn echte naam"
    assert stored_answers(page, "alle-velden#oefen")["naam"] == "Geoefend"
    page.reload()  # the mode survives a reload in this tab
    wait_for_form(page)
    assert page.input_value("#ws-alle-velden-naam") == "Geoefend"
    page.get_by_role("button", name="Terug naar mijn eigen antwoorden").click()
    page.wait_for_function(
        "() => document.querySelector('#ws-alle-velden-naam').value === 'Mijn echte naam'")
    assert page.locator('[data-rg="practice-banner"]').is_hidden()


def test_a_folded_goal_reads_as_the_goal_and_the_name_of_its_part_of_life(page, site_url) -> None:
    """The example goals (Oefenmodus), every block folded: each line holds the goal in
    full and the part of life by its name alone, not the option's explanation."""
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_form(page)
    page.get_by_role("button", name="Oefenmodus").click()
    page.locator('[data-field="doelen"] [data-rg-action="fold-all"]').click()
    lines = page.locator('[data-field="doelen"] [data-rg="fold-summary"]')
    expect(lines.first).to_have_text(
        "Ik wil mijn brieven weer openmaken en weten hoeveel schuld ik heb · "
        "Maatschappelijk herstel")
    expect(lines.nth(1)).to_have_text(
        "Ik wil weer meetrainen met het zaalvoetbalteam · Persoonlijk herstel")
