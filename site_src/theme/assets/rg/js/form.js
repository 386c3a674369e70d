// Reads and fills a worksheet form rendered by Python at build time.
// Generic: it knows field kinds, never a particular worksheet.

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
    return inputs[0] && inputs[0].type === "checkbox" ? chosen : chosen[0] ?? "";
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

function renderItems(wrapper, count) {
  const template = wrapper.querySelector(TEMPLATE).innerHTML;
  const container = wrapper.querySelector(ITEMS);
  const html = [];
  for (let index = 0; index < count; index += 1) {
    html.push(template.replaceAll("__I__", String(index)).replaceAll("__N__", String(index + 1)));
  }
  container.innerHTML = html.join("");
}

export function fillField(wrapper, value) {
  const kind = wrapper.dataset.kind;
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
    renderItems(wrapper, Math.max(1, values.length));
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
  }
}

export function fillForm(root, answers) {
  for (const wrapper of topFields(root)) fillField(wrapper, (answers || {})[wrapper.dataset.field]);
}

export function itemHasContent(value) {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.some(itemHasContent);
  if (value && typeof value === "object") return Object.values(value).some(itemHasContent);
  return value !== null && value !== undefined;
}
