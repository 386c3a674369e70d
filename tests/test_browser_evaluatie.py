"""The evaluation in Chromium: three people fill in and export, the overview combines them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import FAST_PYTHON, wait_for_form, wait_saved
from tests.test_browser_safety import (
    choose_backup_file,
    download_backup,
    open_dossier,
    restore_replace,
    set_passphrase,
    wipe_everything,
)
from worksheets._evaluatie import SCALE, SHEETS, THEME_NAMES
from worksheets._evaluatie_scores import group_key, set_key
from worksheets.engine.documents import dump_document

pytestmark = pytest.mark.browser

OVERVIEW = "werkbladen/evaluatie-overzicht/"
GROUP = "Groep van Sam"
DATE = "2026-03-12"
READY = '[data-eval-overview][data-python="ready"]'
#: Per role: first name, answers per theme ("?" = weet ik niet, "-" = skipped), one open answer.
RESPONDENTS = {
    "client": ("Sam", {"gehoord": "54?", "rollen": "333", "regie": "555", "voortgang": "4-4"},
               ("gehoord", "Eerst mijn punt bespreken, dan de rest.")),
    "naaste": ("", {"gehoord": "222", "rollen": "123", "regie": "444", "voortgang": "??3"},
               ("rollen", "Ik doe te veel boodschappen naast mijn werk.")),
    "professional": ("Joris", {"gehoord": "443", "rollen": "555", "regie": "434",
                               "voortgang": "333"},
                     ("voortgang", "Afspraken aan het eind samenvatten.")),
}
VALUES = [option.value for option in SCALE]


def expected_mean(values: str) -> str:
    numbers = [int(v) for v in values if v.isdigit()]
    return f"{sum(numbers) / len(numbers):.1f}".replace(".", ",")


def fill_questionnaire(page, role: str) -> None:
    name, scores, (theme, better) = RESPONDENTS[role]
    prefix = f"#ws-evaluatie-{role}-"
    page.fill(prefix + "datum", DATE)
    page.fill(prefix + "groep", GROUP)
    if name:
        page.fill(prefix + "voornaam", name)
    for theme_id, values in scores.items():
        for number, value in enumerate(values, start=1):
            if value != "-":
                page.check(f"{prefix}{theme_id}_{number}-{VALUES.index(value)}")
    page.fill(f"{prefix}{theme}_beter", better)


@pytest.fixture
def answer_files(browser, site_url: str, tmp_path: Path) -> dict[str, Path]:
    """Three respondents, each in a browser of their own, fill in and export a file."""
    files = {}
    for role in RESPONDENTS:
        context = browser.new_context(accept_downloads=True, locale="nl-NL",
                                      timezone_id="Europe/Amsterdam", service_workers="block")
        context.add_init_script(FAST_PYTHON)
        try:
            page = context.new_page()
            page.goto(site_url + f"werkbladen/evaluatie-{role}/")
            wait_for_form(page)
            fill_questionnaire(page, role)
            wait_saved(page)
            with page.expect_download() as download:
                page.get_by_role("button", name="Opslaan als bestand").click()
            assert re.fullmatch(rf"evaluatie-{role}-\d{{4}}-\d{{2}}-\d{{2}}\.json",
                                download.value.suggested_filename)
            files[role] = tmp_path / f"{role}.json"
            download.value.save_as(files[role])
        finally:
            context.close()
    return files


def open_overview(page, site_url: str) -> None:
    page.goto(site_url + OVERVIEW)
    page.wait_for_selector(READY, timeout=60000)


def wait_counted(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('[data-eval-overview]').dataset.counted === String(n)",
        arg=count, timeout=30000)


def table_mean(page, theme: str, role: str) -> str:
    cell = page.locator(f'[data-table="scores"] td[data-theme="{theme}"][data-role="{role}"]')
    return cell.locator(".rg-eval-mean").inner_text()


def overview_pdf_text(page, target: Path) -> str:
    """Download the overview's PDF and return its text, whitespace collapsed."""
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="PDF downloaden").click()
    assert download.value.suggested_filename == f"evaluatie-overzicht-{DATE}.pdf"
    download.value.save_as(target)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)


