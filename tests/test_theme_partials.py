"""Our copies of Material's partials stay Material's partials plus the one change each is for."""

from __future__ import annotations

import re
from pathlib import Path

import material

import argkb

OURS = Path(argkb.__file__).parent / "theme" / "partials"
MATERIAL = Path(material.__file__).parent / "templates" / "partials"
COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def test_search_dialog_is_materials_with_an_accessible_name() -> None:
    theirs = COMMENT.sub("", (MATERIAL / "search.html").read_text(encoding="utf-8"))
    ours = COMMENT.sub("", (OURS / "search.html").read_text(encoding="utf-8"))
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert dialog in theirs, "Material's search partial changed: update scripts/argkb/theme/partials/search.html"
    labelled = dialog.replace('role="dialog"', 'role="dialog" aria-label="{{ lang.t(\'search\') }}"')
    assert ours == theirs.replace(dialog, labelled)
