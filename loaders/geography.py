"""Themes and places of arenas and projects found anywhere in a document, and the home
municipality of organisations named after one.

An arena or project is described where it is mentioned: the sentences that name it (its
defining sentence, and later ones that come back to it) carry the places it concerns
("med Åsele … som utgångspunkt i projektet Resilify", "utifrån Åsele kommuns situation")
and lexicon evidence of its themes; the section it sits in ("… › Energi") gives its
strategic-area theme. Groupings expand to their members (loaders/patterns/groupings.toml):
"Region 10", "inlandskommuner"/"inlandet" and "kustkommunerna" (of the document's county),
"länets kommuner", "alla femton kommuner". Counties and regions are county-level bodies and
never spread to every municipality.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from loaders.doc import OrgMention, Outline
from loaders.gazetteer import gazetteer, load_toml, org_heads
from loaders.relations import sentences
from loaders.resolve import GraphBuilder
from loaders.structure import section_path_at
from loaders.themes import themes_of_name, themes_of_section, themes_with_evidence
from ontology.model import EntityType, OrgType, RelationType
from ontology.reference import MunicipalityRecord, area_sets, municipalities

E = EntityType
R = RelationType

# Confidence of each kind of link (a rule's reliability, measured by hand on the corpus).
SECTION_THEME = 0.8  # the innermost theme-naming heading the work sits under
NAME_THEME = 0.75  # a keyword in the work's own name ("Nätverk Bredbandssamordning")
SUBJECT_THEME = 0.7  # a theme heading of a page about one work (its work packages)
SENTENCE_THEME = 0.6  # >= MIN_SENTENCE_HITS keyword hits in the sentences that name it
NAMED_PLACE = 0.7  # a municipality named in a sentence that names the work
GROUPED_PLACE = 0.6  # a member of a grouping named there ("inlandskommuner")
SUBJECT_PLACE_DISCOUNT = 0.1  # a place on a project's page, in a sentence not naming it
OWN_GROUPING = 0.8  # an arena that is a grouping ("Region 10") targets its members
ORG_NAME_PLACE = 0.6  # "Umeå universitet" → Umeå
SUBJECT_HEADINGS = 3  # a page's subject is named by one of its first headings
MAX_THEME_HEADING_WORDS = 4  # "Energi", "Fysisk planering": short headings only
MAX_SUBHEADING_WORDS = 8  # longer "headings" are usually sentence pieces cut by a page break
# Organisation types whose place in their name is a county, not a municipality.
_COUNTY_LEVEL = {OrgType.REGION.value, OrgType.COUNTY_BOARD.value}
# "Umeå kommun" → the municipality's own name; "Uppsala läns …" → a county.
_NOT_A_HOME = re.compile(r"^(?:s?\s+läns?\b|s?\s+kommun)")
_NEXT_WORD = re.compile(r"\s+([\wåäöÅÄÖ]+)")
_PARTITIVE = re.compile(r"\b\w+ av\s*$")
_COORDINATION = re.compile(r"^\s*(?:,|och|samt|eller)\s*(?:,|och|samt)?\s*$")


class Host(Protocol):
    """What the document extractor (loaders.pipeline.DocExtractor) offers this stage."""

    text: str
    county: str | None
    g: GraphBuilder
    out: Outline
    mentions: list[OrgMention]
    targets: list[tuple[int, int, str]]
    item_spans: list[tuple[int, int, str]]
    org_at: list[tuple[OrgMention, str]]

    def ev(self, start: int, end: int) -> tuple[str, int, int, str]: ...

    def _municipality(self, place_id: str) -> str: ...


@dataclass(frozen=True)
class PlaceHit:
    """Municipalities a span of text names: one place, or the members of a grouping."""

    start: int
    end: int
    place_ids: tuple[str, ...]
    grouping: bool


@dataclass(frozen=True)
class _Grouping:
    pattern: re.Pattern[str]
    members: str
    area_set: str | None


@lru_cache(maxsize=1)
def _groupings() -> tuple[_Grouping, ...]:
    spec = load_toml("groupings.toml")["grouping"]
    assert isinstance(spec, list)
    return tuple(
        _Grouping(re.compile(str(g["pattern"])), str(g["members"]), g.get("set"))
        for g in spec
        if g["members"] != "northern_regions"  # regions are county-level bodies, not places
    )


def _county_of_short(short: str) -> str | None:
    """ "Västerbotten" → "Västerbottens län"."""
    for m in municipalities():
        if m.county.removesuffix(" län").removesuffix("s") == short:
            return m.county
    return None


def grouping_members(g: _Grouping, m: re.Match[str], county: str | None) -> tuple[str, ...]:
    """Municipality ids a grouping match stands for (empty when its county is unknown)."""
    munis = municipalities()
    if g.members == "region10":
        return tuple(r.id for r in munis if r.region10_member)
    if g.members == "area_set" and g.area_set:
        codes = area_sets()[g.area_set].codes
        return tuple(r.id for r in munis if r.code in codes)
    if g.members == "named_county_municipalities":
        county = _county_of_short(m.group("county"))
    if county is None:
        return ()
    in_county = [r for r in munis if r.county == county]
    if g.members == "inland":
        return tuple(r.id for r in in_county if r.inland)
    if g.members == "coast":
        return tuple(r.id for r in in_county if r.coast)
    return tuple(r.id for r in in_county)


def grouping_hits(text: str, start: int, end: int, county: str | None) -> list[PlaceHit]:
    out = []
    for g in _groupings():
        for m in g.pattern.finditer(text, start, end):
            if _PARTITIVE.search(text, max(0, m.start() - 30), m.start()):
                continue  # "sju av länets kommuner" names some of them, not which
            members = grouping_members(g, m, county)
            if members:
                out.append(PlaceHit(m.start(), m.end(), members, True))
    return out


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    words = load_toml("geography.toml")["name_heads"]
    assert isinstance(words, list)
    return frozenset(str(w).casefold() for w in words) | {h.casefold() for h in org_heads()}


def _in_org_name(text: str, m: OrgMention) -> bool:
    """ "Umeå Universitet": a place followed by an organisation head word."""
    nxt = _NEXT_WORD.match(text, m.end)
    return bool(nxt and nxt.group(1).casefold() in _name_heads())


def _place_mentions(mentions: Sequence[OrgMention], text: str = "") -> list[PlaceHit]:
    """Bare municipality names ("Åsele", "Skellefteås") and municipalities in the genitive
    ("Åsele kommuns situation"); "Åsele kommun" itself is an actor, linked elsewhere."""
    out = []
    for m in mentions:
        if not m.place_id or (text and _in_org_name(text, m)):
            continue
        if m.org_type == "place" or (
            m.org_type == OrgType.MUNICIPALITY.value and m.surface.endswith("kommuns")
        ):
            out.append(PlaceHit(m.start, m.end, (m.place_id,), False))
    return out


def place_hits(
    text: str,
    mentions: Sequence[OrgMention],
    county: str | None,
    orgs: Sequence[OrgMention],
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[PlaceHit]:
    """Places and groupings of the document (or of its sentence ``spans``), skipping
    groupings inside an organisation name ("Norrbottens Kommuner" is an association)."""
    covered = sorted((o.start, o.end) for o in orgs)
    starts = [a for a, _ in covered]
    groups = [
        h
        for s, e in (spans if spans is not None else [(0, len(text))])
        for h in grouping_hits(text, s, e, county)
        if not _inside(starts, covered, h.start)
    ]
    return sorted(_place_mentions(mentions, text) + groups, key=lambda h: h.start)


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies in one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --- organisations named after their municipality ---------------------------------------


def home_in_name(name: str, org_type: str) -> MunicipalityRecord | None:
    """The municipality an organisation's name places it in ("Umeå universitet", "Visit
    Umeå", "Skellefteå Kraft"); None for county-level bodies and municipalities themselves."""
    if org_type in _COUNTY_LEVEL or org_type == OrgType.MUNICIPALITY.value:
        return None
    g = gazetteer()
    for m in g.muni_re.finditer(name):
        if _NOT_A_HOME.match(name[m.end() :]):
            continue
        rec = g.municipality(m.group(1))
        if rec is not None:
            return rec
    return None


