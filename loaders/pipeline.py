"""The extraction pipeline: files → one merged :class:`ontology.model.Extraction`.

read → clean → structure → mentions → resolve → relations → themes/geography → contacts
→ merge across documents → curation (unless disabled) → privacy (last). Per-document stages
run in a process pool; cross-document resolution runs once in the parent.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders import contacts, geography, privacy
from loaders.clean import clean_text
from loaders.doc import CleanText, Item, OrgMention
from loaders.errors import LoaderError
from loaders.events import extract_events
from loaders.gazetteer import gazetteer, load_toml
from loaders.mentions import acronym_definitions, find_mentions, org_name_shape
from loaders.offsets import OffsetMap
from loaders.read import read_source
from loaders.relations import relate_document
from loaders.resolve import GraphBuilder, clean_name, strip_genitive
from loaders.sdg_targets import record_targets
from loaders.structure import BULLET_LEAD, outline, section_path_at
from loaders.tables import Cell, partner_markers, table_rows
from loaders.themes import themes_of_name, themes_of_text
from loaders.works import (
    BREADCRUMB_CHARS,
    breadcrumb_names,
    item_kind,
    plausible_work_name,
    title_aliases,
    work_names,
)
from ontology.ids import document_id, make_id, slug
from ontology.model import (
    ArenaKind,
    Document,
    EntityType,
    Extraction,
    OrgType,
    RelationType,
)
from ontology.reference import county_id, municipalities, sdg_goals, themes

E = EntityType
R = RelationType


@dataclass(frozen=True)
class ExtractOptions:
    keep_contact_details: bool = False
    curation: Path | None = None
    workers: int | None = None
    apply_curation: bool = True


@dataclass(frozen=True)
class FileError:
    path: str
    message: str


@dataclass
class ExtractResult:
    extraction: Extraction
    errors: list[FileError] = field(default_factory=list)
    curation_report: Any = None
    # doc id → the original file text that provenance offsets index into
    texts: dict[str, str] = field(default_factory=dict)


# --- rules as data ------------------------------------------------------------------

_NAMES = load_toml("names.toml")
_NOT_ORG = {str(w).casefold() for w in _NAMES["not_org"]}  # type: ignore[attr-defined]
_PROGRAMMES = {str(w).casefold() for w in _NAMES["programmes"]}  # type: ignore[attr-defined]
# A capital, a digit or a dash after the first letter: written like a name ("Gods i Norr",
# "Laddinfrastruktur längs E10", "Malmbanan – kapacitetsstudie").
_WRITTEN_AS_NAME = re.compile(r"[A-ZÅÄÖ0-9–]")
_LEADING_SHORT = re.compile(r"([A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,11}) [–-] ")
_PAREN_NOTE = re.compile(r"\s*\([^()]*\)")
_CELL_LIST = re.compile(r",\s*|\s+(?:och|samt)\s+")
# "AP1", "AP4 Kommunikation", "WP2 Training": a work package, named or not.
_WORK_PACKAGE = re.compile(r"(?:AP|WP|DP|Arbetspaket|Work package)[ \t]?\d{1,2}(?: .*)?", re.I)
_OPENERS = frozenset(str(w) for w in _NAMES["clause_openers"])  # type: ignore[attr-defined]
_ARENA_NAME_CUE = re.compile("|".join(_NAMES["arena_name_cues"]), re.I)  # type: ignore[arg-type]
_PROJECT_NAME_CUE = re.compile("|".join(_NAMES["project_name_cues"]), re.I)  # type: ignore[arg-type]
_KINDS = load_toml("arena_kinds.toml")


_ACRONYM_IN_TITLE = re.compile(r"^(.*?)\s*\(([^()]{1,30})\)\s*(.*)$")
_REGION10 = re.compile(r"\bRegion ?10\b")
_INLAND = re.compile(r"\b(inlandet|inlandskommuner\w*|inlandsk\w*)\b", re.I)
# "RUS 2020–2030", "den regionala utvecklingsstrategin": the document follows up a strategy.
_RUS = re.compile(
    r"\b(?:RUS|[Rr]egional(?:a|en)?\s+utvecklingsstrategi(?:n|ns)?)\b"
    r"(?:\s*\(?(\d{4})\s*[–-]\s*(\d{4}))?"
)
_LEGAL_FORM = re.compile(r"(.{4,}?),? (?:ekonomisk|ideell) förening")
# The end of a gloss in parentheses, maybe with an acronym: ")" or ", LTU)".
_DASH_BETWEEN = re.compile(r"[ \t]+[–-][ \t]+")
_GLOSS_END = re.compile(r"(?:,\s*[A-ZÅÄÖ][\wÅÄÖ-]{1,9})?\)")
_REGION_NAME = re.compile(r"Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+[A-ZÅÄÖ][\wåäö]+)?")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SDG_NUM = re.compile(r"(?i)mål\s*(\d{1,2})")
_NAME_LIKE = re.compile(r"[A-ZÅÄÖ]{2,}|\d|\"|[a-zåäö][A-ZÅÄÖ]|\s[A-ZÅÄÖ]")
_ONE_WORD_NAME = re.compile(r"[A-ZÅÄÖ]{2,}|\d|[a-zåäö][A-ZÅÄÖ]")
_IN_PARENS = re.compile(r"\s*\(\s*")
_TRAILING_SMALL = re.compile(r"(?:\s+(?:i|för|och|av|på))+$")


_DASH_SUBTITLE = re.compile(r"([A-ZÅÄÖ][\wåäö-]+(?: [A-ZÅÄÖ][\wåäö-]+)?) – [a-zåäö]")


def _arena_kind(name: str, description: str) -> ArenaKind:
    cues = _KINDS["cues"]
    order = _KINDS["order"]
    assert isinstance(cues, dict) and isinstance(order, list)
    for text in (name.casefold(), description.casefold()[:200]):
        for kind in order:
            if any(re.search(r"\b" + c + r"|" + c + r"\b", text) for c in cues[kind]):
                return ArenaKind(kind)
    return ArenaKind.OTHER


def name_like(title: str) -> bool:
    """A list heading that names something (acronym, proper noun, quote, digits)."""
    if len(title.split()) == 1:
        return bool(_ONE_WORD_NAME.search(title))
    return bool(_NAME_LIKE.search(title))


_TRAILING_NOTE = re.compile(r"\s*\(([^()]{1,40})\)\s*$")


def _drop_note(title: str) -> str:
    """ "Border Jobs Bridge (2024–2027)", "Digital byaservice (avslutat 2023)", "Lokala
    initiativ 2025 (paraplyprojekt)": a period, a status or a kind noted after the name."""
    m = _TRAILING_NOTE.search(title)
    note = m.group(1) if m else ""
    if m and (re.search(r"\d{4}", note) or note.islower()):
        return title[: m.start()]
    return title


