// The Python worker: boots Pyodide from this site, unpacks the worksheet
// package and answers calls. Runs in a Web Worker so the page never freezes.
import { runtimeConfig } from "./runtime-config.js";

const LIB = "/home/pyodide/lib";
let pyodide = null;
let bridge = null;
let pdfStack = null;

async function fetchBytes(relativeUrl) {
  const response = await fetch(new URL(relativeUrl, import.meta.url));
  if (!response.ok) throw new Error(`${response.status} bij ${relativeUrl}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot() {
  const started = performance.now();
  const indexURL = new URL(runtimeConfig.pyodide, import.meta.url).href;
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  const [py, worksheets] = await Promise.all([
    loadPyodide({ indexURL, stdout: () => {}, stderr: (text) => console.warn(text) }),
    fetchBytes(runtimeConfig.packages.worksheets.url),
  ]);
  pyodide = py;
  pyodide.unpackArchive(worksheets, "zip", { extractDir: LIB });
  pyodide.runPython(`import sys\nif "${LIB}" not in sys.path: sys.path.insert(0, "${LIB}")`);
  bridge = pyodide.pyimport("worksheets.engine.bridge");
  return { ms: Math.round(performance.now() - started), python: pyodide.runPython("import sys; sys.version.split()[0]") };
}

function loadPdfStack() {
  if (!pdfStack) {
    pdfStack = fetchBytes(runtimeConfig.packages.pdf.url).then((data) => {
      pyodide.unpackArchive(data, "zip", { extractDir: LIB });
      bridge.preload_pdf();
    });
    pdfStack.catch(() => { pdfStack = null; });
  }
  return pdfStack;
}

// Only functions of the worksheet package can be called, with JSON arguments.
function callFunction({ module, name, args }) {
  if (!/^worksheets(\.[a-z_][a-z0-9_]*)*$/.test(module) || !/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error(`Niet toegestaan: ${module}.${name}`);
  }
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
  callPdfFunction: async (spec) => { await loadPdfStack(); return callFunction(spec); },
  evaluate: ({ worksheet, answers, context, practice }) =>
    JSON.parse(bridge.evaluate(worksheet, JSON.stringify(answers), JSON.stringify(context || {}),
      Boolean(practice))),
  compareVersions: ({ worksheet, older, newer }) =>
    JSON.parse(bridge.compare_versions(worksheet, JSON.stringify(older), JSON.stringify(newer))),
  importAnswers: ({ worksheet, text }) => JSON.parse(bridge.import_answers(worksheet, text)),
  preloadPdf: async () => { await loadPdfStack(); return true; },
  exportPdf: async ({ worksheet, answers, today, savedAt, exportId, options, context, practice }) => {
    await loadPdfStack();
    const proxy = bridge.export_pdf(worksheet, JSON.stringify(answers), today, savedAt || "", "",
      exportId || "", JSON.stringify(options || []), JSON.stringify(context || {}), Boolean(practice));
    try {
      return proxy.toJs();
    } finally {
      proxy.destroy();
    }
  },
};

const ready = boot();
ready.then(
  (info) => postMessage({ type: "ready", ...info }),
  (error) => postMessage({ type: "failed", message: String(error && error.message || error) }),
);

self.onmessage = async (event) => {
  const { id, call, args } = event.data;
  try {
    await ready;
    const result = await handlers[call](args);
    const transfer = result instanceof Uint8Array ? [result.buffer] : [];
    postMessage({ type: "result", id, ok: true, result }, transfer);
  } catch (error) {
    postMessage({ type: "result", id, ok: false, message: String(error && error.message || error) });
  }
};
