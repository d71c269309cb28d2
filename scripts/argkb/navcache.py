"""Material's primary nav, drawn once per build for all the pages that are not in it.

Material renders the whole nav (every section, each with its links) again for every page, and
that costs more than the page itself for small pages. Claim, reference and concept pages are not
in the nav, so nothing in it is active on them and their nav differs only by its relative links:
one rendering per set of links (the path to the root and to each nav page) serves them all.
Pages in the nav (their item is active, their table of contents is drawn inside it) are rendered
as Material does, every time.
The cache lives for one build: `install` is called again by each build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from mkdocs.utils import get_relative_url

THEME_PREFIX = "material"
"""Our partials/nav.html includes the theme's own as `material/partials/nav.html`."""


def _any_active(items: Iterable[Any]) -> bool:
    return any(getattr(item, "active", False) or _any_active(getattr(item, "children", None) or ()) for item in items)


def install(env: Environment, theme_dirs: list[str], ours: str) -> None:
    """Let `env` load the theme's templates under THEME_PREFIX (the dirs after ours), and give
    our nav partial a fresh per-build cache."""
    below = theme_dirs[theme_dirs.index(ours) + 1 :] if ours in theme_dirs else theme_dirs
    assert env.loader is not None
    env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(below)})])
    cache: dict[tuple[str, ...], Markup] = {}

    def cached_nav(nav: Any, page: Any, base_url: str, caller: Callable[[], str]) -> Markup:
        if page is None or page in nav.pages or _any_active(nav.items):
            return Markup(caller())
        key = (base_url, *(get_relative_url(p.url, page.url) for p in nav.pages))
        if key not in cache:
            cache[key] = Markup(caller())
        return cache[key]

    env.globals["argkb_cached_nav"] = cached_nav
