// A worksheet page: saves every change in this browser, restores it, asks the
// Python worker for hints and the summary, and handles the exports.
// Generic: everything worksheet-specific comes from the HTML Python rendered.
// Safety nets (see store.js, safety.js, tabs.js): verified saves with revisions,
// a synchronous draft per keystroke, one writing tab, backup reminders, the
// optional passphrase, and a message when stored answers have vanished.
import { applyChoices, fillForm, keepOnOneLine, readForm } from "./form.js";
import { addItem, clearChoice, clearWorksheet, fillFromButton, moveItem, removeItem } from "./editing.js";
import { toggleFold, toggleFoldAll, unfoldFound } from "./folding.js";
import { FAILED_MESSAGE, PythonClient } from "./python.js";
import { forgetReadAhead, loadDocument, onStorageEvent, saveDocument } from "./store.js";
import { refreshVault, unlock, vaultState } from "./vault.js";
import { startupFor, whenParsed } from "./startup.js";
import {
  clearDraft, markRemoved, markSaved, newerOf, persistState, readDraft, readMarker, requestPersist, snoozeReminder,
  writeDraft,
} from "./safety.js";
import { broadcast, onBroadcast } from "./tabs.js";
import { backupNow, exportJson, exportPdf, importFile, remindBackup, showHints } from "./exports.js";
import { Messages } from "./messages.js";
import { onPassphrase, setReadOnly, worksheetNotices } from "./notices.js";
import { Versions } from "./versions.js";
import { renderViews, showWithoutPython, sortTable } from "./views.js";
import { releaseSearch, releaseSearchWhenOpened } from "./search-release.js";
import { setText, timeLabel } from "./ui.js";

const SAVE_DELAY_MS = 150;
const EVALUATE_DELAY_MS = 250;

