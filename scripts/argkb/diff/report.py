"""An ArgumentDiff as text (terminal), JSON (tools) or Markdown (the pull request's job summary).

Everything in a diff comes from a pull request, so the Markdown form encodes every text as HTML
entities (render.escape.encode) and draws its map through render.mermaid, whose labels are inert.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from argkb import model
from argkb.diff.model import ArgumentDiff, ClaimChange, FieldChange, Neighbourhood, QuoteChange
from argkb.render import mermaid
from argkb.render.escape import encode, shorten
from argkb.render.paths import claim_page, page_url

SUMMARY_LIMIT = 900_000
"""Bytes of Markdown at most (GitHub's job summary limit is 1 MiB per step)."""

MAP_LIMIT = 40
"""Most claims drawn in the Markdown map; a bigger change lists its claims without a map."""


@dataclass(frozen=True)
class Sides:
    """What the two sides were: shown in the heading of every format."""

    base: str
    head: str
    site_url: str = ""
    artifact_url: str = ""
    """The CI run whose `site-preview` artifact holds the built pages."""


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(value.items())) + "}"
    return str(value) if value != "" else "(none)"


def _field(change: FieldChange) -> str:
    return f"{change.name}: {_value(change.before)} -> {_value(change.after)}"


def _quote(change: QuoteChange) -> str:
    if not change.after:
        return f'quote dropped: "{change.before}"'
    state = {True: "verbatim in the paper", False: "NOT verbatim in the paper", None: "not checked"}[change.verbatim]
    if not change.before:
        return f'quote added ({state}): "{change.after}"'
    return f'quote changed ({state}): "{change.before}" -> "{change.after}"'


def _labels(relation: str) -> tuple[str, str]:
    """(forward, reverse) label of a relation, from the model's relation vocabulary."""
    spec = model.RELATION_SPECS.get(relation)
    return (spec.forward, spec.reverse) if spec else (relation, f"{relation} by")


def _neighbours(side: Neighbourhood | None) -> str:
    if side is None:
        return "(absent)"
    parts = [f"{_labels(relation)[0]} {', '.join(targets)}" for relation, targets in side.outgoing.items()]
    parts += [f"{_labels(relation)[1]} {', '.join(sources)}" for relation, sources in side.incoming.items()]
    return "; ".join(parts) or "(no relations)"


def _claim_lines(change: ClaimChange) -> list[str]:
    lines = []
    if change.status == "renamed":
        lines.append(f"renamed from {change.old_id} ({change.hint})")
    elif change.status == "removed" and change.hint:
        lines.append(change.hint)
    if change.status == "changed" and change.text_before != change.text_after or change.status == "renamed":
        if change.text_before != change.text_after:
            lines.append(f'reworded: "{change.text_before}" -> "{change.text_after}"')
    elif change.status != "changed":
        lines.append(f'"{change.text_after or change.text_before}"')
    lines += [(f"moved: section {c.before} -> {c.after}" if c.name == "section" else _field(c)) for c in change.fields]
    lines += [_quote(q) for q in change.quotes]
    lines += [f"cites added: {key}" for key in change.cites_added]
    lines += [f"cites removed: {key}" for key in change.cites_removed]
    if change.before == change.after and change.after is not None:
        lines.append(f"neighbourhood (unchanged): {_neighbours(change.after)}")
    else:
        lines.append(f"before: {_neighbours(change.before)}")
        lines.append(f"after:  {_neighbours(change.after)}")
    return lines


def _summary(diff: ArgumentDiff) -> str:
    if diff.empty:
        return "no change to the argument"
    counts = {}
    for change in diff.claims:
        counts[change.status] = counts.get(change.status, 0) + 1
    parts = [f"{n} claim{'s' * (n != 1)} {status}" for status, n in sorted(counts.items())]
    kinds: dict[str, int] = {}
    for relation in diff.relations:
        kinds[relation.kind] = kinds.get(relation.kind, 0) + 1
    parts += [f"{n} relation{'s' * (n != 1)} {kind}" for kind, n in sorted(kinds.items())]
    if diff.records:
        parts.append(f"{len(diff.records)} record{'s' * (len(diff.records) != 1)} changed")
    new = sum(c.status == "new" for c in diff.checks)
    fixed = len(diff.checks) - new
    if new:
        parts.append(f"{new} new check finding{'s' * (new != 1)}")
    if fixed:
        parts.append(f"{fixed} finding{'s' * (fixed != 1)} fixed")
    return ", ".join(parts)


def as_text(diff: ArgumentDiff, sides: Sides) -> str:
    out = [f"argkb diff {sides.base}..{sides.head}: {_summary(diff)}"]
    for change in diff.claims:
        out.append(f"\nclaim {change.id} ({change.status})")
        out += [f"  {line}" for line in _claim_lines(change)]
    if diff.unreadable:
        out.append("\nunreadable files (their claims show as removed or added)")
        out += [f"  {side}: {d}" for side, d in diff.unreadable]
    if diff.relations:
        out.append("\nrelations")
        for r in diff.relations:
            what = {"added": r.after, "removed": r.before, "retyped": f"{r.before} -> {r.after}"}[r.kind]
            out.append(f"  {r.kind}: {r.source} {what} {r.target}")
    if diff.records:
        out.append("\nconcepts, events, verification, references")
        for record in diff.records:
            out.append(f"  {record.kind} {record.id} {record.status}")
            out += [f"    {_field(c)}" for c in record.fields]
    if diff.checks:
        out.append("\nchecks")
        out += [f"  {c.status}: {c.diagnostic}" for c in diff.checks]
    return "\n".join(out)


