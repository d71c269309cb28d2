"""Invisible and bidirectional-control characters are refused in every file an editor writes.

Unicode "format" characters (category Cf) draw nothing or reorder what is drawn: bidi overrides
and isolates (U+202A-U+202E, U+2066-U+2069), marks (U+200E/F, U+061C), zero-width characters
(U+200B-U+200D, U+2060, U+FEFF), soft hyphens and tag characters. With them a reviewer reads one
text in the diff while the site, its <title> and JSON-LD say another ("Trojan Source").
"""

from __future__ import annotations

import unicodedata
from typing import Any

from argkb.load.yaml_strict import YamlDocument
from argkb.model import Diagnostic, Span

_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def describe(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control)'."""
    name = unicodedata.name(ch, "unnamed format character")
    kind = "a bidirectional control" if ord(ch) in _BIDI else "an invisible format character"
    return f"U+{ord(ch):04X} {name} ({kind})"


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def scan_text(path: str, text: str) -> list[Diagnostic]:
    """Every invisible character of a file's text, at its line and column."""
    found = []
    if not any(_is_invisible(ch) for ch in text):  # the common case: one pass, nothing to place
        return found
    for number, line in enumerate(text.split("\n"), 1):
        for col, ch in enumerate(line, 1):
            if _is_invisible(ch):
                found.append(
                    Diagnostic(
                        Span(path, number, col),
                        "error",
                        "invisible-character",
                        f"{describe(ch)} is not allowed; delete it (it can make text display as something else)",
                    )
                )
    return found


def scan_values(path: str, doc: YamlDocument) -> list[Diagnostic]:
    """Invisible characters written as escapes ("\\u202e") in YAML strings, at their node."""
    found: list[Diagnostic] = []

    def walk(value: Any, where: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            for position, ch in enumerate(value, 1):
                if _is_invisible(ch):
                    line, col = doc.position(where)
                    found.append(
                        Diagnostic(
                            Span(path, line, col),
                            "error",
                            "invisible-character",
                            f"{describe(ch)} at character {position} of the value is not allowed",
                        )
                    )
                    return
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, where + (key,))
                walk(item, where + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, where + (index,))

    walk(doc.data, ())
    return found
