"""Build a site with MkDocs and read its HTML: shared by the site tests (fixture and real repo)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from argkb.model import KnowledgeBase

# files MkDocs stamps with the build date; everything else must be byte-identical between builds
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def build(root: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the mkdocs.yml in `root`, as CI runs it.

    Not `-q`: MkDocs drops warnings below the quiet level before counting them, so
    `build -q --strict` passes whatever is logged.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *(["--strict"] if strict else []),
            "-d",
            str(site_dir),
            "-f",
            str(root / "mkdocs.yml"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


@lru_cache(maxsize=4096)
def page(site: Path, url_path: str) -> BeautifulSoup:
    """The built page at a site-relative URL like 'claims/x/' (parsed once; do not modify it)."""
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def resolve(site: Path, from_url: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative href of the page at `from_url` points to."""
    target = urlsplit(urljoin("http://site/" + from_url, href))
    path = target.path.lstrip("/")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return file, target.fragment


def local_targets(site: Path, from_url: str, soup: BeautifulSoup, selector: str) -> set[str]:
    """Site-relative URL paths of the in-site links matched by `selector`."""
    found = set()
    for link in soup.select(selector):
        file, _ = resolve(site, from_url, link["href"])
        found.add(file.parent.relative_to(site).as_posix() + "/")
    return found


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def foreign_resources(site: Path) -> list[str]:
    """Every src/href of script, link, img, iframe, source, audio, video, embed, object that
    leaves the site (an absolute URL or a protocol-relative one)."""
    found = []
    for file in html_pages(site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe", "source", "audio", "video", "embed", "object"]):
            for attribute in ("src", "href", "data", "srcset"):
                value = tag.get(attribute)
                if not value:
                    continue
                if tag.name == "link" and tag.get("rel") and set(tag["rel"]) & {"canonical", "alternate", "edit"}:
                    continue  # not fetched by the browser
                if urlsplit(value).scheme or value.startswith("//"):
                    found.append(f"{file.relative_to(site)}: <{tag.name} {attribute}={value!r}>")
    return found


def claim_problems(site: Path, kb: KnowledgeBase) -> list[str]:
    """Every claim has a page; every relation link resolves, and shows up on the other side."""
    problems = []
    claims = kb.claim_index()
    for claim in claims.values():
        url = f"claims/{claim.id}/"
        if not (site / url / "index.html").is_file():
            problems.append(f"no page for claim {claim.id}")
            continue
        soup = article(page(site, url))
        for relation in ("supports", "opposes", "qualifies", "restates"):
            forward = local_targets(site, url, soup, f"h3#{relation} + ul a")
            expected = {f"claims/{target}/" for target in claim.targets(relation) if target in claims}
            if forward != expected:
                problems.append(f"{claim.id}: '{relation}' links {sorted(forward)} != {sorted(expected)}")
            for target in expected:
                reverse_id = {
                    "supports": "supported-by",
                    "opposes": "opposed-by",
                    "qualifies": "qualified-by",
                }.get(relation, "restated-by")
                back = local_targets(site, target, article(page(site, target)), f"h3#{reverse_id} + ul a")
                if url not in back:
                    problems.append(f"{target} does not link back to {claim.id} under '{reverse_id}'")
    return problems


def reference_problems(site: Path, kb: KnowledgeBase) -> list[str]:
    """Each reference page lists exactly the claims citing it; the bibliography lists each work once."""
    problems = []
    for ref in kb.references:
        url = f"references/{ref.key}/"
        if not (site / url / "index.html").is_file():
            problems.append(f"no page for reference {ref.key}")
            continue
        soup = article(page(site, url))
        listed = local_targets(site, url, soup, "h2#cited-by ~ ul a[href*='claims/']")
        citing = {f"claims/{c.id}/" for c in kb.claims if any(cite.key == ref.key for cite in c.cites)}
        if listed != citing:
            problems.append(f"{ref.key}: lists {sorted(listed)}, cited by {sorted(citing)}")
    bibliography = article(page(site, "bibliography/"))
    works = [div["id"] for div in bibliography.select("div.argkb-work")]
    if sorted(works) != sorted(ref.key for ref in kb.references) or len(works) != len(set(works)):
        problems.append(f"bibliography lists {works}")
    for div in bibliography.select("div.argkb-work"):
        if len(div.select("a[href$='references/" + div["id"] + "/']")) != 1:
            problems.append(f"bibliography entry {div['id']} does not link to its reference page once")
    return problems


def anchor_ids(site: Path, url: str) -> list[str]:
    return [tag["id"] for tag in page(site, url).find_all(id=True)]


def tree_bytes(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name not in STAMPED
    }


def build_in_process(root: Path, site: Path) -> dict[str, bytes]:
    """MkDocs' build of `root` in this process, as `mkdocs serve` runs it (what a module keeps
    between builds carries over); the bytes of each HTML page but the stamped ones."""
    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    return {path: data for path, data in tree_bytes(site).items() if path.endswith(".html")}


def parts(site: Path, url_path: str) -> list[str]:
    """The URLs of a page and of its further parts ('paper/', 'paper--2/', …; render/split.py)."""
    found, number = [url_path], 2
    while (site / f"{url_path.rstrip('/')}--{number}" / "index.html").is_file():
        found.append(f"{url_path.rstrip('/')}--{number}/")
        number += 1
    return found
