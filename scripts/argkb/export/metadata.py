"""Machine-readable metadata for pages: Highwire `citation_*` meta tags and schema.org JSON-LD.

Zotero, Google Scholar and reference managers read the meta tags; search engines read the
JSON-LD. All functions are pure; the theme puts their output in the page <head>. Escaping is done
here, once: attribute values are HTML-escaped, and JSON-LD escapes `<`, `>` and `&` as \\u003c,
\\u003e and \\u0026, so no text (say, a claim containing `</script>`) can end the script early.
"""

from __future__ import annotations

import html
import json
from typing import Any

from argkb.export.csl import csl_name, plain
from argkb.model import Claim, Paper, Reference
from argkb.urlpolicy import doi_url, is_web_url

SCHEMA_ORG = "https://schema.org"


def citation_meta(paper: Paper) -> list[tuple[str, str]]:
    """Highwire Press tags (name, content) in the order Google Scholar documents them."""
    tags = [("citation_title", paper.title)]
    for author in paper.authors:
        tags.append(("citation_author", author.name))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
    if paper.year:
        tags += [("citation_publication_date", str(paper.year)), ("citation_date", str(paper.year))]
    tags.append(("citation_journal_title", paper.journal))
    if paper.journal_abbreviation:
        tags.append(("citation_journal_abbrev", paper.journal_abbreviation))
    tags += [("citation_issn", issn) for issn in (paper.e_issn, paper.p_issn) if issn]
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if is_web_url(paper.url):
        tags.append(("citation_abstract_html_url", paper.url))
    tags += [("citation_keywords", keyword) for keyword in paper.keywords]
    return [(name, content) for name, content in tags if content]


def meta_tags_html(tags: list[tuple[str, str]]) -> str:
    """`<meta name=... content=...>` lines, every value HTML-escaped."""
    return "\n".join(
        f'<meta name="{html.escape(name, quote=True)}" content="{html.escape(content, quote=True)}">'
        for name, content in tags
    )


def _people(paper: Paper) -> list[dict[str, Any]]:
    people = []
    for author in paper.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        if author.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
        people.append(person)
    return people


def _periodical(paper: Paper) -> dict[str, Any]:
    periodical: dict[str, Any] = {"@type": "Periodical", "name": paper.journal}
    if paper.journal_abbreviation:
        periodical["alternateName"] = paper.journal_abbreviation
    if issns := [i for i in (paper.e_issn, paper.p_issn) if i]:
        periodical["issn"] = issns
    return periodical


def _article_reference(paper: Paper, url: str) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "name": paper.title,
        "author": _people(paper),
        "isPartOf": _periodical(paper),
    }
    if paper.year:
        article["datePublished"] = str(paper.year)
    if (paper_url := paper.url if is_web_url(paper.url) else "") or url:
        article["url"] = paper_url or url
    if doi_url(paper.doi):
        article["sameAs"] = doi_url(paper.doi)
    return article


def scholarly_article(paper: Paper, page_url: str = "") -> dict[str, Any]:
    """schema.org ScholarlyArticle for the home page; `page_url` stands in when the paper has no URL."""
    article = {"@context": SCHEMA_ORG, **_article_reference(paper, page_url), "headline": paper.title}
    if paper.keywords:
        article["keywords"] = list(paper.keywords)
    if paper.abstract:
        article["abstract"] = paper.abstract
    if paper.doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": paper.doi}
    return article


def _cited_work(ref: Reference) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": plain(ref.title) or ref.key}
    if ref.authors:
        surnames = ref.surnames + [""] * (len(ref.authors) - len(ref.surnames))
        work["author"] = [
            {"@type": "Person" if "family" in csl_name(a, s) else "Organization", "name": plain(a)}
            for a, s in zip(ref.authors, surnames, strict=True)
        ]
    if ref.year.strip():
        work["datePublished"] = ref.year.strip()
    return work


def claim_jsonld(
    claim: Claim,
    paper: Paper,
    references: dict[str, Reference] | None = None,
    page_url: str = "",
    paper_url: str = "",
) -> dict[str, Any]:
    """schema.org Claim for a claim page: its text, the paper's authors, where it appears.

    `paper_url` (the site's home page, say) stands in when the paper itself has no URL.
    """
    article = _article_reference(paper, paper_url)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Claim",
        "identifier": claim.id,
        "name": claim.text,
        "text": claim.text,
        "author": _people(paper),
        "appearance": article,
        "firstAppearance": article,
    }
    if page_url:
        data["url"] = page_url
    cited = [references[c.key] for c in claim.cites if references and c.key in references]
    if cited:
        data["citation"] = [_cited_work(ref) for ref in cited]
    return data


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_for_script(data: Any) -> str:
    """JSON that is safe inside <script>: the escaped characters only ever occur inside strings."""
    return json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).translate(_SCRIPT_SAFE)


def jsonld_script(data: Any) -> str:
    return f'<script type="application/ld+json">{json_for_script(data)}</script>'