def split_title(title: str) -> tuple[str, str | None]:
    """ "Digital Impact North (DIN)" → ("Digital Impact North", "DIN")."""
    title = _drop_note(title)
    m = _ACRONYM_IN_TITLE.match(title)
    if m and re.fullmatch(r"[\wÅÄÖåäö0-9&.\- ]{1,20}", m.group(2)) and m.group(2)[:1].isupper():
        rest = m.group(3).strip(" ,")
        name = m.group(1) + (", " + rest if rest else "")
        # "Europaforum Norra Sverige (EFNS), sammanhållningspolitikgruppen": the acronym
        # names the part before it, not the group the heading names.
        return clean_name(name), None if rest else m.group(2).strip()
    return clean_name(title), None


class DocExtractor:
    """Extraction of one cleaned document into a :class:`GraphBuilder`."""

    def __init__(self, clean: CleanText, path: str) -> None:
        self.c = clean
        self.text = clean.text
        self.doc = clean.doc_id
        self.path = path
        self.g = GraphBuilder()
        self.targets: list[tuple[int, int, str]] = []  # arena/project mentions (cleaned)
        self.item_spans: list[tuple[int, int, str]] = []
        self.region, self.county = self._home_region()
        self.munis = municipalities()
        self.muni_by_id = {m.id: m for m in self.munis}

    # --- provenance helpers ---
    def ev(self, start: int, end: int) -> tuple[str, int, int, str]:
        s, e = self.c.span(start, end)
        return (self.doc, s, e, self.c.original[s:e])

    def mention(self, eid: str, start: int, end: int) -> None:
        s, e = self.c.span(start, end)
        self.g.mention(eid, self.doc, s, e)

    def _home_region(self) -> tuple[str | None, str | None]:
        g = gazetteer()
        counts: dict[str, int] = {}
        # The original text: a running header ("Region X | Uppföljning … | sid 31") that
        # cleaning drops still says whose document it is.
        for m in _REGION_NAME.finditer(self.c.original):
            words = m.group(0).split()
            for cand in (" ".join(words), " ".join(words[:2])):
                name = g.region_names.get(cand.lower())
                if name:
                    counts[name] = counts.get(name, 0) + 1
                    break
        if not counts:
            return None, None
        region = max(counts, key=lambda k: counts[k])
        return region, g.county_of_region.get(region)

    # --- stages ---
    def run(self) -> tuple[Document, GraphBuilder]:
        self.strategy = self._strategy()
        self.out = outline(self.text, self.strategy or "strategy:x")
        self.defs = acronym_definitions(self.text)
        self.mentions = find_mentions(self.text, self.county)
        self._organisations()
        self._items()
        self._text_projects_and_arenas()
        self._legal_forms()
        self._acronym_mentions()
        self._tables()
        extract_events(self)  # loaders/events.py: meetings and who takes part
        self._relations()
        self._sdgs()
        record_targets(self)  # loaders/sdg_targets.py: delmål 8.9 → goal targets
        self._themes_and_places()
        return self._document(), self.g

    def _strategy(self) -> str | None:
        # Found in the original text: a running header may be its only mention.
        found = list(_RUS.finditer(self.c.original))
        # The mention that gives the strategy's period names it best ("RUS 2020–2030").
        m = next((f for f in found if f.group(1)), found[0] if found else None)
        if not m or self.region is None:
            return None
        short = self.region.removeprefix("Region ")
        period = f"{m.group(1)}–{m.group(2)}" if m.group(1) else None
        name = f"RUS {period} {short}" if period else f"RUS {short}"
        sid = self.g.entity(
            E.STRATEGY,
            name,
            eid=make_id(E.STRATEGY, "rus", short),
            attributes={
                "period": period.replace("–", "/") if period else None,
                "region": self.region,
            },
            confidence=0.9,
        )
        self.g.mention(sid, self.doc, m.start(), m.end())  # original offsets
        return sid

    def _municipality(self, place_id: str) -> str:
        rec = self.muni_by_id[place_id]
        return self.g.entity(
            E.MUNICIPALITY,
            rec.name,
            eid=rec.id,
            confidence=1.0,
            attributes={
                "code": rec.code,
                "county": county_id(rec.county),
                "county_code": rec.county_code,
                "inland": rec.inland,
                "coast": rec.coast,
                "region10_member": rec.region10_member,
            },
        )

    def _org(self, m: OrgMention) -> str | None:
        name = strip_genitive(m.name, self._known_names)
        if "   " in name:
            return None  # cells of a space-aligned table run together
        if name.casefold() in _NOT_ORG or name.casefold() in _PROGRAMMES:
            return None
        if _WORK_PACKAGE.fullmatch(name):
            return None  # "AP1 Samlastning och logistik": a work package's number
        if m.org_type == OrgType.OTHER.value and not org_name_shape(
            name, self.text, m.start, m.end
        ):
            return None  # "Analytikernätverket" is an arena, "Sara Ajnnak, artist" a person
        acronym = m.acronym or next(
            (a for a, n in self.defs.items() if n.casefold() == name.casefold()), None
        )
        seat = m.place_id if m.org_type == OrgType.MUNICIPALITY.value else None
        # "Haparanda stad" for "Haparanda kommun": the written form is an alias.
        written = (m.surface,) if seat and m.surface.endswith(" stad") else ()
        eid = self.g.entity(
            E.ORGANISATION,
            name,
            aliases=((acronym,) if acronym else ()) + written,
            attributes={"org_type": m.org_type, "acronym": acronym, "seat": seat},
            confidence=m.confidence,
        )
        self.mention(eid, m.start, m.end)
        if seat:
            mid = self._municipality(seat)
            self.g.relate(R.LOCATED_IN, eid, mid, 0.95, self.ev(m.start, m.end))
        return eid

    def _organisations(self) -> None:
        self._known_names = {m.name.casefold() for m in self.mentions}
        self.org_at: list[tuple[OrgMention, str]] = []
        for m in self.mentions:
            if m.org_type == "place":
                if m.place_id:
                    self.mention(self._municipality(m.place_id), m.start, m.end)
                continue
            eid = self._translation_of(m) or self._org(m)
            if eid:
                self.org_at.append((m, eid))

    def _translation_of(self, m: OrgMention) -> str | None:
        """ "Lapplands yrkeshögskola (Lapin ammattikorkeakoulu)": a name in parentheses right
        after an organisation is its other-language name, an alias, not a second body."""
        if not self.org_at or self.g.find(E.ORGANISATION, m.name):
            return None
        prev, eid = self.org_at[-1]
        parens = _IN_PARENS.fullmatch(self.text, prev.end, m.start) and _GLOSS_END.match(
            self.text, m.end
        )
        if not parens and not self._dash_gloss(prev, m):
            return None
        self.g.entity(E.ORGANISATION, self.g.entities[eid].name, eid=eid, aliases=(m.name,))
        self.mention(eid, m.start, m.end)
        return eid

    def _dash_gloss(self, prev: OrgMention, m: OrgMention) -> bool:
        """ "• Lapin liitto – Regional Council of Lapland": a list line that names a body and,
        after a dash, its name in another language."""
        line_start = self.text.rfind("\n", 0, prev.start) + 1
        return (
            BULLET_LEAD.fullmatch(self.text, line_start, prev.start) is not None
            and _DASH_BETWEEN.fullmatch(self.text, prev.end, m.start) is not None
            and self.text[m.end : m.end + 1] in ("\n", "")
        )

    def _items(self) -> None:
        for item in self.out.items:
            if item.kind == "sdg":
                continue
            kind = item_kind(item)  # loaders/works.py: names vs activity descriptions
            if kind is not None:
                self._item_entity(item, kind)

    def _item_entity(self, item: Item, kind: str) -> None:
        name, acronym = split_title(item.title.text)
        if len(name) < 2 or self._legal_body(name):
            return  # "Arvidsjaurhem AB" under "Kommunens bolag" after a list of projects
        others = tuple(clean_name(a) for a in title_aliases(name))
        etype = E.ARENA if kind == "arena" else E.PROJECT
        existing = self._find_work(name, acronym) or next(
            (f for f in (self._find_work(a, None) for a in others) if f), None
        )
        etype = self.g.entities[existing].type if existing else etype
        attrs: dict[str, Any] = {
            "section_path": list(item.section_path),
            "description": item.description[:500] or None,
            "acronym": acronym,
        }
        if etype is E.ARENA:
            attrs["kind"] = _arena_kind(name, item.description).value
        eid = self.g.entity(
            etype,
            name,
            eid=existing,
            aliases=((acronym,) if acronym else ()) + others,
            attributes=attrs,
            confidence=0.9,
        )
        self.mention(eid, item.title.start, item.title.end)
        self.targets.append((item.title.start, item.title.end, eid))
        self.item_spans.append((item.start, item.end, eid))
        if item.area_key:
            self._item_area_themes(eid, item)

    def _legal_body(self, name: str) -> bool:
        """The name is an organisation of a definite kind (a company, a municipality, an
        agency …), never a setting; "RegLab" (kind unknown) may be both."""
        oid = self.g.find(E.ORGANISATION, name)
        kind = self.g.entities[oid].attributes.get("org_type") if oid else None
        return kind not in (None, OrgType.OTHER.value, OrgType.CIVIL_SOCIETY.value)

    def _item_area_themes(self, eid: str, item: Item) -> None:
        area = self.out.areas.get(item.area_key or "")
        if area is None:
            return
        for theme in themes_of_name(area.name):
            self.g.relate(R.HAS_THEME, eid, theme, 0.85, self.ev(item.title.start, item.title.end))

    def _text_projects_and_arenas(self) -> None:
        for w in work_names(self.text):  # loaders/works.py: cue, predicate and list rules
            self._text_project(w.text, w.start, w.acronym, E.ARENA if w.kind == "arena" else None)
        self._breadcrumb_work()
        for acr, name in self.defs.items():
            if _ARENA_NAME_CUE.search(name) and not self.g.find(E.ORGANISATION, name):
                self._defined(E.ARENA, name, acr)
            elif _PROJECT_NAME_CUE.search(name):
                self._defined(E.PROJECT, name, acr)
        for m in _REGION10.finditer(self.text):
            eid = self.g.entity(
                E.ARENA,
                "Region 10",
                attributes={"kind": ArenaKind.OTHER.value},
                aliases=("Region10",),
                confidence=0.85,
            )
            self.mention(eid, m.start(), m.end())
            self.targets.append((m.start(), m.end(), eid))

    def _breadcrumb_work(self) -> None:
        """The page's breadcrumb ("Start / Projekt / TORBY – Tornedalsbyar i samverkan") is
        web furniture the reader dropped; the work it ends in is the page's title, often in
        capitals ("TORBY – TORNEDALSBYAR I SAMVERKAN"), named as the breadcrumb writes it."""
        for w in breadcrumb_names(self.c.original[:BREADCRUMB_CHARS]):
            at = self.text.casefold().find(w.text.casefold())
            if at >= 0:
                kind = E.ARENA if w.kind == "arena" else E.PROJECT
                lead = _LEADING_SHORT.match(w.text)  # "TORBY – …": its short form too
                acronym = lead.group(1) if lead else None
                self._text_project(w.text, at, acronym, kind, end=at + len(w.text))

    def _legal_forms(self) -> None:
        """ "Matklustret Jämtland Härjedalen ekonomisk förening" in the footer of the cluster's
        own page is the legal form of the arena it names, not another organisation."""
        for eid, acc in list(self.g.entities.items()):
            if acc.type is not E.ORGANISATION:
                continue
            # "FoU Välfärd" under a list of arenas and in "föreningen FoU Välfärd": the arena.
            m = _LEGAL_FORM.fullmatch(acc.name)
            work = self._find_work(m.group(1) if m else acc.name, None)
            work = work if work and (m or self.g.entities[work].name == acc.name) else None
            if work:
                self.g.absorb(eid, work)
                self.org_at = [(om, oid) for om, oid in self.org_at if oid != eid]

    def _text_project(
        self,
        raw: str,
        start: int,
        acronym: str | None,
        kind: EntityType | None = None,
        end: int | None = None,  # where the written name ends, when wrapped over lines
    ) -> str | None:
        """The arena/project a name found in running text names (None when it is none)."""
        name, inner = split_title(_TRAILING_SMALL.sub("", raw))
        subtitled = _DASH_SUBTITLE.match(name)  # "Smakvägen – mat och upplevelser längs …"
        acronym = acronym or inner or (subtitled.group(1) if subtitled else None)
        if name in self.defs:  # a bare acronym: name the project by its definition
            name, acronym = clean_name(self.defs[name]), name
        if name.casefold() in _NOT_ORG or len(name) < 3 or not plausible_work_name(raw):
            return None
        if (
            self.g.find(E.ORGANISATION, name)
            or self.g.find(E.ORGANISATION, f"{name} AB")  # "Balticgruppen" is Balticgruppen AB
            or (acronym and self.g.find(E.ORGANISATION, acronym))
        ):
            return None
        existing = self._find_work(name, acronym)
        etype = self.g.entities[existing].type if existing else kind or E.PROJECT
        attrs: dict[str, Any] = {
            "section_path": list(section_path_at(self.out, start)),
            "acronym": acronym,
        }
        if etype is E.ARENA:
            attrs["kind"] = _arena_kind(name, "").value
        eid = self.g.entity(
            etype,
            name,
            eid=existing,
            aliases=(acronym,) if acronym else (),
            attributes=attrs,
            confidence=0.75,
        )
        stop = start + len(raw) if end is None else end
        self.mention(eid, start, stop)
        self.targets.append((start, stop, eid))
        return eid

    def _find_work(self, name: str, acronym: str | None) -> str | None:
        """An arena or project already known by this name or acronym."""
        for etype in (E.ARENA, E.PROJECT):
            # "arbetsgruppen Kompetens i besöksnäringen" names "Arbetsgruppen Kompetens i …"
            for key in (name, acronym, f"Arbetsgruppen {name}"):
                if key:
                    found = self.g.find(etype, key)
                    if found:
                        return found
        return None

    def _defined(self, etype: EntityType, name: str, acr: str) -> None:
        name = clean_name(name)
        pos = self.text.find(name)
        if pos < 0:
            return
        existing = self._find_work(name, acr)
        etype = self.g.entities[existing].type if existing else etype
        eid = self.g.entity(
            etype, name, eid=existing, aliases=(acr,), attributes={"acronym": acr}, confidence=0.7
        )
        self.mention(eid, pos, pos + len(name))
        self.targets.append((pos, pos + len(name), eid))

    def _acronym_mentions(self) -> None:
        """Bare acronyms ("DIN", "EFNS") point at the entity that defined them."""
        by_acr: dict[str, str] = {}
        for eid, acc in self.g.entities.items():
            if acc.type in (E.ORGANISATION, E.ARENA, E.PROJECT):
                defined = acc.attributes.get("acronym")
                for a in acc.aliases:
                    # "(Nenet)", "(UmU)": a short form defined in parentheses, any case.
                    if len(a) >= 3 and (a.isupper() or (a == defined and a[:1].isupper())):
                        by_acr.setdefault(a, eid)
        if not by_acr:
            return
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, by_acr)) + r")(?![\w-])")
        longer = sorted((o.start, o.end) for o, _ in self.org_at if o.end - o.start > 5)
        longer_starts = [a for a, _ in longer]
        for m in pattern.finditer(self.text):
            i = bisect_right(longer_starts, m.start()) - 1
            if i >= 0 and m.end() <= longer[i][1] and longer[i] != m.span():
                continue  # "LTU" in "LTU Business AB": a word of another body's name
            eid = by_acr[m.group(1)]
            self.mention(eid, m.start(), m.end())
            if self.g.entities[eid].type is not E.ORGANISATION:
                self.targets.append((m.start(), m.end(), eid))
            else:
                self.org_at.append(
                    (
                        OrgMention(m.start(), m.end(), m.group(1), m.group(1), OrgType.OTHER.value),
                        eid,
                    )
                )
        self.targets.sort()
        self.org_at.sort(key=lambda p: p[0].start)

    # --- tables ---
    def _tables(self) -> None:
        """Column-labelled lists (loaders/tables.py): the row's work and its organisations."""
        for row in table_rows(self.text):
            if row.kind == "activity" and not self._named_row(row.name.text):
                # "Kollektivtrafik i inlandet": an activity, not a named work; the bodies of
                # its wrapped cells are still one name each ("Länstrafiken i" / "Norrbotten AB").
                for _, cell in row.roles:
                    if cell.first_end is not None:
                        self._wrapped_cell_org(cell)
                continue
            kind = E.ARENA if row.kind == "arena" else E.PROJECT
            work = self._text_project(row.name.text, row.name.start, None, kind, row.name.first_end)
            if work is None:
                continue
            ev = self.ev(row.line.start, row.line.end)
            for rtype, cell in row.roles:
                for org, partner in self._cell_orgs(cell):
                    self.g.relate(R.PARTNER_IN if partner else rtype, org, work, 0.8, ev)

    def _named_row(self, name: str) -> bool:
        """An "Insats" row written like a name ("Laddinfrastruktur längs E10") or that the
        text names again ("Inom Bredband till sista byn har …")."""
        return bool(_WRITTEN_AS_NAME.search(name[1:])) or self.text.count(name) > 1

    def _cell_orgs(self, cell: Cell) -> list[tuple[str, bool]]:
        """Organisations named in a table cell; those after "i samverkan med" are partners.
        A cell no rule recognised names one organisation when it is shaped like a name."""
        if cell.first_end is not None:
            return self._wrapped_cell_org(cell)
        marker = next((cell.text.find(m) for m in partner_markers() if m in cell.text), -1)
        split = cell.start + marker if marker >= 0 else cell.end
        found = [
            (eid, m.start >= split)
            for m, eid in self.org_at
            if cell.start <= m.start and m.end <= cell.end
        ]
        if found:
            return found
        name = cell.text.split(",")[0].strip()
        if not name[:1].isupper():
            return []  # "kommun": the wrapped tail of a name in the line above
        m = OrgMention(cell.start, cell.start + len(name), name, name, OrgType.OTHER.value, None)
        eid = self._org(m)
        if eid is None:
            return []
        self.org_at.append((m, eid))
        return [(eid, False)]

    def _wrapped_cell_org(self, cell: Cell) -> list[tuple[str, bool]]:
        """A cell wrapped over two lines names one body, written across the break ("Almi
        Företagspartner" / "Nord AB"); a known name it spells is that body."""
        assert cell.first_end is not None
        out = []
        joined = _PAREN_NOTE.sub("", " ".join(cell.text.split()))  # "Tillväxtverket (ERUF)"
        for name in _CELL_LIST.split(joined):  # "ERUF, Region Norrbotten"
            first = self.text.find(name, cell.start, cell.first_end)
            span = (first, first + len(name)) if first >= 0 else (cell.start, cell.first_end)
            eid = self.g.find(E.ORGANISATION, name)
            if eid is None:
                eid = self._org(OrgMention(*span, name, name, OrgType.OTHER.value, None))
            elif first >= 0:
                self.mention(eid, *span)
            if eid is not None:
                out.append((eid, False))
        if len(out) == 1:
            self._drop_cell_parts(cell, out[0][0])
        return out

    def _drop_cell_parts(self, cell: Cell, whole: str) -> None:
        """ "Almi Företagspartner" and "Nord AB", found line by line, were halves of the
        wrapped name: entities named only there go into the whole."""
        assert cell.first_end is not None
        head = self.text[cell.start : cell.first_end]
        tail = cell.text[len(head) + 1 :]
        spans = ((cell.start, cell.first_end), (cell.end - len(tail), cell.end))
        inside = {eid for m, eid in self.org_at if any(a <= m.start < b for a, b in spans)}
        for eid in inside - {whole}:
            starts = [m.start for m, e in self.org_at if e == eid]
            if eid in self.g.entities and all(any(a <= s < b for a, b in spans) for s in starts):
                self.g.absorb(eid, whole, names=False)
                self.org_at = [p for p in self.org_at if p[1] != eid]

    # --- relations ---
    def _relations(self) -> None:
        relate_document(self)  # loaders/relations.py: cues, scope (loaders/scope.py), lists

    # --- SDG links and the strategy hierarchy ---
    def sdg_entity(self, goal: int, targets: tuple[str, ...] = ()) -> str:
        """The goal as an SDG list names it; ``targets`` are merged by union across mentions."""
        rec = next(g for g in sdg_goals() if g.goal == goal)
        attributes: dict[str, Any] = {
            "goal": rec.goal,
            "name_sv": rec.name_sv,
            "name_en": rec.name_en,
            "iri": rec.iri,
        }
        if targets:
            attributes["targets"] = list(targets)  # loaders/resolve.py SET_VALUED
        return self.g.entity(
            E.SDG,
            f"Mål {rec.goal}: {rec.name_sv}",
            eid=f"sdg:{rec.goal}",
            aliases=(rec.name_en, f"SDG {rec.goal}"),
            attributes=attributes,
            confidence=1.0,
        )

    def _sdgs(self) -> None:
        goals = {g.goal for g in sdg_goals()}
        for item in self.out.items:
            if item.kind != "sdg" or not item.area_key:
                continue
            m = _SDG_NUM.search(item.title.text)
            if not m or int(m.group(1)) not in goals:
                continue
            area_id = self._area_entity(item.area_key)
            sid = self.sdg_entity(int(m.group(1)))
            self.mention(sid, item.title.start, item.title.end)
            end = item.body[0].end if item.body else item.title.end
            self.g.relate(R.CONTRIBUTES_TO, area_id, sid, 0.95, self.ev(item.title.start, end))

    def _area_entity(self, area_key: str) -> str:
        area = self.out.areas[area_key]
        pid = self._priority(area.priority_id, area.priority_name) if area.priority_id else None
        aid = self.g.entity(
            E.STRATEGIC_AREA,
            area.name,
            eid=area.id,
            confidence=0.9,
            attributes={
                "priority": pid,
                "section_path": [p for p in (area.priority_name, area.name) if p],
            },
        )
        heading = None
        for start, key in self.out.area_lines:
            if key == area_key:
                line_end = self.text.find("\n", start)
                heading = self.ev(start, line_end if line_end > 0 else len(self.text))
                self.mention(aid, start, line_end if line_end > 0 else len(self.text))
                break
        # The heading is the evidence: its place in the outline says which priority it
        # belongs to, and its name carries the theme.
        if pid:
            self.g.relate(R.PART_OF, aid, pid, 0.95, heading)
        for theme in themes_of_name(area.name):
            self.g.relate(R.HAS_THEME, aid, theme, 0.9, heading)
        return aid

    def _priority(self, pid: str, name: str) -> str:
        if pid not in self.g.entities:
            self.g.entity(
                E.PRIORITY, name, eid=pid, confidence=0.9, attributes={"strategy": self.strategy}
            )
            heading = None
            for ppid, _, start in self.out.priorities:
                if ppid == pid:
                    self.mention(pid, start, start + len(name))
                    heading = heading or self.ev(start, start + len(name))
            if self.strategy:
                self.g.relate(R.PART_OF, pid, self.strategy, 0.9, heading)
        return pid

    # --- themes and geography of arenas and projects ---
    def _themes_and_places(self) -> None:
        places = [m for m in self.mentions if m.org_type == "place" and m.place_id]
        place_starts = [p.start for p in places]
        for start, end, eid in self.item_spans:
            body = self.text[start:end]
            for theme, ts, te in themes_of_text(body):
                self.g.relate(R.HAS_THEME, eid, theme, 0.6, self.ev(start + ts, start + te))
            for p in places[bisect_left(place_starts, start) : bisect_left(place_starts, end)]:
                if p.end <= end and p.place_id:
                    self.g.relate(
                        R.TARGETS_PLACE,
                        eid,
                        self._municipality(p.place_id),
                        0.7,
                        self.ev(p.start, p.end),
                    )
            self._inland(eid, start, end)
        geography.reach(self)  # loaders/geography.py: works found in running text, org homes
        used = {t for (rt, _, t) in self.g.relations if rt is R.HAS_THEME}
        for record in themes():
            if record.id in used:
                self.g.entity(
                    E.THEME,
                    record.label_sv,
                    eid=record.id,
                    aliases=(record.label_en,),
                    attributes={"label_sv": record.label_sv, "label_en": record.label_en},
                )

    def _inland(self, eid: str, start: int, end: int) -> None:
        m = _INLAND.search(self.text, start, end)
        if not m or self.county is None:
            return
        for rec in self.munis:
            if rec.county == self.county and rec.inland:
                self.g.relate(
                    R.TARGETS_PLACE,
                    eid,
                    self._municipality(rec.id),
                    0.5,
                    self.ev(m.start(), m.end()),
                )

    def _document(self) -> Document:
        first = next((ln for ln in self.text.split("\n") if ln.strip()), self.doc)
        title = clean_name(first.lstrip("#"))[:200]
        year = _YEAR.search(title) or _YEAR.search(self.doc)
        return Document(
            id=self.doc,
            path=self.path,
            title=title,
            region=self.region,
            published_year=int(year.group(1)) if year else None,
            chars=len(self.c.original),
        )


