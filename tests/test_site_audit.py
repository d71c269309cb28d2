"""The audit page, the open-data files and the page metadata, read from the real built site.

Expectations are recounted from the knowledge base (load_kb, paper.md), never copied from the
audit: the page must show what the data says.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from argkb import links
from argkb.export import EXPORTS, export_files
from argkb.load import load_kb
from argkb.model import KnowledgeBase
from argkb.render import RenderOptions, head_html
from argkb.render.audit_page import HEAT_LEVELS, heat_legend, heat_level
from conftest import run_argkb
from sitecheck import anchor_ids, article, build, page, parts, resolve

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "valid"
AUDIT = "audit/"
BREAKOUT = 'Trust </script><script>alert("ld")</script><!-- & \u2028 "]} ends here'

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(repo_site: Path) -> Path:
    """The repo site, built once per session with --strict (the new pages add no warning)."""
    return repo_site


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(REPO)


@pytest.fixture(scope="module")
def audit_page(site: Path):
    """The audit's article, its parts joined if it was split (render/split.py), with links between
    the parts written as same-page links again, so the tests read one page as before."""
    merged = BeautifulSoup(str(article(page(site, AUDIT))), "html.parser")
    root = merged.select_one("article")
    for url in parts(site, AUDIT)[1:]:
        copy = BeautifulSoup(str(article(page(site, url))), "html.parser").select_one("article")
        for child in list(copy.children):  # a copy: page() soups are shared
            root.append(child)
    for link in merged.select("a[href]"):
        link["href"] = _PART_LINK.sub("#", link["href"])
    return root


_PART_LINK = re.compile(r"^(\.\./)?audit(--\d+)?/#")


def _audit_ids(site: Path) -> set[str]:
    return {i for url in parts(site, AUDIT) for i in anchor_ids(site, url)}


def _words(text: str) -> str:
    return " ".join(text.split())


def _numbers(row) -> list[str]:
    return [_words(cell.get_text()) for cell in row.find_all(["td", "th"])]


def _target(site: Path, from_url: str, link) -> str:
    """Site-relative URL path of an in-site link, checked to exist."""
    file, _fragment = resolve(site, from_url, link["href"])
    assert file.is_file(), (from_url, link["href"])
    return re.sub(r"^audit--\d+/$", AUDIT, file.parent.relative_to(site).as_posix() + "/")  # a part of the audit


def _between(heading, stop: str = "h2"):
    """The elements after a heading, up to the next heading of level `stop`."""
    for element in heading.find_next_siblings():
        if element.name == stop:
            return
        yield element


def _first_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def _last_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _long_date(date: str) -> str:
    day = dt.date.fromisoformat(date)
    return f"{day.day} {day:%B} {day.year}"


# --- the page and its place in the site ---------------------------------------------------------


def test_audit_page_follows_the_bibliography_in_the_nav(site: Path) -> None:
    nav = page(site, "").select("nav.md-nav--primary > ul > li > a.md-nav__link")
    titles = [_words(a.get_text()) for a in nav]
    assert titles.index("Audit") == titles.index("Bibliography") + 1
    assert _target(site, "", nav[titles.index("Audit")]) == AUDIT


# --- coverage ------------------------------------------------------------------------------------


def test_coverage_equals_a_recount(site: Path, kb: KnowledgeBase, audit_page) -> None:
    rows = audit_page.select(".argkb-coverage table tbody tr")
    assert len(rows) == len(kb.sections) + 1  # and the total
    for section, row in zip(kb.sections, rows, strict=False):
        cited = sum(1 for claim in section.claims if claim.cites)
        share = f"{cited / len(section.claims) * 100:.1f}%"
        assert _numbers(row)[1:] == [str(len(section.claims)), str(cited), share], section.id
        assert _target(site, AUDIT, row.select_one("a")) == f"sections/{section.id}/"
    claims = kb.claims
    cited = sum(1 for claim in claims if claim.cites)
    assert _numbers(rows[-1])[1:] == [str(len(claims)), str(cited), f"{cited / len(claims) * 100:.1f}%"]
    assert f"{cited} of {len(claims)} claims" in _words(audit_page.get_text())


def test_every_uncited_claim_is_listed_by_section(site: Path, kb: KnowledgeBase, audit_page) -> None:
    groups = [el for el in _between(audit_page.select_one("h3#uncited")) if el.name == "details"]
    expected = [(s, [c.id for c in s.claims if not c.cites]) for s in kb.sections]
    expected = [(s, ids) for s, ids in expected if ids]
    assert len(groups) == len(expected)
    for (section, ids), group in zip(expected, groups, strict=True):
        summary = _words(group.select_one("summary").get_text())
        assert summary == f"{section.number}. {section.title}: {len(ids)} uncited"
        listed = [_target(site, AUDIT, a) for a in group.select("li a[href]")]
        assert listed == [f"claims/{claim_id}/" for claim_id in ids]


# --- anachronisms --------------------------------------------------------------------------------


def _anachronism_rows(audit_page) -> list:
    return audit_page.select(".argkb-anachronisms table tbody tr")


def test_libicki_2007_cited_for_the_2015_agreement(site: Path, kb: KnowledgeBase, audit_page) -> None:
    agreement = next(e for e in kb.events if e.kind == "agreement" and e.date.startswith("2015"))
    libicki = next(r for r in kb.references if r.surnames == ["Libicki"] and r.year == "2007")
    expected = sorted(
        c.id for c in kb.claims if agreement.id in c.events and any(x.key == libicki.key for x in c.cites)
    )
    assert expected  # the data this test is about is still there
    found = []
    for row in _anachronism_rows(audit_page):
        claim_cell, work_cell, published, event_cell, event_date = row.find_all("td")
        if not event_cell.select_one(f'a[href="#event-{agreement.id}"]'):
            continue
        if _target(site, AUDIT, work_cell.select_one("a")) != f"references/{libicki.key}/":
            continue
        found.append(_target(site, AUDIT, claim_cell.select_one("a")).split("/")[1])
        assert published.select_one("time")["datetime"] == libicki.year
        assert _words(published.get_text()) == libicki.year
        assert event_date.select_one("time")["datetime"] == agreement.date
        assert _words(event_date.get_text()) == _long_date(agreement.date)
        assert _words(event_cell.get_text()) == agreement.title
    assert sorted(found) == expected
    assert f"event-{agreement.id}" in _audit_ids(site)


def test_every_anachronism_row_links_its_claim_work_and_event(site: Path, kb: KnowledgeBase, audit_page) -> None:
    events = kb.event_index()
    years = {ref.key: int(ref.year) for ref in kb.references}
    documents = {e.document: e.date for e in kb.events if e.document}
    rows = set()
    for row in _anachronism_rows(audit_page):
        claim_cell, work_cell, published, event_cell, event_date = row.find_all("td")
        claim_id = _target(site, AUDIT, claim_cell.select_one("a")).split("/")[1]
        key = _target(site, AUDIT, work_cell.select_one("a")).split("/")[1]
        event_id = event_cell.select_one("a")["href"].removeprefix("#event-")
        assert event_id in events and f"event-{event_id}" in _audit_ids(site)
        assert event_date.select_one("time")["datetime"] == events[event_id].date
        assert published.select_one("time")["datetime"] == documents.get(key, str(years[key]))
        rows.add((claim_id, key, event_id))
    # a claim about an event citing a work whose period (year, month or day) ends before the
    # event's begins; a work that is itself an event is dated by that event
    expected = set()
    for claim in kb.claims:
        for event_id in claim.events:
            for key in {c.key for c in claim.cites}:
                if _last_day(documents.get(key, str(years[key]))) < _first_day(events[event_id].date):
                    expected.add((claim.id, key, event_id))
    assert rows == expected


# --- editorial notes ---------------------------------------------------------------------------


def test_every_editorial_note_appears_with_its_claim(site: Path, kb: KnowledgeBase, audit_page) -> None:
    noted = [claim for claim in kb.claims if claim.note]
    assert noted
    shown = [div["id"] for div in audit_page.select("div.argkb-note")]
    assert sorted(shown) == sorted(f"note-{c.id}" for c in noted)
    for claim in noted:
        div = audit_page.select_one(f"div#note-{claim.id}")
        assert _target(site, AUDIT, div.select_one("a[href]")) == f"claims/{claim.id}/"
        assert _words(claim.note) in _words(div.get_text())
        flagged = [a["href"].removeprefix("#event-") for a in div.select('a[href^="#event-"]')]
        assert flagged == list(dict.fromkeys(claim.events))


def test_attribution_flags_come_first(kb: KnowledgeBase, audit_page) -> None:
    flags = [el for el in _between(audit_page.select_one("h3#attributions"), "h3") if el.name == "div"]
    assert [div["id"] for div in flags] == [f"note-{c.id}" for c in kb.claims if c.note and c.events]


# --- the printed reference list ----------------------------------------------------------------


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.replace("{", "").replace("}", "").replace("\\&", "&").lower()).strip()


def _in_text(ref) -> str:
    return f"{ref.surnames[0]}, {ref.year}"


def test_printed_and_cited_counts_equal_a_recount(site: Path, kb: KnowledgeBase, audit_page) -> None:
    text = kb.source.markdown
    body, printed = text.split("\n## References", 1)
    lines = [_plain(line) for line in printed.splitlines() if line.startswith("- ")]
    rows = audit_page.select(".argkb-usage table tbody tr")
    assert len(rows) == len(kb.references) + 1
    for ref, row in zip(kb.references, rows, strict=False):
        cited_by = sum(1 for claim in kb.claims if any(c.key == ref.key for c in claim.cites))
        expected = [
            str(sum(_plain(ref.title) in line for line in lines)),
            str(body.replace("**", "").count(_in_text(ref))),
            str(cited_by),
        ]
        assert _numbers(row)[1:] == expected, ref.key
        assert _target(site, AUDIT, row.select_one("a")) == f"references/{ref.key}/"
    assert _numbers(rows[-1])[1] == str(len(lines))


# --- the section x work heat-map -------------------------------------------------------------------


def test_heatmap_equals_a_recount(site: Path, kb: KnowledgeBase, audit_page) -> None:
    table = audit_page.select_one(".argkb-heatmap table")
    assert _words(table.select_one("caption").get_text())
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert all(th.get("scope") == "row" for th in table.select("tbody th, tfoot th"))

    columns = table.select("thead th")[1:-1]  # Section | works... | Total
    assert [_target(site, AUDIT, th.select_one("a")) for th in columns] == [
        f"references/{ref.key}/" for ref in kb.references
    ]

    body = kb.source.markdown.split("\n## References", 1)[0].replace("**", "")
    parts = re.split(r"\n## (\d+)\. ", body)
    texts = {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}
    rows = table.select("tbody tr")
    assert [_target(site, AUDIT, row.select_one("th a")) for row in rows] == [f"sections/{s.id}/" for s in kb.sections]
    counts = []
    for section, row in zip(kb.sections, rows, strict=True):
        cells = row.select("td.argkb-heat")
        expected = [texts[section.number].count(_in_text(ref)) for ref in kb.references]
        assert [int(td.get_text()) for td in cells] == expected, section.id
        assert int(row.select("td")[-1].get_text()) == sum(expected)
        counts += [(n, td) for n, td in zip(expected, cells, strict=True)]

    def level(td) -> int:
        (name,) = [c for c in td["class"] if re.fullmatch(r"argkb-heat-\d", c)]
        return int(name.rsplit("-", 1)[1])

    most = max(n for n, _td in counts)
    for n, td in counts:  # shade: none for 0, the darkest for the most, never darker for fewer
        assert (level(td) == 0) == (n == 0)
        assert (level(td) == HEAT_LEVELS) == (n == most)
        assert all(level(td) <= level(other) for m, other in counts if m >= n)
    totals = [int(td.get_text()) for td in table.select("tfoot td")]
    assert totals[:-1] == [body.count(_in_text(ref)) for ref in kb.references]


def test_heat_levels() -> None:
    assert [heat_level(n, 3) for n in range(4)] == [0, 2, 4, 5]
    assert [heat_level(n, 10) for n in (0, 1, 2, 5, 9, 10)] == [0, 1, 1, 3, 5, 5]
    assert heat_level(0, 0) == 0
    assert heat_legend(3) == [(0, "0"), (2, "1"), (4, "2"), (5, "3")]
    assert heat_legend(10)[1] == (1, "1–2")


# --- verification and events -------------------------------------------------------------------


def test_every_work_shows_its_verification_status(site: Path, kb: KnowledgeBase, audit_page) -> None:
    data = yaml.safe_load((REPO / "claims" / "verification.yaml").read_text(encoding="utf-8"))
    recorded = {v["key"]: v for v in data["references"]}
    blocks = audit_page.select("div.argkb-verification")
    assert [div["id"] for div in blocks] == [f"verification-{ref.key}" for ref in kb.references]
    for ref, div in zip(kb.references, blocks, strict=True):
        v = recorded.get(ref.key, {})
        assert _words(div.select_one(".argkb-status").get_text()) == v.get("status", "not-checked")
        assert _target(site, AUDIT, div.select_one("a[href]")) == f"references/{ref.key}/"
        assert _words(v.get("evidence", "")) in _words(div.get_text())
        for field, value in v.get("corrections", {}).items():
            assert f"Corrected {field}: {value}" in _words(div.get_text())
        assert [a["href"] for a in div.select('a[href^="http"]')] == [
            s["url"] for s in v.get("sources", []) if s.get("url")
        ]


def test_events_are_listed_with_their_sources(kb: KnowledgeBase, audit_page) -> None:
    for event in kb.events:
        div = audit_page.select_one(f"div#event-{event.id}")
        assert div is not None, event.id
        assert div.select_one("time")["datetime"] == event.date
        text = _words(div.get_text())
        assert event.title in text and all(who in text for who in event.by)
        assert [a["href"] for a in div.select('a[href^="http"]')] == [s.url for s in event.sources if s.url]


def test_claim_pages_show_the_events_they_name(site: Path, kb: KnowledgeBase) -> None:
    events = kb.event_index()
    about = [claim for claim in kb.claims if claim.events]
    assert about
    for claim in about:
        url = f"claims/{claim.id}/"
        listed = article(page(site, url)).select("h2#events + ul > li")
        assert len(listed) == len(claim.events), claim.id
        for event_id, item in zip(claim.events, listed, strict=True):
            link = item.select_one("a")
            assert _target(site, url, link) == AUDIT
            assert link["href"].endswith(f"#event-{event_id}")
            assert _words(link.get_text()) == events[event_id].title
            assert item.select_one("time")["datetime"] == events[event_id].date
    plain = next(claim for claim in kb.claims if not claim.events)
    assert article(page(site, f"claims/{plain.id}/")).select_one("h2#events") is None


# --- open data -----------------------------------------------------------------------------------


def test_exports_are_published_at_the_site_root(site: Path, kb: KnowledgeBase) -> None:
    assert export_files(kb) == {name: (site / name).read_text(encoding="utf-8") for name in EXPORTS}
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in claims["claims"]] == [c.id for c in kb.claims]
    references = json.loads((site / "references.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in references] == [ref.key for ref in kb.references]
    graph = json.loads((site / "argument.aif.json").read_text(encoding="utf-8"))
    assert {n["nodeID"] for n in graph["nodes"] if n["type"] == "I"} == {c.id for c in kb.claims}


@pytest.mark.parametrize("url", ["", AUDIT])
def test_home_and_audit_link_every_export(site: Path, url: str) -> None:
    content = article(page(site, parts(site, url)[-1] if url == AUDIT else url))  # open data ends the audit
    items = content.select_one("h2#open-data").find_next_sibling("ul").select("li")
    files = [resolve(site, url, li.select_one("a")["href"])[0] for li in items]
    assert files == [site / name for name in EXPORTS]
    assert all(file.is_file() for file in files)
    for li in items:  # each line says what the file holds
        name, description = _words(li.get_text()).split(":", 1)
        assert name in EXPORTS and description.strip()


# --- metadata in <head> -----------------------------------------------------------------------------


def _jsonld(soup: BeautifulSoup) -> list:
    return [json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')]


def test_home_page_carries_citation_meta_and_scholarly_article(site: Path, kb: KnowledgeBase) -> None:
    head = page(site, "").head
    assert [m["content"] for m in head.select('meta[name="citation_title"]')] == [kb.paper.title]
    assert [m["content"] for m in head.select('meta[name="citation_author"]')] == [a.name for a in kb.paper.authors]
    (article_data,) = _jsonld(head)
    assert article_data["@type"] == "ScholarlyArticle"
    assert article_data["name"] == kb.paper.title
    assert _jsonld(page(site, "")) == [article_data]  # nothing outside <head>


def test_every_claim_page_carries_its_claim_jsonld(site: Path, kb: KnowledgeBase) -> None:
    site_url = yaml.safe_load(
        "\n".join(
            line
            for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
            if line.startswith("site_url:")
        )
    )["site_url"]
    for claim in kb.claims:
        soup = page(site, f"claims/{claim.id}/")
        (data,) = _jsonld(soup)
        assert soup.head.select('script[type="application/ld+json"]')
        assert (data["@type"], data["identifier"], data["text"]) == ("Claim", claim.id, claim.text)
        assert data["url"] == f"{site_url}claims/{claim.id}/"


def test_head_html_covers_home_and_every_claim(kb: KnowledgeBase) -> None:
    heads = head_html(kb, RenderOptions(site_url="https://example.org/kb/"))
    former = {f"claims/{alias}.md" for c in kb.claims for alias in c.aliases}  # their heads redirect
    assert set(heads) == {"index.md"} | {f"claims/{c.id}.md" for c in kb.claims} | former
    assert list(heads) == sorted(heads)
    assert all(heads[page].startswith('<meta http-equiv="refresh"') for page in former)


def test_claim_text_cannot_break_out_of_its_jsonld(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    section = root / "claims" / "02-trust.yaml"
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    claim = data["subsections"][0]["claims"][1]
    claim["text"] = BREAKOUT
    section.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = tmp_path / "site"
    result = build(root, built, strict=False)  # the checks refuse markup in a claim; render it anyway
    assert result.returncode == 0, result.stderr[-3000:]
    soup = BeautifulSoup((built / "claims" / claim["id"] / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert json.loads(scripts[0].get_text())["text"] == BREAKOUT
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text() and s not in scripts]


# --- links --------------------------------------------------------------------------------------


def test_built_site_has_no_broken_internal_link(site: Path) -> None:
    try:
        links.lychee_executable()
    except links.LinkCheckerMissing as err:
        pytest.skip(str(err))
    result = run_argkb("links", "--site-dir", str(site), timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
