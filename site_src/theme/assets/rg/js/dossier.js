// "Mijn gegevens": everything this site keeps in this browser, backups and
// restoring them, persistent storage, the optional passphrase, and wiping it all.
// Works without Python; only checking a backup file starts Python (lazily),
// because the file is checked and migrated by worksheets/engine/backup.py.
import { CryptoError } from "./crypto.js";
import {
  ROUNDS_MISSING, checkBackup, decryptBackup, lastBackup, makeBackupFile, openBackupText, parseKey, recordBackup, restoreBackup,
  MAX_BACKUP_BYTES,
} from "./backup.js";
import { getAllRecords, reasonOf, setVaultKey, wipeDatabase } from "./store.js";
import { checkNewPassphrase, refreshVault, removePassphrase, setPassphrase, unlock, vaultState } from "./vault.js";
import {
  forgetEverything, markRemoved, persistState, readMarker, requestPersist, storageRisk, vanishedIds,
} from "./safety.js";
import { broadcast, onBroadcast } from "./tabs.js";
import { clearProgress, readProgress } from "./leerpad-store.js";
import { deleteEvaluationDb, readAllRounds } from "./evaluatie-store.js";
import { button, element, onPassphrase, passphraseForm } from "./notices.js";
import { FAILED_MESSAGE, PythonClient } from "./python.js";
import { confirmDialog, download, fileText, focusAfter, hideAlert, setBusy, showAlert } from "./ui.js";

const WORKSHEETS_URL = new URL("../../../werkbladen/", import.meta.url).href;

const longDate = (iso) => (iso ? new Date(iso).toLocaleString("nl-NL",
  { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }) : "");
const shortDate = (iso) => (iso ? new Date(iso).toLocaleDateString("nl-NL",
  { day: "numeric", month: "long", year: "numeric" }) : "");

