"""The worksheet "Resources in kaart" in Chromium: people, the live map, goals from the
goals worksheet, versions, the PDF export with and without notes, keyboard-only use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.a11y import run_axe
from tests.conftest import FAST_PYTHON, wait_for_form, wait_for_python, wait_saved

pytestmark = pytest.mark.browser

PAGE = "werkbladen/resources/"
GOALS_PAGE = "werkbladen/doelen/"
MAP = '[data-rg-view="kaart"] svg'
NOTE = "Oude ruzie over geld"


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


def field(index: int, name: str) -> str:
    return f"#ws-resources-personen-{index}-{name}"


def fill_person(page, index: int, name: str, sector: int, ring: int) -> None:
    page.fill(field(index, "naam"), name)
    page.check(f"{field(index, 'sector')}-{sector}")
    page.check(f"{field(index, 'nabijheid')}-{ring}")


def map_names(page) -> list[str]:
    return page.locator(f"{MAP} g[data-persoon] text").all_inner_texts()


def wait_for_map(page, *names: str, count: int | None = None) -> None:
    page.wait_for_function(
        """([selector, names, count]) => {
            const svg = document.querySelector(selector);
            if (!svg) return false;
            const groups = svg.querySelectorAll("g[data-persoon]");
            const text = [...groups].map((g) => g.textContent).join(" ");
            const counted = count === null || groups.length === count;
            return names.every((n) => text.includes(n)) && counted;
        }""", arg=[MAP, list(names), count], timeout=30000)


def save_goals(page, site_url: str, goals: list[str]) -> None:
    page.goto(site_url + GOALS_PAGE)
    wait_for_form(page)
    for index, goal in enumerate(goals):
        if index:
            page.get_by_role("button", name="+ Nog een doel toevoegen").click()
        page.fill(f"#ws-doelen-doelen-{index}-doel", goal)
    wait_saved(page)


def test_on_a_phone_the_map_opens_in_its_middle_and_stays_where_it_was_scrolled(
        browser, site_url) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 700}, is_mobile=True,
                                  has_touch=True, service_workers="block")
    context.add_init_script(FAST_PYTHON)
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 0)
    wait_for_map(page, "Anna", count=1)
    box = page.locator('[data-rg-view="kaart"] .rg-kaart')
    scrolled, middle = box.evaluate("(b) => [b.scrollLeft, (b.scrollWidth - b.clientWidth) / 2]")
    assert middle > 100 and abs(scrolled - middle) <= 1, (scrolled, middle)
    box.evaluate("(b) => { b.scrollLeft = 40; }")
    page.fill(field(0, "naam"), "Anna de Vries")  # the map is drawn again
    wait_for_map(page, "Anna de Vries", count=1)
    assert box.evaluate("(b) => b.scrollLeft") == 40
    context.close()


def test_add_edit_remove_people_and_the_map_follows(page, site_url, watch) -> None:
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 0)
    wait_for_map(page, "Anna", count=1)
    page.get_by_role("button", name="+ Nog iemand toevoegen").click()
    assert page.evaluate("document.activeElement.id") == field(1, "naam")[1:]
    fill_person(page, 1, "Mo", 1, 1)
    page.check(f"{field(1, 'soort')}-1")
    wait_for_map(page, "Anna", "Mo", count=2)
    mo = page.locator(f'{MAP} g[data-persoon="2"]')
    expect(mo).to_have_attribute("data-vorm", "vierkant")  # drawn after the last check
    before = mo.locator("rect").get_attribute("x")

    page.fill(field(0, "naam"), "Anna de Vries")  # an edit redraws the map
    wait_for_map(page, "Anna de Vries", count=2)
    page.check(f"{field(1, 'nabijheid')}-2")
    page.wait_for_function(
        "([sel, x]) => document.querySelector(sel).getAttribute('x') !== x",
        arg=[f'{MAP} g[data-persoon="2"] rect', before], timeout=15000)
    table = page.locator('[data-rg-view="tabel"] table')
    assert table.locator("tbody tr").count() == 2
    assert "Verder weg" in table.locator('tbody tr[data-persoon="2"]').inner_text()

    page.get_by_role("button", name="Persoon 2 verwijderen").click()
    page.locator("dialog.rg-dialog").get_by_role("button", name="Verwijderen").click()
    wait_for_map(page, "Anna de Vries", count=1)
    wait_saved(page)
    assert [p["naam"] for p in stored_answers(page, "resources")["personen"]] == ["Anna de Vries"]

    page.reload()
    wait_for_form(page)
    assert page.input_value(field(0, "naam")) == "Anna de Vries"
    assert page.is_checked(f"{field(0, 'sector')}-0")
    wait_for_python(page)
    wait_for_map(page, "Anna de Vries", count=1)
    watch.assert_clean(page)


def test_hostile_name_stays_text(page, site_url, watch) -> None:
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, '<img src=x onerror="alert(1)">', 2, 1)
    wait_for_map(page, "<img", count=1)
    assert page.locator('[data-rg="views"] img').count() == 0
    watch.assert_clean(page)


def test_goals_from_the_goals_worksheet_are_choices(page, site_url, watch) -> None:
    goals = ["Ik wil weer elke week zwemmen", "Ik wil mijn post op orde hebben"]
    save_goals(page, site_url, goals)
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 0)
    first = page.locator(f"{field(0, 'helpt_bij')}-0")
    first.wait_for(timeout=15000)
    labels = page.locator('label[for^="ws-resources-personen-0-helpt_bij-"]').all_inner_texts()
    assert labels == goals
    first.check()
    view = page.locator('[data-rg-view="doelen"]')
    view.get_by_text("Doelen waarbij nog niemand staat").wait_for(timeout=15000)
    page.wait_for_function(
        "(sel) => document.querySelector(sel)?.textContent.includes('Anna')",
        arg='[data-rg-view="doelen"] .rg-goal-links', timeout=15000)
    text = view.inner_text()
    assert goals[0] in text and goals[1] in text.split("Doelen waarbij nog niemand staat")[1]
    wait_saved(page)
    assert stored_answers(page, "resources")["personen"][0]["helpt_bij"] == [goals[0]]
    watch.assert_clean(page)


def download_pdf(page, tmp_path: Path, name: str) -> str:
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Netwerkkaart (PDF)", exact=True).click()
    assert re.fullmatch(r"netwerkkaart-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    target = tmp_path / name
    download.value.save_as(target)
    reader = PdfReader(target)
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_map_pdf_holds_names_and_goals_and_no_notes_when_chosen(page, site_url, tmp_path,
                                                                 watch) -> None:
    save_goals(page, site_url, ["Ik wil weer elke week zwemmen"])
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 0)
    page.locator(f"{field(0, 'helpt_bij')}-0").check()
    page.fill(field(0, "spanning"), NOTE)
    page.get_by_role("button", name="+ Nog iemand toevoegen").click()
    fill_person(page, 1, "Casemanager Eva", 5, 1)
    wait_saved(page)
    text = download_pdf(page, tmp_path, "met.pdf")
    for expected in ("Mijn netwerkkaart", "Anna", "Casemanager Eva",
                     "Ik wil weer elke week zwemmen: Anna", NOTE):
        assert expected in text, expected
    page.get_by_label("Zonder persoonlijke notities").check()
    text = download_pdf(page, tmp_path, "zonder.pdf")
    assert "Anna" in text and "Ik wil weer elke week zwemmen" in text
    assert NOTE not in text and "ruzie" not in text
    watch.assert_clean(page)


def test_versions_show_who_joined_and_moved_closer(page, site_url) -> None:
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 2)
    wait_saved(page)
    page.get_by_role("button", name="Bewaar deze versie").click()
    page.get_by_text("Deze versie is bewaard in deze browser.").wait_for()
    page.check(f"{field(0, 'nabijheid')}-0")
    page.get_by_role("button", name="+ Nog iemand toevoegen").click()
    fill_person(page, 1, "Mo", 1, 1)
    page.get_by_role("button", name="Vergelijk").click()
    result = page.locator('[data-rg="version-result"]')
    result.get_by_text("Nieuw op de kaart").wait_for(timeout=15000)
    text = result.inner_text()
    assert "Mo" in text and "Anna: van verder weg naar heel dichtbij" in text


def test_table_sorts_by_closeness(page, site_url) -> None:
    page.goto(site_url + PAGE)
    wait_for_python(page)
    for index, (name, ring) in enumerate((("Verre", 2), ("Dichte", 0), ("Midden", 1))):
        if index:
            page.get_by_role("button", name="+ Nog iemand toevoegen").click()
        fill_person(page, index, name, 0, ring)
    wait_for_map(page, "Verre", "Dichte", "Midden", count=3)
    table = page.locator('[data-rg-view="tabel"] table')
    table.get_by_role("button", name="Hoe dichtbij").click()
    names = table.locator("tbody th").all_inner_texts()
    assert [n.split("\n")[0] for n in names] == ["Dichte", "Midden", "Verre"]
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page, site_url) -> None:
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.locator("h1").click()  # start from the top, like a keyboard user
    tab_to(page, field(0, "naam"))
    page.keyboard.type("Anna")
    page.keyboard.press("Tab")
    page.keyboard.type("zus")
    tab_to(page, f"{field(0, 'sector')}-0")
    page.keyboard.press("Space")
    tab_to(page, f"{field(0, 'nabijheid')}-0")
    page.keyboard.press("ArrowRight")  # radios: arrows move and choose
    tab_to(page, f"{field(0, 'voorgedragen')}-0")
    page.keyboard.press("Space")
    tab_to(page, 'button[data-rg-action="add-item"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == field(1, "naam")[1:]
    page.keyboard.type("Mo")
    tab_to(page, f"{field(1, 'sector')}-0")
    page.keyboard.press("ArrowDown")
    tab_to(page, f"{field(1, 'nabijheid')}-0")
    page.keyboard.press("Space")
    wait_for_map(page, "Anna", "Mo", count=2)
    wait_saved(page)
    people = stored_answers(page, "resources")["personen"]
    assert [(p["naam"], p["sector"], p["nabijheid"], p["voorgedragen"]) for p in people] == [
        ("Anna", "familie", "dichtbij", True), ("Mo", "vrienden", "heel_dichtbij", None)]
    assert people[0]["relatie"] == "zus"
    sort = page.locator('[data-rg-view="tabel"] button[data-sort-key="sector"]')
    sort.focus()
    page.keyboard.press("Enter")
    assert sort.locator("xpath=..").get_attribute("aria-sort") == "ascending"


def fold_name(verb: str, number: int) -> re.Pattern[str]:
    """The fold button's name: its visible word, then which block (read, not shown)."""
    return re.compile(rf"^{verb}\W+Persoon {number}$")


