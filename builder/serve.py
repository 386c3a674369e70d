"""Serving the site locally: ``make serve`` (live reload) and a plain static server.

Both send ``.wasm`` as ``application/wasm`` and ``.mjs``/``.js`` as
JavaScript; Pyodide hangs silently otherwise. MkDocs' live reload injects an
inline script, which our CSP forbids, so the dev server injects the same
poller as a same-origin script file instead.

Caching (see :func:`cache_control`, and the README for other hosts): files
whose address changes with their content are cached for a year; everything
else, pages and ``sw.js`` first, is revalidated on every use. The static server
also gzips text and WebAssembly when the browser accepts it. The live-reload
server sends ``no-cache`` for everything and builds without the service worker
and the Python snapshot (it sets ``RG_DEV_SERVER=1`` for the builder).
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import mimetypes
import os
import re
import sys
import threading
from pathlib import Path
from typing import ClassVar

from mkdocs import livereload

from builder import runtime, security

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".snapshot": "application/octet-stream",
}
#: A year, and never revalidated: the address changes when the content does.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Kept, but checked with the server (a cheap 304) before every use.
REVALIDATE = "no-cache"
_CONTENT_ADDRESSED = re.compile(
    rf"(^|/){re.escape(runtime.SITE_DIR)}/"          # the Pyodide folder, named by version
    r"|(^|/)py/python-[0-9a-f]+\.snapshot$"          # the Python snapshot, named by hash
    r"|\.[0-9a-f]{8}\.min\.(js|css)$"                # the theme's hashed bundles
)
#: Types worth compressing (fonts, images, PDFs and zips already are).
_COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|manifest\+json|wasm|xml)"
                           r"|image/svg\+xml)")
_MIN_GZIP_BYTES = 1024


def cache_control(path: str, query: str = "") -> str:
    """The ``Cache-Control`` header for a site path (and the query it was asked with)."""
    if re.search(r"(^|&)v=[0-9a-f]+", query) or _CONTENT_ADDRESSED.search(path):
        return IMMUTABLE
    return REVALIDATE
LIVERELOAD_PATH = "/__rg_livereload.js"
_LIVERELOAD_JS = livereload._SCRIPT_TEMPLATE_STR.replace(
    "livereload(${epoch}, ${request_id});",
    "const rgLr = new URL(document.currentScript.src).searchParams;\n"
    'livereload(Number(rgLr.get("epoch")), Number(rgLr.get("id")));',
)


def register_mime_types() -> None:
    for suffix, kind in MIME_TYPES.items():
        mimetypes.add_type(kind, suffix)


class LiveReloadServer(livereload.LiveReloadServer):
    """MkDocs' dev server, with the live-reload poller as a file (CSP-safe)."""

    def _serve_request(self, environ, start_response):  # type: ignore[override]
        if environ["PATH_INFO"] == LIVERELOAD_PATH:
            body = _LIVERELOAD_JS.encode()
            start_response("200 OK", [("Content-Type", "text/javascript"),
                                      ("Content-Length", str(len(body)))])
            return [body]

        def no_cache(status, headers, *rest):  # type: ignore[no-untyped-def]
            return start_response(status, [*headers, ("Cache-Control", "no-cache")], *rest)

        return super()._serve_request(environ, no_cache)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        tag = (f'<script src="{LIVERELOAD_PATH}?epoch={epoch}&id={livereload._timestamp()}">'
               "</script>").encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + tag + content[end:]

    @classmethod
    def _guess_type(cls, path: str) -> str:
        return MIME_TYPES.get(Path(path).suffix) or super()._guess_type(path)


def serve_with_livereload(config_file: str, dev_addr: str | None) -> None:
    """``mkdocs serve`` with our MIME types and the CSP-safe live reload."""
    from mkdocs.commands import serve as mkdocs_serve

    register_mime_types()
    os.environ["RG_DEV_SERVER"] = "1"  # the plugin: no snapshot, no offline copy
    mkdocs_serve.LiveReloadServer = LiveReloadServer  # the one seam MkDocs offers
    mkdocs_serve.serve(config_file=config_file, dev_addr=dev_addr, strict=True)


class _GzipCache:
    """Compressed bodies by path, modification time and size (one copy per file)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bodies: dict[tuple[str, int, int], bytes] = {}

    def get(self, path: Path) -> bytes:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with self.lock:
            if key not in self.bodies:
                self.bodies[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return self.bodies[key]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under a path prefix, with MIME types, caching and gzip."""

    prefix = "/"
    gzip_cache: ClassVar[_GzipCache] = _GzipCache()
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def _site_path(self) -> str:
        return self.path.split("?", 1)[0].split("#", 1)[0][len(self.prefix):]

    def send_head(self):  # type: ignore[no-untyped-def]
        """Like the standard handler, but gzip-compressed when that helps."""
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            target = target / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(target))
        if (not accepts or not target.is_file() or not _COMPRESSIBLE.match(kind)
                or target.stat().st_size < _MIN_GZIP_BYTES):
            return super().send_head()
        modified = int(target.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                when = None
            if when is not None and int(when.timestamp()) >= modified:
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        body = self.gzip_cache.get(target)
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if re.search(r"(/|\.html)$", path):
            self.send_header("Content-Security-Policy",
                             security.policy() + "; frame-ancestors 'none'")
        query = self.path.split("?", 1)[1] if "?" in self.path else ""
        self.send_header("Cache-Control", cache_control(self._site_path(), query))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietHTTPServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page closes connections mid-file: not an error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class StaticServer:
    """A threaded static server for tests, the benchmark and ``make preview``
    (``handler_class``: a :class:`StaticHandler` subclass, for tests)."""

    def __init__(self, root: Path, prefix: str = "/", host: str = "127.0.0.1",
                 port: int = 0, handler_class: type[StaticHandler] | None = None) -> None:
        register_mime_types()
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        base = handler_class or StaticHandler
        handler = functools.partial(type("Handler", (base,), {"prefix": prefix}),
                                    directory=str(root))
        self.httpd = _QuietHTTPServer((host, port), handler)
        self.prefix = prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