def org_homes(x: Host) -> None:
    """located_in for organisations whose name holds a municipality (lower confidence than
    "X kommun"); evidence is a mention that spells the name."""
    located = {s for (rt, s, _) in x.g.relations if rt is R.LOCATED_IN}
    done: set[str] = set()
    for m, eid in x.org_at:
        if eid in located or eid in done or x.g.entities[eid].type is not E.ORGANISATION:
            continue
        rec = home_in_name(m.surface, m.org_type)
        if rec is None:
            continue
        done.add(eid)
        x.g.relate(R.LOCATED_IN, eid, x._municipality(rec.id), ORG_NAME_PLACE, x.ev(m.start, m.end))


# --- arenas and projects ----------------------------------------------------------------


def _work_mentions(x: Host) -> list[tuple[int, int, str]]:
    works = (E.ARENA, E.PROJECT)
    return sorted(
        {
            (s, e, eid)
            for s, e, eid in x.targets
            if eid in x.g.entities and x.g.entities[eid].type in works
        }
    )


def _is_grouping_name(name: str) -> bool:
    """A work named by a grouping ("Region 10") is a place set, not a host of places."""
    return any(g.pattern.fullmatch(name) for g in _groupings())


def _sentence_of(starts: list[int], spans: list[tuple[int, int]], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _same_clause(text: str, work: tuple[int, int, str], hit: PlaceHit) -> bool:
    """No comma between a work and a grouping, except those setting off the work's name
    ("Projektet, R10 - …, har som syfte att koppla ihop kommuner i inlandet" but not
    "samarbeten med länets kommuner, särskilt genom projekt som …")."""
    if hit.start < work[1] and work[0] < hit.end:
        return True
    if work[1] <= hit.start:
        gap = text[work[1] : hit.start]
        gap = gap[1:] if gap.startswith(",") else gap
    else:
        gap = text[hit.end : work[0]]
        gap = gap[:-2] if gap.endswith(", ") else gap
    return "," not in gap and ";" not in gap


def _attribute(
    hit: PlaceHit, works: list[tuple[int, int, str]], text: str
) -> list[tuple[int, int, str]]:
    """The works a place in their sentence belongs to: the only one, else the nearest and
    those listed together with it ("projekten Resilify och POLIMON, som båda har Åsele")."""
    if len({w[2] for w in works}) == 1:
        return works

    def distance(w: tuple[int, int, str]) -> int:
        if hit.start < w[1] and w[0] < hit.end:  # the place is in the work's name
            return 0
        return hit.start - w[1] if w[1] <= hit.start else w[0] - hit.end

    ordered = sorted(works, key=lambda w: w[0])
    nearest = min(ordered, key=distance)
    i = ordered.index(nearest)
    chosen = [nearest]
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda w: w[0])
            if not _COORDINATION.match(text[a[1] : b[0]]):
                break
            j += step
            chosen.append(ordered[j])
    return chosen


