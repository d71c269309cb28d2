"""The citation audit reports what the data says: every number here is recounted from the files.

The recounts read claims/*.yaml, references.bib and paper.md directly (PyYAML and regular
expressions), not through argkb's loader, so a bug in the loader cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from argkb.audit import NOT_CHECKED, audit
from argkb.load import load_kb
from conftest import REPO, run_argkb


@pytest.fixture(scope="module")
def real_report():
    return audit(load_kb(REPO))


def _section_files(root: Path) -> list[dict]:
    files = sorted((root / "claims").glob("[0-9][0-9]-*.yaml"))
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]


def _raw_claims(root: Path) -> list[tuple[int, dict]]:
    return [
        (section["number"], claim)
        for section in _section_files(root)
        for sub in section["subsections"]
        for claim in sub["claims"]
    ]


def _raw_events(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "claims" / "events.yaml").read_text(encoding="utf-8"))
    return {event["id"]: event for event in data["events"]}


def _bib_years(root: Path) -> dict[str, int]:
    text = (root / "references.bib").read_text(encoding="utf-8")
    entries = re.findall(r"@\w+\{([^,]+),(.*?)\n\}", text, re.S)
    return {key: int(re.search(r"year\s*=\s*\{(\d{4})\}", body).group(1)) for key, body in entries}


def _paper_parts(root: Path) -> tuple[str, list[str]]:
    """The body (without the reference list) and the reference-list lines."""
    text = (root / "claims" / "source" / "paper.md").read_text(encoding="utf-8")
    body, references = text.split("\n## References", 1)
    return body.replace("**", ""), [line for line in references.splitlines() if line.startswith("- ")]


def _first_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def _last_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


# --- coverage ---------------------------------------------------------------------------------


def test_coverage_equals_a_recount(real_report) -> None:
    raw = _raw_claims(REPO)
    by_section: dict[int, list[dict]] = {}
    for number, claim in raw:
        by_section.setdefault(number, []).append(claim)
    assert [(s.number, s.claims, s.cited) for s in real_report.coverage] == [
        (number, len(claims), sum(bool(c.get("cites")) for c in claims))
        for number, claims in sorted(by_section.items())
    ]
    assert real_report.claims == len(raw)
    assert real_report.cited == sum(bool(c.get("cites")) for _n, c in raw)
    assert real_report.share == pytest.approx(real_report.cited / len(raw))
    assert [u.claim_id for u in real_report.uncited] == [c["id"] for _n, c in raw if not c.get("cites")]


def test_every_section_has_a_coverage_row(real_report) -> None:
    assert {s.number for s in real_report.coverage} == {s["number"] for s in _section_files(REPO)}
    assert all(0.0 <= s.share <= 1.0 for s in real_report.coverage)


# --- anachronisms -----------------------------------------------------------------------------


def test_libicki_2007_cited_for_the_2015_agreement_is_flagged(real_report) -> None:
    flagged = {
        a.claim_id
        for a in real_report.anachronisms
        if a.work_key == "libicki2007conquest" and a.event.event_id == "obama-xi-cyber-agreement"
    }
    expected = {
        claim["id"]
        for _n, claim in _raw_claims(REPO)
        if "obama-xi-cyber-agreement" in claim.get("events", [])
        and "libicki2007conquest" in [c if isinstance(c, str) else c["key"] for c in claim.get("cites", [])]
    }
    assert expected and flagged == expected
    finding = next(a for a in real_report.anachronisms if a.claim_id in flagged)
    assert (finding.work_date, finding.event.date) == ("2007", "2015-09-25")
    assert finding.event.date_text == "25 September 2015"


def test_anachronisms_equal_a_recount(real_report) -> None:
    """A claim about an event, citing a work whose last possible day precedes the event's first day."""
    events = _raw_events(REPO)
    years = _bib_years(REPO)
    documents = {e["document"]: e["date"] for e in events.values() if "document" in e}
    expected = set()
    for _n, claim in _raw_claims(REPO):
        for event_id in claim.get("events", []):
            happened = _first_day(events[event_id]["date"])
            for cite in claim.get("cites", []):
                key = cite if isinstance(cite, str) else cite["key"]
                published = documents.get(key, str(years[key]))
                if _last_day(published) < happened:
                    expected.add((claim["id"], event_id, key))
    assert {(a.claim_id, a.event.event_id, a.work_key) for a in real_report.anachronisms} == expected


