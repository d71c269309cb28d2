"""argument.argdown: what it says, and that the Argdown CLI parses and maps it without a warning."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argkb.export import export_files
from argkb.export.argdown import ARROWS, argdown
from argkb.load import load_kb
from conftest import FIXTURES, REPO

ARGDOWN_CLI = ("npx", "--yes", "--package", "@argdown/cli@1", "argdown")
ARGDOWN_TYPES = {"supports": "support", "opposes": "attack", "qualifies": "undercut"}


def test_every_claim_is_a_statement_with_its_relations() -> None:
    kb = load_kb(FIXTURES / "valid")
    text = argdown(kb, "https://example.org/kb/")
    for claim in kb.claims:
        assert f"[{claim.id}]: " in text
        assert f"(https://example.org/kb/claims/{claim.id}/)" in text
    assert "    +> [main-thesis]" in text
    assert "    -> [power-matters]" in text
    assert "    _> [trust-is-scarce]" in text
    assert "#(Trust)" in text
    assert text.startswith("===\n") and "# 1. Introduction" in text


def test_argdown_syntax_in_claim_text_is_escaped() -> None:
    kb = load_kb(FIXTURES / "valid")
    kb.claims[0].text = "A #tag, a [mention], <arg> and +> arrows"
    line = next(line for line in argdown(kb).splitlines() if line.startswith(f"[{kb.claims[0].id}]"))
    assert r"A \#tag, a \[mention\], \<arg\> and \+\> arrows" in line


def test_relations_argdown_cannot_draw_stay_as_data() -> None:
    kb = load_kb(FIXTURES / "valid")
    claims = kb.claim_index()
    claims["trust-is-scarce"].relations["contrasts"] = ["power-matters"]
    line = next(line for line in argdown(kb).splitlines() if line.startswith("[trust-is-scarce]"))
    assert line.endswith('{"kind": "claim", "contrasts": ["power-matters"]}')


def test_argdown_is_published_with_the_exports() -> None:
    assert "argument.argdown" in export_files(load_kb(FIXTURES / "valid"))


def _cli() -> None:
    if shutil.which("npx") is None:
        pytest.skip("npx (Node.js) is not installed: the Argdown CLI check needs it")


@pytest.mark.slow
def test_the_argdown_cli_parses_and_maps_the_real_argument(tmp_path: Path) -> None:
    _cli()
    kb = load_kb(REPO)
    source = tmp_path / "argument.argdown"
    source.write_text(argdown(kb, "https://example.org/"), encoding="utf-8")
    runs = []
    for command in ("json", "map"):
        result = subprocess.run(
            [*ARGDOWN_CLI, command, str(source), str(tmp_path / command), "--verbose"],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
        if result.returncode and "ENOTFOUND" in result.stderr + result.stdout:
            pytest.skip("the npm registry is out of reach: the Argdown CLI cannot be fetched")
        assert result.returncode == 0, result.stdout + result.stderr
        runs.append(result.stdout + result.stderr)
    for output in runs:
        assert "syntax error" not in output.lower() and "warning" not in output.lower(), output
    data = json.loads((tmp_path / "json" / "argument.json").read_text(encoding="utf-8"))
    assert set(data["statements"]) == {claim.id for claim in kb.claims}
    drawn = Counter(relation["relationType"] for relation in data["relations"])
    expected = Counter(
        ARGDOWN_TYPES[relation]
        for claim in kb.claims
        for relation in ARROWS
        for target in dict.fromkeys(claim.targets(relation))
        if target != claim.id
    )
    assert drawn == expected
    assert list((tmp_path / "map").iterdir()), "argdown map wrote no map"
