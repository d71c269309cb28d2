"""`argkb diff`: what a change did to the argument, not to the YAML.

`model.compare` (two KnowledgeBase objects -> an ArgumentDiff) is pure; `revision` materialises a
git revision to load it; `report` writes the diff as text, JSON or Markdown.
"""

from __future__ import annotations

from argkb.diff.model import ArgumentDiff, compare

__all__ = ["ArgumentDiff", "compare"]
