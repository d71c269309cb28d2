"""HTML parts of pages (render/islands.py): lifted out of Markdown and put back unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from argkb.load import load_kb
from argkb.render import RenderOptions, render_site
from argkb.render.islands import END, START, drop_in_islands, island, lift_islands
from argkb.render.split import split_pages

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "tables", "admonition", "toc"]


def _pages(**changes) -> dict[str, str]:
    options = RenderOptions(bibtex=(FIXTURE / "references.bib").read_text(encoding="utf-8"))
    return render_site(load_kb(FIXTURE), replace(options, **changes))


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text.split("---\n", 2)[2])


def _normal(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: s.__class__.__name__ == "Comment"):
        comment.extract()
    return " ".join(str(soup).split())


def test_an_island_holds_no_blank_line_and_nothing_is_an_empty_island() -> None:
    assert island("<ul>\n\n<li>a</li>\n  \n</ul>\n") == f"{START}\n<ul>\n<li>a</li>\n</ul>\n{END}"
    assert island("\n \n") == ""


def test_lifted_and_put_back_is_what_markdown_makes_of_the_page_itself() -> None:
    """Any Markdown engine reads an island as raw HTML; lifting only skips the work."""
    pages = _pages()
    lifted, blocks = lift_islands(pages)
    assert blocks and any(START in text for text in pages.values())
    for path, text in pages.items():
        assert START not in lifted[path]
        assert _normal(drop_in_islands(_convert(lifted[path]), blocks)) == _normal(_convert(text)), path


def test_a_placeholder_is_named_by_its_content() -> None:
    pages = _pages()
    lifted, _ = lift_islands(pages)
    changed = {**pages, "claims/power-matters.md": pages["claims/power-matters.md"].replace("States", "Realm")}
    again, _ = lift_islands(changed)
    assert again["claims/power-matters.md"] != lifted["claims/power-matters.md"]
    assert again["claims/trust-is-scarce.md"] == lifted["claims/trust-is-scarce.md"]


def test_a_page_is_never_split_inside_an_island() -> None:
    lines = "\n".join(f'<div class="argkb-x">{n}</div>' for n in range(200))
    page = f'---\ntitle: "p"\n---\n\n# p\n\n## a\n\n{island(lines)}\n\n## b\n\nend\n'
    parts = split_pages({"p.md": page}, ["p.md"], 1000)
    assert len(parts) > 1  # split, though not at the 200 block starts in the island
    holding = [text for text in parts.values() if START in text]
    assert len(holding) == 1 and holding[0].count('<div class="argkb-x">') == 200 and END in holding[0]


def test_links_in_islands_follow_use_directory_urls() -> None:
    soup = BeautifulSoup(_convert(_pages(use_directory_urls=False)["claims/trust-is-scarce.md"]), "html.parser")
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"power-matters.html", "../references/morgenthau1948politics.html", "../paper.html#p2-1"} <= links
    assert not [link for link in links if link.endswith("/") or "/#" in link]
