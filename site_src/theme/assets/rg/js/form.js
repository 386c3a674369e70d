// Reads and fills a worksheet form rendered by Python at build time.
// Generic: it knows field kinds, never a particular worksheet.
import { focusPlace, foldsOf, restoreFocus, setFolded, showFolds } from "./folding.js";

const ITEMS = '[data-rg="items"]';
const TEMPLATE = 'template[data-rg="item-template"]';

export function topFields(root) {
  return [...root.querySelectorAll("[data-field]")];
}

function subfields(item) {
  return [...item.querySelectorAll("[data-subfield]")];
}

export function itemsOf(wrapper) {
  return [...wrapper.querySelector(ITEMS).children];
}

function optionInputs(wrapper) {
  return [...wrapper.querySelectorAll(".rg-options input")];
}

export function readField(wrapper) {
  const kind = wrapper.dataset.kind;
  if (kind === "text" || kind === "longtext" || kind === "date") {
    return wrapper.querySelector("input, textarea").value;
  }
  if (kind === "choice") {
    const inputs = optionInputs(wrapper);
    const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    const multiple = (wrapper.dataset.inputType || (inputs[0] && inputs[0].type)) === "checkbox";
    return multiple ? chosen : chosen[0] ?? "";
  }
  if (kind === "scale") {
    const chosen = optionInputs(wrapper).find((i) => i.checked);
    return chosen ? Number(chosen.value) : null;
  }
  if (kind === "yesno") {
    const chosen = optionInputs(wrapper).find((i) => i.checked);
    return chosen ? chosen.value === "ja" : null;
  }
  if (kind === "list") {
    return itemsOf(wrapper).map((item) => item.querySelector("[data-item-input]").value);
  }
  if (kind === "group") {
    return itemsOf(wrapper).map((item) =>
      Object.fromEntries(subfields(item).map((sub) => [sub.dataset.subfield, readField(sub)])));
  }
  throw new Error(`Onbekend veldtype: ${kind}`);
}

export function readForm(root) {
  return Object.fromEntries(topFields(root).map((w) => [w.dataset.field, readField(w)]));
}

function renderItems(wrapper, count, folds) {
  const template = wrapper.querySelector(TEMPLATE).innerHTML;
  const container = wrapper.querySelector(ITEMS);
  const html = [];
  for (let index = 0; index < count; index += 1) {
    html.push(template.replaceAll("__I__", String(index)).replaceAll("__N__", String(index + 1)));
  }
  container.innerHTML = html.join("");
  itemsOf(wrapper).forEach((item, index) => setFolded(item, Boolean(folds[index])));
}

// Dynamic choices: options come from Python; chosen values that are no longer
// offered stay visible and checked, so nothing is lost.
export function renderDynamic(wrapper, options, chosen) {
  const known = options || [];
  const values = new Set(known.map((option) => option.value));
  const extra = chosen.filter((value) => value && !values.has(value)).map((value) => ({
    value,
    label: options ? `${value} (staat niet meer in de lijst)` : value,
  }));
  const all = [...known, ...extra];
  const signature = JSON.stringify([all, chosen]);
  if (wrapper.dataset.rendered === signature) return;
  wrapper.dataset.rendered = signature;
  const base = wrapper.dataset.baseId;
  const type = wrapper.dataset.inputType;
  const box = wrapper.querySelector(".rg-options");
  const focused = box.contains(document.activeElement) ? document.activeElement.value : null;
  box.replaceChildren(...all.map((option, index) => {
    const label = document.createElement("label");
    label.className = "rg-option";
    label.htmlFor = `${base}-${index}`;
    const input = document.createElement("input");
    input.type = type;
    input.id = `${base}-${index}`;
    input.name = base;
    input.value = option.value;
    input.checked = chosen.includes(option.value);
    const text = document.createElement("span");
    text.textContent = option.label;
    label.append(input, text);
    return label;
  }));
  const empty = wrapper.querySelector('[data-rg="dynamic-empty"]');
  empty.hidden = all.length > 0;
  // "Keuze wissen" only when there is something to choose.
  const clear = wrapper.querySelector('[data-rg-action="clear-choice"]');
  if (clear) clear.hidden = all.length === 0;
  if (focused !== null) {
    // The same option again; if it is gone, the chosen or first one, or the line that
    // says there is nothing to choose: never <body>.
    const again = [...box.querySelectorAll("input")].find((input) => input.value === focused) ||
      box.querySelector("input:checked") || box.querySelector("input");
    if (again) {
      again.focus();
    } else {
      empty.tabIndex = -1;
      empty.focus();
    }
  }
}

