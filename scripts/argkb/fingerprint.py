"""Stable digests of what a page's HTML is made from, for the caches of `mkdocs serve`.

A cache keyed by these digests can only ever return what a fresh build would write: every value
that reaches a page template (the page, its table of contents, the nav, the config, the rest of
the template context) goes into the key, and a value of a type this module does not know raises
`Uncacheable`, so the page is rendered as usual instead of being looked up. The config is the
exception: it is reloaded from mkdocs.yml for every build, so its file's bytes are in the key and
objects whose repr names only their address (path patterns, hooks) are taken by type name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

_PLAIN = (str, int, float, bool, type(None), date, datetime)
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
# a page's attributes that are cached conversions or bookkeeping, never read by a template
_PAGE_INTERNAL = {"markdown", "render", "present_anchor_ids", "links_to_anchors", "_title_from_render"}


class Uncacheable(Exception):
    """A value whose content this module cannot put into a key: render without the cache."""


def digest(*parts: str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8", "surrogatepass"))
        sha.update(b"\0")
    return sha.hexdigest()


def value(item: Any) -> str:
    """Plain data (str, numbers, dates, lists, dicts, Markup) -> text; anything else: Uncacheable."""
    if isinstance(item, _PLAIN):
        return f"{type(item).__name__}:{item!r}"
    if isinstance(item, Mapping):
        pairs = sorted(item.items(), key=lambda kv: repr(kv[0]))
        return "{" + ",".join(f"{value(k)}:{value(v)}" for k, v in pairs) + "}"
    if isinstance(item, (list, tuple)):
        return "[" + ",".join(value(v) for v in item) + "]"
    if isinstance(item, (set, frozenset)):
        return "{" + ",".join(sorted(value(v) for v in item)) + "}"
    raise Uncacheable(type(item).__name__)


def toc(items: Any) -> str:
    """A table of contents (titles, ids, levels, nesting) -> text."""
    if isinstance(items, TableOfContents):
        items = items.items
    out = []
    for link in items:
        if not isinstance(link, AnchorLink):
            raise Uncacheable(type(link).__name__)
        out.append(f"({value(link.title)},{value(link.id)},{link.level},{toc(link.children)})")
    return "[" + ",".join(out) + "]"


def _extra_attributes(item: object, known: set[str]) -> str:
    """What other plugins attached to a page or nav item (Material's typeset, encryption, ...)."""
    extra = {k: v for k, v in vars(item).items() if k not in known and not k.startswith("_")}
    return value(extra)


def _ref(page: Any) -> str:
    return "" if page is None else value((page.title, page.url))


def page(item: Page) -> str:
    """Everything about a page its template can read (its nav position: see `nav`)."""
    if type(item) is not Page:  # a blog post and the like carry more than this knows
        raise Uncacheable(type(item).__name__)
    known = {
        "file",
        "title",
        "children",
        "previous_page",
        "next_page",
        "update_date",
        "content",
        "toc",
        "meta",
        "canonical_url",
        "abs_url",
        "edit_url",
        "parent",
        *_PAGE_INTERNAL,
    }
    parts = [
        value((item.file.src_uri, item.file.dest_uri, item.url, item.canonical_url, item.abs_url, item.edit_url)),
        value((item.title, item.is_homepage, item.is_index, item.active, item.update_date, item.children)),
        value(item.meta),
        toc(item.toc),
        _ref(item.previous_page) + _ref(item.next_page),
        value([(a.title, getattr(a, "url", None)) for a in item.ancestors]),
        _extra_attributes(item, known),
        item.content or "",
    ]
    return digest(*parts)


def _nav_item(item: Any) -> str:
    if isinstance(item, Section):
        known = {"title", "children", "active"}
        children = ",".join(_nav_item(child) for child in item.children)
        return f"S({value(item.title)},{_extra_attributes(item, known)},[{children}])"
    if isinstance(item, Link):
        return f"L({value((item.title, item.url))},{_extra_attributes(item, {'title', 'url', 'children'})})"
    if type(item) is Page:
        known = {"file", "title", "children", "previous_page", "next_page", "update_date", "content", "toc"}
        known |= {"meta", "canonical_url", "abs_url", "edit_url", "parent", *_PAGE_INTERNAL}
        fields = (item.title, item.url, item.canonical_url, item.is_homepage, item.is_index)
        return f"P({value(fields)},{value(item.meta)},{_extra_attributes(item, known)})"
    raise Uncacheable(type(item).__name__)


def nav(item: Navigation) -> str:
    """The whole nav: its tree of titles and URLs (which item is active follows from the page)."""
    if not isinstance(item, Navigation):
        raise Uncacheable(type(item).__name__)
    homepage = item.homepage.url if item.homepage is not None else None
    return digest(value(homepage), "[" + ",".join(_nav_item(child) for child in item.items) + "]")


def files(items: Any) -> str:
    """The documentation pages (the `pages` of the template context)."""
    if not all(isinstance(f, File) for f in items):
        raise Uncacheable("pages")
    return digest(value([(f.src_uri, f.url) for f in items]))


def options(item: Any, depth: int = 0) -> str:
    """Config-like data (a config, a plugin's options, their values) -> text."""
    if depth > 20:
        raise Uncacheable("config nesting")
    if isinstance(item, _PLAIN):
        return f"{type(item).__name__}:{item!r}"
    if isinstance(item, (Mapping, Config)):
        pairs = sorted(((repr(k), v) for k, v in item.items()), key=lambda kv: kv[0])
        inner = ",".join(f"{k}:{options(v, depth + 1)}" for k, v in pairs if not k.startswith("'_"))
        return f"{type(item).__name__}{{{inner}}}"
    if isinstance(item, (list, tuple, set, frozenset)):
        items = sorted(item, key=repr) if isinstance(item, (set, frozenset)) else item
        return "[" + ",".join(options(v, depth + 1) for v in items) + "]"
    if hasattr(item, "config") and isinstance(item.config, Config):  # a plugin: its options
        return f"{type(item).__module__}.{type(item).__name__}({options(item.config, depth + 1)})"
    if hasattr(item, "__dict__") and type(item).__repr__ is object.__repr__:
        return f"{type(item).__name__}({options(vars(item), depth + 1)})"
    return _ADDRESS.sub("", repr(item))


def config(item: Any) -> str:
    """The loaded config (after every plugin's on_config) and the bytes of its file."""
    path = item.get("config_file_path")
    source = Path(path).read_bytes().hex() if path and Path(path).is_file() else ""
    return digest(source, options(item))