# --- public API -------------------------------------------------------------------


def extract_text(
    text: str, doc_id: str = "doc", path: str | None = None
) -> tuple[Document, GraphBuilder]:
    """Extract one document given as text (the text is its own original)."""
    clean = clean_text(text, doc_id)
    return DocExtractor(clean, path or doc_id).run()


def extract_text_extraction(text: str, doc_id: str = "doc") -> Extraction:
    doc, builder = extract_text(text, doc_id)
    entities, relations = builder.build()
    return Extraction(documents=[doc], entities=entities, relations=relations)


def _extract_path(path: str) -> tuple[Document, GraphBuilder, str] | FileError:
    try:
        source: Any = read_source(Path(path))
    except LoaderError as exc:
        return FileError(path, str(exc))
    except Exception:  # the reader is young: fall back to plain UTF-8 rather than lose a file
        source = _fallback_read(path)
        if isinstance(source, FileError):
            return source
    try:
        clean = clean_text(source.text, source.doc_id, source.original, source.offsets)
        extractor = DocExtractor(clean, path)
        doc, builder = extractor.run()
        region_org = make_id(E.ORGANISATION, extractor.region) if extractor.region else None
        _add_contacts(source, builder, region_org)
    except Exception as exc:  # one odd file must never stop the build (issue 7, bad input)
        return FileError(path, f"{path}: extraction failed ({type(exc).__name__}: {exc})")
    return doc, builder, source.original