def _subject(x: Host, works: list[tuple[int, int, str]]) -> str | None:
    """The project a page is about: one of its first headings is the project's name."""
    first = [ln.text.strip().casefold() for ln in x.out.lines if ln.heading][:SUBJECT_HEADINGS]
    for eid in dict.fromkeys(w[2] for w in works):
        acc = x.g.entities[eid]
        names = {acc.name.casefold(), *(a.casefold() for a in acc.aliases)}
        if acc.type is E.PROJECT and names & set(first):
            return eid
    return None


def _subject_themes(x: Host, eid: str) -> None:
    """A page about one project: its short theme headings are its work packages."""
    for ln in x.out.lines:
        if not ln.heading or len(ln.text.split()) > MAX_THEME_HEADING_WORDS:
            continue
        for theme in themes_of_name(ln.text):
            x.g.relate(R.HAS_THEME, eid, theme, SUBJECT_THEME, x.ev(ln.start, ln.end))


def reach(x: Host) -> None:
    """has_theme and targets_place for every arena and project mentioned in the document."""
    works = _work_mentions(x)
    if works:
        _reach_of_works(x, works)
    _own_groupings(x)
    org_homes(x)


def _reach_of_works(x: Host, works: list[tuple[int, int, str]]) -> None:
    text = x.text
    spans = sentences(text, 0, len(text))
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for w in works:
        by_sentence.setdefault(_sentence_of(starts, spans, w[0]), []).append(w)
    orgs = [m for m, _ in x.org_at]
    org_spans = [(m.start, m.end) for m in orgs]
    contexts: dict[str, list[tuple[int, int]]] = {}
    for idx, ws in by_sentence.items():
        for w in ws:
            contexts.setdefault(w[2], []).append(spans[idx])
    items = {eid for _, _, eid in x.item_spans}
    first: dict[str, tuple[int, int]] = {}
    for s, e, eid in works:
        first.setdefault(eid, (s, e))
    for eid, ctx in contexts.items():
        _themes_of_work(x, eid, first[eid], ctx, org_spans, items)
    subject = _subject(x, works)
    if subject:
        _subject_themes(x, subject)
    scan = None if subject else [spans[i] for i in sorted(by_sentence)]
    for hit in place_hits(text, x.mentions, x.county, orgs, scan):
        idx = _sentence_of(starts, spans, hit.start)
        hosts = [w for w in by_sentence.get(idx, []) if not _grouping_work(x, w[2])]
        if hit.grouping:  # a grouping stands for many places: only in the work's own clause
            hosts = [w for w in hosts if _same_clause(text, w, hit)]
        conf = GROUPED_PLACE if hit.grouping else NAMED_PLACE
        if hosts:
            chosen = [eid for _, _, eid in _attribute(hit, hosts, text)]
        elif subject:  # a page about one project: its places are the project's
            chosen, conf = [subject], conf - SUBJECT_PLACE_DISCOUNT
        else:
            continue
        s, e = spans[idx]
        for eid in chosen:
            for pid in hit.place_ids:
                x.g.relate(R.TARGETS_PLACE, eid, x._municipality(pid), conf, x.ev(s, e))


