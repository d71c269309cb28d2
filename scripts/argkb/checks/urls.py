"""Every field that can become a link or a resource passes the URL policy (argkb.urlpolicy).

BibTeX fields are checked as pybtex gives them, i.e. after `@string` macro expansion and `#`
concatenation, so a URL assembled from pieces is checked whole. Any field may hold `\\url{...}` or
`\\href{...}{...}` (citeproc and LaTeX styles turn them into links) or a bare dangerous scheme.
Claim text and notes are checked by checks/markup.py with the same policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from argkb.model import Diagnostic, KnowledgeBase, PublicRecord, Reference, Span
from argkb.urlpolicy import doi_problem, url_problem

# pybtex's styles link these: url as is, doi to doi.org, eprint to arxiv.org, pubmed to ncbi
_EPRINT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]*$")
_PUBMED = re.compile(r"^[0-9]{1,12}$")
_LATEX_LINK = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
DANGEROUS_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])(javascript|vbscript|data|file)\s*:", re.IGNORECASE)


def _unsafe(span: Span, what: str, problem: str) -> Diagnostic:
    return Diagnostic(span, "error", "unsafe-url", f"{what}: {problem}")


def _reference(ref: Reference) -> list[Diagnostic]:
    found = []
    for name, value in sorted(ref.fields.items()):
        where, what = ref.span_of(name), f"'{ref.key}' field '{name}'"
        value = value.strip()
        if not value:
            continue
        if name == "url" and (problem := url_problem(value, relative=False)):
            found.append(_unsafe(where, what, problem))
        elif name == "doi" and (problem := doi_problem(value)):
            found.append(Diagnostic(where, "error", "bad-doi", f"{what}: malformed DOI {value!r}: {problem}"))
        elif name == "eprint" and not _EPRINT.match(value):
            found.append(_unsafe(where, what, "an eprint id is letters, digits and ./- (it becomes an arXiv URL)"))
        elif name == "pubmed" and not _PUBMED.match(value):
            found.append(_unsafe(where, what, "a PubMed id is digits only (it becomes a URL)"))
        elif match := DANGEROUS_SCHEME.search(value):
            found.append(_unsafe(where, what, f"holds a '{match.group(1).lower()}:' URL"))
        else:
            for target in _LATEX_LINK.findall(value):
                if problem := url_problem(target.strip(), mailto=True, relative=False):
                    found.append(_unsafe(where, what, problem))
    return found


def _sources(records: list[PublicRecord], span_of: Callable[..., Span], what: str) -> list[Diagnostic]:
    return [
        _unsafe(span_of("sources", index, "url"), f"{what} source {index + 1} url", problem)
        for index, record in enumerate(records)
        if record.url and (problem := url_problem(record.url, relative=False))
    ]


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if paper := kb.paper:
        if paper.url and (problem := url_problem(paper.url, relative=False)):
            found.append(_unsafe(paper.span_of("url"), "the paper's url", problem))
        if paper.doi and (problem := doi_problem(paper.doi)):
            found.append(
                Diagnostic(paper.span_of("doi"), "error", "bad-doi", f"the paper's DOI {paper.doi!r}: {problem}")
            )
    for event in kb.events:
        found.extend(_sources(event.sources, event.span_of, f"event '{event.id}'"))
    for verification in kb.verifications:
        found.extend(_sources(verification.sources, verification.span_of, f"verification of '{verification.key}'"))
    for ref in kb.references:
        found.extend(_reference(ref))
    return found
