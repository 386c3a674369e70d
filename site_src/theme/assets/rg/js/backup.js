// Backups of everything in this browser, and restoring them (all or nothing).
// The file format is described in worksheets/engine/backup.py, which checks a
// file completely (and migrates old schema versions) before anything changes.
import { CryptoError, decryptText, deriveKey, encryptText, envelopeHeader } from "./crypto.js";
import {
  applyChanges, currentVaultKey, decodeRecord, encodeRecord, getAllRecords, getMeta, putMeta, revOf, storageError,
  vaultState,
} from "./store.js";
import { markBackup, markSaved, needsReminder, readMarker, storageRisk } from "./safety.js";
import { broadcast } from "./tabs.js";
import { isoDate } from "./ui.js";
import { readProgress } from "./leerpad-store.js";

const LEERPAD_KEY = "handboek-resourcegroepen-leerpad";

export const BACKUP_FORMAT = "rg-reservekopie";
export const BACKUP_VERSION = 1;
const DOCUMENT_FORMAT = "rg-werkblad";
const PURPOSE = "reservekopie";
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

/** "doelen#oefen#versies" → { id: "doelen", practice: true, versions: true } */
export function parseKey(key) {
  const parts = String(key).split("#");
  return { id: parts[0], practice: parts.includes("oefen"), versions: parts.includes("versies") };
}

export function keyOf(id, practice, versions) {
  return `${id}${practice ? "#oefen" : ""}${versions ? "#versies" : ""}`;
}

function asDocument(id, part) {
  return {
    format: DOCUMENT_FORMAT, worksheet: id, schema_version: part.schema_version || 1,
    saved_at: part.saved_at || "", answers: part.answers || {},
  };
}

/** Every record of this browser, decrypted (needs the passphrase when one is set). */
export async function readEverything() {
  const records = await getAllRecords();
  const out = [];
  for (const record of records) out.push({ record, payload: await decodeRecord(record) });
  return out;
}

/** The plaintext backup document of every worksheet and the learning path (makeBackupFile adds the rounds). */
export async function collectBackup(createdAt = new Date().toISOString()) {
  const byId = new Map();
  for (const { record, payload } of await readEverything()) {
    if (!payload) continue;
    const { id, practice, versions } = parseKey(record.worksheet);
    const entry = byId.get(id) || {
      worksheet: id, title: record.title || id, schema_version: 1, answers: null, practice: null,
      versions: [], practice_versions: [],
    };
    if (record.title) entry.title = record.title;
    if (versions) {
      const list = Array.isArray(payload.versions) ? payload.versions : [];
      entry[practice ? "practice_versions" : "versions"] = list.map((version) => asDocument(id, {
        ...version, schema_version: version.schema_version || payload.schema_version || 1,
      }));
    } else {
      entry[practice ? "practice" : "answers"] = asDocument(id, payload);
      entry.schema_version = Math.max(entry.schema_version, payload.schema_version || 1);
    }
    byId.set(id, entry);
  }
  const worksheets = [...byId.values()].sort((a, b) => a.worksheet.localeCompare(b.worksheet));
  return { format: BACKUP_FORMAT, format_version: BACKUP_VERSION, created_at: createdAt, worksheets,
    leerpad: readProgress() };
}

// The overview's database is loaded only when needed: worksheet pages import this
// module, and their start should not wait for one more file.
const roundsStore = () => import("./evaluatie-store.js");

/** Said after a backup whose file lacks the rounds (``roundsMissing``). */
export const ROUNDS_MISSING =
  "Let op: de rondes van het evaluatie-overzicht konden niet worden gelezen. Ze zitten niet in dit bestand.";

/** The evaluation overview's rounds; null when its database cannot be read (that stops no backup). */
async function overviewRounds() {
  try {
    return await (await roundsStore()).readAllRounds();
  } catch (error) {
    return null;
  }
}

/**
 * The backup file: ``{ text, filename, backup, roundsMissing }``. ``roundsMissing``: the
 * evaluation overview's rounds could not be read, so the file lacks them. ``encrypt``: with the unlocked
 * passphrase key (the file then holds the KDF parameters, so the passphrase alone opens it).
 * ``extra``: worksheets from the screen that storage could not give (a failing save).
 */
