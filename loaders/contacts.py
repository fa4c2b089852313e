"""Contact persons from the contact blocks of reports, web pages and press releases.

Two shapes occur in the corpus and in documents of the same kind:

- **one line per person**, fields separated by commas, ending in phone numbers and/or an
  e-mail address: ``Anna Pettersson, regiondirektör, Region Västerbotten, 090-16 57 11, …``
  (press releases after "För mer information:", the report's closing contact list, where
  the heading above a group of lines names the area the people answer for);
- **a block per person** on a web page: the name on its own line, then the title line, then
  phone and e-mail lines.

Only lines that carry a phone number or e-mail address are read, so people merely quoted
in the text ("säger Anna Pettersson") are not contact persons. Phone numbers and e-mail
addresses go into attributes only; :mod:`loaders.privacy` removes them unless the operator
opts in. Ids: ``person:<slug of name>``; organisations ``org:<slug of name>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.privacy import EMAIL, PHONE, find_contact_details, strip_trailing_label, with_labels
from loaders.read import SourceText
from ontology.ids import make_id
from ontology.model import Entity, EntityType, Evidence, Mention, Relation, RelationType

_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüø]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüø]+)?"
_PERSON_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,3}}")
# First words that make a capitalised phrase an organisation or a place, not a person.
_NOT_A_PERSON = frozenset(
    [
        "Region",
        "Regionen",
        "Länsstyrelsen",
        "Kommun",
        "Kommunen",
        "Projektet",
        "Projekt",
        "North",
        "South",
        "Västerbotten",
        "Norrbotten",
        "Europeiska",
        "Sveriges",
        "Svenska",
    ]
)
_ORG_SEGMENT = re.compile(
    r"^(?:Region|Regionen|Länsstyrelsen|Landstinget)\s\S|"
    r"\b(?:kommun|universitet|högskola|myndigheten|verket|förbund|förening|stiftelse|AB)$",
)
_HEADING_MAX = 120
_SWITCHBOARD = re.compile(r"\s*(?:växel|vxl|kundtjänst)\b", re.IGNORECASE)
_BLOCK_LOOKBACK = 3  # name, title, organisation
_FIELD_STRIP = " \t\xa0:;"
_LEAD_LABEL = re.compile(r"([^,:]{1,40}):[ \t\xa0]*")
_TRAILING = " ,;\t\xa0"
_CONTACT_SECTION = re.compile(r"(?:Kontakt|Kontaktpersoner|Kontakta oss)\b", re.IGNORECASE)
CONFIDENCE_STATED = 0.95  # the line names the organisation
CONFIDENCE_IMPLIED = 0.8  # the organisation is the document's region


@dataclass
class _Person:
    name: str
    title: str | None = None
    organisation: str | None = None
    areas: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    stated_org: bool = False


@dataclass(frozen=True)
class _Line:
    start: int  # offset in source.text
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            out.append(_Line(pos + lead, body.strip()))
        pos += len(raw)
    return out


def is_person_name(text: str) -> bool:
    """Two to four capitalised words that do not start like an organisation or place."""
    return bool(_PERSON_NAME.fullmatch(text)) and text.split()[0] not in _NOT_A_PERSON


def find_contact_persons(
    source: SourceText, region_org_id: str | None
) -> tuple[list[Entity], list[Relation]]:
    """ContactPerson entities and their ``member_of`` relations found in ``source``.

    ``region_org_id`` (e.g. ``org:region-vasterbotten``) is the organisation assumed when a
    contact line names none. Relations target organisation ids; the caller keeps only those
    whose organisation exists in the extraction (or adds it).
    """
    people: dict[str, _Person] = {}
    lines = _lines(source.text)
    area: str | None = None
    in_contact_section = False
    used: set[int] = set()
    for index, line in enumerate(lines):
        details = find_contact_details(line.text)
        if not details:
            # Headings inside a "Kontakt …" section name the area the people below answer for.
            in_contact_section = in_contact_section or bool(_CONTACT_SECTION.match(line.text))
            if in_contact_section and _is_heading(line.text):
                area = line.text
            continue
        if details[0][0] > 0 and _read_comma_line(source, line, details, area, people):
            used.add(index)
    _read_blocks(source, lines, used, people)
    return _entities(people, region_org_id)


def _is_heading(text: str) -> bool:
    return (
        len(text) <= _HEADING_MAX
        and not text.endswith((".", ":", "!", "?"))
        and not text.startswith(("-", "•", "–"))
    )


def _read_comma_line(
    source: SourceText,
    line: _Line,
    details: list[tuple[int, int, str]],
    area: str | None,
    people: dict[str, _Person],
) -> bool:
    """One person from ``Name, title[, unit][, organisation], details``; False if no name."""
    head = strip_trailing_label(line.text[: details[0][0]])
    offset = _lead_label_end(head)
    fields = [f.strip(_FIELD_STRIP) for f in head[offset:].split(",")]
    fields = [f for f in fields if f]
    if not fields or not is_person_name(fields[0]):
        return False
    person = people.setdefault(fields[0], _Person(fields[0]))
    _describe(person, fields[1:], area)
    _add_details(person, line.text, details)
    start = line.start + line.text.index(fields[0], offset)
    person.mentions.append(_mention(source, start, len(fields[0])))
    quote_end = len(head.rstrip(_TRAILING))
    person.evidence.append(_evidence(source, start, quote_end - (start - line.start)))
    return True


def _lead_label_end(head: str) -> int:
    """Length of a leading label like ``Kontaktperson: `` (0 when a name starts the line)."""
    match = _LEAD_LABEL.match(head)
    if match is None or is_person_name(match.group(1).strip()):
        return 0
    return match.end()


def _describe(person: _Person, fields: list[str], area: str | None) -> None:
    """Title, organisation and area from the fields after the name."""
    orgs = [f for f in fields if _ORG_SEGMENT.search(f)]
    others = [f for f in fields if f not in orgs]
    if others and person.title is None:
        person.title = others[0]
    if orgs and not person.stated_org:
        person.organisation, person.stated_org = orgs[0], True
    unit = others[1] if len(others) > 1 else None
    for place in (unit, area):
        if place and place not in person.areas:
            person.areas.append(place)


def _read_blocks(
    source: SourceText, lines: list[_Line], used: set[int], people: dict[str, _Person]
) -> None:
    """Web-page blocks: name line, optional title line, then lines of only contact details."""
    index = 0
    while index < len(lines):
        if index in used or not _only_details(lines[index].text):
            index += 1
            continue
        first = index
        while index < len(lines) and index not in used and _only_details(lines[index].text):
            index += 1
        _read_block(source, lines, first, index, people)


def _only_details(text: str) -> bool:
    if _SWITCHBOARD.match(text):  # the organisation's number, not the person's
        return False
    details = with_labels(text, find_contact_details(text))
    covered = sum(e - s for s, e in details)
    return bool(details) and covered >= len(re.sub(r"[\s,;:|/]", "", text)) * 0.6


def _read_block(
    source: SourceText, lines: list[_Line], first: int, stop: int, people: dict[str, _Person]
) -> None:
    """Name line, then up to two lines of title and/or organisation, then the details."""
    candidates = lines[max(0, first - _BLOCK_LOOKBACK) : first]
    name_at = next(
        (i for i in range(len(candidates) - 1, -1, -1) if is_person_name(candidates[i].text)), None
    )
    if name_at is None:
        return
    name_line = candidates[name_at]
    between = candidates[name_at + 1 :]
    person = people.setdefault(name_line.text, _Person(name_line.text))
    _describe(person, [line.text for line in between], None)
    for line in lines[first:stop]:
        _add_details(person, line.text, find_contact_details(line.text))
    person.mentions.append(_mention(source, name_line.start, len(name_line.text)))
    last = between[-1] if between else name_line
    person.evidence.append(
        _evidence(source, name_line.start, last.start + len(last.text) - name_line.start)
    )


def _add_details(person: _Person, text: str, details: list[tuple[int, int, str]]) -> None:
    for start, end, kind in details:
        bucket = person.phone if kind == PHONE else person.email if kind == EMAIL else None
        if bucket is not None and text[start:end] not in bucket:
            bucket.append(text[start:end])


def _mention(source: SourceText, start: int, length: int) -> Mention:
    s, e = source.span(start, start + length)
    return Mention(document=source.doc_id, start=s, end=e)


def _evidence(source: SourceText, start: int, length: int) -> Evidence:
    s, e = source.span(start, start + length)
    return Evidence(document=source.doc_id, start=s, end=e, quote=source.original[s:e])


def _entities(
    people: dict[str, _Person], region_org_id: str | None
) -> tuple[list[Entity], list[Relation]]:
    entities: list[Entity] = []
    relations: list[Relation] = []
    for person in people.values():
        person_id = make_id(EntityType.CONTACT_PERSON, person.name)
        org_id = (
            make_id(EntityType.ORGANISATION, person.organisation)
            if person.organisation
            else region_org_id
        )
        attributes = {
            "title": person.title,
            "organisation": org_id,
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
        if org_id:
            relations.append(
                Relation(
                    type=RelationType.MEMBER_OF,
                    source=person_id,
                    target=org_id,
                    confidence=CONFIDENCE_STATED if person.stated_org else CONFIDENCE_IMPLIED,
                    evidence=list(dict.fromkeys(person.evidence)),
                )
            )
    return entities, relations