def test_three_respondents_export_and_the_overview_combines_them(page, site_url, answer_files,
                                                                 tmp_path, watch) -> None:
    for role, path in answer_files.items():
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["worksheet"] == f"evaluatie-{role}"
        assert document["answers"]["groep"] == GROUP
    open_overview(page, site_url)
    page.set_input_files('[data-eval="file-input"]', [str(p) for p in answer_files.values()])
    wait_counted(page, 3)
    assert page.locator('[data-eval="summary"]').inner_text() == "3 bestanden meegeteld."
    for role, (_, scores, _) in RESPONDENTS.items():
        for theme, values in scores.items():
            if any(v.isdigit() for v in values):
                assert table_mean(page, theme, role) == expected_mean(values), (theme, role)
    assert table_mean(page, "voortgang", "naaste") == "3,0"
    chart = page.locator("svg.rg-eval-chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect[data-role]").count() == 12
    first = page.locator(".rg-eval-differences > li").first
    assert first.inner_text().startswith("Taken en rollen: verschil 3,0 punten.")
    assert "— naaste" in page.locator('.rg-eval-theme[data-theme="rollen"]').inner_text()
    assert "Eerst mijn punt bespreken" in page.locator(
        '.rg-eval-theme[data-theme="gehoord"]').inner_text()

    page.fill("#eval-actie-rollen", "Anna en de buurvrouw verdelen de boodschappen.")
    page.get_by_role("button", name="Ronde bewaren").click()
    page.locator(".rg-eval-round > span").first.wait_for()
    assert page.locator(".rg-eval-round > span").first.inner_text() == \
        f"{GROUP} · 12 maart 2026 · 3 personen"
    assert "Deze ronde is bewaard" in page.locator('[data-eval="round-status"]').inner_text()

    saved = "De ronde is bewaard in deze browser."
    alert = page.locator('[data-eval="alert"]')
    expect(alert).to_contain_text(saved)
    text = overview_pdf_text(page, tmp_path / "overzicht.pdf")
    expect(alert).to_contain_text(saved)  # a PDF without [?] leaves other messages alone
    for role, (_, _, (_, better)) in RESPONDENTS.items():
        assert better in text, role
    for line in ("Gehoord worden 4,5 (2 antwoorden, 1 keer weet ik niet) 2,0 (3 antwoorden) "
                 "3,7 (3 antwoorden)",
                 "Taken en rollen 3,0 (3 antwoorden) 2,0 (3 antwoorden) 5,0 (3 antwoorden)",
                 "Vooruitgang 4,0 (2 antwoorden) 3,0 (1 antwoord, 2 keer weet ik niet) "
                 "3,0 (3 antwoorden)"):
        assert line in text, line
    assert all(name in text for name in THEME_NAMES.values())
    assert "Anna en de buurvrouw verdelen de boodschappen." in text
    assert f"{GROUP} · 12 maart 2026" in text

    page.fill("#eval-actie-rollen", "Ольга doet de boodschappen 🛒.")
    assert "[?] doet de boodschappen [?]." in overview_pdf_text(page, tmp_path / "tekens.pdf")
    expect(alert).to_have_text(
        "De PDF kan sommige tekens niet laten zien: О л ь г а 🛒. Daar staat [?] in de PDF. "
        "In de antwoordbestanden verandert niets.")
    page.fill("#eval-actie-rollen", "Olga doet de boodschappen.")
    assert "Olga doet de boodschappen." in overview_pdf_text(page, tmp_path / "letters.pdf")
    expect(alert).to_be_hidden()

    page.reload()
    page.wait_for_selector(READY, timeout=60000)
    page.locator(".rg-eval-round").first.wait_for()
    assert page.locator(".rg-eval-round > span").first.inner_text().startswith(GROUP)
    watch.assert_clean(page)


