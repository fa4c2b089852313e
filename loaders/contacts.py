"""Contact persons from the contact blocks of reports, web pages and press releases.

Two shapes occur in the corpus and in documents of the same kind:

- **one line per person**, fields separated by commas, ending in phone numbers and/or an
  e-mail address: ``Anna Pettersson, regiondirektör, Region Västerbotten, 090-16 57 11, …``
  (press releases after "För mer information:", the report's closing contact list, where
  the heading above a group of lines names the area the people answer for);
- **a block per person** on a web page: an optional role line ("Projektledare"), the name
  line (alone, or ``Name, Organisation``), then title and/or organisation lines
  ("Lycksele kommun, samhällsbyggnadsförvaltningen"), then phone and e-mail lines.

Only people whose lines carry a phone number or e-mail address are read, so people merely
quoted in the text ("säger Anna Pettersson") are not contact persons. A line that names an
organisation (``patterns/contacts.toml``, the gazetteer's known organisations and head
words) is never read as a person's name.

The organisation of a person is, in order: the one stated on the person's own lines; an
organisation heading of the contact section right above the person's group; the stated
organisation of a colleague in the same document with the same e-mail domain; the
document's region, but only when the e-mail domain is the region's or no contact of the
document states another organisation. Otherwise the person stays without organisation.

Phone numbers and e-mail addresses go into attributes only; :mod:`loaders.privacy` removes
them unless the operator opts in. Ids: ``person:<slug of name>``; organisations
``org:<slug of name>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.gazetteer import gazetteer, load_toml, org_heads
from loaders.privacy import EMAIL, PHONE, find_contact_details, strip_trailing_label, with_labels
from loaders.read import SourceText
from ontology.ids import make_id, slug
from ontology.model import Entity, EntityType, Evidence, Mention, Relation, RelationType

_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüø]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüø]+)?"
_PERSON_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,3}}")
_HEADING_MAX = 120
_ROLE_MAX_WORDS = 4
_SWITCHBOARD = re.compile(r"\s*(?:växel|vxl|kundtjänst)\b", re.IGNORECASE)
_BLOCK_LOOKBACK = 5  # role, name, title, organisation, unit
_FIELD_STRIP = " \t\xa0:;"
_LEAD_LABEL = re.compile(r"([^,:]{1,40}):[ \t\xa0]*")
# "… i samarbete. Redaktör: Anna Ek, anna@…": a labelled name after a sentence.
_SENTENCE_LABEL = re.compile(r"[.!?][ \t\xa0]+(?=[^,:.!?]{1,40}:)")
_TRAILING = " ,;\t\xa0"
_CONTACT_SECTION = re.compile(r"(?:Kontakt|Kontaktpersoner|Kontakta oss)\b", re.IGNORECASE)
_DOMAIN = re.compile(r"@([\w.-]+)$")
# Shared mailbox providers say nothing about an employer.
_PUBLIC_MAIL = frozenset(
    ["gmail.com", "hotmail.com", "outlook.com", "live.se", "yahoo.com", "icloud.com"]
)
CONFIDENCE_STATED = 0.95  # the person's own lines name the organisation
CONFIDENCE_SECTION = 0.9  # an organisation heading right above the person's group
CONFIDENCE_IMPLIED = 0.8  # a colleague's organisation (same mail domain) or the region


@dataclass(frozen=True)
class _Rules:
    not_a_person_first: frozenset[str]
    org_prefixes: frozenset[str]
    org_last_words: frozenset[str]
    role_heads: tuple[str, ...]
    counties: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_toml("contacts.toml")

    def words(key: str) -> list[str]:
        value = data[key]
        assert isinstance(value, list)
        return [str(v) for v in value]

    # "Västerbottens län" → "Västerbotten": the county as it ends an organisation's name.
    counties = {c.removesuffix(" län") for c in gazetteer().county_of_region.values()}
    short = {c[:-1] if c.endswith("s") else c for c in counties}
    return _Rules(
        frozenset(words("not_a_person_first")),
        frozenset(words("org_prefixes")),
        frozenset(words("org_last_words")) | org_heads(),
        tuple(words("role_heads")),
        frozenset(c.split()[-1] for c in short),
    )


@dataclass
class _Person:
    name: str
    title: str | None = None
    organisation: str | None = None  # organisation id
    org_confidence: float = 0.0
    areas: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def set_org(self, org_id: str, confidence: float, evidence: Evidence | None = None) -> None:
        """Keep the best-founded organisation seen for this person."""
        if confidence <= self.org_confidence:
            return
        self.organisation, self.org_confidence = org_id, confidence
        if evidence is not None and evidence not in self.evidence:
            self.evidence.append(evidence)


@dataclass(frozen=True)
class _Line:
    start: int  # offset in source.text
    text: str


@dataclass
class _Scan:
    """State of one pass over a document's lines."""

    source: SourceText
    people: dict[str, _Person] = field(default_factory=dict)
    pending: list[_Line] = field(default_factory=list)  # lines not yet given a meaning
    area: str | None = None
    section_org: _Line | None = None  # organisation heading above the current group
    in_contact_section: bool = False


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            out.append(_Line(pos + lead, body.strip()))
        pos += len(raw)
    return out


