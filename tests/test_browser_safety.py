"""Answers that are never lost, in Chromium: drafts, failing storage, several tabs,
upgrades and migrations, backups and restore, the passphrase and the eviction marker."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_form, wait_for_python, wait_saved
from tests.sitecopy import FIXTURES
from worksheets import load_registry
from worksheets.engine.documents import parse_document

pytestmark = pytest.mark.browser

ALL = "werkbladen/alle-velden/"
MIGRATIE = "werkbladen/migratie/"
DOSSIER = "mijn-gegevens/"
NAME = "#ws-alle-velden-naam"
PASSPHRASE = "paarse olifant op de fiets"
CURRENT = {
    "voornaam": "Zoë",
    "verhaal": "Eén keer per week naar het café.\nDaarna zien we verder. 🙂",
    "hobbys": ["zwemmen", "lezen in de bibliotheek"],
    "akkoord": None,
}


@pytest.fixture(scope="session")
def safety_url(fixture_site_url: str) -> str:
    """The site with the fixture worksheets (tests/conftest.py)."""
    return fixture_site_url


# --------------------------------------------------------------------------- helpers


def records(page) -> dict[str, Any]:
    """Every record of the worksheets store, by key, as stored (encrypted or not)."""
    return page.evaluate("""() => new Promise((resolve, reject) => {
        const open = indexedDB.open("handboek-resourcegroepen");
        open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("worksheets")) { db.close(); resolve({}); return; }
            const all = db.transaction("worksheets").objectStore("worksheets").getAll();
            all.onsuccess = () => {
                db.close();
                resolve(Object.fromEntries(all.result.map((r) => [r.worksheet, r])));
            };
            all.onerror = () => reject(all.error);
        };
        open.onerror = () => reject(open.error);
    })""")


def decoded(page, site: str) -> dict[str, Any]:
    """Every record's content (decrypted with this page's unlocked key), without revisions."""
    return page.evaluate("""async (url) => {
        const store = await import(url);
        const out = {};
        for (const record of await store.getAllRecords()) {
            const payload = await store.decodeRecord(record);
            out[record.worksheet] = payload;
        }
        return out;
    }""", site + "assets/rg/js/store.js")


def put_record(page, record: dict[str, Any], version: int = 2) -> None:
    """Store a record directly, as an earlier version of the site would have."""
    page.evaluate("""([record, version]) => new Promise((resolve, reject) => {
        const open = indexedDB.open("handboek-resourcegroepen", version);
        open.onupgradeneeded = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("worksheets")) {
                db.createObjectStore("worksheets", { keyPath: "worksheet" });
            }
            if (version >= 2 && !db.objectStoreNames.contains("meta")) {
                db.createObjectStore("meta", { keyPath: "key" });
            }
        };
        open.onsuccess = () => {
            const tx = open.result.transaction("worksheets", "readwrite");
            tx.objectStore("worksheets").put(record);
            tx.oncomplete = () => { open.result.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
    })""", [record, version])


def delete_database(page) -> None:
    page.evaluate("""() => new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase("handboek-resourcegroepen");
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
    })""")


def open_dossier(page, site: str) -> None:
    page.goto(site + DOSSIER)
    page.wait_for_selector("[data-dossier-page][data-ready]", timeout=15000)


def download_backup(page, tmp_path: Path, name: str = "backup.json") -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Reservekopie downloaden").click()
    assert re.fullmatch(r"reservekopie-handboek-resourcegroepen-\d{4}-\d{2}-\d{2}\.json",
                        download.value.suggested_filename)
    target = tmp_path / name
    download.value.save_as(target)
    return target


def wipe_everything(page) -> None:
    page.locator('[data-dossier="wipe"]').get_by_role("button", name="Alles wissen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Ja, wis alles").click()
    page.locator('[data-rg="notice"]').get_by_text("Alles is gewist").wait_for()


def choose_backup_file(page, path: Path) -> None:
    page.set_input_files('[data-rg="restore-file"]', str(path))


def restore_replace(page, path: Path, passphrase: str | None = None) -> None:
    choose_backup_file(page, path)
    if passphrase is not None:
        form = page.locator('[data-rg="restore-area"] form')
        form.get_by_label("Wachtwoordzin", exact=True).fill(passphrase)
        form.get_by_role("button", name="Bestand openen").click()
    preview = page.locator('[data-rg="restore-preview"]')
    preview.wait_for(timeout=60000)
    preview.get_by_label("Alles vervangen door het bestand").check()
    preview.get_by_role("button", name="Terugzetten").click()
    dialog = page.locator("dialog.rg-dialog")
    if dialog.count():
        dialog.get_by_role("button", name="Vervangen").click()
    # The preview goes once the restore is done; only then is the notice this restore's.
    preview.wait_for(state="detached", timeout=30000)
    expect(page.locator('[data-rg="notice"]')).to_contain_text("De reservekopie is teruggezet")


def set_passphrase(page, passphrase: str = PASSPHRASE) -> None:
    page.get_by_role("button", name="Wachtwoordzin instellen").click()
    set_passphrase_in(page, passphrase)


def set_passphrase_in(page, passphrase: str, done: str = "nu beschermd") -> None:
    """Fill in and send the open form for a new passphrase on Mijn gegevens."""
    form = page.locator('[data-dossier="passphrase"] form')
    form.get_by_label("Ik begrijp het").check()
    form.get_by_label("Nieuwe wachtwoordzin").fill(passphrase)
    form.get_by_label("Typ de wachtwoordzin nog een keer").fill(passphrase)
    form.get_by_role("button", name=re.compile("^Wachtwoordzin (instellen|veranderen)$")).click()
    page.locator('[data-rg="notice"]').get_by_text(done).wait_for(timeout=30000)


def without_revisions(content: dict[str, Any]) -> dict[str, Any]:
    return {key: {k: v for k, v in value.items() if k not in ("rev", "title")}
            for key, value in content.items()}


def fill_worksheet_with_extras(page, site: str) -> None:
    """Answers, a saved version and a practice copy of the fixture worksheet."""
    page.goto(site + ALL)
    wait_for_form(page)
    page.fill(NAME, "Zoë")
    page.fill("#ws-alle-velden-verhaal", "Eén regel.\nNog één, in het café.")
    page.check("#ws-alle-velden-cijfer-7")
    wait_saved(page)
    page.get_by_role("button", name="Bewaar deze versie").click()
    page.locator('[data-rg="version-a"] option').first.wait_for(state="attached")
    page.fill(NAME, "Zoë Jansen")
    wait_saved(page)
    page.get_by_role("button", name="Oefenmodus: bekijk een voorbeeld").click()
    page.locator('[data-rg="practice-banner"]').wait_for(state="visible")
    page.fill(NAME, "Geoefend")
    wait_saved(page)
    page.get_by_role("button", name="Terug naar mijn eigen antwoorden").click()
    page.wait_for_function(f"() => document.querySelector('{NAME}').value === 'Zoë Jansen'")


# --------------------------------------------------------------------------- never lose a keystroke


def test_typing_then_closing_within_100_ms_keeps_every_character(context, safety_url) -> None:
    page = context.new_page()
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.click(NAME)
    page.keyboard.type("Elke letter telt: é ë ü")
    page.close()  # well within 100 ms of the last keystroke: the 150 ms save never ran
    again = context.new_page()
    again.goto(safety_url + ALL)
    wait_for_form(again)
    assert again.input_value(NAME) == "Elke letter telt: é ë ü"
    # Whatever the closed page managed to store, the draft fills the gap and is then stored.
    again.wait_for_function("() => localStorage.getItem('rg:klad:alle-velden') === null")
    assert records(again)["alle-velden"]["answers"]["naam"] == "Elke letter telt: é ë ü"


def test_a_draft_that_is_already_stored_is_removed(page, safety_url) -> None:
    """The page that typed it saved it as it closed, while this page waited for the
    tab lock: the stored answers are as new, so the draft is done with."""
    page.goto(safety_url)
    put_record(page, {"format": "rg-werkblad", "worksheet": "alle-velden", "schema_version": 1,
                      "saved_at": "2025-05-05T10:00:01.000Z", "answers": {"naam": "Bewaard"}})
    page.evaluate("""() => localStorage.setItem('rg:klad:alle-velden', JSON.stringify({
        format: 'rg-werkblad', worksheet: 'alle-velden', schema_version: 1,
        saved_at: '2025-05-05T10:00:00.000Z', answers: {naam: 'Bewaard'}}))""")
    page.goto(safety_url + ALL)
    wait_for_form(page)
    assert page.input_value(NAME) == "Bewaard"
    assert page.evaluate("localStorage.getItem('rg:klad:alle-velden')") is None


def test_the_draft_alone_brings_back_what_was_typed(context, safety_url) -> None:
    page = context.new_page()
    page.add_init_script("IDBObjectStore.prototype.put = function () { throw new DOMException('x', "
                         "'UnknownError'); };")
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Alleen in het klad")
    page.locator('[data-rg="save-status"][data-state="failed"]').wait_for()
    page.close()
    again = context.new_page()
    again.goto(safety_url + ALL)
    wait_for_form(again)
    assert again.input_value(NAME) == "Alleen in het klad"
    wait_saved(again)
    assert records(again)["alle-velden"]["answers"]["naam"] == "Alleen in het klad"


def assert_backup_from_screen(page, tmp_path: Path, expected_name: str) -> None:
    alert = page.locator('[data-rg="alert"]')
    with page.expect_download() as download:
        alert.get_by_role("button", name="Reservekopie downloaden").click()
    target = tmp_path / "noodkopie.json"
    download.value.save_as(target)
    backup = json.loads(target.read_text(encoding="utf-8"))
    assert backup["format"] == "rg-reservekopie" and backup["format_version"] == 1
    entry = next(e for e in backup["worksheets"] if e["worksheet"] == "alle-velden")
    assert entry["answers"]["answers"]["naam"] == expected_name
    assert entry["schema_version"] == 1


def test_quota_exceeded_warns_keeps_answers_and_backup_works(page, safety_url, tmp_path) -> None:
    page.add_init_script("""
        IDBObjectStore.prototype.put = function () {
            throw new DOMException("Opslag vol (test)", "QuotaExceededError");
        };""")
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Niet kwijt")
    alert = page.locator('[data-rg="alert"]')
    alert.wait_for(state="visible")
    assert "De opslag van deze browser is vol" in alert.inner_text()
    assert page.locator('[data-rg="save-status"]').get_attribute("data-state") == "failed"
    page.fill(NAME, "Niet kwijt, echt niet")
    page.wait_for_timeout(400)
    assert alert.is_visible() and "vol" in alert.inner_text()  # stays while it fails
    assert page.input_value(NAME) == "Niet kwijt, echt niet"
    assert_backup_from_screen(page, tmp_path, "Niet kwijt, echt niet")


def test_unavailable_storage_warns_keeps_answers_and_backup_works(page, safety_url,
                                                                  tmp_path) -> None:
    page.add_init_script("""
        IDBFactory.prototype.open = function () {
            throw new DOMException("Geen opslag (test)", "SecurityError");
        };""")
    page.goto(safety_url + ALL)
    wait_for_form(page)
    alert = page.locator('[data-rg="alert"]')
    alert.wait_for(state="visible")
    assert "Opslaan in deze browser lukt niet" in alert.inner_text()
    page.fill(NAME, "Toch op het scherm")
    page.wait_for_timeout(400)
    assert page.input_value(NAME) == "Toch op het scherm"
    assert page.locator('[data-rg="save-status"]').get_attribute("data-state") == "failed"
    assert_backup_from_screen(page, tmp_path, "Toch op het scherm")


def test_a_save_that_reads_back_differently_is_not_trusted(page, safety_url) -> None:
    page.add_init_script("""
        const realGet = IDBObjectStore.prototype.get;
        const realPut = IDBObjectStore.prototype.put;
        let wrote = false;
        IDBObjectStore.prototype.put = function (value) {
            wrote = true;
            return realPut.call(this, value);
        };
        // The read-back after a write sees something else than was written.
        IDBObjectStore.prototype.get = function (key) {
            const other = wrote;
            wrote = false;
            return realGet.call(this, other ? "__iets anders__" : key);
        };""")
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Gecontroleerd")
    alert = page.locator('[data-rg="alert"]')
    alert.wait_for(state="visible")
    assert "niet goed zijn bewaard" in alert.inner_text()
    assert page.input_value(NAME) == "Gecontroleerd"


# --------------------------------------------------------------------------- several tabs


def tab_banner(page):
    return page.locator('[data-rg="tab-banner"]')


@pytest.mark.parametrize("first_editor", ["first", "second"])
def test_two_pages_on_one_worksheet_never_overwrite_each_other(context, safety_url,
                                                                first_editor) -> None:
    one = context.new_page()
    one.goto(safety_url + ALL)
    wait_for_form(one)
    two = context.new_page()
    two.goto(safety_url + ALL)
    wait_for_form(two)
    tab_banner(two).wait_for(state="visible")
    assert "ook open in een ander tabblad" in tab_banner(two).inner_text()
    assert two.evaluate(f"document.querySelector('{NAME}').readOnly")
    assert tab_banner(one).is_hidden()
    # Read-only: blocks still fold (that changes nothing), but cannot be moved.
    assert two.evaluate("""() => {
        const folds = [...document.querySelectorAll('[data-rg-action="fold"]')];
        const move = document.querySelector('[data-rg-action="move-up"]');
        return folds.length > 0 && folds.every((b) => !b.disabled) && move.disabled;
    }""")
    first, second = (one, two) if first_editor == "first" else (two, one)
    if first is two:  # the second page takes over before anyone types
        two.get_by_role("button", name="Hier verder werken").click()
        tab_banner(one).wait_for(state="visible")
        two.wait_for_function(f"() => !document.querySelector('{NAME}').readOnly")
    # A block folded on the read-only page stays folded, with the focus on its button,
    # while that page follows along.
    fold = second.locator('[data-field="blokken"] [data-rg-action="fold"]').first
    fold.click()
    expect(fold).to_have_text(re.compile("^Uitklappen"))
    first.fill(NAME, "Van de eerste")
    wait_saved(first)
    second.wait_for_function(f"() => document.querySelector('{NAME}').value === 'Van de eerste'")
    expect(fold).to_have_text(re.compile("^Uitklappen"))
    expect(fold).to_be_focused()
    second.get_by_role("button", name="Hier verder werken").click()
    second.wait_for_function(f"() => !document.querySelector('{NAME}').readOnly")
    tab_banner(first).wait_for(state="visible")
    assert first.evaluate(f"document.querySelector('{NAME}').readOnly")
    second.fill(NAME, "Van de eerste, en de tweede")
    wait_saved(second)
    first.wait_for_function(
        f"() => document.querySelector('{NAME}').value === 'Van de eerste, en de tweede'")
    assert records(first)["alle-velden"]["answers"]["naam"] == "Van de eerste, en de tweede"
    # Closing the writing page lets the other one write again, by itself.
    second.close()
    first.wait_for_function(f"() => !document.querySelector('{NAME}').readOnly")
    assert tab_banner(first).is_hidden()
    first.fill(NAME, "Weer de eerste")
    wait_saved(first)
    assert records(first)["alle-velden"]["answers"]["naam"] == "Weer de eerste"


@pytest.mark.parametrize("stale", ["first", "second"])
def test_without_web_locks_a_stale_page_gets_a_conflict_not_an_overwrite(context, safety_url,
                                                                          stale) -> None:
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'locks', "
                            "{ get: () => undefined });")
    one = context.new_page()
    one.goto(safety_url + ALL)
    wait_for_form(one)
    two = context.new_page()
    two.goto(safety_url + ALL)
    wait_for_form(two)
    assert tab_banner(two).is_hidden()  # no locks: both may write, revisions guard them
    fresh, old = (two, one) if stale == "first" else (one, two)
    fresh.fill(NAME, "Eerst bewaard")
    wait_saved(fresh)
    old.fill(NAME, "Oud tabblad")
    alert = old.locator('[data-rg="alert"]')
    alert.get_by_text("intussen ergens anders veranderd").wait_for()
    assert records(old)["alle-velden"]["answers"]["naam"] == "Eerst bewaard"
    assert old.input_value(NAME) == "Oud tabblad"
    alert.get_by_role("button", name="Mijn versie van hier bewaren").click()
    wait_saved(old)
    assert records(old)["alle-velden"]["answers"]["naam"] == "Oud tabblad"
    fresh.fill(NAME, "Weer vers")
    fresh.locator('[data-rg="alert"]').get_by_text("intussen ergens anders veranderd").wait_for()
    fresh.locator('[data-rg="alert"]').get_by_role("button",
                                                   name="De bewaarde versie laden").click()
    fresh.wait_for_function(f"() => document.querySelector('{NAME}').value === 'Oud tabblad'")
    assert records(fresh)["alle-velden"]["answers"]["naam"] == "Oud tabblad"


# --------------------------------------------------------------------------- upgrades


@pytest.mark.parametrize("version", [1, 2, 3])
def test_answers_stored_by_every_schema_version_load(page, safety_url, version) -> None:
    document = json.loads((FIXTURES / "migration" / f"v{version}.json").read_text("utf-8"))
    page.goto(safety_url)
    put_record(page, document)
    page.goto(safety_url + MIGRATIE)
    wait_for_form(page)
    page.wait_for_function(
        "() => document.querySelector('#ws-migratie-voornaam').value === 'Zoë'", timeout=60000)
    assert page.input_value("#ws-migratie-hobbys-1") == "lezen in de bibliotheek"
    if version < 3:
        wait_saved(page)  # migrated answers are stored at once, at the new version
    stored = records(page)["migratie"]
    assert stored["schema_version"] == 3
    assert stored["answers"] == (CURRENT if version < 3 else document["answers"])


def test_a_migration_that_answers_after_a_wipe_elsewhere_brings_nothing_back(
        page, context, safety_url) -> None:
    document = json.loads((FIXTURES / "migration" / "v1.json").read_text("utf-8"))
    page.goto(safety_url)
    put_record(page, document)
    held = []  # Python waits until the test lets it go
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(safety_url + MIGRATIE)
    wait_for_form(page)
    status = page.locator('[data-rg="save-status"]')
    expect(status).to_have_text("Je antwoorden worden klaargezet…")
    other = context.new_page()
    open_dossier(other, safety_url)
    wipe_everything(other)
    other.close()
    expect(page.locator('[data-rg="alert"]')).to_have_text(
        "Alles is gewist op de pagina Mijn gegevens.")
    assert len(held) == 1
    held[0].continue_()
    wait_for_python(page)
    page.wait_for_timeout(300)  # the migration's outcome has arrived by now; it is dropped
    assert page.input_value("#ws-migratie-voornaam") == ""
    expect(status).to_have_text("Nog niets opgeslagen")
    assert "migratie" not in records(page)


def test_answers_from_a_newer_version_are_refused_and_kept(page, safety_url) -> None:
    document = json.loads((FIXTURES / "migration" / "v3.json").read_text("utf-8"))
    document["schema_version"] = 4
    page.goto(safety_url)
    put_record(page, document)
    page.goto(safety_url + MIGRATIE)
    wait_for_form(page)
    alert = page.locator('[data-rg="alert"]')
    alert.get_by_text("nieuwere versie").wait_for()
    assert "Ze zijn niet gewist" in alert.inner_text()
    assert page.input_value("#ws-migratie-voornaam") == ""  # never half-read
    assert page.evaluate("document.querySelector('#ws-migratie-voornaam').readOnly")
    page.wait_for_timeout(300)
    assert records(page)["migratie"] == document


def test_a_database_of_the_first_version_is_upgraded(page, safety_url) -> None:
    page.goto(safety_url)
    put_record(page, {"format": "rg-werkblad", "worksheet": "alle-velden", "schema_version": 1,
                      "saved_at": "2025-05-05T10:00:00.000Z",
                      "answers": {"naam": "Uit versie 1"}}, version=1)
    page.goto(safety_url + ALL)
    wait_for_form(page)
    assert page.input_value(NAME) == "Uit versie 1"
    page.fill(NAME, "Uit versie 1, verder")
    wait_saved(page)
    assert records(page)["alle-velden"]["answers"]["naam"] == "Uit versie 1, verder"
    assert page.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open("handboek-resourcegroepen");
        open.onsuccess = () => { resolve([open.result.version, [...open.result.objectStoreNames]]);
                                 open.result.close(); };
    })""") == [2, ["meta", "worksheets"]]