@dataclass(frozen=True)
class _PlainSource:
    path: str
    doc_id: str
    original: str
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start, end)


def _fallback_read(path: str) -> _PlainSource | FileError:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return FileError(path, f"{path}: cannot read as UTF-8 text ({exc})")
    if not text.strip():
        return FileError(path, f"{path}: empty file")
    return _PlainSource(path, document_id(path), text, text, OffsetMap.identity(len(text)))


def _add_contacts(source: Any, builder: GraphBuilder, region_org: str | None) -> None:
    """Contact persons come from loaders.contacts when that module is present."""
    entities, relations = contacts.find_contact_persons(source, region_org)
    for ent in entities:
        eid = builder.entity(
            ent.type,
            ent.name,
            eid=ent.id,
            aliases=tuple(ent.aliases),
            attributes=dict(ent.attributes),
            confidence=ent.confidence,
        )
        for m in ent.mentions:
            builder.mention(eid, m.document, m.start, m.end)
    for rel in relations:
        if rel.target not in builder.entities:
            continue
        for ev in rel.evidence or [None]:  # type: ignore[list-item]
            builder.relate(
                rel.type,
                rel.source,
                rel.target,
                rel.confidence,
                (ev.document, ev.start, ev.end, ev.quote) if ev else None,
            )


