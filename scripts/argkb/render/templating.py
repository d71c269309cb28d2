"""The Jinja environment for page templates: escape by default.

Every `{{ value }}` is entity-encoded (escape.encode) unless it is `Markup`, which only the
filters below, macros and the page builders produce. Forgetting a filter therefore shows escaped
text; it never injects markup.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from argkb.render import paths
from argkb.render.escape import css_token, emphasis_html, encode, inline_html, plain_text, shorten
from argkb.render.islands import island

_ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(encode(str(value)))


def anchor(value: str) -> Markup:
    """An id for `{ #id }` / `id=""`: kept if it is a plain slug, otherwise made one."""
    return Markup(value if _ANCHOR.match(value) else "id-" + paths.segment(value))


def front_matter(title: str, tags: list[str] | None = None, hide: tuple[str, ...] = ()) -> Markup:
    """YAML front matter. Material prints `title` and tag names unescaped, so we escape them."""
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if hide:  # Material: hide the navigation and/or toc sidebars on this page
        lines.append(f"hide: {json.dumps(sorted(hide))}")
    if tags:
        lines.append("tags:")
        lines.extend(f"  - {json.dumps(html.escape(tag, quote=False), ensure_ascii=False)}" for tag in tags)
    lines.append("---")
    return Markup("\n".join(lines))


def _preformatted(text: str) -> Markup:
    return Markup("\n".join(encode(line) for line in text.split("\n")))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("argkb.render", "templates"),
        autoescape=True,  # makes macros return Markup; values are encoded by _finalize first
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=lambda text, ids=None: Markup(inline_html(text, ids)),
        emphasis=lambda text: Markup(emphasis_html(text)),
        plain=lambda text: Markup(encode(plain_text(text))),
        short=lambda text, limit=160: Markup(encode(shorten(plain_text(text), limit))),
        preformatted=_preformatted,
        css=lambda text: Markup(css_token(text)),
        anchor=anchor,
        island=lambda html: Markup(island(str(html))),
    )
    env.globals.update(
        claim_page=paths.claim_page,
        section_page=paths.section_page,
        reference_page=paths.reference_page,
        concept_page=paths.concept_page,
        HOME=paths.HOME,
        ARGUMENT=paths.ARGUMENT,
        PAPER=paths.PAPER,
        BIBLIOGRAPHY=paths.BIBLIOGRAPHY,
        CONCEPTS=paths.CONCEPTS,
        AUDIT=paths.AUDIT,
        event_anchor=lambda event_id: anchor(paths.event_anchor(event_id)),
    )
    return env


def render(template: str, **context: Any) -> str:
    text = environment().get_template(template).render(**context)
    # no trailing spaces, exactly one final newline: stable bytes whatever the template layout
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"
