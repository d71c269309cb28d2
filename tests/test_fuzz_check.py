"""Property-based fuzzing: mutated claim files yield diagnostics, never an uncaught exception."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argkb.checks import run_checks
from argkb.load import load_kb
from argkb.model import Diagnostic
from conftest import FIXTURES

SECTION = FIXTURES / "valid" / "claims" / "02-trust.yaml"
ORIGINAL = yaml.safe_load(SECTION.read_text(encoding="utf-8"))

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


def _paths(node, prefix=()):
    """Every (container path, key) in a nested structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix, key
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield prefix, index
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated_sections(draw) -> str:
    data = copy.deepcopy(ORIGINAL)
    for _ in range(draw(st.integers(1, 4))):
        places = list(_paths(data))
        if not places:
            break
        parent_path, key = draw(st.sampled_from(places))
        parent = _get(data, parent_path)
        action = draw(st.sampled_from(["drop", "retype", "duplicate", "swap", "unicode"]))
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(json_like)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "swap" and isinstance(parent, dict) and len(parent) > 1:
            other = draw(st.sampled_from(sorted(parent, key=str)))
            parent[key], parent[other] = parent[other], parent[key]
        else:
            parent[key] = draw(st.text(min_size=0, max_size=60))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def corrupted_text(draw) -> bytes:
    raw = bytearray(SECTION.read_bytes())
    for _ in range(draw(st.integers(1, 5))):
        position = draw(st.integers(0, len(raw)))
        raw[position:position] = draw(st.binary(min_size=1, max_size=8))
    return bytes(raw)


def _check(root: Path) -> list[Diagnostic]:
    diagnostics = run_checks(load_kb(root))
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.span.line >= 1 and d.span.col >= 1 and d.code and d.message
        assert "\n" not in str(d)
    return diagnostics


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_sections())
def test_mutated_yaml_gives_diagnostics_not_exceptions(text: str, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(FIXTURES / "valid", root, dirs_exist_ok=True)
    (root / "claims" / "02-trust.yaml").write_text(text, encoding="utf-8")
    _check(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=corrupted_text())
def test_corrupted_bytes_give_diagnostics_not_exceptions(raw: bytes, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(FIXTURES / "valid", root, dirs_exist_ok=True)
    (root / "claims" / "02-trust.yaml").write_bytes(raw)
    _check(root)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_random_bibtex_gives_diagnostics_not_exceptions(text: str, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(FIXTURES / "valid", root, dirs_exist_ok=True)
    (root / "references.bib").write_text((FIXTURES / "valid" / "references.bib").read_text() + text, encoding="utf-8")
    _check(root)
