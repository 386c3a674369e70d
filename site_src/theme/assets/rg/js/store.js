// Answers in IndexedDB, in this browser only. Nothing is ever sent anywhere.
//
// Database "handboek-resourcegroepen", version 2:
//   worksheets  keyPath "worksheet": one record per key: "<id>" (the answers),
//               "<id>#oefen" (practice copy), "<id>#versies", "<id>#oefen#versies".
//   meta        keyPath "key": "vault" (passphrase header), "backup" (last backup).
//
// Every record has a revision ("rev"). A write names the revision it expects and
// the transaction refuses it (ConflictError) when the stored one differs, so two
// tabs, or a tab and a restore, never overwrite each other silently. Writes use
// strict durability and are read back: what is stored must equal what was written.
// With a passphrase set, a record holds only its key, revision, title, saved_at
// and an encrypted envelope (crypto.js) of the rest.
import { CryptoError, decryptJson, encryptJson } from "./crypto.js";

export const DB_NAME = "handboek-resourcegroepen";
export const DB_VERSION = 2;
export const STORE = "worksheets";
export const META = "meta";
const BLOCKED_WAIT_MS = 8000;

export class StorageError extends Error {
  constructor(message, cause, kind = "unavailable") {
    super(message);
    this.name = "StorageError";
    this.cause = cause;
    this.kind = kind;
  }
}

export class ConflictError extends StorageError {
  constructor(current) {
    super("Dit werkblad is intussen ergens anders veranderd, in een ander tabblad of op de pagina Mijn gegevens.",
      null, "conflict");
    this.current = current;
  }
}

// What went wrong, and (for a worksheet page) what that means for the answers on
// screen. A page without answers on screen ("Mijn gegevens") says only the first part.
const MESSAGES = {
  quota: ["De opslag van deze browser is vol.", "Je antwoorden staan nog op het scherm, maar zijn niet bewaard."],
  unavailable: ["Opslaan in deze browser lukt niet (bijvoorbeeld in een privévenster).",
    "Je antwoorden staan nog op het scherm, maar zijn niet bewaard."],
  outdated: ["De site is intussen bijgewerkt in een ander tabblad. Laad deze pagina opnieuw.",
    "Je antwoorden staan nog op het scherm, maar zijn niet bewaard."],
  blocked: ["De opslag wacht op een ander tabblad van deze site. Sluit de andere tabbladen of laad deze pagina opnieuw.",
    "Je antwoorden staan nog op het scherm."],
  unverified: ["Bij het controleren bleek dat je gegevens niet goed zijn bewaard.", "Je antwoorden staan nog op het scherm."],
  locked: ["Je gegevens zijn beschermd met een wachtwoordzin. Typ eerst je wachtwoordzin.", ""],
};

export function storageError(error, kind) {
  if (error instanceof StorageError) return error;
  const found = kind || (error && error.name === "QuotaExceededError" ? "quota"
    : error && error.name === "VersionError" ? "outdated" : "unavailable");
  const [reason, onScreen] = MESSAGES[found];
  const failure = new StorageError(`${reason} ${onScreen}`.trim(), error, found);
  failure.reason = reason;
  return failure;
}

/** Why ``error`` happened, without what it means for answers on screen. */
export function reasonOf(error) {
  return (error && error.reason) || (error && error.message) || String(error);
}

// --- the connection ----------------------------------------------------------

const listeners = new Set();
/** Hear about "versionchange" (another tab upgrades the database) and "blocked". */
export function onStorageEvent(listener) {
  listeners.add(listener);
}
function emit(type) {
  for (const listener of listeners) listener(type);
}

let dbPromise = null;

