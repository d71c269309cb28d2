"""HTML a page writes itself, kept away from Markdown: an island.

Python-Markdown costs about 3 ms per claim page, nearly all of it running its ~25 inline
patterns over every text node of lists and paragraphs that argkb has already escaped and linked:
its output is the HTML the template could have written. So templates write such parts as HTML,
between the markers below (`{% filter island %}` in a template), and only headings (the table of
contents and permalinks), admonitions and hand-written text stay Markdown.

The markers are HTML comments and an island holds no blank line, so the page is still correct
Markdown for any engine (raw HTML blocks). For MkDocs, `lift_islands` takes each island out,
leaving a placeholder named by its content (a page's Markdown changes exactly when an island does,
which the Markdown cache of `mkdocs serve` relies on), and `drop_in_islands` puts it into the
converted page before the search plugin reads it. Links in an island are built URLs
(`Here.url`): MkDocs neither rewrites nor checks them, the site's link check does.
"""

from __future__ import annotations

import re

from argkb.render.lifting import drop_in, lift

START = "<!--argkb-html-->"
END = "<!--/argkb-html-->"
_ISLAND = re.compile(re.escape(START) + r"\n(.*?)\n" + re.escape(END), re.S)
_BLANK_LINES = re.compile(r"\n\s*\n")


def island(html: str) -> str:
    """`html` as an island (blank lines dropped: a raw HTML block ends at one)."""
    body = _BLANK_LINES.sub("\n", html.strip("\n"))
    return f"{START}\n{body}\n{END}" if body.strip() else ""


def lift_islands(site: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each page with its islands replaced by placeholders, and {placeholder key: HTML}."""
    return lift(site, _ISLAND, "island", group=1)


def drop_in_islands(html: str, blocks: dict[str, str]) -> str:
    """A converted page with its lifted islands back in their places."""
    return drop_in(html, blocks, "island")
