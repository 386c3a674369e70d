// The evaluation overview page: combines several people's answer files in this
// browser. Files are read here and never uploaded; Python (in the worker) checks
// and combines them and returns escaped HTML. Saved rounds and action points
// live in this page's own IndexedDB database, in this browser only.
import { deleteRound as removeRound, loadRounds, putRound } from "./evaluatie-store.js";
import { PythonClient } from "./python.js";
import { onBroadcast } from "./tabs.js";
import { busy, confirmDialog, download, hideAlert, isoDate, setText, showAlert, unshownNote } from "./ui.js";

const MODULE = "worksheets._evaluatie_overzicht";
const SAVE_DELAY_MS = 400;
const NO_PYTHON =
  "De rekenhulp kon niet starten in deze browser. Zonder rekenhulp kan deze pagina de bestanden " +
  "niet samenvoegen. Probeer een nieuwere browser, of een browser waarin WebAssembly " +
  "niet geblokkeerd is.";
const NO_STORAGE =
  "Bewaren in deze browser lukt niet (bijvoorbeeld in een privévenster). Het overzicht " +
  "werkt wel. Maak een PDF om het te bewaren.";
const NO_FILES = "Nog geen bestanden toegevoegd.";
// Standing messages, the most important first.
const STANDING_ORDER = ["python", "storage"];

// --- the alert ----------------------------------------------------------------

// The page's one alert shows two kinds of message. A standing one is true until it is
// solved (Python or storage does not work); a passing one (a saved round, a note on
// a PDF, an error) goes away again, and then the standing one is shown once more.
class OverviewAlert {
  constructor(element) {
    this.element = element;
    this.standing = new Map();
    this.passing = "";
  }

  say(text, tone = "warning") {
    this.passing = text;
    showAlert(this.element, text, tone);
  }

  // Takes a passing message away; with ``text``, only if that one is still shown.
  unsay(text = this.passing) {
    if (!this.passing || text !== this.passing) return;
    this.passing = "";
    this.show();
  }

  stand(kind, text, tone = "warning") {
    if (!text) {
      if (!this.standing.delete(kind)) return;
      if (!this.passing) this.show();
      return;
    }
    this.standing.set(kind, { text, tone });
    this.passing = "";
    this.show();
  }

  show() {
    const kind = STANDING_ORDER.find((name) => this.standing.has(name));
    if (!kind) {
      hideAlert(this.element);
      return;
    }
    const { text, tone } = this.standing.get(kind);
    showAlert(this.element, text, tone);
  }
}

// --- the page -----------------------------------------------------------------

class OverviewPage {
  constructor(root) {
    this.root = root;
    const part = (name) => root.querySelector(`[data-eval="${name}"]`);
    this.alert = new OverviewAlert(part("alert"));
    this.el = {
      summary: part("summary"), pythonStatus: part("python-status"),
      drop: part("drop"), input: part("file-input"), files: part("files"),
      setField: part("set-field"), set: part("set"), compareField: part("compare-field"),
      compare: part("compare"), result: part("result"), roundStatus: part("round-status"),
      rounds: part("rounds"),
    };
    this.maxBytes = Number(root.dataset.maxBytes);
    this.files = [];
    this.records = new Map();
    this.actions = {};
    this.selected = "";
    this.compare = "";
    this.last = null;
    this.sequence = 0;
    this.saveTimer = null;
    this.pdfMessage = "";  // the alert about the last PDF, if any
  }

  async start() {
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.el.input.addEventListener("change", () => {
      const chosen = [...this.el.input.files];
      this.el.input.value = "";
      this.addFiles(chosen);
    });
    this.el.set.addEventListener("change", () => {
      this.selected = this.el.set.value;
      this.compare = "";
      this.refresh();
    });
    this.el.compare.addEventListener("change", () => {
      this.compare = this.el.compare.value;
      this.refresh();
    });
    this.el.result.addEventListener("input", (event) => this.actionTyped(event.target));
    this.listenForDrops();
    window.addEventListener("pagehide", () => this.flushActions());
    // "Nu bijwerken" reloads the page: action points typed just now are stored first.
    document.addEventListener("rg:before-update", (event) => {
      if (!this.saveTimer && !this.writing) return;
      event.preventDefault();
      this.flushActions();
    });
    await this.loadRecords();
    // "Mijn gegevens" in another tab restored a backup or wiped everything.
    onBroadcast((message) => this.storageChanged(message));
    this.root.dataset.ready = "page";
    this.python = new PythonClient((state, info) => this.pythonState(state, info)).start();
  }

