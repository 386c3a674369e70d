// The theme's JavaScript on a worksheet page (Material's bundle: header, navigation,
// search, the light/dark switch) runs once the form is usable. Its first run takes
// 35–80 ms of the main thread, right when the stored answers arrive: measured on
// return visits (10 each), the form was usable about 40–55 ms sooner this way.
// The builder puts this module where the page loaded the bundle
// (builder/theme_bundle.py). Material starts on "DOMContentLoaded", which has passed
// by then, so the event is sent once more for it. Listeners that heard the real one
// were registered `once` and are gone.

// A form that never gets usable (storage blocked, a script failed) does not keep the
// theme away for longer than this.
const WAIT_AT_MOST_MS = 3000;

const placeholder = document.querySelector("script[data-rg-theme-bundle]");

// Resolves once every worksheet root on the page carries ``data-<name>`` (or after
// ``waitMs``, whichever comes first).
function whenEveryWorksheetHas(name, waitMs) {
  const attribute = `data-${name}`;
  const all = () => [...document.querySelectorAll("[data-worksheet]")]
    .every((root) => root.hasAttribute(attribute));
  return new Promise((resolve) => {
    if (all()) {
      resolve();
      return;
    }
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => { if (all()) done(); });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: [attribute] });
    const timer = setTimeout(done, waitMs);
  });
}

function whenParsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

function loadBundle(src) {
  const script = document.createElement("script");
  script.src = src;
  script.addEventListener("load", () => document.dispatchEvent(new Event("DOMContentLoaded")), { once: true });
  document.body.append(script);
}

// Then it waits for Python too, at most this long: on a return visit Python restores
// itself in about half a second, and the bundle's first run would take the processor
// from it (measured: Python ready 20–70 ms sooner this way). The header's search and
// colour switch come that much later; on a first visit at most a second later.
const PYTHON_WAIT_AT_MOST_MS = 1000;

if (placeholder) {
  const formThenPython = whenEveryWorksheetHas("ready", WAIT_AT_MOST_MS)
    .then(() => whenEveryWorksheetHas("python", PYTHON_WAIT_AT_MOST_MS));
  Promise.all([formThenPython, whenParsed()])
    .then(() => loadBundle(placeholder.dataset.rgThemeBundle));
}
