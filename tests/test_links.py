"""`argkb links` (lychee, offline) over a built site: a clean site passes, and each fault seeded
into a copy of its HTML makes it exit 1 naming the bad URL and the page it is on.

The data-side faults are cases of the invalid corpus, which test_invalid_cases.py runs through
`argkb check` (exact code, file and line): a citation of a key missing from references.bib is
tests/fixtures/invalid/unknown-citation/, a references.bib entry no claim cites is
tests/fixtures/invalid/unused-reference/.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_argkb

pytestmark = pytest.mark.slow

PAGE = "claims/trust-is-scarce/index.html"  # the page each fault is seeded into
FAULTS = {
    # name: (the link added to the page, the line lychee must print for it)
    "broken internal link": (
        '<a href="../no-such-claim/">a claim that does not exist</a>',
        r"\[ERROR\] file://\S+/claims/no-such-claim \(at \d+:\d+\) \| File not found",
    ),
    "missing anchor on another page": (
        '<a href="../../paper/#no-such-anchor">a paragraph that does not exist</a>',
        r"\[ERROR\] file://\S+/paper#no-such-anchor \(at \d+:\d+\) \| Cannot find fragment",
    ),
    "missing anchor on the same page": (
        '<a href="#no-such-anchor">a heading that does not exist</a>',
        r"\[ERROR\] file://\S+/claims/trust-is-scarce/index\.html#no-such-anchor \(at \d+:\d+\) \| "
        r"Cannot find fragment",
    ),
}


def _links(site: Path) -> tuple[int, str]:
    result = run_argkb("links", "--site-dir", str(site), timeout=300)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout + result.stderr


def test_the_built_fixture_site_passes(fixture_site: Path) -> None:
    code, output = _links(fixture_site)
    assert code == 0, output
    assert re.search(r"Errors\.*0\b", output), output


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_seeded_fault_is_caught(fixture_site: Path, tmp_path: Path, fault: str) -> None:
    link, expected = FAULTS[fault]
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    page = site / PAGE
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1
    page.write_text(html.replace("</article>", f"<p>{link}</p></article>"), encoding="utf-8")

    code, output = _links(site)
    assert code == 1, output
    errors = [line for line in output.splitlines() if line.startswith("[ERROR]")]
    assert len(errors) == 1 and re.match(expected, errors[0]), output
    assert f"Errors in {page}" in output  # and the page the link is on
    print(errors[0])


@pytest.mark.parametrize(
    "case, code", [("unknown-citation", "unknown-citation"), ("unused-reference", "unused-reference")]
)
def test_citation_faults_are_cases_of_the_invalid_corpus(case: str, code: str) -> None:
    expect = yaml.safe_load((FIXTURES / "invalid" / case / "expect.yaml").read_text(encoding="utf-8"))
    assert expect["code"] == code


def test_the_repository_site_passes_and_how_long_it_takes(repo_site: Path, capsys) -> None:
    started = time.perf_counter()
    code, output = _links(repo_site)
    seconds = time.perf_counter() - started
    assert code == 0, output[-3000:]
    total = re.search(r"Total\.*(\d+)", output)
    unique = re.search(r"Unique\.*(\d+)", output)
    pages = sum(1 for _ in repo_site.rglob("*.html"))
    with capsys.disabled():  # a measurement, not a limit: shown in every run
        print(
            f"\nargkb links on the repository site: {seconds:.2f}s for {pages} pages, "
            f"{total and total.group(1)} links ({unique and unique.group(1)} unique)"
        )