def as_json(diff: ArgumentDiff, sides: Sides) -> str:
    claims = [{**asdict(c), "moved": c.moved} for c in diff.claims]
    relations = [{**asdict(r), "kind": r.kind} for r in diff.relations]
    checks = [
        {"status": c.status, "diagnostic": {**asdict(c.diagnostic), "text": str(c.diagnostic)}} for c in diff.checks
    ]
    data = {
        "version": 1,
        "base": sides.base,
        "head": sides.head,
        "summary": _summary(diff),
        "claims": claims,
        "relations": relations,
        "records": [asdict(r) for r in diff.records],
        "checks": checks,
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def _claim_link(claim_id: str, sides: Sides, present: bool) -> str:
    name = f"<code>{encode(claim_id)}</code>" if claim_id.replace("-", "").isalnum() else encode(claim_id)
    if not sides.site_url or not present:
        return name
    return f"[{name}]({sides.site_url}{page_url(claim_page(claim_id))})"


def _map(diff: ArgumentDiff) -> str:
    """A Mermaid map of the changed claims and their neighbours, as the head has them."""
    changed = [c.id for c in diff.claims if c.after is not None]
    keys: list[str] = list(changed)
    for change in diff.claims:
        for side in (change.after,):
            if side is None:
                continue
            for ids in [*side.outgoing.values(), *side.incoming.values()]:
                keys += [i for i in ids if i not in keys]
    if not keys or len(keys) > MAP_LIMIT:
        return ""
    nodes = [mermaid.MapNode(key, diff.texts.get(key) or key, "", "section" if key in changed else "") for key in keys]
    edges = []
    for change in diff.claims:
        if change.after is None:
            continue
        for relation, targets in change.after.outgoing.items():
            label = "" if relation in mermaid.EDGE_STYLE else relation
            edges += [mermaid.MapEdge(change.id, target, relation, label) for target in targets]
        for relation, sources in change.after.incoming.items():
            label = "" if relation in mermaid.EDGE_STYLE else relation
            edges += [
                mermaid.MapEdge(source, change.id, relation, label) for source in sources if source not in changed
            ]
    unique = list(dict.fromkeys(edges))
    return mermaid.source(mermaid.ArgumentMap("Changed claims and their neighbours", nodes, unique))


def _md_claim(change: ClaimChange, sides: Sides) -> list[str]:
    link = _claim_link(change.id, sides, change.after is not None)
    out = [f"- **{change.status}** {link}"]
    for line in _claim_lines(change):
        out.append(f"  - {encode(shorten(line, 600))}")
    return out


def _md_findings(diff: ArgumentDiff, status: str, title: str) -> list[str]:
    """The check findings of one status ('new' or 'fixed') under their heading; nothing if none."""
    findings = [c for c in diff.checks if c.status == status]
    if not findings:
        return []
    return [f"### {title}", "", *(f"- <code>{encode(str(c.diagnostic))}</code>" for c in findings), ""]


def as_markdown(diff: ArgumentDiff, sides: Sides) -> str:
    out = [
        f"## Argument diff: {encode(sides.base)} → {encode(sides.head)}",
        "",
        encode(_summary(diff)),
        "",
    ]
    if diff.unreadable:
        out.append("> [!CAUTION]")
        out.append("> A side has files that cannot be read; their claims show as removed or added until fixed:")
        out += [f"> - {side}: <code>{encode(str(d))}</code>" for side, d in diff.unreadable]
        out.append("")
    broken = [c for c in diff.claims if c.status in ("renamed", "removed") and "redirects" not in c.hint]
    if broken:
        out.append("> [!WARNING]")
        out.append("> Claim ids are page URLs: this change breaks links to")
        for c in broken:
            what = f"renamed to <code>{encode(c.id)}</code>" if c.status == "renamed" else "removed"
            out.append(f"> - <code>{encode(c.old_id or c.id)}</code> ({what}): {encode(c.hint)}")
        out.append("")
    out += _md_findings(diff, "new", "Checks that now fail")
    if diff.claims:
        out += ["### Claims", ""]
        for change in diff.claims:
            out += _md_claim(change, sides)
        out.append("")
        if diagram := _map(diff):
            out += ["### Changed neighbourhood", "", "```mermaid", diagram, "```", ""]
    if diff.relations:
        out += ["### Relations", "", "| from | before | after | to |", "|---|---|---|---|"]
        for r in diff.relations:
            cells = [f"<code>{encode(r.source)}</code>", encode(r.before) or "—", encode(r.after) or "—"]
            out.append(f"| {' | '.join(cells)} | <code>{encode(r.target)}</code> |")
        out.append("")
    if diff.records:
        out += ["### Concepts, events, verification, references", ""]
        for record in diff.records:
            out.append(f"- {record.kind} <code>{encode(record.id)}</code> {record.status}")
            out += [f"  - {encode(shorten(_field(c), 600))}" for c in record.fields]
        out.append("")
    out += _md_findings(diff, "fixed", "Findings fixed")
    if sides.site_url:
        artifact = (
            f"[this run's `site-preview` artifact]({sides.artifact_url})"
            if sides.artifact_url
            else ("this run's `site-preview` artifact")
        )
        out.append(
            f"Claim links point at the site as it will be published ({encode(sides.site_url)}); "
            f"the pages as this pull request builds them are in {artifact}."
        )
    text = "\n".join(out).rstrip() + "\n"
    if len(text.encode()) > SUMMARY_LIMIT:  # GitHub refuses a job summary over 1 MiB
        cut = text.encode()[: SUMMARY_LIMIT - 200].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        text = f"{cut}\n\n(cut here: the diff is too long for a job summary; run `argkb diff` locally)\n"
    return text


FORMATS: dict[str, Callable[[ArgumentDiff, Sides], str]] = {
    "text": as_text,
    "json": as_json,
    "markdown": as_markdown,
}