def extract(paths: Sequence[Path], options: ExtractOptions | None = None) -> ExtractResult:
    """Extract every file; bad files become :class:`FileError` and never stop the others."""
    options = options or ExtractOptions()
    names = [str(p) for p in paths]
    workers = options.workers or os.cpu_count() or 1
    if workers > 1 and len(names) > 1:
        # forkserver: extraction may run inside the threaded API (uploads), where fork can
        # copy a held lock into the child and deadlock it.
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(min(workers, len(names)), mp_context=context) as pool:
            results = list(pool.map(_extract_path, names))
    else:
        results = [_extract_path(n) for n in names]
    merged = GraphBuilder()
    documents: list[Document] = []
    errors: list[FileError] = []
    originals: dict[str, str] = {}
    for res in results:
        if isinstance(res, FileError):
            errors.append(res)
            continue
        doc, builder, original = res
        documents.append(doc)
        originals[doc.id] = original
        merged.merge(builder)
    entities, relations = merged.build()
    extraction = Extraction(documents=documents, entities=entities, relations=relations)
    report = None
    if options.apply_curation and options.curation is not None:
        extraction, report = _curate(extraction, options.curation)
    extraction = _scrub(extraction, originals, options.keep_contact_details)
    return ExtractResult(extraction, errors, report, originals)


def _curate(extraction: Extraction, path: Path) -> tuple[Extraction, Any]:
    # Imported late: curation is optional at extraction time and owned by another module.
    curation = importlib.import_module("loaders.curation")
    curated, report = curation.apply_curation(extraction, curation.load_curation(path))
    return curated, report


def _scrub(extraction: Extraction, originals: dict[str, str], keep: bool) -> Extraction:
    return privacy.scrub_extraction(extraction, originals, keep)


__all__ = [
    "DocExtractor",
    "ExtractOptions",
    "ExtractResult",
    "FileError",
    "document_id",
    "extract",
    "extract_text",
    "extract_text_extraction",
    "slug",
]
