"""The ``resourcegroepen`` MkDocs plugin: the build's stages as event methods.

Each event method is thin and hands the work to the module of its stage
(see the package docstring for the order). MkDocs runs in strict mode, and
every stage raises a :class:`~builder.errors.BuildError` naming the file
instead of warning and skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from builder import (
    assets,
    icons,
    modules,
    offline,
    runtime,
    search,
    security,
    snapshot,
    theme_bundle,
)
from builder.config import ResourcegroepenConfig
from builder.errors import BuildError
from builder.manifest import write_manifest
from builder.verify import verify_site
from builder.worksheet_pages import SLOT, LoadedWorksheets, load_worksheets, render_form


def _raise(error: BuildError) -> None:
    raise PluginError(str(error)) from error


class ResourcegroepenPlugin(BasePlugin[ResourcegroepenConfig]):
    """Worksheets, the Python runtime and the security rules for the site."""

    def __init__(self) -> None:
        self.loaded: LoadedWorksheets | None = None
        self.runtime_files: list[runtime.RuntimeFile] = []
        self.required: list[str] = []
        self.inline_scripts: dict[str, str] = {}
        self.package_settings: dict = {}
        self.snapshot_job: snapshot.SnapshotJob | None = None
        #: ``make serve`` (live reload): no snapshot, no offline copy.
        self.dev_server = os.environ.get("RG_DEV_SERVER") == "1"

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return (Path(config.config_file_path).parent / self.config[option]).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Stages 1 and 3: collect the worksheets, verify the runtime pin."""
        try:
            self.runtime_files = runtime.verify_runtime(self._path(config, "pyodide_dir"))
            self.loaded = load_worksheets(self._path(config, "worksheets_dir"))
        except BuildError as error:
            _raise(error)
        config.watch.append(str(self._path(config, "worksheets_dir")))
        config.extra["rg_offline"] = not self.dev_server  # main.html: register the service worker
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.inline_scripts = {}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Stages 2–4: worksheet pages, blank PDFs, runtime, Python packages, fonts."""
        assert self.loaded is not None
        try:
            fonts = assets.pdf_font_files(self._path(config, "pdf_fonts_dir"))
            added = assets.worksheet_files(config, self.loaded, fonts[0].parent.parent)
            added += assets.runtime_files(config, self.runtime_files)
            archives = assets.python_archives(self.loaded, fonts)
            if self.config["snapshot"] and not self.dev_server:  # Node works beside the build
                self.snapshot_job = snapshot.start_snapshot(
                    self._path(config, "pyodide_dir"), archives, sorted(self.loaded.sheets))
            package_files, self.package_settings = assets.python_package_files(
                config, self.loaded, fonts, archives)
            added += package_files
            added += icons.app_files(config)
            added += assets.site_font_files(config, self._path(config, "site_fonts_dir"))
        except BuildError as error:
            _raise(error)
        for file in [f for f in files if f.src_uri.endswith(".map")]:
            files.remove(file)  # the theme's source maps: no visitor needs them
        for file in added:
            files.append(file)
        self.required = [file.dest_uri for file in added]
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every page must be reachable from the navigation."""
        in_nav = {page.file.src_uri for page in nav.pages}
        missing = sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in in_nav)
        if missing:
            _raise(BuildError("mkdocs.yml", f"pages missing from `nav`: {', '.join(missing)}"))
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Templates ask which module scripts a page loads and what they import."""
        js_dir = Path(config.theme.custom_dir or ".") / assets.JS_DIR
        graphs: dict[str, list[str]] = {}  # each script's graph read once per build

        def graph(name: str) -> list[str]:
            if name not in graphs:
                graphs[name] = modules.module_graph(js_dir, f"{name}.js")
            return graphs[name]

        def page_modules(page: Page | None) -> list[tuple[str, list[str]]]:
            names = modules.page_scripts(page, bool(config.extra.get("rg_offline")))
            try:
                return [(name, graph(name)) for name in names]
            except BuildError as error:
                _raise(error)
                raise

        env.globals["rg_page_modules"] = page_modules
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Stage 2: put the rendered form into a worksheet page."""
        sheet_id = page.meta.get("worksheet")
        if not sheet_id:
            return html
        assert self.loaded is not None
        slot = SLOT.format(id=sheet_id)
        if sheet_id not in self.loaded.sheets or slot not in html:
            _raise(BuildError(page.file.src_uri, f"no worksheet {sheet_id!r} for this page"))
        href = get_relative_url(assets.blank_pdf_path(sheet_id), page.url or ".")
        try:
            form = render_form(self.loaded, sheet_id, href)
        except BuildError as error:
            _raise(error)
        return html.replace(slot, form)

    def _secure(self, html: str, page_url: str) -> str:
        to_root = get_relative_url(".", page_url or ".").rstrip("/") + "/"
        html, scripts = security.externalize_scripts(html, "" if to_root == "./" else to_root)
        self.inline_scripts.update(scripts)
        return security.add_security_meta(html)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Stage 6a: a worksheet page holds the search index back and runs the theme's
        bundle after its form; inline scripts to files; the CSP first thing in the page."""
        if page.meta.get("worksheet"):
            try:
                output = search.hold_search_worker(output, page.file.src_uri)
                output = theme_bundle.load_bundle_after_form(output, page.file.src_uri)
            except BuildError as error:
                _raise(error)
        return self._secure(output, page.url)

    def on_post_template(self, output_content: str, template_name: str,
                         config: MkDocsConfig) -> str:
        """Static templates such as 404.html get the same treatment."""
        if template_name.endswith(".html"):
            return self._secure(output_content, ".")
        return output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Stages 6b and 7: write the manifest, then verify the whole site."""
        site_dir = Path(config.site_dir)
        for name, body in sorted(self.inline_scripts.items()):
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / name).write_text(body, encoding="utf-8")
        try:
            if self.snapshot_job:  # stage 4b: wait for the Python snapshot
                job, self.snapshot_job = self.snapshot_job, None
                self.required.append(assets.ship_snapshot(
                    site_dir, job.finish().read_bytes(), self.package_settings))
            verify_site(site_dir, self.required)
        except BuildError as error:
            _raise(error)
        offline.write_service_worker(site_dir, offline.package_aliases(self.package_settings),
                                     dev=self.dev_server)
        write_manifest(site_dir, runtime.PYODIDE_VERSION)

    def on_build_error(self, *, error: Exception) -> None:
        if self.snapshot_job:
            self.snapshot_job.cancel()
            self.snapshot_job = None