def is_organisation(text: str) -> bool:
    """A capitalised field that names an organisation: "Region Västerbotten", "Piteå kommun",
    "Coompanion Västerbotten" (a known organisation), "Saxnäs Fjällturism AB"."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    rules = _rules()
    if len(words) > 1 and (words[0] in rules.org_prefixes or words[-1] in rules.org_last_words):
        return True
    # "Företagarna Norrbotten": capitalised words ending in a county are a body, not a person.
    if len(words) > 1 and words[-1] in rules.counties and all(w[:1].isupper() for w in words):
        return True
    return gazetteer().known_re.match(text) is not None


def is_person_name(text: str) -> bool:
    """Two to four capitalised words that do not start like, or name, an organisation."""
    first = text.split()[0] if text.split() else ""
    return (
        bool(_PERSON_NAME.fullmatch(text))
        and first not in _rules().not_a_person_first
        and not first.lower().endswith(_rules().role_heads)  # "Programdirektör Interreg …"
        and not is_organisation(text)
    )


def _is_role(text: str) -> bool:
    """A short role line above a name: "Projektledare", "Biträdande projektledare"."""
    words = text.rstrip(":").split()
    if not words or len(words) > _ROLE_MAX_WORDS or any(ch.isdigit() for ch in text):
        return False
    return words[-1].lower().endswith(_rules().role_heads) and not is_organisation(text)


def find_contact_persons(
    source: SourceText, region_org_id: str | None
) -> tuple[list[Entity], list[Relation]]:
    """ContactPerson entities and their ``member_of`` relations found in ``source``.

    ``region_org_id`` (e.g. ``org:region-vasterbotten``) is the organisation assumed for a
    person whose organisation is found nowhere else, when the document's contacts do not
    point to another employer (see the module docstring). Relations target organisation
    ids; the caller keeps only those whose organisation exists in the extraction.
    """
    scan = _Scan(source)
    lines = _lines(source.text)
    index = 0
    while index < len(lines):
        line = lines[index]
        comma = _comma_person(line.text)
        if comma is not None:
            _settle(scan, len(scan.pending))
            _read_comma_line(scan, line, *comma)
        elif _only_details(line.text):
            stop = index + 1
            while (
                stop < len(lines)
                and _only_details(lines[stop].text)
                and _comma_person(lines[stop].text) is None
            ):
                stop += 1
            _read_block(scan, lines[index:stop])
            index = stop
            continue
        elif find_contact_details(line.text):
            # A number that is nobody's ("Piteå kommuns presstjänst, 0911-…", "Växel: …")
            # closes the block before it.
            _settle(scan, len(scan.pending))
        else:
            scan.pending.append(line)
            if len(scan.pending) > _BLOCK_LOOKBACK:  # too far above any block to be part of it
                _settle(scan, 1)
        index += 1
    _settle(scan, len(scan.pending))
    publisher = region_org_id is not None and _published_by(source.text, region_org_id)
    _implied_orgs(list(scan.people.values()), region_org_id, publisher)
    return _entities(scan.people)


PUBLISHER_CHARS = 400  # the page header or press-release byline names the publisher


def _published_by(text: str, org_id: str) -> bool:
    """The document's header names the organisation ("Region Västerbotten\nNyhetsrum …"):
    a contact without an employer of their own is then most likely its staff."""
    return org_id.split(":", 1)[-1] in slug(text[:PUBLISHER_CHARS])


def _settle(scan: _Scan, count: int) -> None:
    """The first ``count`` pending lines belong to no person: they may be contact-section
    headings, areas or organisation headings."""
    for line in scan.pending[:count]:
        if _CONTACT_SECTION.match(line.text):
            scan.in_contact_section = True
            scan.area, scan.section_org = None, None
        elif not scan.in_contact_section:
            continue
        elif not _is_heading(line.text):
            scan.section_org = None  # running text ends a group of contacts
        elif is_organisation(line.text):
            scan.section_org = line
        else:
            # Headings inside a "Kontakt …" section name the area the people below answer for.
            scan.area = line.text
    del scan.pending[:count]


def _is_heading(text: str) -> bool:
    return (
        len(text) <= _HEADING_MAX
        and not text.endswith((".", ":", "!", "?"))
        and not text.startswith(("-", "•", "–"))
    )


def _comma_person(text: str) -> tuple[list[tuple[int, int, str]], int, str | None] | None:
    """Details, name offset and role label of a ``Name, title, …, details`` line, or None."""
    details = find_contact_details(text)
    if not details or details[0][0] == 0:
        return None
    head = strip_trailing_label(text[: details[0][0]])
    for offset, role in _name_starts(head):
        fields = [f.strip(_FIELD_STRIP) for f in head[offset:].split(",")]
        if fields and is_person_name(fields[0]):
            return details, text.index(fields[0], offset), role
    return None


def _name_starts(head: str) -> list[tuple[int, str | None]]:
    """Where a name may start in ``head``: at 0, after a leading label like
    ``Kontaktperson:``, or after a label that follows a sentence ("… Redaktör: Anna")."""
    starts: list[tuple[int, str | None]] = [(0, None)]
    label = _LEAD_LABEL.match(head)
    if label is not None:
        starts.append((label.end(), label.group(1).strip()))
    tail = list(_SENTENCE_LABEL.finditer(head))
    if tail:
        label = _LEAD_LABEL.match(head, tail[-1].end())
        if label is not None:
            starts.append((label.end(), label.group(1).strip()))
    return starts


def _read_comma_line(
    scan: _Scan,
    line: _Line,
    details: list[tuple[int, int, str]],
    name_at: int,
    label: str | None,
) -> None:
    """One person from ``Name, title[, unit][, organisation], details``."""
    head = strip_trailing_label(line.text[: details[0][0]])
    fields = [f.strip(_FIELD_STRIP) for f in head[name_at:].split(",")]
    fields = [f for f in fields if f]
    name = fields[0]
    person = scan.people.setdefault(name, _Person(name))
    role = label if label and _is_role(label) else None
    start = line.start + name_at
    quote_end = len(head.rstrip(_TRAILING))
    _describe(person, fields[1:], scan.area, role)
    _add_details(person, line.text, details)
    person.mentions.append(_mention(scan.source, start, len(name)))
    person.evidence.append(_evidence(scan.source, start, quote_end - name_at))
    _section_org(scan, person)


def _describe(
    person: _Person,
    fields: list[str],
    area: str | None,
    role: str | None,
) -> None:
    """Title, organisation and area from the fields around the name."""
    orgs = [f for f in fields if is_organisation(f)]
    others = [f for f in fields if f not in orgs]
    title = role or (others[0] if others else None)
    units = others[:1] if role else others[1:2]
    if title and person.title is None:
        person.title = title
    if orgs:
        person.set_org(make_id(EntityType.ORGANISATION, orgs[0]), CONFIDENCE_STATED)
    for place in (*units, area):
        if place and place not in person.areas:
            person.areas.append(place)


def _section_org(scan: _Scan, person: _Person) -> None:
    """The organisation heading above the person's group, when the lines named none."""
    org_line = scan.section_org
    if org_line is None:
        return
    evidence = _evidence(scan.source, org_line.start, len(org_line.text))
    person.set_org(make_id(EntityType.ORGANISATION, org_line.text), CONFIDENCE_SECTION, evidence)


