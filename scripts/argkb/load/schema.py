"""JSON Schema validation of parsed YAML, with every error placed at its line.

The schemas in argkb/schemas/ are the documentation of the data model; editors get them
as autocompletion through the `# yaml-language-server: $schema=...` line of each file.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from argkb.load.yaml_strict import YamlDocument
from argkb.model import RELATIONS, Diagnostic, Span

_ID_LISTS = {*RELATIONS, "concepts", "events", "aliases"}
_DATE_FIELDS = {"date", "in_force", "checked"}
_ANNOTATIONS = {"description", "title", "$comment", "default", "examples"}  # keywords that validate nothing


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    text = resources.files("argkb").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(inline_refs(schema), format_checker=jsonschema.FormatChecker())


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each local `#/$defs/name` reference replaced by its definition.

    Resolving a `$ref` through jsonschema's registry costs more than the check it leads to, once
    per node of every file; our schemas are not recursive, so the references can be written out
    once. A reference beside other keywords becomes an `allOf`, which reports the same errors.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        out = {key: walk(value, stack) if key not in ("enum", "const") else value for key, value in node.items()}
        if not (isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs) or ref[8:] in stack:
            return out  # not a local definition, or a recursive one: left to jsonschema
        target = walk(defs[ref[8:]], (*stack, ref[8:]))
        del out["$ref"]
        if set(out) <= _ANNOTATIONS:  # the reference's own description wins
            return {**target, **out}
        return {**out, "allOf": [*out.get("allOf", []), target]}

    return walk(schema, ())


def schema_path(name: str) -> str:
    return str(resources.files("argkb").joinpath("schemas", f"{name}.schema.json"))


def _describe(error: ValidationError) -> tuple[str, str, tuple[Any, ...]]:
    """(code, message, path to point at) for one validation error."""
    where = "/".join(str(p) for p in error.absolute_path) or "the file"
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - allowed)
        field = extra[0] if extra else "?"
        hint = _closest(field, allowed)
        message = f"unknown field '{field}' in {where}" + (f" (did you mean '{hint}'?)" if hint else "")
        return "unknown-field", message, path + (field,)
    if error.validator == "required":
        return "missing-field", f"{where}: {error.message}", path
    if error.validator == "type":
        expected = error.validator_value
        got = _JSON_TYPE.get(type(error.instance), type(error.instance).__name__)
        return "wrong-type", f"{where}: expected {expected}, got {got}", path
    if error.validator == "pattern" and (path[-1:] == ("id",) or (len(path) >= 2 and path[-2] in _ID_LISTS)):
        return (
            "bad-id",
            f"{where}: id {error.instance!r} must be lowercase letters, digits and single hyphens"
            + (_offending(error.instance)),
            path,
        )
    if error.validator == "pattern" and path[-1:] and path[-1] in _DATE_FIELDS:
        return "bad-date", f"{where}: {error.instance!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", path
    if (
        error.validator == "pattern"
        and isinstance(error.instance, str)
        and (path[-1:] in {("key",), ("document",)} or "cites" in path)
    ):
        return (
            "bad-cite-key",
            f"{where}: citation key {error.instance!r} may only hold letters, digits, '_' and '-'",
            path,
        )
    if error.validator in ("maxLength", "maxItems"):
        return "too-long", f"{where}: longer than the limit of {error.validator_value}", path
    if error.validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return "bad-value", f"{where}: {error.instance!r} is not one of: {options}", path
    if error.validator == "oneOf" and error.context:
        # a citation is a key or a {key, locator} mapping: report the most specific sub-error
        best = min(error.context, key=lambda e: (len(e.absolute_path) * -1, e.validator != "pattern"))
        return _describe(best)
    return "schema", f"{where}: {error.message}", path


_JSON_TYPE = {
    dict: "mapping",
    list: "list",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _offending(value: object) -> str:
    """'; U+0430 CYRILLIC SMALL LETTER A at character 3 is not one' for the first stray character."""
    for position, ch in enumerate(value if isinstance(value, str) else "", 1):
        if not (ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-")):
            name = unicodedata.name(ch, "a control character")
            return f"; U+{ord(ch):04X} {name} at character {position} is not one"
    return ""


def _closest(word: str, options: set[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def validate(name: str, path: str, doc: YamlDocument) -> list[Diagnostic]:
    diagnostics = []
    for error in sorted(_validator(name).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        code, message, where = _describe(error)
        line, col = doc.position(where)
        diagnostics.append(Diagnostic(Span(path, line, col), "error", code, message))
    return sorted(diagnostics, key=lambda d: (d.span.line, d.span.col, d.code))
