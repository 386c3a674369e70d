// Editing on a worksheet page: lists and repeating blocks (add, remove, reorder),
// clear a choice, fill a field from a view's button, with focus kept where the
// user expects it; and clearing the whole worksheet.
import { foldsOf, isFolded } from "./folding.js";
import { fillField, fillForm, itemHasContent, itemsOf, readField, readForm } from "./form.js";
import { setReadOnly } from "./notices.js";
import { clearDraft, markRemoved } from "./safety.js";
import { deleteRecord, reasonOf } from "./store.js";
import { broadcast } from "./tabs.js";
import { confirmDialog, setText } from "./ui.js";

function locate(button) {
  const wrapper = button.closest("[data-field]");
  const item = button.closest(".rg-item");
  const items = itemsOf(wrapper);
  return { wrapper, item, index: items.indexOf(item), values: readField(wrapper) };
}

// The control Tab would reach: in a radio group the chosen option, not the first one
// (arrow keys on an unchosen option would change the choice).
function tabStop(control) {
  if (!control || control.type !== "radio" || control.checked) return control;
  const group = control.form ? control.form.elements.namedItem(control.name) : null;
  const chosen = group && group.length ? [...group].find((radio) => radio.checked) : null;
  return chosen || control;
}

function focusItem(wrapper, index, selector = "input, textarea") {
  const items = itemsOf(wrapper);
  const target = items[Math.min(index, items.length - 1)];
  // A folded block's fields are hidden: its fold button then.
  const folded = target && isFolded(target) && selector === "input, textarea";
  const element = tabStop(target && target.querySelector(folded ? '[data-rg-action="fold"]' : selector));
  (element || wrapper.querySelector('[data-rg-action="add-item"]')).focus();
}

/** Returns a message when the list is full, else adds an item and returns "". */
export function addItem(button) {
  const wrapper = button.closest("[data-field]");
  const values = readField(wrapper);
  const max = Number(wrapper.dataset.maxItems);
  if (values.length >= max) return `Je kunt hier hoogstens ${max} toevoegen.`;
  fillField(wrapper, [...values, wrapper.dataset.kind === "list" ? "" : null]);
  focusItem(wrapper, values.length);
  return "";
}

/** Resolves true when the item was removed (a filled-in block asks first). */
export async function removeItem(button) {
  const { wrapper, item, index, values } = locate(button);
  if (wrapper.dataset.kind === "group" && itemHasContent(values[index])) {
    const label = item.querySelector(".rg-item-label").textContent;
    const sure = await confirmDialog({
      title: `${label} verwijderen?`,
      message: "Wat je hier hebt ingevuld, wordt gewist.",
      confirmLabel: "Verwijderen",
      danger: true,
    });
    if (!sure) return false;
  }
  const folds = foldsOf(wrapper);
  values.splice(index, 1);
  folds.splice(index, 1);
  fillField(wrapper, values, folds);
  focusItem(wrapper, Math.max(0, Math.min(index, values.length - 1)));
  return true;
}

export function moveItem(button, step) {
  const { wrapper, index, values } = locate(button);
  const target = index + step;
  if (target < 0 || target >= values.length) return false;
  const folds = foldsOf(wrapper);
  [values[index], values[target]] = [values[target], values[index]];
  [folds[index], folds[target]] = [folds[target], folds[index]];
  fillField(wrapper, values, folds);
  const action = step < 0 ? "move-up" : "move-down";
  const atEdge = target === 0 || target === values.length - 1;
  const selector = `[data-rg-action="${atEdge ? (step < 0 ? "move-down" : "move-up") : action}"]`;
  focusItem(wrapper, target, selector);
  return true;
}

export function clearChoice(button) {
  const wrapper = button.closest("[data-kind]");
  for (const input of wrapper.querySelectorAll(".rg-options input")) input.checked = false;
  // The button shows only while something is chosen, or while it has the focus (CSS):
  // browsers that do not focus a clicked button (Safari) would hide it under the user.
  button.focus();
}

// A view's button that puts Python's proposal into a field (render.fill_button):
// fills the field and brings the focus there. Returns the field, or null when the
// button names no field of this form or carries no readable value.
export function fillFromButton(form, button) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(button.dataset.rgField || "")}"]`);
  let value;
  try {
    value = JSON.parse(button.dataset.rgValue);
  } catch (error) {
    return null;
  }
  if (!wrapper) return null;
  fillField(wrapper, value, []);
  const first = wrapper.querySelector("input:not([type=hidden]), textarea");
  if (first) first.focus();
  return wrapper;
}

/** "Alles wissen" on a worksheet page: its answers (or the practice copy) go. */
export async function clearWorksheet(page) {
  const sure = await confirmDialog({
    title: "Alles wissen?",
    message: "Alle antwoorden van dit werkblad worden uit deze browser gewist. Dit kun je niet ongedaan maken. Maak eerst een PDF of bestand als je ze wilt houden.",
    confirmLabel: "Alles wissen",
    danger: true,
  });
  if (!sure) return;
  page.cancelSave();
  const key = page.storageId;
  const before = readForm(page.form);
  clearDraft(key);
  // The screen first; then storage, after any save that was already under way.
  page.frozen = "";
  setReadOnly(page.root, page.form, page.readOnly);
  fillForm(page.form, page.practice ? JSON.parse(page.root.dataset.example) : {}, { unfold: true });
  page.savedAt = "";
  await page.saveChain;
  try {
    await deleteRecord(key);
    page.revs[key] = null;
    if (!page.practice) markRemoved(page.id);
    broadcast({ type: "saved", id: page.id, key });
  } catch (error) {
    // Nothing was wiped: the answers come back on screen and are stored as they were.
    fillForm(page.form, before);
    page.changed();
    page.messages.say(`Wissen is niet gelukt. ${reasonOf(error)} Je antwoorden staan nog in deze browser.`);
    page.evaluate();
    return;
  }
  if (page.messages.persistentKind && page.messages.persistentKind !== "storage") page.messages.clearPersistent();
  setText(page.saveStatus, page.practice ? "Voorbeeld hersteld" : "Alles gewist", "cleared");
  page.messages.unsay();
  page.evaluate();
  page.form.querySelector("input, textarea").focus();
}
