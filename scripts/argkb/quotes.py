"""Finding quotes and in-text citations in the clean paper text.

Shared by the fidelity checks (is every quote verbatim?) and the renderer (which paragraph
does a quote link to?). Matching ignores whitespace and the `**` bold markers.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from functools import cached_property

from argkb.model import Paragraph, PrintedReference, Reference, SourceText

_SHINGLE = 5  # words used to index paragraphs; a quote's first words find its candidates
_PARENTHETICAL = re.compile(r"\(([^()]*\d{4}[a-z]?)\)")
_AUTHOR_YEAR = re.compile(r"^(?P<author>.+?),\s*(?P<year>\d{4})[a-z]?$")
_PRINTED_AUTHOR_YEAR = re.compile(r"^(?P<authors>.+?)\.?\s*\((?P<year>\d{4})[a-z]?\)")


def normalise(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def surname_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("et al.", ""))


@dataclass(frozen=True)
class QuoteMatch:
    paragraph: Paragraph
    start: int  # offsets into the normalised paragraph text
    end: int


@dataclass(frozen=True)
class InTextCitation:
    """One author-year citation printed in the paper, e.g. the 'Xie, 2020' of '(Nye, 2004; Xie, 2020)'."""

    paragraph: Paragraph
    text: str
    author: str
    year: str
    start: int  # offsets of the whole parenthetical in the normalised paragraph
    end: int


class QuoteIndex:
    def __init__(self, source: SourceText) -> None:
        self.paragraphs = source.paragraphs
        self.texts = [normalise(p.text) for p in self.paragraphs]
        self._by_shingle: dict[tuple[str, ...], list[int]] = {}
        for index, text in enumerate(self.texts):
            words = text.split(" ")
            for i in range(max(len(words) - _SHINGLE + 1, 1)):
                bucket = self._by_shingle.setdefault(tuple(words[i : i + _SHINGLE]), [])
                if not bucket or bucket[-1] != index:
                    bucket.append(index)

    def locate(self, quote: str) -> QuoteMatch | None:
        needle = normalise(quote)
        if not needle:
            return None
        words = needle.split(" ")
        candidates = self._by_shingle.get(tuple(words[:_SHINGLE]), []) if len(words) >= _SHINGLE else []
        # the paragraphs sharing the quote's first words, then (lazily) all: most quotes stop at the first
        for index in itertools.chain(candidates, range(len(self.texts))):
            start = self.texts[index].find(needle)
            if start >= 0:
                return QuoteMatch(self.paragraphs[index], start, start + len(needle))
        return None

    def closest(self, quote: str) -> tuple[Paragraph, str] | None:
        """The sentence most like a quote that was not found, for a hint."""
        needle = normalise(quote)
        best: tuple[float, int, str] | None = None
        for index, text in enumerate(self.texts):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                matcher = difflib.SequenceMatcher(None, needle, sentence, autojunk=False)
                if matcher.real_quick_ratio() < 0.5 or (best and matcher.quick_ratio() <= best[0]):
                    continue
                ratio = matcher.ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, index, sentence)
        if best is None or best[0] < 0.5:
            return None
        return self.paragraphs[best[1]], best[2]

    @cached_property
    def citations(self) -> list[InTextCitation]:
        found = []
        for paragraph, text in zip(self.paragraphs, self.texts, strict=True):
            for match in _PARENTHETICAL.finditer(text):
                for part in match.group(1).split(";"):
                    if author_year := _AUTHOR_YEAR.match(part.strip()):
                        found.append(
                            InTextCitation(
                                paragraph,
                                part.strip(),
                                author_year["author"],
                                author_year["year"],
                                match.start(),
                                match.end(),
                            )
                        )
        return found


def citation_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, author, year) of each author-year citation in a text, e.g. the 'Xie, 2020'
    of '(Nye, 2004; Xie, 2020)', with offsets into `text` itself (the page links each one)."""
    found = []
    for match in _PARENTHETICAL.finditer(text):
        offset = match.start(1)
        for part in match.group(1).split(";"):
            stripped = part.strip()
            if author_year := _AUTHOR_YEAR.match(stripped):
                start = offset + part.index(stripped)
                found.append((start, start + len(stripped), author_year["author"], author_year["year"]))
            offset += len(part) + 1
    return found


def reference_for_author_year(author: str, year: str, references: list[Reference]) -> Reference | None:
    return _first_match(author, year, references)


def reference_for(citation: InTextCitation, references: list[Reference]) -> Reference | None:
    """The entry an author-year citation points at: first author's surname and year."""
    return _first_match(citation.author, citation.year, references)


def _first_match(author: str, year: str, references: list[Reference]) -> Reference | None:
    wanted = surname_key(author)
    for ref in references:
        if ref.year.strip() == year and ref.surnames and surname_key(ref.surnames[0]) == wanted:
            return ref
    return None


def reference_for_printed(printed: PrintedReference, references: list[Reference]) -> Reference | None:
    """The entry a line of the printed reference list describes: 'Libicki, M. C. (2007). ...'.

    Matched like an in-text citation, by the first author's surname and the year, so a work
    counts as the same one in the text and in the list.
    """
    match = _PRINTED_AUTHOR_YEAR.match(printed.text)
    if not match:
        return None
    first_author = match["authors"].split(",")[0].strip()
    return _first_match(first_author, match["year"], references)
