// What a worksheet page starts before its form exists. This small module loads
// from the page's head on its own (before worksheet.js, which imports it and so
// shares this instance): while the browser is still parsing the page it asks for
// the tab lock and reads the stored answers (one storage transaction; on a first
// visit this also creates the database, which takes a while). The page attaches
// itself once the form has been parsed; until then the tab guard holds on to what
// it has to tell it. Python starts later, once the form is usable: measured, a
// Python start beside the form made the form slower and Python no faster.
import { readAhead, versionsKey } from "./store.js";
import { TabGuard } from "./tabs.js";
import { refreshVault } from "./vault.js";

class Startup {
  constructor(id) {
    this.id = id;
    this.page = new Promise((resolve) => { this.attach = resolve; });
    const later = (method) => (...args) => this.page.then((page) => page[method](...args));
    this.guard = new TabGuard(id, {
      onWriter: later("becomeWriter"),
      onReadOnly: later("becomeReadOnly"),
      beforeYield: later("flushAndWait"),
    });
    this.writing = this.guard.start();
    // The answers, their versions and the passphrase record in one read.
    const key = practiceOn(id) ? `${id}#oefen` : id;
    readAhead([key, versionsKey(key)], ["vault"]);
    // Storage unavailable: the page's restore() says so.
    this.vault = refreshVault().catch(() => {});
  }
}

// The worksheet named on this module's script element starts now.
const named = document.querySelector("script[data-rg-worksheet]")?.dataset.rgWorksheet;
let early = named ? new Startup(named) : null;

/** The startup begun for worksheet ``id`` (once), or a new one. */
export function startupFor(id) {
  if (early && early.id === id) {
    const started = early;
    early = null;
    return started;
  }
  return new Startup(id);
}

// The Oefenmodus is on in this tab (see WorksheetPage.setPractice).
function practiceOn(id) {
  try {
    return globalThis.sessionStorage?.getItem(`rg:oefen:${id}`) === "1";
  } catch (error) {
    return false;
  }
}

/** Resolves once an element matching ``selector`` is in the document (or it is parsed). */
export function whenParsed(selector) {
  return new Promise((resolve) => {
    if (document.querySelector(selector) || document.readyState !== "loading") {
      resolve();
      return;
    }
    const done = () => {
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) done();
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", done, { once: true });
  });
}
