"""Files -> KnowledgeBase. Loading never raises on bad input: problems become diagnostics.

Layout read from the root:
  claims/paper.yaml, claims/concepts.yaml, claims/NN-<slug>.yaml (one per section),
  claims/events.yaml and claims/verification.yaml (optional), claims/source/paper.md,
  references.bib
"""

from __future__ import annotations

import re
from pathlib import Path

from argkb.load import parse_memo
from argkb.load.bib import load_bibtex
from argkb.load.build import build_concepts, build_events, build_paper, build_section, build_verifications
from argkb.load.characters import scan_text, scan_values
from argkb.load.schema import validate
from argkb.load.source import load_source
from argkb.load.symlinks import blocked, outside_symlinks
from argkb.load.yaml_strict import YamlDocument, YamlError, parse_yaml
from argkb.mkdocs_config import check_config
from argkb.model import Diagnostic, Event, KnowledgeBase, Span, Verification

SECTION_FILE = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$")
SOURCE_PATH = "claims/source/paper.md"
BIB_PATH = "references.bib"
EVENTS_PATH = "claims/events.yaml"
VERIFICATION_PATH = "claims/verification.yaml"
KNOWN_FILES = {"paper.yaml", "concepts.yaml", "events.yaml", "verification.yaml"}


class LoadError(Exception):
    """The root itself is unusable (usage or I/O problem, exit 2)."""


class _Refused(Exception):
    """A file that is a symlink out of the repository: not read (already reported)."""


def _read_yaml(
    root: Path, rel: str, schema: str, diagnostics: list[Diagnostic], links: dict[str, Diagnostic]
) -> YamlDocument | None:
    """Parse and validate one YAML file; None when it cannot be used at all."""
    if blocked(rel, links):
        return None  # a symlink out of the repository: reported once, never read
    try:
        raw = (root / rel).read_bytes()
    except OSError as err:
        diagnostics.append(Diagnostic(Span(rel), "error", "io", f"cannot read file: {err.strerror}"))
        return None
    doc, found = parse_memo.reuse(rel, schema, raw, lambda: _parsed(rel, schema, raw))
    diagnostics.extend(found)
    return doc


def _parsed(rel: str, schema: str, raw: bytes) -> tuple[YamlDocument | None, tuple[Diagnostic, ...]]:
    """A file's document (None when unusable) and what is wrong with it; depends on nothing else."""
    try:
        doc = parse_yaml(raw)
    except YamlError as err:
        return None, (Diagnostic(Span(rel, err.line, err.col), "error", err.code, err.message),)
    found = scan_text(rel, raw.decode("utf-8")) or scan_values(rel, doc)
    problems = validate(schema, rel, doc)
    found = (*found, *problems)
    if problems and not isinstance(doc.data, dict):
        return None, found
    return doc, found


def load_kb(root: Path | str) -> KnowledgeBase:
    root = Path(root)
    claims_dir = root / "claims"
    if not claims_dir.is_dir():
        raise LoadError(f"{root}: no claims/ directory here (run from the repository root or pass --root)")
    links = outside_symlinks(root)
    diagnostics: list[Diagnostic] = list(links.values()) + check_config(root)
    complete = not links

    paper = None
    if doc := _read_yaml(root, "claims/paper.yaml", "paper", diagnostics, links):
        paper = build_paper("claims/paper.yaml", doc, diagnostics)

    concepts = []
    if (claims_dir / "concepts.yaml").exists():
        if doc := _read_yaml(root, "claims/concepts.yaml", "concepts", diagnostics, links):
            concepts = build_concepts("claims/concepts.yaml", doc)
        else:
            complete = False
    else:
        diagnostics.append(
            Diagnostic(Span("claims/concepts.yaml"), "error", "missing-file", "claims/concepts.yaml is missing")
        )

    events: list[Event] = []
    if (claims_dir / "events.yaml").exists():
        if doc := _read_yaml(root, EVENTS_PATH, "events", diagnostics, links):
            events = build_events(EVENTS_PATH, doc)

    verifications: list[Verification] = []
    if (claims_dir / "verification.yaml").exists():
        if doc := _read_yaml(root, VERIFICATION_PATH, "verification", diagnostics, links):
            verifications = build_verifications(VERIFICATION_PATH, doc)

    sections = []
    unreadable: list[str] = []
    for path in sorted(claims_dir.iterdir()):
        rel = f"claims/{path.name}"
        if not path.is_file() or not path.name.endswith((".yaml", ".yml")) or path.name in KNOWN_FILES:
            continue
        if not SECTION_FILE.match(path.name):
            diagnostics.append(
                Diagnostic(
                    Span(rel), "error", "unknown-file", "section files are named NN-slug.yaml (e.g. 03-context.yaml)"
                )
            )
            continue
        if doc := _read_yaml(root, rel, "section", diagnostics, links):
            sections.append(build_section(rel, doc, diagnostics))
        else:
            complete = False
            unreadable.append(rel)
    sections.sort(key=lambda s: (s.number, s.path))

    references = []
    try:
        if blocked(BIB_PATH, links):
            raise _Refused
        bib_text = (root / BIB_PATH).read_bytes().decode("utf-8")
    except _Refused:
        pass
    except FileNotFoundError:
        diagnostics.append(Diagnostic(Span(BIB_PATH), "error", "missing-file", "references.bib is missing"))
    except UnicodeDecodeError as err:
        diagnostics.append(
            Diagnostic(Span(BIB_PATH), "error", "encoding", f"references.bib is not UTF-8 ({err.reason})")
        )
    else:
        diagnostics.extend(scan_text(BIB_PATH, bib_text))
        references, problems = load_bibtex(BIB_PATH, bib_text)
        diagnostics.extend(problems)
        complete = complete and not problems

    source = None
    try:
        if blocked(SOURCE_PATH, links):
            raise _Refused
        source_text = (root / SOURCE_PATH).read_text(encoding="utf-8")
    except _Refused:
        pass
    except FileNotFoundError:
        diagnostics.append(
            Diagnostic(Span(SOURCE_PATH), "error", "missing-file", f"{SOURCE_PATH} (the clean paper text) is missing")
        )
    except UnicodeDecodeError as err:
        diagnostics.append(Diagnostic(Span(SOURCE_PATH), "error", "encoding", f"not UTF-8 ({err.reason})"))
    else:
        diagnostics.extend(scan_text(SOURCE_PATH, source_text))
        source, problems = load_source(SOURCE_PATH, source_text)
        diagnostics.extend(problems)

    return KnowledgeBase(
        str(root),
        paper,
        sections,
        concepts,
        references,
        source,
        diagnostics,
        complete,
        events,
        verifications,
        unreadable_sections=unreadable,
    )
