"""Material's search-index entries once per page content, for the rebuilds of `mkdocs serve`.

Material's search plugin parses every page's HTML again in every build to cut it into the entries
of search/search_index.json. A page's entries depend only on its URL, title, metadata, table of
contents and HTML (and the plugin's options), so keyed by those they are reused as they were;
a changed page is parsed again. When the plugin is not Material's, or its index does not look as
this expects, nothing is wrapped. Entries are kept for the last build only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from argkb import fingerprint

enabled = False
"""Set by the plugin for `mkdocs serve` only."""
_current: dict[str, list[dict[str, Any]]] = {}
_previous: dict[str, list[dict[str, Any]]] = {}
stats = {"hits": 0, "misses": 0}


def _material_index(plugins: Any) -> Any:
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if (
            type(index).__module__ == "material.plugins.search.plugin"
            and isinstance(getattr(index, "entries", None), list)
            and callable(getattr(index, "add_entry_from_context", None))
        ):
            return index
    return None


def install(plugins: Any) -> bool:
    """A new build: wrap the search index this build's Material plugin made (False: none found)."""
    global _previous, _current
    _previous, _current = _current, {}
    index = _material_index(plugins)
    if index is None:
        return False
    try:
        options = fingerprint.options(index.config)
    except fingerprint.Uncacheable:
        return False
    original: Callable[[Any], None] = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        try:
            key = fingerprint.digest(
                options,
                fingerprint.value((page.url, page.title)),
                fingerprint.value(page.meta),
                fingerprint.toc(page.toc),
                page.content or "",
            )
        except (fingerprint.Uncacheable, AttributeError):
            original(page)
            return
        entries = _previous.get(key)
        if entries is None:
            entries = _current.get(key)
        if entries is None:
            stats["misses"] += 1
            start = len(index.entries)
            original(page)
            entries = copy.deepcopy(index.entries[start:])
        else:
            stats["hits"] += 1
            index.entries.extend(copy.deepcopy(entries))
        _current[key] = entries

    index.add_entry_from_context = add_entry_from_context
    return True
