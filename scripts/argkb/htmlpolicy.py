"""The published-HTML policy: a last line of defence over every page of a built site.

Input checks cover what argkb renders; this covers what they cannot see: mkdocs-bibtex's footnotes,
hand-written docs/ pages, theme overrides, Markdown extensions. Every HTML file of the site is
parsed as a browser parses it (lexbor, an HTML5 parser, through selectolax); a page with anything to
report is parsed again by html.parser, which gives line and column. Refused, naming page, line and
element:
- a javascript:, data:, vbscript: or file: URL in any URL attribute or CSS url();
- any on* event-handler attribute, and <meta http-equiv="refresh"> to anywhere off the site;
- <iframe>, <frame>, <object>, <embed>, <applet>, <base>, <portal>, <template>, SVG's <set> and <animate*>;
- a resource fetched from another host (script, any non-navigation <link>, image, media, background,
  ping, CSS url(), image-set() or @import read after CSS escapes and comments, SVG url() attributes,
  also in the site's .css files; a backslash is a slash, as browsers read it); links (<a href>)
  to other hosts are fine, they fetch nothing until followed;
- a <script> that is not on the allow-list below (the theme's bundle and inline snippets,
  argkb's own assets, JSON-LD, Material's __config).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from argkb.model import Diagnostic, Span

# --- the allow-list: everything the project itself needs, in one place -------------------------
ALLOWED_SCRIPT_FILES = (
    re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$"),  # Material's bundle
    re.compile(r"^assets/argkb/[a-z0-9-]+\.js$"),  # argkb's own loaders (plugin.ASSETS)
    re.compile(r"^assets/argkb/vendor/[a-z0-9-]+/[a-z0-9-]+\.min\.js$"),  # libraries vendored with their LICENSE
)
ALLOWED_SCRIPT_TYPES = {"application/ld+json"}  # inline data (page metadata), never executed
ALLOWED_SCRIPT_IDS = {"__config": "application/json"}  # Material's inline configuration
# Material's inline snippets (base.html), by the SHA-256 of their text with the page's
# `new URL("../..",location)` scope written as ".": a changed theme fails loudly here.
ALLOWED_INLINE_SCRIPTS = {
    "6a9a103c779f08d5a3c5b0a6f87cd50ce016e024955a163b5729508e0385c9f9": "Material: __md_scope, __md_get helpers",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e": "Material: restore the colour palette",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f": "Material: open the tab named in the URL hash",
}

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# SVG animation can set any attribute of its parent, a link's href included ('<set
# attributeName="href" to="javascript:…">'), out of reach of the URL checks: no page needs it
FORBIDDEN_ELEMENTS |= {"set", "animate", "animatemotion", "animatetransform"}
# a <template shadowrootmode> is live markup the parsers keep apart (or misread): no page needs one
FORBIDDEN_ELEMENTS |= {"template"}
DANGEROUS_SCHEMES = {"javascript", "data", "vbscript", "file"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "longdesc",
    "manifest",
    "ping",
    "codebase",
}
# elements whose src/href/poster/srcset the browser fetches as soon as the page loads
FETCHING = {"script", "img", "source", "video", "audio", "track", "input", "image", "use", "feimage"}
NAVIGATION_LINK_RELS = {"canonical", "alternate", "author", "license", "me", "next", "prev", "help", "search"}
ALWAYS_FETCHING = {"background", "ping"}  # on any element: a page background, a request on every click
FETCHING_ATTRIBUTES = {"src", "srcset", "imagesrcset", "poster", "href", "xlink:href"}
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s*(['"])(.*?)\3|image-set\([^)]*?(['"])(.*?)\5""",
    re.IGNORECASE | re.DOTALL,
)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)


def _unescape_css(match: re.Match[str]) -> str:
    if match[1]:
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match[2]


