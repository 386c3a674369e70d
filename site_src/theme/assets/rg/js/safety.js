// Safety nets around the browser's storage, which is a working copy that can disappear.
//
// Drafts: on every change the page writes the answers synchronously to
// localStorage ("rg:klad:<key>"), so a keystroke is kept even when the page is
// closed before the (debounced, asynchronous) IndexedDB save runs. On load the
// newer of draft and stored answers wins; a verified save removes the draft.
// With a passphrase set there are NO drafts: localStorage cannot be written
// encrypted synchronously, and a plaintext copy would defeat the passphrase.
// The flag "rg:beschermd" tells every page so before IndexedDB is even open.
//
// Marker: "rg:bewaard" remembers which worksheets have answers here and when the
// last backup was made (ids and dates only, never answers). If IndexedDB is
// emptied while this marker survives, the pages say so and point to the backup.

const DRAFT_PREFIX = "rg:klad:";
const MARKER = "rg:bewaard";
const PROTECTED = "rg:beschermd";
const SNOOZE = "rg:reservekopie-later";
export const REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

function local() {
  try {
    return globalThis.localStorage || null;
  } catch (error) {
    return null;  // storage blocked entirely
  }
}

function readJson(name) {
  try {
    const text = local() && local().getItem(name);
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null;
  }
}

function writeJson(name, value) {
  try {
    local().setItem(name, JSON.stringify(value));
    return true;
  } catch (error) {
    return false;
  }
}

function remove(name) {
  try {
    local().removeItem(name);
  } catch (error) {
    // nothing to do
  }
}

// --- drafts --------------------------------------------------------------------

export function isProtectedHere() {
  try {
    return Boolean(local() && local().getItem(PROTECTED) === "1");
  } catch (error) {
    return false;
  }
}

export function setProtectedHere(on) {
  if (on) {
    writeJson(PROTECTED, 1);
    clearAllDrafts();
  } else {
    remove(PROTECTED);
  }
}

/** Keep ``doc`` synchronously; false when not possible or not allowed. */
export function writeDraft(key, doc) {
  if (isProtectedHere()) return false;
  return writeJson(DRAFT_PREFIX + key, doc);
}

export function readDraft(key) {
  if (isProtectedHere()) {
    remove(DRAFT_PREFIX + key);
    return null;
  }
  const draft = readJson(DRAFT_PREFIX + key);
  const ok = draft && typeof draft === "object" && typeof draft.saved_at === "string" &&
    draft.answers && typeof draft.answers === "object" && Number.isInteger(draft.schema_version);
  return ok ? draft : null;
}

/** Remove the draft of ``key`` if it is not newer than ``savedAt`` (always when omitted). */
export function clearDraft(key, savedAt) {
  const draft = readJson(DRAFT_PREFIX + key);
  if (!draft) return;
  if (savedAt && typeof draft.saved_at === "string" && draft.saved_at > savedAt) return;
  remove(DRAFT_PREFIX + key);
}

export function clearAllDrafts() {
  const store = local();
  if (!store) return;
  try {
    const keys = [];
    for (let i = 0; i < store.length; i += 1) {
      const name = store.key(i);
      if (name && name.startsWith(DRAFT_PREFIX)) keys.push(name);
    }
    for (const name of keys) store.removeItem(name);
  } catch (error) {
    // nothing to do
  }
}

/** The newer of a stored document and a draft (by saved_at). */
export function newerOf(stored, draft) {
  if (!draft) return { doc: stored, fromDraft: false };
  if (!stored || String(draft.saved_at) > String(stored.saved_at || "")) return { doc: draft, fromDraft: true };
  return { doc: stored, fromDraft: false };
}

// --- the marker -------------------------------------------------------------------

export function readMarker() {
  const marker = readJson(MARKER);
  const worksheets = marker && marker.worksheets && typeof marker.worksheets === "object" ? marker.worksheets : {};
  return { worksheets, backup: marker && marker.backup ? marker.backup : null };
}

function writeMarker(marker) {
  writeJson(MARKER, { v: 1, ...marker });
}

export function markSaved(id, savedAt) {
  const marker = readMarker();
  if (marker.worksheets[id] === savedAt) return;
  marker.worksheets[id] = savedAt;
  writeMarker(marker);
}

export function markRemoved(id) {
  const marker = readMarker();
  if (!(id in marker.worksheets)) return;
  delete marker.worksheets[id];
  writeMarker(marker);
}

export function markBackup(backup) {
  const marker = readMarker();
  marker.backup = backup;
  writeMarker(marker);
}

export function forgetEverything() {
  remove(MARKER);
  remove(SNOOZE);
  remove(PROTECTED);
  clearAllDrafts();
}

/** Worksheet ids the marker remembers but storage no longer has. */
export function vanishedIds(presentIds) {
  const present = new Set(presentIds);
  return Object.keys(readMarker().worksheets).filter((id) => !present.has(id));
}

// --- backup reminders ------------------------------------------------------------------

/** Show the reminder? When answers changed after the last backup and that is old or missing. */
export function needsReminder(changes, backup, now = Date.now()) {
  const lastBackup = backup && backup.at ? Date.parse(backup.at) : 0;
  const changed = changes.some((savedAt) => savedAt && Date.parse(savedAt) > lastBackup);
  const snoozed = Number(readJson(SNOOZE)) > now;
  return changed && !snoozed && (!lastBackup || now - lastBackup > REMINDER_DAYS * DAY_MS);
}

export function snoozeReminder(now = Date.now()) {
  writeJson(SNOOZE, now + DAY_MS);
}

// --- the browser: Safari's 7-day rule, private windows, persistent storage ------------------

export function browserInfo() {
  const nav = globalThis.navigator || {};
  const ua = nav.userAgent || "";
  const ios = /iPhone|iPad|iPod/.test(ua) || (nav.platform === "MacIntel" && nav.maxTouchPoints > 1);
  const safari = ios || (/Safari\//.test(ua) && !/Chrome|Chromium|CriOS|FxiOS|Edg|OPR|Android/.test(ua));
  const standalone = nav.standalone === true ||
    Boolean(globalThis.matchMedia && matchMedia("(display-mode: standalone)").matches);
  return { ios, safari, standalone };
}

/** A guess: private windows get a small storage quota. */
export async function maybePrivateWindow() {
  try {
    const { quota } = await navigator.storage.estimate();
    return typeof quota === "number" && quota < 200 * 1024 * 1024;
  } catch (error) {
    return false;
  }
}

/** Why a backup matters in this browser, in plain words ('' when nothing special). */
export async function storageRisk() {
  const info = browserInfo();
  if (await maybePrivateWindow()) {
    return "Je werkt misschien in een privévenster. Als je dat venster sluit, is alles wat je hier typt weg.";
  }
  if (info.safari && !info.standalone) {
    return "Safari wist de gegevens van een website als je die 7 dagen niet hebt bezocht. Dan zijn je antwoorden weg.";
  }
  return "";
}

export async function persistState() {
  try {
    if (!navigator.storage || !navigator.storage.persisted) return "unsupported";
    return (await navigator.storage.persisted()) ? "granted" : "not";
  } catch (error) {
    return "unsupported";
  }
}

export async function requestPersist() {
  try {
    if (!navigator.storage || !navigator.storage.persist) return "unsupported";
    return (await navigator.storage.persist()) ? "granted" : "denied";
  } catch (error) {
    return "unsupported";
  }
}
