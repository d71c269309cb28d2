"""A live preview that survives mistakes: keep the last good knowledge base, show what is wrong.

While `mkdocs serve` runs, one broken edit (a YAML syntax error in a section file) would drop that
section's pages and bury the real error under follow-on errors from other files. Instead, each
rebuild goes through `LivePreview.update`: while the files have errors, the site is rendered from
the last knowledge base that had none, every page carries a banner listing the errors (the very
lines `argkb check` prints), and the terminal shows them once. No MkDocs types here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from argkb.model import Diagnostic, KnowledgeBase

BANNER_LIMIT = 20
"""Most errors listed in the banner; the rest are counted."""


def root_causes(kb: KnowledgeBase, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics worth showing: when a file could not be read at all, only the loader's.

    A section that fails to parse makes every relation into it an unknown claim, every quote of
    it uncovered, and so on; those follow-on errors vanish with the syntax error, so they only
    hide it.
    """
    if not kb.complete:
        loaded = set(kb.load_diagnostics)
        return [d for d in diagnostics if d in loaded]
    return list(diagnostics)


@dataclass
class Outcome:
    kb: KnowledgeBase
    """What to render: the files as they are, or the last good knowledge base while they have errors."""
    errors: list[Diagnostic]
    """The errors in the files as they are (root causes only): the banner lists them."""
    to_log: list[Diagnostic]
    """What the terminal should show for this rebuild (nothing when it is what it showed last time)."""
    stale: bool = False
    """True when `kb` is the last good knowledge base, not the files as they are."""

    def banner_html(self) -> str:
        return banner_html(self.errors, self.stale)


@dataclass
class LivePreview:
    keep_last_good: bool = True
    """False for a one-off build: render what the files say (a strict build fails on the errors)."""
    last_good: KnowledgeBase | None = None
    _last_shown: tuple[Diagnostic, ...] | None = field(default=None, repr=False)

    def update(self, kb: KnowledgeBase, diagnostics: list[Diagnostic]) -> Outcome:
        shown = root_causes(kb, diagnostics)
        errors = [d for d in shown if d.severity == "error"]
        if not self.keep_last_good:  # a one-off build: no memory, everything reported
            return Outcome(kb, errors, shown)
        # the same errors again (another file saved meanwhile): the terminal has them already
        to_log = [] if errors and tuple(shown) == self._last_shown else shown
        self._last_shown = tuple(shown)
        if not errors:
            self.last_good = kb
            return Outcome(kb, [], to_log)
        if self.last_good is not None:
            return Outcome(self.last_good, errors, to_log, stale=True)
        return Outcome(kb, errors, to_log)


def banner_html(errors: list[Diagnostic], stale: bool) -> str:
    """The error banner put at the top of every page ('' when there is nothing wrong)."""
    if not errors:
        return ""
    count = len(errors)
    what = f"{count} error{'s' * (count != 1)} in the knowledge base"
    then = (
        "this preview shows the last version without errors until they are fixed"
        if stale
        else "pages may be missing until they are fixed"
    )
    lines = "\n".join(html.escape(str(d), quote=False) for d in errors[:BANNER_LIMIT])
    more = f"\n… and {count - BANNER_LIMIT} more (argkb check lists them all)" if count > BANNER_LIMIT else ""
    return (
        '<div class="argkb-preview-errors" role="alert">'
        f"<p><strong>{what}</strong>: {then}.</p>"
        f"<pre><code>{lines}{html.escape(more, quote=False)}</code></pre></div>"
    )


def with_banner(page_html: str, banner: str) -> str:
    """`page_html` with the banner first inside <body> (unchanged when there is no banner)."""
    if not banner:
        return page_html
    start = page_html.find("<body")
    end = page_html.find(">", start) if start >= 0 else -1
    if end < 0:
        return banner + page_html
    return page_html[: end + 1] + banner + page_html[end + 1 :]
