// Folding the blocks of a repeating group (render._item_template): a folded block
// shows one line instead of its fields. Only what is shown changes: the answers are
// untouched and the folding itself is never saved. The browser's find-in-page still
// finds text in a folded block (hidden="until-found") and unfolds it.

const SUMMARY_LENGTH = 100;
const FOLD = '[data-rg-action="fold"]';
const DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

function blocksOf(wrapper) {
  return [...wrapper.querySelector('[data-rg="items"]').children];
}

export function isFolded(item) {
  return item.dataset.folded === "true";
}

export function setFolded(item, folded) {
  if (folded) item.dataset.folded = "true";
  else delete item.dataset.folded;
}

/** Which blocks are folded, by position (a list's items never are). */
export function foldsOf(wrapper) {
  return blocksOf(wrapper).map(isFolded);
}

// An answer as it reads on screen: written text, the options chosen, a date; "" for
// the rest (yes/no and scales say little without their question).
function answerText(sub) {
  const kind = sub.dataset.kind;
  if (kind === "text" || kind === "longtext") return sub.querySelector("input, textarea").value;
  if (kind === "date") {
    const value = sub.querySelector("input").value;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? DATE.format(new Date(`${value}T12:00:00`)) : value;
  }
  if (kind !== "choice") return "";
  // The worksheet's own options by their name alone; options Python fills in (goals,
  // people: the user's words) in full.
  const own = sub.dataset.dynamic === undefined;
  return [...sub.querySelectorAll(".rg-options input:checked")].map((input) => {
    const label = input.labels[0] ? input.labels[0].textContent : input.value;
    return own ? nameOf(label) : label;
  }).join(", ");
}

// An option's name without its explanation: "Persoonlijk herstel: wie ben ik, …" →
// "Persoonlijk herstel".
function nameOf(label) {
  const at = label.indexOf(": ");
  return at > 0 ? label.slice(0, at) : label;
}

// At most SUMMARY_LENGTH characters, cut after a whole word where one is near (never
// half an emoji).
function shorten(line) {
  const characters = Array.from(line);
  if (characters.length <= SUMMARY_LENGTH) return line;
  const cut = characters.slice(0, SUMMARY_LENGTH - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > cut.length * 0.6 ? cut.slice(0, space) : cut}…`;
}

function hasAnswer(item) {
  return [...item.querySelectorAll(".rg-item-body input, .rg-item-body textarea")].some((input) =>
    (input.type === "radio" || input.type === "checkbox" ? input.checked : input.value.trim() !== ""));
}

// The line a folded block shows: its first two answers, and whether a tip waits inside.
function summaryOf(item) {
  const texts = [...item.querySelectorAll("[data-subfield]")]
    .map((sub) => answerText(sub).replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .slice(0, 2);
  const line = shorten(texts.join(" · ")) ||
    (hasAnswer(item) ? "Nog geen naam of tekst" : "Nog niets ingevuld");
  return item.querySelector(".rg-item-body .rg-hint:not([hidden])") ? `${line} (met een tip)` : line;
}

/** Shows a group's blocks as their folding says, and "Alles inklappen" or "Alles
 * uitklappen" once there are two blocks or more. A list is left alone. */
export function showFolds(wrapper) {
  const items = blocksOf(wrapper);
  if (!items.length || !items[0].querySelector(".rg-item-body")) return;
  for (const item of items) {
    const folded = isFolded(item);
    const body = item.querySelector(".rg-item-body");
    if (folded) body.setAttribute("hidden", "until-found");
    else body.removeAttribute("hidden");
    const summary = item.querySelector('[data-rg="fold-summary"]');
    summary.textContent = folded ? summaryOf(item) : "";
    summary.hidden = !folded;
    // The word says what a press does (and so whether it is folded): no aria-expanded too.
    item.querySelector(`${FOLD} [data-rg="fold-label"]`).textContent = folded ? "Uitklappen" : "Inklappen";
  }
  const all = wrapper.querySelector('[data-rg-action="fold-all"]');
  if (!all) return;
  all.hidden = items.length < 2;
  all.querySelector('[data-rg="fold-label"]').textContent =
    items.every(isFolded) ? "Alles uitklappen" : "Alles inklappen";
}

// The buttons keep the focus themselves: Safari does not focus a clicked button, and
// the field it was in may just have been folded away.
export function toggleFold(button) {
  const item = button.closest(".rg-item");
  setFolded(item, !isFolded(item));
  showFolds(button.closest("[data-field]"));
  button.focus();
}

export function toggleFoldAll(button) {
  const wrapper = button.closest("[data-field]");
  const items = blocksOf(wrapper);
  const fold = !items.every(isFolded);
  for (const item of items) setFolded(item, fold);
  showFolds(wrapper);
  button.focus();
}

/** Find-in-page found text in a folded block: it unfolds (the browser shows it). */
export function unfoldFound(event) {
  const item = event.target.closest(".rg-item");
  if (!item || !isFolded(item)) return;
  setFolded(item, false);
  showFolds(item.closest("[data-field]"));
}

/** Where the focus is among a group's or list's items, to put it back once they are
 * drawn anew (another tab saved, say): null when it is elsewhere. */
export function focusPlace(wrapper) {
  const active = document.activeElement;
  const item = active && active.closest ? active.closest(".rg-item") : null;
  if (!item || !wrapper.contains(item)) return null;
  return { index: blocksOf(wrapper).indexOf(item), id: active.id, action: active.dataset.rgAction || "" };
}

export function restoreFocus(wrapper, place) {
  if (!place) return;
  const items = blocksOf(wrapper);
  const item = items[Math.min(place.index, items.length - 1)];
  if (!item) return;
  let target = place.id ? item.querySelector(`#${CSS.escape(place.id)}`)
    : item.querySelector(`[data-rg-action="${CSS.escape(place.action)}"]`);
  if (!target || (isFolded(item) && target.closest(".rg-item-body"))) target = item.querySelector(FOLD);
  if (target) target.focus({ preventScroll: true });
}