// The options Python sent last; null until Python has answered once.
let latestChoices = null;

function optionsFor(wrapper) {
  return latestChoices ? latestChoices[wrapper.dataset.dynamic] || [] : null;
}

export function applyChoices(root, choices) {
  latestChoices = choices || {};
  for (const wrapper of root.querySelectorAll("[data-dynamic]")) {
    const options = optionsFor(wrapper);
    const value = readField(wrapper);
    renderDynamic(wrapper, options, Array.isArray(value) ? value : [value].filter(Boolean));
  }
}

// Fills one field. A list or group is drawn anew; its blocks keep their folding by
// position, or take ``folds`` (true = folded) when given, and the focus stays put.
export function fillField(wrapper, value, folds = null) {
  const kind = wrapper.dataset.kind;
  if (wrapper.dataset.dynamic !== undefined) {
    const chosen = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string" && v);
    renderDynamic(wrapper, optionsFor(wrapper), chosen);
    return;
  }
  if (kind === "text" || kind === "longtext" || kind === "date") {
    wrapper.querySelector("input, textarea").value = typeof value === "string" ? value : "";
  } else if (kind === "choice") {
    const chosen = new Set(Array.isArray(value) ? value : [value]);
    for (const input of optionInputs(wrapper)) input.checked = chosen.has(input.value);
  } else if (kind === "scale") {
    for (const input of optionInputs(wrapper)) input.checked = Number(input.value) === value;
  } else if (kind === "yesno") {
    for (const input of optionInputs(wrapper)) {
      input.checked = value !== null && value !== undefined && (input.value === "ja") === value;
    }
  } else if (kind === "list" || kind === "group") {
    const values = Array.isArray(value) ? value : [];
    const focus = focusPlace(wrapper);
    renderItems(wrapper, Math.max(1, values.length), folds || foldsOf(wrapper));
    itemsOf(wrapper).forEach((item, index) => {
      const itemValue = values[index];
      if (kind === "list") {
        item.querySelector("[data-item-input]").value = typeof itemValue === "string" ? itemValue : "";
      } else {
        for (const sub of subfields(item)) {
          fillField(sub, itemValue ? itemValue[sub.dataset.subfield] : undefined);
        }
      }
    });
    showFolds(wrapper);
    restoreFocus(wrapper, focus);
  }
}

// Blocks keep their folding by position (another tab saved, a migration finished),
// unless ``unfold`` (answers from a file, or wiped): then every block shows.
export function fillForm(root, answers, { unfold = false } = {}) {
  for (const wrapper of topFields(root)) {
    fillField(wrapper, (answers || {})[wrapper.dataset.field], unfold ? [] : null);
  }
}

export function itemHasContent(value) {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.some(itemHasContent);
  if (value && typeof value === "object") return Object.values(value).some(itemHasContent);
  return value !== null && value !== undefined;
}

// A one-line answer shown over two lines (render.WRAP_FROM): Enter adds no line
// break, and pasted line breaks become spaces.
export function keepOnOneLine(event) {
  const field = event.target;
  if (!field.matches?.("textarea[data-one-line]")) return;
  if (event.type === "keydown") {
    // not while an input method composes a word: its Enter picks the word
    if (event.key === "Enter" && !event.isComposing && event.keyCode !== 229) event.preventDefault();
  } else if (/[\r\n]/.test(field.value)) {
    const at = field.selectionStart;
    field.value = field.value.replace(/\r\n|[\r\n]/g, " ");
    field.setSelectionRange(at, at);
  }
}
