"""`argkb diff`: crafted pairs of knowledge bases, and real revisions of this repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from argkb.diff import ArgumentDiff, compare
from argkb.diff.report import Sides, as_markdown
from argkb.load import load_kb
from conftest import FIXTURES, REPO, run_argkb

INTRO, TRUST = "claims/01-intro.yaml", "claims/02-trust.yaml"


def _claims(doc: dict) -> dict[str, dict]:
    return {claim["id"]: claim for sub in doc["subsections"] for claim in sub["claims"]}


def _edit(root: Path, rel: str, change: Callable[[dict], None]) -> None:
    """Edit a section file as data (the YAML loses its comments, which nothing reads)."""
    doc = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    change(doc)
    (root / rel).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _pair(tmp_path: Path, *edits: tuple[str, Callable[[dict], None]]) -> ArgumentDiff:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FIXTURES / "valid", base)
    shutil.copytree(FIXTURES / "valid", head)
    for rel, change in edits:
        _edit(head, rel, change)
    return compare(load_kb(base), load_kb(head))


def test_no_change_is_an_empty_diff(tmp_path: Path) -> None:
    diff = _pair(tmp_path)
    assert diff.empty
    assert "no change to the argument" in as_markdown(diff, Sides("a", "b"))


def test_a_renamed_claim_is_a_rename_with_the_aliases_hint(tmp_path: Path) -> None:
    def rename(doc: dict) -> None:
        claims = _claims(doc)
        claims["trust-can-grow"]["id"] = "trust-may-grow"
        supports = claims["trust-is-scarce"]["supports"]
        supports[supports.index("trust-can-grow")] = "trust-may-grow"  # its links follow the rename

    diff = _pair(tmp_path, (TRUST, rename))
    assert [(c.id, c.status, c.old_id) for c in diff.claims] == [("trust-may-grow", "renamed", "trust-can-grow")]
    assert "aliases: [trust-can-grow]" in diff.claims[0].hint
    # its relations are the same ones under the new name: no relation was added or removed
    assert diff.relations == []
    markdown = as_markdown(diff, Sides("a", "b"))
    assert "[!WARNING]" in markdown and "trust&#45;can&#45;grow" in markdown


def test_a_rename_that_keeps_the_old_id_as_an_alias_breaks_no_link(tmp_path: Path) -> None:
    def rename(doc: dict) -> None:
        claims = _claims(doc)
        claims["trust-can-grow"].update(id="trust-may-grow", aliases=["trust-can-grow"])
        supports = claims["trust-is-scarce"]["supports"]
        supports[supports.index("trust-can-grow")] = "trust-may-grow"

    diff = _pair(tmp_path, (TRUST, rename))
    [change] = diff.claims
    assert (change.status, change.old_id) == ("renamed", "trust-can-grow")
    assert "redirects" in change.hint
    assert [c.name for c in change.fields] == ["aliases"]
    assert not [c for c in diff.checks if c.status == "new"]
    assert "[!WARNING]" not in as_markdown(diff, Sides("a", "b"))


def test_a_changed_relation_between_the_same_pair_is_a_retype(tmp_path: Path) -> None:
    def retype(doc: dict) -> None:
        claim = _claims(doc)["trust-is-scarce"]
        claim["qualifies"] = claim.pop("opposes")

    diff = _pair(tmp_path, (TRUST, retype))
    assert [(r.source, r.target, r.kind, r.before, r.after) for r in diff.relations] == [
        ("trust-is-scarce", "power-matters", "retyped", "opposes", "qualifies")
    ]
    change = diff.claim("trust-is-scarce")
    assert change is not None and change.status == "changed"
    assert change.before is not None and change.after is not None
    supports = change.before.outgoing["supports"]
    assert change.before.outgoing == {"supports": supports, "opposes": ["power-matters"]}
    assert change.after.outgoing == {"supports": supports, "qualifies": ["power-matters"]}
    # the target's neighbourhood is what it is now
    assert diff.claim("power-matters") is None


def test_a_quote_no_longer_verbatim_is_flagged_and_its_check_newly_fails(tmp_path: Path) -> None:
    def requote(doc: dict) -> None:
        _claims(doc)["main-thesis"]["quotes"] = ["AI changes how the two great states deal with each other."]

    diff = _pair(tmp_path, (INTRO, requote))
    change = diff.claim("main-thesis")
    assert change is not None
    [quote] = change.quotes
    assert quote.before == "AI changes how the two states deal with each other."
    assert quote.verbatim is False
    new = [(c.diagnostic.code, c.diagnostic.span.path) for c in diff.checks if c.status == "new"]
    assert ("quote-not-found", INTRO) in new
    # and the reverse change fixes that finding
    reverse = compare(load_kb(tmp_path / "head"), load_kb(tmp_path / "base"))
    assert ("fixed", "quote-not-found") in [(c.status, c.diagnostic.code) for c in reverse.checks]
    assert reverse.claim("main-thesis").quotes[0].verbatim is True  # type: ignore[union-attr]


def test_a_symmetric_relation_written_from_the_other_side_is_the_same_edge(tmp_path: Path) -> None:
    def contrast(doc: dict) -> None:
        _claims(doc)["power-matters"]["contrasts"] = ["trust-is-scarce"]

    def drop_opposes(doc: dict) -> None:
        del _claims(doc)["trust-is-scarce"]["opposes"]

    diff = _pair(tmp_path, (INTRO, contrast), (TRUST, drop_opposes))
    # `trust-is-scarce opposes power-matters` became `power-matters contrasts trust-is-scarce`: a retype
    assert [(r.source, r.target, r.kind, r.before, r.after) for r in diff.relations] == [
        ("trust-is-scarce", "power-matters", "retyped", "opposes", "contrasts")
    ]


def test_rewording_moving_citing_and_records(tmp_path: Path) -> None:
    def reword_and_move(doc: dict) -> None:
        intro_claims = doc["subsections"][1]["claims"]
        moved = next(c for c in intro_claims if c["id"] == "power-matters")
        intro_claims.remove(moved)
        moved["text"] = "States above all seek power."
        moved["cites"] = []
        moved["note"] = "The paper cites Morgenthau here; kept off for the test."
        (tmp_path / "moved.json").write_text(json.dumps(moved))

    def receive(doc: dict) -> None:
        doc["subsections"][0]["claims"].append(json.loads((tmp_path / "moved.json").read_text()))

    def recast_concept(doc: dict) -> None:
        doc["concepts"][0]["definition"] = "A changed definition."

    diff = _pair(tmp_path, (INTRO, reword_and_move), (TRUST, receive), ("claims/concepts.yaml", recast_concept))
    change = diff.claim("power-matters")
    assert change is not None and change.moved
    assert (change.text_before, change.text_after) == ("States seek power.", "States above all seek power.")
    assert (change.section_before, change.section_after) == ("intro", "trust-section")
    assert change.cites_removed == ["morgenthau1948politics"] and change.cites_added == []
    assert [f.name for f in change.fields] == ["section", "subsection", "note"]
    concept = next(r for r in diff.records if r.kind == "concept")
    assert concept.status == "changed" and [f.name for f in concept.fields] == ["definition"]


def test_added_and_removed_claims_with_their_neighbourhoods(tmp_path: Path) -> None:
    def add_and_remove(doc: dict) -> None:
        claims = doc["subsections"][0]["claims"]
        claims[:] = [c for c in claims if c["id"] != "trust-can-grow"]
        claims.append(
            {
                "id": "rivals-distrust",
                "kind": "claim",
                "text": "Rivals distrust each other.",
                "quotes": ["Trust between rivals is scarce"],
                "supports": ["trust-is-scarce"],
            }
        )

    diff = _pair(tmp_path, (TRUST, add_and_remove))
    statuses = {c.id: c.status for c in diff.claims}
    # no quote of the removed claim reappears, so this is no rename
    assert statuses == {"rivals-distrust": "added", "trust-can-grow": "removed"}
    added = diff.claim("rivals-distrust")
    assert added is not None and added.after is not None
    assert added.after.outgoing == {"supports": ["trust-is-scarce"]}
    kinds = {(r.source, r.target): r.kind for r in diff.relations}
    assert kinds[("rivals-distrust", "trust-is-scarce")] == "added"


def test_markdown_escapes_hostile_text_and_draws_a_safe_map(tmp_path: Path) -> None:
    hostile = 'Trust <script>alert(1)</script> [x](javascript:alert(1)) `code` %%{init}%% "q"'

    def reword(doc: dict) -> None:
        _claims(doc)["trust-is-scarce"]["text"] = hostile

    diff = _pair(tmp_path, (TRUST, reword))
    markdown = as_markdown(diff, Sides("base", "head", "https://example.org/argkb/"))
    assert "<script>" not in markdown and "javascript:" not in markdown
    mermaid = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "flowchart" in mermaid and "%%{" not in mermaid and "<script" not in mermaid
    # GitHub renders the summary as Markdown; as HTML, the link goes to the claim's page
    import markdown as md  # the Python-Markdown MkDocs installs

    soup = BeautifulSoup(md.markdown(markdown.split("```mermaid", 1)[0]), "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert "https://example.org/argkb/claims/trust-is-scarce/" in hrefs
    assert hostile.split(" [x]")[0] in soup.get_text()


def _have_revisions(*revisions: str) -> bool:
    return all(
        subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{r}^{{commit}}"], capture_output=True).returncode
        == 0
        for r in revisions
    )


# the commit that added the audit: it tagged claims with events and added events and verification
CONTENT, AUDIT = "9dc5615", "67714af"


@pytest.mark.skipif(not _have_revisions(CONTENT, AUDIT), reason="a shallow clone without the project's history")
def test_real_revisions_of_this_repository() -> None:
    result = run_argkb("diff", CONTENT, AUDIT, "--root", str(REPO), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    claims = {c["id"]: c for c in data["claims"]}
    assert {c["status"] for c in claims.values()} == {"changed"}
    apt10 = claims["apt10-ai-espionage-example"]
    assert apt10["fields"] == [{"name": "events", "before": [], "after": ["apt10-indictment"]}]
    assert apt10["after"]["outgoing"] == {"supports": ["pla-ai-cyber-warfare-and-espionage"]}
    assert data["relations"] == []
    added = {(r["kind"], r["id"]) for r in data["records"] if r["status"] == "added"}
    assert ("event", "obama-xi-cyber-agreement") in added and ("verification", "nye2004power") in added


# the referee pass of section 1: framing claims retyped to `addresses`, a claim merged into the thesis
REFEREE_1 = "ceb3e07"


@pytest.mark.skipif(not _have_revisions(REFEREE_1), reason="a shallow clone without the project's history")
def test_a_real_referee_pass_retypes_and_merges() -> None:
    result = run_argkb("diff", f"{REFEREE_1}^", REFEREE_1, "--root", str(REPO), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    claims = {c["id"]: c for c in data["claims"]}
    merged = claims["ai-creates-cooperation-and-conflict"]
    assert merged["status"] == "removed"
    assert merged["hint"].startswith("merged into 'ai-transforms-china-us-diplomacy'")
    thesis = claims["ai-transforms-china-us-diplomacy"]
    assert {"name": "aliases", "before": [], "after": ["ai-creates-cooperation-and-conflict"]} in thesis["fields"]
    [quote] = thesis["quotes"]
    assert quote["before"] == "" and quote["after"].startswith("This paper argues that") and quote["verbatim"]
    relations = {(r["source"], r["target"]): (r["kind"], r["before"], r["after"]) for r in data["relations"]}
    assert relations[("rq-how-ai-shapes-diplomacy", "ai-transforms-china-us-diplomacy")] == (
        "retyped",
        "supports",
        "addresses",
    )
    assert relations[("us-ai-preserves-technological-superiority", "china-ai-strategies-challenge-us")] == (
        "retyped",
        "opposes",
        "contrasts",
    )
    fixed = {c["diagnostic"]["code"] for c in data["checks"] if c["status"] == "fixed"}
    assert "framing-as-evidence" in fixed
    assert not [c for c in data["checks"] if c["status"] == "new"]


@pytest.mark.skipif(not _have_revisions(CONTENT), reason="a shallow clone without the project's history")
def test_markdown_against_the_working_tree_links_to_the_site() -> None:
    result = run_argkb("diff", CONTENT, "--root", str(REPO), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "→ working tree" in result.stdout
    assert "https://argkb.github.io/argkb/claims/apt10-ai-espionage-example/" in result.stdout


def test_working_tree_against_a_commit_and_bad_revisions(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", root)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    _edit(root, TRUST, lambda doc: _claims(doc)["trust-can-grow"].update(text="Trust may grow."))
    result = run_argkb("diff", "HEAD", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert 'reworded: "Trust could grow through agreements." -> "Trust may grow."' in result.stdout
    for bad in ("no-such-branch", "--output=/tmp/x"):
        result = run_argkb("diff", "--root", str(root), "--", bad)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


def test_a_head_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FIXTURES / "valid", base)
    shutil.copytree(FIXTURES / "valid", head)
    section = head / TRUST
    section.write_text(section.read_text(encoding="utf-8").replace("opposes: [power-matters]", "opposes: [x"))
    diff = compare(load_kb(base), load_kb(head))
    [(side, error)] = diff.unreadable
    assert (side, error.code, error.span.path) == ("head", "yaml-syntax", TRUST)
    assert {c.status for c in diff.claims if c.section_before == "trust-section"} == {"removed"}
    markdown = as_markdown(diff, Sides("a", "b", "https://example.org/", "https://ci.example.org/runs/1"))
    assert "[!CAUTION]" in markdown and "yaml&#45;syntax" in markdown
    assert "(https://ci.example.org/runs/1)" in markdown


def test_urls_for_the_markdown_must_be_http(tmp_path: Path) -> None:
    for bad in ("javascript:alert(1)", "https://x.org/a b", "//x.org/"):
        result = run_argkb("diff", "HEAD", "--root", str(REPO), "--site-url", bad)
        assert result.returncode == 2 and "not an http(s) URL" in result.stderr, result.stderr
