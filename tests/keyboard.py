"""Keyboard-only helpers for the browser tests: Tab around, fill a worksheet, check the focus.

Only ``page.keyboard`` touches the controls. Every stop the focus makes must be visible
(``:focus-visible`` plus a drawn outline) and never ``<body>``.
"""

from __future__ import annotations

import re

from tests.conftest import wait_for_python

#: Where the focus is, and whether it shows, once the page has drawn the next frame (a
#: control hidden or disabled under the focus loses it then): one round trip per key press.
FOCUS = """async () => {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const e = document.activeElement;
  if (!e || e === document.body) return {body: true};
  const shows = (el) => {
    const style = el && getComputedStyle(el);
    return Boolean(style) && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
  };
  // A hidden input may show its focus on the label next to it (the theme's colour toggle).
  const drawn = shows(e) || (e.tagName === 'INPUT' && shows(e.nextElementSibling));
  // A date field's calendar button lives in the browser's shadow DOM; the field shows it.
  const flagged = e.matches(':focus-visible') || e.matches('input[type="date"]:focus-within');
  const options = e.type === 'radio' && e.name
    ? [...document.getElementsByName(e.name)] : [];
  return {
    body: false, visible: flagged && drawn && e.getClientRects().length > 0,
    id: e.id, tag: e.tagName.toLowerCase(),
    type: e.type || '', value: typeof e.value === 'string' ? e.value : '',
    checked: Boolean(e.checked), inForm: Boolean(e.closest('form.rg-form')),
    chosen: options.some((o) => o.checked),
    label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 60),
  };
}"""

#: Fields (outside dynamic choices, whose options come from Python) still without a value.
UNFILLED = """() => {
  const missing = [];
  for (const w of document.querySelectorAll('form.rg-form [data-kind]')) {
    const kind = w.dataset.kind;
    if (kind === 'group' || w.matches('[data-dynamic]')) continue;
    const controls = [...w.querySelectorAll('input, textarea')];
    const filled = ['choice', 'scale', 'yesno'].includes(kind)
      ? controls.some((c) => c.checked)
      : controls.every((c) => c.value.trim() !== '');
    if (!filled) missing.push(controls[0] ? controls[0].id : w.dataset.field);
  }
  return missing;
}"""

STORED = """(id) => new Promise((resolve, reject) => {
  const open = indexedDB.open('handboek-resourcegroepen');
  open.onsuccess = () => {
    const get = open.result.transaction('worksheets').objectStore('worksheets').get(id);
    get.onsuccess = () => { open.result.close(); resolve(get.result ? get.result.answers : null); };
    get.onerror = () => reject(get.error);
  };
  open.onerror = () => reject(open.error);
})"""

PUT = """(documents) => new Promise((resolve, reject) => {
  const open = indexedDB.open('handboek-resourcegroepen');
  open.onupgradeneeded = () => open.result.createObjectStore('worksheets', {keyPath: 'worksheet'});
  open.onsuccess = () => {
    const tx = open.result.transaction('worksheets', 'readwrite');
    for (const doc of documents) tx.objectStore('worksheets').put(doc);
    tx.oncomplete = () => { open.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
})"""

#: Whether the first element matching a selector comes before the focused one.
BEFORE = """(s) => Boolean(document.querySelector(s).compareDocumentPosition(document.activeElement)
                         & Node.DOCUMENT_POSITION_FOLLOWING)"""

#: A date typed digit by digit; the same in day-month and month-day order.
DATE_KEYS, DATE_VALUE = "03032026", "2026-03-03"


def focus(page) -> dict:
    """The focused element; fails when the focus is lost (on body) or cannot be seen."""
    state = page.evaluate(FOCUS)
    assert not state["body"], "the focus was lost to <body>"
    assert state["visible"], f"focus not visible on {state}"
    return state


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    return focus(page)


def tab_to(page, selector: str, back: bool | None = False, limit: int = 250) -> dict:
    """Press Tab (Shift+Tab with ``back``) until the focus is on ``selector``.

    With ``back=None`` the direction is that of the first match, seen from the focus.
    """
    if back is None:
        back = page.evaluate(BEFORE, selector)
    for _ in range(limit):
        state = press(page, "Shift+Tab" if back else "Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return state
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page) -> str:
    return focus(page)["id"]


def intercept_file_choosers(page) -> None:
    """Catch file choosers from now on; call it early. Playwright turns the catching on
    asynchronously with the first listener, so a chooser opened right after
    ``expect_file_chooser`` may otherwise slip through."""
    page.on("filechooser", lambda chooser: None)


def choose_files(page, *files) -> None:
    """Enter on the focused button opens the file chooser; ``files`` are chosen in it."""
    with page.expect_file_chooser() as chooser:
        press(page, "Enter")
    chooser.value.set_files(list(files))


def skip_to_content(page) -> None:
    """The first Tab reaches the skip link; Enter on it starts the Tab order at the content."""
    assert press(page, "Tab")["label"] == "Ga naar inhoud"
    page.keyboard.press("Enter")