class WorksheetPage {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.worksheet;
    this.title = root.dataset.title || this.id;
    this.version = Number(root.dataset.schemaVersion);
    this.form = root.querySelector("form");
    this.saveStatus = root.querySelector('[data-rg="save-status"]');
    this.pythonStatus = root.querySelector('[data-rg="python-status"]');
    this.alert = root.querySelector('[data-rg="alert"]');
    this.summary = root.querySelector('[data-rg="summary"]');
    this.generalHints = root.querySelector('[data-rg="hints"]');
    this.fileInput = root.querySelector('[data-rg="import-file"]');
    this.notices = worksheetNotices(this.alert);
    this.messages = new Messages(this.alert, this.notices.notice, this.saveStatus);
    this.saveTimer = null;
    this.evaluateTimer = null;
    this.saveChain = Promise.resolve();
    this.restoreRun = 0;     // the latest restore(); an older one that answers later is ignored
    this.evaluateRun = 0;    // the latest evaluate()
    this.savedAt = "";
    this.saveFailed = false;
    this.revs = {};          // storage key -> revision this page last read or wrote
    this.frozen = "";        // why saving is off (stored answers this page cannot read)
    this.readOnly = false;
    this.uses = (root.dataset.uses || "").split(",").filter(Boolean);
    this.context = {};
    this.practiceFlag = `rg:oefen:${this.id}`;
    this.practice = Boolean(root.dataset.example) && sessionStorage.getItem(this.practiceFlag) === "1";
    this.versions = new Versions(this);
    this.formReady = new Promise((resolve) => { this.markFormReady = resolve; });
  }

  // In the Oefenmodus answers live under their own key, apart from the real ones.
  get storageId() {
    return this.practice ? `${this.id}#oefen` : this.id;
  }

  get canSave() {
    return !this.readOnly && !this.frozen && vaultState() !== "locked";
  }

  async setPractice(on) {
    // A field still being edited commits its change now, to the answers it was typed
    // in: a click that leaves the focus in the field (Safari) would otherwise fire its
    // "change" once the focus moves below, into the other mode.
    if (this.form.contains(document.activeElement)) document.activeElement.blur();
    this.flush();
    this.practice = on;
    if (on) sessionStorage.setItem(this.practiceFlag, "1");
    else sessionStorage.removeItem(this.practiceFlag);
    this.messages.unsay();
    // The pressed button hides; focus goes to the one that replaces it before anything
    // else happens, so it never falls back to the page.
    this.showPractice();
    this.root.querySelector(`[data-rg-action="${on ? "practice-exit" : "practice"}"]`)?.focus();
    await this.reload();
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
        const { doc } = await loadDocument(this.practice ? `${id}#oefen` : id);
        if (doc && doc.answers) context[id] = doc.answers;
      } catch (error) {
        // Without storage (or while locked) there is no context; the worksheet still works.
      }
    }
    this.context = context;
    return context;
  }

  async start(startup) {
    this.form.addEventListener("keydown", keepOnOneLine);
    this.form.addEventListener("input", (event) => { keepOnOneLine(event); this.changed(); });
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("beforematch", unfoldFound);
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.fileInput.addEventListener("change", () => importFile(this));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
      else if (this.uses.length) {
        this.markEvaluating();
        this.loadContext().then(() => this.evaluate());
      }
    });
    window.addEventListener("pagehide", () => this.flush());
    onStorageEvent((type) => { if (type === "versionchange") this.flush(); });
    onBroadcast((message) => this.onBroadcast(message));
    onPassphrase(this.notices.unlockForm, (passphrase) => this.unlock(passphrase));
    // The tab lock and the storage reads were started before the form was parsed;
    // the form counts as usable once both have answered (a tab that is not the writer
    // is read-only). Python starts after that, so it never slows the form down.
    this.python = new PythonClient((state, info) => this.pythonState(state, info));
    this.guard = startup.guard;
    this.markEvaluating();
    startup.attach(this);
    await startup.vault;
    await this.reload();
    forgetReadAhead();
    if (!(await startup.writing)) this.becomeReadOnly("elsewhere");
    this.root.dataset.ready = "form";
    this.markFormReady();
    remindBackup(this);
    this.python.start();
  }

  async reload() {
    this.restoreRun += 1;  // what is still coming for the answers shown until now is dropped
    this.markEvaluating();  // other answers are coming
    this.showLock();
    if (vaultState() !== "locked") await this.restore();
    if (this.uses.length) await this.loadContext();
    await this.versions.refresh();
    this.evaluate();
  }

  showLock() {
    const locked = vaultState() === "locked";
    this.notices.unlock.hidden = !locked;
    this.form.inert = locked;
    if (locked) setText(this.saveStatus, "Beschermd met een wachtwoordzin", "locked");
  }

  async unlock(passphrase) {
    await unlock(passphrase);
    await this.reload();
    this.form.querySelector("input, textarea")?.focus();
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
    this.showPractice();
    const key = this.storageId;
    const run = ++this.restoreRun;
    let stored = null;
    let failed = false;
    this.cancelSave();
    try {
      const loaded = await loadDocument(key);
      if (run !== this.restoreRun) return;  // a newer restore decides (the mode switched back)
      stored = loaded.doc;
      this.revs[key] = loaded.rev;
    } catch (error) {
      if (run !== this.restoreRun) return;
      failed = true;
      this.revs[key] = null;
      this.storageFailed(error);
    }
    const { doc, fromDraft } = newerOf(stored, readDraft(key));
    // A draft that is already stored (say the page that typed it saved it as it
    // closed, while this one waited for the tab lock) is done with.
    if (stored && !fromDraft) clearDraft(key, stored.saved_at);
    this.frozen = "";
    if (doc && doc.schema_version === this.version) {
      fillForm(this.form, doc.answers);
      this.savedAt = stored ? stored.saved_at : "";
      if (fromDraft) {
        setText(this.saveStatus, "Je laatste wijzigingen zijn teruggezet", "restored");
        this.changed();
      } else {
        setText(this.saveStatus, `Opgeslagen in deze browser · ${timeLabel(new Date(doc.saved_at))}`, "restored");
      }
    } else {
      fillForm(this.form, this.practice ? JSON.parse(this.root.dataset.example) : {});
      this.savedAt = "";
      setText(this.saveStatus, this.practice ? "Voorbeeld" : "Nog niets opgeslagen", "empty");
      if (doc) this.migrateLater(doc);
    }
    if (!doc && !failed && !this.practice && readMarker().worksheets[this.id]) this.messages.vanished();
    setReadOnly(this.root, this.form, this.readOnly || Boolean(this.frozen));
  }

  async migrateLater(stored, run = this.restoreRun) {
    // Answers saved by another schema version: Python migrates or refuses them.
    // Until then (and if refused) nothing is saved over them. If other answers are
    // loaded meanwhile (the Oefenmodus, a wipe or a restore elsewhere), the outcome
    // is for answers no longer on screen: it is dropped.
    const current = () => run === this.restoreRun;
    this.frozen = "migrating";
    setText(this.saveStatus, "Je antwoorden worden klaargezet…", "migrating");
    const newer = stored.schema_version > this.version;
    try {
      if (newer) throw new Error("Ze zijn bewaard met een nieuwere versie van deze site. Laad de pagina opnieuw om die te krijgen.");
      const outcome = await this.python.call("importAnswers", {
        worksheet: this.id, text: JSON.stringify({ ...stored, worksheet: this.id }),
      });
      if (!current()) return;
      if (!outcome.ok) throw new Error(outcome.message);
      this.frozen = "";
      setReadOnly(this.root, this.form, this.readOnly);
      fillForm(this.form, outcome.answers);
      this.changed();
    } catch (error) {
      if (!current()) return;
      if (error.stopped) {  // a new worker is starting: try again with it
        this.python.ready.then(() => current() && this.migrateLater(stored, run),
          (failure) => current() && this.refuseMigration(failure.message));
        return;
      }
      this.refuseMigration(error.message);
    }
  }

  refuseMigration(message) {
    this.frozen = "refused";
    setReadOnly(this.root, this.form, true);
    this.messages.refused(message);
  }

  changed() {
    if (!this.canSave) return;
    const doc = this.document();
    writeDraft(this.storageId, doc);  // synchronous: survives closing the page right now
    this.root.dataset.saving = "pending";  // cleared when the last change is stored
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    clearTimeout(this.evaluateTimer);
    this.markEvaluating();
    this.evaluateTimer = setTimeout(() => {
      this.evaluateTimer = null;
      this.evaluate();
    }, EVALUATE_DELAY_MS);
  }

  // A change not yet stored is dropped: other answers are loaded, or all is wiped.
  cancelSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.pendingSaves) delete this.root.dataset.saving;
  }

  flush() {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
  }

  async flushAndWait() {
    this.flush();
    await this.saveChain;
  }

  save() {
    this.saveTimer = null;
    if (!this.canSave) return this.saveChain;
    const key = this.storageId;
    const doc = this.document();
    this.pendingSaves = (this.pendingSaves || 0) + 1;
    this.saveChain = this.saveChain.then(() => this.store(key, doc)).catch(() => {});
    return this.saveChain;
  }

  async store(key, doc) {
    try {
      this.revs[key] = await saveDocument(key, doc, this.revs[key] ?? null, this.title);
      clearDraft(key, doc.saved_at);
      if (key === this.id) markSaved(this.id, doc.saved_at);
      if (key === this.storageId) this.savedAt = doc.saved_at;
      if (this.saveFailed) this.messages.storageRecovered();
      this.saveFailed = false;
      setText(this.saveStatus, `Opgeslagen in deze browser · ${timeLabel()}`, "saved");
      broadcast({ type: "saved", id: this.id, key });
      this.afterSave();
    } catch (error) {
      this.saveFailed = true;
      if (error.kind === "conflict") this.messages.conflict();
      else this.messages.storageFailed(error);
    } finally {
      this.pendingSaves -= 1;
      if (!this.saveTimer && !this.pendingSaves) delete this.root.dataset.saving;
    }
  }

  async afterSave() {
    if (this.askedPersist) return;
    this.askedPersist = true;
    // Chromium decides without asking; Firefox would ask, so there only Mijn gegevens asks.
    if (!/Firefox\//.test(navigator.userAgent) && (await persistState()) === "not") requestPersist();
  }

  storageFailed(error) {
    this.saveFailed = true;
    this.messages.storageFailed(error);
  }

  async resolveConflict(keepMine) {
    const key = this.storageId;
    if (keepMine) {
      const { rev } = await loadDocument(key).catch(() => ({ rev: this.revs[key] }));
      this.revs[key] = rev;
      this.messages.clearPersistent();
      this.changed();
      this.flush();
    } else {
      this.messages.clearPersistent();
      this.saveFailed = false;
      clearDraft(key);  // the keystrokes of this page are given up on purpose
      await this.reload();
    }
  }

  // --- several tabs -------------------------------------------------------------------

  async becomeWriter(claimed) {
    this.readOnly = false;
    this.notices.tabs.hidden = true;
    await this.reload();
    if (claimed) {
      this.messages.say("Je werkt nu in dit tabblad. In het andere tabblad kun je alleen nog lezen.", "info");
      this.form.querySelector("input, textarea")?.focus();
    }
  }

  becomeReadOnly(reason) {
    this.cancelSave();
    this.readOnly = true;
    setReadOnly(this.root, this.form, true);
    this.notices.tabs.querySelector('[data-rg="tab-text"]').textContent = reason === "stolen" || reason === "elsewhere"
      ? "Dit werkblad is ook open in een ander tabblad of venster. Hier kun je alleen lezen, zodat er niets " +
        "verloren gaat. Wat je daar typt, zie je hier ook."
      : "";
    this.notices.tabs.hidden = false;
  }

  async onBroadcast(message) {
    if (message.type === "saved" && message.id === this.id && this.readOnly) {
      await this.restore();
      this.evaluate();
    } else if (message.type === "replaced" || message.type === "wiped") {
      this.cancelSave();
      if (this.messages.persistentKind) this.messages.clearPersistent();
      this.saveFailed = false;
      await refreshVault().catch(() => {});
      await this.reload();
      this.messages.say(message.type === "wiped" ? "Alles is gewist op de pagina Mijn gegevens."
        : "Je gegevens zijn veranderd op de pagina Mijn gegevens. Je ziet nu wat er bewaard is.", "info");
    }
  }

  pythonState(state, info) {
    if (state === "restarting") {
      setText(this.pythonStatus, "Rekenhulp start opnieuw…", "loading");
      this.root.dataset.python = "loading";
    } else if (state === "ready") {
      setText(this.pythonStatus, "Rekenhulp is klaar", "ready");
      this.root.dataset.python = "ready";
      // Hints first (for the restored answers); then, when the page is idle, warm up
      // the PDF stack so the first export does not wait for it, and let the search
      // build its index (held until now so it does not slow Python's start down).
      this.formReady.then(() => this.evaluate()).then(() => {
        const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
        idle(() => {
          releaseSearch();
          this.python.call("preloadPdf", {}).catch(() => {});
        }, { timeout: 5000 });
      });
    } else {
      releaseSearch();
      setText(this.pythonStatus, info?.message ? "Rekenhulp is gestopt" : "Rekenhulp kon niet starten", "failed");
      this.root.dataset.python = "failed";
      delete this.root.dataset.evaluating;  // nothing will come
      showWithoutPython(this.summary, this.canSave && !this.saveFailed);
      this.messages.stand(info?.message || FAILED_MESSAGE, "info");
      console.warn("Python worker:", info && info.reason);
    }
  }

  // The root carries data-evaluating until Python's hints, summary and views show the
  // answers as they are now (never while Python cannot start: nothing would clear it).
  markEvaluating() {
    if (this.python?.state !== "failed") this.root.dataset.evaluating = "pending";
  }

  async evaluate() {
    if (!this.python || this.python.state !== "ready") return;
    const run = ++this.evaluateRun;
    this.markEvaluating();  // also when called without a change (clearing, importing)
    let outcome = null;
    try {
      outcome = await this.python.call("evaluate", {
        worksheet: this.id, answers: readForm(this.form), context: this.context,
        practice: this.practice,
      });
    } catch (error) {
      if (error.stopped) return;  // still evaluating: the new worker's "ready" does it again
      console.warn("evaluate:", error.message);
    }
    if (outcome) {
      applyChoices(this.form, outcome.choices || {});
      if (this.readOnly || this.frozen) setReadOnly(this.root, this.form, true);
      showHints(this.root, this.generalHints, outcome.hints);
      this.summary.innerHTML = outcome.summary_html;
      renderViews(this.root.querySelector('[data-rg="views"]'), this.id, outcome.views || []);
    }
    // Hints, summary and views are up to date unless a newer evaluation is on its way.
    if (run === this.evaluateRun && !this.evaluateTimer) delete this.root.dataset.evaluating;
  }

  onClick(event) {
    const sorter = event.target.closest("table[data-sortable] button[data-sort-key]");
    if (sorter && this.root.contains(sorter)) {
      sortTable(sorter);
      return;
    }
    const target = event.target.closest("[data-rg-action]");
    if (!target || !this.root.contains(target)) return;
    const edited = (done) => { if (done) this.changed(); };
    const actions = {
      "add-item": () => { const full = addItem(target); if (full) this.messages.say(full, "info"); else this.changed(); },
      "remove-item": async () => edited(await removeItem(target)),
      "move-up": () => edited(moveItem(target, -1)),
      "move-down": () => edited(moveItem(target, 1)),
      "clear-choice": () => { clearChoice(target); this.changed(); },
      fold: () => toggleFold(target),
      "fold-all": () => toggleFoldAll(target),
      "fill-field": () => {
        if (this.canSave && fillFromButton(this.form, target)) {
          this.changed();
          this.messages.say(target.dataset.rgDone, "info");
        }
      },
      "save-snapshot": () => this.versions.save(target),
      "compare-versions": () => this.versions.showComparison(target),
      practice: () => this.setPractice(true),
      "practice-exit": () => this.setPractice(false),
      "export-pdf": () => exportPdf(this, target),
      "export-json": () => exportJson(this),
      "import-json": () => this.fileInput.click(),
      print: () => window.print(),
      clear: () => clearWorksheet(this),
      "work-here": () => this.guard.claim(),
      "backup-now": () => backupNow(this, target, false),
      "backup-screen": () => backupNow(this, target, true),
      "backup-later": () => { snoozeReminder(); this.notices.backup.hidden = true; },
      "conflict-load": () => this.resolveConflict(false),
      "conflict-keep": () => this.resolveConflict(true),
      "vanished-ok": () => { markRemoved(this.id); this.messages.clearPersistent(); },
    };
    const action = actions[target.dataset.rgAction];
    if (action) action();
  }
}

// This module loads in the page's head; startup.js has already begun reading storage.
// Each worksheet's form is filled once it is parsed.
whenParsed("[data-rg-content-end]").then(() => {
  releaseSearchWhenOpened();
  for (const root of document.querySelectorAll("[data-worksheet]")) {
    new WorksheetPage(root).start(startupFor(root.dataset.worksheet));
  }
});
