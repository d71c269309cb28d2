"""Synthetic knowledge bases of any size, valid under `argkb check` with no errors and no warnings.

    files = generate(1000)        # {repository-relative path: text}
    write_tree(Path("/tmp/kb"), files)

The shape is the real paper's, scaled up: numbered sections of subsections of claims in reading
order. Each claim quotes one or two sentences of a synthetic paper whose paragraphs are made only
of quoted sentences (so every paragraph is covered). A sentence that cites works ends in
"(Surname, year; ...)" and its claim cites exactly those works; each (surname, year) names one
work, so an in-text citation never matches two entries. `supports` always points at an earlier
claim of the same section, and each section's first claim supports the thesis: the graph is
acyclic, shallow (a heap of fan-out 3 per section) and every claim reaches the thesis. Every work
and every concept is used at least once. Same size and seed -> same bytes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argkb.model import FORWARD_KINDS, FRAMING_KINDS, RELATIONS

SCHEMA_LINE = "# yaml-language-server: $schema=../scripts/argkb/schemas/{name}.schema.json\n"

_WORDS = """
ability access actor adversary agency agreement alliance analysis anarchy approach arena attack
attribution autonomy balance bargaining capability center channel coalition code coercion
commitment competition compliance computing confidence conflict consensus control cooperation
coordination council crisis culture data defense dependence deterrence development dialogue
diplomacy disclosure domain dominance doctrine economy effort engagement escalation espionage
ethics exchange exposure finance forum framework governance ground growth hegemony incentive
industry influence information infrastructure initiative innovation institution integrity
intelligence interest investment issue leadership legitimacy leverage market mechanism model
network norm offense openness order oversight partnership patience policy posture power practice
pressure principle priority process protection question reciprocity regime region regulation
resilience resource response restraint rivalry risk rule safety sanction security signal
sovereignty stability standard state strategy structure supply surveillance system talent
technology tension threat trade transparency treaty trust uncertainty value verification vision
weapon accord adaptive advanced allied ambitious balanced bilateral careful central civilian
collective common complex critical cyber defensive digital distinct domestic dual durable
effective emerging ethical external fragile global hidden independent intense joint lasting
limited long mutual national naval new offensive open parallel persistent political practical
private public rapid regional robust secure shared slow stable strategic strong technical
urgent vital wide
""".split()

_SURNAMES = """
Adams Ahmed Alvarez Anderson Baker Bennett Brooks Campbell Chen Clarke Cohen Collins Cruz Das
Diaz Evans Fischer Foster Garcia Gordon Gupta Hall Hansen Harris Hayes Hughes Ito Jensen Kato
Keller Khan Kim Klein Kumar Lam Larsen Lee Lopez Martin Meyer Miller Moreau Murphy Nakamura
Nguyen Novak Okafor Olsen Park Patel Perez Popescu Price Quinn Reyes Rossi Russo Sato Schmidt
Silva Singh Smith Sousa Tanaka Torres Turner Vogel Wagner Walsh Wang Weber Wu Yamamoto Young
Zhang Zhou
""".split()

_KINDS = ("claim", "premise", "finding", "prediction", "recommendation", "conclusion")
_KIND_WEIGHTS = (40, 22, 18, 8, 7, 5)
_FRAMING_KINDS = ("research-question", "objective", "scope")  # a few, in section 1 only, as in a paper
_ENTRY_TYPES = ("article", "book", "inproceedings", "techreport", "misc")


@dataclass(frozen=True)
class Shape:
    """How a synthetic knowledge base of `claims` claims is laid out."""

    claims: int
    sections: int
    works: int
    concepts: int

    @classmethod
    def of(cls, size: int) -> Shape:
        if size < 1:
            raise ValueError("a knowledge base needs at least one claim")
        return cls(
            claims=size,
            sections=min(99, max(1, round(math.sqrt(size)))),  # the schema allows sections 1..99
            works=min(200, max(1, size // 4)),
            concepts=min(300, max(1, size // 10)),
        )


@dataclass
class _Work:
    key: str
    entry_type: str
    authors: list[str]  # "Surname, I."
    surname: str
    year: int
    title: str
    serial: int

    @property
    def in_text(self) -> str:
        who = self.surname if len(self.authors) == 1 else f"{self.surname} et al."
        return f"{who}, {self.year}"


@dataclass
class _Claim:
    id: str
    kind: str
    text: str
    sentences: list[str]  # as printed in the paper (may hold **bold**)
    quotes: list[str]  # the same sentences, as the claim quotes them
    cites: list[tuple[str, str]] = field(default_factory=list)  # (key, locator)
    relations: dict[str, list[str]] = field(default_factory=dict)
    concepts: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class _Subsection:
    id: str
    title: str
    claims: list[_Claim] = field(default_factory=list)


@dataclass
class _Section:
    number: int
    id: str
    title: str
    subsections: list[_Subsection] = field(default_factory=list)

    @property
    def claims(self) -> list[_Claim]:
        return [claim for sub in self.subsections for claim in sub.claims]


class _Writer:
    """Draws words and sentences from one seeded generator; never repeats a sentence."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def words(self, low: int, high: int) -> list[str]:
        return self.rng.sample(_WORDS, self.rng.randint(low, high))

    def title(self, low: int = 2, high: int = 5) -> str:
        return " ".join(word.capitalize() for word in self.words(low, high))

    def slug(self, count: int = 2) -> str:
        return "-".join(self.rng.sample(_WORDS, count))

    def sentence(self, citation: str = "") -> tuple[str, str]:
        """(as printed, as quoted): the printed form may bold two words, which quotes leave out."""
        while True:
            words = self.words(10, 18)
            words[0] = words[0].capitalize()
            quoted = " ".join(words)
            printed_words = list(words)
            if self.rng.random() < 0.15:
                at = self.rng.randrange(1, len(words) - 1)
                printed_words[at : at + 2] = [f"**{words[at]} {words[at + 1]}**"]
            printed = " ".join(printed_words)
            suffix = f" ({citation})." if citation else "."
            if quoted + suffix not in self.seen:
                self.seen.add(quoted + suffix)
                return printed + suffix, quoted + suffix


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` counts that differ by at most one, larger first."""
    base, extra = divmod(total, parts)
    return [base + (1 if n < extra else 0) for n in range(parts)]


def _works(shape: Shape, writer: _Writer) -> list[_Work]:
    rng = writer.rng
    pairs = rng.sample([(s, y) for s in _SURNAMES for y in range(1950, 2025)], shape.works)
    works = []
    keys: set[str] = set()
    for serial, (surname, year) in enumerate(pairs, start=1):
        title = writer.title(3, 7)
        key = f"{surname.lower()}{year}{title.split()[0].lower()}"
        while key in keys:
            key += "x"
        keys.add(key)
        co_authors = rng.choice((0, 0, 0, 1, 2, 3))
        authors = [f"{surname}, {chr(65 + rng.randrange(26))}."]
        authors += [f"{rng.choice(_SURNAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(co_authors)]
        works.append(_Work(key, _ENTRY_TYPES[serial % len(_ENTRY_TYPES)], authors, surname, year, title, serial))
    return works


def _bib_entry(work: _Work, rng: random.Random) -> str:
    fields = [("author", " and ".join(work.authors)), ("title", "{" + work.title + "}")]
    if work.entry_type == "article":
        fields += [
            ("journal", "{Journal of " + " ".join(w.capitalize() for w in rng.sample(_WORDS, 2)) + "}"),
            ("volume", str(rng.randint(1, 60))),
            ("number", str(rng.randint(1, 12))),
            ("pages", f"{(start := rng.randint(1, 400))}--{start + rng.randint(5, 40)}"),
        ]
    elif work.entry_type == "book":
        fields.append(("publisher", f"{rng.choice(_SURNAMES)} Press"))
    elif work.entry_type == "inproceedings":
        fields.append(
            (
                "booktitle",
                "{Proceedings of the " + " ".join(w.capitalize() for w in rng.sample(_WORDS, 3)) + "}",
            )
        )
    elif work.entry_type == "techreport":
        fields.append(("institution", f"{rng.choice(_SURNAMES)} Institute"))
    else:
        fields.append(("howpublished", "Online report"))
        fields.append(("url", f"https://example.org/reports/{work.key}"))
    fields.append(("year", str(work.year)))
    if work.entry_type in ("article", "inproceedings"):
        fields.append(("doi", f"10.5555/argkb.bench.{work.serial}"))
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@{work.entry_type}{{{work.key},\n{body}\n}}\n"


def _layout(shape: Shape, writer: _Writer) -> list[_Section]:
    """Sections and subsections with placeholder claims (ids and kinds only), in reading order."""
    rng = writer.rng
    sections = []
    serial = 0
    framing = list(_FRAMING_KINDS) * 2
    for number, count in enumerate(_spread(shape.claims, shape.sections), start=1):
        section = _Section(number, f"s{number:02d}-{writer.slug()}", writer.title())
        for sub_number, sub_count in enumerate(_spread(count, max(1, round(count / 7))), start=1):
            subsection = _Subsection(f"s{number:02d}-{sub_number:02d}-{writer.slug(1)}", writer.title(1, 4))
            for _ in range(sub_count):
                serial += 1
                if serial == 1:
                    kind = "thesis"
                elif number == 1 and framing and rng.random() < 0.5:
                    kind = framing.pop(0)
                else:
                    kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
                subsection.claims.append(_Claim(f"c{serial:05d}-{writer.slug()}", kind, "", [], []))
            section.subsections.append(subsection)
        sections.append(section)
    return sections


def _cite(claims: list[_Claim], works: list[_Work], rng: random.Random) -> dict[str, list[_Work]]:
    """Which works each claim cites: about 40% of claims, and every work at least once."""
    uncited = list(works)
    cited: dict[str, list[_Work]] = {}
    candidates = [claim for claim in claims if claim.kind != "thesis"] or claims
    for position, claim in enumerate(candidates):
        left = len(candidates) - position
        if not (rng.random() < 0.4 or len(uncited) >= left):
            continue
        count = min(len(works), rng.choices((1, 2, 3), (75, 20, 5))[0])
        chosen: list[_Work] = []
        while len(chosen) < count:
            work = uncited.pop(0) if uncited else rng.choice(works)
            if work not in chosen:
                chosen.append(work)
        if len(uncited) >= left:  # the last claims take whatever is still uncited
            chosen.extend(uncited[: max(0, len(uncited) - left + 1)])
            del uncited[: max(0, len(uncited) - left + 1)]
        cited[claim.id] = chosen
    return cited


def _fill(sections: list[_Section], works: list[_Work], concept_ids: list[str], writer: _Writer) -> None:
    """Give every claim its text, quotes, citations, relations and concepts."""
    rng = writer.rng
    claims = [claim for section in sections for claim in section.claims]
    citations = _cite(claims, works, rng)
    thesis = claims[0]
    for serial, claim in enumerate(claims):
        cited = citations.get(claim.id, [])
        claim.text = " ".join(writer.words(6, 12)).capitalize() + "."
        if rng.random() < 0.1:
            first, rest = claim.text.split(" ", 1)
            claim.text = f"{first} *{rest[:-1]}*."
        printed, quoted = writer.sentence("; ".join(work.in_text for work in cited))
        claim.sentences, claim.quotes = [printed], [quoted]
        if rng.random() < 0.1:
            printed, quoted = writer.sentence()
            claim.sentences.append(printed)
            claim.quotes.append(quoted)
        claim.cites = [(work.key, f"p. {rng.randint(1, 300)}" if rng.random() < 0.2 else "") for work in cited]
        claim.concepts = [concept_ids[serial % len(concept_ids)]]
        for extra in rng.sample(concept_ids, min(len(concept_ids), rng.choice((0, 0, 1, 2)))):
            if extra not in claim.concepts:
                claim.concepts.append(extra)
        if rng.random() < 0.05:
            claim.note = "Synthetic editorial note: " + " ".join(writer.words(6, 14)) + "."

    framing, forward = FRAMING_KINDS, FORWARD_KINDS
    for section in sections:
        members = section.claims
        for claim in members:
            claim.relations = {}
        for position, claim in enumerate(members):
            relations = claim.relations
            if claim is thesis:
                continue
            if claim.kind in framing:  # framing points at what it frames; it is no evidence
                relations["addresses"] = [thesis.id]
                continue
            # the nearest evidence claim above this one in the section's tree, else the thesis
            parent_position = position
            parent = thesis
            while parent_position:
                parent_position = (parent_position - 1) // 3
                candidate = members[parent_position]
                if candidate.kind not in framing | forward:
                    parent = candidate
                    break
            if claim.kind in forward:  # predictions and recommendations follow from their ground
                parent.relations.setdefault("supports", []).append(claim.id)
            else:
                supports = [parent.id]
                if position > 1 and rng.random() < 0.15:
                    other = members[rng.randrange(position)]
                    if other.id not in supports and other.kind not in framing:
                        supports.append(other.id)
                relations.setdefault("supports", []).extend(supports)
            for relation, chance in (("opposes", 0.06), ("qualifies", 0.06), ("restates", 0.03)):
                if len(members) > 1 and rng.random() < chance:
                    others = [m for m in members if m is not claim and m.kind not in framing]
                    if others:
                        relations[relation] = [rng.choice(others).id]


def _claim_data(claim: _Claim) -> dict:
    data: dict = {"id": claim.id, "kind": claim.kind, "text": claim.text, "quotes": claim.quotes}
    if claim.cites:
        data["cites"] = [{"key": key, "locator": locator} if locator else key for key, locator in claim.cites]
    for relation in RELATIONS:
        if claim.relations.get(relation):
            data[relation] = claim.relations[relation]
    data["concepts"] = claim.concepts
    if claim.note:
        data["note"] = claim.note
    return data


def _dump(data: dict, schema: str) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return SCHEMA_LINE.format(name=schema) + text


def _source(title: str, abstract: str, sections: list[_Section], works: list[_Work], rng: random.Random) -> str:
    claims = sum(len(section.claims) for section in sections)
    lines = [f"<!-- Synthetic paper text generated by `argkb bench` ({claims} claims). -->", ""]
    lines += [f"# {title}", "", "## Abstract", "", abstract, ""]
    for section in sections:
        lines += [f"## {section.number}. {section.title}", ""]
        paragraph = 0
        for sub in section.subsections:
            lines += [f"### {sub.title}", ""]
            position = 0
            while position < len(sub.claims):
                group = sub.claims[position : position + rng.randint(1, 3)]
                position += len(group)
                paragraph += 1
                text = " ".join(sentence for claim in group for sentence in claim.sentences)
                lines += [f"<!-- ¶ p{section.number}-{paragraph} -->", text, ""]
    lines += ["## References", ""]
    for work in sorted(works, key=lambda w: (w.surname, w.year)):
        lines.append(f"- {', '.join(work.authors)} ({work.year}). *{work.title}*.")
    return "\n".join(lines) + "\n"


def generate(size: int, seed: int = 0) -> dict[str, str]:
    """A valid knowledge base of `size` claims: {repository-relative path: file text}."""
    shape = Shape.of(size)
    rng = random.Random(f"argkb-bench:{seed}:{size}")
    writer = _Writer(rng)
    works = _works(shape, writer)
    concepts = [
        {
            "id": f"k{n:03d}-{writer.slug(1)}",
            "name": writer.title(1, 3),
            "definition": " ".join(writer.words(6, 14)).capitalize() + ".",
        }
        for n in range(1, shape.concepts + 1)
    ]
    sections = _layout(shape, writer)
    _fill(sections, works, [c["id"] for c in concepts], writer)

    title = f"A Synthetic Paper of {size} Claims on " + writer.title(2, 4)
    abstract = " ".join(writer.words(20, 40)).capitalize() + "."
    files: dict[str, str] = {}
    paper = {
        "schema": 1,
        "title": title,
        "authors": [{"name": "Ada Bench", "affiliation": "Synthetic University, Nowhere"}],
        "journal": {
            "name": "Journal of Benchmarks",
            "abbreviation": "JB",
            "e_issn": "1234-5678",
            "p_issn": "2345-6789",
        },
        "year": 2025,
        "received": "2025-01-01",
        "accepted": "2025-02-01",
        "keywords": [writer.title(1, 2) for _ in range(4)],
        "abstract": abstract,
    }
    files["claims/paper.yaml"] = _dump(paper, "paper")
    files["claims/concepts.yaml"] = _dump({"schema": 1, "concepts": concepts}, "concepts")
    for section in sections:
        data = {
            "schema": 2,
            "number": section.number,
            "id": section.id,
            "title": section.title,
            "subsections": [
                {"id": sub.id, "title": sub.title, "claims": [_claim_data(c) for c in sub.claims]}
                for sub in section.subsections
            ],
        }
        files[f"claims/{section.number:02d}-{section.id.split('-', 1)[1]}.yaml"] = _dump(data, "section")
    files["claims/source/paper.md"] = _source(title, abstract, sections, works, rng)
    files["references.bib"] = "\n".join(_bib_entry(work, rng) for work in works)
    return dict(sorted(files.items()))


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
