// Several tabs on one worksheet: one tab writes, the others read along.
//
// The writing tab holds the Web Lock "rg-werkblad:<id>". A tab that cannot get
// it becomes read-only, follows the writer's saves (BroadcastChannel "rg-opslag")
// and waits in the lock's queue, so it takes over by itself when the writer
// closes. "Hier verder werken" asks the writer to save and step back ("claim");
// a writer that does not answer in time (a frozen tab) loses the lock (steal).
// Locks are a convenience: the revision check in store.js is what makes a
// silent overwrite impossible, also in browsers without Web Locks.

const CHANNEL = "rg-opslag";
const CLAIM_WAIT_MS = 2500;

let channel = null;
try {
  channel = globalThis.BroadcastChannel ? new BroadcastChannel(CHANNEL) : null;
} catch (error) {
  channel = null;
}

export function broadcast(message) {
  try {
    if (channel) channel.postMessage(message);
  } catch (error) {
    // another tab simply does not hear it; revisions still protect the data
  }
}

export function onBroadcast(listener) {
  if (channel) channel.addEventListener("message", (event) => listener(event.data || {}));
}

export class TabGuard {
  /**
   * ``onWriter(claimed)``: this tab may write now (reload first).
   * ``onReadOnly(reason)``: another tab writes; "elsewhere" or "stolen".
   * ``beforeYield()``: save what is pending before another tab takes over.
   */
  constructor(id, { onWriter, onReadOnly, beforeYield }) {
    this.id = id;
    this.name = `rg-werkblad:${id}`;
    this.onWriter = onWriter;
    this.onReadOnly = onReadOnly;
    this.beforeYield = beforeYield;
    this.writer = false;
    this.release = null;
    this.waiting = null;
    this.claimed = false;
  }

  get supported() {
    return Boolean(globalThis.navigator && navigator.locks && navigator.locks.request);
  }

  /** Resolves true when this tab writes, false when it starts read-only. */
  async start() {
    onBroadcast((message) => this.onMessage(message));
    if (!this.supported) {
      this.writer = true;
      return true;
    }
    const granted = await new Promise((resolve) => {
      navigator.locks.request(this.name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return null;
        }
        resolve(true);
        return this.hold();
      }).catch((error) => this.lost(error));
    });
    if (!granted) {
      this.writer = false;
      this.queue();
    }
    return granted;
  }

  hold() {
    this.writer = true;
    return new Promise((resolve) => { this.release = resolve; });
  }

  // Wait in the lock's queue; when granted this tab becomes the writer.
  queue() {
    if (this.waiting) return;
    const controller = new AbortController();
    this.waiting = controller;
    navigator.locks.request(this.name, { signal: controller.signal }, (lock) => {
      this.waiting = null;
      const held = this.hold();
      const claimed = this.claimed;
      this.claimed = false;
      this.onWriter(claimed);
      return held;
    }).catch((error) => {
      if (this.waiting === controller) this.waiting = null;
      if (controller.signal.aborted) return;
      this.lost(error);
    });
  }

  lost(error) {
    // Our lock was stolen by a tab whose user chose "Hier verder werken".
    if (!this.writer) return;
    this.writer = false;
    this.release = null;
    this.onReadOnly("stolen");
    this.queue();
  }

  /** The user chose to work here: ask the writer to step back, or take over. */
  async claim() {
    if (this.writer || !this.supported) return;
    this.claimed = true;
    broadcast({ type: "claim", id: this.id });
    const deadline = Date.now() + CLAIM_WAIT_MS;
    while (!this.writer && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (this.writer) return;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.abort();
    }
    await new Promise((resolve) => {
      navigator.locks.request(this.name, { steal: true }, (lock) => {
        const held = this.hold();
        this.claimed = false;
        this.onWriter(true);
        resolve();
        return held;
      }).catch((error) => this.lost(error));
    });
  }

  async onMessage(message) {
    if (message.type !== "claim" || message.id !== this.id || !this.writer || !this.release) return;
    try {
      await this.beforeYield();
    } finally {
      this.writer = false;
      const release = this.release;
      this.release = null;
      this.onReadOnly("elsewhere");
      release();
      this.queue();
    }
  }
}