def test_blocks_fold_to_one_line_on_a_phone_and_stay_folded_when_moved(page, site_url) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + PAGE)
    wait_for_python(page)
    fill_person(page, 0, "Anna", 0, 0)
    page.fill(field(0, "relatie"), "zus")
    fold_all = page.locator('[data-rg-action="fold-all"]')
    expect(fold_all).to_be_hidden()  # one block: nothing to fold all at once
    page.get_by_role("button", name="+ Nog iemand toevoegen").click()
    page.fill(field(1, "naam"), "Mo")  # no sector yet: a tip waits inside
    page.get_by_text("Kies een sector, dan komt Mo op de kaart.").wait_for()
    wait_saved(page)
    blocks = page.locator('[data-field="personen"] .rg-group-item')
    open_height = blocks.nth(1).bounding_box()["height"]
    # By keyboard: the focus stays on the button, which now says what it will do.
    page.focus(field(1, "naam"))
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name=fold_name("Inklappen", 2))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=fold_name("Uitklappen", 2))).to_be_focused()
    mo = blocks.nth(1)
    expect(mo.locator('[data-rg="fold-summary"]')).to_have_text("Mo (met een tip)")
    expect(mo.locator(".rg-item-body")).to_be_hidden()
    # Folded away, not gone: the browser's find-in-page still finds it.
    expect(mo.locator(".rg-item-body")).to_have_attribute("hidden", "until-found")
    assert mo.bounding_box()["height"] < open_height / 4
    fold_all_label = fold_all.locator('[data-rg="fold-label"]')
    expect(fold_all).to_have_accessible_name(
        re.compile(r"^Alles inklappen\W+Mensen en plekken om je heen$"))
    fold_all.click()
    expect(blocks.nth(0).locator('[data-rg="fold-summary"]')).to_have_text("Anna · zus")
    expect(fold_all_label).to_have_text("Alles uitklappen")
    expect(fold_all).to_be_focused()
    assert run_axe(page) == []  # every block folded: still WCAG 2.2 AA
    # Moving a folded block keeps it folded; the answers move with it and are saved.
    page.get_by_role("button", name="Persoon 2 omhoog").click()
    expect(blocks.nth(0).locator('[data-rg="fold-summary"]')).to_have_text("Mo (met een tip)")
    expect(blocks.nth(1).locator('[data-rg="fold-summary"]')).to_have_text("Anna · zus")
    wait_saved(page)
    assert [p["naam"] for p in stored_answers(page, "resources")["personen"]] == ["Mo", "Anna"]
    # Printed, a folded block shows everything.
    page.emulate_media(media="print")
    expect(page.locator(field(1, "relatie"))).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(field(1, "relatie"))).to_be_hidden()
    # Find-in-page found something in a folded block ("beforematch"): the block unfolds.
    page.dispatch_event(field(1, "relatie"), "beforematch")
    expect(page.locator(field(1, "relatie"))).to_be_visible()
    expect(blocks.nth(1).locator('[data-rg="fold-summary"]')).to_be_hidden()
    page.get_by_role("button", name=fold_name("Inklappen", 2)).click()
    # Removing the first block: the focus goes to the next one's fold button, as its
    # fields are folded away.
    page.get_by_role("button", name="Persoon 1 verwijderen").click()
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    expect(page.get_by_role("button", name=fold_name("Uitklappen", 1))).to_be_focused()
    expect(fold_all).to_be_hidden()
    page.get_by_role("button", name=fold_name("Uitklappen", 1)).click()
    expect(page.locator(field(0, "relatie"))).to_have_value("zus")
    expect(page.locator(field(0, "relatie"))).to_be_visible()
    # Without a second written answer the line shows the first choice, as it reads.
    page.fill(field(0, "relatie"), "")
    page.get_by_role("button", name=fold_name("Inklappen", 1)).click()
    expect(blocks.nth(0).locator('[data-rg="fold-summary"]')).to_have_text("Anna · Familie")
    # A long line is cut after a whole word.
    page.get_by_role("button", name=fold_name("Uitklappen", 1)).click()
    page.fill(field(0, "relatie"), "mijn zus, die elke zondag komt eten en me helpt met de "
                                   "post, de boodschappen en de afspraken bij de huisarts")
    page.get_by_role("button", name=fold_name("Inklappen", 1)).click()
    expect(blocks.nth(0).locator('[data-rg="fold-summary"]')).to_have_text(
        "Anna · mijn zus, die elke zondag komt eten en me helpt met de post, de boodschappen "
        "en de…")
    # Wiped: the one empty block that is left shows its fields.
    page.get_by_role("button", name="Alles wissen").click()
    page.get_by_role("dialog").get_by_role("button", name="Alles wissen").click()
    expect(page.locator(field(0, "naam"))).to_be_visible()
    expect(page.locator(field(0, "naam"))).to_have_value("")