function size(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The evaluation overview's records here (saved rounds and drafts); null when unreadable. */
async function evaluationRecords() {
  try {
    return await readAllRounds();
  } catch (error) {
    return null;
  }
}

/** "Evaluatie-overzicht: …" for a list of round records, or "" when there are none. */
function roundsLine(records) {
  const saved = records.filter((record) => !record.draft).length;
  const drafts = records.length - saved;
  const parts = [];
  if (saved) parts.push(plural(saved, "bewaarde ronde", "bewaarde rondes"));
  if (drafts) parts.push(`actiepunten van ${plural(drafts, "ronde", "rondes")} die nog niet ${drafts === 1 ? "is" : "zijn"} bewaard`);
  return parts.length ? `Evaluatie-overzicht: ${parts.join(" en ")}.` : "";
}

class Dossier {
  constructor(root) {
    this.root = root;
    this.part = (name) => root.querySelector(`[data-dossier="${name}"]`);
    this.alert = element("div", { class: "rg-alert", "data-rg": "alert", role: "alert", hidden: true });
    this.notice = element("div", { class: "rg-alert", "data-rg": "notice", role: "status", hidden: true });
    this.part("status").append(this.alert, this.notice);
    this.python = null;
    this.records = [];
    this.roundCount = 0;
  }

  say(text, tone = "info") {
    showAlert(tone === "info" ? this.notice : this.alert, text, tone);
    if (tone === "info") hideAlert(this.alert);
  }

  /** Whether this browser holds anything a restore could replace (the learning path aside). */
  hasData() {
    return this.records.length > 0 || this.roundCount > 0;
  }

  async start() {
    this.root.addEventListener("click", (event) => this.onClick(event));
    onBroadcast(() => this.refresh());
    try {
      await refreshVault();
    } catch (error) {
      // shown by the list
    }
    this.renderRestore();
    await this.refresh();
    await this.renderPersist();
    this.root.dataset.ready = "true";
  }

  async refresh() {
    try {
      await refreshVault();
      this.records = await getAllRecords();
      this.storageError = null;
    } catch (error) {
      this.records = [];
      this.storageError = error;
    }
    this.backup = (await lastBackup().catch(() => null)) || readMarker().backup;
    await this.renderList();
    this.renderBackup();
    this.renderPassphraseOnChange();
    this.renderWipe();
  }

  // --- what is stored ------------------------------------------------------------------

  groups() {
    const byId = new Map();
    for (const record of this.records) {
      const { id, practice, versions } = parseKey(record.worksheet);
      const group = byId.get(id) || { id, title: id, main: null, practice: null, versions: 0, practiceVersions: 0, bytes: 0 };
      if (record.title) group.title = record.title;
      group.bytes += new Blob([JSON.stringify(record)]).size;
      const count = record.encrypted ? null : (record.versions || []).length;
      if (versions) group[practice ? "practiceVersions" : "versions"] = count ?? "enkele";
      else group[practice ? "practice" : "main"] = record;
      byId.set(id, group);
    }
    return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, "nl"));
  }

  async renderList() {
    const list = this.part("list");
    if (this.storageError) {
      list.replaceChildren(element("p", { class: "rg-alert", "data-tone": "warning" },
        `${reasonOf(this.storageError)} Daarom kan deze pagina niet zien wat er is bewaard.`));
      return;
    }
    const groups = this.groups();
    const items = groups.map((group) => this.renderGroup(group));
    const extra = [];
    const progress = Object.keys(readProgress()).length;
    if (progress) extra.push(element("li", {}, `Leerpad: ${plural(progress, "onderdeel", "onderdelen")} afgerond.`));
    const rounds = (await evaluationRecords()) || [];
    this.roundCount = rounds.length;
    if (rounds.length) extra.push(element("li", {}, roundsLine(rounds)));
    const parts = [];
    if (items.length) {
      const total = groups.reduce((sum, group) => sum + group.bytes, 0);
      parts.push(element("p", {}, `${plural(groups.length, "werkblad", "werkbladen")}, samen ${size(total)}.`),
        element("ul", { class: "rg-dossier-list" }, ...items));
    } else {
      parts.push(element("p", {}, "Er zijn nog geen antwoorden van werkbladen bewaard in deze browser."));
    }
    if (extra.length) parts.push(element("h3", {}, "Ook bewaard"), element("ul", {}, ...extra));
    list.replaceChildren(...parts);
    this.showVanished(groups.map((group) => group.id));
  }

  renderGroup(group) {
    const main = group.main;
    const backedUp = this.backup && this.backup.worksheets && this.backup.worksheets[group.id] !== undefined;
    const changedSince = backedUp && main && main.saved_at > this.backup.at;
    const also = [];
    if (group.practice) also.push("een oefenversie");
    if (group.versions) also.push(typeof group.versions === "number" ? plural(group.versions, "bewaarde versie", "bewaarde versies") : "bewaarde versies");
    if (group.practiceVersions) also.push("bewaarde oefenversies");
    const row = (term, value) => [element("dt", {}, term), element("dd", {}, value)];
    return element("li", { class: "rg-dossier-item", "data-worksheet-id": group.id },
      element("h3", {}, element("a", { href: `${WORKSHEETS_URL}${group.id}/` }, group.title)),
      element("dl", {},
        ...row("Laatst veranderd", main ? longDate(main.saved_at) : "Alleen oefenen of versies"),
        ...row("Grootte", size(group.bytes)),
        ...row("Laatste reservekopie", backedUp ? `${shortDate(this.backup.at)}${changedSince ? " (daarna nog veranderd)" : ""}` : "Nog nooit"),
        ...(also.length ? row("Ook bewaard", also.join(", ")) : []),
        ...(main && main.encrypted ? row("Beschermd", "Ja, met je wachtwoordzin") : [])));
  }

  showVanished(present) {
    const gone = vanishedIds(present);
    const box = this.part("vanished");
    if (!gone.length || this.storageError) {
      box.replaceChildren();
      return;
    }
    const backup = readMarker().backup;
    const hint = backup && backup.at
      ? `Je laatste reservekopie is van ${shortDate(backup.at)}: het bestand ‘${backup.file}’. Zet die hieronder terug.`
      : "Heb je een reservekopie of een antwoordbestand? Zet dat hieronder terug.";
    box.replaceChildren(element("div", { class: "rg-alert", "data-tone": "warning", role: "alert", "data-rg": "vanished" },
      element("p", {}, element("strong", {}, "Er ontbreken antwoorden. "),
        `Deze browser had antwoorden van ${plural(gone.length, "werkblad", "werkbladen")} bewaard, maar ze zijn er niet meer. `,
        "Misschien heeft de browser de opslag opgeruimd. ", hint),
      element("div", { class: "rg-button-row" }, button("vanished-ok", "Begrepen, niet meer melden"))));
  }

  // --- backup -------------------------------------------------------------------------

  renderBackup() {
    const box = this.part("backup");
    const state = vaultState();
    const last = this.backup && this.backup.at
      ? element("p", { "data-rg": "last-backup" }, `Je laatste reservekopie: ${longDate(this.backup.at)} (bestand ‘${this.backup.file}’).`)
      : element("p", { "data-rg": "last-backup" }, "Je hebt in deze browser nog geen reservekopie gemaakt.");
    const parts = [last];
    if (state === "locked") {
      parts.push(element("p", {}, "Typ eerst je wachtwoordzin (bovenaan deze pagina). Dan kun je een reservekopie maken."));
    } else if (state === "unlocked") {
      parts.push(element("fieldset", { class: "rg-field" }, element("legend", {}, "Hoe wil je de reservekopie?"),
        element("div", { class: "rg-options" },
          element("label", { class: "rg-option" }, element("input", { type: "radio", name: "rg-backup-kind", value: "encrypted", checked: true }),
            "Beschermd met mijn wachtwoordzin (aanbevolen)"),
          element("label", { class: "rg-option" }, element("input", { type: "radio", name: "rg-backup-kind", value: "plain" }),
            "Zonder wachtwoordzin"))));
    }
    parts.push(element("div", { class: "rg-button-row" },
      Object.assign(button("backup", "Reservekopie downloaden", "rg-primary"), { disabled: state === "locked" })));
    box.replaceChildren(...parts);
  }

  async makeBackup(target) {
    let encrypt = vaultState() === "unlocked";
    const choice = this.root.querySelector('input[name="rg-backup-kind"]:checked');
    if (encrypt && choice && choice.value === "plain") {
      const sure = await confirmDialog({
        title: "Reservekopie zonder wachtwoordzin?",
        message: "Iedereen die dit bestand heeft, kan dan je antwoorden lezen. Bewaar het op een veilige plek.",
        confirmLabel: "Toch zonder wachtwoordzin",
      });
      if (!sure) return;
      encrypt = false;
    }
    if (!setBusy(target, true)) return;
    try {
      const file = await makeBackupFile({ encrypt });
      download(file.text, file.filename, "application/json");
      this.backup = await recordBackup(file.backup, file.filename);
      const missing = file.roundsMissing ? ` ${ROUNDS_MISSING}` : "";
      this.say(`De reservekopie is gedownload: ‘${file.filename}’. Bewaar dit bestand op een plek die je terugvindt, ` +
        `niet alleen in de map Downloads. ${encrypt ? "Het bestand is beschermd met je wachtwoordzin." : ""}`.trim() + missing,
      file.roundsMissing ? "warning" : undefined);
      await this.renderList();
      this.renderBackup();
    } catch (error) {
      this.say(`De reservekopie kon niet worden gemaakt. ${reasonOf(error)}`, "warning");
    } finally {
      setBusy(target, false);
    }
  }

  // --- restore ------------------------------------------------------------------------

  renderRestore() {
    const box = this.part("restore");
    this.fileInput = element("input", { type: "file", accept: "application/json,.json", hidden: true,
      "data-rg": "restore-file", tabindex: "-1", "aria-hidden": "true" });
    this.fileInput.addEventListener("change", () => this.restoreFile());
    this.restoreArea = element("div", { "data-rg": "restore-area", "aria-live": "polite" });
    box.replaceChildren(element("div", { class: "rg-button-row" }, button("choose-backup", "Reservekopie kiezen")),
      this.fileInput, this.restoreArea);
  }

  startPython() {
    if (!this.python) {
      this.python = new PythonClient((state, info) => {
        if (state === "failed") this.say(info?.message || FAILED_MESSAGE, "warning");
      });
      this.python.start();
    }
    return this.python;
  }

  async restoreFile() {
    const file = this.fileInput.files[0];
    this.fileInput.value = "";
    if (!file) return;
    hideAlert(this.alert);
    if (file.size > MAX_BACKUP_BYTES) {
      this.refuse(`Dit bestand is te groot (${size(file.size)}). Er is niets veranderd.`);
      return;
    }
    const python = this.startPython();
    let opened;
    try {
      opened = openBackupText(await fileText(file));
    } catch (error) {
      this.refuse(`Dit bestand is niet teruggezet: ${error.message}`);
      return;
    }
    if (opened.encrypted) {
      const form = passphraseForm({ mode: "current", submitLabel: "Bestand openen", intro: [
        element("p", {}, `‘${file.name}’ is beschermd met een wachtwoordzin. Typ de wachtwoordzin van deze reservekopie.`)] });
      onPassphrase(form, async (passphrase) => {
        const text = await decryptBackup(opened.data, passphrase);
        await this.check(python, text, file.name);
      });
      this.restoreArea.replaceChildren(form);
      form.querySelector('[data-rg="passphrase"]').focus();
      return;
    }
    await this.check(python, opened.text, file.name);
  }

  refuse(message) {
    this.restoreArea.replaceChildren();
    this.say(message, "warning");
  }

  async check(python, text, name) {
    this.restoreArea.replaceChildren(element("p", { "data-rg": "checking" }, "Het bestand wordt gecontroleerd…"));
    let checked;
    try {
      checked = await checkBackup(python, text);
    } catch (error) {
      this.refuse(`Het bestand kon niet worden gecontroleerd. ${error.message}`);
      return;
    }
    if (!checked.ok) {
      this.refuse(`Dit bestand is niet teruggezet: ${checked.message} Er is niets veranderd.`);
      return;
    }
    this.preview(checked, name);
  }

  preview(checked, name) {
    const current = new Map(this.groups().map((group) => [group.id, group]));
    const items = checked.worksheets.map((entry) => {
      const here = current.get(entry.worksheet);
      const saved = entry.answers ? `bewaard op ${longDate(entry.answers.saved_at)}` : "alleen oefenen of versies";
      const details = [];
      if (entry.versions.length) details.push(plural(entry.versions.length, "versie", "versies"));
      if (entry.practice) details.push("oefenversie");
      let compare = "nog niet in deze browser";
      if (here && here.main) {
        const newer = entry.answers && entry.answers.saved_at > here.main.saved_at;
        compare = `in deze browser: ${longDate(here.main.saved_at)} ` +
          `(${newer ? "het bestand is nieuwer" : "deze browser is nieuwer of gelijk"})`;
      }
      return element("li", {}, element("strong", {}, entry.title), `: ${saved}`,
        details.length ? ` (met ${details.join(" en ")})` : "", `; ${compare}.`);
    });
    const progress = Object.keys(checked.leerpad || {}).length;
    if (progress) items.push(element("li", {}, `Leerpad: ${plural(progress, "onderdeel", "onderdelen")} afgerond.`));
    const rounds = roundsLine(checked.evaluatie_rondes || []);
    if (rounds) items.push(element("li", {}, rounds));
    if (!items.length) {
      this.refuse(`‘${name}’ bevat geen antwoorden. Er is niets veranderd.`);
      return;
    }
    const made = checked.created_at ? ` van ${longDate(checked.created_at)}` : "";
    const hasData = this.hasData();
    const choice = (value, label, help, checked) => element("label", { class: "rg-option rg-option--help" },
      element("input", { type: "radio", name: "rg-restore-mode", value, checked }),
      element("span", {}, element("strong", {}, label), element("br"), help));
    const box = element("section", { class: "rg-preview", "data-rg": "restore-preview", "aria-labelledby": "rg-preview-title" },
      element("h3", { id: "rg-preview-title", tabindex: "-1" }, `Wat er in ‘${name}’ staat`),
      element("p", {}, `Een ${checked.kind === "werkblad" ? "antwoordbestand" : "reservekopie"}${made}. Het bestand is gecontroleerd en in orde.`),
      element("ul", {}, ...items),
      element("fieldset", { class: "rg-field" }, element("legend", {}, "Wat wil je doen?"),
        element("div", { class: "rg-options" },
          choice("keep", "Mijn huidige antwoorden houden", "Alleen wat nog niet in deze browser staat, komt erbij.", hasData),
          choice("replace", "Alles vervangen door het bestand", "Deze browser bevat daarna precies wat in het bestand staat.", !hasData))),
      element("div", { class: "rg-button-row" }, button("restore-now", "Terugzetten", "rg-primary"), button("restore-cancel", "Annuleren")));
    this.pending = checked;
    this.restoreArea.replaceChildren(box);
    box.querySelector("h3").focus();
  }

  async restoreNow(target) {
    const checked = this.pending;
    if (!checked) return;
    const mode = this.root.querySelector('input[name="rg-restore-mode"]:checked').value;
    if (mode === "replace" && this.hasData()) {
      const sure = await confirmDialog({
        title: "Alles vervangen?",
        message: "Alles wat nu in deze browser staat, wordt vervangen door de reservekopie. Dit kun je niet ongedaan maken.",
        confirmLabel: "Vervangen",
        danger: true,
      });
      if (!sure) return;
    }
    if (!setBusy(target, true)) return;
    try {
      const count = await restoreBackup(checked, mode);
      if (mode === "replace") {  // what the file does not hold was removed on purpose
        const present = new Set((await getAllRecords()).map((record) => parseKey(record.worksheet).id));
        for (const id of vanishedIds([...present])) markRemoved(id);
      }
      this.pending = null;
      if (this.restoreArea.contains(document.activeElement)) focusAfter(this.restoreArea);
      this.restoreArea.replaceChildren();
      await this.refresh();
      this.say(count ? "De reservekopie is teruggezet. Je ziet hierboven wat er nu in deze browser staat."
        : "Alles uit het bestand stond al in deze browser. Er is niets veranderd.");
      this.part("list").closest("div").scrollIntoView?.({ block: "nearest" });
    } catch (error) {
      setBusy(target, false);
      const why = error.kind === "conflict" ? "Er is intussen iets veranderd in een ander tabblad. Kies het bestand opnieuw."
        : reasonOf(error);
      const after = error.roundsChanged
        ? "Je antwoorden zijn niet veranderd, maar de rondes van het evaluatie-overzicht misschien wel. Kijk ze na op die pagina."
        : "Er is niets veranderd.";
      this.say(`Terugzetten lukte niet. ${why} ${after}`, "warning");
    }
  }

  // --- keeping data: persistent storage -------------------------------------------------------

  async renderPersist() {
    const box = this.part("persist");
    const risk = await storageRisk();
    const state = await persistState();
    const texts = {
      granted: "Deze browser bewaart je gegevens zo goed als hij kan. Hij ruimt ze niet zomaar op.",
      not: "Deze browser mag je gegevens opruimen als er weinig ruimte is, of na een tijd.",
      unsupported: "Deze browser vertelt niet hoe lang hij je gegevens bewaart.",
    };
    let usage = "";
    try {
      const estimate = await navigator.storage.estimate();
      usage = `Deze site gebruikt nu ongeveer ${size(estimate.usage || 0)} in deze browser.`;
    } catch (error) {
      usage = "";
    }
    const parts = [];
    if (risk) parts.push(element("p", { class: "rg-alert", "data-tone": "warning", "data-rg": "risk" }, `${risk} Maak daarom vaak een reservekopie.`));
    parts.push(element("p", { "data-rg": "persist-state", "data-state": state }, texts[state]));
    if (usage) parts.push(element("p", {}, usage));
    if (state === "not") parts.push(element("div", { class: "rg-button-row" }, button("persist", "Vraag de browser om je gegevens te bewaren")));
    box.replaceChildren(...parts);
  }

  async askPersist() {
    const result = await requestPersist();
    await this.renderPersist();
    const state = this.part("persist").querySelector('[data-rg="persist-state"]');
    const answer = result === "granted"
      ? "Gelukt: de browser bewaart je gegevens nu zo goed als hij kan."
      : "De browser zegt nee. Dat gebeurt vaak als je de site nog niet vaak hebt gebruikt. Maak daarom zelf reservekopieën. Op je beginscherm zetten helpt ook.";
    state.after(element("p", { role: "status", "data-rg": "persist-answer" }, answer));
  }

  // --- passphrase -------------------------------------------------------------------------

  // The page is read again at every message from another tab (a worksheet saved, say);
  // a passphrase half typed here stays, unless the protection itself changed.
  renderPassphraseOnChange() {
    const shown = `${vaultState()} ${Boolean(this.storageError)}`;
    if (shown === this.passphraseShown) return;
    this.passphraseShown = shown;
    this.renderPassphrase();
  }

  renderPassphrase() {
    const box = this.part("passphrase");
    const top = this.part("unlock");
    const state = vaultState();
    top.replaceChildren();
    if (state === "locked") {
      const form = passphraseForm({ mode: "current", submitLabel: "Openen", intro: [
        element("h2", {}, "Je gegevens zijn beschermd"),
        element("p", {}, "Typ je wachtwoordzin. Dan kun je een reservekopie maken, een reservekopie terugzetten of de wachtwoordzin veranderen.")] });
      form.classList.add("rg-banner");
      onPassphrase(form, async (passphrase) => {
        await unlock(passphrase);
        await this.refresh();
        this.say("Je gegevens zijn open op deze pagina.");
      });
      top.append(form);
      box.replaceChildren(element("p", {}, "Je antwoorden in deze browser zijn beschermd met een wachtwoordzin. Typ hem bovenaan deze pagina."),
        element("p", {}, "Wachtwoordzin vergeten? Dan kan niemand je antwoorden nog openen. Je kunt alleen alles wissen (hieronder) en daarna een reservekopie zonder wachtwoordzin terugzetten, als je die hebt."));
      return;
    }
    if (state === "unlocked") {
      box.replaceChildren(element("p", { "data-rg": "passphrase-state" }, "Je antwoorden in deze browser zijn beschermd met een wachtwoordzin."),
        element("div", { class: "rg-button-row" }, button("passphrase-change", "Wachtwoordzin veranderen"),
          button("passphrase-remove", "Wachtwoordzin weghalen")), element("div", { "data-rg": "passphrase-area" }));
      return;
    }
    if (this.storageError) {
      box.replaceChildren(element("p", {}, "Dit kan nu niet, omdat opslaan in deze browser niet lukt."));
      return;
    }
    box.replaceChildren(element("p", { "data-rg": "passphrase-state" }, "Je antwoorden zijn nu niet beschermd met een wachtwoordzin."),
      element("div", { class: "rg-button-row" }, button("passphrase-start", "Wachtwoordzin instellen")),
      element("div", { "data-rg": "passphrase-area" }));
  }

  showNewPassphrase(change) {
    const area = this.part("passphrase").querySelector('[data-rg="passphrase-area"]');
    const understood = element("label", { class: "rg-option rg-option--help" },
      element("input", { type: "checkbox", "data-rg": "understood", required: true }),
      element("span", {}, "Ik begrijp het: als ik de wachtwoordzin vergeet, kan niemand mijn antwoorden terughalen."));
    const form = passphraseForm({ mode: "new", submitLabel: change ? "Wachtwoordzin veranderen" : "Wachtwoordzin instellen", intro: [
      element("p", { class: "rg-alert", "data-tone": "warning" }, element("strong", {}, "Let op: "),
        "als je de wachtwoordzin vergeet, zijn je antwoorden weg. Niemand kan ze dan terughalen. Ook wij niet. ",
        "Schrijf hem op en bewaar hem op een veilige plek, of gebruik een wachtwoordbeheerder."),
      understood] });
    onPassphrase(form, async (passphrase, repeat) => {
      if (!form.querySelector('[data-rg="understood"]').checked) throw new CryptoError("Zet eerst een vinkje bij ‘Ik begrijp het’.");
      const problem = checkNewPassphrase(passphrase, repeat);
      if (problem) throw new CryptoError(problem);
      await setPassphrase(passphrase);
      await this.refresh();
      this.renderPassphrase();  // also when it was changed, so still "unlocked"
      this.say(`${change ? "Je wachtwoordzin is veranderd." : "Je antwoorden zijn nu beschermd met je wachtwoordzin."} ` +
        "Maak ook een nieuwe reservekopie. Een PDF die je downloadt, is niet beschermd: die is van jou, bewaar hem op een veilige plek.");
    });
    area.replaceChildren(form);
    form.querySelector('[data-rg="passphrase"]').focus();
  }

  async removePassphrase() {
    const sure = await confirmDialog({
      title: "Wachtwoordzin weghalen?",
      message: "Je antwoorden worden dan weer zonder wachtwoordzin in deze browser bewaard. Iedereen die deze browser gebruikt, kan ze dan zien.",
      confirmLabel: "Weghalen",
    });
    if (!sure) return;
    try {
      await removePassphrase();
      await this.refresh();
      this.say("De wachtwoordzin is weggehaald.");
    } catch (error) {
      this.say(`Dat lukte niet. ${reasonOf(error)}`, "warning");
    }
  }

  // --- wipe -----------------------------------------------------------------------------

  renderWipe() {
    this.part("wipe").replaceChildren(element("div", { class: "rg-button-row" },
      button("wipe", "Alles wissen", "rg-danger")));
  }

  async wipe() {
    const count = this.groups().length;
    const sure = await confirmDialog({
      title: "Alles wissen uit deze browser?",
      message: `Alles wat deze site in deze browser heeft bewaard, wordt gewist: ${plural(count, "werkblad", "werkbladen")} met hun versies, ` +
        "je wachtwoordzin, de voortgang van het leerpad en de rondes van het evaluatie-overzicht. Dit kun je niet ongedaan maken. " +
        "Heb je een reservekopie gemaakt als je de antwoorden later nog wilt gebruiken?",
      confirmLabel: "Ja, wis alles",
      danger: true,
    });
    if (!sure) return;
    let problem = "";
    try {
      await wipeDatabase();
    } catch (error) {
      problem = reasonOf(error);
    }
    setVaultKey(null, null);
    forgetEverything();
    try {
      clearProgress();
      for (const name of Object.keys(sessionStorage)) if (name.startsWith("rg:")) sessionStorage.removeItem(name);
    } catch (error) {
      // nothing stored there
    }
    if (!(await deleteEvaluationDb())) problem ||= "Het evaluatie-overzicht is nog open in een ander tabblad. Sluit dat en wis opnieuw.";
    broadcast({ type: "wiped" });
    this.pending = null;
    this.restoreArea.replaceChildren();
    await this.refresh();
    if (problem) this.say(`Niet alles kon worden gewist. ${problem}`, "warning");
    else this.say("Alles is gewist uit deze browser.");
    this.part("wipe").querySelector("button").focus();
  }

  onClick(event) {
    const target = event.target.closest("[data-rg-action]");
    if (!target || !this.root.contains(target)) return;
    const actions = {
      backup: () => this.makeBackup(target),
      "choose-backup": () => this.fileInput.click(),
      "restore-now": () => this.restoreNow(target),
      "restore-cancel": () => { this.pending = null; this.restoreArea.replaceChildren(); },
      persist: () => this.askPersist(),
      "passphrase-start": () => this.showNewPassphrase(false),
      "passphrase-change": () => this.showNewPassphrase(true),
      "passphrase-remove": () => this.removePassphrase(),
      wipe: () => this.wipe(),
      "vanished-ok": () => {
        for (const id of vanishedIds(this.groups().map((group) => group.id))) markRemoved(id);
        this.part("vanished").replaceChildren();
      },
    };
    const action = actions[target.dataset.rgAction];
    if (action) action();
  }
}

for (const root of document.querySelectorAll("[data-dossier-page]")) {
  new Dossier(root).start();
}
