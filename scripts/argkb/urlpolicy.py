"""The one URL policy: which link targets and DOIs may reach a published page.

Every field that can become a link or a resource goes through here, in the checks (which name
the problem at its line) and in the renderer (which drops what fails, as a second line). URLs are
parsed with urllib.parse, never matched by a loose pattern: allowed are http(s) URLs with a host,
`mailto:` where the caller allows it, and relative paths inside the site. Refused: every other
scheme (javascript:, data:, vbscript:, file:, ...), protocol-relative `//host`, backslashes,
credentials in the host (`https://good.example@evil.example/`), whitespace and control or
format characters, which browsers strip or reinterpret before they parse the URL.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
MAX_URL_LENGTH = 2000

# Crossref's recommended DOI pattern (it matches 74.4M of its 75M DOIs) is "10." + 4-9 digits +
# "/" + letters, digits and -._;()/: . We refuse the parentheses too: mkdocs-bibtex writes DOIs
# unencoded into Markdown links we do not render ourselves, and a ')' ends such a link. Old
# SICI-style DOIs with parentheses are the price. Everything else (<>[]{}, quotes, spaces, '#',
# '?') is refused as well; DOIs we put into URLs are percent-encoded anyway.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;/:A-Za-z0-9]+$")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:)", re.IGNORECASE)
# what may stay unencoded in the path of a DOI URL: RFC 3986 unreserved plus '/' and ';' and ':'
_DOI_SAFE = "/;:-._~"


def _bad_character(text: str) -> str:
    for position, ch in enumerate(text, 1):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            name = unicodedata.name(ch, "control character")
            return f"character {position} is U+{ord(ch):04X} {name}"
    return ""


def url_problem(url: str, *, mailto: bool = False, relative: bool = True) -> str:
    """'' when `url` may be published as a link target, else why not (for a diagnostic)."""
    if not url:
        return "the URL is empty"
    if len(url) > MAX_URL_LENGTH:
        return f"the URL is {len(url)} characters long; the limit is {MAX_URL_LENGTH}"
    if bad := _bad_character(url):
        return f"the URL holds whitespace or an invisible character ({bad})"
    if "\\" in url:
        return "the URL holds a backslash (browsers read it as '/')"
    if quoted := sorted(set(url) & set('"<>`')):
        return f"the URL holds {quoted[0]!r}, which no URL holds unencoded (it would end an attribute or a link)"
    if url.startswith("//"):
        return "protocol-relative URL ('//host/...'): write https://"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as err:
        return f"the URL does not parse ({err})"
    scheme = parts.scheme.lower()
    if scheme in WEB_SCHEMES:
        if not parts.hostname:
            return f"{scheme}: URL without a host"
        if "@" in parts.netloc:
            return "the URL carries credentials before its host ('user@host')"
        return ""
    if scheme == "mailto":
        if not mailto:
            return "mailto: is not allowed here"
        return "" if re.fullmatch(r"[^@\s/]+@[^@\s/]+", parts.path) else "mailto: without an address"
    if scheme:
        return f"scheme '{scheme}:' is not allowed (only http, https{', mailto' if mailto else ''})"
    if not relative:
        return "a relative URL is not allowed here; write a full https:// URL"
    if ":" in url.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return "a ':' in the first path segment reads as a scheme"
    return ""


def is_safe_url(url: str, *, mailto: bool = False, relative: bool = True) -> bool:
    return not url_problem(url, mailto=mailto, relative=relative)


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL that passes the policy."""
    return is_safe_url(url, relative=False)


def bare_doi(doi: str) -> str:
    """'https://doi.org/10.1/x' or 'doi:10.1/x' -> '10.1/x'."""
    return _DOI_PREFIX.sub("", doi.strip())


def doi_problem(doi: str) -> str:
    """'' when `doi` (bare, or as a doi.org URL) has the DOI syntax, else why not."""
    if bad := _bad_character(doi.strip()):
        return f"the DOI holds whitespace or an invisible character ({bad})"
    if not DOI_PATTERN.match(bare_doi(doi)):
        return "a DOI is '10.' + 4-9 digits + '/' + letters, digits and -._;/: only"
    return ""


def doi_url(doi: str) -> str:
    """The https://doi.org/ URL of a well-formed DOI, percent-encoded; '' when the DOI is malformed."""
    if doi_problem(doi):
        return ""
    return "https://doi.org/" + quote(bare_doi(doi), safe=_DOI_SAFE)


def encoded_url(url: str) -> str:
    """A policy-safe URL with every character Markdown could read as syntax percent-encoded."""
    return quote(url, safe="/:;.-_~?&=%#+,!$*")  # "@" is a citation to mkdocs-bibtex
