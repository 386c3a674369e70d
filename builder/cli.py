"""Command line: ``python -m builder build|serve|preview``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def _build(args: argparse.Namespace) -> int:
    config = load_config(args.config, strict=True,
                         **({"site_dir": args.site_dir} if args.site_dir else {}))
    build(config)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from builder.serve import serve_with_livereload

    serve_with_livereload(args.config, args.dev_addr)
    return 0


def _preview(args: argparse.Namespace) -> int:
    from builder.serve import StaticServer

    with StaticServer(Path(args.site_dir or "site"), args.prefix, port=args.port) as server:
        print(f"Serving {args.site_dir or 'site'} at {server.url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.thread.join()
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs config file")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the site (strict)")
    p_build.add_argument("-d", "--site-dir", help="output folder (default: site/)")
    p_serve = sub.add_parser("serve", help="serve with live reload")
    p_serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    p_preview = sub.add_parser("preview", help="serve a built site under a subpath")
    p_preview.add_argument("-d", "--site-dir")
    p_preview.add_argument("--prefix", default="/handboek/")
    p_preview.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    try:
        return {"build": _build, "serve": _serve, "preview": _preview}[args.command](args)
    except MkDocsException as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
