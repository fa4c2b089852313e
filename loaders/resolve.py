"""Entity resolution: one entity per real thing within and across documents.

Names are normalised (genitive -s, leading article words such as "Nätverket"), ids are
minted from the normalised name, and near-duplicates of the same type are merged with
rapidfuzz. The thresholds live in one block and were checked on the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from loaders.gazetteer import countries
from ontology.ids import make_id, slug
from ontology.model import Entity, EntityType, Evidence, Extraction, Mention, Relation, RelationType

# --- thresholds (rapidfuzz scores, 0-100) -----------------------------------------
# Same-type names at or above this ratio are one entity ("Umeå Universitet" / "Umeå
# universitet" are equal after casefold; this catches spelling variants such as
# "Handläggartäff"/"Handläggarträff"). 94 merged no distinct corpus names.
FUZZY_SAME_NAME = 94
# Names shorter than this are only merged when equal (acronyms, short names).
FUZZY_MIN_LENGTH = 8

# Arena/project variants (GraphBuilder._work_variant): Swedish definite endings, the
# shortest stem they apply to, and the fewest words a cut name must keep to be merged.
_WORK_TYPES = (EntityType.ARENA, EntityType.PROJECT)
_DEFINITE = ("en", "et", "n", "t")
MIN_DEFINITE_STEM = 8
MIN_PREFIX_WORDS = 3
# A cut name continues with a place or scope: "… rättigheter" / "… rättigheter i Västerbotten".
_CONTINUATIONS = frozenset({"i", "för", "av", "på", "inom", "mot", "med", "och"})

_TRAILING_YEAR = re.compile(r" (?:19|20)\d\d$")
_LEADING_ARTICLE = re.compile(
    r"^(Nätverket|Projektet|Förstudien|Förstudie|Satsningen|Plattformen)\s+", re.I
)
_SPACE = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """Collapse whitespace, strip quotes, markdown emphasis and leading article words."""
    name = _SPACE.sub(" ", name.replace("*", "")).strip(" \"”“«»'–-,:;")
    stripped = _LEADING_ARTICLE.sub("", name)
    return stripped if len(stripped) > 2 and stripped[0].isupper() else name


def strip_genitive(name: str, known: set[str]) -> str:
    """ "Region Västerbottens" → "Region Västerbotten" when the base form is known."""
    if name.endswith("s") and name[:-1].casefold() in known:
        return name[:-1]
    return name


_PLACE_SUFFIX = re.compile(r"^(.{8,}?) i [A-ZÅÄÖ][\wåäö-]+$")


def short_form(name: str) -> str | None:
    """ "Länstrafiken i Västerbotten" → "Länstrafiken": the name without its place suffix
    (an alias; short cores such as "Film" in "Film i Västerbotten" are kept whole). Another
    country's body keeps its country: "Sametinget i Norge" is not Sametinget."""
    m = _PLACE_SUFFIX.match(name)
    if m is None or name.rsplit(" ", 1)[-1] in _foreign_countries():
        return None
    return m.group(1)


def _foreign_countries() -> frozenset[str]:
    return countries() - {"Sverige"}


def _cut_variant(key: str, other: str, acronym: bool) -> bool:
    """``key`` and ``other`` name one thing: one continues the other with a scope
    ("… rättigheter" / "… rättigheter i Västerbotten"), or ``key`` is the acronym that
    opens ``other`` ("osn" / "osn hållbart bredband")."""
    longer, shorter = (other, key) if len(other) > len(key) else (key, other)
    if not longer.startswith(shorter + " "):
        return False
    rest = longer[len(shorter) + 1 :]
    if acronym:
        return shorter == key and rest[:1].isalpha()
    return rest.split(" ")[0] in _CONTINUATIONS and len(shorter.split()) >= MIN_PREFIX_WORDS


# List attributes that merge by union (other attributes keep their first value).
SET_VALUED = frozenset({"targets"})


@dataclass
class _Acc:
    type: EntityType
    name: str
    aliases: set[str] = field(default_factory=set)
    attributes: dict[str, Any] = field(default_factory=dict)
    mentions: set[tuple[str, int, int]] = field(default_factory=set)
    confidence: float = 0.0


@dataclass
class _RelAcc:
    confidence: float
    evidence: dict[tuple[str, int, int], str] = field(default_factory=dict)


