// The site's service worker (written to the site root as sw.js by builder/offline.py,
// which puts VERSION, SITE_FILES, RUNTIME_FILES and RUNTIME_FOLDERS above this text).
//
// After one visit the whole site works without a network: every page, the search
// index, the Python runtime and the site's Python packages are kept in the browser.
// - SITE_FILES (pages, styles, scripts, fonts, icons, search) belong to one version
//   of the site and live in the cache "rg-site-<VERSION>".
// - RUNTIME_FILES have their content in their address (the Pyodide folder carries
//   its version, the packages a ?v=<hash>, the snapshot its hash). They live in the
//   cache "rg-runtime", so a new site version only downloads what really changed.
// Every file is fetched with its SHA-256 as Subresource Integrity: a half-deployed
// server (new sw.js, old files) makes the install fail, and the browser tries again
// later, instead of mixing versions. A new version waits until the page tells it to
// take over (offline.js asks the user first), then old caches are removed.
/* global VERSION, SITE_FILES, RUNTIME_FILES, RUNTIME_FOLDERS */

const SITE_CACHE = `rg-site-${VERSION}`;
const RUNTIME_CACHE = "rg-runtime";
const SCOPE = new URL("./", self.location).href;
const PARALLEL = 6;

const entries = new Map();
for (const [path, integrity] of SITE_FILES) entries.set(SCOPE + path, { integrity, cache: SITE_CACHE });
for (const [path, integrity, how] of RUNTIME_FILES) {
  // The Python snapshot only makes Python start sooner: without it Python starts the
  // plain way, so a snapshot that cannot be stored (storage full, a download that
  // failed) leaves it out instead of failing the whole offline copy.
  const snapshot = how === "gunzip";
  entries.set(SCOPE + path, { integrity, cache: RUNTIME_CACHE, gunzip: snapshot, optional: snapshot });
}

// What goes into the cache for a verified response (null: nothing). A redirect is
// stored as a plain response (a redirected response may not answer a navigation).
// The Python snapshot travels gzip-compressed and is stored unpacked: the worker then
// reads it without spending half a second on decompressing it at every start. A
// browser that cannot unpack it keeps no snapshot (its Python starts the plain way).
async function keepable(response, entry) {
  if (entry.gunzip) {
    const packed = await response.blob();
    const magic = new Uint8Array(await packed.slice(0, 2).arrayBuffer());
    const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
    if (gzipped && typeof DecompressionStream === "undefined") return null;
    const body = gzipped
      ? await new Response(packed.stream().pipeThrough(new DecompressionStream("gzip"))).blob()
      : packed;
    return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
  }
  if (response.redirected) {
    return new Response(await response.blob(), { status: response.status, headers: response.headers });
  }
  return response;
}

// Fetch one file (verified against its hash) and store it.
async function store(cache, url, entry, httpCache) {
  const response = await fetch(new Request(url, { integrity: entry.integrity, cache: httpCache, credentials: "same-origin" }));
  if (!response.ok) throw new Error(`${response.status} bij ${url}`);
  const kept = await keepable(response, entry);
  if (kept) await cache.put(url, kept);
}

async function storeAll(cacheName, list, httpCache, skipCached) {
  const cache = await caches.open(cacheName);
  const queue = [];
  for (const [url, entry] of list) {
    if (skipCached && await cache.match(url)) continue;
    queue.push([url, entry]);
  }
  const workers = Array.from({ length: PARALLEL }, async () => {
    while (queue.length) {
      const [url, entry] = queue.shift();
      try {
        await store(cache, url, entry, httpCache);
      } catch (error) {
        if (!entry.optional) throw error;
        console.warn("Kept without the Python snapshot:", error.message);
      }
    }
  });
  await Promise.all(workers);
}

// GET requests for the files under a folder of this site.
function routeTo(pattern) {
  return { urlPattern: { pathname: new URL(pattern, SCOPE).pathname }, requestMethod: "get" };
}

self.addEventListener("install", (event) => {
  const site = [...entries].filter(([, entry]) => entry.cache === SITE_CACHE);
  const runtime = [...entries].filter(([, entry]) => entry.cache === RUNTIME_CACHE);
  // With "Databesparing" on, the large runtime files are kept only once a worksheet uses them.
  const saveData = Boolean(self.navigator.connection && self.navigator.connection.saveData);
  // Chromium answers the files of a page and of Python straight from the caches,
  // without waking this script for each request (static routing: a page's ~25 files
  // and the runtime's megabytes arrive sooner). The routes apply once this version is
  // installed, when every file they cover is in its cache (an install that could not
  // store one fails). The runtime is routed only when it was stored at install (not
  // with "Databesparing"). Other browsers use the fetch handler below.
  if (event.addRoutes) {
    const routes = [{ condition: routeTo("assets/*"), source: { cacheName: SITE_CACHE } }];
    if (!saveData) {
      for (const folder of RUNTIME_FOLDERS) {
        routes.push({ condition: routeTo(`${folder}/*`), source: { cacheName: RUNTIME_CACHE } });
      }
    }
    try {
      event.waitUntil(event.addRoutes(routes).catch(() => {}));
    } catch (error) {
      // a browser that does not know these rules: the fetch handler serves everything
    }
  }
  event.waitUntil((async () => {
    // Revalidate site files (a 304 costs nothing); runtime files never change at their address.
    await storeAll(SITE_CACHE, site, "no-cache", false);
    if (!saveData) await storeAll(RUNTIME_CACHE, runtime, "default", true);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("rg-site-") && name !== SITE_CACHE) await caches.delete(name);
    }
    const runtime = await caches.open(RUNTIME_CACHE);
    for (const request of await runtime.keys()) {
      if (!entries.has(request.url)) await runtime.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "rg:activate") self.skipWaiting();
  if (event.data && event.data.type === "rg:version" && event.ports[0]) event.ports[0].postMessage(VERSION);
});

// The cache key of a request: pages by folder ("x/" for "x/index.html"), the query
// only when this exact address is known (the packages' ?v=), never the fragment.
function keyFor(request) {
  const url = new URL(request.url);
  url.hash = "";
  if (entries.has(url.href)) return url.href;
  url.search = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return entries.has(url.href) ? url.href : null;
}

// "methode" for the page "methode/": send the browser to the folder, as a web server does.
function folderOf(request) {
  const url = new URL(request.url);
  const query = url.search;
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/") || !entries.has(`${url.href}/`)) return null;
  return `${url.href}/${query}`;
}

const OFFLINE_PAGE = `<!doctype html><html lang="nl"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Geen verbinding</title>
<h1>Geen verbinding</h1><p>Deze pagina is niet bewaard in deze browser en er is nu geen internet.
Ga terug, of probeer het opnieuw als je weer verbinding hebt.</p></html>`;

function offlinePage() {
  return new Response(OFFLINE_PAGE, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'",
    },
  });
}

async function respond(request, key) {
  const entry = entries.get(key);
  const cache = await caches.open(entry.cache);
  const cached = await cache.match(key);
  if (cached) return cached;
  // Not stored (the runtime is skipped at install to save data): fetch, keep, answer.
  const response = await fetch(new Request(key, { integrity: entry.integrity, credentials: "same-origin" }));
  if (!response.ok) return response;
  const kept = await keepable(response.clone(), entry);
  if (kept) await cache.put(key, kept);
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const key = keyFor(request);
  const folder = request.mode === "navigate" && !key && folderOf(request);
  if (folder) {
    event.respondWith(Response.redirect(folder, 301));
  } else if (key) {
    event.respondWith(respond(request, key).catch(() => (request.mode === "navigate" ? offlinePage() : Response.error())));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  }
});
