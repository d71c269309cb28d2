"""One id registry for every kind of id: first definition wins, later ones are reported.

Ids become URLs and anchors, so an id is also refused when it is the name of a page or folder the
build generates itself (a concept `index` would be `concepts/index.md`, the concepts index).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argkb.model import Diagnostic, Span

RESERVED_IDS = frozenset(
    {
        # pages and folders of the built site (render/paths.py, MkDocs, Material, the exports)
        *("index", "assets", "search", "tags", "claims", "sections", "references", "concepts"),
        *("argument", "paper", "bibliography", "audit", "contribute", "404", "sitemap"),
        *("javascripts", "stylesheets", "images", "argkb"),
    }
)


@dataclass
class IdRegistry:
    """The ids of one namespace (ids sharing URLs or anchors), and the problems found adding them."""

    code: str = "duplicate-id"
    noun: str = "id"
    reserved: frozenset[str] = RESERVED_IDS
    first: dict[str, tuple[str, Span]] = field(default_factory=dict)
    found: list[Diagnostic] = field(default_factory=list)

    def add(self, kind: str, id_: str, span: Span) -> bool:
        """Register `id_`; False (and a diagnostic) if it is taken or reserved."""
        if not id_:
            return False
        if id_.lower() in self.reserved:
            self.found.append(
                Diagnostic(
                    span,
                    "error",
                    "reserved-id",
                    f"{kind} {self.noun} '{id_}' is the name of a page the build generates; choose another",
                )
            )
            return False
        if id_ in self.first:
            other_kind, other = self.first[id_]
            self.found.append(
                Diagnostic(
                    span,
                    "error",
                    self.code,
                    f"{kind} {self.noun} '{id_}' is already used by the {other_kind} at {other.path}:{other.line}",
                )
            )
            return False
        self.first[id_] = (kind, span)
        return True
