// The page's side of the Python worker: start it, time it out, call it.

const DEFAULT_TIMEOUT_MS = 90000;
// A call that gets no answer in this time (a worker that hangs, or that the browser
// ended without a word) counts as a stopped worker: it is started again.
const DEFAULT_CALL_TIMEOUT_MS = 120000;
// A worker that stops after it was ready (Pyodide's own fatal error: the worker says
// "stopped" and closes) is started again, at most this often per page; then Python
// counts as failed, with STOPPED_FOR_GOOD_MESSAGE.
const MAX_RESTARTS = 2;

export const FAILED_MESSAGE =
  "De rekenhulp kon niet starten in deze browser. Je kunt gewoon verder typen: je antwoorden " +
  "worden bewaard. Een PDF maken of een bestand openen lukt pas met een nieuwere browser " +
  "of als WebAssembly niet geblokkeerd is.";

// "plain" forces a normal Python start without the memory snapshot (benchmark, tests);
// "snapshot" uses the snapshot also on a first visit (tests, see py-worker.js).
function bootMode() {
  const chosen = globalThis.sessionStorage?.getItem("rg:python-boot");
  return chosen === "plain" || chosen === "snapshot" ? chosen : "auto";
}

// Tests shorten the limits with sessionStorage "rg:python-timeout-ms" (the start) and
// "rg:python-call-timeout-ms" (each call).
function timeoutMs(name, fallback) {
  const override = Number(globalThis.sessionStorage?.getItem(name));
  return override > 0 ? override : fallback;
}

// The reason a call in progress gets when the worker stops under it (the error is
// marked ``stopped``: the page may simply wait for the new worker).
const STOPPED_MESSAGE = "De rekenhulp is onverwacht gestopt en start opnieuw. Probeer het zo nog eens.";
const STOPPED_FOR_GOOD_MESSAGE =
  "De rekenhulp is een paar keer onverwacht gestopt. Laad de pagina opnieuw om het nog eens te proberen.";

function stoppedError() {
  const error = new Error(STOPPED_MESSAGE);
  error.stopped = true;
  return error;
}

export class PythonClient {
  constructor(onState) {
    this.onState = onState;
    this.pending = new Map();
    this.nextId = 1;
    this.restarts = 0;
    this.boot = bootMode();
    this.newReady();
  }

  newReady() {
    this.state = "loading";
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  start() {
    // Without WebAssembly (Safari's Lockdown Mode, a hardened browser) Python cannot
    // run: say so at once, without downloading the runtime first.
    if (typeof WebAssembly !== "object") {
      this.fail("no WebAssembly");
      return this;
    }
    const timer = setTimeout(() => this.fail("timeout"),
      timeoutMs("rg:python-timeout-ms", DEFAULT_TIMEOUT_MS));
    let worker;
    try {
      worker = new Worker(new URL("./py-worker.js", import.meta.url),
        { type: "module", name: `rg-python ${this.boot}` });
    } catch (error) {
      this.fail(String(error));
      return this;
    }
    this.worker = worker;
    // Messages and errors of a worker that was replaced no longer count.
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data, timer);
    };
    // Before "ready" an uncaught error means the start failed. After it, the worker
    // still runs (its calls answer for themselves): only note it.
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker !== worker) return;
      const reason = event.message || "worker error";
      if (this.state === "loading") this.fail(reason);
      else console.warn("Python worker:", reason);
    };
    return this;
  }

  receive(message, timer) {
    if (message.type === "ready") {
      clearTimeout(timer);
      this.state = "ready";
      this.info = { ...message, restarts: this.restarts };
      this.resolveReady(this.info);
      // How Python started ("snapshot" or "plain") and how long it took, for anyone listening.
      document.dispatchEvent(new CustomEvent("rg:python-ready", { detail: this.info }));
      this.onState("ready", this.info);
    } else if (message.type === "failed") {
      clearTimeout(timer);
      this.fail(message.message);
    } else if (message.type === "stopped") {
      this.stopped(message.message);
    } else if (message.type === "result") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(message.message));
    }
  }

  fail(reason, message = FAILED_MESSAGE) {
    if (this.state !== "loading") return;
    this.state = "failed";
    this.failure = reason;
    if (this.worker) this.worker.terminate();
    this.rejectReady(new Error(message));
    for (const waiting of this.pending.values()) waiting.reject(new Error(message));
    this.pending.clear();
    // ``message``: what the page should say (its own text when Python never started).
    this.onState("failed", { reason, message: message === FAILED_MESSAGE ? null : message });
  }

  // The worker stopped after it was ready: calls in progress get STOPPED_MESSAGE, and a
  // new worker starts, without the snapshot (a restored heap may be what broke).
  stopped(reason) {
    if (this.state !== "ready") return;
    console.warn("Python worker stopped:", reason);
    this.newReady();
    if (this.restarts >= MAX_RESTARTS) {
      this.fail(`stopped ${this.restarts + 1} times: ${reason}`, STOPPED_FOR_GOOD_MESSAGE);
      return;
    }
    this.worker.terminate();
    for (const waiting of this.pending.values()) waiting.reject(stoppedError());
    this.pending.clear();
    this.restarts += 1;
    this.boot = "plain";
    this.onState("restarting", { reason });
    this.start();
  }

  async call(name, args) {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const limit = timeoutMs("rg:python-call-timeout-ms", DEFAULT_CALL_TIMEOUT_MS);
      const timer = setTimeout(() => {
        if (this.pending.has(id)) this.stopped(`no answer to ${name} within ${limit} ms`);
      }, limit);
      const settle = (done) => (value) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.worker.postMessage({ id, call: name, args });
    });
  }
}