_SCOPE = re.compile(r'new URL\("[A-Za-z0-9_./-]*",location\)')
_REFRESH_URL = re.compile(r"^\s*[0-9.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)
# lexbor drops a <frame> or <frameset> where a browser draws nothing; html.parser still reports them
_READ_TWICE = re.compile(r"<frame(?:set)?\b", re.IGNORECASE)
_NOSCRIPT = re.compile(r"<noscript", re.IGNORECASE)
_STRIPPED = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from URLs before reading the scheme


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        shown = " ".join(f'{name}="{value[:60]}"' for name, value in self.attrs)
        return f"<{self.tag}{' ' + shown if shown else ''}>"


def _inline_script_key(text: str) -> str:
    return hashlib.sha256(_SCOPE.sub('new URL(".",location)', text).encode()).hexdigest()


def _normal(url: str) -> str:
    """A URL as a browser reads it on an http(s) page: control characters and spaces dropped
    (as they are before the scheme), and every backslash a slash ('\\\\evil.example/x' is a host)."""
    return _STRIPPED.sub("", url).replace("\\", "/")


def _scheme(url: str) -> str:
    return urlsplit(_normal(url)).scheme.lower() if ":" in url else ""


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


class _Policy:
    """The rules, fed elements by a parser; a parser that knows where an element is says so."""

    def __init__(self, page: str, site_host: str, site_path: str) -> None:
        self.page, self.site_host, self.site_path = page, site_host, site_path
        self.found: list[Diagnostic] = []

    def position(self) -> tuple[int, int]:
        return (1, 0)

    def _report(self, element: Element | str, problem: str, position: tuple[int, int] | None = None) -> None:
        line, col = position or self.position()
        self.found.append(Diagnostic(Span(self.page, line, col + 1), "error", "html-policy", f"{element}: {problem}"))

    def _foreign(self, url: str) -> bool:
        url = _normal(url)
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and not url.lower().startswith(("http://", "https://")):
            return True  # 'https:evil.example/x': a host to a browser on a page of the other scheme
        if url.startswith("//") or parts.netloc:
            return (parts.hostname or "") != self.site_host or not self.site_host
        return False

    def _check_css(self, element: Element | str, css: str, in_file: bool = False) -> None:
        """url() and @import in a style attribute, a <style> element or (in_file) a .css file of the site.

        Theme stylesheets draw their icons from data: SVG images, which CSS cannot execute: a .css
        file may use data:, never another host; HTML may use neither."""
        css = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub(" ", css))
        for match in _CSS_URL.finditer(css):
            url = next((g for g in match.groups()[1::2] if g is not None), "")
            where = (css.count("\n", 0, match.start()) + 1, 0) if in_file else None
            scheme = _scheme(url)
            if scheme in DANGEROUS_SCHEMES and not (in_file and scheme == "data"):
                self._report(element, f"CSS url() with a {scheme}: URL", where)
            elif self._foreign(url):
                self._report(element, f"CSS fetches {url[:80]!r} from another host", where)
        if re.search(r"expression\s*\(", css, re.IGNORECASE):
            self._report(element, "CSS expression()")

    def check_element(self, tag: str, values: list[tuple[str, str]]) -> Element:
        """Everything but a script's text: the element's name and its attributes."""
        element = Element(tag, tuple(values))
        attrs = dict(values)
        rels = set(attrs.get("rel", "").lower().split())
        # a <link> fetches unless every rel it has only names a page (new rels keep appearing)
        fetches = tag in FETCHING or (tag == "link" and not rels <= NAVIGATION_LINK_RELS)
        if tag in FORBIDDEN_ELEMENTS:
            self._report(element, f"<{tag}> is not allowed in a published page")
        for name, value in values:
            if name.startswith("on"):
                self._report(element, f"event-handler attribute '{name}'")
            elif name == "style" or "url(" in value.lower() or "\\" in value:
                self._check_css(element, value)  # SVG's fill, mask, cursor… take url() too
            if name in URL_ATTRIBUTES:
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                for url in urls:
                    if _scheme(url) in DANGEROUS_SCHEMES:
                        self._report(element, f"{name} holds a {_scheme(url)}: URL")
                    elif (fetches and name in FETCHING_ATTRIBUTES or name in ALWAYS_FETCHING) and self._foreign(url):
                        self._report(element, f"{name} fetches {url[:80]!r} from another host")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            # argkb's redirect pages (a claim's former id) move the reader within the site; nothing else may
            target = _REFRESH_URL.search(attrs.get("content", ""))
            url = target.group(1).strip("'\" ") if target else ""
            if _scheme(url) or self._foreign(url) or url.startswith("/"):
                self._report(element, f"<meta http-equiv=refresh> sends the reader to {url[:80]!r}, off the site")
        return element

    def check_script(self, element: Element, text: str, position: tuple[int, int] | None = None) -> None:
        if problem := self._script_problem(element, text):
            self._report(element, problem, position)

    def _script_problem(self, element: Element, text: str) -> str:
        attrs = dict(element.attrs)
        src, kind = attrs.get("src"), attrs.get("type", "").strip().lower()
        if src is not None:
            path = self._site_path(src)
            if path is None or not any(p.match(path) for p in ALLOWED_SCRIPT_FILES):
                return f"script {src[:80]!r} is not the theme's or argkb's own"
            return ""
        if kind in ALLOWED_SCRIPT_TYPES:
            return ""
        if attrs.get("id") in ALLOWED_SCRIPT_IDS and kind == ALLOWED_SCRIPT_IDS[attrs["id"]]:
            return ""
        if kind in ("", "text/javascript", "module") and _inline_script_key(text.strip()) in ALLOWED_INLINE_SCRIPTS:
            return ""
        digest = _inline_script_key(text.strip())
        return f"inline script (sha256 {digest[:16]}…) is not on the allow-list in argkb/htmlpolicy.py"

    def _site_path(self, url: str) -> str | None:
        """The site-relative path a same-site URL points at; None for another host or scheme."""
        parts = urlsplit(_normal(url))
        if self._foreign(url) or parts.scheme.lower() not in ("", "http", "https"):
            return None
        path = parts.path  # with a host, it is this site's (else _foreign)
        if path.startswith("/"):
            if not path.startswith(self.site_path):
                return None
            return posixpath.normpath(path[len(self.site_path) :]).lstrip("/")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path))
        return None if joined.startswith("..") else joined


