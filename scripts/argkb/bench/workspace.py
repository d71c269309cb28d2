"""Lay out one benchmark size on disk: the synthetic knowledge base with the repository's site
config adapted to it, and next to it the baseline site.

    kb-1000/
      claims/, references.bib          generated (synthetic.py)
      docs/                            the repository's hand-written pages
      mkdocs.base.yml                  the repository's mkdocs.yml, byte for byte
      mkdocs.yml                       INHERIT: mkdocs.base.yml, with the nav's section pages
                                       replaced by the synthetic ones
      baseline/mkdocs.yml, docs/, references.bib   (baseline.py)

Inheriting instead of rewriting keeps the repository's config exact (tags such as
`!!python/name:` included); only the nav names pages that exist in the repository alone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from argkb.bench import baseline, synthetic
from argkb.load import load_kb
from argkb.render import paths

BASE_CONFIG = "mkdocs.base.yml"


@dataclass(frozen=True)
class Workspace:
    kb: Path
    config: Path  # the argkb site's mkdocs.yml
    baseline_config: Path
    claims: int

    @property
    def site(self) -> Path:
        return self.kb / "site"

    @property
    def baseline_site(self) -> Path:
        return self.baseline_config.parent / "site"


def read_config(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return yaml.load(file, Loader=get_yaml_loader()) or {}


def _is_section_page(item: Any) -> bool:
    value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
    return isinstance(value, str) and value.startswith("sections/")


def adapt_nav(nav: list[Any], section_pages: list[str]) -> list[Any]:
    """The nav with its run of section pages replaced by `section_pages` (at any depth)."""
    adapted: list[Any] = []
    replaced = False
    for item in nav:
        if _is_section_page(item):
            if not replaced:
                adapted.extend(section_pages)
                replaced = True
            continue
        if isinstance(item, dict) and len(item) == 1:
            title, value = next(iter(item.items()))
            if isinstance(value, list):
                item = {title: adapt_nav(value, section_pages)}
        adapted.append(item)
    return adapted


def prepare(root: Path, dest: Path, size: int, seed: int = 0) -> Workspace:
    """Generate a `size`-claim knowledge base in `dest` and write both sites' configs."""
    if dest.exists():
        shutil.rmtree(dest)
    synthetic.write_tree(dest, synthetic.generate(size, seed))
    repo_config_path = root / "mkdocs.yml"
    repo_config = read_config(repo_config_path)
    docs = root / repo_config.get("docs_dir", "docs")
    if docs.is_dir():
        shutil.copytree(docs, dest / repo_config.get("docs_dir", "docs"))
    shutil.copy(repo_config_path, dest / BASE_CONFIG)

    kb = load_kb(dest)
    section_pages = [paths.section_page(section.id) for section in kb.sections]
    config = dest / "mkdocs.yml"
    overrides = {"INHERIT": BASE_CONFIG, "nav": adapt_nav(repo_config.get("nav") or [], section_pages)}
    config.write_text(yaml.safe_dump(overrides, sort_keys=False, allow_unicode=True), encoding="utf-8")

    baseline_dir = dest / "baseline"
    baseline_dir.mkdir()
    baseline_config = baseline.write_site(kb, baseline_dir, f"../{BASE_CONFIG}", repo_config, docs)
    return Workspace(dest, config, baseline_config, len(kb.claims))