def fill_form(page, texts: dict[str, str] | None = None) -> list[str]:
    """Tab into the worksheet form and through it, giving every empty control a value.

    Text gets ``texts[id]`` or "Tekst <n>", dates 3 March 2026, a radio group its next
    option with the arrow key, a checkbox a Space; buttons are passed by. Returns the
    ids of the controls filled in; the focus ends on the first stop after the form.
    """
    texts = texts or {}
    filled: list[str] = []
    entered, last = False, None
    for _ in range(800):
        state = press(page, "Tab")
        if not state["inForm"]:
            if entered:
                return filled
            continue
        entered = True
        if state["id"] == last:  # the parts of a date field
            continue
        last = state["id"]
        kind = state["type"] if state["tag"] == "input" else state["tag"]
        if kind in ("text", "textarea") and not state["value"]:
            page.keyboard.type(texts.get(state["id"], f"Tekst {len(filled) + 1}"))
        elif kind == "date" and not state["value"]:
            page.keyboard.type(DATE_KEYS)
        elif kind == "radio" and not state["chosen"]:
            page.keyboard.press("ArrowRight")  # moves to the next option and chooses it
            if not focus(page)["checked"]:
                page.keyboard.press("Space")  # a group of one
        elif kind == "checkbox" and not state["checked"]:
            page.keyboard.press("Space")
        else:
            continue
        filled.append(focus(page)["id"])
    raise AssertionError("Tab never left the form")


def assert_complete(page) -> None:
    assert page.evaluate(UNFILLED) == []


def stored(page, worksheet: str) -> dict | None:
    return page.evaluate(STORED, worksheet)


def document(worksheet: str, answers: dict) -> dict:
    return {"format": "rg-werkblad", "worksheet": worksheet, "schema_version": 1,
            "saved_at": "2026-03-01T10:00:00.000Z", "answers": answers}


def seed(page, site_url: str, *documents: dict) -> None:
    """Store answers of other worksheets (the context a page reads) in this browser."""
    page.goto(site_url + "werkbladen/")
    page.evaluate(PUT, list(documents))


def item(field: str, number: int, action: str) -> str:
    """The selector of an item's button: ``action`` is move-up, move-down or remove-item."""
    return (f'[data-field="{field}"] [data-rg="items"] > :nth-child({number}) '
            f'[data-rg-action="{action}"]')


def add_item(page, field: str) -> str:
    """Enter on the list's add button, reached with (Shift+)Tab; returns the new field's id."""
    tab_to(page, f'[data-field="{field}"] [data-rg-action="add-item"]', back=None)
    return press(page, "Enter")["id"]


def remove_item(page, field: str, number: int, confirm: bool = False) -> str:
    """Remove item ``number`` (from 1) by keyboard, confirming in the dialog when asked.

    Returns the id the focus then lands on, which must be a field of the list.
    """
    tab_to(page, item(field, number, "remove-item"), back=None)
    if confirm:
        page.keyboard.press("Enter")
        page.locator("dialog.rg-dialog").wait_for()
        assert focus(page)["label"] == "Annuleren"
        assert press(page, "Tab")["label"] == "Verwijderen"
        page.keyboard.press("Enter")
        page.locator("dialog.rg-dialog").wait_for(state="detached")
    else:
        page.keyboard.press("Space")
    state = focus(page)
    assert page.evaluate(
        "(f) => document.activeElement.matches(`[data-field='${f}'] [data-rg='items'] *`)",
        field), state
    return state["id"]


def export_pdf(page, export: str = "", prefix: str = ".+") -> str:
    """Enter on an export button (``data-export``, or the main one) reached with Tab.

    The focus stays on the button while the PDF is made, and after; returns the file name.
    """
    button = (f'[data-rg-action="export-pdf"][data-export="{export}"]' if export
              else '[data-rg-action="export-pdf"]:not([data-export])')
    name = tab_to(page, button, back=None)["label"]
    wait_for_python(page)
    with page.expect_download(timeout=60000) as download:
        assert press(page, "Enter")["label"] in (name, "PDF wordt gemaakt…")
    filename = download.value.suggested_filename
    assert re.fullmatch(rf"{prefix}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf", filename), filename
    page.wait_for_selector(f"{button}:not([aria-busy])")
    assert focus(page)["label"] == name
    return filename


def compare_versions(page) -> None:
    """Keep a version, pick it in the version picker and compare it with now, by keyboard."""
    tab_to(page, '[data-rg-action="save-snapshot"]', back=None)
    press(page, "Enter")
    page.wait_for_selector('[data-rg="version-a"]:not([disabled]) option', state="attached")
    assert press(page, "Tab")["tag"] == "select"  # the earlier version
    press(page, "ArrowDown")
    assert press(page, "Tab")["value"] == "nu"  # compared with now
    assert press(page, "Tab")["label"] == "Vergelijk"
    wait_for_python(page)
    press(page, "Enter")
    page.wait_for_selector('[data-rg="version-result"] > *')
    assert focus(page)["label"] == "Vergelijk"
