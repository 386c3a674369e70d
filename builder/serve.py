"""Serving the site locally: ``make serve`` (live reload) and a plain static server.

Both send ``.wasm`` as ``application/wasm`` and ``.mjs``/``.js`` as
JavaScript; Pyodide hangs silently otherwise. MkDocs' live reload injects an
inline script, which our CSP forbids, so the dev server injects the same
poller as a same-origin script file instead.
"""

from __future__ import annotations

import functools
import http.server
import mimetypes
import re
import threading
from pathlib import Path
from typing import ClassVar

from mkdocs import livereload

from builder import security

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}
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
        return super()._serve_request(environ, start_response)

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
    mkdocs_serve.LiveReloadServer = LiveReloadServer  # the one seam MkDocs offers
    mkdocs_serve.serve(config_file=config_file, dev_addr=dev_addr, strict=True)


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under a path prefix, with the right MIME types."""

    prefix = "/"
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self) -> None:
        if re.search(r"(/|\.html)$", self.path.split("?", 1)[0]):
            self.send_header("Content-Security-Policy",
                             security.policy() + "; frame-ancestors 'none'")
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """A threaded static server for tests, the benchmark and ``make preview``."""

    def __init__(self, root: Path, prefix: str = "/", host: str = "127.0.0.1",
                 port: int = 0) -> None:
        register_mime_types()
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = functools.partial(type("Handler", (StaticHandler,), {"prefix": prefix}),
                                    directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
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
