// Progress in the learning path, kept in this browser only (localStorage).
// Stored: which modules are done and on which date. Never a name or answers.

const KEY = "handboek-resourcegroepen-leerpad";
const ID = /^[a-z][a-z0-9-]{0,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
  "september", "oktober", "november", "december"];

export const NO_STORAGE =
  "Je voortgang kan in deze browser niet worden bewaard (bijvoorbeeld in een privévenster).";

// { moduleId: "jjjj-mm-dd" } for every completed module; odd stored values are skipped.
export function readProgress() {
  let data = null;
  try {
    data = JSON.parse(globalThis.localStorage.getItem(KEY) || "null");
  } catch (error) {
    return {};
  }
  const modules = data && typeof data === "object" && data.modules;
  if (!modules || typeof modules !== "object") return {};
  const progress = {};
  for (const [id, date] of Object.entries(modules)) {
    if (ID.test(id) && typeof date === "string" && DATE.test(date)) progress[id] = date;
  }
  return progress;
}

// Marks a module done (keeping the first date); throws when nothing can be stored.
export function markDone(moduleId, date) {
  const progress = readProgress();
  if (!progress[moduleId]) progress[moduleId] = date;
  globalThis.localStorage.setItem(KEY, JSON.stringify({ version: 1, modules: progress }));
  return progress[moduleId];
}

export function clearProgress() {
  globalThis.localStorage.removeItem(KEY);
}

export function storageWorks() {
  try {
    const probe = `${KEY}:probe`;
    globalThis.localStorage.setItem(probe, "1");
    globalThis.localStorage.removeItem(probe);
    return true;
  } catch (error) {
    return false;
  }
}

// "2026-11-22" -> "22 november 2026"
export function dutchDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function onProgressChange(callback) {
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) callback();
  });
  window.addEventListener("pageshow", (event) => { if (event.persisted) callback(); });
}
