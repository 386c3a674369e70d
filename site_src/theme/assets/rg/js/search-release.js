// A worksheet page's side of the held search worker
// (assets/javascripts/workers/rg-search-hold.js): Material's search builds its index
// only once this page says so, so the index and Python do not compete for the
// processor while Python starts.
const CHANNEL = "rg-search";
let channel = null;

// Let the search index be built now (safe to call more than once).
export function releaseSearch() {
  if (channel || typeof BroadcastChannel !== "function") return;
  channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("release");
}

// Someone who opens the search does not wait for Python: the search field getting
// focus (click, tap or Material's keyboard shortcuts) or the header's search toggle.
export function releaseSearchWhenOpened(doc = document) {
  const opened = (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(".md-search") || target.id === "__search") {
      releaseSearch();
      doc.removeEventListener("focusin", opened);
      doc.removeEventListener("change", opened);
    }
  };
  doc.addEventListener("focusin", opened);
  doc.addEventListener("change", opened);
}
