"""KnowledgeBase -> Markdown pages, keyed by their docs-relative path. Pure: no I/O, no MkDocs.

    pages = render_site(kb, RenderOptions(edit_url_base="https://github.com/o/r/edit/main/"))
    pages["claims/<id>.md"]  # the claim's page, as Markdown for MkDocs + Material + mkdocs-bibtex

URL layout (use_directory_urls): / (home), /argument/, /sections/<id>/, /claims/<id>/,
/references/<key>/, /bibliography/, /audit/, /concepts/, /concepts/<id>/, /paper/.

`head_html` gives the machine-readable metadata (meta tags, JSON-LD) of the pages that have any,
for the adapter to put into each page's <head>.
"""

from __future__ import annotations

from dataclasses import replace

from argkb.model import KnowledgeBase
from argkb.render import pages, paths
from argkb.render.audit_page import audit_page
from argkb.render.bibliography import bibtex_of
from argkb.render.head import head_html
from argkb.render.index import build_index
from argkb.render.options import RenderOptions
from argkb.render.split import split_pages

__all__ = ["RenderError", "RenderOptions", "head_html", "render_site", "source_files"]


class RenderError(Exception):
    """Two pages would have the same path (ids the checks should have refused)."""


def render_site(kb: KnowledgeBase, options: RenderOptions | None = None) -> dict[str, str]:
    options = options or RenderOptions()
    if not options.bibtex and kb.references:
        options = replace(options, bibtex=bibtex_of(kb.references))
    index = build_index(kb)
    index.maps.engine = options.maps
    site: dict[str, str] = {}

    def add(path: str, text: str) -> None:
        if path in site:
            raise RenderError(f"two pages would be written to {path}")
        site[path] = text

    add(paths.HOME, pages.home_page(index, options))
    add(paths.ARGUMENT, pages.argument_page(index, options))
    for section in index.sections.values():
        add(paths.section_page(section.id), pages.section_page(index, section, options))
    for claim in index.reading_order:
        add(paths.claim_page(claim.id), pages.claim_page(index, claim, options))
        for alias in claim.aliases:
            add(paths.claim_page(alias), pages.redirect_page(claim, alias))
    for path, text in pages.reference_pages(index, options):
        add(path, text)
    add(paths.BIBLIOGRAPHY, pages.bibliography_page(index, options))
    add(paths.AUDIT, audit_page(index, options))
    for path, text in pages.concept_pages(index, options):
        add(path, text)
    add(paths.PAPER, pages.paper_page(index, options))
    # the pages that grow with the knowledge base, in parts past a size (the rest are bounded)
    growing = [paths.PAPER, paths.AUDIT, paths.BIBLIOGRAPHY]
    site = split_pages(
        dict(sorted(index.maps.fill(site).items())), growing, options.page_bytes, options.use_directory_urls
    )
    # a section page, at its subsections, past the same size: it is mostly inline SVG maps, which
    # reach the HTML at their size, and its nav lists every section (100 at 10,000 claims: 35 KB)
    sections = [paths.section_page(section_id) for section_id in index.sections]
    return split_pages(site, sections, options.page_bytes, options.use_directory_urls)


def source_files(kb: KnowledgeBase) -> dict[str, str]:
    """Generated page -> the repository file it is made from (for the theme's edit button)."""
    index = build_index(kb)
    sources = {
        paths.HOME: "claims/paper.yaml",
        paths.BIBLIOGRAPHY: "references.bib",
        paths.CONCEPTS: "claims/concepts.yaml",
    }
    for section in index.sections.values():
        sources[paths.section_page(section.id)] = section.path
    for claim in index.reading_order:
        section = index.section_of(claim)
        sources[paths.claim_page(claim.id)] = section.path if section else claim.span.path
    for key, ref in index.references.items():
        sources[paths.reference_page(key)] = ref.span.path
    for concept in index.concepts.values():
        sources[paths.concept_page(concept.id)] = concept.span.path
    if kb.source is not None:
        sources[paths.PAPER] = kb.source.path
    return {page: path for page, path in sorted(sources.items()) if path}
