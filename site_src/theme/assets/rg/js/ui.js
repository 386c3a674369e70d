// Small UI helpers shared by the worksheet pages: status, alerts, dialogs, downloads.

export function timeLabel(date = new Date()) {
  return date.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
}

export function isoDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function setText(element, text, state) {
  if (element.textContent !== text) element.textContent = text;
  if (state) element.dataset.state = state;
}

export function showAlert(element, text, tone = "warning") {
  element.textContent = text;
  element.dataset.tone = tone;
  element.hidden = false;
}

export function hideAlert(element) {
  element.hidden = true;
  element.textContent = "";
}

// A button while its work runs: marked busy and inert, but never `disabled`, which
// would drop the keyboard focus to <body> (WCAG 2.4.3). A second press is ignored.
export async function busy(button, work) {
  if (!setBusy(button, true)) return undefined;
  try {
    return await work();
  } finally {
    setBusy(button, false);
  }
}

/**
 * Mark ``button`` as working (``on``) or done. A busy button keeps the focus (a
 * disabled one would drop it to the page) and says it is busy; its handler ignores
 * another press. Returns false when it was busy already.
 */
export function setBusy(button, on) {
  if (on && button.getAttribute("aria-busy") === "true") return false;
  for (const name of ["aria-busy", "aria-disabled"]) {
    if (on) button.setAttribute(name, "true");
    else button.removeAttribute(name);
  }
  return true;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
  'select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// Move the focus to the first visible control after ``element`` (not inside it): for
// a notice about to be hidden while the focus is in it, so the focus does not drop to
// <body> (WCAG 2.4.3). Returns whether a control was found.
export function focusAfter(element) {
  for (const control of document.querySelectorAll(FOCUSABLE)) {
    if (element.contains(control) || control.getClientRects().length === 0) continue;
    if (element.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING) {
      control.focus();
      return true;
    }
  }
  return false;
}

export function download(data, filename, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// A modal confirmation built on <dialog>; resolves true when confirmed.
export function confirmDialog({ title, message, confirmLabel, cancelLabel = "Annuleren", danger = false }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const dialog = document.createElement("dialog");
    dialog.className = "rg-dialog";
    dialog.setAttribute("aria-labelledby", "rg-dialog-title");
    dialog.setAttribute("aria-describedby", "rg-dialog-message");
    const heading = document.createElement("h2");
    heading.id = "rg-dialog-title";
    heading.textContent = title;
    const body = document.createElement("p");
    body.id = "rg-dialog-message";
    body.textContent = message;
    const row = document.createElement("div");
    row.className = "rg-button-row";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "rg-button";
    cancel.textContent = cancelLabel;
    const confirm = document.createElement("button");
    confirm.type = "button";
    confirm.className = danger ? "rg-button rg-danger" : "rg-button rg-primary";
    confirm.textContent = confirmLabel;
    row.append(cancel, confirm);
    dialog.append(heading, body, row);
    document.body.append(dialog);
    let answer = false;
    cancel.addEventListener("click", () => dialog.close());
    confirm.addEventListener("click", () => { answer = true; dialog.close(); });
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    });
    dialog.showModal();
    cancel.focus();
  });
}

// Emoji and letters from other scripts: the PDF's font has no glyph for them, so the
// PDF shows [?] there. `after` says what stays as it was.
/** The text of a chosen file. A file the browser cannot read (moved since it was
 * chosen, or still in the cloud) gives a Dutch message. */
export async function fileText(file) {
  try {
    return await file.text();
  } catch (error) {
    throw new Error("De browser kon het bestand niet lezen. Kies het nog een keer, of zet het eerst op je apparaat.");
  }
}

export function unshownNote(characters, after = "In je antwoorden staan ze wel goed.") {
  const some = characters.slice(0, 8).join(" ") + (characters.length > 8 ? " …" : "");
  return `De PDF kan sommige tekens niet laten zien: ${some}. Daar staat [?] in de PDF. ${after}`;
}