  async loadRecords() {
    try {
      this.records = new Map((await loadRounds()).map((record) => [record.id, record]));
      this.alert.stand("storage", "");
    } catch (error) {
      this.alert.stand("storage", NO_STORAGE, "info");
    }
  }

  async storageChanged(message) {
    if (message.type !== "replaced" && message.type !== "wiped") return;
    // Action points typed just now and not yet written, and those of every set that is
    // not stored (no group or date, so they live on screen only): after a wipe they go
    // too; after a restore (or a passphrase set elsewhere) they stay, and the pending
    // ones are written onto the round as it is stored now. Stored ones are read again.
    const pending = Boolean(this.saveTimer);
    const kept = message.type !== "replaced" ? [] : Object.entries(this.actions)
      .filter(([key]) => (pending && key === this.selected) || !this.records.has(key));
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.actions = Object.fromEntries(kept);
    await this.loadRecords();
    if (pending && this.selected in this.actions) {
      this.saveTimer = setTimeout(() => this.flushActions(), SAVE_DELAY_MS);
    }
    await this.refresh();
  }

  listenForDrops() {
    // The whole page takes dropped files, so a file dropped next to the zone is
    // not opened by the browser (which would leave this page).
    const zone = this.el.drop;
    const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes("Files");
    document.addEventListener("dragover", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      zone.dataset.over = "true";
    });
    document.addEventListener("dragleave", (event) => {
      if (!event.relatedTarget) delete zone.dataset.over;
    });
    document.addEventListener("drop", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      delete zone.dataset.over;
      this.addFiles([...event.dataTransfer.files]);
    });
  }

  pythonState(state, info) {
    if (state === "restarting") {
      setText(this.el.pythonStatus, "Rekenhulp start opnieuw…", "loading");
      this.root.dataset.python = "loading";
    } else if (state === "ready") {
      setText(this.el.pythonStatus, "Rekenhulp is klaar", "ready");
      this.root.dataset.python = "ready";
      this.alert.stand("python", "");
      this.refresh();
      const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
      idle(() => this.python.call("preloadPdf", {}).catch(() => {}), { timeout: 5000 });
    } else {
      setText(this.el.pythonStatus, info?.message ? "Rekenhulp is gestopt" : "Rekenhulp kon niet starten", "failed");
      this.root.dataset.python = "failed";
      this.alert.stand("python", info?.message || NO_PYTHON);
      this.showWaiting();
      console.warn("Python worker:", info && info.reason);
    }
  }

  async addFiles(list) {
    if (!list.length) return;
    for (const file of list) {
      const tooBig = file.size > this.maxBytes;
      let text = null;
      if (!tooBig) {
        try {
          text = await file.text();
        } catch (error) {
          text = null;
        }
      }
      this.files.push({ name: file.name, size: file.size, text });
    }
    this.showWaiting();
    await this.refresh();
  }

  // Before Python has combined anything: how many files wait, and for what.
  showWaiting() {
    if (this.python && this.python.state === "ready") return;
    const count = this.files.length;
    const files = `${count} ${count === 1 ? "bestand" : "bestanden"}`;
    let text = NO_FILES;
    if (count && this.python && this.python.state === "failed") {
      text = `${files} gekozen. Zonder rekenhulp kan deze pagina ze niet samenvoegen.`;
    } else if (count) {
      text = `${files} klaar. De rekenhulp wordt nog geladen…`;
    }
    setText(this.el.summary, text);
  }

  args() {
    return {
      files: this.files,
      set: this.selected,
      compare: this.compare,
      rounds: [...this.records.values()],
      actiepunten: this.actions[this.selected] || {},
      today: isoDate(),
    };
  }

  async refresh() {
    if (!this.python || this.python.state !== "ready") return;
    const sequence = ++this.sequence;
    let result;
    try {
      result = await this.python.call("callFunction", { module: MODULE, name: "combine", args: this.args() });
    } catch (error) {
      // Python stopped under it: the new worker's "ready" makes the overview again.
      if (!error.stopped) this.alert.say(`Het overzicht kon niet worden gemaakt. ${error.message}`);
      return;
    }
    if (sequence !== this.sequence) return; // a newer call is on its way
    this.last = result;
    this.selected = result.selected;
    this.compare = result.compare;
    if (this.selected && !(this.selected in this.actions)) {
      const record = this.records.get(this.selected);
      this.actions[this.selected] = { ...(record && record.actiepunten) };
    }
    this.render(result);
  }

  render(result) {
    setText(this.el.summary, result.summary);
    this.el.files.innerHTML = result.files_html;
    this.fillSelect(this.el.set, this.el.setField, result.sets.map((s) => [s.key, s.label]), result.selected, 2);
    this.fillSelect(this.el.compare, this.el.compareField,
      result.compare_options.map((o) => [o.id, o.label]), result.compare, 1);
    // An action point being typed in keeps the focus (and the caret) when the overview
    // is drawn anew under it, or what is typed next would go nowhere.
    const typing = this.el.result.contains(document.activeElement) ? document.activeElement : null;
    const theme = typing && typing.dataset.evalActiepunt;
    this.el.result.innerHTML = result.html;
    const actions = this.actions[this.selected] || {};
    for (const area of this.el.result.querySelectorAll("[data-eval-actiepunt]")) {
      area.value = actions[area.dataset.evalActiepunt] || "";
      if (theme && area.dataset.evalActiepunt === theme) {
        area.focus({ preventScroll: true });
        area.setSelectionRange(typing.selectionStart, typing.selectionEnd, typing.selectionDirection);
      }
    }
    this.el.rounds.innerHTML = result.rounds_html;
    this.showRoundStatus(result);
    for (const button of this.root.querySelectorAll("[data-needs-set]")) {
      button.disabled = !result.selected;
    }
    this.root.querySelector('[data-eval-action="save-round"]').disabled = !result.round;
    this.root.dataset.files = String(this.files.length);
    this.root.dataset.counted = String(result.counts.ok);
  }

  fillSelect(select, wrapper, options, value, minimum) {
    select.replaceChildren(...options.map(([key, label]) => {
      const option = document.createElement("option");
      option.value = key;
      option.textContent = label;
      return option;
    }));
    select.value = value;
    wrapper.hidden = options.length < minimum;
  }

  showRoundStatus(result) {
    let text = "Nog niet bewaard in deze browser.";
    if (!result.selected) text = "";
    else if (result.round_problem) text = result.round_problem;
    else if (result.saved_at) {
      const when = new Date(result.saved_at);
      const label = Number.isNaN(when.getTime()) ? "" : ` op ${when.toLocaleString("nl-NL", { dateStyle: "long", timeStyle: "short" })}`;
      text = `Deze ronde is bewaard in deze browser${label}. Opnieuw bewaren zet de scores van nu in de plaats.`;
    }
    setText(this.el.roundStatus, text);
  }

  onClick(event) {
    const button = event.target.closest("[data-eval-action]");
    if (!button || !this.root.contains(button)) return;
    const actions = {
      pick: () => this.el.input.click(),
      "remove-file": () => this.removeFile(Number(button.dataset.index)),
      "clear-files": () => this.clearFiles(),
      "save-round": () => this.saveRound(button),
      "delete-round": () => this.deleteRound(button.dataset.roundId),
      pdf: () => this.exportPdf(button),
      print: () => window.print(),
    };
    const action = actions[button.dataset.evalAction];
    if (action) action();
  }

  removeFile(index) {
    if (!(index >= 0 && index < this.files.length)) return;
    this.files.splice(index, 1);
    this.refresh().then(() => this.el.drop.querySelector('[data-eval-action="pick"]').focus());
  }

  clearFiles() {
    this.files = [];
    this.selected = "";
    this.compare = "";
    this.alert.unsay();
    this.showWaiting();
    this.refresh();
  }

  actionTyped(target) {
    const theme = target.dataset && target.dataset.evalActiepunt;
    if (!theme || !this.selected) return;
    // Typed while the overview is still being made (another set chosen, or the rounds
    // read again): start from the stored action points, or the others would be lost.
    const record = this.records.get(this.selected);
    (this.actions[this.selected] ||= { ...(record && record.actiepunten) })[theme] = target.value;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushActions(), SAVE_DELAY_MS);
  }

  // The selected set is a round (it has a group and a date), so it can be stored.
  storable() {
    const round = this.last && this.last.round;
    return Boolean(round && round.id === this.selected);
  }

  async flushActions() {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.storable()) return; // no group or date: kept on screen only
    const round = this.last.round;
    // A saved round gets the new action points; otherwise they are kept as a draft.
    const record = this.records.get(round.id) ||
      { id: round.id, group: round.group, group_key: round.group_key, date: round.date, draft: true };
    const updated = { ...record, actiepunten: { ...this.actions[this.selected] } };
    this.writing = true;
    try {
      await putRound(updated);
      this.records.set(updated.id, updated);
      this.alert.stand("storage", "");  // it works (again)
    } catch (error) {
      this.alert.stand("storage", NO_STORAGE, "info");
    } finally {
      this.writing = false;
    }
  }

  async saveRound(button) {
    const round = this.last && this.last.round;
    if (!round) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const record = { ...round, saved_at: new Date().toISOString(), actiepunten: { ...this.actions[round.id] } };
    // busy, not disabled: the focus stays on the button (a disabled one drops it to <body>).
    const saved = await busy(button, async () => {
      try {
        await putRound(record);
      } catch (error) {
        this.alert.stand("storage", NO_STORAGE);
        return false;
      }
      this.records.set(record.id, record);
      this.alert.stand("storage", "");
      this.alert.unsay();
      return true;
    });
    if (!saved) return;
    await this.refresh();
    this.alert.say("De ronde is bewaard in deze browser. De volgende keer kun je ermee vergelijken.", "info");
  }

  async deleteRound(id) {
    const record = this.records.get(id);
    if (!record) return;
    const sure = await confirmDialog({
      title: "Ronde verwijderen?",
      message: "De bewaarde scores en actiepunten van deze ronde worden uit deze browser gewist. Dit kun je niet ongedaan maken.",
      confirmLabel: "Verwijderen",
      danger: true,
    });
    if (!sure) return;
    try {
      await removeRound(id);
      this.records.delete(id);
    } catch (error) {
      this.alert.stand("storage", NO_STORAGE);
      return;
    }
    await this.refresh();
    this.el.rounds.closest("section").querySelector("h2").focus();
  }

  // Names the characters the PDF showed as [?]. A note or an error from an earlier
  // PDF goes away; any other message (storage, a saved round) stays.
  notePdf(unshown) {
    this.alert.unsay(this.pdfMessage);
    this.pdfMessage = unshown.length ? unshownNote(unshown, "In de antwoordbestanden verandert niets.") : "";
    if (this.pdfMessage) this.alert.say(this.pdfMessage, "info");
  }

  async exportPdf(button) {
    const label = button.textContent;
    await busy(button, async () => {
      button.textContent = "PDF wordt gemaakt…";
      try {
        const { bytes, unshown } = await this.python.call("callPdfFunction",
          { module: MODULE, name: "overview_pdf", args: this.args() });
        const date = (this.last && this.last.round && this.last.round.date) || isoDate();
        download(bytes, `evaluatie-overzicht-${date}.pdf`, "application/pdf");
        this.notePdf(unshown);
      } catch (error) {
        this.alert.unsay(this.pdfMessage);
        this.pdfMessage = `De PDF kon niet worden gemaakt. ${error.message}`;
        this.alert.say(this.pdfMessage);
      } finally {
        button.textContent = label;
      }
    });
  }
}

for (const root of document.querySelectorAll("[data-eval-overview]")) {
  new OverviewPage(root).start();
}
