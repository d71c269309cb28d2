"""One function per kind of page: gather what the page shows from the index, fill its template.

Links between pages are Markdown links to source paths (MkDocs resolves and checks them); only
Mermaid `click` lines carry built URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from argkb.export import DESCRIPTIONS, EXPORTS
from argkb.model import RELATION_SPECS, RELATIONS, Claim, Paper, Reference, Section
from argkb.render import bibliography, paths
from argkb.render.diagram import ArgumentMap
from argkb.render.escape import is_safe_target, plain_text, shorten
from argkb.render.index import SiteIndex
from argkb.render.maps import MAX_MAP_NODES, Relation, claims_map, neighbourhood_map, overview_map
from argkb.render.options import RenderOptions
from argkb.render.paper import paper_blocks
from argkb.render.records import date_text, event_view
from argkb.render.templating import anchor, front_matter, render
from argkb.render.tree import OUTSIDE_SHOWN, Branch, thesis_tree
from argkb.render.tree import rows as tree_rows
from argkb.urlpolicy import doi_url

SHORT_QUOTE = 220
MAP_CLAIMS = 8
"""Most claims of one subsection map; a longer subsection gets its map in equal parts."""
TITLE_LIMIT = 90


@dataclass(frozen=True)
class Here:
    """The page being rendered: links are relative to it."""

    src: str
    use_directory_urls: bool = True

    def link(self, to_page: str, to_anchor: str = "") -> Markup:
        return Markup(paths.doc_link(self.src, to_page, str(anchor(to_anchor)) if to_anchor else ""))

    def url(self, to_page: str, to_anchor: str = "") -> Markup:
        """The built URL, for links in raw HTML (which MkDocs neither rewrites nor checks).

        Page paths are made of path segments and anchors are slugs, so the URL needs no escaping."""
        target = str(anchor(to_anchor)) if to_anchor else ""
        if to_page == self.src:  # as doc_link: '#anchor', or '#' for the page itself
            return Markup(f"#{target}")
        return Markup(paths.url_link(self.src, to_page, self.use_directory_urls, target))


@dataclass(frozen=True)
class Map:
    block: Markup
    """Where the drawn map goes (filled in by render_site once every page is written)."""
    relations: list[Relation]
    too_large: int = 0  # the number of boxes of a map over MAX_MAP_NODES, which is listed only


def _map(index: SiteIndex, diagram: ArgumentMap, relations: list[Relation]) -> Map | None:
    if not diagram.edges:
        return None
    if len(diagram.nodes) > MAX_MAP_NODES:
        return Map(Markup(""), relations, len(diagram.nodes))
    return Map(index.maps.add(diagram), relations)


def open_data() -> list[tuple[str, str]]:
    """(file name, what it holds) for each export the site publishes at its root."""
    return [(name, DESCRIPTIONS.get(name, "")) for name in EXPORTS]


def _edit_url(options: RenderOptions, path: str) -> Markup | None:
    url = options.edit_url_base + path if options.edit_url_base and path else ""
    return Markup(url) if url.startswith(("http://", "https://")) and is_safe_target(url) else None


def _first_quote(claim: Claim) -> str:
    return shorten(plain_text(claim.quotes[0]), SHORT_QUOTE) if claim.quotes else ""


def _locators(claim: Claim, key: str) -> str:
    return "; ".join(c.locator for c in claim.cites if c.key == key and c.locator)


NOTE_LINK_LABEL = 70


def _note_ids(index: SiteIndex, here: Here, note: str) -> dict[str, tuple[str, str]]:
    """The claim ids an editor's note names (only ids that exist) -> (built URL, claim text)."""
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", note))
    return {
        cid: (str(here.url(paths.claim_page(cid))), shorten(plain_text(index.claims[cid].text), NOTE_LINK_LABEL))
        for cid in sorted(words & index.claims.keys())
    }


