"""Markdown -> HTML once per page content, for the rebuilds of `mkdocs serve`.

Each rebuild converts every page's Markdown again, though an edit to one claim changes the
Markdown of a handful of pages. MkDocs' conversion of a page depends on its Markdown, on the set
of files links can point to, and on the config; keyed by all three, a cached conversion can never
be stale: a changed relation, backlink or map changes the Markdown of every page showing it, so
those pages are converted again. A page holding Material's tags listing depends on the other
pages' tags and titles: it is always converted. The cache holds the last build's pages only (bounded memory)
and lives in the process, as `mkdocs serve` reloads the config and the plugin for every build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class _Rendered:
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri


enabled = False
"""Set by the plugin for `mkdocs serve` only: a one-off build would pay for hashing and memory."""
_current: dict[tuple[str, str], _Rendered] = {}
_previous: dict[tuple[str, str], _Rendered] = {}
stats = {"hits": 0, "misses": 0}


def start_build(files: Files, config: Any) -> str:
    """A new build begins: keep only the last build's pages; the key of this build's context."""
    global _previous, _current
    _previous, _current = _current, {}
    context = repr((sorted(f.src_uri for f in files), config["markdown_extensions"], config["mdx_configs"]))
    context += repr((config["use_directory_urls"], config["validation"]))
    return hashlib.sha256(context.encode()).hexdigest()


def wrap(page: Page, context: str) -> None:
    """Make `page.render` reuse the conversion of the same Markdown in the same context."""
    if not isinstance(page, Page) or not hasattr(page, "_title_from_render"):
        return  # another engine's page (ProperDocs): left as it is
    if "<!-- material/tags" in page.file.content_string:
        return  # Material's tags listing (it rewrites the marker before we see it): depends on other pages
    original = page.render

    def render(config: Any, files: Files) -> None:
        key = (page.file.src_uri, hashlib.sha256((context + (page.markdown or "")).encode()).hexdigest())
        cached = _previous.get(key) or _current.get(key)
        if cached is None:
            stats["misses"] += 1
            original(config, files)
            links = page.links_to_anchors
            cached = _Rendered(
                page.content or "",
                page.toc,
                page._title_from_render,
                page.present_anchor_ids,
                None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
            )
        else:
            stats["hits"] += 1
            page.content, page.toc, page._title_from_render = cached.content, cached.toc, cached.title
            page.present_anchor_ids = cached.present_anchor_ids
            if cached.links_to_anchors is not None:
                page.links_to_anchors = {
                    files.get_file_from_path(uri): dict(a) for uri, a in cached.links_to_anchors.items()
                }
        _current[key] = cached

    page.render = render  # type: ignore[method-assign]
