"""The baseline site: the same claim pages as plain Markdown files, built by MkDocs without argkb.

Each claim page holds what argkb's claim page shows as text (title, kind, place in the paper, the
quotes, the sources with the same `[@key]` citations and `\\bibliography`, relations both ways,
concepts as tags and a list, the note, previous/next links), plus one page per section listing
its claims, so claim pages are reachable; no argument maps, reference or concept pages. The
config inherits the repository's mkdocs.yml (theme, markdown_extensions, validation) and keeps
its plugins except argkb, so the difference between the two builds is what argkb adds.

The synthetic text holds no Markdown specials besides `*emphasis*`, so the pages are plain
f-strings: this module renders benchmark input, not user data.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from argkb.model import (
    RELATION_LABELS,
    RELATIONS,
    Claim,
    Concept,
    KnowledgeBase,
    Reference,
    Section,
    Subsection,
)

PLUGIN = "argkb"


def _label(ref: Reference) -> str:
    names = ref.surnames or [ref.key]
    who = names[0] if len(names) == 1 else f"{names[0]} et al."
    return f"{who} ({ref.year})"


def _front_matter(title: str, tags: list[str] | None = None) -> list[str]:
    lines = ["---", f"title: {json.dumps(title)}"]
    if tags:
        lines += ["tags:", *(f"  - {json.dumps(tag)}" for tag in tags)]
    return [*lines, "---", ""]


@dataclass(frozen=True)
class _Index:
    sections: dict[str, Section]
    subsections: dict[str, Subsection]
    concepts: dict[str, Concept]
    references: dict[str, Reference]
    claims: dict[str, Claim]
    incoming: dict[str, dict[str, list[Claim]]]  # target id -> relation -> source claims

    @classmethod
    def of(cls, kb: KnowledgeBase) -> _Index:
        incoming: dict[str, dict[str, list[Claim]]] = {}
        for claim in kb.claims:
            for relation in RELATIONS:
                for target in claim.targets(relation):
                    incoming.setdefault(target, {}).setdefault(relation, []).append(claim)
        return cls(
            {s.id: s for s in kb.sections},
            {sub.id: sub for s in kb.sections for sub in s.subsections},
            {c.id: c for c in kb.concepts},
            kb.reference_index(),
            kb.claim_index(),
            incoming,
        )


def claim_page(index: _Index, claim: Claim, previous: Claim | None, following: Claim | None) -> str:
    section, subsection = index.sections[claim.section_id], index.subsections[claim.subsection_id]
    concepts = [index.concepts[c].name for c in claim.concepts if c in index.concepts]
    lines = _front_matter(claim.text, concepts)
    lines += [f"# {claim.text}", "", f"*{claim.kind}*", ""]
    lines += [f"in [{section.number}. {section.title}](../sections/{section.id}.md) › {subsection.title}", ""]
    lines += ["## In the paper", ""]
    for quote in claim.quotes:
        lines += [f"> {quote}", ""]
    if claim.cites:
        lines += ["## Sources", ""]
        for key in dict.fromkeys(c.key for c in claim.cites):
            locators = "; ".join(c.locator for c in claim.cites if c.key == key and c.locator)
            lines.append(f"- {_label(index.references[key])}{', ' + locators if locators else ''} [@{key}]")
        lines.append("")
    groups = [(RELATION_LABELS[r][0] + " →", claim.targets(r)) for r in RELATIONS]
    groups += [
        (RELATION_LABELS[r][1] + " ←", [c.id for c in index.incoming.get(claim.id, {}).get(r, [])]) for r in RELATIONS
    ]
    if any(ids for _, ids in groups):
        lines += ["## Relations", ""]
        for label, ids in groups:
            if ids:
                lines += [f"### {label.capitalize()}", ""]
                lines += [f"- [{index.claims[target].text}]({target}.md)" for target in ids]
                lines.append("")
    if concepts:
        lines += ["## Concepts", "", *(f"- {name}" for name in concepts), ""]
    if claim.note:
        lines += ['!!! note "Editor\'s note"', "", f"    {claim.note}", ""]
    if previous:
        lines += [f"[← {previous.text}]({previous.id}.md)", ""]
    if following:
        lines += [f"[{following.text} →]({following.id}.md)", ""]
    if claim.cites:
        lines += ["\\bibliography", ""]
    return "\n".join(lines)


def section_page(section: Section) -> str:
    lines = _front_matter(f"{section.number}. {section.title}")
    lines += [f"# {section.number}. {section.title}", ""]
    for sub in section.subsections:
        lines += [f"## {sub.title}", ""]
        for claim in sub.claims:
            lines += [
                f"1. **[{claim.text}](../claims/{claim.id}.md)** *{claim.kind}*",
                "",
                f"    > {claim.quotes[0]}",
                "",
            ]
    return "\n".join(lines)


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """{docs-relative path: Markdown} of the baseline site."""
    index = _Index.of(kb)
    claims = kb.claims
    site = {"index.md": "\n".join([*_front_matter("Baseline"), "# Baseline", ""])}
    for section in kb.sections:
        site[f"sections/{section.id}.md"] = section_page(section)
    for n, claim in enumerate(claims):
        previous = claims[n - 1] if n else None
        following = claims[n + 1] if n + 1 < len(claims) else None
        site[f"claims/{claim.id}.md"] = claim_page(index, claim, previous, following)
    return site


def write_site(kb: KnowledgeBase, dest: Path, base_config: str, repo_config: dict, docs: Path | None) -> Path:
    """Write the baseline's docs/ and mkdocs.yml into `dest`; return the config path.

    `base_config` is the path, relative to `dest`, of the repository's mkdocs.yml to inherit;
    `repo_config` its parsed content (for the plugin list).
    """
    docs_dir = dest / "docs"
    if docs is not None and docs.is_dir():
        shutil.copytree(docs, docs_dir, dirs_exist_ok=True)
    for rel, text in pages(kb).items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(Path(kb.root) / "references.bib", dest / "references.bib")
    plugins = [p for p in repo_config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) != PLUGIN]
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs and docs.is_dir() else []
    config = {
        "INHERIT": base_config,
        "plugins": plugins,
        "nav": [
            {"Home": "index.md"},
            {"Sections": [f"sections/{s.id}.md" for s in kb.sections]},
            *[p for p in hand_written if p != "index.md"],
        ],
        "not_in_nav": "/claims/",
        "watch": [],
    }
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
