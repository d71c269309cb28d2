"""Parts of a generated page that Markdown must not touch, taken out and put back later.

`lift` replaces each match of a pattern with an HTML comment naming the kind of part and a hash
of its content (so a page's Markdown changes exactly when one of its parts does, which the
Markdown cache of `mkdocs serve` relies on); `drop_in` puts the parts back into the HTML once
Markdown is done. Maps (map_blocks) and islands of HTML (islands) are lifted this way.
"""

from __future__ import annotations

import hashlib
import re


def lift(
    site: dict[str, str], pattern: re.Pattern[str], kind: str, group: int = 0
) -> tuple[dict[str, str], dict[str, str]]:
    """Each page with every match of `pattern` (its `group`, kept) replaced by a placeholder,
    and {hash: the kept text}."""
    blocks: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        key = hashlib.blake2b(match[group].encode(), digest_size=16).hexdigest()
        blocks[key] = match[group]
        return f"<!--argkb-{kind}:{key}-->"

    return {path: pattern.sub(placeholder, text) for path, text in site.items()}, blocks


def drop_in(html: str, blocks: dict[str, str], kind: str) -> str:
    """`html` with the placeholders of `kind` replaced by their lifted text."""
    return re.sub(rf"<!--argkb-{kind}:([0-9a-f]{{32}})-->", lambda m: blocks.get(m[1], m[0]), html)