def _only_details(text: str) -> bool:
    if _SWITCHBOARD.match(text):  # the organisation's number, not the person's
        return False
    details = with_labels(text, find_contact_details(text))
    covered = sum(e - s for s, e in details)
    return bool(details) and covered >= len(re.sub(r"[\s,;:|/]", "", text)) * 0.6


def _name_line(text: str) -> tuple[str, list[str]] | None:
    """``(name, other fields)`` of a block's name line: "Anna Ek" or "Anna Ek, Region X"."""
    if is_person_name(text):
        return text, []
    if "," not in text or not _is_heading(text):
        return None
    fields = [f.strip(_FIELD_STRIP) for f in text.split(",")]
    if not is_person_name(fields[0]):
        return None
    return fields[0], [f for f in fields[1:] if f]


def _block_fields(lines: Sequence[_Line]) -> list[str]:
    """Title and organisation fields of the lines after a name: a line that names an
    organisation is split at its commas ("Lycksele kommun, samhällsbyggnadsförvaltningen"),
    any other line is one title ("Strateg, projektledare X, Fysisk planering")."""
    fields: list[str] = []
    for line in lines:
        parts = [p.strip(_FIELD_STRIP) for p in line.text.split(",")]
        parts = [p for p in parts if p]
        fields.extend(parts if any(is_organisation(p) for p in parts) else [line.text])
    return fields


