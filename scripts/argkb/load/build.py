"""Schema-checked YAML data -> model objects, carrying the position of every field.

The data may still be partly invalid (the schema errors are already reported): build what is
well-formed and skip the rest, so one typo does not hide every other finding.
"""

from __future__ import annotations

from typing import Any

from argkb.load.yaml_strict import YamlDocument
from argkb.model import (
    RELATIONS,
    SCHEMA_VERSION,
    Author,
    Citation,
    Claim,
    Concept,
    Diagnostic,
    Event,
    Paper,
    PublicRecord,
    Section,
    Span,
    Subsection,
    Verification,
)


def _span(path: str, doc: YamlDocument, where: tuple[Any, ...]) -> Span:
    line, col = doc.position(where)
    return Span(path, line, col)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _str_list(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def build_paper(path: str, doc: YamlDocument, diagnostics: list[Diagnostic]) -> Paper | None:
    data = doc.data
    if not isinstance(data, dict):
        return None
    journal = data.get("journal") if isinstance(data.get("journal"), dict) else {}
    authors = [
        Author(_str(a.get("name")), _str(a.get("affiliation")))
        for a in (data["authors"] if isinstance(data.get("authors"), list) else [])
        if isinstance(a, dict)
    ]
    year = data.get("year")
    return Paper(
        title=_str(data.get("title")),
        authors=authors,
        journal=_str(journal.get("name")),
        journal_abbreviation=_str(journal.get("abbreviation")),
        e_issn=_str(journal.get("e_issn")),
        p_issn=_str(journal.get("p_issn")),
        year=year if isinstance(year, int) else 0,
        received=_str(data.get("received")),
        accepted=_str(data.get("accepted")),
        keywords=_str_list(data.get("keywords")),
        abstract=_str(data.get("abstract")),
        url=_str(data.get("url")),
        doi=_str(data.get("doi")),
        span=_span(path, doc, ()),
        field_spans=_field_spans(path, doc, (), data),
    )


def build_concepts(path: str, doc: YamlDocument) -> list[Concept]:
    items = doc.data.get("concepts") if isinstance(doc.data, dict) else None
    concepts = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            concepts.append(
                Concept(
                    item["id"],
                    _str(item.get("name")) or item["id"],
                    _str(item.get("definition")),
                    _span(path, doc, ("concepts", index)),
                )
            )
    return concepts


def _citation(path: str, doc: YamlDocument, where: tuple[Any, ...], value: Any) -> Citation | None:
    if isinstance(value, str):
        return Citation(value, "", _span(path, doc, where))
    if isinstance(value, dict) and isinstance(value.get("key"), str):
        return Citation(value["key"], _str(value.get("locator")), _span(path, doc, where))
    return None


def _claim(
    path: str, doc: YamlDocument, where: tuple[Any, ...], data: Any, section_id: str, sub_id: str
) -> Claim | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    cites = [
        c
        for i, value in enumerate(data["cites"] if isinstance(data.get("cites"), list) else [])
        if (c := _citation(path, doc, where + ("cites", i), value)) is not None
    ]
    return Claim(
        id=data["id"],
        kind=_str(data.get("kind")),
        text=_str(data.get("text")),
        quotes=_str_list(data.get("quotes")),
        section_id=section_id,
        subsection_id=sub_id,
        cites=cites,
        relations={name: _str_list(data.get(name)) for name in RELATIONS},
        concepts=_str_list(data.get("concepts")),
        events=_str_list(data.get("events")),
        note=_str(data.get("note")),
        aliases=_str_list(data.get("aliases")),
        span=_span(path, doc, where),
        field_spans=_field_spans(path, doc, where, data),
    )


def build_section(path: str, doc: YamlDocument, diagnostics: list[Diagnostic]) -> Section:
    data = doc.data if isinstance(doc.data, dict) else {}
    number = data.get("number") if isinstance(data.get("number"), int) else 0
    version = data.get("schema") if isinstance(data.get("schema"), int) else SCHEMA_VERSION
    section = Section(number, _str(data.get("id")), _str(data.get("title")), [], path, _span(path, doc, ()), version)
    if version < SCHEMA_VERSION:
        diagnostics.append(
            Diagnostic(
                _span(path, doc, ("schema",)),
                "warning",
                "deprecated-schema",
                f"schema {version} is deprecated: version {SCHEMA_VERSION} adds `contrasts` and `addresses`",
                "run `argkb migrate --write` to convert the file, then review its `opposes` edges",
            )
        )
    subsections = data.get("subsections")
    for s_index, sub in enumerate(subsections if isinstance(subsections, list) else []):
        if not isinstance(sub, dict):
            continue
        where = ("subsections", s_index)
        subsection = Subsection(_str(sub.get("id")), _str(sub.get("title")), section.id, [], _span(path, doc, where))
        claims = sub.get("claims")
        for c_index, item in enumerate(claims if isinstance(claims, list) else []):
            claim = _claim(path, doc, where + ("claims", c_index), item, section.id, subsection.id)
            if claim is not None:
                subsection.claims.append(claim)
        section.subsections.append(subsection)
    return section


def _field_spans(
    path: str, doc: YamlDocument, where: tuple[Any, ...], data: dict[str, Any]
) -> dict[tuple[str | int, ...], Span]:
    """The span of every field of a mapping and of every item of its list fields."""
    spans: dict[tuple[str | int, ...], Span] = {}
    for key, value in data.items():
        spans[(key,)] = _span(path, doc, where + (key,))
        if isinstance(value, list):
            for i, item in enumerate(value):
                spans[(key, i)] = _span(path, doc, where + (key, i))
                for name in item if isinstance(item, dict) else ():  # e.g. ("sources", 0, "url")
                    spans[(key, i, name)] = _span(path, doc, where + (key, i, name))
    return spans


def _records(value: Any) -> list[PublicRecord]:
    return [
        PublicRecord(item["title"], _str(item.get("publisher")), _str(item.get("url")))
        for item in (value if isinstance(value, list) else [])
        if isinstance(item, dict) and isinstance(item.get("title"), str)
    ]


def _items(doc: YamlDocument, name: str) -> list[tuple[int, dict[str, Any]]]:
    items = doc.data.get(name) if isinstance(doc.data, dict) else None
    return [(i, item) for i, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict)]


def build_events(path: str, doc: YamlDocument) -> list[Event]:
    events = []
    for index, item in _items(doc, "events"):
        if not isinstance(item.get("id"), str):
            continue
        where = ("events", index)
        events.append(
            Event(
                id=item["id"],
                title=_str(item.get("title")),
                kind=_str(item.get("kind")),
                date=_str(item.get("date")),
                by=_str_list(item.get("by")),
                summary=_str(item.get("summary")),
                sources=_records(item.get("sources")),
                in_force=_str(item.get("in_force")),
                document=_str(item.get("document")),
                span=_span(path, doc, where),
                field_spans=_field_spans(path, doc, where, item),
            )
        )
    return events


def build_verifications(path: str, doc: YamlDocument) -> list[Verification]:
    verifications = []
    for index, item in _items(doc, "references"):
        if not isinstance(item.get("key"), str):
            continue
        where = ("references", index)
        corrections = item.get("corrections")
        verifications.append(
            Verification(
                key=item["key"],
                status=_str(item.get("status")),
                evidence=_str(item.get("evidence")),
                checked=_str(item.get("checked")),
                sources=_records(item.get("sources")),
                corrections={k: v for k, v in corrections.items() if isinstance(v, str)}
                if isinstance(corrections, dict)
                else {},
                span=_span(path, doc, where),
                field_spans=_field_spans(path, doc, where, item),
            )
        )
    return verifications
