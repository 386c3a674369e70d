// Material's search worker, held back on a worksheet page until that page's Python
// is ready. Building the search index takes a few hundred milliseconds of processor
// time, right when Python restores itself; on a phone with two cores the two would
// slow each other down. The builder points a worksheet page's theme config here,
// with Material's own worker file as `worker` (builder/search.py). The page lets
// the index be built when Python is ready, when Python cannot start, or as soon as
// someone opens the search (search-release.js); HOLD_MS is the longest wait.
// A classic worker, in Material's folder, so its "../lunr" files resolve as usual.
"use strict";
(() => {
  const HOLD_MS = 10000;
  const CHANNEL = "rg-search";
  const worker = new URLSearchParams(self.location.search).get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) {
    throw new Error(`Zoeken: onbekend zoekprogramma '${worker}'`);
  }
  const held = [];
  let released = false;
  let timer = 0;
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;

  function release() {
    if (released) return;
    released = true;
    clearTimeout(timer);
    if (channel) channel.close();
    importScripts(worker);  // adds Material's own message listener after this one
    for (const data of held.splice(0)) self.dispatchEvent(new MessageEvent("message", { data }));
  }

  self.addEventListener("message", (event) => {
    if (released) return;
    held.push(event.data);
    event.stopImmediatePropagation();
  });
  if (!channel) {
    release();
    return;
  }
  channel.onmessage = (event) => {
    if (event.data === "release") release();
  };
  timer = setTimeout(release, HOLD_MS);
})();
