"""MkDocs adapter: check the knowledge base, render its pages in memory, hand them to MkDocs.

The work is done by argkb.load, argkb.checks and argkb.render; this only wires them to MkDocs.
"""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from argkb import kb_cache, navcache, page_cache, render_cache, search_cache, serve_watch
from argkb.build import SCANNED_OUTSIDE
from argkb.checks import bibliography, bounds, run_checks
from argkb.export import export_files
from argkb.htmlpolicy import scan_site
from argkb.load import LoadError, load_kb, parse_memo
from argkb.load.symlinks import outside_symlinks
from argkb.model import Diagnostic, KnowledgeBase
from argkb.preview import LivePreview, with_banner
from argkb.render import RenderError, RenderOptions, clean_memo, graphviz, head_html, render_site, source_files
from argkb.render.islands import drop_in_islands, lift_islands
from argkb.render.map_blocks import ENGINES, drop_in_maps, engine_for, lift_maps
from argkb.render.paths import is_index_page

log = logging.getLogger("mkdocs.plugins.argkb")
PACKAGE = Path(__file__).parent
ASSETS = {  # site path -> file shipped in the package
    "assets/argkb/argkb.css": PACKAGE / "assets/argkb.css",
    "assets/argkb/mermaid-loader.js": PACKAGE / "assets/mermaid-loader.js",
    "assets/argkb/vendor/mermaid/mermaid.min.js": PACKAGE / "assets/vendor/mermaid/mermaid.min.js",
    "assets/argkb/vendor/mermaid/LICENSE": PACKAGE / "assets/vendor/mermaid/LICENSE",
    "assets/argkb/vendor/panzoom/panzoom.min.js": PACKAGE / "assets/vendor/panzoom/panzoom.min.js",
    "assets/argkb/vendor/panzoom/LICENSE": PACKAGE / "assets/vendor/panzoom/LICENSE",
    "assets/argkb/map-view.js": PACKAGE / "assets/map-view.js",
}


PRUNE_NAV_PAST = 30
"""Past this many nav entries, Material's navigation.prune: a page's nav holds only its own part."""


def _nav_entries(nav: object) -> int:
    if isinstance(nav, list):
        return sum(_nav_entries(item) for item in nav)
    if isinstance(nav, dict):
        return sum(1 + _nav_entries(value) for value in nav.values())
    return 1


class ArgkbConfig(base.Config):
    root = c.Type(str, default=".")
    """The knowledge base root (holding claims/ and references.bib), relative to mkdocs.yml."""
    edit_url_base = c.Optional(c.Type(str))
    """URL prefix for edit links to repository files; default: repo_url + edit_uri, minus docs_dir."""
    watch = c.Type(bool, default=True)
    """Rebuild on `mkdocs serve` when claims/ or references.bib change."""
    maps = c.Choice(ENGINES, default="auto")
    """How argument maps are drawn: 'graphviz' (SVG at build time), 'mermaid' (in the browser), or
    'auto' (Graphviz where its `dot` is installed, else Mermaid)."""


