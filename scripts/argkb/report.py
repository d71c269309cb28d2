"""Diagnostics -> text for people, JSON for tools, GitHub annotations for pull requests.

Formats are a registry: add one by writing a function and listing it in FORMATS.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from argkb.model import Diagnostic


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "argkb check: no problems found"
    return f"argkb check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def as_text(diagnostics: list[Diagnostic]) -> str:
    return "\n".join([*map(str, diagnostics), summary(diagnostics)])


def as_json(diagnostics: list[Diagnostic]) -> str:
    rows = [
        {
            "path": d.span.path,
            "line": d.span.line,
            "col": d.span.col,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    return json.dumps({"version": 1, "diagnostics": rows, "summary": summary(diagnostics)}, indent=2)


def _escape_data(text: str) -> str:
    # GitHub workflow-command escaping: data and property values differ
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" else "warning"
        message = f"[{d.code}] {d.message}" + (f" ({d.hint})" if d.hint else "")
        props = (
            f"file={_escape_property(d.span.path)},line={d.span.line},col={d.span.col},title={_escape_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(message)}")
    lines.append(summary(diagnostics))
    return "\n".join(lines)


FORMATS: dict[str, Callable[[list[Diagnostic]], str]] = {"text": as_text, "json": as_json, "github": as_github}