def _relation_groups(index: SiteIndex, claim: Claim) -> tuple[list[dict], list[dict]]:
    """(outgoing, incoming) relation groups; a symmetric relation is one group, the same on both pages."""
    outgoing: list[dict] = []
    incoming: list[dict] = []
    for relation in RELATIONS:
        spec = RELATION_SPECS[relation]
        targets = list(dict.fromkeys(claim.targets(relation)))
        pointing = index.incoming.get(claim.id, {}).get(relation, [])
        if spec.symmetric:
            others = list(dict.fromkeys([*targets, *(source.id for source in pointing)]))
            if others:
                group = [(other, index.claims.get(other)) for other in others]
                outgoing.append({"label": spec.forward, "arrow": "↔", "targets": group})
            continue
        if targets:
            outgoing.append(
                {"label": spec.forward, "arrow": "→", "targets": [(t, index.claims.get(t)) for t in targets]}
            )
        if pointing:
            incoming.append({"label": spec.reverse, "arrow": "←", "claims": pointing})
    return outgoing, incoming


def redirect_page(claim: Claim, alias: str) -> str:
    """The page left at a claim's former id: a link to where it lives now (the head redirects)."""
    here = Here(paths.claim_page(alias))
    return render(
        "redirect.md.j2",
        meta=front_matter("Moved: " + shorten(plain_text(claim.text), TITLE_LIMIT), []),
        here=here,
        claim=claim,
        alias=alias,
    )


def claim_page(index: SiteIndex, claim: Claim, options: RenderOptions) -> str:
    here = Here(paths.claim_page(claim.id), options.use_directory_urls)
    quotes = []
    for n, quote in enumerate(claim.quotes):
        paragraph = index.quote_paragraph.get((claim.id, n), "")
        label = index.paragraph_label(paragraph) if paragraph else ""
        quotes.append({"text": quote, "paragraph": paragraph, "label": label})
    late = index.anachronisms.get(claim.id, [])
    sources = []
    for key in dict.fromkeys(c.key for c in claim.cites):
        ref = index.references.get(key)
        sources.append(
            {
                "key": key,
                "label": Markup(bibliography.short_label(ref)) if ref else key,
                "known": ref is not None,
                "locators": _locators(claim, key),
                # the entry as mkdocs-bibtex formats its footnotes, here instead of a footnote
                "formatted": Markup(bibliography.formatted_reference_html(options.bibtex, key)) if ref else "",
                "trust": index.trust.get(key),
                "late": [a for a in late if a.work_key == key],
            }
        )
    outgoing, incoming = _relation_groups(index, claim)
    concepts = [(cid, index.concepts.get(cid)) for cid in dict.fromkeys(claim.concepts)]
    known = index.kb.event_index()
    events = [(eid, event_view(known[eid]) if eid in known else None) for eid in dict.fromkeys(claim.events)]
    section = index.section_of(claim)
    # --- the claim's neighbourhood map (issue 13, maps) ---
    neighbourhood = _map(index, *neighbourhood_map(index, claim, here.src, options.use_directory_urls))
    # --- end of the neighbourhood map ---
    return render(
        "claim.md.j2",
        map=neighbourhood,
        meta=front_matter(shorten(plain_text(claim.text), TITLE_LIMIT)),
        here=here,
        claim=claim,
        section=section,
        subsection=index.subsection_of(claim),
        quotes=quotes,
        sources=sources,
        anachronisms=[
            {"finding": a, "ref": index.references.get(a.work_key), "date": date_text(a.work_date)} for a in late
        ],
        outgoing=outgoing,
        incoming=incoming,
        concepts=concepts,
        events=events,
        note_ids=_note_ids(index, here, claim.note) if claim.note else {},
        previous=index.previous_claim(claim),
        next=index.next_claim(claim),
    )


