"""What a reader sees on the generated pages (issue 13): the thesis tree of the Argument page, trust
beside every cited work, uncluttered claim pages, the linked annotated paper, the concepts index.

Pages are rendered without MkDocs and parsed as HTML; synthetic knowledge bases built in code try
the tree on sharing, cycles and deep chains, with the relation names of the vocabulary.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from argkb.load import load_kb
from argkb.model import Claim, KnowledgeBase, Section, Subsection, Verification
from argkb.render import RenderOptions, pages, render_site
from argkb.render.tree import TREE_BUDGET, rows, thesis_tree

FIXTURE = Path(__file__).parent / "fixtures" / "valid"


def as_html(text: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "tables", "admonition", "toc"])
    return BeautifulSoup(md.convert(text.split("---\n", 2)[2]), "html.parser")


def claim(cid: str, kind: str = "claim", section: str = "s1", **relations: list[str]) -> Claim:
    return Claim(cid, kind, f"Text of {cid}.", [], section, f"{section}-sub", relations=dict(relations))


def kb_of(*claims: Claim) -> KnowledgeBase:
    """A knowledge base of the claims, in two sections by their section ids."""
    sections = []
    for number, sid in enumerate(dict.fromkeys(c.section_id for c in claims), start=1):
        sub = Subsection(f"{sid}-sub", f"Sub {sid}", sid, [c for c in claims if c.section_id == sid])
        sections.append(Section(number, sid, f"Section {sid}", [sub]))
    return KnowledgeBase("/nowhere", None, sections, [], [], None)


def argument(kb: KnowledgeBase) -> BeautifulSoup:
    return as_html(render_site(kb, RenderOptions())["argument.md"])


def branch(soup: BeautifulSoup, cid: str):
    return soup.find("li", id=f"tree-{cid}")


# --- the thesis tree ---------------------------------------------------------------------------


@pytest.fixture
def debate() -> KnowledgeBase:
    """t <- a, b (reasons); c supports a and b (shared); d and c support each other (a cycle);
    o opposes a; q qualifies b; k contrasts a; r (the research question) addresses t; x is alone."""
    return kb_of(
        claim("t", "thesis"),
        claim("r", "research-question", addresses=["t"]),
        claim("a", supports=["t"]),
        claim("b", supports=["t"]),
        claim("c", "premise", section="s2", supports=["a", "b", "d"]),
        claim("d", section="s2", supports=["c"]),
        claim("o", section="s2", opposes=["a"]),
        claim("q", qualifies=["b"]),
        claim("k", contrasts=["a"]),
        claim("x"),
    )


def test_tree_nests_reasons_and_puts_challenges_beside_the_claim(debate) -> None:
    soup = argument(debate)
    root = branch(soup, "t")
    assert root.find("details").has_attr("open")  # the thesis is open; its reasons are collapsed
    assert [li["id"] for li in root.select(":scope > details > ul > li")] == ["tree-a", "tree-b"]
    a = branch(soup, "a")
    assert not a.find("details").has_attr("open")
    # the objection is listed first under the claim it bears on, labelled as such
    children = a.select(":scope > details > ul > li")
    assert [c.select_one(".argkb-rel").get_text() for c in children] == ["Objection", "Reason"]
    assert "argkb-branch--opposes" in children[0]["class"]
    q = branch(soup, "q")
    assert "argkb-branch--qualifies" in q["class"] and q.find_parent("li") is branch(soup, "b")
    # the section each claim comes from, and a count of what lies beneath a collapsed branch
    assert "§2 Section s2" in branch(soup, "o").get_text()
    summary = a.find("summary").get_text(" ", strip=True)
    assert "1 reason, 1 objection" in summary and "3 below" in summary
    assert "contrasts with" in a.select_one(".argkb-tree-meta").get_text()


def test_a_shared_claim_is_shown_once_and_linked_elsewhere(debate) -> None:
    soup = argument(debate)
    assert len(soup.find_all(id="tree-c")) == 1
    links = [a for a in soup.select("a.argkb-tree-see") if a["href"] == "#tree-c"]
    # under b (c is in full under a, above) and under d: the cycle c <-> d ends in a link back up
    assert [a.find_parent("li", id=True)["id"] for a in links] == ["tree-d", "tree-b"]
    assert {a.get_text() for a in links} == {"see above"}
    assert branch(soup, "d").find_parent("li") is branch(soup, "c")


def test_framing_stands_apart_and_lone_claims_are_listed(debate) -> None:
    soup = argument(debate)
    assert branch(soup, "r") is None  # framing is not a reason
    framing = soup.find(id="framing").find_next("ul")
    assert "claims/r.md" in {a["href"] for a in framing.find_all("a")}
    assert "claims/t.md" in {a["href"] for a in framing.find_all("a")}  # what it addresses
    outside = soup.find(id="outside").find_next("ul")
    # k only contrasts with a claim of the tree (shown beside it), so it leads to the thesis by no chain
    assert [li.find("a")["href"] for li in outside.find_all("li")] == ["claims/k.md", "claims/x.md"]
    assert "(contrasts" in outside.find("li").get_text()


def test_past_a_bound_the_claims_outside_the_tree_are_counted(debate, monkeypatch) -> None:
    monkeypatch.setattr(pages, "OUTSIDE_SHOWN", 1)
    soup = argument(debate)
    outside = soup.find(id="outside").find_next("ul")
    assert [li.find("a")["href"] for li in outside.find_all("li")] == ["claims/k.md"]
    assert "…and 1 more claim outside the tree;" in outside.find_next("p").get_text()


def test_tree_of_a_dense_graph_grows_with_its_relations_not_its_paths() -> None:
    # 40 layers of 3 claims, each supporting all 3 of the layer above: 3^40 paths to the thesis
    claims = [claim("t", "thesis")]
    above = ["t"]
    for layer in range(40):
        ids = [f"l{layer}-{n}" for n in range(3)]
        claims += [claim(i, supports=above) for i in ids]
        above = ids
    tree = thesis_tree(claims, claims[0], budget=len(claims))
    relations = sum(len(c.targets("supports")) for c in claims)
    assert tree.size == len(claims)
    assert sum(1 for kind, b in rows(tree.root) if kind != "close") == relations + 1
    # the page shows the claims nearest the thesis, within its budget, and no branch twice
    soup = argument(kb_of(*claims))
    assert len(soup.select("ul.argkb-tree li[id]")) == TREE_BUDGET


def test_a_long_chain_renders_without_recursion_limits() -> None:
    claims = [claim("t", "thesis")] + [claim(f"c{n}", supports=[f"c{n - 1}" if n else "t"]) for n in range(3000)]
    tree = thesis_tree(claims, claims[0], budget=len(claims))
    assert tree.size == 3001 and tree.root.beneath == 3000
    assert sum(kind == "open" for kind, _ in rows(tree.root)) == 3000  # every claim but the last
    page = render_site(kb_of(*claims), RenderOptions())["argument.md"]
    # the page stops at its budget: the last claim shown says what lies beneath, on its own page
    assert page.count("<details") == TREE_BUDGET - 1
    assert f"{3001 - TREE_BUDGET} more beneath, on its page" in page


def test_no_thesis_no_tree() -> None:
    soup = argument(kb_of(claim("a"), claim("b", supports=["a"])))
    assert soup.select("ul.argkb-tree") == [] and "No claim is marked as the thesis" in soup.get_text()


def test_tree_text_is_escaped(debate) -> None:
    debate.claim_index()["a"].text = '<script>alert(1)</script> "x" [@key]'
    soup = argument(debate)
    assert soup.find("script") is None
    assert '<script>alert(1)</script> "x" [@key]' in branch(soup, "a").find("summary").get_text()


# --- trust beside each work, anachronisms on the claim page ------------------------------------


@pytest.fixture
def kb() -> KnowledgeBase:
    return load_kb(FIXTURE)


@pytest.fixture
def options() -> RenderOptions:
    return RenderOptions(bibtex=(FIXTURE / "references.bib").read_text(encoding="utf-8"))


def test_each_citation_shows_its_verification_status(kb, options) -> None:
    page = as_html(render_site(kb, options)["claims/trust-is-scarce.md"])
    assert len(page.select("div.argkb-sources > ul > li")) == 2  # one item per work
    badges = {a.get_text(): a["href"] for a in page.select("div.argkb-sources a.argkb-status")}
    assert badges["verified"] == "../../audit/#verification-libicki2007conquest"
    assert badges["partly verified"] == "../../audit/#verification-morgenthau1948politics"


def test_an_unverified_work_is_marked_everywhere_with_its_doi_unconfirmed(kb, options) -> None:
    kb.reference_index()["libicki2007conquest"].fields["doi"] = "10.1000/conquest"
    kb.verifications[0] = Verification("libicki2007conquest", "unverified", "No record found.")
    pages = render_site(kb, options)
    claim_page = as_html(pages["claims/trust-is-scarce.md"])
    badge = claim_page.select_one("div.argkb-sources a.argkb-status--unverified")
    assert badge.get_text() == "unverified" and badge["href"].endswith("#verification-libicki2007conquest")
    reference = as_html(pages["references/libicki2007conquest.md"])
    assert reference.select_one("a.argkb-status--unverified") is not None
    doi_line = reference.find("a", href="https://doi.org/10.1000/conquest").parent
    assert "unconfirmed" in doi_line.get_text()
    work = as_html(pages["bibliography.md"]).find(id="libicki2007conquest")
    assert work.select_one("a.argkb-status--unverified") is not None
    assert as_html(pages["references/morgenthau1948politics.md"]).select_one(".argkb-unconfirmed") is None


def test_the_audit_page_has_the_anchors_the_badges_point_at(kb, options) -> None:
    audit = as_html(render_site(kb, options)["audit.md"])
    assert audit.find(id="verification-libicki2007conquest") is not None
    assert audit.find(id="verification-morgenthau1948politics") is not None


def test_anachronistic_citations_are_flagged_on_the_claim_page(kb, options) -> None:
    pages = render_site(kb, options)
    page = as_html(pages["claims/trust-is-scarce.md"])
    flags = page.select("div.argkb-sources a.argkb-status--anachronism")
    assert len(flags) == 2 and {a["href"] for a in flags} == {"#anachronisms"}
    warning = page.find(id="anachronisms")
    assert "Libicki 2007" in warning.get_text() and "25 September 2015" in warning.get_text()
    assert as_html(pages["claims/power-matters.md"]).find(id="anachronisms") is None


# --- claim pages without clutter ---------------------------------------------------------------


def test_one_concepts_list_of_links_to_concept_pages(kb, options) -> None:
    page = as_html(render_site(kb, options)["claims/trust-is-scarce.md"])
    assert [(a.get_text(), a["href"]) for a in page.select("a.md-tag")] == [("Trust", "../../concepts/trust/")]
    assert page.find(id="concepts") is None  # no second list at the bottom


def test_quotes_name_their_paragraph_in_words(kb, options) -> None:
    page = as_html(render_site(kb, options)["claims/trust-is-scarce.md"])
    link = page.find("a", href="../../paper/#p2-1")
    assert link.get_text() == "§2, paragraph 1"


def test_claim_ids_in_notes_become_links_and_the_rest_stays_text(kb, options) -> None:
    kb.claim_index()["trust-is-scarce"].note = "Compare power-matters and no-such-claim <b>x</b> [y](javascript:z)."
    page = as_html(render_site(kb, options)["claims/trust-is-scarce.md"])
    note = page.select_one("div.admonition.note")
    links = note.find_all("a")
    assert [(a["href"], a["title"]) for a in links] == [("../power-matters/", "power-matters")]
    assert links[0].get_text() == "States seek power."
    assert "no-such-claim <b>x</b> [y](javascript:z)" in note.get_text() and note.find("b") is None


# --- the annotated paper, the concepts index ---------------------------------------------------


def test_paper_links_in_text_citations_and_printed_references(kb, options) -> None:
    paper = as_html(render_site(kb, options)["paper.md"])
    cited = [(a.get_text(), a["href"]) for a in paper.find(id="p2-1").find_all("a") if "references/" in a["href"]]
    assert cited == [
        ("Libicki, 2007", "references/libicki2007conquest.md"),
        ("Morgenthau, 1948", "references/morgenthau1948politics.md"),
    ]
    printed = paper.find(id="references").find_next("ul").find_all("a")
    assert [a["href"] for a in printed] == ["references/libicki2007conquest.md", "references/morgenthau1948politics.md"]
    assert printed[0].get_text().startswith("Libicki, M. C. (2007).")


def test_concepts_index_gives_definitions_and_counts_not_claims(kb, options) -> None:
    index = as_html(render_site(kb, options)["concepts/index.md"])
    items = index.select("div.argkb-concepts-index > ul > li")
    assert len(items) == len(kb.concepts)
    assert not [a for a in index.find_all("a") if "claims/" in a["href"]]
    trust = next(li for li in items if li.find("a").get_text() == "Trust")
    concept = next(c for c in kb.concepts if c.name == "Trust")
    assert "· 2 claims" in trust.get_text() and concept.definition in trust.get_text()