def test_a_work_dated_by_its_own_event_uses_the_exact_date(real_report) -> None:
    """The DoD summary (January 2018) cited for the National Cyber Strategy (September 2018)."""
    events = _raw_events(REPO)
    document_events = {e["document"]: event_id for event_id, e in events.items() if "document" in e}
    for finding in real_report.anachronisms:
        if finding.work_key in document_events:
            event_id = document_events[finding.work_key]
            assert finding.work_dated_by == f"event {event_id}"
            assert finding.work_date == events[event_id]["date"]
    assert any(finding.work_key in document_events for finding in real_report.anachronisms)


def test_same_year_is_not_before_unless_an_exact_date_says_so(valid_kb: Path) -> None:
    events = valid_kb / "claims" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace('"2015-09-25"', '"2007-06-01"'), encoding="utf-8")
    flagged = {(a.claim_id, a.work_key) for a in audit(load_kb(valid_kb)).anachronisms}
    assert flagged == {("trust-is-scarce", "morgenthau1948politics")}  # Libicki 2007 may be after 1 June 2007

    with events.open("a", encoding="utf-8") as out:
        out.write(
            "  - id: libicki-published\n    title: Libicki's book appears\n    kind: other\n"
            '    date: "2007-03"\n    by: [Cambridge University Press]\n    document: libicki2007conquest\n'
            "    summary: The book is published.\n    sources:\n      - title: Catalogue\n"
        )
    report = audit(load_kb(valid_kb))
    libicki = next(a for a in report.anachronisms if a.work_key == "libicki2007conquest")
    assert (libicki.work_date, libicki.work_dated_by) == ("2007-03", "event libicki-published")


def test_fixture_anachronisms(valid_kb: Path) -> None:
    report = audit(load_kb(valid_kb))
    assert [(a.claim_id, a.work_label, a.work_date, a.event.date) for a in report.anachronisms] == [
        ("trust-is-scarce", "Libicki 2007", "2007", "2015-09-25"),
        ("trust-is-scarce", "Morgenthau 1948", "1948", "2015-09-25"),
    ]


# --- editorial notes and attributions ---------------------------------------------------------


def test_notes_are_all_gathered(real_report) -> None:
    raw = {c["id"]: c for _n, c in _raw_claims(REPO)}
    assert [(n.claim_id, n.note) for n in real_report.notes] == [(i, c["note"]) for i, c in raw.items() if "note" in c]
    assert {n.claim_id for n in real_report.attributions} == {
        i for i, c in raw.items() if "note" in c and c.get("events")
    }


def test_attribution_shows_what_the_events_file_records(real_report) -> None:
    events = _raw_events(REPO)
    note = next(n for n in real_report.attributions if n.claim_id == "china-made-in-china-2025-ai-investment")
    assert {e.event_id for e in note.events} == {"made-in-china-2025", "new-generation-ai-plan"}
    for shown in note.events:
        assert shown.date == events[shown.event_id]["date"]
        assert list(shown.by) == events[shown.event_id]["by"]


# --- printed reference list against in-text citations -----------------------------------------


