// Runs Python code inside Pyodide under Node, with the site's own packages.
// Usage: node tests/pyodide_run.mjs <site-dir> <python-file>
// Prints the value of the last expression (a string) on stdout.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [siteDir, scriptPath] = process.argv.slice(2);
const config = readFileSync(join(siteDir, "assets/rg/js/runtime-config.js"), "utf8");
const version = /"pyodideVersion": "([^"]+)"/.exec(config)[1];
const indexURL = resolve(siteDir, `runtime/pyodide-${version}`) + "/";
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL, stdout: (t) => process.stderr.write(t + "\n") });
for (const name of ["worksheets", "pdf"]) {
  const data = new Uint8Array(readFileSync(join(siteDir, "py", `${name}.zip`)));
  pyodide.unpackArchive(data, "zip", { extractDir: "/home/pyodide/lib" });
}
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
const result = pyodide.runPython(readFileSync(scriptPath, "utf8"));
process.stdout.write(String(result));