class ArgkbPlugin(BasePlugin[ArgkbConfig]):
    heads: dict[str, str]
    """Generated page -> the meta tags and JSON-LD for its <head>, from the last on_files."""

    preview = LivePreview(keep_last_good=False)
    banner = ""
    """The error banner every page shows while the knowledge base has errors (argkb.preview)."""
    render_context = ""
    """Key of this build's files and config for render_cache ('' when the cache is off)."""
    maps: dict[str, str] = {}
    """The inline SVG maps of the generated pages, put in after Markdown (map_blocks.lift_maps)."""
    islands: dict[str, str] = {}
    """The HTML parts of the generated pages, put in after Markdown (render/islands.py)."""
    generated: frozenset[str] = frozenset()
    """src_uri of every page this plugin made (only those get maps put in)."""
    scan_memo: dict | None = None
    """The HTML policy's findings by page, kept between `mkdocs serve` builds (htmlpolicy.scan_site)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # defining on_startup keeps this plugin across `mkdocs serve` rebuilds, and so the last good kb
        self.preview = LivePreview(keep_last_good=command == "serve")
        render_cache.enabled = command == "serve"  # only rebuilds gain from it
        page_cache.enabled = search_cache.enabled = clean_memo.enabled = kb_cache.enabled = command == "serve"
        parse_memo.enabled = graphviz.keep_layouts = command == "serve"
        self.scan_memo = {} if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        if fatal := bibliography.fatal_problems(self.root):  # before mkdocs-bibtex reads the file
            for diagnostic in fatal:
                log.error(str(diagnostic))
            raise PluginError("argkb: references.bib has the errors above; fix them first (`argkb check`)")
        if self.config.watch:
            watched = {str(Path(path).resolve()) for path in config.watch}
            for path in (self.root / "claims", self.root / "references.bib"):
                if str(path) not in watched:
                    config.watch.append(str(path))
        features = config.theme.get("features")
        if (
            isinstance(features, list)
            and _nav_entries(config.nav) > PRUNE_NAV_PAST
            and "navigation.expand" not in features
        ):
            features.append("navigation.prune")  # each page would carry the whole nav (35 KB at 100 sections)
        # our partials come after the user's custom_dir and before the theme's own
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "theme"))
        config.extra_css.append("assets/argkb/argkb.css")
        config.extra_javascript.append(c.ExtraScriptValue("assets/argkb/mermaid-loader.js"))
        for script in ("assets/argkb/vendor/panzoom/panzoom.min.js", "assets/argkb/map-view.js"):
            config.extra_javascript.append(c.ExtraScriptValue(script))
        if engine_for(self.config.maps) == "mermaid" and self.config.maps != "mermaid":
            log.info(
                "argkb: Graphviz (dot) not found, so maps are drawn in the browser by Mermaid; "
                "install it (Debian: apt-get install graphviz) for maps that appear at once"
            )
        return config

    def _edit_url_base(self, config: MkDocsConfig) -> str:
        if self.config.edit_url_base is not None:
            return self.config.edit_url_base
        if not config.repo_url or not config.edit_uri:
            return ""
        docs_edit = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        to_root = posixpath.relpath(self.root.as_posix(), Path(config.docs_dir).resolve().as_posix())
        return urljoin(docs_edit, to_root.rstrip("/") + "/")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.heads = {}
        self.render_context = ""
        self.maps, self.islands, self.generated = {}, {}, frozenset()
        inputs = kb_cache.inputs(self.root)  # None unless serving
        try:
            kb, diagnostics = kb_cache.reuse(self.root, inputs, "checked", lambda: _checked(self.root))
        except LoadError as err:
            raise PluginError(str(err)) from err
        for link in outside_symlinks(self.root):  # never publish a docs/ page linked from outside
            if link.startswith("docs/") and (linked := files.get_file_from_path(link[len("docs/") :])):
                files.remove(linked)
        outcome = self.preview.update(kb, diagnostics)
        for diagnostic in outcome.to_log:  # an error is a warning, so --strict fails on a bad claim
            (log.warning if diagnostic.severity == "error" else log.info)(str(diagnostic))
        if outcome.stale:
            log.warning(f"argkb: {len(outcome.errors)} error(s), listed when they appeared; serving the last good kb")
        elif any(d.code in bounds.CODES for d in diagnostics):
            log.warning("argkb: input over a size bound (see above); no page is generated")
            return files
        if outcome.kb is not kb:  # the last good kb, shown while this one has errors: not cached
            inputs = None
        kb, self.banner = outcome.kb, outcome.banner_html()
        bib_file = self.root / "references.bib"
        bibtex = bib_file.read_text(encoding="utf-8", errors="replace") if bib_file.is_file() else ""
        options = RenderOptions(config.use_directory_urls, self._edit_url_base(config), bibtex, config.site_url or "")
        options = replace(options, maps=self.config.maps)
        try:
            made_with = repr(options) + engine_for(options.maps)
            pages, self.heads, sources, exports = kb_cache.reuse(
                self.root, inputs, "rendered", lambda: _rendered(kb, options), also=made_with
            )
        except RenderError as err:
            log.warning(f"argkb: {err}")
            return files
        pages, self.maps = lift_maps(pages)
        pages, self.islands = lift_islands(pages)
        self.generated = frozenset(pages)
        docs_dir = Path(config.docs_dir).resolve().as_posix()
        for src_uri, markdown in pages.items():
            inclusion = InclusionLevel.UNDEFINED if is_index_page(src_uri) else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content=markdown, inclusion=inclusion)
            # the theme's edit button opens the YAML the page comes from; no button when there is none
            file.edit_uri = (
                posixpath.relpath((self.root / sources[src_uri]).as_posix(), docs_dir) if src_uri in sources else None
            )
            self._add(files, file)
        for name, text in exports.items():  # open data, at the site root
            self._add(files, File.generated(config, name, content=text))
        for src_uri, path in ASSETS.items():
            self._add(files, File.generated(config, src_uri, abs_src_path=str(path)))
        self.render_context = render_cache.start_build(files, config) if render_cache.enabled else ""
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.render_context:
            render_cache.wrap(page, self.render_context)
        return page

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        navcache.install(env, config.theme.dirs, str(PACKAGE / "theme"))
        if page_cache.enabled:
            page_cache.install(env)
        if search_cache.enabled:
            search_cache.install(config.plugins)
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the page's HTML parts in (before the search plugin reads the page)."""
        if self.islands and page.file.src_uri in self.generated:
            return drop_in_islands(html, self.islands)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the page's maps in, and its meta tags and JSON-LD into its <head>."""
        if self.maps and page.file.src_uri in self.generated:
            output = drop_in_maps(output, self.maps)
        output = with_banner(output, self.banner)
        head = self.heads.get(page.file.src_uri, "")
        end = output.find("</head>")
        if not head or end < 0:
            return output
        return output[:end] + head + "\n" + output[end:]

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        serve_watch.poll_sooner(server)  # a saved claim is noticed within 0.1 s, not 0.5 s
        serve_watch.build_sooner(server)  # and built 0.05 s after the last change, not 0.1 s
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The published-HTML policy over the finished site (`argkb build` runs it on its own copy)."""
        if os.environ.get(SCANNED_OUTSIDE):
            return
        if found := scan_site(config.site_dir, config.site_url or "", self.scan_memo):
            for diagnostic in found:
                log.error(str(diagnostic))
            raise PluginError(f"argkb: {len(found)} element(s) break the published-HTML policy (see above)")

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if (existing := files.get_file_from_path(file.src_uri)) is not None:
            log.warning(f"argkb: docs/{file.src_uri} is replaced by a generated page; delete it")
            files.remove(existing)
        files.append(file)


def _checked(root: Path) -> tuple[KnowledgeBase, list[Diagnostic]]:
    kb = load_kb(root)
    return kb, run_checks(kb)


def _rendered(kb: KnowledgeBase, options: RenderOptions) -> tuple[dict[str, str], ...]:
    """The pages, their heads, the files they come from, the open-data exports."""
    clean_memo.start_build()
    return render_site(kb, options), head_html(kb, options), source_files(kb), export_files(kb)