export async function makeBackupFile({ encrypt = false, extra = [] } = {}) {
  const createdAt = new Date().toISOString();
  let backup;
  try {
    backup = await collectBackup(createdAt);
  } catch (error) {
    if (!extra.length) throw error;
    backup = { format: BACKUP_FORMAT, format_version: BACKUP_VERSION, created_at: createdAt, worksheets: [],
      leerpad: readProgress() };
  }
  // The overview's rounds go along (``evaluatie_rondes``; left out only when unreadable,
  // so that restoring such a file leaves the rounds of that browser alone).
  const rounds = await overviewRounds();
  if (rounds) backup.evaluatie_rondes = rounds;
  for (const entry of extra) {
    const index = backup.worksheets.findIndex((item) => item.worksheet === entry.worksheet);
    if (index >= 0) backup.worksheets[index] = { ...backup.worksheets[index], ...entry };
    else backup.worksheets.push(entry);
  }
  let file = backup;
  if (encrypt) {
    const key = currentVaultKey();
    if (!key) throw new CryptoError("Typ eerst je wachtwoordzin.", "locked");
    file = {
      format: BACKUP_FORMAT, format_version: BACKUP_VERSION, created_at: createdAt,
      encrypted: await encryptText(key, JSON.stringify(backup), PURPOSE),
    };
  }
  return {
    text: JSON.stringify(file, null, encrypt ? 0 : 2),
    filename: `reservekopie-handboek-resourcegroepen-${isoDate()}.json`,
    backup,
    roundsMissing: rounds === null,
  };
}

/** Remember a backup (date, file name, which answers it holds) for reminders and recovery. */
export async function recordBackup(backup, filename) {
  const worksheets = {};
  for (const entry of backup.worksheets) {
    if (entry.answers) worksheets[entry.worksheet] = entry.answers.saved_at;
  }
  const info = { at: backup.created_at, file: filename, worksheets };
  markBackup(info);
  try {
    await putMeta({ key: "backup", ...info });
  } catch (error) {
    // the marker still has it
  }
  return info;
}

export async function lastBackup() {
  try {
    const stored = await getMeta("backup");
    if (stored) return stored;
  } catch (error) {
    // fall through to the marker
  }
  return null;
}

/** null when no reminder is due; else why a backup matters here ('' when nothing special). */
export async function reminderNeeded() {
  try {
    const changes = (await getAllRecords()).filter((r) => !r.worksheet.includes("#")).map((r) => r.saved_at);
    const backup = (await lastBackup()) || readMarker().backup;
    if (!needsReminder(changes, backup)) return null;
  } catch (error) {
    return null;  // storage problems have their own warning
  }
  return storageRisk();
}

/** First look at a file: ``{ encrypted, text, header }`` or a CryptoError/Error with a message. */
export function openBackupText(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { encrypted: false, text };  // Python gives the exact message
  }
  if (data && typeof data === "object" && data.format === BACKUP_FORMAT && data.encrypted) {
    if (Number.isInteger(data.format_version) && data.format_version > BACKUP_VERSION) {
      throw new CryptoError("Deze reservekopie is gemaakt met een nieuwere versie van de site. Open hem op de nieuwste versie. Er is niets veranderd.", "newer");
    }
    envelopeHeader(data.encrypted);
    return { encrypted: true, data };
  }
  return { encrypted: false, text };
}

/** Decrypt an encrypted backup with a passphrase; returns the plaintext backup text. */
export async function decryptBackup(data, passphrase) {
  const header = envelopeHeader(data.encrypted);
  const key = await deriveKey(passphrase, header.kdf);
  return decryptText(key, data.encrypted, PURPOSE);
}

/** Python checks the whole file: ``{ ok, worksheets, created_at }`` or ``{ ok: false, message }``. */
export function checkBackup(python, text) {
  return python.call("callFunction", { module: "worksheets.engine.backup", name: "check_backup", args: { text } });
}

function restoredDoc(key, entry, part) {
  return {
    format: DOCUMENT_FORMAT, worksheet: key, schema_version: entry.schema_version,
    saved_at: part.saved_at || new Date().toISOString(), answers: part.answers,
  };
}

function versionList(entry, list) {
  return list.map((part) => ({ saved_at: part.saved_at, schema_version: entry.schema_version, answers: part.answers }));
}

function mergeVersions(current, incoming) {
  const seen = new Set(current.map((v) => `${v.saved_at}\u0000${JSON.stringify(v.answers)}`));
  const merged = [...current];
  for (const version of incoming) {
    const id = `${version.saved_at}\u0000${JSON.stringify(version.answers)}`;
    if (!seen.has(id)) merged.push(version);
    seen.add(id);
  }
  return merged.sort((a, b) => String(a.saved_at).localeCompare(String(b.saved_at)));
}

/**
 * Write a checked backup (returns how many things changed: records, rounds, and 1 for
 * the learning path's progress): ``mode`` "replace" (the browser then holds exactly the
 * file) or "keep" (current answers stay; what is missing is added; versions are
 * joined). One transaction: if anything changed meanwhile, nothing is written.
 */
