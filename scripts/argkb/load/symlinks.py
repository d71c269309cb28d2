"""Symlinks in the files a pull request can touch must stay inside the repository.

A `claims/` file linking to a section file elsewhere, or a `docs/` page linking to
`/proc/self/environ`, would otherwise be read and published. Links within the repository are fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from argkb.model import Diagnostic, Span

CHECKED = ("claims", "docs", "references.bib")
"""What the build reads from the repository on an editor's behalf (mkdocs.yml is checked on its own)."""


def _escapes(path: Path, root: Path) -> bool:
    return path.is_symlink() and not path.resolve().is_relative_to(root)


def outside_symlinks(root: Path) -> dict[str, Diagnostic]:
    """Repository-relative path -> the error, for every symlink under CHECKED resolving outside `root`."""
    root = root.resolve()
    found: dict[str, Diagnostic] = {}

    def report(path: Path) -> None:
        rel = path.relative_to(root).as_posix()
        target = os.readlink(path)
        found[rel] = Diagnostic(
            Span(rel),
            "error",
            "symlink-outside",
            f"{rel} is a symlink to {target!r}, outside the repository; copy the file in instead",
        )

    for name in CHECKED:
        top = root / name
        if _escapes(top, root):
            report(top)
            continue
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, files in os.walk(top):  # does not follow directory links
            for entry in sorted(dirs + files):
                if _escapes(Path(folder) / entry, root):
                    report(Path(folder) / entry)
    return found


def blocked(rel: str, links: dict[str, Diagnostic]) -> bool:
    """True if `rel` is, or lies under, a refused symlink."""
    return any(rel == link or rel.startswith(link + "/") for link in links)