def _read_block(scan: _Scan, detail_lines: Sequence[_Line]) -> None:
    """Optional role line, name line, up to three title/organisation lines, then details."""
    window = scan.pending[-_BLOCK_LOOKBACK:]
    # A block is short lines only: running text above the details ends it.
    prose = [
        i for i, line in enumerate(window) if not (_is_heading(line.text) or _is_role(line.text))
    ]
    window = window[prose[-1] + 1 :] if prose else window
    found = next(
        (
            (i, parsed)
            for i in range(len(window) - 1, -1, -1)
            if (parsed := _name_line(window[i].text)) is not None
        ),
        None,
    )
    if found is None:
        _settle(scan, len(scan.pending))
        return
    name_at, (name, name_fields) = found
    role_line = window[name_at - 1] if name_at > 0 and _is_role(window[name_at - 1].text) else None
    first = name_at - 1 if role_line is not None else name_at
    _settle(scan, len(scan.pending) - len(window) + first)
    name_line, between = window[name_at], window[name_at + 1 :]
    person = scan.people.setdefault(name, _Person(name))
    last = between[-1] if between else name_line
    evidence = _evidence(
        scan.source, name_line.start, last.start + len(last.text) - name_line.start
    )
    role = role_line.text.rstrip(":") if role_line else None
    _describe(person, name_fields + _block_fields(between), None, role)
    for line in detail_lines:
        _add_details(person, line.text, find_contact_details(line.text))
    person.mentions.append(_mention(scan.source, name_line.start, len(name)))
    person.evidence.append(evidence)
    _section_org(scan, person)
    scan.pending = []


def _add_details(person: _Person, text: str, details: list[tuple[int, int, str]]) -> None:
    for start, end, kind in details:
        bucket = person.phone if kind == PHONE else person.email if kind == EMAIL else None
        if bucket is not None and text[start:end] not in bucket:
            bucket.append(text[start:end])


def _domains(person: _Person) -> set[str]:
    found = (_DOMAIN.search(address) for address in person.email)
    return {m.group(1).lower() for m in found if m and m.group(1).lower() not in _PUBLIC_MAIL}


def _implied_orgs(
    everyone: Sequence[_Person], region_org_id: str | None, publisher: bool = True
) -> None:
    """Organisations of people whose own lines and section named none."""
    by_domain: dict[str, set[str]] = {}
    for person in everyone:
        if person.organisation and person.org_confidence >= CONFIDENCE_SECTION:
            for domain in _domains(person):
                by_domain.setdefault(domain, set()).add(person.organisation)
    others_stated = any(
        p.organisation != region_org_id for p in everyone if p.org_confidence >= CONFIDENCE_SECTION
    )
    for person in everyone:
        if person.organisation:
            continue
        colleagues = {org for d in _domains(person) for org in by_domain.get(d, set())}
        if len(colleagues) == 1:
            person.set_org(colleagues.pop(), CONFIDENCE_IMPLIED)
        elif region_org_id and (
            (publisher and not others_stated) or _region_domain(person, region_org_id)
        ):
            person.set_org(region_org_id, CONFIDENCE_IMPLIED)


def _region_domain(person: _Person, region_org_id: str) -> bool:
    """The person's mail domain spells the region ("regionvasterbotten.se", "norrbotten.se")."""
    spelled = region_org_id.split(":", 1)[-1].replace("-", "")
    forms = {spelled, spelled.removeprefix("region")}  # "norrbotten.se" is Region Norrbotten's
    return any(d.split(".")[-2:][0] in forms for d in _domains(person) if "." in d)


def _mention(source: SourceText, start: int, length: int) -> Mention:
    s, e = source.span(start, start + length)
    return Mention(document=source.doc_id, start=s, end=e)


def _evidence(source: SourceText, start: int, length: int) -> Evidence:
    s, e = source.span(start, start + length)
    return Evidence(document=source.doc_id, start=s, end=e, quote=source.original[s:e])


def _entities(people: dict[str, _Person]) -> tuple[list[Entity], list[Relation]]:
    entities: list[Entity] = []
    relations: list[Relation] = []
    for person in people.values():
        person_id = make_id(EntityType.CONTACT_PERSON, person.name)
        attributes = {
            "title": person.title,
            "organisation": person.organisation,
            "area": "; ".join(person.areas) or None,
            "phone": person.phone,
            "email": person.email,
        }
        entities.append(
            Entity(
                id=person_id,
                type=EntityType.CONTACT_PERSON,
                name=person.name,
                attributes={k: v for k, v in attributes.items() if v},
                mentions=list(dict.fromkeys(person.mentions)),
            )
        )
        if person.organisation:
            relations.append(
                Relation(
                    type=RelationType.MEMBER_OF,
                    source=person_id,
                    target=person.organisation,
                    confidence=person.org_confidence,
                    evidence=list(dict.fromkeys(person.evidence)),
                )
            )
    return entities, relations