def section_page(index: SiteIndex, section: Section, options: RenderOptions) -> str:
    here = Here(paths.section_page(section.id), options.use_directory_urls)
    # one map per subsection (a long one in parts): a whole section's map is too wide to read
    maps: dict[str, list[Map]] = {}
    for sub in section.subsections:
        parts = -(-len(sub.claims) // MAP_CLAIMS)
        size = -(-len(sub.claims) // max(parts, 1))
        maps[sub.id] = []
        for start in range(0, len(sub.claims), size or 1):
            title = f"Argument map of {section.number} {sub.title}"
            claims = sub.claims[start : start + size]
            diagram, relations = claims_map(index, title, claims, here.src, options.use_directory_urls)
            if drawn := _map(index, diagram, relations):
                maps[sub.id].append(drawn)
    order = list(index.sections.values())
    position = order.index(section)
    return render(
        "section.md.j2",
        meta=front_matter(f"{section.number}. {section.title}"),
        here=here,
        section=section,
        claim_count=len(section.claims),
        maps=maps,
        short_quote=_first_quote,
        previous=order[position - 1] if position > 0 else None,
        next=order[position + 1] if position + 1 < len(order) else None,
    )


def _paper_citation(paper: Paper) -> str:
    """APA-like: 'Li, L., Abbas, S. T., & Khan, G. R. (2025). Title. Journal.'"""

    def apa(name: str) -> str:
        parts = name.split()
        return f"{parts[-1]}, " + " ".join(f"{p[0]}." for p in parts[:-1]) if len(parts) > 1 else name

    names = [apa(author.name) for author in paper.authors]
    who = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else "".join(names)
    text = f"{who} ({paper.year}). {paper.title}. {paper.journal}."
    if doi_url(paper.doi):
        text += f" {doi_url(paper.doi)}"
    elif paper.url:
        text += f" {paper.url}"
    return text


def _paper_bibtex(paper: Paper) -> str:
    surname = paper.authors[0].name.split()[-1] if paper.authors and paper.authors[0].name.split() else "anon"
    first_word = next((w for w in re.findall(r"[A-Za-z]+", paper.title) if len(w) > 3), "paper")
    fields = [
        ("author", " and ".join(a.name for a in paper.authors)),
        ("title", "{" + paper.title + "}"),
        ("journal", paper.journal),
        ("year", str(paper.year)),
        ("issn", paper.e_issn),
        ("doi", paper.doi),
        ("url", paper.url),
    ]
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields if value)
    key = re.sub(r"[^a-z0-9]", "", f"{surname}{paper.year}{first_word}".lower())
    return f"@article{{{key},\n{body}\n}}"


def home_page(index: SiteIndex, options: RenderOptions) -> str:
    here = Here(paths.HOME, options.use_directory_urls)
    paper, thesis = index.kb.paper, index.kb.thesis
    diagram, relations = overview_map(index, here.src, options.use_directory_urls)
    return render(
        "home.md.j2",
        # the whole width for the overview map
        meta=front_matter(paper.title if paper and paper.title else "argkb", hide=("navigation", "toc")),
        here=here,
        paper=paper,
        doi_url=Markup(doi_url(paper.doi)) if paper and doi_url(paper.doi) else None,
        thesis=thesis,
        # the thesis may span several sentences of the Thesis Statement: one quote each
        thesis_quotes=[shorten(plain_text(quote), SHORT_QUOTE) for quote in thesis.quotes] if thesis else [],
        relations=RELATIONS,
        map=_map(index, diagram, relations),
        sections=list(index.sections.values()),
        counts={
            "claims": len(index.reading_order),
            "citations": sum(len(claim.cites) for claim in index.reading_order),
            "works": len(index.references),
            "sections": len(index.sections),
            "concepts": len(index.concepts),
        },
        citation=_paper_citation(paper) if paper else "",
        bibtex=_paper_bibtex(paper) if paper else "",
        exports=open_data(),
    )


FRAMING_GROUPS: tuple[tuple[str, str], ...] = (
    ("research-question", "Research question"),
    ("objective", "Objectives"),
    ("scope", "Scope"),
)
TREE_LABELS = {"": "Thesis", "supports": "Reason", "opposes": "Objection", "qualifies": "Qualification"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _tree_counts(branch: Branch) -> str:
    """What lies beneath a branch, for its collapsed summary: '3 reasons, 1 objection · 9 below'."""
    parts = [_plural(len(branch.reasons), "reason")] if branch.reasons else []
    for relation, word in (("opposes", "objection"), ("qualifies", "qualification")):
        if n := sum(b.relation == relation for b in branch.challenges):
            parts.append(_plural(n, word))
    text = ", ".join(parts)
    if branch.hidden and not branch.children:
        return f"{branch.beneath} below, on its page"
    if branch.beneath > len(branch.children):
        text += f" · {branch.beneath} below"
    return text


def argument_page(index: SiteIndex, options: RenderOptions) -> str:
    here = Here(paths.ARGUMENT, options.use_directory_urls)
    tree = thesis_tree(index.reading_order, index.kb.thesis)
    kinds = {kind for kind, _ in FRAMING_GROUPS}
    framing = [
        {"title": title, "kind": kind, "claims": [(c, t) for c, t in tree.framing if c.kind == kind]}
        for kind, title in FRAMING_GROUPS
    ]
    if other := [(c, t) for c, t in tree.framing if c.kind not in kinds]:
        framing.append({"title": "Other framing", "kind": "other-framing", "claims": other})
    return render(
        "argument.md.j2",
        meta=front_matter("The argument"),
        here=here,
        tree=tree,
        rows=tree_rows(tree.root) if tree.root else [],
        counts=_tree_counts,
        relation_names=TREE_LABELS,
        sections=index.sections,
        framing=framing,
        outside=tree.outside[:OUTSIDE_SHOWN],
        outside_more=max(0, len(tree.outside) - OUTSIDE_SHOWN),
        claims=index.claims,
        short_quote=_first_quote,
    )


def reference_pages(index: SiteIndex, options: RenderOptions) -> Iterator[tuple[str, str]]:
    for key, ref in sorted(index.references.items()):
        here = Here(paths.reference_page(key), options.use_directory_urls)
        citing = index.cited_by.get(key, [])
        groups = [
            {"section": section, "claims": [c for c in citing if c.section_id == section.id]}
            for section in index.sections.values()
            if any(c.section_id == section.id for c in citing)
        ]
        link = bibliography.link_of(ref)
        yield (
            here.src,
            render(
                "reference.md.j2",
                meta=front_matter(bibliography.short_label_text(ref)),
                here=here,
                ref=ref,
                label=Markup(bibliography.short_label(ref)),
                formatted=Markup(bibliography.formatted_reference(options.bibtex, key)),
                link=Markup(link) if link else None,
                link_kind="DOI" if link.startswith("https://doi.org/") else "URL",
                trust=index.trust.get(key),
                groups=groups,
                citing=citing,
                locators={claim.id: _locators(claim, key) for claim in citing},
                edit_url=_edit_url(options, ref.span.path),
            ),
        )


def _work_order(ref: Reference) -> tuple[str, str, str, str]:
    names = ref.surnames or ref.authors or [""]
    return (names[0].lower(), ref.year, ref.title.lower(), ref.key)


def bibliography_page(index: SiteIndex, options: RenderOptions) -> str:
    works = [
        {
            "ref": ref,
            "formatted": Markup(bibliography.formatted_reference(options.bibtex, ref.key)),
            "cited_by": len(index.cited_by.get(ref.key, [])),
            "trust": index.trust.get(ref.key),
        }
        for ref in sorted(index.references.values(), key=_work_order)
    ]
    return render(
        "bibliography.md.j2",
        meta=front_matter("Bibliography"),
        here=Here(paths.BIBLIOGRAPHY, options.use_directory_urls),
        works=works,
    )


def concept_pages(index: SiteIndex, options: RenderOptions) -> Iterator[tuple[str, str]]:
    concepts = sorted(index.concepts.values(), key=lambda c: (c.name.lower(), c.id))
    yield (
        paths.CONCEPTS,
        render(
            "concepts.md.j2",
            meta=front_matter("Concepts"),
            here=Here(paths.CONCEPTS, options.use_directory_urls),
            concepts=[{"concept": c, "count": len(index.concept_claims.get(c.id, []))} for c in concepts],
        ),
    )
    for concept in concepts:
        claims = index.concept_claims.get(concept.id, [])
        groups = [
            {"section": s, "claims": [c for c in claims if c.section_id == s.id]}
            for s in index.sections.values()
            if any(c.section_id == s.id for c in claims)
        ]
        yield (
            paths.concept_page(concept.id),
            render(
                "concept.md.j2",
                meta=front_matter(concept.name),
                here=Here(paths.concept_page(concept.id), options.use_directory_urls),
                concept=concept,
                groups=groups,
                count=len(claims),
                edit_url=_edit_url(options, concept.span.path),
            ),
        )


def paper_page(index: SiteIndex, options: RenderOptions) -> str:
    source = index.kb.source
    return render(
        "paper.md.j2",
        meta=front_matter("The annotated paper"),
        here=Here(paths.PAPER, options.use_directory_urls),
        blocks=paper_blocks(source.markdown, index) if source is not None else [],
        paragraph_count=len(index.paragraphs),
    )