def _grouping_work(x: Host, eid: str) -> bool:
    return _is_grouping_name(x.g.entities[eid].name)


def _heading_themes(x: Host, pos: int) -> list[str]:
    """Themes of the nearest sub-heading above ``pos`` within its section that names any
    ("Deltagande i energiprojekt", "Regional kulturverksamhet övergripande"): more specific
    than the section path, which knows only the recognised strategic-area headings. Headings
    that name a work (a list's item titles) are skipped: a sibling's name is no theme."""
    section_start = max((s for s, _ in x.out.section_at if s <= pos), default=0)
    named = [(s, e) for s, e, _ in x.targets]
    for ln in reversed(x.out.lines):
        if ln.start >= pos or not ln.heading:
            continue
        if ln.start < section_start:
            break
        if len(ln.text.split()) > MAX_SUBHEADING_WORDS:
            continue
        if any(s < ln.end and ln.start < e for s, e in named):
            continue
        found = themes_of_name(ln.text)
        if found:
            return found
    return []


def _themes_of_work(
    x: Host,
    eid: str,
    mention: tuple[int, int],
    ctx: Iterable[tuple[int, int]],
    exclude: Sequence[tuple[int, int]],
    items: set[str],
) -> None:
    acc = x.g.entities[eid]
    ctx = list(ctx)
    defining = x.ev(*ctx[0]) if ctx else x.ev(*mention)  # the sentence of its first mention
    found = _heading_themes(x, mention[0]) if eid not in items else []
    if not found:
        path = acc.attributes.get("section_path") or section_path_at(x.out, mention[0])
        found, _ = themes_of_section(list(path))
    for theme in found:
        x.g.relate(R.HAS_THEME, eid, theme, SECTION_THEME, defining)
    for theme in themes_of_name(acc.name):
        x.g.relate(R.HAS_THEME, eid, theme, NAME_THEME, defining)
    for theme, (s, e) in themes_with_evidence(x.text, ctx, exclude).items():
        x.g.relate(R.HAS_THEME, eid, theme, SENTENCE_THEME, x.ev(s, e))


def _own_groupings(x: Host) -> None:
    """An arena that is a grouping ("Region 10", "Umeåregionen") targets its members."""
    for s, e, eid in x.targets:
        acc = x.g.entities.get(eid)
        if acc is None or acc.type is not E.ARENA:
            continue
        for g in _groupings():
            m = g.pattern.fullmatch(acc.name)
            if m is None:
                continue
            for pid in grouping_members(g, m, x.county):
                x.g.relate(R.TARGETS_PLACE, eid, x._municipality(pid), OWN_GROUPING, x.ev(s, e))


__all__ = [
    "PlaceHit",
    "grouping_hits",
    "grouping_members",
    "home_in_name",
    "org_homes",
    "place_hits",
    "reach",
]
