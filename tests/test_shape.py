"""The argument's shape on the audit: relation counts, lint findings, support depth, thesis fan-in."""

from __future__ import annotations

import re
from pathlib import Path

import argkb.checks.argument as argument_checks
from argkb.load import load_kb
from argkb.shape import LINT_CODES, argument_shape
from conftest import FIXTURES


def test_shape_of_the_fixture() -> None:
    kb = load_kb(FIXTURES / "valid")
    shape = argument_shape(kb)
    assert shape.thesis_id == "main-thesis"
    assert shape.thesis_fan_in == 2  # power-matters and trust-is-scarce
    assert shape.depth == {1: 2}
    assert shape.relations["supports"] == 3 and shape.relations["opposes"] == 1
    assert set(shape.lint.values()) == {0}


def test_depth_follows_the_shortest_chain_and_lint_is_counted() -> None:
    kb = load_kb(FIXTURES / "valid")
    claims = kb.claim_index()
    claims["trust-is-scarce"].relations["supports"] = ["power-matters"]  # now two steps from the thesis
    claims["trust-can-grow"].kind = "objective"  # framing with a qualifies: one lint error
    shape = argument_shape(kb)
    assert shape.depth == {1: 1, 2: 1}
    assert shape.deepest == ["trust-is-scarce"] and shape.max_depth == 2
    assert shape.lint["framing-as-evidence"] == 1 and shape.lint["framing-addresses-nothing"] == 1


def test_every_lint_code_is_counted() -> None:
    source = Path(argument_checks.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'"(?:error|warning)",\s*"([a-z-]+)"', source))
    assert codes == set(LINT_CODES)
