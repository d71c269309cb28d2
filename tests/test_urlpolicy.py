"""The one URL policy (argkb.urlpolicy) and the renderer's use of it for DOIs and BibTeX links."""

from __future__ import annotations

import pytest

from argkb.model import Reference
from argkb.render.bibliography import formatted_reference, link_of, reference_texts, safe_reference_markdown
from argkb.urlpolicy import doi_problem, doi_url, is_safe_url, url_problem

ALLOWED = [
    "https://example.org/a_(b)?q=1#frag",
    "http://example.org",
    "../claims/x/",
    "page.md#part",
    "#anchor",
]
REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example\\x",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "https://good.example@evil.example/",
    "https:///nohost",
    'https://example.org/"onmouseover="x',
    "https://example.org/<script>",
    "ftp://example.org/file",
    "x:y/z",
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed(url: str) -> None:
    assert url_problem(url) == ""


@pytest.mark.parametrize("url", REFUSED)
def test_refused(url: str) -> None:
    assert url_problem(url, mailto=True), url


def test_mailto_and_relative_only_where_allowed() -> None:
    assert is_safe_url("mailto:editor@example.org", mailto=True)
    assert not is_safe_url("mailto:editor@example.org")
    assert not is_safe_url("mailto:", mailto=True)
    assert not is_safe_url("../x/", relative=False)
    assert "U+200B ZERO WIDTH SPACE" in url_problem("https://exa\u200bmple.org/")


def test_doi_syntax_follows_crossref() -> None:
    assert doi_problem("10.1007/s11366-019-00171-4") == ""
    assert doi_problem("https://doi.org/10.1080/01402390.2020.1759149") == ""
    for bad in (
        "10.1016/0021-9991(85)90084-X",
        "10.1234/x)(javascript:alert(1)",
        "10.1/x",
        "10.1234/x y",
        "10.1234/<img>",
        "10.1234/x[y]",
        "11.1234/x",
        "10.1234/x#y",
        "10.1234/",
    ):
        assert doi_problem(bad), bad


def test_doi_url_is_percent_encoded() -> None:
    assert doi_url("doi:10.1234/a;b:c") == "https://doi.org/10.1234/a;b:c"
    assert doi_url("10.1234/A-b_c.d") == "https://doi.org/10.1234/A-b_c.d"
    assert doi_url("10.1234/x)[a](javascript:alert(1)") == ""


def _ref(**fields: str) -> Reference:
    return Reference("k", "misc", {"title": "T", "year": "2020", **fields}, [])


def test_reference_link_never_unsafe() -> None:
    assert link_of(_ref(doi="doi:10.1007/s11366-019-00171-4")) == "https://doi.org/10.1007/s11366-019-00171-4"
    assert link_of(_ref(doi="10.1234/x)(javascript:alert(1)", url="https://example.org/")) == "https://example.org/"
    assert link_of(_ref(url="javascript:alert(1)")) == ""
    assert link_of(_ref(url="https://example.org/a_(b)")) == "https://example.org/a_%28b%29"


HOSTILE_BIB = r"""
@string{js = "java" # "script"}
@misc{a, title={A}, year={2020}, url = js # ":alert(1)"}
@misc{b, title={B}, year={2020}, eprint={1)(javascript:alert(1)}, doi={10.1234/x)(javascript:alert(1)}}
@misc{c, title={C}, year={2020}, url={https://example.org/a_(b)}}
"""


def test_footnote_text_drops_unsafe_link_fields() -> None:
    texts = reference_texts(HOSTILE_BIB)
    assert "javascript" not in texts["a"] and "javascript" not in texts["b"]
    assert "(https://example.org/a_%28b%29)" in formatted_reference(HOSTILE_BIB, "c")


def test_safe_reference_markdown_reads_links_with_parentheses() -> None:
    text = safe_reference_markdown("URL: [x](javascript:alert(1)) and [y](https://e.org/a_(b))")
    assert "javascript:alert" not in text.replace("[x]", "")
    assert text == "URL: x and [y](https://e.org/a_%28b%29)"
