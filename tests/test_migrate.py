"""Schema 1 section files are still read (with a deprecation warning) and `argkb migrate` converts them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from argkb.checks import run_checks
from argkb.load import load_kb
from conftest import FIXTURES, run_argkb

V1_TRUST = """\
# yaml-language-server: $schema=../../../../scripts/argkb/schemas/section.schema.json
schema: 1
number: 2
id: trust-section
title: Trust
subsections:
  - id: s2-final-thoughts
    title: Final thoughts
    claims:
      - id: trust-is-scarce
        kind: claim
        text: Trust between rivals is scarce.
        quotes:
          - "Trust between rivals is scarce (Libicki, 2007; Morgenthau, 1948)."
        cites:
          - libicki2007conquest
          - key: morgenthau1948politics
            locator: p. 12
        supports: [main-thesis]
        opposes: [power-matters]  # kept: a person decides whether this is a contrast
        concepts: [trust]
        events: [test-agreement]
      - id: trust-can-grow
        kind: objective
        text: Trust could grow through agreements.
        quotes:
          - "Agreements could let trust grow."
        supports:
          - main-thesis
        concepts: [trust]
        events: [test-agreement]
        note: The test agreement covered trade secrets only, not trust in general.
"""


def _v1_root(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "claims" / "02-trust.yaml").write_text(V1_TRUST, encoding="utf-8")
    return root


def test_a_v1_file_is_read_with_a_deprecation_warning(tmp_path: Path) -> None:
    kb = load_kb(_v1_root(tmp_path))
    assert [c.id for c in kb.claims] == ["main-thesis", "power-matters", "trust-is-scarce", "trust-can-grow"]
    assert kb.claim_index()["trust-is-scarce"].targets("opposes") == ["power-matters"]
    warnings = [d for d in run_checks(kb) if d.code == "deprecated-schema"]
    assert [(d.severity, d.span.path, d.span.line) for d in warnings] == [("warning", "claims/02-trust.yaml", 2)]
    assert "argkb migrate --write" in str(warnings[0])


def test_migrate_shows_a_diff_and_writes_nothing_by_default(tmp_path: Path) -> None:
    root = _v1_root(tmp_path)
    result = run_argkb("migrate", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "-schema: 1\n+schema: 2" in result.stdout
    assert "+        addresses:\n" in result.stdout
    assert "review claims/02-trust.yaml:20: 'trust-is-scarce' opposes 'power-matters'" in result.stdout
    assert (root / "claims" / "02-trust.yaml").read_text(encoding="utf-8") == V1_TRUST


def test_migrate_write_converts_the_file_and_keeps_its_comments(tmp_path: Path) -> None:
    root = _v1_root(tmp_path)
    assert run_argkb("migrate", "--root", str(root), "--write").returncode == 0
    text = (root / "claims" / "02-trust.yaml").read_text(encoding="utf-8")
    assert text == V1_TRUST.replace("schema: 1", "schema: 2").replace(
        "        supports:\n          - main-thesis", "        addresses:\n          - main-thesis"
    )
    result = run_argkb("check", "--root", str(root), "--format", "json")
    assert result.returncode == 0, result.stdout
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "deprecated-schema" not in codes and "framing-as-evidence" not in codes
    again = run_argkb("migrate", "--root", str(root))
    assert "nothing to do" in again.stdout
