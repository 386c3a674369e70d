// Views: derived output Python renders (maps, overviews), each in its own
// titled section; a small sorter for tables Python marks as sortable; and the
// summary's text when Python cannot start.

export function renderViews(container, worksheetId, views) {
  const wanted = new Set(views.map((view) => view.id));
  for (const section of container.querySelectorAll("[data-rg-view]")) {
    if (!wanted.has(section.dataset.rgView)) section.remove();
  }
  for (const view of views) {
    let section = container.querySelector(`[data-rg-view="${CSS.escape(view.id)}"]`);
    if (!section) {
      section = document.createElement("section");
      section.className = "rg-view";
      section.dataset.rgView = view.id;
      const heading = document.createElement("h2");
      heading.id = `ws-${worksheetId}--view-${view.id}`;
      section.setAttribute("aria-labelledby", heading.id);
      const body = document.createElement("div");
      body.className = "rg-view-body";
      section.append(heading, body);
      container.append(section);
    }
    section.querySelector("h2").textContent = view.title;
    const body = section.querySelector(".rg-view-body");
    if (body.dataset.html !== view.html) {
      body.dataset.html = view.html;
      keepingScroll(body, () => replaceKeepingFocus(body, view.html));
      reapplySort(body);
    }
  }
}

// Boxes that scroll sideways on a phone (the map, wide tables) stay where the user
// scrolled them when the view is drawn again; a map seen for the first time opens
// in its middle, on "Ik", not on its left edge.
const SCROLL_BOXES = ".rg-kaart, .rg-table-wrap";

function keepingScroll(body, replace) {
  const before = [...body.querySelectorAll(SCROLL_BOXES)].map((box) => box.scrollLeft);
  replace();
  body.querySelectorAll(SCROLL_BOXES).forEach((box, index) => {
    if (index < before.length) box.scrollLeft = before[index];
    else if (box.classList.contains("rg-kaart")) box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
  });
}

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

// New HTML for a view while the keyboard focus may be in it (say on a sort button):
// the focus goes to the control in the same place, not to <body> (WCAG 2.4.3).
function replaceKeepingFocus(body, html) {
  const active = document.activeElement;
  const index = body.contains(active) ? [...body.querySelectorAll(FOCUSABLE)].indexOf(active) : -1;
  body.innerHTML = html;
  if (index < 0) return;
  const controls = body.querySelectorAll(FOCUSABLE);
  const target = controls[Math.min(index, controls.length - 1)];
  if (target) {
    target.focus({ preventScroll: true });
  } else {
    body.tabIndex = -1;
    body.focus({ preventScroll: true });
  }
}

function cellValue(row, index) {
  const cell = row.cells[index];
  const raw = cell ? cell.dataset.sortValue ?? cell.textContent : "";
  const number = Number(raw);
  return raw !== "" && !Number.isNaN(number) ? number : raw.toLocaleLowerCase("nl");
}

function applySort(table, index, ascending) {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = [...body.rows].sort((a, b) => {
    const x = cellValue(a, index);
    const y = cellValue(b, index);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  body.append(...rows);
  [...table.tHead.rows[0].cells].forEach((th, i) => {
    if (i === index) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  });
}

export function sortTable(button) {
  const th = button.closest("th");
  const table = button.closest("table");
  const index = [...th.parentElement.cells].indexOf(th);
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  applySort(table, index, ascending);
  const holder = table.closest(".rg-view-body");
  if (holder) holder.dataset.sort = JSON.stringify([index, ascending]);
}

function reapplySort(body) {
  if (!body.dataset.sort) return;
  const [index, ascending] = JSON.parse(body.dataset.sort);
  const table = body.querySelector("table[data-sortable]");
  if (table) applySort(table, index, ascending);
}

/** The summary when Python cannot start: it no longer promises an overview. */
export function showWithoutPython(summary, saving) {
  const text = document.createElement("p");
  text.className = "rg-muted";
  text.textContent = "Zonder rekenhulp komt hier geen overzicht." + (saving ? " Je antwoorden worden wel bewaard." : "");
  summary.replaceChildren(text);
}