def test_a_broken_file_is_refused_with_a_message_and_the_others_count(page, site_url,
                                                                      tmp_path, watch) -> None:
    good = tmp_path / "sam.json"
    sheet = SHEETS["client"]
    good.write_text(dump_document(sheet, {**sheet.empty_answers(), "groep": GROUP, "datum": DATE,
                                          "gehoord_1": "4"}, ""), encoding="utf-8")
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format": "rg-werkblad", "worksheet": ', encoding="utf-8")
    other = tmp_path / "doelen.json"
    other.write_text(json.dumps({"format": "rg-werkblad", "worksheet": "doelen",
                                 "schema_version": 1, "answers": {}}), encoding="utf-8")
    open_overview(page, site_url)
    page.set_input_files('[data-eval="file-input"]', [str(broken), str(good), str(other),
                                                      str(good)])
    wait_counted(page, 1)
    files = page.locator('[data-eval="files"]')
    assert files.locator("details").get_attribute("open") is not None  # problems: list open
    refused = files.locator('[data-status="geweigerd"]')
    assert refused.count() == 2
    assert "kapot.json" in refused.first.inner_text()
    assert "komt niet van deze site, of het is beschadigd" in refused.first.inner_text()
    assert "hoort bij een ander werkblad" in refused.nth(1).inner_text()
    double = files.locator('[data-status="dubbel"]')
    assert "hetzelfde bestand als ‘sam.json’" in double.inner_text()
    assert page.locator('[data-eval="summary"]').inner_text() == \
        "1 bestand meegeteld, 1 dubbel en 2 niet meegeteld."
    assert table_mean(page, "gehoord", "client") == "4,0"
    files.get_by_role("button", name="Weghalen: kapot.json").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-eval=\"files\"] [data-status=\"geweigerd\"]')"
        ".length === 1")
    watch.assert_clean(page)


def round_file(tmp_path: Path, role: str, date: str, gehoord: str) -> Path:
    sheet = SHEETS[role]
    answers = {**sheet.empty_answers(), "groep": GROUP, "datum": date}
    answers.update({f"gehoord_{n}": v for n, v in enumerate(gehoord, start=1)})
    path = tmp_path / f"{role}-{date}.json"
    path.write_text(dump_document(sheet, answers, ""), encoding="utf-8")
    return path


def open_with_one_round(page, site_url: str, tmp_path: Path, date: str = DATE) -> None:
    """The overview with one client's answers of ``date`` (group and date: a round)."""
    open_overview(page, site_url)
    page.set_input_files('[data-eval="file-input"]',
                         [str(round_file(tmp_path, "client", date, "222"))])
    wait_counted(page, 1)


