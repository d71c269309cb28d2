"""The checked knowledge base and its pages once per input, for the rebuilds of `mkdocs serve`.

Editing a hand-written page in docs/ (or the theme, or the nav) rebuilds the site, yet the
knowledge base is the same: loading, checking and rendering it again gives the same pages. What
they are made from is the bytes of every file under claims/, references.bib and mkdocs.yml (whose
settings argkb checks), and the symlinks under claims/ and docs/; keyed by a digest of all of that
(and, for the pages, the render options), the last result is reused as it was. The digest is taken
again after a result is computed: a file saved during the computation means it is not kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from argkb.load.symlinks import outside_symlinks
from argkb.mkdocs_config import CONFIG_PATH

T = TypeVar("T")
enabled = False
"""Set by the plugin for `mkdocs serve` only."""
_last: dict[str, tuple[str, Any]] = {}  # what -> (key, result): the last build's only
stats = {"hits": 0, "misses": 0}


def _add(sha: Any, root: Path, path: Path) -> None:
    sha.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass") + b"\0")
    if path.is_symlink():
        sha.update(b"link:" + os.readlink(path).encode("utf-8", "surrogatepass") + b"\0")
    try:
        data = path.read_bytes() if path.is_file() else b"<not a file>"
    except OSError as err:
        data = f"<unreadable: {err.strerror}>".encode()
    sha.update(len(data).to_bytes(8, "big") + data)


def inputs(root: Path) -> str | None:
    """A digest of everything the knowledge base is loaded from; None when the cache is off."""
    if not enabled:
        return None
    sha = hashlib.sha256()
    for name in (CONFIG_PATH, "references.bib"):
        _add(sha, root, root / name)
    claims = root / "claims"
    for folder, dirs, files in os.walk(claims):  # does not follow directory links (nor does load_kb)
        dirs.sort()
        for name in sorted(dirs + files):
            _add(sha, root, Path(folder) / name)
    sha.update(repr(sorted((rel, str(d)) for rel, d in outside_symlinks(root).items())).encode())
    return sha.hexdigest()


def reuse(root: Path, digest: str | None, what: str, compute: Callable[[], T], also: str = "") -> T:
    """`compute()`, or its result from the last build when made from the same inputs (and `also`,
    what else it depends on, as text)."""
    if digest is None:
        return compute()
    key = digest + ":" + hashlib.sha256(also.encode("utf-8", "surrogatepass")).hexdigest()
    last = _last.get(what)
    if last is not None and last[0] == key:
        stats["hits"] += 1
        return last[1]  # type: ignore[no-any-return]
    stats["misses"] += 1
    result = compute()
    if inputs(root) == digest:
        _last[what] = (key, result)
    else:
        _last.pop(what, None)
    return result
