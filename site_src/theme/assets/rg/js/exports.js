// A worksheet page's files: the PDF, the answer file, importing an answer file, the
// backup; and the hints Python returns. Functions of the page object (worksheet.js).
import { showFolds } from "./folding.js";
import { fillForm, readForm } from "./form.js";
import { reasonOf } from "./store.js";
import { vaultState } from "./vault.js";
import { ROUNDS_MISSING, makeBackupFile, recordBackup, reminderNeeded } from "./backup.js";
import { busy, confirmDialog, download, fileText, focusAfter, isoDate, unshownNote } from "./ui.js";

const PDF_FAILED = "De PDF kon niet worden gemaakt.";

export async function exportPdf(page, button) {
  const label = button.textContent;
  await busy(button, async () => {
    button.textContent = "PDF wordt gemaakt…";
    try {
      const group = button.closest("[data-export-group]");
      const options = group
        ? [...group.querySelectorAll("[data-export-option]:checked")].map((input) => input.value)
        : [];
      if (page.uses.length) await page.loadContext();
      const { bytes, unshown } = await page.python.call("exportPdf", {
        worksheet: page.id, answers: readForm(page.form), today: isoDate(),
        savedAt: page.savedAt ? new Date(page.savedAt).toLocaleString("nl-NL", { dateStyle: "long", timeStyle: "short" }) : "",
        exportId: button.dataset.export || "", options, context: page.context,
        practice: page.practice,
      });
      download(bytes, `${button.dataset.filename || page.id}-${isoDate()}.pdf`, "application/pdf");
      const notes = [];
      if (unshown.length) notes.push(unshownNote(unshown));
      if (vaultState() === "unlocked") {
        notes.push("De PDF is niet beschermd met je wachtwoordzin. Bewaar hem op een veilige plek.");
      }
      if (notes.length) page.messages.say(notes.join(" "), "info");
      else if (page.messages.saying(PDF_FAILED)) page.messages.unsay();
    } catch (error) {
      page.messages.say(`${PDF_FAILED} ${error.message}`);
    } finally {
      button.textContent = label;
    }
  });
}

export function exportJson(page) {
  const text = JSON.stringify(page.document(), null, 2);
  download(text, `${page.id}-${isoDate()}.json`, "application/json");
}

export async function importFile(page) {
  const file = page.fileInput.files[0];
  page.fileInput.value = "";
  if (!file) return;
  if (file.size > Number(page.root.dataset.maxBytes)) {
    page.messages.say(`Dit bestand is te groot (${Math.round(file.size / 1024)} kB). Het mag hoogstens 5 MB zijn. Je antwoorden zijn niet veranderd.`);
    return;
  }
  let outcome;
  try {
    const text = await fileText(file);
    outcome = await page.python.call("importAnswers", { worksheet: page.id, text });
  } catch (error) {
    page.messages.say(`Het bestand kon niet worden geopend. ${error.message} Je antwoorden zijn niet veranderd.`);
    return;
  }
  if (!outcome.ok) {
    page.messages.say(`Dit bestand is niet geopend: ${outcome.message} Je antwoorden zijn niet veranderd.`);
    return;
  }
  const sure = await confirmDialog({
    title: "Antwoorden vervangen?",
    message: `De antwoorden uit ‘${file.name}’ komen in de plaats van wat nu op het scherm staat.`,
    confirmLabel: "Vervangen",
  });
  if (!sure) return;
  fillForm(page.form, outcome.answers, { unfold: true });
  page.messages.unsay();
  page.changed();
  await page.flushAndWait();
  page.evaluate();
  page.messages.say(`De antwoorden uit ‘${file.name}’ staan nu in het werkblad.`, "info");
}

export async function remindBackup(page) {
  if (page.practice || vaultState() === "locked") return;
  const risk = await reminderNeeded();
  if (risk === null) return;
  page.notices.backup.querySelector('[data-rg="backup-risk"]').textContent = risk;
  page.notices.backup.hidden = false;
}

// The current worksheet as shown, for a backup when storage fails.
function screenEntry(page) {
  return {
    worksheet: page.id, title: page.title, schema_version: page.version,
    [page.practice ? "practice" : "answers"]: page.document(),
  };
}

export async function backupNow(page, button, fromScreen) {
  await busy(button, async () => {
    await page.flushAndWait();
    try {
      const encrypt = vaultState() === "unlocked";
      const extra = fromScreen || page.saveFailed ? [screenEntry(page)] : [];
      const file = await makeBackupFile({ encrypt, extra });
      download(file.text, file.filename, "application/json");
      if (!fromScreen) await recordBackup(file.backup, file.filename);
      if (page.notices.backup.contains(document.activeElement)) focusAfter(page.notices.backup);
      page.notices.backup.hidden = true;
      const missing = file.roundsMissing ? ` ${ROUNDS_MISSING}` : "";
      page.messages.say(`De reservekopie is gedownload: ‘${file.filename}’. Bewaar dit bestand op een veilige plek.` +
        (encrypt ? " Hij is beschermd met je wachtwoordzin." : "") + missing, file.roundsMissing ? "warning" : "info");
    } catch (error) {
      page.messages.say(`De reservekopie kon niet worden gemaakt. ${reasonOf(error)}`);
    }
  });
}

export function showHints(root, generalHints, hints) {
  for (const element of root.querySelectorAll("[data-hint-for]")) {
    element.hidden = true;
    element.textContent = "";
  }
  const general = [];
  for (const hint of hints) {
    const target = hint.path && root.querySelector(`[data-hint-for="${CSS.escape(hint.path)}"]`);
    if (target) {
      target.textContent = hint.message;
      target.hidden = false;
    } else {
      general.push(hint.message);
    }
  }
  const list = document.createElement("ul");
  for (const message of general) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  generalHints.replaceChildren(...(general.length ? [list] : []));
  // A folded block says whether a tip waits inside (groups with none folded: nothing to do).
  for (const group of root.querySelectorAll('[data-kind="group"]')) {
    if (group.querySelector("[data-folded]")) showFolds(group);
  }
}
