// The Python worker: boots Pyodide from this site, unpacks the worksheet
// package and answers calls. Runs in a Web Worker so the page never freezes.
//
// Two ways to start (the page is told which in the "ready" message):
// - "snapshot": when the builder made a memory snapshot (Python with the worksheet
//   package and the PDF stack already imported) and the service worker has it in
//   this browser's cache, Pyodide restores that heap instead of starting Python
//   and importing everything again. Fast on return visits.
// - "plain": a normal Pyodide start. Used on a first visit (the snapshot is large
//   and would only slow a first start down), when there is no snapshot, and as
//   the fallback whenever restoring or checking the snapshot fails.
import { runtimeConfig } from "./runtime-config.js";

const LIB = "/home/pyodide/lib";
// python.js names the worker "rg-python <boot>": "plain" forces a plain start
// (benchmark, tests); "snapshot" fetches the snapshot from the site when this browser
// has not kept it yet (tests: each test is a first visit in a fresh browser profile).
const BOOT = (self.name || "").split(" ")[1] || "auto";
let pyodide = null;
let bridge = null;
let pdfStack = null;
let warmUp = null;
let mode = "plain";
let files = Promise.resolve();

const output = { stdout: () => {}, stderr: (text) => console.warn(text) };
// Milliseconds since the boot began at which each step was done (in the "ready" message).
const phases = {};
let bootStarted = 0;
const phase = (name) => { phases[name] = Math.round(performance.now() - bootStarted); };

function siteUrl(relativeUrl) {
  return new URL(relativeUrl, import.meta.url).href;
}

// One of the site's Python packages, exactly the bytes this page's version names
// (a page still open from before an update gets an error, never newer files).
async function fetchPackage(name) {
  const spec = runtimeConfig.packages[name];
  const failed = () => new Error(`Een bestand van de rekenhulp kon niet worden geladen (${name}). Laad de pagina opnieuw.`);
  let response;
  try {
    response = await fetch(siteUrl(spec.url), { integrity: spec.integrity });
  } catch (error) {
    throw failed();
  }
  if (!response.ok) {
    console.warn(`Python package ${name}: ${response.status} at ${spec.url}`);
    throw failed();
  }
  return new Uint8Array(await response.arrayBuffer());
}

function usePackages(py, worksheets) {
  py.unpackArchive(worksheets, "zip", { extractDir: LIB });
  py.runPython(`import sys\nif "${LIB}" not in sys.path: sys.path.insert(0, "${LIB}")`);
}

async function plainBoot(indexURL, loadPyodide) {
  const [py, worksheets] = await Promise.all([
    loadPyodide({ indexURL, ...output }),
    fetchPackage("worksheets"),
  ]);
  usePackages(py, worksheets);
  return py;
}

// The snapshot's cache entry, only if the service worker keeps it in this browser.
async function cachedSnapshot() {
  const spec = runtimeConfig.snapshot;
  if (!spec || BOOT === "plain") return null;
  const cached = globalThis.caches ? await caches.match(siteUrl(spec.url)) : null;
  if (cached && cached.ok) return cached;
  if (BOOT !== "snapshot") return null;
  const fetched = await fetch(siteUrl(spec.url));
  return fetched.ok ? fetched : null;
}

