// The learning path overview: progress read from this browser ("3 van 6
// modules gedaan"), and the certificate: the typed name goes to Python (in the
// worker) only to be written into the PDF. The name is never stored.
import { PythonClient } from "./python.js";
import { confirmDialog, download, isoDate, setBusy, setText, unshownNote } from "./ui.js";
import { NO_STORAGE, clearProgress, dutchDate, onProgressChange, readProgress, storageWorks } from "./leerpad-store.js";

const MODULE = "worksheets._zelftoets";
const NONE_DONE = "Rond eerst minstens één module af. Dan kun je een overzicht maken.";
const MAKING = "Het overzicht wordt gemaakt… De eerste keer duurt dat even.";
const MADE = "Het overzicht is gedownload. Je naam is nergens bewaard.";
const NAME_IN_LETTERS = "Wil je je hele naam op het overzicht? Schrijf hem dan met de letters van ons alfabet.";
const NO_PYTHON =
  "Het overzicht kan niet worden gemaakt: de rekenhulp kon niet starten in deze browser. " +
  "Probeer een nieuwere browser, of een browser waarin WebAssembly niet geblokkeerd is.";

class LearningPath {
  constructor(root, certificate) {
    this.root = root;
    this.count = root.querySelector("[data-leerpad-count]");
    this.bar = root.querySelector("[data-leerpad-progress]");
    this.modules = [...document.querySelectorAll("[data-module]")];
    this.certificate = certificate;
    this.python = null;
  }

  start() {
    this.storage = storageWorks();
    this.render();
    onProgressChange(() => this.render());
    if (!this.certificate) return;
    this.name = this.certificate.querySelector("[data-certificate-name]");
    this.button = this.certificate.querySelector("[data-certificate-download]");
    this.status = this.certificate.querySelector("[data-certificate-status]");
    // Python starts only when someone turns to the certificate.
    this.certificate.addEventListener("focusin", () => this.startPython());
    this.certificate.addEventListener("pointerdown", () => this.startPython());
    this.button.addEventListener("click", () => this.download());
    this.name.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.download();
      }
    });
    this.certificate.querySelector("[data-leerpad-reset]").addEventListener("click", () => this.reset());
  }

  done() {
    const progress = readProgress();
    const known = new Set(this.modules.map((module) => module.dataset.module));
    return Object.fromEntries(Object.entries(progress).filter(([id]) => known.has(id)));
  }

  render() {
    const done = this.done();
    const total = this.modules.length;
    const count = Object.keys(done).length;
    this.bar.max = total;
    this.bar.value = count;
    let text = `${count} van ${total} modules gedaan`;
    if (count === total) text += ". Gefeliciteerd: je hebt het hele leerpad doorgewerkt!";
    if (!this.storage) text = `${text}. ${NO_STORAGE}`;
    setText(this.count, text, count === total ? "complete" : "partial");
    this.root.dataset.done = String(count);
    for (const module of this.modules) {
      const status = module.querySelector("[data-module-status]");
      const date = done[module.dataset.module];
      module.dataset.state = date ? "done" : "open";
      if (date) {
        const icon = document.createElement("span");
        icon.className = "rg-leerpad-icon";
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = "✓";
        status.replaceChildren(icon, `Gedaan op ${dutchDate(date)}`);
      } else {
        status.textContent = "Nog niet gedaan";
      }
    }
  }

  startPython() {
    if (this.python) return;
    this.python = new PythonClient((state, info) => {
      if (state === "failed" && this.waiting) setText(this.status, info?.message || NO_PYTHON, "failed");
    }).start();
  }

  async download() {
    const modules = this.done();
    if (!Object.keys(modules).length) {
      setText(this.status, NONE_DONE, "open");
      return;
    }
    this.startPython();
    if (!setBusy(this.button, true)) return;
    this.waiting = true;
    setText(this.status, MAKING, "busy");
    try {
      const { bytes, unshown } = await this.python.call("callPdfFunction", {
        module: MODULE, name: "certificate",
        args: { name: this.name.value, modules, today: isoDate() },
      });
      download(bytes, `overzicht-leerpad-${isoDate()}.pdf`, "application/pdf");
      setText(this.status, unshown.length ? `${MADE} ${unshownNote(unshown, NAME_IN_LETTERS)}` : MADE,
        "done");
    } catch (error) {
      setText(this.status, this.python.state === "failed" ? NO_PYTHON
        : `Het overzicht kon niet worden gemaakt. ${error.message}`, "failed");
    } finally {
      this.waiting = false;
      setBusy(this.button, false);
    }
  }

  async reset() {
    const sure = await confirmDialog({
      title: "Voortgang wissen?",
      message: "De afgeronde modules worden uit deze browser gewist. Dit kun je niet ongedaan maken. Maak eerst een overzicht als je je voortgang wilt bewaren.",
      confirmLabel: "Voortgang wissen",
      danger: true,
    });
    if (!sure) return;
    try {
      clearProgress();
    } catch (error) {
      // Nothing stored, nothing to clear.
    }
    this.render();
    setText(this.status, "Je voortgang is gewist.", "done");
  }
}

const root = document.querySelector("[data-leerpad]");
if (root) new LearningPath(root, document.querySelector("[data-certificate]")).start();
