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

function formsUsable() {
  return [...document.querySelectorAll("[data-worksheet]")].every((root) => root.dataset.ready);
}

function whenFormsUsable() {
  return new Promise((resolve) => {
    if (formsUsable()) {
      resolve();
      return;
    }
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => { if (formsUsable()) done(); });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
    const timer = setTimeout(done, WAIT_AT_MOST_MS);
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

if (placeholder) {
  Promise.all([whenFormsUsable(), whenParsed()]).then(() => loadBundle(placeholder.dataset.rgThemeBundle));
}