function openDb() {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve, reject) => {
    let open;
    try {
      if (!globalThis.indexedDB) throw new Error("IndexedDB ontbreekt");
      open = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (error) {
      reject(error);
      return;
    }
    let settled = false;
    let blockedTimer = null;
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "worksheet" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: "key" });
    };
    open.onsuccess = () => {
      clearTimeout(blockedTimer);
      const db = open.result;
      if (settled) {  // we gave up waiting; the next call opens again
        db.close();
        return;
      }
      settled = true;
      // Another tab wants a newer database (a site update): let it, never block it.
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
        emit("versionchange");
      };
      db.onclose = () => { dbPromise = null; };
      resolve(db);
    };
    open.onerror = () => {
      clearTimeout(blockedTimer);
      settled = true;
      reject(open.error);
    };
    // Blocked: an older tab still has the database open. It normally closes at
    // once (see onversionchange); if not, do not hang: report, and try later.
    open.onblocked = () => {
      emit("blocked");
      blockedTimer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(storageError(null, "blocked"));
      }, BLOCKED_WAIT_MS);
    };
  });
  dbPromise.catch(() => { dbPromise = null; });
  return dbPromise;
}

async function database() {
  try {
    return await openDb();
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Run one transaction. ``body(tx, state)`` makes requests; it may set
 * ``state.value`` (the result) or call ``fail(state, error)`` to abort with that error.
 */
async function transact(names, mode, body, retry = true) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const state = { value: undefined, error: null };
    let tx;
    try {
      tx = db.transaction(names, mode, { durability: mode === "readwrite" ? "strict" : "default" });
    } catch (error) {
      if (retry && error && error.name === "InvalidStateError") {  // closed by a version change
        dbPromise = null;
        transact(names, mode, body, false).then(resolve, reject);
        return;
      }
      reject(storageError(error));
      return;
    }
    tx.oncomplete = () => resolve(state.value);
    tx.onabort = () => reject(state.error || storageError(tx.error));
    try {
      body(tx, state);
    } catch (error) {
      fail(tx, state, error);
    }
  });
}

function fail(tx, state, error) {
  state.error = error instanceof StorageError ? error : storageError(error);
  try {
    tx.abort();
  } catch (ignored) {
    // already finished
  }
}

// A guarded request: an exception (e.g. a quota error thrown by put) aborts cleanly.
function guarded(tx, state, action) {
  try {
    return action();
  } catch (error) {
    fail(tx, state, error);
    return null;
  }
}

// --- revisions and records ---------------------------------------------------------