def test_rounds_are_compared_and_files_can_be_dropped(page, site_url, tmp_path, watch) -> None:
    open_overview(page, site_url)
    page.set_input_files('[data-eval="file-input"]',
                         [str(round_file(tmp_path, "client", "2026-01-15", "222")),
                          str(round_file(tmp_path, "naaste", "2026-01-15", "333"))])
    wait_counted(page, 2)
    page.fill("#eval-actie-gehoord", "Iedereen laat elkaar uitpraten.")
    page.get_by_role("button", name="Ronde bewaren").click()
    page.locator(".rg-eval-round").first.wait_for()
    page.get_by_role("button", name="Alle bestanden weghalen").click()
    wait_counted(page, 0)
    later = [round_file(tmp_path, role, DATE, values)
             for role, values in (("client", "444"), ("naaste", "322"))]
    page.evaluate("""(files) => {
        const transfer = new DataTransfer();
        for (const [name, text] of files) {
            transfer.items.add(new File([text], name, { type: "application/json" }));
        }
        const zone = document.querySelector('[data-eval="drop"]');
        zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true,
                                                       cancelable: true }));
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true,
                                                   cancelable: true }));
    }""", [[p.name, p.read_text(encoding="utf-8")] for p in later])
    wait_counted(page, 2)
    heading = page.get_by_role("heading", name="Vergeleken met de ronde van 15 januari 2026")
    heading.wait_for()
    compare = page.locator('[data-eval="compare"]')
    assert compare.locator("option").all_inner_texts() == ["Ronde van 15 januari 2026",
                                                           "Niet vergelijken"]
    row = page.locator('[data-table="compare"] tr[data-theme="gehoord"][data-role="client"]')
    assert row.locator("td").all_inner_texts()[:2] == ["2,0", "4,0"]
    assert row.locator("td").nth(2).get_attribute("data-direction") == "hoger"
    naaste = page.locator('[data-table="compare"] tr[data-theme="gehoord"][data-role="naaste"]')
    assert naaste.locator("td").nth(2).get_attribute("data-direction") == "lager"
    assert "Iedereen laat elkaar uitpraten." in page.locator(
        '.rg-eval-theme[data-theme="gehoord"] .rg-eval-earlier').inner_text()
    assert page.locator("svg.rg-eval-chart rect[data-before]").count() == 2
    page.select_option('[data-eval="compare"]', "geen")
    page.get_by_text("Je hebt gekozen om niet te vergelijken.").wait_for()
    page.get_by_role("button", name=f"Ronde verwijderen: {GROUP} · 15 januari 2026").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Verwijderen").click()
    page.get_by_text("Nog geen rondes bewaard in deze browser.").wait_for()
    assert "nog geen eerdere ronde" in page.locator('[data-eval="result"]').inner_text()
    watch.assert_clean(page)


EVALUATION_DB = "handboek-resourcegroepen-evaluatie"
#: Every record of the overview's database; [] without one (looking does not create it).
STORED_ROUNDS = """async (name) => {
    if (!(await indexedDB.databases()).some((db) => db.name === name)) return [];
    const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
    });
    try {
        if (!db.objectStoreNames.contains("rondes")) return [];
        return await new Promise((resolve, reject) => {
            const all = db.transaction("rondes").objectStore("rondes").getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
        });
    } finally {
        db.close();
    }
}"""
#: Store one round record (a database not there yet is made as the overview does).
PUT_ROUND = """([name, record]) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.result.createObjectStore("rondes", { keyPath: "id" });
    open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction("rondes", "readwrite");
        tx.objectStore("rondes").put(record);
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
    };
})"""
#: A database of that name without its store (as an old or foreign script could leave it).
EMPTY_DATABASE = """(name) => new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => { open.result.close(); resolve(); };
})"""


def stored_rounds(page) -> list[dict]:
    return page.evaluate(STORED_ROUNDS, EVALUATION_DB)


