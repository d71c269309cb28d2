"""Two states of the knowledge base -> what changed in the argument. Pure: no git, no files.

Claims are matched by id; a claim id that disappears while a new id appears with one of its
quotes is a rename (ids are page URLs, so a rename breaks links unless the new claim keeps the
old id in `aliases`). Relations are compared as (source, target) pairs over every relation in
`model.RELATIONS`, after renames are applied, so a pair whose relation changes is a retype.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from argkb import model
from argkb.checks import run_checks
from argkb.model import RELATIONS, Claim, Diagnostic, KnowledgeBase
from argkb.preview import root_causes
from argkb.quotes import QuoteIndex, normalise

Status = Literal["added", "removed", "changed", "renamed"]

# claim fields compared one by one (relations are compared as graph edges, below)
CLAIM_FIELDS: tuple[str, ...] = ("kind", "text", "section", "subsection", "concepts", "events", "note", "aliases")


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: object
    after: object


@dataclass(frozen=True)
class QuoteChange:
    before: str
    """'' when the quote is new."""
    after: str
    """'' when the quote was dropped."""
    verbatim: bool | None
    """Is `after` verbatim in the new paper text? None when there is no `after` (or no paper text)."""


@dataclass(frozen=True)
class Neighbourhood:
    """A claim's place in the argument: relation -> the claims it points at / that point at it."""

    outgoing: dict[str, list[str]]
    incoming: dict[str, list[str]]


@dataclass
class ClaimChange:
    id: str
    status: Status
    section_before: str = ""
    section_after: str = ""
    text_before: str = ""
    text_after: str = ""
    old_id: str = ""
    """For a rename: the id it had before."""
    fields: list[FieldChange] = field(default_factory=list)
    quotes: list[QuoteChange] = field(default_factory=list)
    cites_added: list[str] = field(default_factory=list)
    cites_removed: list[str] = field(default_factory=list)
    before: Neighbourhood | None = None
    after: Neighbourhood | None = None
    hint: str = ""

    @property
    def moved(self) -> bool:
        return any(change.name == "section" for change in self.fields)


@dataclass(frozen=True)
class RelationChange:
    source: str
    target: str
    before: str
    """The relation(s) between the pair before, '' when there was none; several are joined by '+'."""
    after: str

    @property
    def kind(self) -> Literal["added", "removed", "retyped"]:
        return "added" if not self.before else "removed" if not self.after else "retyped"


@dataclass(frozen=True)
class RecordChange:
    """A concept, event, verification or reference entry that was added, removed or edited."""

    kind: Literal["concept", "event", "verification", "reference"]
    id: str
    status: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class CheckChange:
    status: Literal["new", "fixed"]
    diagnostic: Diagnostic


@dataclass
class ArgumentDiff:
    claims: list[ClaimChange] = field(default_factory=list)
    relations: list[RelationChange] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    checks: list[CheckChange] = field(default_factory=list)
    unreadable: list[tuple[str, Diagnostic]] = field(default_factory=list)
    """("base" or "head", error) for each file a side could not read: its claims look removed or added."""
    texts: dict[str, str] = field(default_factory=dict)
    """Claim id -> its text (as the head has it, else the base), for every claim the diff names."""

    @property
    def empty(self) -> bool:
        return not (self.claims or self.relations or self.records or self.checks)

    def claim(self, claim_id: str) -> ClaimChange | None:
        return next((change for change in self.claims if change.id == claim_id), None)


def _aliases(claim: Claim) -> list[str]:
    return list(claim.aliases)


def _claim_fields(claim: Claim) -> dict[str, object]:
    return {
        "kind": claim.kind,
        "text": claim.text,
        "section": claim.section_id,
        "subsection": claim.subsection_id,
        "concepts": list(claim.concepts),
        "events": list(claim.events),
        "note": claim.note,
        "aliases": _aliases(claim),
    }


