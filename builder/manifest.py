"""Stage 6b: a manifest of every file in the site, with its hash and size."""

from __future__ import annotations

import json
from pathlib import Path

from builder.runtime import sha256_of

MANIFEST_NAME = "manifest.json"


def site_manifest(site_dir: Path, version: str) -> dict:
    """Every file under ``site_dir`` (except the manifest) with SHA-256 and size."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.name != MANIFEST_NAME:
            rel = path.relative_to(site_dir).as_posix()
            files[rel] = {"sha256": sha256_of(path), "bytes": path.stat().st_size}
    return {"format": "rg-site-manifest", "version": version, "files": files}


def write_manifest(site_dir: Path, version: str) -> Path:
    target = site_dir / MANIFEST_NAME
    manifest = site_manifest(site_dir, version)
    target.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return target
