// Answers in IndexedDB, in this browser only. Nothing is ever sent anywhere.

const DB_NAME = "handboek-resourcegroepen";
const DB_VERSION = 1;
const STORE = "worksheets";

export class StorageError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = "StorageError";
    this.cause = cause;
  }
}

function dutchMessage(error) {
  if (error && error.name === "QuotaExceededError") {
    return "De opslag van deze browser is vol. Je antwoorden staan nog op het scherm, maar zijn niet bewaard.";
  }
  return "Opslaan in deze browser lukt niet (bijvoorbeeld in een privévenster). Je antwoorden staan nog op het scherm, maar zijn niet bewaard.";
}

let dbPromise = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      if (!globalThis.indexedDB) {
        reject(new Error("IndexedDB ontbreekt"));
        return;
      }
      const open = indexedDB.open(DB_NAME, DB_VERSION);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(STORE)) {
          open.result.createObjectStore(STORE, { keyPath: "worksheet" });
        }
      };
      open.onsuccess = () => {
        const db = open.result;
        db.onversionchange = () => db.close();
        resolve(db);
      };
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error("De opslag is geblokkeerd door een ander tabblad."));
    });
    dbPromise.catch(() => { dbPromise = null; });
  }
  return dbPromise;
}

async function withStore(mode, action) {
  let db;
  try {
    db = await openDb();
  } catch (error) {
    throw new StorageError(dutchMessage(error), error);
  }
  return new Promise((resolve, reject) => {
    let result;
    let tx;
    try {
      tx = db.transaction(STORE, mode, { durability: "strict" });
      const req = action(tx.objectStore(STORE));
      req.onsuccess = () => { result = req.result; };
    } catch (error) {
      reject(new StorageError(dutchMessage(error), error));
      return;
    }
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(new StorageError(dutchMessage(tx.error), tx.error));
    tx.onabort = () => reject(new StorageError(dutchMessage(tx.error), tx.error));
  });
}

export function saveDocument(doc) {
  return withStore("readwrite", (store) => store.put(doc));
}

export function loadDocument(worksheetId) {
  return withStore("readonly", (store) => store.get(worksheetId));
}

export function deleteDocument(worksheetId) {
  return withStore("readwrite", (store) => store.delete(worksheetId));
}

// Saved versions of a worksheet ("Bewaar deze versie") live next to its answers.
const versionsKey = (worksheetId) => `${worksheetId}#versies`;

export async function loadVersions(worksheetId) {
  const doc = await loadDocument(versionsKey(worksheetId));
  return doc && Array.isArray(doc.versions) ? doc.versions : [];
}

export function saveVersions(worksheetId, versions) {
  return saveDocument({ worksheet: versionsKey(worksheetId), versions });
}
