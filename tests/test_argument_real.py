"""The real argument in claims/ obeys the argument lint's rules, each asserted on its own."""

from __future__ import annotations

import pytest

from argkb.checks import argument, run_checks
from argkb.load import load_kb
from argkb.model import EVIDENCE_KINDS, FORWARD_KINDS, FRAMING_KINDS
from argkb.shape import argument_shape
from conftest import REPO


@pytest.fixture(scope="module")
def real_kb():
    return load_kb(REPO)


@pytest.fixture(scope="module")
def claims(real_kb):
    return real_kb.claim_index()


def test_no_framing_claim_supports_or_opposes_anything(claims) -> None:
    for claim in claims.values():
        if claim.kind in FRAMING_KINDS:
            assert not claim.targets("supports") and not claim.targets("opposes"), claim.id
            assert claim.targets("addresses"), claim.id


def test_no_prediction_or_recommendation_supports_evidence(claims) -> None:
    for claim in claims.values():
        if claim.kind in FORWARD_KINDS:
            assert not [t for t in claim.targets("supports") if claims[t].kind in EVIDENCE_KINDS], claim.id


def test_every_recommendation_has_a_ground(claims) -> None:
    recommendations = [c for c in claims.values() if c.kind == "recommendation"]
    assert recommendations
    for recommendation in recommendations:
        grounds = [
            c
            for c in claims.values()
            if recommendation.id in c.targets("supports") and c.kind not in FRAMING_KINDS | FORWARD_KINDS
        ]
        assert grounds, recommendation.id


def test_every_evidence_claim_reaches_the_thesis_without_framing(real_kb, claims) -> None:
    thesis = real_kb.thesis
    reached = argument.reached_from_thesis(thesis, argument.supporters_of(claims))
    assert {c.id for c in claims.values() if c.kind in EVIDENCE_KINDS} <= reached


def test_the_thesis_has_its_parts_and_the_lint_is_clean(real_kb) -> None:
    thesis = real_kb.thesis
    assert len(thesis.quotes) >= 2
    assert any(quote.startswith("This paper argues that") for quote in thesis.quotes)
    assert not [d for d in run_checks(real_kb) if d.code in argument_shape(real_kb).lint]
