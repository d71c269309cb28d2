"""Where each generated page lives (docs-relative source paths) and how pages link to each other.

Markdown links use source paths (`../claims/x.md`) so MkDocs resolves and validates them; raw
URLs (Mermaid `click` lines) need the built URL, which depends on `use_directory_urls`.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

HOME = "index.md"
ARGUMENT = "argument.md"
PAPER = "paper.md"
BIBLIOGRAPHY = "bibliography.md"
CONCEPTS = "concepts/index.md"
AUDIT = "audit.md"

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def segment(name: str) -> str:
    """An id as a path segment: ids are slugs already; anything else is made one."""
    return _UNSAFE.sub("-", name).strip("-") or "-"


def claim_page(claim_id: str) -> str:
    return f"claims/{segment(claim_id)}.md"


def section_page(section_id: str) -> str:
    return f"sections/{segment(section_id)}.md"


def reference_page(key: str) -> str:
    return f"references/{segment(key)}.md"


def concept_page(concept_id: str) -> str:
    return f"concepts/{segment(concept_id)}.md"


def event_anchor(event_id: str) -> str:
    """Where an event is described: its entry in the events section of the audit page."""
    return f"event-{segment(event_id)}"


def is_index_page(page: str) -> bool:
    """Home, the argument, sections and the indexes belong in the nav; claim, reference and
    concept pages do not (listing each in the nav embeds all of them in every page), nor do the
    further parts of a split page (render/split.py: part 1 is in the nav and lists them)."""
    if "--" in page:
        return False
    return page == CONCEPTS or not page.startswith(("claims/", "references/", "concepts/"))


def doc_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two source pages, e.g. 'claims/a.md' -> '../references/k.md'."""
    if to_page == from_page:
        path = ""
    else:
        to_dir, name = posixpath.split(to_page)
        path = _dir_link(posixpath.dirname(from_page), to_dir) + name
    return f"{path}#{anchor}" if anchor else path or "#"


@lru_cache(maxsize=4096)
def _dir_link(from_dir: str, to_dir: str) -> str:
    """'' or 'up/down/' from one folder of pages to another; a site has a handful of folders and
    tens of thousands of links, so relpath runs once per pair of folders."""
    path = posixpath.relpath(to_dir or ".", from_dir or ".")
    return "" if path == "." else path + "/"


@lru_cache(maxsize=65536)
def page_url(page: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a source page, as MkDocs builds it ('claims/a/' or 'claims/a.html')."""
    stem = page[: -len(".md")]
    if not use_directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def url_link(from_page: str, to_page: str, use_directory_urls: bool = True, anchor: str = "") -> str:
    """Relative URL from one built page to another, for links MkDocs does not rewrite."""
    here = page_url(from_page, use_directory_urls)
    there = page_url(to_page, use_directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    # relpath(there, base), with the relpath of their folders computed once per pair of folders:
    # a site has tens of thousands of links between a few thousand pages, in a handful of folders
    stripped = there.rstrip("/")
    to_dir, name = posixpath.split(stripped)
    if not stripped or base == stripped or base.startswith(stripped + "/"):
        # a folder holding this page (the home page, a folder's index): `..` steps, as relpath says
        target = posixpath.relpath(stripped or ".", base or ".")
    else:
        target = _dir_link(base, to_dir) + name
    if there.endswith("/") or not there:
        target = "./" if target == "." else target + "/"
    return f"{target}#{anchor}" if anchor else target