async function snapshotBytes(response) {
  let body = new Uint8Array(await response.arrayBuffer());
  if (body[0] === 0x1f && body[1] === 0x8b) {  // stored gzip-compressed
    if (typeof DecompressionStream === "undefined") throw new Error("cannot unpack it here");
    const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip"));
    body = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return body;
}

async function snapshotBoot(indexURL, loadPyodide, response) {
  // Read the heap while Pyodide loads its JavaScript and WebAssembly. (Compiling the
  // WebAssembly ahead as well was measured: no gain, only more work.)
  const bytes = snapshotBytes(response);
  bytes.then(() => phase("snapshotRead"), () => {});
  const script = import(`${indexURL}pyodide.asm.mjs`);
  script.catch(() => {});  // a failure shows where it is awaited
  const py = await loadPyodide({
    indexURL, ...output, _loadSnapshot: bytes,
    // Pyodide sizes the heap with INITIAL_MEMORY, which this build ignores: grow
    // it to the snapshot's size first, or restoring a larger heap fails.
    createPyodideModule: async (settings) => {
      const [{ default: createModule }, snapshot] = await Promise.all([script, bytes]);
      const module = await createModule(settings);
      phase("wasmReady");
      if (module.HEAP8.length < snapshot.length) module.growMemory(snapshot.length);
      return module;
    },
  });
  phase("restored");
  // Everything is imported already. Give this browser its own random seed and time
  // zone, and check that the snapshot holds this site's worksheets.
  const names = py.runPython(`
import random, time, json
random.seed()
if hasattr(time, "tzset"): time.tzset()
from worksheets.engine import bridge
json.dumps(sorted(bridge.registry()), separators=(",", ":"))`);
  if (names !== JSON.stringify([...runtimeConfig.worksheets].sort())) {
    throw new Error("snapshot holds other worksheets than this site");
  }
  return py;
}

// The file system is not part of the heap: after a snapshot start the package files
// are put back once Python is ready (for anything imported later; calls wait for it).
function restoreFiles() {
  return fetchPackage("worksheets")
    .then((worksheets) => usePackages(pyodide, worksheets))
    .catch((error) => console.warn("Python package files:", error.message));
}

async function boot() {
  const started = performance.now();
  bootStarted = started;
  const indexURL = new URL(runtimeConfig.pyodide, import.meta.url).href;
  const [{ loadPyodide }, snapshot] = await Promise.all([
    import(`${indexURL}pyodide.mjs`),
    cachedSnapshot().catch(() => null),
  ]);
  phase("found");
  if (snapshot) {
    try {
      pyodide = await snapshotBoot(indexURL, loadPyodide, snapshot);
      mode = "snapshot";
    } catch (error) {
      console.warn("Python snapshot did not restore, normal start:", error.message);
      pyodide = null;
    }
  }
  if (!pyodide) pyodide = await plainBoot(indexURL, loadPyodide);
  bridge = pyodide.pyimport("worksheets.engine.bridge");
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  const ms = Math.round(performance.now() - started);
  return { ms, python, mode, phases };
}

function loadPdfStack() {
  if (!pdfStack) {
    pdfStack = fetchPackage("pdf").then((data) => {
      pyodide.unpackArchive(data, "zip", { extractDir: LIB });
      bridge.preload_pdf();  // after a snapshot start: already imported, only the files were missing
    });
    pdfStack.catch(() => { pdfStack = null; });
  }
  return pdfStack;
}

// After a snapshot start Python has nothing left to import, but the browser has not
// yet compiled the WebAssembly code a PDF needs (it compiles lazily, on first use):
// the first PDF would take several times as long as later ones. One throwaway PDF
// while the page is idle does that work before anyone asks for a PDF.
function warmUpPdf() {
  if (!warmUp) {
    warmUp = loadPdfStack().then(() => {
      const sheet = runtimeConfig.worksheets[0];
      bridge.export_pdf(sheet, "{}", new Date().toISOString().slice(0, 10)).destroy();
    });
    warmUp.catch(() => { warmUp = null; });
  }
  return warmUp;
}

// Only functions of the worksheet package can be called, with JSON arguments.
function checkAllowed(module, name) {
  if (!/^worksheets(\.[a-z_][a-z0-9_]*)*$/.test(module) || !/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error(`Niet toegestaan: ${module}.${name}`);
  }
}

// A PDF as { bytes, unshown }: the characters it shows as [?], because its font has no
// glyph for them (emoji, letters of other scripts), so the page can say so.
function pdfWithNotes(proxy) {
  try {
    const [bytes, unshown] = proxy.toJs();
    return { bytes, unshown: JSON.parse(unshown) };
  } finally {
    proxy.destroy();
  }
}

function callFunction({ module, name, args }) {
  checkAllowed(module, name);
  const target = pyodide.pyimport(module);
  try {
    const result = target[name](JSON.stringify(args ?? null));
    if (typeof result === "string") return JSON.parse(result);
    try {
      return result.toJs();
    } finally {
      result.destroy();
    }
  } finally {
    target.destroy();
  }
}

const handlers = {
  callFunction,
  callPdfFunction: async ({ module, name, args }) => {
    checkAllowed(module, name);
    await loadPdfStack();
    return pdfWithNotes(bridge.pdf_call(module, name, JSON.stringify(args ?? null)));
  },
  evaluate: ({ worksheet, answers, context, practice }) =>
    JSON.parse(bridge.evaluate(worksheet, JSON.stringify(answers), JSON.stringify(context || {}),
      Boolean(practice))),
  compareVersions: ({ worksheet, older, newer }) =>
    JSON.parse(bridge.compare_versions(worksheet, JSON.stringify(older), JSON.stringify(newer))),
  importAnswers: ({ worksheet, text }) => JSON.parse(bridge.import_answers(worksheet, text)),
  preloadPdf: async () => {
    await (mode === "snapshot" ? warmUpPdf() : loadPdfStack());
    return true;
  },
  exportPdf: async ({ worksheet, answers, today, savedAt, exportId, options, context, practice }) => {
    await loadPdfStack();
    return pdfWithNotes(bridge.export_pdf_noting(worksheet, JSON.stringify(answers), today,
      savedAt || "", "", exportId || "", JSON.stringify(options || []),
      JSON.stringify(context || {}), Boolean(practice)));
  },
};

const ready = boot();
ready.then(
  (info) => {
    postMessage({ type: "ready", ...info });
    // After a snapshot start the package files come back now, off the critical path.
    // The PDF stack is imported too; its files (fonts) load when a PDF is asked for
    // or when the page is idle (preloadPdf), like after a plain start.
    if (info.mode === "snapshot") files = restoreFiles();
  },
  (error) => postMessage({ type: "failed", message: String(error && error.message || error) }),
);

// A Python exception's message is its whole traceback, in English: the page gets a
// Dutch sentence, the console the traceback. Our own messages (loading the packages)
// are Dutch already.
const PYTHON_FAILED = "Er ging iets mis in het programma. Probeer het nog eens, of laad de pagina opnieuw.";

function shownMessage(error, message) {
  if (error && (error.name === "PythonError" || error.constructor?.name === "PythonError")) {
    console.warn("Python:", message);
    return PYTHON_FAILED;
  }
  return message;
}

self.onmessage = async (event) => {
  const { id, call, args } = event.data;
  try {
    await ready;
    await files;
    const result = await handlers[call](args);
    const transfer = result instanceof Uint8Array ? [result.buffer] : [];
    postMessage({ type: "result", id, ok: true, result }, transfer);
  } catch (error) {
    const message = String(error && error.message || error);
    // After a fatal error Pyodide can no longer be used: the page starts a new worker.
    if (error && error.pyodide_fatal_error) {
      postMessage({ type: "stopped", message });
      self.close();
      return;
    }
    postMessage({ type: "result", id, ok: false, message: shownMessage(error, message) });
  }
};