class GraphBuilder:
    """Accumulates entities and relations; merges on id and on fuzzy name equality."""

    def __init__(self) -> None:
        self.entities: dict[str, _Acc] = {}
        self.relations: dict[tuple[RelationType, str, str], _RelAcc] = {}
        self._by_name: dict[tuple[EntityType, str], str] = {}
        # Processed names long enough for fuzzy merging, and their ids, index-aligned.
        self._fuzzy: dict[EntityType, tuple[list[str], list[str]]] = {}
        self._keys: dict[EntityType, list[tuple[str, str]]] = {}  # casefolded names by type
        self._dated: dict[tuple[EntityType, str], str] = {}  # "kompetensdagen" → "… 2025"

    def find(self, etype: EntityType, name: str) -> str | None:
        """The id of an existing entity of ``etype`` with this (or a near) name."""
        key = name.casefold()
        if (etype, key) in self._by_name:
            return self._by_name[(etype, key)]
        if etype in _WORK_TYPES:
            found = self._work_variant(etype, key, name)
            if found:
                return found
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        # Punctuation-blind comparison: "R10 – en vinnare …" / "R10 - vinnare …".
        names, ids = self._fuzzy.get(etype, ([], []))
        best = process.extractOne(
            default_process(key),
            names,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_SAME_NAME,
        )
        return ids[best[2]] if best else None

    def _work_variant(self, etype: EntityType, key: str, name: str) -> str | None:
        """Arena/project name variants of one document: definite and indefinite form
        ("Fyrlänsträffen" / "Fyrlänsträff"), a long name and its cut form ("Stärkt samverkan
        för mänskliga rättigheter [i Västerbotten]"), an acronym and the name it opens
        ("OSN" / "OSN Hållbart bredband")."""
        # "Kompetensdagen 2025" and "Kompetensdagen": one recurring event, either order.
        undated = _TRAILING_YEAR.sub("", key)
        if undated != key and (etype, undated) in self._by_name:
            return self._by_name[(etype, undated)]
        if (etype, key) in self._dated:
            return self._dated[(etype, key)]
        if len(key) >= MIN_DEFINITE_STEM:
            for suffix in _DEFINITE:
                for variant in (key + suffix, key.removesuffix(suffix)):
                    if variant != key and (etype, variant) in self._by_name:
                        return self._by_name[(etype, variant)]
        words = key.split()
        # One word that opens a longer name: an acronym ("OSN") or a short form of a
        # compound name ("Europaforum" / "Europaforum Norra Sverige").
        acronym = len(words) == 1 and (
            (name.isupper() and len(name) >= MIN_DEFINITE_STEM // 3)
            or len(name) >= MIN_DEFINITE_STEM
        )
        if len(words) < MIN_PREFIX_WORDS and not acronym:
            return None
        matches = {
            eid for other, eid in self._keys.get(etype, ()) if _cut_variant(key, other, acronym)
        }
        return matches.pop() if len(matches) == 1 else None

    def entity(
        self,
        etype: EntityType,
        name: str,
        *,
        eid: str | None = None,
        aliases: tuple[str, ...] = (),
        attributes: dict[str, Any] | None = None,
        confidence: float = 0.8,
    ) -> str:
        """Add or update an entity and return its id."""
        short = short_form(name) if etype is EntityType.ORGANISATION else None
        if short:
            aliases = (*aliases, short)
        eid = (
            eid
            or self.find(etype, name)
            or (self._by_name.get((etype, short.casefold())) if short else None)
            or next(
                (self._by_name[(etype, a.casefold())] for a in aliases if self._known(etype, a)),
                None,
            )
            or make_id(etype, name)
        )
        acc = self.entities.get(eid)
        if acc is None:
            acc = self.entities[eid] = _Acc(etype, name)
        elif name != acc.name:
            acc.aliases.add(name)
        acc.aliases.update(a for a in aliases if a and a != acc.name)
        for k, v in (attributes or {}).items():
            if k in SET_VALUED and k in acc.attributes:
                # A goal's targets come from many documents: keep them all, first seen first.
                acc.attributes[k] = [
                    *acc.attributes[k],
                    *(x for x in v if x not in acc.attributes[k]),
                ]
            elif v not in (None, [], "") and k not in acc.attributes:
                acc.attributes[k] = v
        acc.confidence = max(acc.confidence, confidence)
        for n in (name, *aliases):
            if n and (etype, n.casefold()) not in self._by_name:
                self._by_name[(etype, n.casefold())] = eid
                self._keys.setdefault(etype, []).append((n.casefold(), eid))
                undated = _TRAILING_YEAR.sub("", n.casefold())
                if undated != n.casefold():
                    self._dated.setdefault((etype, undated), eid)
                processed = default_process(n)
                if len(processed) >= FUZZY_MIN_LENGTH:
                    names, ids = self._fuzzy.setdefault(etype, ([], []))
                    names.append(processed)
                    ids.append(eid)
        return eid

    def absorb(self, eid: str, into: str, names: bool = True) -> None:
        """Entity ``eid`` is another name of ``into``: its names and mentions move there and
        it is dropped with its relations ("Matklustret X ekonomisk förening", the legal
        form of the cluster "Matklustret X"). ``names=False``: it was a fragment of the
        name ("Nord AB" of a wrapped "Almi Företagspartner Nord AB"), no alias."""
        gone = self.entities.pop(eid)
        keep = self.entities[into]
        if names:
            keep.aliases.update(a for a in {gone.name, *gone.aliases} if a != keep.name)
        keep.mentions.update(gone.mentions)
        for key in [k for k in self.relations if eid in (k[1], k[2])]:
            del self.relations[key]
        self._by_name = {k: v for k, v in self._by_name.items() if v != eid}
        self._keys = {t: [p for p in ps if p[1] != eid] for t, ps in self._keys.items()}
        self._dated = {k: v for k, v in self._dated.items() if v != eid}
        self._fuzzy = {
            t: ([n for n, i in zip(*ps, strict=True) if i != eid], [i for i in ps[1] if i != eid])
            for t, ps in self._fuzzy.items()
        }

    def _known(self, etype: EntityType, alias: str) -> bool:
        """An alias (acronym, short form) already names an entity of ``etype``."""
        return bool(alias) and (etype, alias.casefold()) in self._by_name

    def mention(self, eid: str, doc: str, start: int, end: int) -> None:
        self.entities[eid].mentions.add((doc, start, end))

    def relate(
        self,
        rtype: RelationType,
        source: str,
        target: str,
        confidence: float,
        evidence: tuple[str, int, int, str] | None = None,
    ) -> None:
        if source == target:
            return
        acc = self.relations.setdefault((rtype, source, target), _RelAcc(confidence))
        acc.confidence = max(acc.confidence, confidence)
        if evidence is not None:
            doc, start, end, quote = evidence
            acc.evidence[(doc, start, end)] = quote

    def merge(self, other: GraphBuilder) -> None:
        """Fold another document's builder into this one (cross-document resolution)."""
        remap: dict[str, str] = {}
        for eid, acc in other.entities.items():
            new = self.entity(
                acc.type,
                acc.name,
                eid=self._target_id(eid, acc),
                aliases=tuple(acc.aliases),
                attributes=acc.attributes,
                confidence=acc.confidence,
            )
            self.entities[new].mentions |= acc.mentions
            remap[eid] = new
        for (rtype, s, t), rel in other.relations.items():
            key = (rtype, remap.get(s, s), remap.get(t, t))
            mine = self.relations.setdefault(key, _RelAcc(rel.confidence))
            mine.confidence = max(mine.confidence, rel.confidence)
            mine.evidence.update(rel.evidence)

    def _target_id(self, eid: str, acc: _Acc) -> str:
        if eid in self.entities:
            return eid
        for n in (acc.name, *acc.aliases):
            if n != acc.name and acc.name.startswith(n + " "):
                continue  # "Hela Sverige ska leva" of a branch "… Västerbotten": the parent
            found = self._by_name.get((acc.type, n.casefold()))
            if found:
                return found
        return self.find(acc.type, acc.name) or eid

    def build(self) -> tuple[list[Entity], list[Relation]]:
        entities = [
            Entity(
                id=eid,
                type=a.type,
                name=a.name,
                aliases=sorted(a.aliases - {a.name}),
                attributes=a.attributes,
                confidence=round(min(a.confidence, 1.0), 3),
                mentions=[Mention(document=d, start=s, end=e) for d, s, e in sorted(a.mentions)],
            )
            for eid, a in self.entities.items()
        ]
        relations = [
            Relation(
                type=rtype,
                source=s,
                target=t,
                confidence=round(min(r.confidence, 1.0), 3),
                evidence=[
                    Evidence(document=d, start=a, end=b, quote=q)
                    for (d, a, b), q in sorted(r.evidence.items())
                ],
            )
            for (rtype, s, t), r in self.relations.items()
            if s in self.entities or t in self.entities
        ]
        return entities, relations


def to_extraction(builder: GraphBuilder, documents: list[Any]) -> Extraction:
    entities, relations = builder.build()
    return Extraction(documents=documents, entities=entities, relations=relations)


__all__ = [
    "FUZZY_SAME_NAME",
    "GraphBuilder",
    "clean_name",
    "short_form",
    "slug",
    "strip_genitive",
    "to_extraction",
]
