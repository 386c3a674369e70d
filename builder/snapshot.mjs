// Build-time memory snapshot of the browser's Python (run by builder/snapshot.py).
//
// Boots Pyodide in Node from the very files the site ships, unpacks the site's
// Python packages, imports the worksheet package and the PDF stack, warms them up
// with one evaluation per worksheet and one PDF, and writes the WebAssembly heap
// with Pyodide's makeMemorySnapshot (a private API, see the README). Then it
// restores that snapshot in a fresh Pyodide and checks that the worksheets and a
// PDF still work: a snapshot that does not restore here is never shipped.
//
// Usage: node builder/snapshot.mjs <json-options>
//   { "pyodide": dir, "archives": [zip, ...], "out": file, "lib": dir,
//     "worksheets": [id, ...], "pdfSheet": id }
// Prints one JSON line: the snapshot's size, the heap's size and the timings.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const options = JSON.parse(process.argv[2]);
const indexURL = options.pyodide.endsWith("/") ? options.pyodide : `${options.pyodide}/`;
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const quiet = { stdout: () => {}, stderr: (text) => process.stderr.write(`${text}\n`) };
const timings = {};

function unpack(pyodide) {
  for (const path of options.archives) {
    pyodide.unpackArchive(new Uint8Array(readFileSync(path)), "zip", { extractDir: options.lib });
  }
  pyodide.runPython(`import sys\nif ${JSON.stringify(options.lib)} not in sys.path: sys.path.insert(0, ${JSON.stringify(options.lib)})`);
}

// Python that imports everything a page may call and runs each path once.
const WARM_UP = `
import gc, importlib, json, pkgutil, warnings
import worksheets
from worksheets.engine import bridge
for info in pkgutil.walk_packages(worksheets.__path__, "worksheets."):
    importlib.import_module(info.name)
bridge.preload_pdf()
sheets = bridge.registry()
for sheet_id, sheet in sorted(sheets.items()):
    bridge.evaluate(sheet_id, json.dumps(sheet.example or {}), "{}", False)
    bridge.evaluate(sheet_id, "{}", "{}", True)
pdf_sheet = sheets[${JSON.stringify(options.pdfSheet)}]
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    bridge.export_pdf(pdf_sheet.id, json.dumps(pdf_sheet.example or {}), "2025-01-01")
del info, sheet_id, sheet, sheets, pdf_sheet
gc.collect()
sorted(bridge.registry())
`;

// What the worker checks after a restore (py-worker.js runs the same probe).
const PROBE = `
import json, warnings
from worksheets.engine import bridge
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    pdf = bridge.export_pdf(${JSON.stringify(options.pdfSheet)}, "{}", "2025-01-02")
json.dumps({"worksheets": sorted(bridge.registry()), "pdf": pdf[:5].decode("latin-1")})
`;

let started = performance.now();
const maker = await loadPyodide({ indexURL, _makeSnapshot: true, ...quiet });
timings.boot = performance.now() - started;
started = performance.now();
unpack(maker);
const names = maker.runPython(WARM_UP).toJs();
timings.warmUp = performance.now() - started;
const expected = [...options.worksheets].sort();
if (JSON.stringify(names) !== JSON.stringify(expected)) {
  throw new Error(`worksheets in the snapshot ${names} differ from the site's ${expected}`);
}
started = performance.now();
const snapshot = maker.makeMemorySnapshot();
timings.snapshot = performance.now() - started;
const heapBytes = maker._module.HEAP8.length;

// Restore it the way the browser does (py-worker.js) and check it works.
started = performance.now();
const { default: createModule } = await import(pathToFileURL(`${indexURL}pyodide.asm.mjs`).href);
const restored = await loadPyodide({
  indexURL, _loadSnapshot: snapshot, ...quiet,
  createPyodideModule: async (settings) => {
    const module = await createModule(settings);
    if (module.HEAP8.length < snapshot.length) module.growMemory(snapshot.length);
    return module;
  },
});
unpack(restored);
const probe = JSON.parse(restored.runPython(PROBE));
timings.restoreAndProbe = performance.now() - started;
if (JSON.stringify(probe.worksheets) !== JSON.stringify(expected) || probe.pdf !== "%PDF-") {
  throw new Error(`the restored snapshot does not work: ${JSON.stringify(probe)}`);
}
writeFileSync(options.out, snapshot);
process.stdout.write(JSON.stringify({ bytes: snapshot.length, heapBytes, timings }) + "\n");