export function newRev() {
  return globalThis.crypto && crypto.randomUUID ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The revision of a stored record (records from before revisions get a stable one). */
export function revOf(record) {
  if (!record) return null;
  return typeof record.rev === "string" ? record.rev : `oud:${record.saved_at || ""}`;
}

// --- reads started early ------------------------------------------------------------
// A worksheet page reads its answers, their versions and the passphrase record in
// one transaction while the page is still being parsed (startup.js). The first read
// of each of those keys takes that result; any write, and the page once its form is
// filled (forgetReadAhead), drop what was not taken, so nothing stale is read later.
const readAheads = new Map();

export function readAhead(keys, metaKeys) {
  const values = transact([STORE, META], "readonly", (tx, state) => {
    state.value = new Map();
    const read = (store, key, name) => {
      const request = tx.objectStore(store).get(key);
      request.onsuccess = () => { state.value.set(name, request.result); };
    };
    for (const key of keys) read(STORE, key, `record:${key}`);
    for (const key of metaKeys) read(META, key, `meta:${key}`);
  });
  values.catch(() => {});  // a read that takes it reports the error
  const names = [...keys.map((key) => `record:${key}`), ...metaKeys.map((key) => `meta:${key}`)];
  for (const name of names) readAheads.set(name, values.then((map) => map.get(name)));
}

export function forgetReadAhead() {
  readAheads.clear();
}

function takeReadAhead(name) {
  const value = readAheads.get(name);
  readAheads.delete(name);
  return value;
}

export function getRecord(key) {
  return takeReadAhead(`record:${key}`) || transact([STORE], "readonly", (tx, state) => {
    const request = tx.objectStore(STORE).get(key);
    request.onsuccess = () => { state.value = request.result; };
  });
}

export function getAllRecords() {
  return transact([STORE], "readonly", (tx, state) => {
    const request = tx.objectStore(STORE).getAll();
    request.onsuccess = () => { state.value = request.result || []; };
  });
}

/**
 * Store ``record`` (its key in ``record.worksheet``) if the stored revision is still
 * ``expectedRev`` (null: no record yet; undefined: do not check). Then read it back
 * and compare. Returns the stored record with its new revision.
 */
export async function putRecord(record, expectedRev) {
  forgetReadAhead();
  const stored = { ...record, rev: newRev() };
  await transact([STORE], "readwrite", (tx, state) => {
    const store = tx.objectStore(STORE);
    const get = store.get(record.worksheet);
    get.onsuccess = () => {
      if (expectedRev !== undefined && revOf(get.result) !== expectedRev) {
        fail(tx, state, new ConflictError(get.result));
        return;
      }
      guarded(tx, state, () => store.put(stored));
    };
  });
  const back = await getRecord(record.worksheet);
  if (JSON.stringify(back) !== JSON.stringify(stored)) throw storageError(null, "unverified");
  return stored;
}

export async function deleteRecord(key, expectedRev) {
  forgetReadAhead();
  await transact([STORE], "readwrite", (tx, state) => {
    const store = tx.objectStore(STORE);
    const get = store.get(key);
    get.onsuccess = () => {
      if (expectedRev !== undefined && get.result && revOf(get.result) !== expectedRev) {
        fail(tx, state, new ConflictError(get.result));
        return;
      }
      guarded(tx, state, () => store.delete(key));
    };
  });
}

/**
 * Several changes in one transaction, all or nothing: ``expected`` maps keys to the
 * revisions they must still have (else ConflictError and nothing changes).
 * ``clear`` empties the store first; ``meta`` records are put into the meta store.
 */
export async function applyChanges({ put = [], remove = [], expected = {}, clear = false, meta = [],
  removeMeta = [] }) {
  forgetReadAhead();
  const written = put.map((record) => ({ ...record, rev: newRev() }));
  await transact([STORE, META], "readwrite", (tx, state) => {
    const store = tx.objectStore(STORE);
    const all = store.getAll();
    all.onsuccess = () => {
      const current = new Map((all.result || []).map((record) => [record.worksheet, record]));
      for (const [key, rev] of Object.entries(expected)) {
        if (revOf(current.get(key)) !== rev) {
          fail(tx, state, new ConflictError(current.get(key)));
          return;
        }
      }
      guarded(tx, state, () => {
        if (clear) store.clear();
        for (const key of remove) store.delete(key);
        for (const record of written) store.put(record);
        for (const record of meta) tx.objectStore(META).put(record);
        for (const key of removeMeta) tx.objectStore(META).delete(key);
      });
    };
  });
  const back = new Map((await getAllRecords()).map((record) => [record.worksheet, record]));
  for (const record of written) {
    if (JSON.stringify(back.get(record.worksheet)) !== JSON.stringify(record)) {
      throw storageError(null, "unverified");
    }
  }
  return written;
}

export function getMeta(key) {
  return takeReadAhead(`meta:${key}`) || transact([META], "readonly", (tx, state) => {
    const request = tx.objectStore(META).get(key);
    request.onsuccess = () => { state.value = request.result; };
  });
}

export function putMeta(record) {
  forgetReadAhead();
  return transact([META], "readwrite", (tx, state) => {
    guarded(tx, state, () => tx.objectStore(META).put(record));
  });
}

/** Delete every record and every meta record of this database. */
export function wipeDatabase() {
  forgetReadAhead();
  return transact([STORE, META], "readwrite", (tx, state) => {
    guarded(tx, state, () => {
      tx.objectStore(STORE).clear();
      tx.objectStore(META).clear();
    });
  });
}

// --- the passphrase: records encrypted with the unlocked key ------------------------

let vaultKey = null;
let vaultRecord;  // undefined: not read yet; null: no passphrase set

/** The passphrase header (meta "vault"), or null when none is set. */
export async function loadVault() {
  vaultRecord = (await getMeta("vault")) || null;
  if (vaultKey && (!vaultRecord || JSON.stringify(vaultRecord.kdf) !== JSON.stringify(vaultKey.kdf))) {
    vaultKey = null;  // the passphrase was removed or changed elsewhere
  }
  return vaultRecord;
}

export function vaultState() {
  if (vaultRecord === undefined) return "unknown";
  if (!vaultRecord) return "none";
  return vaultKey ? "unlocked" : "locked";
}

export function setVaultKey(key, record) {
  vaultKey = key;
  if (record !== undefined) vaultRecord = record;
}

export function currentVaultKey() {
  return vaultKey;
}

const PLAIN_META = ["title", "saved_at"];

/** A record for ``key`` holding ``payload``: encrypted with ``key`` when given, else plain. */
export async function buildRecord(key, payload, extra, withKey) {
  const meta = {};
  for (const name of PLAIN_META) {
    const value = extra && extra[name] !== undefined ? extra[name] : payload[name];
    if (value !== undefined) meta[name] = value;
  }
  if (withKey) return { worksheet: key, ...meta, encrypted: await encryptJson(withKey, payload, key) };
  return { ...payload, ...meta, worksheet: key };
}

/** A record for ``key`` holding ``payload`` (a document or {versions}), encrypted when protected. */
export async function encodeRecord(key, payload, extra = {}) {
  // Read the header every time: another tab may have set or changed the passphrase.
  await loadVault();
  if (vaultRecord && !vaultKey) throw storageError(null, "locked");
  return buildRecord(key, payload, extra, vaultRecord ? vaultKey : null);
}

/** The payload of a stored record: decrypted when needed (CryptoError / locked). */
export async function decodeRecord(record) {
  if (!record) return null;
  if (record.encrypted) {
    if (!vaultKey) throw storageError(null, "locked");
    try {
      return await decryptJson(vaultKey, record.encrypted, record.worksheet);
    } catch (error) {
      if (error instanceof CryptoError) {
        throw new StorageError("Een deel van je gegevens kan niet worden ontsleuteld. Het is beschadigd.", error, "damaged");
      }
      throw error;
    }
  }
  const { rev, title, ...payload } = record;
  return payload;
}

// --- documents and versions, as the worksheet page uses them ---------------------------

/** ``{ doc, rev }`` for a key; doc is null when nothing is stored. */
export async function loadDocument(key) {
  const record = await getRecord(key);
  return { doc: await decodeRecord(record), rev: revOf(record) };
}

/** Save a document under ``key`` if nobody else changed it; returns the new revision. */
export async function saveDocument(key, doc, expectedRev, title) {
  const record = await encodeRecord(key, { ...doc, worksheet: key }, { title, saved_at: doc.saved_at });
  const stored = await putRecord(record, expectedRev);
  if (stored.encrypted) {  // read-back check of what the user will see, not just the bytes
    const again = await decodeRecord(await getRecord(key));
    if (JSON.stringify(again.answers) !== JSON.stringify(doc.answers)) throw storageError(null, "unverified");
  }
  return stored.rev;
}

// Saved versions of a worksheet ("Bewaar deze versie") live next to its answers.
export const versionsKey = (key) => `${key}#versies`;

export async function loadVersions(key) {
  const record = await getRecord(versionsKey(key));
  const payload = await decodeRecord(record);
  return {
    versions: payload && Array.isArray(payload.versions) ? payload.versions : [],
    rev: revOf(record),
  };
}

export async function saveVersions(key, versions, expectedRev, title) {
  const last = versions.length ? versions[versions.length - 1].saved_at : "";
  const record = await encodeRecord(versionsKey(key), { versions }, { title, saved_at: last });
  return (await putRecord(record, expectedRev)).rev;
}
