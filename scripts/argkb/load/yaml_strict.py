"""Untrusted YAML -> plain data plus the line and column of every node.

PyYAML's safe loader still accepts duplicate keys (keeping the last), aliases that expand a
document exponentially, and unbounded nesting. Editors' files come from pull requests, so this
loader refuses all three and reports every problem as a `YamlError` with a position.

Speed: when PyYAML has libyaml, its C parser produces the events and the same Python composer
and checks as the strict path turn them into data (five to six times faster). Any file the fast
path refuses, and any file with a character the two parsers may read differently, is parsed
again by the pure-Python parser, so every diagnostic comes from one parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 2_000_000
"""A claims file is a few hundred KB at most; anything larger is refused before parsing."""

MAX_DEPTH = 50
"""Our schema nests six levels; deep nesting only serves to exhaust the recursive composer."""

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class YamlError(Exception):
    code: str
    message: str
    line: int = 1
    col: int = 1


@dataclass
class YamlDocument:
    data: Any
    # position of each node by its path; a mapping value is placed at its key
    positions: dict[Path_, tuple[int, int]]

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of the deepest known node on `path`."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class _Refusing:
    """Composer hook that refuses aliases and excessive nesting (shared by both parsers)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlError(
                "yaml-alias",
                "YAML aliases (*name) are not allowed in claims files; write the value out",
                mark.line + 1,
                mark.column + 1,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise YamlError("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _StrictLoader(_Refusing, yaml.SafeLoader):
    """The pure-Python safe loader: the reference for data, positions and diagnostics."""


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the strict parser does everything
    _FastLoader: type | None = None
else:

    class _FastLoader(_Refusing, Composer, CParser, SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's events, composed and constructed by the same Python code as the strict path."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)  # the Python composer (its get_single_node, not libyaml's)
            SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        # Composer's methods must win over CParser's C composer of the same names
        get_single_node = Composer.get_single_node
        check_node = Composer.check_node
        get_node = Composer.get_node


# Dates stay strings: the schema validates their shape, and JSON Schema has no date type.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
if _FastLoader is not None:
    _FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

# Characters the pure-Python reader refuses or that libyaml may treat differently (tabs, line
# separators, non-printables): a file holding any of them takes the strict path.
_SUSPECT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _LibyamlDiverges(Exception):
    """libyaml accepted what the strict parser refuses: let the strict path report it."""


def _refuse_flow_question_marks(node: SequenceNode | MappingNode) -> None:
    # libyaml 0.2.5+ lets a plain scalar in a flow collection hold '?' ("[a?b]"); PyYAML's
    # parser ends the scalar there and reports a syntax error. Only that parser's answer counts.
    children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else node.value
    for child in children:
        if isinstance(child, ScalarNode) and not child.style and "?" in child.value:
            raise _LibyamlDiverges


def _to_data(loader: _StrictLoader, node: Node, path: Path_, positions: dict[Path_, tuple[int, int]]) -> Any:
    if node.tag not in _PLAIN_TAGS:
        line, col = _mark(node)
        raise YamlError("yaml-tag", f"tag {node.tag!r} is not allowed (only plain YAML values)", line, col)
    if getattr(node, "flow_style", False) and loader.__class__ is _FastLoader:
        _refuse_flow_question_marks(node)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _to_data(loader, key_node, path + ("<key>",), {})
            line, col = _mark(key_node)
            if not isinstance(key, str):
                raise YamlError("yaml-key", f"mapping key {key!r} is not a string", line, col)
            if key in result:
                first_line, _ = positions[path + (key,)]
                raise YamlError("duplicate-key", f"duplicate key '{key}' (first at line {first_line})", line, col)
            positions[path + (key,)] = (line, col)
            result[key] = _to_data(loader, value_node, path + (key,), positions)
        return result
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            positions[path + (index,)] = _mark(item)
            items.append(_to_data(loader, item, path + (index,), positions))
        return items
    assert isinstance(node, ScalarNode)
    return loader.construct_object(node, deep=True)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError("encoding", "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError("encoding", f"byte 0x{raw[err.start]:02x} is not valid UTF-8", line, col) from None


def parse_yaml(raw: bytes) -> YamlDocument:
    """Parse one YAML document from untrusted bytes, or raise YamlError."""
    if len(raw) > MAX_BYTES:
        raise YamlError("file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    text = _decode(raw)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise YamlError("empty-file", "file is empty")
    if _FastLoader is not None and not _SUSPECT.search(text):
        try:
            return _compose(_FastLoader(text))
        except Exception:  # whatever libyaml refuses, the strict parser explains (same message, same place)
            pass
    return _strict(text)


def _strict(text: str) -> YamlDocument:
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text) from None
    try:
        return _compose(loader)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text) from None
    except RecursionError:
        raise YamlError("yaml-too-deep", "nesting too deep") from None


def _compose(loader: Any) -> YamlDocument:
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlError("empty-file", "file holds no YAML document")
        positions: dict[Path_, tuple[int, int]] = {(): _mark(node)}
        return YamlDocument(_to_data(loader, node, (), positions), positions)
    finally:
        loader.dispose()


def _reader_error(err: yaml.reader.ReaderError, text: str) -> YamlError:
    """A character YAML forbids (control characters, NUL): PyYAML gives only an offset."""
    before = text[: err.position]
    line = before.count("\n") + 1
    col = err.position - (before.rfind("\n") + 1) + 1
    return YamlError("yaml-character", f"character U+{err.character:04X} is not allowed in YAML", line, col)


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "invalid YAML"
    if "expected a single document" in str(err):
        return YamlError("yaml-multi-document", "file holds more than one YAML document (remove '---')", line, col)
    lines = text.splitlines()
    if "\t" in problem or (0 < line <= len(lines) and lines[line - 1][:col].lstrip(" ").startswith("\t")):
        return YamlError("yaml-tab", "tab character used for indentation; indent with spaces", line, col)
    return YamlError("yaml-syntax", f"YAML syntax error: {problem}", line, col)
