"""The clean paper text (claims/source/paper.md) lost no sentence of the PDF extraction's body."""

from __future__ import annotations

import re

import pytest

from argkb.load.source import load_source
from conftest import REPO

RAW = REPO / "claims" / "source" / "extracted-from-pdf.txt"
CLEAN = REPO / "claims" / "source" / "paper.md"
PAGE_HEADER = re.compile(r"^(e-ISSN|Received:|EDUCATIONAL RESEARCH AND INNOVATION)")
FOOTNOTE = re.compile(r"^[¹²³]")


def _normalise(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def raw_body_sentences() -> list[str]:
    lines = RAW.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not PAGE_HEADER.match(line.strip()) and not FOOTNOTE.match(line.strip())]
    text = "\n".join(kept)
    body = text[text.index("1. Introduction") : text.index("References:")]
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    sentences = []
    for paragraph in paragraphs:
        sentences += [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", _normalise(paragraph)) if s]
    return sentences


def test_raw_body_has_sentences() -> None:
    assert len(raw_body_sentences()) > 250


def test_no_sentence_of_the_body_was_lost() -> None:
    clean = _normalise(CLEAN.read_text(encoding="utf-8"))
    # a sentence that broke across a page header is checked as its two halves
    missing = [s for s in raw_body_sentences() if s not in clean]
    assert missing == []


def test_page_headers_and_footnote_markers_are_gone() -> None:
    clean = CLEAN.read_text(encoding="utf-8")
    assert "e-ISSN:" not in clean
    assert "Received: 02/02/2025" not in clean
    assert not re.search(r"[¹²³]", clean)


def test_every_body_paragraph_has_a_unique_stable_id() -> None:
    source, problems = load_source("claims/source/paper.md", CLEAN.read_text(encoding="utf-8"))
    assert problems == []
    ids = [p.id for p in source.paragraphs]
    assert len(ids) == len(set(ids)) == 75
    assert all(re.fullmatch(r"p[1-6]-\d+", i) for i in ids)
    assert {p.section_number for p in source.paragraphs} == {1, 2, 3, 4, 5, 6}


@pytest.mark.parametrize("printed", ["Libicki, M. C. (2007)", "Mearsheimer, J. J. (2001)", "Morgenthau, H. (1948)"])
def test_reference_list_kept_as_printed(printed: str) -> None:
    references = CLEAN.read_text(encoding="utf-8").split("## References", 1)[1]
    assert printed in references
    assert references.count("- ") >= 32
