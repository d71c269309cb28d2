"""`argkb migrate`: convert section files from schema 1 to schema 2, editing the text in place.

Only what is unambiguous is rewritten, so comments and layout survive: the `schema:` line, and a
framing claim's `supports`/`opposes` key, which in schema 2 can only mean `addresses`. Whether an
`opposes` is a real objection or one side of a comparison (`contrasts`) needs a reader: those
edges are listed for review, as are predictions and recommendations that support evidence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from argkb.model import EVIDENCE_KINDS, FORWARD_KINDS, FRAMING_KINDS, SCHEMA_VERSION, KnowledgeBase

_SCHEMA_LINE = re.compile(r"^schema:\s*1\s*(#.*)?$")


@dataclass
class Migration:
    path: str
    old: str
    new: str
    review: list[str] = field(default_factory=list)  # `path:line: ...` lines a person must decide

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old.splitlines(keepends=True), self.new.splitlines(keepends=True), self.path, self.path
            )
        )


def _rename_key(lines: list[str], value_line: int, first_line: int, key: str, new_key: str) -> bool:
    """Rename `key:` on the line holding the value, or the nearest line above it within the claim."""
    pattern = re.compile(rf"^(\s*(?:- )?){key}:")
    for number in range(value_line, first_line - 1, -1):
        if pattern.match(lines[number - 1]):
            lines[number - 1] = pattern.sub(rf"\g<1>{new_key}:", lines[number - 1], count=1)
            return True
    return False


def plan(kb: KnowledgeBase) -> list[Migration]:
    """One Migration per section file still on schema 1 (nothing is written)."""
    claims = kb.claim_index()
    migrations = []
    for section in kb.sections:
        if section.schema >= SCHEMA_VERSION:
            continue
        path = Path(kb.root) / section.path
        old = path.read_text(encoding="utf-8")
        lines = old.splitlines(keepends=True)
        lines = [_SCHEMA_LINE.sub(f"schema: {SCHEMA_VERSION}", line.rstrip("\n")) + "\n" for line in lines]
        review = []
        for claim in section.claims:
            if claim.kind in FRAMING_KINDS:
                for relation in ("supports", "opposes"):
                    if claim.targets(relation) and not claim.targets("addresses"):
                        _rename_key(lines, claim.span_of(relation).line, claim.span.line, relation, "addresses")
            for index, target in enumerate(claim.targets("opposes")):
                review.append(
                    f"{section.path}:{claim.span_of('opposes', index).line}: '{claim.id}' opposes '{target}': "
                    "a real objection stays `opposes`; one side of a comparison becomes `contrasts`"
                )
            if claim.kind in FORWARD_KINDS:
                for index, target in enumerate(claim.targets("supports")):
                    if target in claims and claims[target].kind in EVIDENCE_KINDS:
                        review.append(
                            f"{section.path}:{claim.span_of('supports', index).line}: the {claim.kind} "
                            f"'{claim.id}' supports '{target}': reverse it (the {claim.kind} follows from it)"
                        )
        new = "".join(lines)
        if not old.endswith("\n"):
            new = new[:-1]
        migrations.append(Migration(section.path, old, new, review))
    return migrations


def write(kb: KnowledgeBase, migrations: list[Migration]) -> None:
    for migration in migrations:
        target = Path(kb.root) / migration.path
        temporary = target.with_name(f".{target.name}.migrating")
        temporary.write_text(migration.new, encoding="utf-8")
        temporary.replace(target)  # atomic: a file is either all old or all new
