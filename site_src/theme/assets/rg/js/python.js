// The page's side of the Python worker: start it, time it out, call it.

const DEFAULT_TIMEOUT_MS = 90000;

export const FAILED_MESSAGE =
  "Python kon niet starten in deze browser. Je kunt gewoon verder typen: je antwoorden " +
  "worden bewaard. Een PDF maken of een bestand openen lukt pas met een nieuwere browser " +
  "of als WebAssembly niet geblokkeerd is.";

// "plain" forces a normal Python start without the memory snapshot (benchmark, tests);
// "snapshot" uses the snapshot also on a first visit (tests, see py-worker.js).
function bootMode() {
  const chosen = globalThis.sessionStorage?.getItem("rg:python-boot");
  return chosen === "plain" || chosen === "snapshot" ? chosen : "auto";
}

function timeoutMs() {
  const override = Number(globalThis.sessionStorage?.getItem("rg:python-timeout-ms"));
  return override > 0 ? override : DEFAULT_TIMEOUT_MS;
}

export class PythonClient {
  constructor(onState) {
    this.onState = onState;
    this.pending = new Map();
    this.nextId = 1;
    this.state = "loading";
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  start() {
    const timer = setTimeout(() => this.fail("timeout"), timeoutMs());
    try {
      this.worker = new Worker(new URL("./py-worker.js", import.meta.url),
        { type: "module", name: `rg-python ${bootMode()}` });
    } catch (error) {
      this.fail(String(error));
      return this;
    }
    this.worker.onmessage = (event) => this.receive(event.data, timer);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "worker error");
    };
    return this;
  }

  receive(message, timer) {
    if (message.type === "ready") {
      clearTimeout(timer);
      this.state = "ready";
      this.info = message;
      this.resolveReady(message);
      // How Python started ("snapshot" or "plain") and how long it took, for anyone listening.
      document.dispatchEvent(new CustomEvent("rg:python-ready", { detail: message }));
      this.onState("ready", message);
    } else if (message.type === "failed") {
      clearTimeout(timer);
      this.fail(message.message);
    } else if (message.type === "result") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(message.message));
    }
  }

  fail(reason) {
    if (this.state !== "loading") return;
    this.state = "failed";
    this.failure = reason;
    if (this.worker) this.worker.terminate();
    this.rejectReady(new Error(FAILED_MESSAGE));
    for (const waiting of this.pending.values()) waiting.reject(new Error(FAILED_MESSAGE));
    this.pending.clear();
    this.onState("failed", { reason });
  }

  async call(name, args) {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, call: name, args });
    });
  }
}
