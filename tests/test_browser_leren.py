"""The learning path and the trainer kit in Chromium.

Self-checks with feedback, progress that survives a reload, the certificate (and
that the typed name is stored nowhere), the case worksheet's warning before
export, and the session planner's PDFs; no request ever leaves the site.

That every page of the learning path loads cleanly, with its self-tests ready, is
checked with all other pages in ``test_browser_site.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import wait_for_form, wait_for_python
from worksheets import _zelftoets

pytestmark = pytest.mark.browser

STORE_KEY = "handboek-resourcegroepen-leerpad"
CASE = "Jan de Vries woont op Kerkstraat 12, 1012 AB, tel 06-12345678"
NAME = "Zoë Testpersoon-Verzonnen"


def right(module_id: str) -> dict[str, str]:
    module = _zelftoets.MODULE_BY_ID[module_id]
    return {q.id: next(a.id for a in q.answers if a.right) for q in module.questions}


def wrong(module_id: str, question_id: str) -> str:
    question = next(q for q in _zelftoets.MODULE_BY_ID[module_id].questions
                    if q.id == question_id)
    return next(a.id for a in question.answers if not a.right)


def open_self_check(page, site: str, page_name: str) -> None:
    page.goto(site + f"leren/{page_name}/")
    page.locator("[data-quiz]").scroll_into_view_if_needed()
    page.wait_for_selector('[data-quiz][data-quiz-state="ready"]', timeout=60000)


def answer(page, module_id: str, answers: dict[str, str]) -> None:
    for question_id, answer_id in answers.items():
        page.check(f"#zt-{module_id}-{question_id}-{answer_id}")


def submit(page) -> None:
    page.get_by_role("button", name="Controleer mijn antwoorden").click()


def stored_progress(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{STORE_KEY}')")
    return json.loads(raw)["modules"] if raw else {}


def complete(page, site: str, module: _zelftoets.Module) -> None:
    open_self_check(page, site, module.page.removesuffix(".md"))
    answer(page, module.id, right(module.id))
    submit(page)
    page.locator('[data-quiz-result][data-state="passed"]').wait_for()


def pdf_text(download, target: Path) -> str:
    download.save_as(target)
    reader = PdfReader(target)
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


# --------------------------------------------------------------------------- leerpad


def test_self_check_explains_each_answer_and_completes_the_module(page, site_url,
                                                                 watch) -> None:
    open_self_check(page, site_url, "module-1-basis")
    status = page.locator("[data-quiz-status]")
    assert status.inner_text().startswith("Kies bij elke vraag een antwoord.")
    answers = {**right("basis"), "kiezen": wrong("basis", "kiezen")}
    del answers["herstel"]
    answer(page, "basis", answers)
    submit(page)
    result = page.locator("[data-quiz-result]")
    result.wait_for()
    assert result.inner_text().startswith("3 van de 5 vragen goed. Nog 1 vraag zonder antwoord.")
    assert page.evaluate("document.activeElement.matches('[data-quiz-result]')")
    feedback = page.locator("#zt-basis-kiezen-uitleg")
    assert feedback.get_attribute("data-state") == "wrong"
    assert "Niet goed." in feedback.inner_text()
    assert "zt-basis-kiezen-uitleg" in page.get_attribute('[data-question="kiezen"]',
                                                          "aria-describedby")
    assert page.locator("#zt-basis-verschil-uitleg").inner_text().startswith("✓")
    assert "Goed." in page.locator("#zt-basis-verschil-uitleg").inner_text()
    assert page.locator("#zt-basis-herstel-uitleg").get_attribute("data-state") == "open"
    assert stored_progress(page) == {}
    # A new answer hides the old feedback; all right completes the module.
    page.check(f"#zt-basis-kiezen-{right('basis')['kiezen']}")
    assert feedback.is_hidden()
    page.check(f"#zt-basis-herstel-{right('basis')['herstel']}")
    submit(page)
    page.locator('[data-quiz-result][data-state="passed"]').wait_for()
    assert result.inner_text().startswith("Alle 5 vragen goed. Je hebt deze module afgerond")
    assert status.inner_text().startswith("Je hebt deze module afgerond op ")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", stored_progress(page)["basis"])
    next_link = result.get_by_role("link", name="Verder met Module 2: Doelen formuleren")
    assert next_link.get_attribute("href").endswith("module-2-doelen/")
    watch.assert_clean(page)


def test_progress_survives_a_reload_and_shows_on_the_path(page, site_url, watch) -> None:
    complete(page, site_url, _zelftoets.MODULE_BY_ID["doelen"])
    complete(page, site_url, _zelftoets.MODULE_BY_ID["houding"])
    page.reload()
    status = page.locator("[data-quiz-status]")
    assert status.inner_text().startswith("Je hebt deze module afgerond op ")  # before Python
    page.goto(site_url + "leren/")
    count = page.locator("[data-leerpad-count]")
    assert count.inner_text() == "2 van 6 modules gedaan"
    assert page.locator("[data-leerpad-progress]").evaluate("p => [p.value, p.max]") == [2, 6]
    done = page.locator('[data-module][data-state="done"]')
    assert done.evaluate_all("items => items.map(i => i.dataset.module)") == ["doelen",
                                                                           "houding"]
    assert done.first.locator("[data-module-status]").inner_text().startswith("✓Gedaan op ")
    assert page.locator('[data-module="basis"] [data-module-status]').inner_text() == \
        "Nog niet gedaan"
    page.reload()
    assert count.inner_text() == "2 van 6 modules gedaan"
    watch.assert_clean(page)


def every_stored_value(page) -> str:
    """localStorage, sessionStorage, cookies and every IndexedDB record, as one text."""
    return page.evaluate("""async () => {
        const parts = [document.cookie];
        for (const storage of [localStorage, sessionStorage]) {
            for (let i = 0; i < storage.length; i++) {
                parts.push(storage.key(i), storage.getItem(storage.key(i)));
            }
        }
        for (const info of await indexedDB.databases()) {
            const db = await new Promise((ok, fail) => {
                const open = indexedDB.open(info.name);
                open.onsuccess = () => ok(open.result);
                open.onerror = () => fail(open.error);
            });
            for (const name of db.objectStoreNames) {
                const all = await new Promise((ok, fail) => {
                    const get = db.transaction(name).objectStore(name).getAll();
                    get.onsuccess = () => ok(get.result);
                    get.onerror = () => fail(get.error);
                });
                parts.push(info.name, name, JSON.stringify(all));
            }
            db.close();
        }
        return parts.join("\\n");
    }""")


def test_certificate_has_the_name_and_modules_and_keeps_no_name(page, site_url,
                                                                tmp_path, watch) -> None:
    page.goto(site_url + "leren/")
    status = page.locator("[data-certificate-status]")
    page.get_by_role("button", name="Overzicht downloaden (PDF)").click()
    assert status.inner_text().startswith("Rond eerst minstens één module af.")
    progress = {"version": 1, "modules": {"basis": "2026-11-20", "houding": "2026-11-21"}}
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(progress))})")
    page.reload()
    assert page.locator("[data-leerpad-count]").inner_text() == "2 van 6 modules gedaan"
    page.get_by_label("Je naam op het overzicht").fill(NAME)
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Overzicht downloaden (PDF)").click()
    assert re.fullmatch(r"overzicht-leerpad-\d{4}-\d{2}-\d{2}\.pdf",
                        download.value.suggested_filename)
    text = pdf_text(download.value, tmp_path / "certificaat.pdf")
    for expected in (NAME, "2 van de 6 modules", "1. Wat is een resourcegroep",
                     "20 november 2026", "6. Houding en evaluatie", "21 november 2026",
                     "geen diploma"):
        assert expected in text, expected
    assert "2. Doelen formuleren" in text.split("Nog te doen", 1)[1]
    assert status.inner_text() == "Het overzicht is gedownload. Je naam is nergens bewaard."
    # A name in another script: the PDF marks what its font cannot show, the page says so.
    page.get_by_label("Je naam op het overzicht").fill("Ольга Zoë")
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Overzicht downloaden (PDF)").click()
    assert "[?] Zoë" in pdf_text(download.value, tmp_path / "certificaat-2.pdf")
    expect(status).to_have_text(
        "Het overzicht is gedownload. Je naam is nergens bewaard. De PDF kan sommige tekens "
        "niet laten zien: О л ь г а. Daar staat [?] in de PDF. Wil je je hele naam op het "
        "overzicht? Schrijf hem dan met de letters van ons alfabet.")
    stored = every_stored_value(page)
    assert STORE_KEY in stored
    assert "Testpersoon" not in stored and "Zo\\u00eb" not in stored
    page.reload()
    assert page.get_by_label("Je naam op het overzicht").input_value() == ""
    watch.assert_clean(page)


def test_progress_can_be_cleared(page, site_url) -> None:
    page.goto(site_url + "leren/")
    page.evaluate(f"""localStorage.setItem('{STORE_KEY}',
        JSON.stringify({{version: 1, modules: {{groep: "2026-11-20"}}}}))""")
    page.reload()
    assert page.locator("[data-leerpad-count]").inner_text() == "1 van 6 modules gedaan"
    page.get_by_role("button", name="Voortgang wissen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Voortgang wissen").click()
    expect(page.locator("[data-leerpad-count]")).to_have_text("0 van 6 modules gedaan")
    assert stored_progress(page) == {}


def test_self_check_says_so_when_python_cannot_start(page, site_url) -> None:
    page.add_init_script("sessionStorage.setItem('rg:python-timeout-ms', '1500')")
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + "leren/module-3-resources/")
    assert page.locator("[data-quiz-status]").inner_text() == "De toets laadt…"
    page.locator("[data-quiz]").scroll_into_view_if_needed()
    page.wait_for_selector('[data-quiz][data-quiz-state="failed"]', timeout=30000)
    assert page.locator("[data-quiz-status]").inner_text().startswith(
        "De zelftoets kan niet laden: de rekenhulp kon niet starten")
    assert page.locator("[data-quiz-form]").is_hidden()


# --------------------------------------------------------------------------- trainerskit


def test_case_worksheet_warns_about_a_name_before_export(page, site_url, tmp_path,
                                                         watch) -> None:
    page.goto(site_url + "werkbladen/casus/")
    wait_for_form(page)
    assert "Gebruik geen echte namen." in page.locator(".rg-section").first.inner_text()
    wait_for_python(page)
    page.fill("#ws-casus-gebeurd", CASE)
    hint = page.locator("#ws-casus-gebeurd-hint")
    hint.wait_for(state="visible")
    for expected in ("een naam (‘Jan de Vries’)", "een adres (‘Kerkstraat 12’)",
                     "een postcode (‘1012 AB’)", "een telefoonnummer (‘06-12345678’)",
                     "verzonnen letter"):
        assert expected in hint.inner_text(), expected
    view = page.locator('[data-rg-view="controle"]')
    assert view.locator("h2").inner_text() == "Controle op herkenbare gegevens"
    assert "4 stukjes tekst kunnen iemand herkenbaar maken." in view.inner_text()
    assert view.locator("mark").all_inner_texts() == ["Jan de Vries", "Kerkstraat 12",
                                                      "1012 AB", "06-12345678"]
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Casus voor de intervisie (PDF)").click()
    text = pdf_text(download.value, tmp_path / "casus.pdf")
    assert text.startswith("Let op: deze casus bevat mogelijk herkenbare gegevens (namen, "
                           "adressen, postcodes en telefoonnummers).")
    assert "Jan de Vries" in text
    # The option replaces what was found.
    page.locator('[data-export-group="casus"] [data-export-option]').check()
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Casus voor de intervisie (PDF)").click()
    replaced = pdf_text(download.value, tmp_path / "casus-vervangen.pdf")
    assert "[naam] woont op [adres], [postcode], tel [telefoon]" in replaced
    assert "Jan de Vries" not in replaced
    # Fixed text: the warning goes away.
    page.fill("#ws-casus-gebeurd", "De cliënt woont zelfstandig in een grote stad.")
    hint.wait_for(state="hidden")
    page.get_by_text("Geen namen, datums, adressen of nummers gevonden.").wait_for()
    watch.assert_clean(page)


def test_session_planner_pdf_downloads_with_the_chosen_format(page, site_url, tmp_path,
                                                              watch) -> None:
    page.goto(site_url + "werkbladen/sessieplanner/")
    wait_for_form(page)
    page.get_by_label("Reflexronde: overnemen herkennen").check()
    page.get_by_label("90 minuten").check()
    page.fill("#ws-sessieplanner-begintijd", "14:00")
    page.fill("#ws-sessieplanner-notities", "Alleen voor de trainer")
    wait_for_python(page)
    view = page.locator('[data-rg-view="plan"]')
    view.get_by_text("Tijdschema voor 90 minuten").wait_for()
    assert view.locator("h2").inner_text() == \
        "Het sessieplan: Reflexronde: overnemen herkennen"
    # The start time was typed last: its evaluation may arrive after the duration's.
    page.wait_for_function("""() => {
        const text = document.querySelector('[data-rg-view="plan"]').innerText;
        return text.includes("14:00–14:05") && text.includes("15:25–15:30");
    }""")
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Sessieplan (PDF)").click()
    assert re.fullmatch(r"sessieplan-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    text = pdf_text(download.value, tmp_path / "sessieplan.pdf")
    for expected in ("Reflexronde: overnemen herkennen", "90 minuten", "14:00–15:30",
                     "14:05–14:15", "Ronde van momenten", "Welke reflex om over te nemen "
                     "herken je?", "Alleen voor de trainer"):
        assert expected in text, expected
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="Hand-out voor deelnemers (PDF)").click()
    handout = pdf_text(download.value, tmp_path / "handout.pdf")
    assert "Reflexronde: overnemen herkennen" in handout and "Mijn aantekeningen" in handout
    assert "Alleen voor de trainer" not in handout
    watch.assert_clean(page)


def test_team_figures_chart_and_impossible_counts(page, site_url, watch) -> None:
    page.goto(site_url + "werkbladen/teamreflectie/")
    wait_for_python(page)
    for field, value in (("gestart", "12"), ("netwerk", "9"), ("groep", "7"), ("vraag", "13")):
        page.fill(f"#ws-teamreflectie-{field}", value)
    hint = page.locator("#ws-teamreflectie-vraag-hint")
    hint.wait_for(state="visible")
    assert "meer dan het aantal cliënten waarmee jullie begonnen (12)" in hint.inner_text()
    chart = page.locator('[data-rg-view="grafiek"] svg[role="img"]')
    chart.wait_for()
    assert "75%" in chart.inner_html() and "77%" in chart.inner_html()
    table = page.locator('[data-rg-view="tabel"] table')
    assert "9 van 12" in table.inner_text() and "2 procentpunt lager" in table.inner_text()
    watch.assert_clean(page)


@pytest.mark.parametrize("width, height", [(360, 740), (1280, 900)])
def test_pages_fit_the_screen(page, site_url, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    for path in ("leren/", "leren/module-2-doelen/", "trainers/sessievormen/"):
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)


