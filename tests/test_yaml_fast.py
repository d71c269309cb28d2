"""The fast paths of loading give exactly what the slow ones give.

The libyaml fast path gives exactly what the strict pure-Python parser gives.

Same data, same line and column of every node, same diagnostics, on the real claims, on every
invalid fixture and on mutated claims files; and the fast path really serves the real claims
(else these comparisons would test nothing). The schemas with their `$ref`s written out report
the same errors as the schemas as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argkb.checks import run_checks
from argkb.load import load_kb, schema, yaml_strict
from conftest import FIXTURES, REPO
from test_invalid_cases import CASES, materialise

pytestmark = pytest.mark.skipif(yaml_strict._FastLoader is None, reason="PyYAML is built without libyaml")

REAL_FILES = sorted((REPO / "claims").glob("*.yaml"))
FIXTURE_FILES = sorted(FIXTURES.rglob("*.yaml"))


def _outcome(raw: bytes, strict: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        if strict:
            patch.setattr(yaml_strict, "_FastLoader", None)
        try:
            doc = yaml_strict.parse_yaml(raw)
        except yaml_strict.YamlError as err:
            return ("error", err.code, err.message, err.line, err.col)
    return ("ok", doc.data, doc.positions)


def test_fast_path_serves_the_real_claims() -> None:
    for path in REAL_FILES:
        text = path.read_text(encoding="utf-8")
        assert not yaml_strict._SUSPECT.search(text), path
        yaml_strict._compose(yaml_strict._FastLoader(text))  # raises if the fast path refused it


@pytest.mark.parametrize("path", REAL_FILES + FIXTURE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_same_document_and_errors(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = path.read_bytes()
    assert _outcome(raw, False, monkeypatch) == _outcome(raw, True, monkeypatch)


def _report(root: Path) -> list[str]:
    kb = load_kb(root)
    return [str(d) for d in run_checks(kb)] + [repr(c) for c in kb.claims]


def test_same_model_and_diagnostics_on_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _report(REPO)
    monkeypatch.setattr(yaml_strict, "_FastLoader", None)
    assert _report(REPO) == fast


YAML_CASES = [c for c in CASES if any(p.suffix == ".yaml" for p in (c / "files").rglob("*"))]


@pytest.mark.parametrize("case", YAML_CASES, ids=[c.name for c in YAML_CASES])
def test_same_diagnostics_on_invalid_cases(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "kb"
    materialise(case, root)
    fast = _report(root)
    monkeypatch.setattr(yaml_strict, "_FastLoader", None)
    assert _report(root) == fast


# Where libyaml and PyYAML's parser disagree about flow collections (found by the test below).
FLOW_EDGE_CASES = [
    "x: [a?b]",
    "x: [a? b]",
    "x: [a ?b]",
    "x: {a?b: c}",
    "x: {a: b?c}",
    "x: [a,\n  b?c]",
    "x: [a\n  ?b]",
    "x: [a:,b]",
    "x: [a:[b]]",
    "x: [a:]",
    "x: [? a]",
    "x: ['a?b']",
    "x: a?b",
]


@pytest.mark.parametrize("text", FLOW_EDGE_CASES)
def test_same_result_on_flow_edge_cases(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _outcome(text.encode(), False, monkeypatch) == _outcome(text.encode(), True, monkeypatch)


_SAMPLE = (REPO / "claims" / "02-theoretical-framework.yaml").read_bytes()[:3000]
_SNIPPETS = [
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "\t",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "#",
    "\n",
    "  ",
    "|",
    ">",
    "%",
    "@",
    "`",
    "? ",
    "---\n",
    "\u2028",
    "\x85",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, len(_SAMPLE)), st.sampled_from(_SNIPPETS), st.booleans()), max_size=4))
def test_same_result_on_mutated_yaml(edits: list[tuple[int, str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _SAMPLE
    for at, snippet, delete in edits:
        raw = raw[:at] + (b"" if delete else snippet.encode()) + raw[at + (len(snippet) if delete else 0) :]
    assert _outcome(raw, False, monkeypatch) == _outcome(raw, True, monkeypatch)


def _schema_name(path: Path) -> str:
    return path.stem if path.stem in {"paper", "concepts", "events", "verification"} else "section"


KB_FILES = REAL_FILES + [p for p in FIXTURE_FILES if p.name != "expect.yaml"]


@pytest.mark.parametrize("path", KB_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_inlined_schema_reports_the_same_errors(path: Path) -> None:
    """Writing the `$ref`s out changes no diagnostic: same code, message and place."""
    try:
        doc = yaml_strict.parse_yaml(path.read_bytes())
    except yaml_strict.YamlError:
        return
    name = _schema_name(path)
    original = json.loads(Path(schema.schema_path(name)).read_text(encoding="utf-8"))
    plain = jsonschema.Draft202012Validator(original, format_checker=jsonschema.FormatChecker())
    inlined = schema._validator(name)
    assert "$ref" not in json.dumps({k: v for k, v in inlined.schema.items() if k != "$defs"})

    def described(validator: jsonschema.Draft202012Validator) -> list:
        return sorted(map(repr, (schema._describe(e) for e in validator.iter_errors(doc.data))))

    assert described(inlined) == described(plain)