def _edges(kb: KnowledgeBase, rename: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """(source, target) -> the relations between them, with ids renamed to their new names."""
    edges: dict[tuple[str, str], set[str]] = {}
    for claim in kb.claims:
        source = rename.get(claim.id, claim.id)
        for relation in RELATIONS:
            for target in claim.targets(relation):
                edges.setdefault((source, rename.get(target, target)), set()).add(relation)
    for relation, targets in _unknown_relations(kb):
        edges.setdefault(targets, set()).add(relation)
    return edges


def _align_symmetric(edges: dict[tuple[str, str], set[str]], other: dict[tuple[str, str], set[str]]) -> None:
    """File a symmetric relation (`contrasts`) under the direction the other side has the pair in.

    `a contrasts b` and `b contrasts a` are the same edge, and `a opposes b` becoming
    `b contrasts a` is a retype of the pair, not one relation removed and another added.
    """
    symmetric = {name for name, spec in model.RELATION_SPECS.items() if spec.symmetric}
    for (source, target), relations in sorted(edges.items()):
        flipped = (target, source)
        if source == target or (source, target) in other or flipped not in other:
            continue
        moving = relations & symmetric
        if moving:
            relations -= moving
            edges.setdefault(flipped, set()).update(moving)
            if not relations:
                del edges[(source, target)]


def _unknown_relations(kb: KnowledgeBase) -> Iterable[tuple[str, tuple[str, str]]]:
    # relations a newer model may know and this one does not: compare them too
    for claim in kb.claims:
        for relation, targets in claim.relations.items():
            if relation not in RELATIONS:
                yield from ((relation, (claim.id, target)) for target in targets)


def neighbourhood(kb: KnowledgeBase, claim_id: str) -> Neighbourhood:
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for claim in kb.claims:
        for relation, targets in claim.relations.items():
            if claim.id == claim_id and targets:
                outgoing.setdefault(relation, []).extend(targets)
            if claim_id in targets:
                incoming.setdefault(relation, []).append(claim.id)
    order = {name: n for n, name in enumerate(RELATIONS)}

    def ordered(relations: dict[str, list[str]]) -> dict[str, list[str]]:
        return {name: relations[name] for name in sorted(relations, key=lambda r: (order.get(r, len(order)), r))}

    return Neighbourhood(ordered(outgoing), ordered(incoming))


def _renames(base: dict[str, Claim], head: dict[str, Claim]) -> dict[str, str]:
    """old id -> new id, for removed claims whose quote reappears under an added id."""
    added = [claim_id for claim_id in head if claim_id not in base]
    renames: dict[str, str] = {}
    for old_id in sorted(claim_id for claim_id in base if claim_id not in head):
        old_quotes = {normalise(q) for q in base[old_id].quotes} - {""}
        for new_id in added:
            if new_id not in renames.values() and old_quotes & {normalise(q) for q in head[new_id].quotes}:
                renames[old_id] = new_id
                break
    return renames


def _removed_hint(claim: Claim, head: KnowledgeBase) -> str:
    """Where a removed claim went: merged into a claim that keeps its id as an alias, or not."""
    keeper = next((c for c in head.claims if claim.id in _aliases(c)), None)
    if keeper is not None:
        return f"merged into '{keeper.id}': the old URL claims/{claim.id}/ redirects there (aliases)"
    quotes = {normalise(q) for q in claim.quotes} - {""}
    holder = next((c for c in head.claims if quotes & {normalise(q) for q in c.quotes}), None)
    if holder is not None:
        return (
            f"its quote is now on '{holder.id}': links to claims/{claim.id}/ break; "
            f"add `aliases: [{claim.id}]` to '{holder.id}' to keep a redirect page"
        )
    return f"links to claims/{claim.id}/ break (ids are page URLs)"


def _quote_changes(before: list[str], after: list[str], index: QuoteIndex | None) -> list[QuoteChange]:
    """Dropped quotes paired, in order, with new ones (a re-quoted passage reads old -> new)."""
    old = {normalise(q) for q in before}
    new = {normalise(q) for q in after}
    dropped = [q for q in before if normalise(q) not in new]
    gained = [q for q in after if normalise(q) not in old]
    changes = []
    for n in range(max(len(dropped), len(gained))):
        was = dropped[n] if n < len(dropped) else ""
        now = gained[n] if n < len(gained) else ""
        verbatim = (index.locate(now) is not None) if now and index is not None else None
        changes.append(QuoteChange(was, now, verbatim))
    return changes


def _claim_change(
    claim_id: str,
    old: Claim | None,
    new: Claim | None,
    base: KnowledgeBase,
    head: KnowledgeBase,
    index: QuoteIndex | None,
    must_report: bool,
) -> ClaimChange | None:
    before = _claim_fields(old) if old else {}
    after = _claim_fields(new) if new else {}
    fields = [
        FieldChange(name, before[name], after[name])
        for name in CLAIM_FIELDS
        if old and new and before[name] != after[name] and name != "text"
    ]
    quotes = _quote_changes(old.quotes if old else [], new.quotes if new else [], index)
    old_cites = [c.key for c in old.cites] if old else []
    new_cites = [c.key for c in new.cites] if new else []
    cites_added = [key for key in new_cites if key not in old_cites]
    cites_removed = [key for key in old_cites if key not in new_cites]
    reworded = bool(old and new and old.text != new.text)
    if old and new and not (fields or quotes or cites_added or cites_removed or reworded or must_report):
        return None
    status: Status = "added" if old is None else "removed" if new is None else "changed"
    return ClaimChange(
        id=claim_id,
        status=status,
        section_before=old.section_id if old else "",
        section_after=new.section_id if new else "",
        text_before=old.text if old else "",
        text_after=new.text if new else "",
        fields=fields,
        quotes=quotes,
        cites_added=cites_added,
        cites_removed=cites_removed,
        before=neighbourhood(base, old.id) if old else None,
        after=neighbourhood(head, new.id) if new else None,
    )


def _record_changes(
    kind: Literal["concept", "event", "verification", "reference"],
    before: dict[str, dict[str, object]],
    after: dict[str, dict[str, object]],
) -> list[RecordChange]:
    changes = []
    for key in sorted(before.keys() | after.keys()):
        if key not in after:
            changes.append(RecordChange(kind, key, "removed"))
        elif key not in before:
            changes.append(RecordChange(kind, key, "added"))
        elif before[key] != after[key]:
            names = sorted(before[key].keys() | after[key].keys())
            fields = tuple(
                FieldChange(name, before[key].get(name, ""), after[key].get(name, ""))
                for name in names
                if before[key].get(name, "") != after[key].get(name, "")
            )
            changes.append(RecordChange(kind, key, "changed", fields))
    return changes


def _records(kb: KnowledgeBase) -> dict[str, dict[str, dict[str, object]]]:
    """kind -> id -> comparable fields, for the records claims point at."""

    def by_key(items: Iterable, key: Callable, fields: Callable) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for item in items:
            out.setdefault(key(item), fields(item))
        return out

    return {
        "concept": by_key(kb.concepts, lambda c: c.id, lambda c: {"name": c.name, "definition": c.definition}),
        "event": by_key(
            kb.events,
            lambda e: e.id,
            lambda e: {
                "title": e.title,
                "kind": e.kind,
                "date": e.date,
                "in_force": e.in_force,
                "by": list(e.by),
                "summary": e.summary,
                "document": e.document,
                "sources": [s.url or s.title for s in e.sources],
            },
        ),
        "verification": by_key(
            kb.verifications,
            lambda v: v.key,
            lambda v: {
                "status": v.status,
                "evidence": v.evidence,
                "checked": v.checked,
                "corrections": dict(v.corrections),
                "sources": [s.url or s.title for s in v.sources],
            },
        ),
        "reference": by_key(kb.references, lambda r: r.key, lambda r: {"type": r.entry_type, **r.fields}),
    }


def _joined(relations: set[str] | None) -> str:
    return "+".join(sorted(relations or ()))


def _check_key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    # line numbers move with every edit above a problem; the problem itself is path + code + message
    return (diagnostic.severity, diagnostic.span.path, diagnostic.code, diagnostic.message)


def check_changes(before: list[Diagnostic], after: list[Diagnostic]) -> list[CheckChange]:
    old = {_check_key(d) for d in before}
    new = {_check_key(d) for d in after}
    return [CheckChange("new", d) for d in after if _check_key(d) not in old] + [
        CheckChange("fixed", d) for d in before if _check_key(d) not in new
    ]


def compare(
    base: KnowledgeBase,
    head: KnowledgeBase,
    base_checks: list[Diagnostic] | None = None,
    head_checks: list[Diagnostic] | None = None,
) -> ArgumentDiff:
    """What changed from `base` to `head`. The checks are run on each side unless given."""
    old_claims, new_claims = base.claim_index(), head.claim_index()
    renames = _renames(old_claims, new_claims)
    index = QuoteIndex(head.source) if head.source else None

    old_edges, new_edges = _edges(base, renames), _edges(head, {})
    _align_symmetric(new_edges, old_edges)
    relations = [
        RelationChange(
            source, target, _joined(old_edges.get((source, target))), _joined(new_edges.get((source, target)))
        )
        for source, target in sorted(old_edges.keys() | new_edges.keys())
        if old_edges.get((source, target)) != new_edges.get((source, target))
    ]
    touched = {r.source for r in relations}

    claims: list[ClaimChange] = []
    renamed_to = {new: old for old, new in renames.items()}
    for claim_id in [*new_claims, *(i for i in old_claims if i not in new_claims and i not in renames)]:
        old_id = renamed_to.get(claim_id, claim_id)
        change = _claim_change(
            claim_id,
            old_claims.get(old_id),
            new_claims.get(claim_id),
            base,
            head,
            index,
            claim_id in touched or claim_id in renamed_to,  # a rename is a change even when nothing else is
        )
        if change is None:
            continue
        if claim_id in renamed_to:
            change.status, change.old_id = "renamed", old_id
            if old_id in _aliases(new_claims[claim_id]):
                change.hint = f"the old URL claims/{old_id}/ redirects here (aliases keeps '{old_id}')"
            else:
                change.hint = (
                    f"ids are page URLs: links to claims/{old_id}/ break; "
                    f"add `aliases: [{old_id}]` to claim '{claim_id}' to keep a redirect page"
                )
        elif change.status == "removed":
            change.hint = _removed_hint(old_claims[claim_id], head)
        claims.append(change)

    old_records, new_records = _records(base), _records(head)
    records = [
        change
        for kind in ("concept", "event", "verification", "reference")
        for change in _record_changes(kind, old_records[kind], new_records[kind])  # type: ignore[arg-type]
    ]
    base_checks = base_checks if base_checks is not None else run_checks(base)
    head_checks = head_checks if head_checks is not None else run_checks(head)
    checks = check_changes(base_checks, head_checks)
    unreadable = [
        (side, d)
        for side, kb, found in (("base", base, base_checks), ("head", head, head_checks))
        if not kb.complete
        for d in root_causes(kb, found)
        if d.severity == "error"
    ]
    named = {c.id for c in claims} | {i for c in claims for side in (c.before, c.after) for i in _ids(side)}
    named |= {i for r in relations for i in (r.source, r.target)}
    texts = {i: claim.text for i in sorted(named) if (claim := new_claims.get(i) or old_claims.get(i))}
    return ArgumentDiff(claims, relations, records, checks, unreadable, texts)


def _ids(side: Neighbourhood | None) -> set[str]:
    if side is None:
        return set()
    return {i for ids in [*side.outgoing.values(), *side.incoming.values()] for i in ids}