class _PageScanner(_Policy, HTMLParser):
    """html.parser's reading of a page: slower than the HTML5 parser, but it knows line and column."""

    def __init__(self, page: str, site_host: str, site_path: str) -> None:
        _Policy.__init__(self, page, site_host, site_path)
        HTMLParser.__init__(self, convert_charrefs=True)
        self._script: tuple[Element, int, int] | None = None
        self._script_text: list[str] = []
        self._in_style = False

    def position(self) -> tuple[int, int]:
        return self.getpos()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self.check_element(tag, [(name.lower(), value or "") for name, value in attrs])
        if tag == "script":
            self._script = (element, *self.getpos())
            self._script_text = []
        elif tag == "style":
            self._in_style = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        elif self._in_style:
            self._check_css("<style>", data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if tag != "script" or self._script is None:
            return
        element, line, col = self._script
        self._script = None
        self.check_script(element, "".join(self._script_text), (line, col))


def _html5_findings(page: str, html: str, site_host: str, site_path: str, scripting: bool) -> list[Diagnostic]:
    """The page as a browser parses it (lexbor, an HTML5 parser, via selectolax): fast, no positions.

    Every element is checked: any attribute may hold a url() (SVG's fill, mask, cursor…)."""
    policy = _Policy(page, site_host, site_path)
    for node in LexborHTMLParser(html, scripting=scripting).root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if not tag[:1].isalpha():
            continue  # a comment or the document
        element = policy.check_element(tag, [(name.lower(), value or "") for name, value in node.attributes.items()])
        if tag == "script":
            policy.check_script(element, node.text(deep=True))
        elif tag == "style":
            policy._check_css("<style>", node.text(deep=True))
    return policy.found


def scan_page(page: str, html: str, site_url: str = "") -> list[Diagnostic]:
    """Every policy violation of one page; `page` is its path inside the site."""
    site = urlsplit(site_url)
    site_path = site.path if site.path.endswith("/") else site.path + "/"
    host = site.hostname or ""
    seen = _html5_findings(page, html, host, site_path, scripting=False)
    if _NOSCRIPT.search(html):  # a browser running scripts reads <noscript> as text, one that does not as markup
        seen += [d for d in _html5_findings(page, html, host, site_path, scripting=True) if d not in seen]
    if not seen and not _READ_TWICE.search(html):
        return []
    # something to report: html.parser finds it again with its line and column; what only the
    # HTML5 parser sees (the two read malformed markup differently) is reported at line 1
    scanner = _PageScanner(page, host, site_path)
    scanner.feed(html)
    scanner.close()
    positioned = {d.message for d in scanner.found}
    return scanner.found + [d for d in seen if d.message not in positioned]


def scan_site(site_dir: Path | str, site_url: str = "", memo: dict | None = None) -> list[Diagnostic]:
    """Every policy violation of every HTML page under `site_dir`, sorted by page and position.

    `memo` (`mkdocs serve`, where an edit changes a handful of pages) keeps each page's findings
    by its path and the hash of its HTML, for the next build only: an unchanged page is not
    parsed again, a changed one always is."""
    site_dir = Path(site_dir)
    found: list[Diagnostic] = []
    seen: dict[tuple[str, str, bytes], list[Diagnostic]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8", errors="replace")
        if memo is None:
            found.extend(scan_page(page, html, site_url))
            continue
        key = (page, site_url, hashlib.blake2b(html.encode(), digest_size=16).digest())
        seen[key] = memo[key] if key in memo else scan_page(page, html, site_url)
        found.extend(seen[key])
    if memo is not None:
        memo.clear()
        memo.update(seen)
    for path in sorted(site_dir.rglob("*.css")):
        found.extend(scan_stylesheet(path.relative_to(site_dir).as_posix(), path.read_text(errors="replace"), site_url))
    return found


def scan_stylesheet(path: str, css: str, site_url: str = "") -> list[Diagnostic]:
    """Fetches from another host (fonts, images, @import) and script URLs in one .css file of the site."""
    site = urlsplit(site_url)
    scanner = _PageScanner(path, site.hostname or "", site.path or "/")
    scanner._check_css("stylesheet", css, in_file=True)
    return scanner.found
