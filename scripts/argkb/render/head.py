"""What goes into a page's <head>: Highwire `citation_*` meta tags and schema.org JSON-LD.

The metadata itself (and its escaping) comes from argkb.export.metadata; this decides which page
carries what: the home page describes the paper, each claim page its claim.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin

from argkb.export.metadata import (
    citation_meta,
    claim_jsonld,
    jsonld_script,
    meta_tags_html,
    scholarly_article,
)
from argkb.model import KnowledgeBase
from argkb.render import paths
from argkb.render.options import RenderOptions


def absolute_url(options: RenderOptions, page: str) -> str:
    """The page's address on the published site; '' when the site's address is not known."""
    if not options.site_url.startswith(("http://", "https://")):
        return ""
    return urljoin(options.site_url.rstrip("/") + "/", paths.page_url(page, options.use_directory_urls))


def head_html(kb: KnowledgeBase, options: RenderOptions | None = None) -> dict[str, str]:
    """Source path of a generated page -> HTML for its <head> (pages without metadata are absent)."""
    options = options or RenderOptions()
    paper = kb.paper
    if paper is None:
        return {}
    home = absolute_url(options, paths.HOME)
    heads = {paths.HOME: meta_tags_html(citation_meta(paper)) + "\n" + jsonld_script(scholarly_article(paper, home))}
    references = kb.reference_index()
    for claim in kb.claim_index().values():
        page = paths.claim_page(claim.id)
        data = claim_jsonld(claim, paper, references, absolute_url(options, page), home)
        heads[page] = jsonld_script(data)
        for alias in claim.aliases:  # a former id sends its readers (and search engines) on
            target = paths.url_link(paths.claim_page(alias), page, options.use_directory_urls)
            canonical = absolute_url(options, page)
            heads[paths.claim_page(alias)] = (
                f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">'
                + (f'\n<link rel="canonical" href="{html.escape(canonical)}">' if canonical else "")
                + '\n<meta name="robots" content="noindex">'
            )
    return dict(sorted(heads.items()))
