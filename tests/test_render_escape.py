"""Untrusted text -> inert HTML: the escaping functions, without MkDocs."""

from __future__ import annotations

import html
import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from argkb.render.escape import MARKDOWN_SPECIAL, encode, inline_html, is_safe_target, plain_text, shorten

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](//evil.example/)",
    "[x](\\\\evil.example)",
    '[x](https://ok.example/"onmouseover="alert(1))',
    "[@libicki2007conquest]",
    "see [@nye2004power, p. 3] and @xie2020geopolitics",
    "\\bibliography",
    "{: onclick='alert(1)' }",
    "[^fn]: footnote",
    "!!! danger",
    "| a | b |",
    "&lt;script&gt;",
    "``` mermaid",
]

MD = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "tables", "admonition"])


def to_html(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def tags_and_attributes(fragment: str) -> list[str]:
    return re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", fragment)


def test_encode_keeps_no_markdown_special_character() -> None:
    encoded = encode("a*b_c [x](y) <z> @k #h | ~ ^ = : ! . - + ` \\ { } ' \"")
    without_entities = re.sub(r"&#\d+;", "", encoded)
    assert not set(without_entities) & MARKDOWN_SPECIAL
    assert html.unescape(encoded) == "a*b_c [x](y) <z> @k #h | ~ ^ = : ! . - + ` \\ { } ' \""


def test_encode_puts_everything_on_one_line() -> None:
    assert encode("a\nb\r\nc\td") == "a b  c d"


@given(st.text(max_size=200))
def test_encode_round_trips_through_the_browser(text: str) -> None:
    one_line = " ".join(text.replace("\r", " ").replace("\t", " ").split("\n"))
    assert html.unescape(encode(text)) == one_line
    assert not set(re.sub(r"&#\d+;", "", encode(text))) & MARKDOWN_SPECIAL


@given(st.text(max_size=200))
def test_inline_html_never_emits_an_unexpected_tag_or_attribute(text: str) -> None:
    produced = inline_html(text)
    for name, attributes in tags_and_attributes(produced):
        assert name in ("a", "em", "strong"), produced
        if name == "a":
            assert re.fullmatch(r' href="[^"<>]*"', attributes), produced
            href = html.unescape(re.search(r'href="([^"]*)"', attributes).group(1))
            assert is_safe_target(href)
        else:
            assert attributes == ""


def test_hostile_text_stays_inert_through_markdown() -> None:
    for text in HOSTILE:
        soup = BeautifulSoup(to_html(f"Claim: {inline_html(text)}"), "html.parser")
        for tag in soup.find_all(True):
            assert tag.name in ("p", "a", "em", "strong"), (text, str(soup))
            assert set(tag.attrs) <= ({"href"} if tag.name == "a" else set()), (text, str(soup))
            if tag.name == "a":
                assert is_safe_target(tag["href"]), (text, tag["href"])
        assert soup.get_text().startswith("Claim: ")


def test_the_visible_text_is_the_original_text() -> None:
    for text in HOSTILE:
        if text.startswith("[") and "](" in text and not is_safe_target(text[text.index("](") + 2 : -1]):
            continue
        visible = re.sub(r"<[^>]+>", "", to_html(inline_html(text)))
        assert html.unescape(visible).strip() == plain_text(text), text


def test_rejected_links_are_shown_literally() -> None:
    rendered = to_html(inline_html("[click](javascript:alert(1))"))
    assert "<a" not in rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == "[click](javascript:alert(1))"


def test_citation_syntax_in_text_is_not_a_citation() -> None:
    from mkdocs_bibtex.citation import CitationBlock

    produced = inline_html("as [@libicki2007conquest] shows; [see @nye2004power]")
    assert CitationBlock.from_markdown(produced) == []
    assert "@" not in produced


def test_allowed_markdown() -> None:
    assert inline_html("a *b* and **c** and _d_") == "a <em>b</em> and <strong>c</strong> and <em>d</em>"
    assert inline_html("[site](https://example.org/a_b)") == ('<a href="https&#58;//example&#46;org/a&#95;b">site</a>')
    assert inline_html("[claim](../other/)").startswith('<a href="&#46;&#46;/other/">')
    assert "snake&#95;case&#95;name" in inline_html("snake_case_name")


def test_safe_targets() -> None:
    assert is_safe_target("https://doi.org/10.1/x")
    assert is_safe_target("../claims/x/")
    assert is_safe_target("page.md#part")
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "data:x",
        "vbscript:x",
        "//evil",
        "\\\\evil",
        "a b",
        'x"y',
        "mailto:a",
    ):
        assert not is_safe_target(bad), bad


def test_shorten_and_plain_text() -> None:
    assert shorten("one two three four five", 12) == "one two…"
    assert len(shorten("x" * 500, 90)) <= 90
    assert shorten("short", 10) == "short"
    assert plain_text("a **b** [c](https://x) *d*") == "a b c d"