export async function restoreBackup(checked, mode) {
  if (vaultState() === "locked") throw new CryptoError("Typ eerst je wachtwoordzin.", "locked");
  const current = await readEverything();
  const currentByKey = new Map(current.map((item) => [item.record.worksheet, item]));
  const expected = Object.fromEntries(current.map(({ record }) => [record.worksheet, revOf(record)]));
  const put = [];
  for (const entry of checked.worksheets) {
    const title = entry.title;
    for (const practice of [false, true]) {
      const part = entry[practice ? "practice" : "answers"];
      const key = keyOf(entry.worksheet, practice, false);
      if (part && (mode === "replace" || !currentByKey.has(key))) {
        const doc = restoredDoc(key, entry, part);
        put.push(await encodeRecord(key, doc, { title, saved_at: doc.saved_at }));
      }
      const incoming = versionList(entry, entry[practice ? "practice_versions" : "versions"] || []);
      const vkey = keyOf(entry.worksheet, practice, true);
      const existing = currentByKey.get(vkey);
      const versions = mode === "replace" || !existing ? incoming
        : mergeVersions((existing.payload && existing.payload.versions) || [], incoming);
      if (versions.length && (mode === "replace" || JSON.stringify(versions) !== JSON.stringify(existing?.payload?.versions))) {
        const last = versions[versions.length - 1].saved_at;
        put.push(await encodeRecord(vkey, { versions }, { title, saved_at: last }));
      }
    }
  }
  // The overview's rounds (own database) and the learning path's progress (localStorage)
  // are written first and put back if the rest fails.
  const rounds = await restoreRounds(checked.evaluatie_rondes, mode);
  const progressHere = readProgress();
  const progress = mode === "replace" ? { ...checked.leerpad } : { ...checked.leerpad, ...progressHere };
  const before = readLocal(LEERPAD_KEY);
  const after = Object.keys(progress).length ? JSON.stringify({ version: 1, modules: progress }) : null;
  const progressChanged = Object.keys(progressHere).length !== Object.keys(progress).length ||
    Object.entries(progress).some(([id, date]) => progressHere[id] !== date);
  try {
    if (progressChanged) writeLocal(LEERPAD_KEY, after);
    await applyChanges({ put, expected, clear: mode === "replace" });
  } catch (error) {
    const undone = await rounds.undo();
    try {
      writeLocal(LEERPAD_KEY, before);
    } catch (localError) {
      // it was written a moment ago; if even that fails, nothing more can be done here
    }
    if (!undone) error.roundsChanged = true;  // the page must not say "nothing changed"
    throw error;
  }
  for (const record of put) {
    const { id, practice, versions } = parseKey(record.worksheet);
    if (!practice && !versions) markSaved(id, record.saved_at);
  }
  broadcast({ type: "replaced" });
  return put.length + rounds.written + (progressChanged ? 1 : 0);
}

const hasText = (texts) => Object.values(texts || {}).some((text) => String(text).trim());

/**
 * What the file's rounds change here. "replace": they become the only ones. "keep":
 * those this browser lacks are added, and a saved round replaces a draft of the same
 * round (keeping the action points typed here, if any). ``incoming`` null: a backup
 * made before rounds went along; nothing changes.
 */
function roundChanges(incoming, before, mode) {
  if (mode === "replace") return { clear: true, put: incoming };
  const here = new Map(before.map((record) => [record.id, record]));
  const put = [];
  for (const record of incoming) {
    const local = here.get(record.id);
    if (!local) put.push(record);
    else if (local.draft && !record.draft) {
      put.push(hasText(local.actiepunten) ? { ...record, actiepunten: local.actiepunten } : record);
    }
  }
  return { clear: false, put };
}

/** Write the file's rounds; ``undo()`` puts back what was there (true when it worked). */
async function restoreRounds(incoming, mode) {
  const none = { written: 0, undo: async () => true };
  if (incoming === null || incoming === undefined) return none;
  try {
    const store = await roundsStore();
    const before = await store.readAllRounds();
    const change = roundChanges(incoming, before, mode);
    if (!change.put.length && !(change.clear && before.length)) return none;
    await store.updateRounds(change);
    const previous = new Map(before.map((record) => [record.id, record]));
    const undo = () => store.updateRounds(change.clear ? { clear: true, put: before } : {
      remove: change.put.filter((record) => !previous.has(record.id)).map((record) => record.id),
      put: change.put.filter((record) => previous.has(record.id)).map((record) => previous.get(record.id)),
    }).then(() => true, () => false);
    return { written: change.put.length, undo };
  } catch (error) {
    const why = error.kind === "blocked" ? ` ${error.message}` : "";
    throw new Error(`De rondes van het evaluatie-overzicht konden niet worden bewaard.${why}`);
  }
}

function readLocal(name) {
  try {
    return localStorage.getItem(name);
  } catch (error) {
    return null;
  }
}

function writeLocal(name, value) {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, value);
  } catch (error) {
    throw storageError(error);  // in Dutch: full, or blocked
  }
}
