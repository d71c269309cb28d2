"""What the renderer needs to know about the site it renders for (no MkDocs types)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    use_directory_urls: bool = True
    """As in mkdocs.yml: decides the URLs written into Mermaid `click` lines."""
    edit_url_base: str = ""
    """Prefix that a repository-relative path is appended to for "Edit" links
    (e.g. 'https://github.com/argkb/argkb/edit/main/'); '' for no edit links."""
    bibtex: str = ""
    """The text of references.bib; entries are formatted from it exactly as mkdocs-bibtex does."""
    site_url: str = ""
    """As in mkdocs.yml: the absolute address of the site, for URLs in JSON-LD ('' for none)."""
    page_bytes: int = 40_000
    """Generated pages whose Markdown is longer are split into parts (render/split.py): about
    100 KB of built HTML, Material's frame included."""