def _plain_title(bib_title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", bib_title.replace("{", "").replace("}", "").replace("\\&", "&").lower()).strip()


def test_printed_and_cited_counts_equal_a_recount(real_report) -> None:
    body, printed_lines = _paper_parts(REPO)
    bib = (REPO / "references.bib").read_text(encoding="utf-8")
    titles = dict(re.findall(r"@\w+\{([^,]+),.*?title\s*=\s*\{(.*?)\},?\n", bib, re.S))
    for work in real_report.works:
        title = _plain_title(titles[work.key])
        printed = sum(title in _plain_title(line) for line in printed_lines)
        surname, year = work.label.rsplit(" ", 1)
        in_text = len(re.findall(re.escape(f"{surname}, {year}"), body))
        assert (work.key, work.printed, work.cited_in_text) == (work.key, printed, in_text)
    assert sum(w.printed for w in real_report.works) == len(printed_lines)
    assert real_report.unmatched_printed == []


def test_cited_by_claims_equals_a_recount(real_report) -> None:
    raw = [c for _n, c in _raw_claims(REPO)]
    for work in real_report.works:
        keys = [{c if isinstance(c, str) else c["key"] for c in claim.get("cites", [])} for claim in raw]
        assert work.cited_by_claims == sum(work.key in k for k in keys)


# --- section x work matrix --------------------------------------------------------------------


def test_matrix_equals_a_recount_per_section(real_report) -> None:
    body, _ = _paper_parts(REPO)
    sections = re.split(r"\n## (\d+)\. ", body)
    texts = {int(sections[i]): sections[i + 1] for i in range(1, len(sections), 2)}
    matrix = real_report.matrix
    assert [key for key, _label in matrix.works] == [w.key for w in real_report.works]
    for (number, _id, _title), row in zip(matrix.sections, matrix.counts, strict=True):
        for (_key, label), count in zip(matrix.works, row, strict=True):
            surname, year = label.rsplit(" ", 1)
            assert count == texts[number].count(f"{surname}, {year}"), (number, label)
    assert list(matrix.work_totals) == [w.cited_in_text for w in real_report.works]
    assert matrix.maximum == max(max(row) for row in matrix.counts)


# --- verification -----------------------------------------------------------------------------


def test_verification_status_of_every_work(real_report) -> None:
    data = yaml.safe_load((REPO / "claims" / "verification.yaml").read_text(encoding="utf-8"))
    recorded = {v["key"]: v for v in data["references"]}
    assert [v.key for v in real_report.verifications] == list(_bib_years(REPO))
    for shown in real_report.verifications:
        assert shown.status == recorded[shown.key]["status"]
        assert shown.evidence == recorded[shown.key]["evidence"]
        assert dict(shown.corrections) == recorded[shown.key].get("corrections", {})


def test_unlisted_work_is_shown_as_not_checked(valid_kb: Path) -> None:
    path = valid_kb / "claims" / "verification.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["references"] = [v for v in data["references"] if v["key"] != "libicki2007conquest"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    statuses = {v.key: v.status for v in audit(load_kb(valid_kb)).verifications}
    assert statuses == {"libicki2007conquest": NOT_CHECKED, "morgenthau1948politics": "partly-verified"}


def test_without_events_or_verification_files_the_audit_still_runs(valid_kb: Path) -> None:
    for name in ("events.yaml", "verification.yaml"):
        (valid_kb / "claims" / name).unlink()
    for path in (valid_kb / "claims").glob("0*.yaml"):
        path.write_text(re.sub(r"\n\s+events: \[[^\]]*\]", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    report = audit(load_kb(valid_kb))
    assert report.anachronisms == [] and report.events == []
    assert {v.status for v in report.verifications} == {NOT_CHECKED}


# --- the command line ---------------------------------------------------------------------------


def test_cli_audit_reports_findings_and_exits_0(real_report) -> None:
    text = run_argkb("audit", "--root", str(REPO))
    assert text.returncode == 0, text.stderr
    assert f"Coverage: {real_report.cited} of {real_report.claims} claims" in text.stdout
    assert f"Anachronisms ({len(real_report.anachronisms)})" in text.stdout

    result = run_argkb("audit", "--root", str(REPO), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(real_report.to_dict()))
    assert data["version"] == 1
    assert data["totals"] == {
        "claims": real_report.claims,
        "cited": real_report.cited,
        "share": round(real_report.share, 4),
    }


def test_cli_audit_fails_only_on_data_errors(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid", root)
    section = root / "claims" / "02-trust.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace("[test-agreement]", "[no-such-event]", 1),
        encoding="utf-8",
    )
    result = run_argkb("audit", "--root", str(root))
    assert result.returncode == 1
    assert "[unknown-event]" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
