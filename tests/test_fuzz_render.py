"""Property-based fuzzing of the renderer: any text an editor can type renders inert.

Random Unicode (and hostile fragments mixed into it) goes into every free-text field of a
claim and a concept; the rendered Markdown, converted with the site's Markdown extensions,
must contain no live script, event handler or javascript:/data: URL, and the Mermaid maps no
line an attacker wrote.
"""

from __future__ import annotations

import copy
import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.load import load_kb
from argkb.render import RenderOptions, render_site
from conftest import FIXTURES

FIXTURE = FIXTURES / "valid"
BASE_KB = load_kb(FIXTURE)
OPTIONS = RenderOptions(bibtex=(FIXTURE / "references.bib").read_text(encoding="utf-8"))
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](data:text/html,hi)",
    "<a href='javascript:alert(1)'>a</a>",
    '"]\nclick n0 call alert(1)\n',
    "```\nunclosed",
    "[@libicki2007conquest]",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "<div onclick=x()>",
    "{: onclick=alert(1) }",
    "<!-- -->",
    "*[HTML]: x",
    "[^1]: footnote",
]
hostile_text = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)), min_size=1, max_size=6).map(
    "".join
)
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "tables", "admonition", "toc", "abbr"]


def _live_problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = [f"<script>: {s}"[:120] for s in soup.find_all("script")]
    for tag in soup.find_all(True):
        problems += [f"{tag.name}[{k}]" for k in tag.attrs if k.lower().startswith("on")]
        for attribute in ("href", "src", "action", "formaction"):
            value = re.sub(r"\s", "", str(tag.get(attribute, ""))).lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"{tag.name}[{attribute}]={value[:40]}")
    problems += [f"<{name}>" for name in ("iframe", "object", "embed", "form") if soup.find(name)]
    return problems


@settings(max_examples=120, deadline=None)
@given(text=hostile_text, note=hostile_text, quote_extra=hostile_text, concept_name=hostile_text)
def test_any_claim_text_renders_inert(text: str, note: str, quote_extra: str, concept_name: str) -> None:
    kb = copy.deepcopy(BASE_KB)
    claim = next(c for c in kb.claims if c.id == "trust-can-grow")
    claim.text, claim.note = text, note
    claim.quotes = [claim.quotes[0] + quote_extra]
    kb.concepts[0].name = concept_name
    pages = render_site(kb, OPTIONS)
    for path, page in pages.items():
        body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
        html = markdown.Markdown(extensions=EXTENSIONS).convert(body)
        assert _live_problems(html) == [], path
        for fence in re.findall(r"```mermaid\n(.*?)```", body, re.DOTALL):
            for line in fence.splitlines():
                assert not re.match(r"\s*(click\s+\S+\s+call|%%\{)", line), (path, line)
