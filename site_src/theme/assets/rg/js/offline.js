// Offline use and updates, on every page: registers the site's service worker
// (sw.js at the site root, so it covers the whole site) and tells the user when a
// new version of the site is ready: "Nieuwe versie beschikbaar".
//
// Nothing is reloaded unless the user chooses "Nu bijwerken". Before reloading, this
// module waits until the page is quiet: no input or change event for 300 ms and no
// worksheet save pending (a worksheet marks `data-saving` on its root until the last
// change is stored; it saves every change within 150 ms). It also dispatches the
// event "rg:before-update" on the document, so a page with unsaved state can hold
// the update back (event.preventDefault()) and finish first; at most 5 s is waited.
// Only then is the waiting service worker activated and the page reloaded.

const ROOT = new URL("../../../", import.meta.url);
const QUIET_MS = 300;
const MAX_WAIT_MS = 5000;
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let lastInput = 0;
let reloading = false;
let banner = null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function noteInput() {
  lastInput = performance.now();
}

// Resolves once nothing typed is waiting to be stored (or after MAX_WAIT_MS).
async function quiet() {
  const until = performance.now() + MAX_WAIT_MS;
  let heldBack = true;
  while (performance.now() < until) {
    const saving = document.querySelector("[data-worksheet][data-saving]");
    if (heldBack) {
      const event = new CustomEvent("rg:before-update", { cancelable: true });
      heldBack = !document.dispatchEvent(event);
    }
    if (!heldBack && !saving && performance.now() - lastInput >= QUIET_MS) return;
    await sleep(50);
  }
}

function addStyles() {
  if (document.querySelector("link[data-rg-offline-css]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("../css/offline.css", import.meta.url).href;
  link.dataset.rgOfflineCss = "";
  document.head.append(link);
}

function showBanner(text, actionLabel, action) {
  addStyles();
  if (banner) banner.remove();
  banner = document.createElement("div");
  banner.className = "rg-update";
  banner.setAttribute("role", "status");
  banner.dataset.rg = "update";
  const message = document.createElement("p");
  message.textContent = text;
  const now = document.createElement("button");
  now.type = "button";
  now.className = "rg-update__now";
  now.textContent = actionLabel;
  const later = document.createElement("button");
  later.type = "button";
  later.className = "rg-update__later";
  later.textContent = "Later";
  now.addEventListener("click", async () => {
    now.disabled = true;
    later.disabled = true;
    now.textContent = "Even wachten…";
    await action();
  });
  later.addEventListener("click", () => { banner.remove(); banner = null; });
  banner.append(message, now, later);
  document.body.append(banner);
}

function offerUpdate(registration) {
  showBanner("Nieuwe versie beschikbaar. Wat je hebt ingevuld, blijft bewaard.", "Nu bijwerken", async () => {
    await quiet();
    const waiting = registration.waiting;
    reloading = true;
    if (waiting) waiting.postMessage({ type: "rg:activate" });
    else location.reload();
  });
}

function offerReload() {
  showBanner("Deze site is bijgewerkt in een ander tabblad. Laad deze pagina opnieuw.", "Opnieuw laden", async () => {
    await quiet();
    reloading = true;
    location.reload();
  });
}

// A new version being installed: offered once it is ready.
function whenInstalled(registration, installing) {
  if (!installing) return;
  installing.addEventListener("statechange", () => {
    if (installing.state === "installed" && navigator.serviceWorker.controller) offerUpdate(registration);
  });
}

// The site version a service worker holds; null when there is no worker, UNKNOWN when
// it does not answer in time (a stopped worker on a slow phone may take a while).
const UNKNOWN = Symbol("unknown version");
const VERSION_WAIT_MS = 5000;

function versionOf(worker) {
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const done = (version) => { clearTimeout(timer); channel.port1.close(); resolve(version); };
    const timer = setTimeout(() => done(UNKNOWN), VERSION_WAIT_MS);
    channel.port1.onmessage = (event) => done(event.data);
    worker.postMessage({ type: "rg:version" }, [channel.port2]);
  });
}

// A page no service worker controls (a first visit, or Shift+Reload) is taken over
// by the next version that becomes active. Nothing changed for the user when that is
// the version that was active as the page loaded, or none was (a first visit).
async function sameVersion(versionAtLoad) {
  const before = await versionAtLoad;
  if (before === null) return true;
  const now = await versionOf(navigator.serviceWorker.controller);
  return before !== UNKNOWN && before === now;
}

// Another tab let a new version take over: this page is told to reload. Listened for
// from the start, so a takeover while the page is still settling is not missed.
function followTakeovers(hadController) {
  let controlled = hadController;
  const versionAtLoad = hadController ? Promise.resolve(null) : navigator.serviceWorker
    .getRegistration().then((registration) => versionOf(registration?.active)).catch(() => UNKNOWN);
  navigator.serviceWorker.addEventListener("controllerchange", async () => {
    if (!controlled) {
      controlled = true;
      if (await sameVersion(versionAtLoad)) return;
    }
    if (reloading) location.reload();
    else offerReload();
  });
}

function watch(registration, hadController) {
  if (registration.waiting && hadController) offerUpdate(registration);
  // An install the browser began before this page registered (it checks sw.js at
  // every navigation) announced itself before anyone listened.
  whenInstalled(registration, registration.installing);
  registration.addEventListener("updatefound", () => whenInstalled(registration, registration.installing));
  const check = () => registration.update().catch(() => {});
  setInterval(check, UPDATE_CHECK_MS);
  window.addEventListener("online", check);
}

// Start after the page itself is done: on a worksheet page once Python has
// started (or failed), so the service worker's downloads never compete with it.
async function pageSettled() {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  }
  const sheet = document.querySelector("[data-worksheet]");
  if (sheet && !sheet.dataset.python) {
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (sheet.dataset.python) { observer.disconnect(); resolve(); }
      });
      observer.observe(sheet, { attributes: true, attributeFilter: ["data-python"] });
      setTimeout(() => { observer.disconnect(); resolve(); }, 30000);
    });
  }
  await new Promise((resolve) => {
    if (globalThis.requestIdleCallback) requestIdleCallback(resolve, { timeout: 2000 });
    else setTimeout(resolve, 200);
  });
}

async function start() {
  document.addEventListener("input", noteInput, true);
  document.addEventListener("change", noteInput, true);
  const hadController = Boolean(navigator.serviceWorker.controller);
  followTakeovers(hadController);
  if (!hadController) await pageSettled();
  try {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", ROOT).href);
    watch(registration, hadController);
  } catch (error) {
    console.warn("Offline gebruik is niet beschikbaar:", error.message);
  }
}

if ("serviceWorker" in navigator && window.isSecureContext) start();
