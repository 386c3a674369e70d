// The evaluation overview's own database: saved rounds and their action points,
// in this browser only. Used by the overview page, and by "Mijn gegevens" for the
// backup, the restore and wiping everything.
const EVALUATION_DB = "handboek-resourcegroepen-evaluatie";
const STORE = "rondes";

let dbPromise = null;

// Without a version: the current one (a new database gets its store at version 1).
// An upgrade waits while another tab has the database open (its connection closes on
// "versionchange"); after 3 s it gives up, and a late success is closed at once.
function open(version) {
  return new Promise((resolve, reject) => {
    const request = version ? indexedDB.open(EVALUATION_DB, version) : indexedDB.open(EVALUATION_DB);
    let gaveUp = false;
    let blockedTimer = null;
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      }
    };
    request.onsuccess = () => {
      clearTimeout(blockedTimer);
      if (gaveUp) request.result.close();
      else resolve(request.result);
    };
    request.onerror = () => {
      clearTimeout(blockedTimer);
      reject(request.error);
    };
    request.onblocked = () => {
      blockedTimer = setTimeout(() => {
        gaveUp = true;
        reject(Object.assign(new Error("De opslag is geblokkeerd door een ander tabblad."), { kind: "blocked" }));
      }, 3000);
    };
  });
}

function openEvaluationDb() {
  if (!dbPromise) {
    dbPromise = (async () => {
      if (!globalThis.indexedDB) throw new Error("IndexedDB ontbreekt");
      let db = await open();
      if (!db.objectStoreNames.contains(STORE)) {  // made without its store (not by this site): add it
        const next = db.version + 1;
        db.close();
        db = await open(next);
      }
      db.onversionchange = () => {  // wiping everything: let go, open again when needed
        db.close();
        dbPromise = null;
      };
      return db;
    })();
    dbPromise.catch(() => { dbPromise = null; });
  }
  return dbPromise;
}

async function withStore(mode, action) {
  const db = await openEvaluationDb();
  return new Promise((resolve, reject) => {
    let result;
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("Bewaren is afgebroken."));
  });
}

export const loadRounds = () => withStore("readonly", (store) => store.getAll());
export const putRound = (record) => withStore("readwrite", (store) => store.put(record));
export const deleteRound = (id) => withStore("readwrite", (store) => store.delete(id));

/** Whether this browser has the database at all (looking must not create it). */
async function exists() {
  if (!globalThis.indexedDB) return false;
  if (!indexedDB.databases) return probe();
  return (await indexedDB.databases()).some((db) => db.name === EVALUATION_DB);
}

// Without indexedDB.databases() (Firefox before 2024): open the database, and stop
// the opening if it would create it. The browser then removes the new, empty
// database again. An error of another kind counts as "there", so the read that
// follows reports it.
function probe() {
  return new Promise((resolve) => {
    let created = false;
    const request = indexedDB.open(EVALUATION_DB);
    request.onupgradeneeded = () => {  // only for a database that did not exist
      created = true;
      request.transaction.abort();
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(true);
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(!created);
    };
  });
}

/** Every record (saved rounds and drafts); [] when there is no database. Throws when it cannot be read. */
export async function readAllRounds() {
  return (await exists()) ? loadRounds() : [];
}

/**
 * Change rounds in one transaction: ``clear`` first removes every round, then
 * ``remove`` (ids) and ``put`` (records, added or overwriting the same id). Nothing is
 * created when there is nothing to change and no database yet.
 */
export async function updateRounds({ clear = false, put = [], remove = [] }) {
  if (!put.length && !remove.length && !(clear && (await exists()))) return;
  await withStore("readwrite", (store) => {
    if (clear) store.clear();
    for (const id of remove) store.delete(id);
    for (const record of put) store.put(record);
    return null;
  });
}

/** Delete the whole database; false when another tab keeps it open. */
export function deleteEvaluationDb() {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(EVALUATION_DB);
      request.onsuccess = () => resolve(true);
      request.onerror = () => resolve(false);
      request.onblocked = () => setTimeout(() => resolve(false), 3000);
    } catch (error) {
      resolve(false);
    }
  });
}
