"""Property-based fuzzing of the URL policy, DOIs and BibTeX URLs built from @string macros.

Whatever the pieces, a URL the policy accepts has a safe scheme, a BibTeX `url` assembled from
macros and `#` is checked whole (after expansion), and the Markdown argkb renders from such an
entry, through Python-Markdown, passes the published-HTML policy.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.checks.urls import check as check_urls
from argkb.htmlpolicy import scan_page
from argkb.load.bib import load_bibtex
from argkb.model import KnowledgeBase
from argkb.render.bibliography import formatted_reference
from argkb.urlpolicy import doi_url, url_problem

PIECES = [
    *("java", "script", "JavaScript", "data", "vbscript", "file", ":", "&#58;", "%3A", "\t", " ", "\u200b"),
    *("https", "http", "//", "/", "example.org", "evil.example", "@", "(", ")", "[", "]", "<", ">", '"'),
    *("alert(1)", "text/html,x", "?q=1", "#frag", "\\", "mailto", "a@b.org", "doi.org", "10.1234", "x"),
]
pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8)
DOI_URL = re.compile(r"^https://doi\.org/10\.\d{4,9}/[A-Za-z0-9%/;:._~-]+$")


@settings(max_examples=400, deadline=None)
@given(parts=pieces, mailto=st.booleans())
def test_an_accepted_url_has_a_safe_scheme(parts: list[str], mailto: bool) -> None:
    url = "".join(parts)
    if url_problem(url, mailto=mailto):
        return
    assert not url.startswith("//") and not any(ch.isspace() for ch in url)
    assert urlsplit(url).scheme.lower() in ({"", "http", "https"} | ({"mailto"} if mailto else set()))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40) | pieces.map("".join))
def test_doi_urls_are_encoded_or_refused(text: str) -> None:
    url = doi_url("10.1234/" + text)
    if not url:
        return
    assert DOI_URL.match(url), url
    html = markdown.markdown(f"[doi]({url})")
    assert html == f'<p><a href="{url}">doi</a></p>'


def _bibtex(parts: list[str]) -> str:
    macros = "\n".join(f'@string{{p{i} = "{part}"}}' for i, part in enumerate(parts))
    joined = " # ".join(f"p{i}" for i in range(len(parts)))
    return f"{macros}\n\n@misc{{fuzz2020,\n  title = {{Fuzz}},\n  year = {{2020}},\n  url = {joined},\n}}\n"


@settings(max_examples=200, deadline=None)
@given(parts=pieces.filter(lambda ps: all('"' not in p and "\\" not in p for p in ps)))
def test_macro_built_urls_are_checked_whole_and_rendered_safely(parts: list[str]) -> None:
    bibtex = _bibtex(parts)
    references, problems = load_bibtex("references.bib", bibtex)
    assert not problems, problems
    (ref,) = references
    url = ref.fields["url"]
    # pybtex expanded the macros and the concatenation (and collapsed whitespace, as BibTeX does)
    assert url.split() == "".join(parts).split()
    found = check_urls(KnowledgeBase(".", None, [], [], references, None))
    unsafe = [d for d in found if d.code == "unsafe-url"]
    assert bool(unsafe) == bool(url.strip() and url_problem(url.strip(), relative=False)), (url, found)
    if unsafe:
        url_line = next(n for n, line in enumerate(bibtex.split("\n"), 1) if line.startswith("  url = "))
        assert unsafe[0].span.line == url_line

    html = markdown.markdown(formatted_reference(bibtex, "fuzz2020"))
    assert scan_page("references/fuzz2020/index.html", html) == [], html
