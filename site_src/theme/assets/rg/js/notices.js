// The safety notices a worksheet page adds around its form: another tab,
// backup reminder, passphrase lock, and a read-only form. Built here (the
// page's HTML comes from Python at build time and stays generic).
import { reasonOf } from "./store.js";
import { focusAfter, setBusy } from "./ui.js";

/** The "Mijn gegevens" page, relative to this script (works under any subpath). */
export const DOSSIER_URL = new URL("../../../mijn-gegevens/", import.meta.url).href;

export function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function button(action, label, extra = "") {
  return element("button", { type: "button", class: `rg-button ${extra}`.trim(), "data-rg-action": action }, label);
}

export function dossierLink(label = "Mijn gegevens") {
  return element("a", { href: DOSSIER_URL }, label);
}

let counter = 0;

/**
 * A passphrase form that password managers understand and that allows pasting.
 * ``mode``: "current" (unlock) or "new" (set, with a second field to repeat it).
 */
export function passphraseForm({ mode = "current", submitLabel, intro = [] }) {
  counter += 1;
  const id = `rg-wachtwoordzin-${counter}`;
  const fields = [
    // A fixed user name lets password managers store the passphrase for this site.
    element("input", { type: "text", name: "username", autocomplete: "username", value: "Handboek Resourcegroepen",
      class: "rg-visually-hidden", tabindex: "-1", "aria-hidden": "true", readonly: true }),
    element("label", { for: id }, mode === "new" ? "Nieuwe wachtwoordzin" : "Wachtwoordzin"),
    element("input", { type: "password", id, name: "password", required: true, spellcheck: "false",
      autocomplete: mode === "new" ? "new-password" : "current-password", "data-rg": "passphrase" }),
  ];
  if (mode === "new") {
    fields.push(
      element("label", { for: `${id}-2` }, "Typ de wachtwoordzin nog een keer"),
      element("input", { type: "password", id: `${id}-2`, name: "password-repeat", required: true, spellcheck: "false",
        autocomplete: "new-password", "data-rg": "passphrase-repeat" }));
  }
  fields.push(element("label", { class: "rg-option rg-option--inline" },
    element("input", { type: "checkbox", "data-rg": "show-passphrase" }), "Laat zien wat ik typ"));
  const message = element("p", { class: "rg-form-message", "data-rg": "passphrase-message", role: "alert" });
  const form = element("form", { class: "rg-passphrase", novalidate: true }, ...intro,
    element("div", { class: "rg-passphrase-fields" }, ...fields),
    element("div", { class: "rg-button-row" },
      element("button", { type: "submit", class: "rg-button rg-primary" }, submitLabel)),
    message);
  form.querySelector('[data-rg="show-passphrase"]').addEventListener("change", (event) => {
    for (const input of form.querySelectorAll('input[autocomplete$="password"]')) {
      input.type = event.target.checked ? "text" : "password";
    }
  });
  return form;
}

/** Run ``work(passphrase, repeat)`` on submit; a thrown error's message is shown in the form. */
export function onPassphrase(form, work) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type="submit"]');
    const message = form.querySelector('[data-rg="passphrase-message"]');
    const value = (name) => form.querySelector(`[data-rg="${name}"]`)?.value ?? "";
    if (!setBusy(submit, true)) return;
    message.textContent = "Even geduld…";
    try {
      await work(value("passphrase"), value("passphrase-repeat"));
      message.textContent = "";
      form.reset();
    } catch (error) {
      message.textContent = reasonOf(error);  // the answers are not on screen here
      form.querySelector('[data-rg="passphrase"]').focus();
    } finally {
      setBusy(submit, false);
    }
  });
}

/** The notices of a worksheet page, inserted right after its alert. */
export function worksheetNotices(alert) {
  const notice = element("div", { class: "rg-alert", "data-rg": "notice", role: "status", hidden: true });
  const tabs = element("div", { class: "rg-banner rg-banner--tabs", "data-rg": "tab-banner", hidden: true },
    element("p", { "data-rg": "tab-text", role: "status" }),
    element("div", { class: "rg-button-row" }, button("work-here", "Hier verder werken", "rg-primary")));
  const backup = element("section", { class: "rg-banner", "data-rg": "backup-banner", hidden: true,
    "aria-label": "Reservekopie" },
  element("p", {}, element("strong", {}, "Maak een reservekopie. "),
    "Je antwoorden staan alleen in deze browser. Een reservekopie is een bestand dat je zelf bewaart. ",
    "Zo raak je niets kwijt. ", element("span", { "data-rg": "backup-risk" })),
  element("div", { class: "rg-button-row" }, button("backup-now", "Reservekopie maken", "rg-primary"),
    button("backup-later", "Later"), dossierLink("Alles over je gegevens")));
  // "Later" hides the banner (worksheet.js): first the focus moves on, past the banner.
  backup.querySelector('[data-rg-action="backup-later"]').addEventListener("click", () => focusAfter(backup));
  const unlock = element("section", { class: "rg-banner rg-unlock", "data-rg": "unlock", hidden: true,
    "aria-labelledby": "rg-unlock-title" },
  element("h2", { id: "rg-unlock-title" }, "Je antwoorden zijn beschermd"),
  element("p", {}, "Je hebt je antwoorden in deze browser beschermd met een wachtwoordzin. ",
    "Typ je wachtwoordzin om ze te zien en verder te werken."));
  const form = passphraseForm({ mode: "current", submitLabel: "Openen" });
  unlock.append(form, element("p", {}, "Wachtwoordzin vergeten? Lees op ", dossierLink(), " wat je kunt doen."));
  // The passphrase form goes before the worksheet, so the worksheet keeps one <form>.
  alert.closest("[data-worksheet]").before(unlock);
  alert.after(notice, tabs, backup);
  return { notice, tabs, backup, unlock, unlockForm: form };
}

const MUTATING_ACTIONS = ["import-json", "clear", "save-snapshot"];

/** Read-only: the answers stay readable, nothing can be changed. */
export function setReadOnly(root, form, on) {
  for (const input of form.querySelectorAll("input, textarea, select, button")) {
    if (input.matches('[data-rg-action^="fold"]')) continue;  // folding changes nothing
    const textLike = (input.tagName === "TEXTAREA" || (input.tagName === "INPUT" &&
      !["radio", "checkbox", "button", "submit"].includes(input.type)));
    if (textLike) input.readOnly = on;
    else input.disabled = on;
  }
  for (const action of MUTATING_ACTIONS) {
    for (const control of root.querySelectorAll(`[data-rg-action="${action}"]`)) control.disabled = on;
  }
  if (on) root.dataset.readonly = "true";
  else delete root.dataset.readonly;
}