def test_a_database_upgrade_while_a_tab_is_open_hangs_neither(context, safety_url) -> None:
    old = context.new_page()
    old.goto(safety_url + ALL)
    wait_for_form(old)
    old.fill(NAME, "Voor de update")
    wait_saved(old)
    new = context.new_page()
    new.goto(safety_url)
    upgraded = new.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open("handboek-resourcegroepen", 3);
        const timer = setTimeout(() => resolve("hangt"), 5000);
        open.onupgradeneeded = () => open.result.createObjectStore("nieuw");
        open.onsuccess = () => { clearTimeout(timer); open.result.close(); resolve("klaar"); };
        open.onerror = () => { clearTimeout(timer); resolve("fout"); };
    })""")
    assert upgraded == "klaar"
    old.fill(NAME, "Na de update")
    alert = old.locator('[data-rg="alert"]')
    alert.get_by_text("De site is intussen bijgewerkt").wait_for(timeout=10000)
    assert old.input_value(NAME) == "Na de update"
    assert old.evaluate("localStorage.getItem('rg:klad:alle-velden')").count("Na de update") == 1


REAL = sorted(load_registry().items())


def test_fixtures_of_every_real_worksheet_load_in_the_browser(page, safety_url) -> None:
    page.goto(safety_url)
    form_js = safety_url + "assets/rg/js/form.js"
    for sheet_id, sheet in REAL:
        for version in range(1, sheet.schema_version + 1):
            path = Path(__file__).parent / "fixtures" / "documents" / f"{sheet_id}-v{version}.json"
            document = json.loads(path.read_text(encoding="utf-8"))
            expected = parse_document(sheet, path.read_bytes())
            page.goto(safety_url)
            delete_database(page)
            put_record(page, document)
            page.goto(safety_url + f"werkbladen/{sheet_id}/")
            wait_for_form(page)
            if version < sheet.schema_version:
                wait_for_python(page)
                wait_saved(page)
            shown = page.evaluate("""async (url) => {
                const form = await import(url);
                return form.readForm(document.querySelector("[data-worksheet] form.rg-form"));
            }""", form_js)
            assert shown == expected, f"{path.name}: the page shows other answers"


# --------------------------------------------------------------------------- backups


def test_backup_wipe_restore_gives_identical_data(page, safety_url, tmp_path, watch) -> None:
    fill_worksheet_with_extras(page, safety_url)
    open_dossier(page, safety_url)
    item = page.locator('[data-worksheet-id="alle-velden"]')
    assert "Nog nooit" in item.inner_text()
    assert "een oefenversie" in item.inner_text() and "1 bewaarde versie" in item.inner_text()
    before = decoded(page, safety_url)
    assert set(before) == {"alle-velden", "alle-velden#oefen", "alle-velden#versies"}
    path = download_backup(page, tmp_path)
    backup = json.loads(path.read_text(encoding="utf-8"))
    assert backup["format"] == "rg-reservekopie" and backup["format_version"] == 1
    assert backup["worksheets"][0]["schema_version"] == 1
    page.locator('[data-rg="last-backup"]').get_by_text("Je laatste reservekopie").wait_for()
    assert "Nog nooit" not in item.inner_text()
    wipe_everything(page)
    assert records(page) == {}
    assert "nog geen antwoorden" in page.locator('[data-dossier="list"]').inner_text()
    restore_replace(page, path)
    after = decoded(page, safety_url)
    assert without_revisions(after) == without_revisions(before)
    page.goto(safety_url + ALL)
    wait_for_form(page)
    assert page.input_value(NAME) == "Zoë Jansen"
    watch.assert_clean(page)


def test_encrypted_backup_wipe_restore_gives_identical_data(page, safety_url, tmp_path) -> None:
    fill_worksheet_with_extras(page, safety_url)
    open_dossier(page, safety_url)
    set_passphrase(page)
    stored = records(page)
    assert all("encrypted" in record and "answers" not in record for record in stored.values())
    assert "Zoë" not in json.dumps(stored)
    before = decoded(page, safety_url)
    path = download_backup(page, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "Zoë" not in text and '"encrypted"' in text
    header = json.loads(text)["encrypted"]
    assert header["kdf"]["iterations"] >= 600000 and header["cipher"] == "AES-GCM"
    wipe_everything(page)
    assert records(page) == {}
    assert page.locator('[data-dossier="passphrase"]').get_by_text("niet beschermd").count() == 1
    restore_replace(page, path, passphrase=PASSPHRASE)
    assert without_revisions(decoded(page, safety_url)) == without_revisions(before)


def test_wrong_passphrase_and_tampered_files_change_nothing(page, safety_url, tmp_path) -> None:
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Blijft zoals het is")
    wait_saved(page)
    open_dossier(page, safety_url)
    set_passphrase(page)
    path = download_backup(page, tmp_path)
    before = records(page)
    choose_backup_file(page, path)
    form = page.locator('[data-rg="restore-area"] form')
    form.get_by_label("Wachtwoordzin", exact=True).fill("verkeerde wachtwoordzin")
    form.get_by_role("button", name="Bestand openen").click()
    form.get_by_text("Dit lukt niet met deze wachtwoordzin").wait_for(timeout=30000)
    assert page.locator('[data-rg="restore-preview"]').count() == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    tampered = []
    flipped = dict(data, encrypted=dict(data["encrypted"]))
    body = flipped["encrypted"]["data"]
    flipped["encrypted"]["data"] = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    tampered.append(flipped)
    lowered = dict(data, encrypted=dict(data["encrypted"], purpose="iets anders"))
    tampered.append(lowered)
    for number, changed in enumerate(tampered):
        bad = tmp_path / f"tampered-{number}.json"
        bad.write_text(json.dumps(changed), encoding="utf-8")
        choose_backup_file(page, bad)
        form = page.locator('[data-rg="restore-area"] form')
        form.get_by_label("Wachtwoordzin", exact=True).fill(PASSPHRASE)
        form.get_by_role("button", name="Bestand openen").click()
        form.get_by_text("Dit lukt niet met deze wachtwoordzin").wait_for(timeout=30000)
    weak = dict(data, encrypted=dict(data["encrypted"], kdf=dict(data["encrypted"]["kdf"],
                                                                 iterations=1000)))
    bad = tmp_path / "weak.json"
    bad.write_text(json.dumps(weak), encoding="utf-8")
    choose_backup_file(page, bad)
    page.locator('[data-rg="alert"]').get_by_text("Dit bestand is niet teruggezet").wait_for()
    plain = {"format": "rg-reservekopie", "format_version": 1, "created_at": "",
             "worksheets": [{"worksheet": "alle-velden", "schema_version": 1,
                             "answers": {"format": "rg-werkblad", "worksheet": "alle-velden",
                                         "schema_version": 1, "saved_at": "",
                                         "answers": {"cijfer": "tien"}}}]}
    for content, message in ((plain, "moet een getal zijn"),
                             (dict(plain, format_version=2), "nieuwere versie van de site"),
                             ("geen json", "komt niet van deze site, of het is beschadigd")):
        bad.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
        choose_backup_file(page, bad)
        alert = page.locator('[data-rg="alert"]')
        alert.get_by_text(message).wait_for(timeout=60000)
        assert "Er is niets veranderd" in alert.inner_text()
    assert records(page) == before


def test_encryption_format_and_fresh_ivs(page, safety_url) -> None:
    page.goto(safety_url)
    outcome = page.evaluate("""async (url) => {
        const c = await import(url);
        const key = await c.deriveKey("een goede zin", c.newKdf());
        const ivs = new Set();
        let last;
        for (let i = 0; i < 1000; i += 1) {
            last = await c.encryptText(key, `tekst ${i}`, "doelen");
            ivs.add(last.iv);
        }
        const back = await c.decryptText(key, last, "doelen");
        const fails = async (envelope, purpose = "doelen", useKey = key) => {
            try { await c.decryptText(useKey, envelope, purpose); return false; }
            catch (error) { return error instanceof c.CryptoError; }
        };
        const wrongKey = await c.deriveKey("een andere zin", key.kdf);
        const flip = (text) => text.slice(0, 5) + (text[5] === "A" ? "B" : "A") + text.slice(6);
        return {
            distinct: ivs.size, back, header: { ...last, iv: undefined, data: undefined },
            wrongPassphrase: await fails(last, "doelen", wrongKey),
            otherPurpose: await fails(last, "resources"),
            changedData: await fails({ ...last, data: flip(last.data) }),
            changedIv: await fails({ ...last, iv: flip(last.iv) }),
            changedVersion: await fails({ ...last, v: 2 }),
            changedIterations: await fails({ ...last, kdf: { ...last.kdf, iterations: 700000 } }),
            weakKdf: await fails({ ...last, kdf: { ...last.kdf, iterations: 1000 } }),
        };
    }""", safety_url + "assets/rg/js/crypto.js")
    assert outcome.pop("distinct") == 1000
    assert outcome.pop("back") == "tekst 999"
    header = outcome.pop("header")
    assert header["enc"] == "rg-versleuteld" and header["v"] == 1 and header["cipher"] == "AES-GCM"
    assert header["kdf"]["name"] == "PBKDF2" and header["kdf"]["hash"] == "SHA-256"
    assert header["kdf"]["iterations"] >= 600000 and header["purpose"] == "doelen"
    assert all(outcome.values()), outcome


def test_passphrase_locks_the_worksheet_and_no_plaintext_is_kept(context, safety_url) -> None:
    page = context.new_page()
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Geheim")
    wait_saved(page)
    open_dossier(page, safety_url)
    set_passphrase(page)
    page.goto(safety_url + ALL)
    wait_for_form(page)
    unlock = page.locator('[data-rg="unlock"]')
    unlock.wait_for(state="visible")
    assert page.input_value(NAME) == ""
    assert page.evaluate("document.querySelector('[data-worksheet] form.rg-form').inert")
    field = unlock.get_by_label("Wachtwoordzin", exact=True)
    assert field.get_attribute("autocomplete") == "current-password"
    field.fill("niet deze")
    unlock.get_by_role("button", name="Openen").click()
    unlock.get_by_text("klopt niet").wait_for(timeout=30000)
    field.fill(PASSPHRASE)
    unlock.get_by_role("button", name="Openen").click()
    page.wait_for_function(f"() => document.querySelector('{NAME}').value === 'Geheim'",
                           timeout=30000)
    assert unlock.is_hidden()
    page.fill(NAME, "Geheim en nog geheimer")
    wait_saved(page)
    stored = json.dumps(records(page))
    assert "Geheim" not in stored
    local = page.evaluate("JSON.stringify(localStorage)")
    assert "Geheim" not in local and "rg:klad:" not in local
    page.close()
    again = context.new_page()
    again.goto(safety_url + ALL)
    wait_for_form(again)
    again.locator('[data-rg="unlock"]').wait_for(state="visible")
    assert again.input_value(NAME) == ""


def test_a_half_typed_passphrase_stays_while_another_tab_saves_and_can_be_changed(
        context, safety_url) -> None:
    worksheet = context.new_page()
    worksheet.goto(safety_url + ALL)
    wait_for_form(worksheet)
    worksheet.fill(NAME, "Eerst")
    wait_saved(worksheet)
    page = context.new_page()
    open_dossier(page, safety_url)
    page.get_by_role("button", name="Wachtwoordzin instellen").click()
    form = page.locator('[data-dossier="passphrase"] form')
    form.get_by_label("Nieuwe wachtwoordzin").fill("half getypt")
    page.evaluate("() => { document.querySelector('[data-dossier=\"list\"] > *').rgBefore = 1; }")
    worksheet.fill(NAME, "Daarna")  # saved in the other tab, which tells this one
    wait_saved(worksheet)
    page.wait_for_function(  # the list of what is stored was drawn anew
        "() => !document.querySelector('[data-dossier=\"list\"] > *').rgBefore")
    assert form.get_by_label("Nieuwe wachtwoordzin").input_value() == "half getypt"
    set_passphrase_in(page, PASSPHRASE)

    new = "blauwe walvis in de trein"
    page.get_by_role("button", name="Wachtwoordzin veranderen").click()
    set_passphrase_in(page, new, "Je wachtwoordzin is veranderd.")
    expect(form).to_have_count(0)  # the form closed: nothing typed stays on the page
    worksheet.reload()
    wait_for_form(worksheet)
    unlock = worksheet.locator('[data-rg="unlock"]')
    unlock.get_by_label("Wachtwoordzin", exact=True).fill(PASSPHRASE)
    unlock.get_by_role("button", name="Openen").click()
    unlock.get_by_text("klopt niet").wait_for(timeout=30000)
    unlock.get_by_label("Wachtwoordzin", exact=True).fill(new)
    unlock.get_by_role("button", name="Openen").click()
    worksheet.wait_for_function(f"() => document.querySelector('{NAME}').value === 'Daarna'",
                                timeout=30000)


# --------------------------------------------------------------------------- reminders and eviction


def test_backup_reminder_is_calm_and_goes_away_after_a_backup(page, safety_url) -> None:
    page.goto(safety_url + ALL)
    wait_for_form(page)
    banner = page.locator('[data-rg="backup-banner"]')
    assert banner.is_hidden()  # nothing stored yet: nothing to remind
    page.fill(NAME, "Iets om te bewaren")
    wait_saved(page)
    page.reload()
    wait_for_form(page)
    banner.wait_for(state="visible")
    assert banner.get_attribute("role") is None  # a region, not an alert
    with page.expect_download() as download:
        banner.get_by_role("button", name="Reservekopie maken").click()
    assert download.value.suggested_filename.startswith("reservekopie-handboek-resourcegroepen-")
    banner.wait_for(state="hidden")
    page.reload()
    wait_for_form(page)
    page.wait_for_timeout(300)
    assert banner.is_hidden()


def test_reminder_explains_safari_and_private_windows(browser, safety_url) -> None:
    safari = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")
    cases = ((safari, "", "Safari wist de gegevens"),
             (None, "navigator.storage.estimate = async () => ({ usage: 0, quota: 100e6 });",
              "privévenster"))
    for user_agent, script, expected in cases:
        context = browser.new_context(user_agent=user_agent, locale="nl-NL",
                                      service_workers="block")
        if script:
            context.add_init_script(script)
        page = context.new_page()
        page.goto(safety_url + ALL)
        wait_for_form(page)
        page.fill(NAME, "Iets")
        wait_saved(page)
        page.reload()
        wait_for_form(page)
        banner = page.locator('[data-rg="backup-banner"]')
        banner.wait_for(state="visible")
        assert expected in banner.inner_text()
        banner.get_by_role("button", name="Later").click()
        banner.wait_for(state="hidden")
        page.reload()
        wait_for_form(page)
        page.wait_for_timeout(300)
        assert banner.is_hidden()
        context.close()


def test_vanished_answers_are_noticed_and_point_to_the_backup(page, safety_url, tmp_path) -> None:
    page.goto(safety_url + ALL)
    wait_for_form(page)
    page.fill(NAME, "Weg?")
    wait_saved(page)
    open_dossier(page, safety_url)
    path = download_backup(page, tmp_path)
    delete_database(page)  # the browser cleared its storage; the marker in localStorage stays
    page.goto(safety_url + ALL)
    wait_for_form(page)
    alert = page.locator('[data-rg="alert"]')
    alert.get_by_text("niet meer in deze browser").wait_for()
    assert "reservekopie-handboek-resourcegroepen-" in alert.inner_text()
    open_dossier(page, safety_url)
    vanished = page.locator('[data-rg="vanished"]')
    vanished.wait_for()
    assert "Er ontbreken antwoorden" in vanished.inner_text()
    restore_replace(page, path)
    assert page.locator('[data-rg="vanished"]').count() == 0
    page.goto(safety_url + ALL)
    wait_for_form(page)
    assert page.input_value(NAME) == "Weg?"
    assert page.locator('[data-rg="alert"]').is_hidden()


def test_dossier_shows_persistence_and_restores_a_single_answer_file(page, safety_url,
                                                                      tmp_path, watch) -> None:
    open_dossier(page, safety_url)
    state = page.locator('[data-rg="persist-state"]')
    assert state.get_attribute("data-state") in ("granted", "not", "unsupported")
    ask = page.get_by_role("button", name="Vraag de browser om je gegevens te bewaren")
    if ask.count():
        ask.click()
        page.locator('[data-rg="persist-answer"]').wait_for()
    single = tmp_path / "migratie.json"
    shutil.copy(FIXTURES / "migration" / "v1.json", single)
    choose_backup_file(page, single)
    preview = page.locator('[data-rg="restore-preview"]')
    preview.wait_for(timeout=60000)
    assert "Migratie" in preview.inner_text() and "antwoordbestand" in preview.inner_text()
    preview.get_by_role("button", name="Terugzetten").click()
    page.locator('[data-rg="notice"]').get_by_text("De reservekopie is teruggezet").wait_for()
    assert records(page)["migratie"]["answers"] == CURRENT
    assert records(page)["migratie"]["schema_version"] == 3
    watch.assert_clean(page)
