"""mkdocs.yml as untrusted data: read it safely and refuse what would run code or fetch from afar.

MkDocs' own config loader constructs `!!python/object/apply:...` and friends, so a branch that
changes mkdocs.yml could run code in any `mkdocs build`. argkb reads the file first with a safe
loader that knows only the `!!python/name:` targets the site needs (ALLOWED_PYTHON_NAMES), and
`argkb build` refuses to hand a config with any other Python tag to MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from argkb.model import Diagnostic, Span
from argkb.urlpolicy import url_problem

CONFIG_PATH = "mkdocs.yml"
ALLOWED_PYTHON_NAMES = frozenset(
    {
        # pymdownx.superfences custom fences (the Mermaid fence) and pymdownx.emoji with Material
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.to_svg",
        "pymdownx.slugs.slugify",
    }
)
# keys whose values MkDocs runs as Python or reads from outside the repository
_CODE_KEYS = {"hooks": "runs Python files in every build"}


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.line, self.col = (mark.line + 1, mark.column + 1) if mark else (1, 1)


class PythonName(str):
    """An allowed `!!python/name:` target, kept as its dotted name (never imported here)."""


class _ConfigLoader(yaml.SafeLoader):
    pass


def _python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> PythonName:
    if suffix not in ALLOWED_PYTHON_NAMES:
        raise _Refused(
            "config-python-tag",
            f"!!python/name:{suffix} is not on the allow-list in argkb/mkdocs_config.py (a maintainer must add it)",
            node.start_mark,
        )
    return PythonName(suffix)


def _refuse_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> None:
    raise _Refused(
        "config-python-tag", f"tag {node.tag!r} is not allowed in mkdocs.yml: MkDocs would execute it", node.start_mark
    )


def _refuse_env(loader: _ConfigLoader, node: yaml.Node) -> None:
    raise _Refused(
        "config-env-tag", "!ENV is not allowed: it would publish the build's environment variables", node.start_mark
    )


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _refuse_tag)
_ConfigLoader.add_multi_constructor("!", _refuse_tag)
_ConfigLoader.add_constructor("!ENV", _refuse_env)
_ConfigLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))


def read_config(root: Path) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """mkdocs.yml as plain data (None if it is missing or refused) and the problems found."""
    path = root / CONFIG_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as err:
        return None, [Diagnostic(Span(CONFIG_PATH), "error", "io", f"cannot read mkdocs.yml: {err}")]
    try:
        data = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as err:
        return None, [Diagnostic(Span(CONFIG_PATH, err.line, err.col), "error", err.code, err.message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        span = Span(CONFIG_PATH, mark.line + 1, mark.column + 1) if mark else Span(CONFIG_PATH)
        return None, [Diagnostic(span, "error", "yaml-syntax", f"mkdocs.yml: {err.problem or err}")]
    except yaml.YAMLError as err:
        return None, [Diagnostic(Span(CONFIG_PATH), "error", "yaml-syntax", f"mkdocs.yml: {err}")]
    if not isinstance(data, dict):
        return None, [Diagnostic(Span(CONFIG_PATH), "error", "config", "mkdocs.yml is not a mapping")]
    return data, []


def _line_of(text: str, key: str, value: str = "") -> int:
    """The line of top-level `key:`, or of the first line after it that holds `value`."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)
    if value:
        return next((n for n, line in enumerate(lines[start - 1 :], start) if value in line), start)
    return start


def check_config(root: Path) -> list[Diagnostic]:
    """Every problem of mkdocs.yml that argkb refuses before MkDocs reads it."""
    data, found = read_config(Path(root))
    if data is None:
        return found
    text = (Path(root) / CONFIG_PATH).read_text(encoding="utf-8")
    for key, why in _CODE_KEYS.items():
        if data.get(key):
            found.append(Diagnostic(Span(CONFIG_PATH, _line_of(text, key)), "error", "config-code", f"'{key}' {why}"))
    for key in ("extra_javascript", "extra_css"):
        items = data.get(key) or []
        for item in items if isinstance(items, list) else [items]:
            target = item.get("path", "") if isinstance(item, dict) else str(item)
            if problem := url_problem(target) or ("" if "://" not in target else "an absolute URL"):
                found.append(
                    Diagnostic(
                        Span(CONFIG_PATH, _line_of(text, key, target)),
                        "error",
                        "remote-asset",
                        f"{key} entry {target!r} must be a file of the site ({problem})",
                    )
                )
    return found


def site_url(root: Path) -> str:
    """The config's site_url ('' when unset or unreadable)."""
    data, _ = read_config(Path(root))
    value = data.get("site_url") if data else ""
    return value if isinstance(value, str) else ""
