"""networkx projections of an Extraction (the snapshot's ``extraction.json``).

* :func:`full_graph` — every entity and relation as a ``MultiDiGraph`` (key = relation
  type), nodes carrying ``type``, ``name``, ``themes`` and ``municipalities``.
* :func:`collaboration_graph` — organisations linked when they take part in the same
  arena or project, weighted by how many they share, with the shared ids on the edge.

Relations follow the same rule as the Cypher writer: a relation whose end is neither in
the extraction nor in the reference data is left out, so counts agree across stores.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from ontology import mapping
from ontology.model import Entity, EntityType, Extraction, Relation, RelationType
from ontology.reference import reference_entities

# An organisation takes part in an arena or project through these relations.
PARTICIPATION: frozenset[RelationType] = frozenset(
    {
        RelationType.MEMBER_OF,
        RelationType.LEADS,
        RelationType.PARTNER_IN,
        RelationType.PARTICIPANT_IN,
        RelationType.FUNDS,
    }
)
SHARED_ITEM_TYPES: frozenset[EntityType] = frozenset({EntityType.ARENA, EntityType.PROJECT})
PLACE_RELATIONS: frozenset[RelationType] = frozenset(
    {RelationType.LOCATED_IN, RelationType.TARGETS_PLACE}
)
# docs/DESIGN.md "Geographic reach": a neighbour organisation's seat counts through these
# (the ontology's sub-properties of sam:involvedIn).
REACH_RELATIONS: frozenset[RelationType] = mapping.reach_relations()


def known_entities(extraction: Extraction) -> dict[str, Entity]:
    """The extraction's entities plus reference entities (the ends relations may point to)."""
    known = {e.id: e for e in reference_entities()}
    known.update(extraction.entity_index())
    return known


def usable_relations(extraction: Extraction, known: dict[str, Entity]) -> list[Relation]:
    return [
        r
        for r in extraction.relations
        if r.type is not RelationType.MENTIONS and r.source in known and r.target in known
    ]


def themes_of(relations: list[Relation]) -> dict[str, list[str]]:
    themes: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        if rel.type is RelationType.HAS_THEME:
            themes[rel.source].add(rel.target)
    return {k: sorted(v) for k, v in themes.items()}


def places_of(relations: list[Relation], known: dict[str, Entity]) -> dict[str, set[str]]:
    """Municipality ids an entity is LOCATED_IN or TARGETS_PLACE directly."""
    own: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        if rel.type in PLACE_RELATIONS and known[rel.target].type is EntityType.MUNICIPALITY:
            own[rel.source].add(rel.target)
    return own


def municipalities_of(relations: list[Relation], known: dict[str, Entity]) -> dict[str, list[str]]:
    """Municipality ids each entity reaches (docs/DESIGN.md: own places + partners' seats)."""
    own = places_of(relations, known)
    reach = {k: set(v) for k, v in own.items()}
    for rel in relations:
        if rel.type in REACH_RELATIONS:
            for a, b in ((rel.source, rel.target), (rel.target, rel.source)):
                if known[b].type is EntityType.ORGANISATION and own.get(b):
                    reach.setdefault(a, set()).update(own[b])
    return {k: sorted(v) for k, v in reach.items()}


def full_graph(extraction: Extraction) -> nx.MultiDiGraph:
    """Every extraction entity (and referenced reference entity) and every usable relation."""
    known = known_entities(extraction)
    relations = usable_relations(extraction, known)
    themes = themes_of(relations)
    places = municipalities_of(relations, known)
    graph = nx.MultiDiGraph()
    node_ids = {e.id for e in extraction.entities}
    node_ids |= {r.source for r in relations} | {r.target for r in relations}
    for node_id in sorted(node_ids):
        entity = known[node_id]
        graph.add_node(
            node_id,
            type=entity.type.value,
            name=entity.name,
            themes=themes.get(node_id, []),
            municipalities=places.get(node_id, []),
        )
    for rel in relations:
        graph.add_edge(
            rel.source,
            rel.target,
            key=rel.type.value,
            type=rel.type.value,
            confidence=rel.confidence,
            documents=sorted({ev.document for ev in rel.evidence}),
        )
    return graph


def participation(extraction: Extraction) -> dict[str, set[str]]:
    """Arena/project id → the organisations taking part in it."""
    known = known_entities(extraction)
    members: dict[str, set[str]] = defaultdict(set)
    for rel in usable_relations(extraction, known):
        if rel.type not in PARTICIPATION:
            continue
        if known[rel.source].type is not EntityType.ORGANISATION:
            continue
        if known[rel.target].type in SHARED_ITEM_TYPES:
            members[rel.target].add(rel.source)
    return members


def collaboration_graph(extraction: Extraction) -> nx.Graph:
    """Organisations; an edge per pair sharing arenas/projects (``weight``, ``shared`` ids)."""
    known = known_entities(extraction)
    places = municipalities_of(usable_relations(extraction, known), known)
    graph = nx.Graph()
    for entity in sorted(extraction.entities, key=lambda e: e.id):
        if entity.type is EntityType.ORGANISATION:
            graph.add_node(
                entity.id,
                type=entity.type.value,
                name=entity.name,
                municipalities=places.get(entity.id, []),
            )
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item, orgs in participation(extraction).items():
        for a, b in combinations(sorted(orgs), 2):
            shared[(a, b)].add(item)
    for (a, b), items in sorted(shared.items()):
        graph.add_edge(a, b, weight=len(items), shared=sorted(items))
    return graph
