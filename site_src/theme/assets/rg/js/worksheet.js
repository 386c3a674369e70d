// A worksheet page: saves every change in this browser, restores it, asks the
// Python worker for hints and the summary, and handles the exports.
// Generic: everything worksheet-specific comes from the HTML Python rendered.
import { applyChoices, fillField, fillForm, itemHasContent, itemsOf, readField, readForm } from "./form.js";
import { FAILED_MESSAGE, PythonClient } from "./python.js";
import { deleteDocument, loadDocument, loadVersions, saveDocument, saveVersions } from "./store.js";
import { renderViews, sortTable } from "./views.js";
import { confirmDialog, download, hideAlert, isoDate, setText, showAlert, timeLabel } from "./ui.js";

const SAVE_DELAY_MS = 150;
const EVALUATE_DELAY_MS = 250;

class WorksheetPage {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.worksheet;
    this.version = Number(root.dataset.schemaVersion);
    this.form = root.querySelector("form");
    this.saveStatus = root.querySelector('[data-rg="save-status"]');
    this.pythonStatus = root.querySelector('[data-rg="python-status"]');
    this.alert = root.querySelector('[data-rg="alert"]');
    this.summary = root.querySelector('[data-rg="summary"]');
    this.generalHints = root.querySelector('[data-rg="hints"]');
    this.fileInput = root.querySelector('[data-rg="import-file"]');
    this.saveTimer = null;
    this.evaluateTimer = null;
    this.savedAt = "";
    this.saveFailed = false;
    this.uses = (root.dataset.uses || "").split(",").filter(Boolean);
    this.context = {};
    this.practiceFlag = `rg:oefen:${this.id}`;
    this.practice = Boolean(root.dataset.example) && sessionStorage.getItem(this.practiceFlag) === "1";
  }

  // In the Oefenmodus answers live under their own key, apart from the real ones.
  get storageId() {
    return this.practice ? `${this.id}#oefen` : this.id;
  }

  async setPractice(on) {
    this.flush();
    this.practice = on;
    if (on) sessionStorage.setItem(this.practiceFlag, "1");
    else sessionStorage.removeItem(this.practiceFlag);
    hideAlert(this.alert);
    await this.restore();
    if (this.uses.length) await this.loadContext();
    if (this.root.querySelector('[data-rg="version-a"]')) this.refreshVersions();
    this.evaluate();
    const focusTarget = this.root.querySelector(`[data-rg-action="${on ? "practice-exit" : "practice"}"]`);
    if (focusTarget) focusTarget.focus();
  }

  showPractice() {
    const banner = this.root.querySelector('[data-rg="practice-banner"]');
    if (!banner) return;
    banner.hidden = !this.practice;
    this.root.querySelector('[data-rg-action="practice"]').hidden = this.practice;
    this.root.querySelector('[data-rg-action="practice-exit"]').hidden = !this.practice;
    if (this.practice) this.root.dataset.mode = "practice";
    else delete this.root.dataset.mode;
  }

  // Answers of the other worksheets this one reads (e.g. the goals), from this browser.
  async loadContext() {
    const context = {};
    for (const id of this.uses) {
      try {
        const doc = await loadDocument(this.practice ? `${id}#oefen` : id);
        if (doc && doc.answers) context[id] = doc.answers;
      } catch (error) {
        // Without storage there is no context; the worksheet still works.
      }
    }
    this.context = context;
    return context;
  }

  async start() {
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.fileInput.addEventListener("change", () => this.importFile());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
      else if (this.uses.length) this.loadContext().then(() => this.evaluate());
    });
    window.addEventListener("pagehide", () => this.flush());
    this.python = new PythonClient((state, info) => this.pythonState(state, info));
    await this.restore();
    if (this.uses.length) await this.loadContext();
    if (this.root.querySelector('[data-rg="version-a"]')) this.refreshVersions();
    this.root.dataset.ready = "form";
    // Start Python only once the form is on screen and usable.
    requestAnimationFrame(() => setTimeout(() => this.python.start(), 0));
  }

  document(answers = readForm(this.form)) {
    return {
      format: this.root.dataset.documentFormat,
      worksheet: this.id,
      schema_version: this.version,
      saved_at: new Date().toISOString(),
      answers,
    };
  }

  async restore() {
    let stored = null;
    this.showPractice();
    try {
      stored = await loadDocument(this.storageId);
    } catch (error) {
      this.storageFailed(error);
    }
    if (stored && stored.schema_version === this.version) {
      fillForm(this.form, stored.answers);
      this.savedAt = stored.saved_at;
      setText(this.saveStatus, `Opgeslagen in deze browser · ${timeLabel(new Date(stored.saved_at))}`, "restored");
    } else {
      fillForm(this.form, this.practice ? JSON.parse(this.root.dataset.example) : {});
      this.savedAt = "";
      setText(this.saveStatus, this.practice ? "Voorbeeld" : "Nog niets opgeslagen", "empty");
      if (stored) this.migrateLater(stored);
    }
  }

  async migrateLater(stored) {
    // Answers saved by another schema version: Python migrates or refuses them.
    try {
      const outcome = await this.python.call("importAnswers", { worksheet: this.id, text: JSON.stringify(stored) });
      if (!outcome.ok) throw new Error(outcome.message);
      fillForm(this.form, outcome.answers);
      this.changed();
    } catch (error) {
      showAlert(this.alert, `Je eerder bewaarde antwoorden konden niet worden geladen: ${error.message} Ze zijn niet gewist.`);
    }
  }

  changed() {
    this.root.dataset.saving = "pending";  // cleared when the last change is stored
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    clearTimeout(this.evaluateTimer);
    this.evaluateTimer = setTimeout(() => this.evaluate(), EVALUATE_DELAY_MS);
  }

  flush() {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
  }

  async save() {
    this.saveTimer = null;
    const doc = this.document();
    try {
      await saveDocument({ ...doc, worksheet: this.storageId });
      this.savedAt = doc.saved_at;
      if (this.saveFailed) hideAlert(this.alert);
      this.saveFailed = false;
      setText(this.saveStatus, `Opgeslagen in deze browser · ${timeLabel()}`, "saved");
    } catch (error) {
      this.storageFailed(error);
    } finally {
      if (!this.saveTimer) delete this.root.dataset.saving;
    }
  }

  storageFailed(error) {
    this.saveFailed = true;
    setText(this.saveStatus, "Niet opgeslagen", "failed");
    showAlert(this.alert, `${error.message} Maak een PDF of kies ‘Opslaan als bestand’ om ze te bewaren.`);
  }

  pythonState(state, info) {
    if (state === "ready") {
      setText(this.pythonStatus, "Python is klaar", "ready");
      this.root.dataset.python = "ready";
      // Hints first; then, when the page is idle, warm up the PDF stack so the
      // first export does not wait for it.
      this.evaluate().then(() => {
        const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
        idle(() => this.python.call("preloadPdf", {}).catch(() => {}), { timeout: 5000 });
      });
    } else {
      setText(this.pythonStatus, "Python kon niet starten", "failed");
      this.root.dataset.python = "failed";
      if (!this.saveFailed) showAlert(this.alert, FAILED_MESSAGE, "info");
      console.warn("Python worker:", info && info.reason);
    }
  }

  async evaluate() {
    if (this.python.state !== "ready") return;
    let outcome;
    try {
      outcome = await this.python.call("evaluate", {
        worksheet: this.id, answers: readForm(this.form), context: this.context,
        practice: this.practice,
      });
    } catch (error) {
      console.warn("evaluate:", error.message);
      return;
    }
    applyChoices(this.form, outcome.choices || {});
    this.showHints(outcome.hints);
    this.summary.innerHTML = outcome.summary_html;
    renderViews(this.root.querySelector('[data-rg="views"]'), this.id, outcome.views || []);
  }

  showHints(hints) {
    for (const element of this.root.querySelectorAll("[data-hint-for]")) {
      element.hidden = true;
      element.textContent = "";
    }
    const general = [];
    for (const hint of hints) {
      const target = hint.path && this.root.querySelector(`[data-hint-for="${CSS.escape(hint.path)}"]`);
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
    this.generalHints.replaceChildren(...(general.length ? [list] : []));
  }

  onClick(event) {
    const sorter = event.target.closest("table[data-sortable] button[data-sort-key]");
    if (sorter && this.root.contains(sorter)) {
      sortTable(sorter);
      return;
    }
    const button = event.target.closest("[data-rg-action]");
    if (!button || !this.root.contains(button)) return;
    const action = button.dataset.rgAction;
    const actions = {
      "add-item": () => this.addItem(button),
      "remove-item": () => this.removeItem(button),
      "move-up": () => this.moveItem(button, -1),
      "move-down": () => this.moveItem(button, 1),
      "clear-choice": () => this.clearChoice(button),
      "save-snapshot": () => this.saveSnapshot(),
      "compare-versions": () => this.compareVersions(button),
      practice: () => this.setPractice(true),
      "practice-exit": () => this.setPractice(false),
      "export-pdf": () => this.exportPdf(button),
      "export-json": () => this.exportJson(),
      "import-json": () => this.fileInput.click(),
      print: () => window.print(),
      clear: () => this.clearAll(),
    };
    if (actions[action]) actions[action]();
  }

  locate(button) {
    const wrapper = button.closest("[data-field]");
    const item = button.closest(".rg-item");
    const items = itemsOf(wrapper);
    return { wrapper, item, index: items.indexOf(item), values: readField(wrapper) };
  }

  focusItem(wrapper, index, selector = "input, textarea") {
    const items = itemsOf(wrapper);
    const target = items[Math.min(index, items.length - 1)];
    const element = target && target.querySelector(selector);
    (element || wrapper.querySelector('[data-rg-action="add-item"]')).focus();
  }

  addItem(button) {
    const wrapper = button.closest("[data-field]");
    const values = readField(wrapper);
    const max = Number(wrapper.dataset.maxItems);
    if (values.length >= max) {
      showAlert(this.alert, `Je kunt hier hoogstens ${max} toevoegen.`, "info");
      return;
    }
    fillField(wrapper, [...values, wrapper.dataset.kind === "list" ? "" : null]);
    this.focusItem(wrapper, values.length);
    this.changed();
  }

  async removeItem(button) {
    const { wrapper, item, index, values } = this.locate(button);
    if (wrapper.dataset.kind === "group" && itemHasContent(values[index])) {
      const label = item.querySelector(".rg-item-label").textContent;
      const sure = await confirmDialog({
        title: `${label} verwijderen?`,
        message: "Wat je hier hebt ingevuld, wordt gewist.",
        confirmLabel: "Verwijderen",
        danger: true,
      });
      if (!sure) return;
    }
    values.splice(index, 1);
    fillField(wrapper, values);
    this.focusItem(wrapper, Math.max(0, Math.min(index, values.length - 1)));
    this.changed();
  }

  moveItem(button, step) {
    const { wrapper, index, values } = this.locate(button);
    const target = index + step;
    if (target < 0 || target >= values.length) return;
    [values[index], values[target]] = [values[target], values[index]];
    fillField(wrapper, values);
    const action = step < 0 ? "move-up" : "move-down";
    const atEdge = target === 0 || target === values.length - 1;
    const selector = `[data-rg-action="${atEdge ? (step < 0 ? "move-down" : "move-up") : action}"]`;
    this.focusItem(wrapper, target, selector);
    this.changed();
  }

  clearChoice(button) {
    const wrapper = button.closest("[data-kind]");
    for (const input of wrapper.querySelectorAll(".rg-options input")) input.checked = false;
    this.changed();
  }

  async busy(button, work) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      return await work();
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  async exportPdf(button) {
    const label = button.textContent;
    await this.busy(button, async () => {
      button.textContent = "PDF wordt gemaakt…";
      try {
        const group = button.closest("[data-export-group]");
        const options = group
          ? [...group.querySelectorAll("[data-export-option]:checked")].map((input) => input.value)
          : [];
        if (this.uses.length) await this.loadContext();
        const bytes = await this.python.call("exportPdf", {
          worksheet: this.id, answers: readForm(this.form), today: isoDate(),
          savedAt: this.savedAt ? new Date(this.savedAt).toLocaleString("nl-NL") : "",
          exportId: button.dataset.export || "", options, context: this.context,
          practice: this.practice,
        });
        download(bytes, `${button.dataset.filename || this.id}-${isoDate()}.pdf`, "application/pdf");
      } catch (error) {
        showAlert(this.alert, `De PDF kon niet worden gemaakt. ${error.message}`);
      } finally {
        button.textContent = label;
      }
    });
  }

  async refreshVersions() {
    let versions = [];
    try {
      versions = await loadVersions(this.storageId);
    } catch (error) {
      versions = [];
    }
    this.versions = versions;
    const label = (version) => new Date(version.saved_at).toLocaleString("nl-NL",
      { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
    const older = this.root.querySelector('[data-rg="version-a"]');
    const newer = this.root.querySelector('[data-rg="version-b"]');
    const options = (list, withNow) => [
      ...list.map((version, index) => new Option(label(version), String(index))),
      ...(withNow ? [new Option("Nu (je huidige antwoorden)", "nu")] : []),
    ];
    older.replaceChildren(...options(versions, false));
    newer.replaceChildren(...options(versions, true));
    newer.value = "nu";
    const none = versions.length === 0;
    older.disabled = none;
    this.root.querySelector('[data-rg-action="compare-versions"]').disabled = none;
  }

  async saveSnapshot() {
    const versions = [...(this.versions || []), { saved_at: new Date().toISOString(), answers: readForm(this.form) }];
    try {
      await saveVersions(this.storageId, versions);
      await this.refreshVersions();
      showAlert(this.alert, "Deze versie is bewaard in deze browser.", "info");
    } catch (error) {
      this.storageFailed(error);
    }
  }

  async compareVersions(button) {
    const pick = (name) => this.root.querySelector(`[data-rg="${name}"]`).value;
    const answersOf = (value) => (value === "nu" ? readForm(this.form) : this.versions[Number(value)]?.answers);
    const older = answersOf(pick("version-a"));
    const newer = answersOf(pick("version-b"));
    if (!older || !newer) return;
    await this.busy(button, async () => {
      try {
        const outcome = await this.python.call("compareVersions", { worksheet: this.id, older, newer });
        this.root.querySelector('[data-rg="version-result"]').innerHTML = outcome.html;
      } catch (error) {
        showAlert(this.alert, `Vergelijken lukte niet. ${error.message}`);
      }
    });
  }

  exportJson() {
    const text = JSON.stringify(this.document(), null, 2);
    download(text, `${this.id}-${isoDate()}.json`, "application/json");
  }

  async importFile() {
    const file = this.fileInput.files[0];
    this.fileInput.value = "";
    if (!file) return;
    if (file.size > Number(this.root.dataset.maxBytes)) {
      showAlert(this.alert, `Dit bestand is te groot (${Math.round(file.size / 1024)} kB). Het mag hoogstens 5 MB zijn. Je antwoorden zijn niet veranderd.`);
      return;
    }
    let outcome;
    try {
      const text = await file.text();
      outcome = await this.python.call("importAnswers", { worksheet: this.id, text });
    } catch (error) {
      showAlert(this.alert, `Het bestand kon niet worden gelezen. ${error.message}`);
      return;
    }
    if (!outcome.ok) {
      showAlert(this.alert, `Dit bestand is niet geopend: ${outcome.message} Je antwoorden zijn niet veranderd.`);
      return;
    }
    const sure = await confirmDialog({
      title: "Antwoorden vervangen?",
      message: `De antwoorden uit ‘${file.name}’ komen in de plaats van wat nu op het scherm staat.`,
      confirmLabel: "Vervangen",
    });
    if (!sure) return;
    fillForm(this.form, outcome.answers);
    hideAlert(this.alert);
    await this.save();
    this.evaluate();
    showAlert(this.alert, `De antwoorden uit ‘${file.name}’ staan nu in het werkblad.`, "info");
  }

  async clearAll() {
    const sure = await confirmDialog({
      title: "Alles wissen?",
      message: "Alle antwoorden van dit werkblad worden uit deze browser gewist. Dit kun je niet ongedaan maken. Maak eerst een PDF of bestand als je ze wilt houden.",
      confirmLabel: "Alles wissen",
      danger: true,
    });
    if (!sure) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    try {
      await deleteDocument(this.storageId);
    } catch (error) {
      this.storageFailed(error);
    }
    fillForm(this.form, this.practice ? JSON.parse(this.root.dataset.example) : {});
    this.savedAt = "";
    setText(this.saveStatus, this.practice ? "Voorbeeld hersteld" : "Alles gewist", "cleared");
    hideAlert(this.alert);
    this.evaluate();
    this.form.querySelector("input, textarea").focus();
  }
}

for (const root of document.querySelectorAll("[data-worksheet]")) {
  const page = new WorksheetPage(root);
  page.start();
}
