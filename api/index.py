"""An in-memory index of one snapshot's Extraction: lookups, filters and fuzzy search.

Built once per snapshot version from ``extraction.json`` (the snapshot is immutable), so
the REST routes answer from memory and never paste request text into a query language.
Geographic reach follows docs/DESIGN.md: LOCATED_IN / TARGETS_PLACE, or a member, leader
or partner organisation located in the place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, utils

from graph.projections import REACH_RELATIONS
from ontology.model import Entity, EntityType, Extraction, Relation, RelationType

# Below this rapidfuzz score (0–100) a name is not a match for a search text.
MIN_SCORE = 60.0
_REACH_DIRECT = frozenset({RelationType.LOCATED_IN, RelationType.TARGETS_PLACE})
_REACH_VIA = REACH_RELATIONS
_PLACE_TYPES = frozenset({EntityType.MUNICIPALITY, EntityType.COUNTY})


@dataclass(frozen=True)
class Filters:
    """The filters of ``GET /entities`` and ``GET /graph``; each is an id or a set of ids."""

    types: frozenset[str] = frozenset()
    theme: str | None = None
    places: frozenset[str] | None = None  # municipality/county ids (county, area, municipality)
    sdg: str | None = None
    priority: str | None = None
    document: str | None = None


@dataclass
class EntityIndex:
    """Lookups over one Extraction (entities, adjacency, themes, places, SDGs, documents)."""

    entities: dict[str, Entity]
    outgoing: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    _places: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, extraction: Extraction) -> EntityIndex:
        index = cls(extraction.entity_index())
        for rel in extraction.relations:
            if rel.source in index.entities and rel.target in index.entities:
                index.outgoing[rel.source].append(rel)
                index.incoming[rel.target].append(rel)
        return index

    def targets(self, entity_id: str, types: Iterable[RelationType]) -> set[str]:
        wanted = set(types)
        return {r.target for r in self.outgoing.get(entity_id, []) if r.type in wanted}

    def places(self, entity_id: str) -> frozenset[str]:
        """Municipality and county ids the entity is in (DESIGN: geographic reach)."""
        if entity_id not in self._places:
            self._places[entity_id] = frozenset(self._reach(entity_id))
        return self._places[entity_id]

    def _reach(self, entity_id: str) -> set[str]:
        entity = self.entities[entity_id]
        if entity.type in _PLACE_TYPES:
            found = {entity_id}
            county = entity.attributes.get("county")
            return found | ({county} if isinstance(county, str) else set())
        found = self.targets(entity_id, _REACH_DIRECT)
        via = {r.source for r in self.incoming.get(entity_id, []) if r.type in _REACH_VIA}
        for org in via:
            found |= self.targets(org, _REACH_DIRECT)
        counties = {self.entities[m].attributes.get("county") for m in found if m in self.entities}
        return found | {c for c in counties if isinstance(c, str)}

    def themes(self, entity_id: str) -> set[str]:
        return self.targets(entity_id, [RelationType.HAS_THEME])

    def municipalities(self, entity_id: str) -> list[str]:
        return sorted(p for p in self.places(entity_id) if p.startswith("municipality:"))

    def _parents(self, entity_id: str) -> set[str]:
        """The entity plus what it is part of, two steps up (area → priority → strategy)."""
        level = {entity_id}
        found = set(level)
        for _ in range(2):
            level = {t for e in level for t in self.targets(e, [RelationType.PART_OF])}
            found |= level
        return found

    def sdgs(self, entity_id: str) -> set[str]:
        """SDGs the entity contributes to directly or via its strategic area or priority."""
        return {
            t
            for p in self._parents(entity_id)
            for t in self.targets(p, [RelationType.CONTRIBUTES_TO])
        }

    def documents(self, entity_id: str) -> set[str]:
        return {m.document for m in self.entities[entity_id].mentions}

    def matches(self, entity: Entity, f: Filters) -> bool:
        """True when the entity passes every filter that is set."""
        eid = entity.id
        checks = (
            (not f.types or entity.type.value in f.types),
            (f.theme is None or f.theme in self.themes(eid)),
            (f.places is None or bool(f.places & self.places(eid))),
            (f.sdg is None or f.sdg in self.sdgs(eid) or eid == f.sdg),
            (f.priority is None or f.priority in self._parents(eid)),
            (f.document is None or f.document in self.documents(eid)),
        )
        return all(checks)

    def search(self, q: str | None, f: Filters) -> list[tuple[Entity, float | None]]:
        """Matching entities: best name/alias score first when ``q`` is given, else by name."""
        hits: list[tuple[Entity, float | None]] = []
        for entity in self.entities.values():
            if not self.matches(entity, f):
                continue
            score = name_score(q, entity) if q else None
            if score is None and q:
                continue
            hits.append((entity, score))
        if q:
            hits.sort(key=lambda h: (-(h[1] or 0.0), h[0].name.lower(), h[0].id))
        else:
            hits.sort(key=lambda h: (h[0].name.lower(), h[0].id))
        return hits


def name_score(q: str, entity: Entity) -> float | None:
    """The best score of ``q`` against the name and aliases (0–1), or None below MIN_SCORE.

    An exact (case-folded) name or alias scores 1, a prefix 0.95, a word inside 0.9; other
    texts get rapidfuzz's WRatio, so a typo ("Umea univeristet") still finds its entity.
    """
    needle = utils.default_process(q)
    if not needle:
        return None
    best = 0.0
    for name in (entity.name, *entity.aliases):
        hay = utils.default_process(name)
        if hay == needle:
            return 1.0
        if hay.startswith(needle):
            best = max(best, 95.0)
        elif f" {needle}" in f" {hay}":
            best = max(best, 90.0)
        else:
            best = max(best, fuzz.WRatio(needle, hay) * 0.89)
    return round(best / 100.0, 4) if best >= MIN_SCORE else None


def degree_centrality(index: EntityIndex) -> dict[str, float]:
    """Degree / (n − 1) over all relations (networkx's definition, without building a graph)."""
    n = max(len(index.entities) - 1, 1)
    return {
        eid: round((len(index.outgoing.get(eid, [])) + len(index.incoming.get(eid, []))) / n, 6)
        for eid in index.entities
    }
