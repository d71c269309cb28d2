"""Each YAML file parsed and validated once per content, for the rebuilds of `mkdocs serve`.

An edit to one claim changes one section file; the rebuild parsed, scanned and validated all of
them again (the pure-Python fallback parser and the schema cost ~10 ms a file on the real site).
The result for a file depends only on its path, its schema and its bytes: keyed by those it is
exactly what a fresh parse gives. Model objects are built from the document afresh each time and
never write to it. Only the last build's files are kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
enabled = False
"""Set by the plugin for `mkdocs serve` only."""
_last: dict[tuple[str, str], tuple[str, object]] = {}  # (path, schema) -> (digest of bytes, result)
stats = {"hits": 0, "misses": 0}


def reuse(rel: str, schema: str, raw: bytes, compute: Callable[[], T]) -> T:
    """`compute()`, or its result for the same file, schema and bytes in the last build."""
    if not enabled:
        return compute()
    digest = hashlib.sha256(raw).hexdigest()
    known = _last.get((rel, schema))
    if known is not None and known[0] == digest:
        stats["hits"] += 1
        return known[1]  # type: ignore[return-value]
    stats["misses"] += 1
    result = compute()
    _last[(rel, schema)] = (digest, result)
    return result