def test_saved_rounds_go_along_in_the_backup_and_come_back(page, site_url, tmp_path,
                                                          watch) -> None:
    open_with_one_round(page, site_url, tmp_path, "2026-01-15")
    page.fill("#eval-actie-gehoord", "Iedereen laat elkaar uitpraten.")
    page.get_by_role("button", name="Ronde bewaren").click()
    page.locator(".rg-eval-round").first.wait_for()
    saved = stored_rounds(page)
    assert [r["actiepunten"] for r in saved] == [{"gehoord": "Iedereen laat elkaar uitpraten."}]

    open_dossier(page, site_url)
    listed = page.locator('[data-dossier="list"]')
    listed.get_by_text("Evaluatie-overzicht: 1 bewaarde ronde.").wait_for()
    path = download_backup(page, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["evaluatie_rondes"] == saved
    wipe_everything(page)
    assert stored_rounds(page) == []
    page.evaluate(EMPTY_DATABASE, EVALUATION_DB)  # restoring must still find a place

    choose_backup_file(page, path)
    preview = page.locator('[data-rg="restore-preview"]')
    preview.get_by_text("Evaluatie-overzicht: 1 bewaarde ronde.").wait_for(timeout=60000)
    preview.get_by_role("button", name="Annuleren").click()
    restore_replace(page, path)
    assert stored_rounds(page) == saved
    choose_backup_file(page, path)  # again, keeping what is here: nothing to add
    preview.get_by_role("button", name="Terugzetten").click()
    preview.wait_for(state="detached")
    expect(page.locator('[data-rg="notice"]')).to_contain_text("Er is niets veranderd.")
    assert stored_rounds(page) == saved

    # Keeping what is here: a draft of the same round (action points typed here before
    # the round was saved) gets the saved round, with the action points typed here.
    typed_here = {"rollen": "Hier getypt."}
    page.evaluate(PUT_ROUND, [EVALUATION_DB, {
        **{key: saved[0][key] for key in ("id", "group", "group_key", "date")},
        "draft": True, "actiepunten": typed_here}])
    choose_backup_file(page, path)
    preview.get_by_role("button", name="Terugzetten").click()
    preview.wait_for(state="detached")
    expect(page.locator('[data-rg="notice"]')).to_contain_text("De reservekopie is teruggezet")
    assert stored_rounds(page) == [{**saved[0], "actiepunten": typed_here}]

    # A backup made before rounds went along leaves them alone, even when replacing.
    older = json.loads(path.read_text(encoding="utf-8"))
    del older["evaluatie_rondes"]
    older["leerpad"] = {"groep": "2026-11-20"}
    older_path = tmp_path / "ouder.json"
    older_path.write_text(json.dumps(older), encoding="utf-8")
    restore_replace(page, older_path)
    assert stored_rounds(page) == [{**saved[0], "actiepunten": typed_here}]

    open_overview(page, site_url)
    page.get_by_role("button", name=f"Ronde verwijderen: {GROUP} · 15 januari 2026").wait_for()
    watch.assert_clean(page)


#: Every write to the worksheets' database fails, as when the disk is full.
FAILING_WRITES = """() => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
        if (mode === "readwrite" && this.name === "handboek-resourcegroepen") {
            throw new DOMException("De schijf is vol.", "QuotaExceededError");
        }
        return transaction.call(this, names, mode, ...rest);
    };
}"""
LEERPAD_STORED = "() => localStorage.getItem('handboek-resourcegroepen-leerpad')"


def draft_round(date: str, text: str) -> dict:
    """A round's action points typed before the round was saved, as the overview keeps it."""
    return {"id": set_key(GROUP, date), "group": GROUP, "group_key": group_key(GROUP),
            "date": date, "draft": True, "actiepunten": {"gehoord": text}}


def test_a_restore_that_fails_puts_the_rounds_back(page, site_url, tmp_path, watch) -> None:
    open_overview(page, site_url)  # the overview's database, with its store
    here = draft_round("2026-01-15", "Hier getypt.")
    page.evaluate(PUT_ROUND, [EVALUATION_DB, here])
    open_dossier(page, site_url)
    backup = json.loads(download_backup(page, tmp_path).read_text(encoding="utf-8"))
    assert backup["evaluatie_rondes"] == [here]
    backup["evaluatie_rondes"] = [draft_round("2026-02-12", "Uit het bestand.")]
    backup["leerpad"] = {"groep": "2026-11-20"}
    other = tmp_path / "ander.json"
    other.write_text(json.dumps(backup), encoding="utf-8")

    # The rounds and the learning path are written first; the worksheets then fail.
    page.evaluate(FAILING_WRITES)
    alert = page.locator('[data-rg="alert"]')
    preview = page.locator('[data-rg="restore-preview"]')
    for replace in (True, False):
        alert.evaluate("(node) => { node.hidden = true; node.textContent = ''; }")
        choose_backup_file(page, other)
        preview.wait_for(timeout=60000)
        if replace:
            preview.get_by_label("Alles vervangen door het bestand").check()
        preview.get_by_role("button", name="Terugzetten").click()
        if replace:  # a round is here, so replacing asks first
            page.locator("dialog.rg-dialog").get_by_role("button", name="Vervangen").click()
        # Said for this page: no "answers still on screen", as a worksheet would say.
        expect(alert).to_have_text("Terugzetten lukte niet. De opslag van deze browser is vol. "
                                   "Er is niets veranderd.")
        assert stored_rounds(page) == [here], replace
        assert page.evaluate(LEERPAD_STORED) is None, replace
    watch.assert_clean(page)


DATABASE_NAMES = "async () => (await indexedDB.databases()).map((db) => db.name)"


def test_without_a_list_of_databases_looking_creates_no_overview_database(page, context,
                                                                          site_url) -> None:
    page.add_init_script("delete IDBFactory.prototype.databases")  # as in Firefox before 2024
    open_dossier(page, site_url)
    assert page.evaluate("typeof indexedDB.databases") == "undefined"
    other = context.new_page()  # a page that can list the databases
    other.goto(site_url)
    assert EVALUATION_DB not in other.evaluate(DATABASE_NAMES)
    # A database that is there is still read.
    other.evaluate(PUT_ROUND, [EVALUATION_DB, {"id": "ronde-1"}])
    open_dossier(page, site_url)
    expect(page.get_by_text("Evaluatie-overzicht: 1 bewaarde ronde.")).to_be_visible()


def test_action_points_of_a_set_without_date_stay_when_another_tab_restores(
        page, context, site_url, tmp_path, watch) -> None:
    """A set without a date cannot be stored: its action points live on screen only.
    A passphrase set on Mijn gegevens in another tab reloads the rounds; they stay, for
    the set on screen and for the other one."""
    sheet = SHEETS["client"]
    files = []
    for group in (GROUP, "Groep van Noor"):
        files.append(tmp_path / f"{group}.json")
        files[-1].write_text(dump_document(sheet, {**sheet.empty_answers(), "groep": group,
                                                   "gehoord_1": "4"}, ""), encoding="utf-8")
    open_overview(page, site_url)
    page.set_input_files('[data-eval="file-input"]', [str(path) for path in files])
    page.locator('[data-eval="set"] option').nth(1).wait_for(state="attached")
    action = page.locator("#eval-actie-gehoord")
    first, second = (page.locator('[data-eval="set"] option').nth(n).get_attribute("value")
                     for n in (0, 1))
    page.select_option('[data-eval="set"]', first)
    assert "geen datum" in page.locator('[data-eval="round-status"]').inner_text()
    action.fill("Iedereen laat elkaar uitpraten.")
    page.select_option('[data-eval="set"]', second)
    expect(action).to_have_value("")
    action.fill("Eerst de goede dingen.")
    page.evaluate("() => { document.querySelector('#eval-actie-gehoord').rgBefore = true; }")

    other = context.new_page()
    open_dossier(other, site_url)
    set_passphrase(other)  # rewrites everything stored: the other tabs hear "replaced"
    page.wait_for_function(  # the overview has read the rounds again and drawn itself anew
        "() => !document.querySelector('#eval-actie-gehoord').rgBefore")
    expect(action).to_have_value("Eerst de goede dingen.")
    page.select_option('[data-eval="set"]', first)
    expect(action).to_have_value("Iedereen laat elkaar uitpraten.")
    watch.assert_clean(page)


def wait_stored(page, text: str) -> None:
    """Wait until the overview's database holds ``text`` (action points are written late)."""
    for _ in range(100):
        if text in json.dumps(stored_rounds(page), ensure_ascii=False):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never stored: {text!r}")


#: Another tab restored a backup or set a passphrase ("replaced"). Right after this page
#: hears it, before it has read the rounds again, the user types on in an action point: a
#: second channel in the page hears the message just after the page's own.
TYPED_WHILE_READ_AGAIN = """(text) => new Promise((resolve) => {
    const sender = new BroadcastChannel("rg-opslag");
    const after = new BroadcastChannel("rg-opslag");
    after.onmessage = () => {
        const area = document.querySelector("#eval-actie-gehoord");
        area.value = text;
        area.dispatchEvent(new Event("input", { bubbles: true }));
        after.close();
        sender.close();
        resolve();
    };
    sender.postMessage({ type: "replaced" });
})"""


def test_typing_while_the_rounds_are_read_again_loses_nothing(page, site_url, tmp_path,
                                                               watch) -> None:
    open_with_one_round(page, site_url, tmp_path)
    page.fill("#eval-actie-gehoord", "Iedereen laat elkaar uitpraten.")
    page.fill("#eval-actie-rollen", "Anna doet de boodschappen.")
    page.get_by_role("button", name="Ronde bewaren").click()
    page.locator(".rg-eval-round").first.wait_for()
    wait_stored(page, "Anna doet de boodschappen.")
    action = page.locator("#eval-actie-gehoord")
    action.focus()
    page.evaluate("() => { document.querySelector('#eval-actie-gehoord').rgBefore = true; }")
    page.evaluate(TYPED_WHILE_READ_AGAIN, "Iedereen laat elkaar uitpraten, ook Sam.")
    page.wait_for_function(  # drawn anew, with the rounds as stored now
        "() => !document.querySelector('#eval-actie-gehoord').rgBefore")
    # The other theme's action point is still there, and the focus stays where the user
    # types, so the next keys land.
    expect(page.locator("#eval-actie-rollen")).to_have_value("Anna doet de boodschappen.")
    expect(action).to_be_focused()
    page.keyboard.type(" Fijn.")
    expect(action).to_have_value("Iedereen laat elkaar uitpraten, ook Sam. Fijn.")
    wait_stored(page, "Fijn.")
    assert [r["actiepunten"] for r in stored_rounds(page)] == [{
        "gehoord": "Iedereen laat elkaar uitpraten, ook Sam. Fijn.",
        "rollen": "Anna doet de boodschappen."}]
    watch.assert_clean(page)


def test_without_python_files_wait_and_clearing_them_keeps_the_warning(page, site_url,
                                                                       tmp_path) -> None:
    page.add_init_script("sessionStorage.setItem('rg:python-timeout-ms', '1500')")
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + OVERVIEW)
    page.wait_for_selector('[data-eval-overview][data-python="failed"]', timeout=60000)
    alert = page.locator('[data-eval="alert"]')
    expect(alert).to_contain_text("De rekenhulp kon niet starten")
    answers = tmp_path / "sam.json"
    answers.write_text("{}", encoding="utf-8")
    page.set_input_files('[data-eval="file-input"]', [str(answers)])
    summary = page.locator('[data-eval="summary"]')
    expect(summary).to_have_text(
        "1 bestand gekozen. Zonder rekenhulp kan deze pagina ze niet samenvoegen.")
    page.get_by_role("button", name="Alle bestanden weghalen").click()
    expect(summary).to_have_text("Nog geen bestanden toegevoegd.")
    expect(alert).to_contain_text("De rekenhulp kon niet starten")


HOLDS_UPDATE = """() => !document.dispatchEvent(
    new CustomEvent("rg:before-update", { cancelable: true }))"""


def test_an_update_waits_until_typed_action_points_are_stored(page, site_url,
                                                              tmp_path) -> None:
    open_with_one_round(page, site_url, tmp_path)
    page.fill("#eval-actie-gehoord", "Net getypt")
    assert page.evaluate(HOLDS_UPDATE)  # "Nu bijwerken" would reload: not yet
    page.wait_for_function(f"() => !({HOLDS_UPDATE})()")
    assert [r["actiepunten"] for r in stored_rounds(page)] == [{"gehoord": "Net getypt"}]
