"""Entities: search with filters, one entity with relations and provenance, graph views.

``GET /entities`` and ``GET /graph`` share their filters; ``/graph`` and
``/entities/{id}/neighbourhood`` answer ``{nodes, edges, truncated}`` ready for the
explorer's network view (docs/DESIGN.md, "HTTP API").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Path, Query
from pyoxigraph import NamedNode

from api.deps import SettingsDep, SnapshotDep
from api.index import EntityIndex, Filters
from api.problems import Problem
from api.schemas import (
    EntityDetail,
    EntityItem,
    EntityPage,
    EntityRef,
    GraphEdge,
    GraphNode,
    GraphView,
    RelationLink,
)
from api.state import Snapshot, query_timeout_s
from ontology.ids import entity_iri, slug
from ontology.model import EntityType, Passage
from queries.areas import resolve_area, resolve_municipality

router = APIRouter(tags=["entities"])

MAX_PAGE: Final = 500
MAX_GRAPH_NODES: Final = 2_000
MAX_PASSAGES: Final = 200
ID_PATTERN: Final = r"^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._-]*$"

_MENTIONS_SPARQL: Final = """
SELECT ?doc ?start ?end ?quote WHERE {
  $e sam:mentionedIn ?p . ?p sam:document ?d ; sam:start ?start ; sam:end ?end .
  ?d sam:id ?doc . OPTIONAL { ?p sam:quote ?quote }
} ORDER BY ?doc ?start"""


def _prefixed(prefix: str, value: str | None) -> str | None:
    if value is None:
        return None
    return value if value.startswith(f"{prefix}:") else f"{prefix}:{slug(value)}"


def entity_filters(
    settings: SettingsDep,
    type: Annotated[list[EntityType] | None, Query(description="entity types")] = None,
    theme: Annotated[str | None, Query(max_length=80, examples=["energi"])] = None,
    county: Annotated[str | None, Query(max_length=80, examples=["norrbotten"])] = None,
    area: Annotated[str | None, Query(max_length=80, examples=["inland"])] = None,
    municipality: Annotated[str | None, Query(max_length=80, examples=["2480"])] = None,
    sdg: Annotated[str | None, Query(max_length=8, examples=["7"])] = None,
    priority: Annotated[str | None, Query(max_length=200)] = None,
    document: Annotated[str | None, Query(max_length=200)] = None,
) -> Filters:
    """The shared filters; area names resolve through queries.areas (400 when unknown)."""
    places: frozenset[str] | None = None
    for value in (county, area):
        if value is not None:
            found = frozenset(resolve_area(value, settings.areas_file).places)
            places = found if places is None else places & found
    if municipality is not None:
        found = frozenset({resolve_municipality(municipality)})
        places = found if places is None else places & found
    return Filters(
        types=frozenset(t.value for t in type or []),
        theme=_prefixed("theme", theme),
        places=places,
        sdg=_prefixed("sdg", sdg),
        priority=priority,
        document=document,
    )


FiltersDep = Annotated[Filters, Depends(entity_filters)]
EntityId = Annotated[str, Path(max_length=200, examples=["org:umea-universitet"])]


@router.get("/entities", response_model=EntityPage, summary="Search entities by name or alias")
def search_entities(
    snap: SnapshotDep,
    filters: FiltersDep,
    q: Annotated[str | None, Query(max_length=200, description="name or alias")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> EntityPage:
    hits = snap.index.search(q, filters)
    items = [
        EntityItem(
            id=e.id,
            type=e.type.value,
            name=e.name,
            aliases=e.aliases,
            score=score,
            attributes=e.attributes,
        )
        for e, score in hits[offset : offset + limit]
    ]
    return EntityPage(items=items, total=len(hits), limit=limit, offset=offset)


def _get(index: EntityIndex, entity_id: str) -> None:
    if entity_id not in index.entities:
        raise Problem(404, "Not found", f"no entity with id {entity_id!r}", "unknown-entity")


def _ref(index: EntityIndex, entity_id: str) -> EntityRef:
    e = index.entities[entity_id]
    return EntityRef(id=e.id, type=e.type.value, name=e.name)


def _relations(index: EntityIndex, entity_id: str) -> dict[str, list[RelationLink]]:
    grouped: dict[str, list[RelationLink]] = {}
    for direction, rels in (
        ("out", index.outgoing.get(entity_id, [])),
        ("in", index.incoming.get(entity_id, [])),
    ):
        for rel in rels:
            other = rel.target if direction == "out" else rel.source
            grouped.setdefault(rel.type.value, []).append(
                RelationLink(
                    direction="out" if direction == "out" else "in",
                    other=_ref(index, other),
                    confidence=rel.confidence,
                    evidence=rel.evidence,
                )
            )
    return grouped


def _provenance(snap: Snapshot, entity_id: str, settings_timeout_s: float) -> list[Passage]:
    """Mention passages (from the RDF store) and relation evidence, without duplicates."""
    found: dict[tuple[str, int, int], Passage] = {}
    result = snap.store.query(
        _MENTIONS_SPARQL,
        {"e": NamedNode(entity_iri(entity_id))},
        timeout_s=settings_timeout_s,
        max_rows=MAX_PASSAGES,
    )
    for row in result.dicts():
        key = (str(row["doc"]), int(row["start"]), int(row["end"]))
        found[key] = Passage(document=key[0], start=key[1], end=key[2], text=row["quote"] or "")
    rels = [*snap.index.outgoing.get(entity_id, []), *snap.index.incoming.get(entity_id, [])]
    for rel in rels:
        for ev in rel.evidence:
            key = (ev.document, ev.start, ev.end)
            found.setdefault(
                key, Passage(document=ev.document, start=ev.start, end=ev.end, text=ev.quote)
            )
    return sorted(found.values(), key=lambda p: (p.document, p.start, p.end))[:MAX_PASSAGES]


@router.get("/entities/{entity_id}", response_model=EntityDetail, summary="One entity")
def get_entity(snap: SnapshotDep, settings: SettingsDep, entity_id: EntityId) -> EntityDetail:
    _get(snap.index, entity_id)
    return EntityDetail(
        entity=snap.index.entities[entity_id],
        relations=_relations(snap.index, entity_id),
        provenance=_provenance(snap, entity_id, query_timeout_s(settings)),
    )


def graph_view(snap: Snapshot, ids: Iterable[str], truncated: bool) -> GraphView:
    """Nodes for ``ids`` (with themes, municipalities, centrality) and the edges among them."""
    index = snap.index
    keep = [i for i in dict.fromkeys(ids) if i in index.entities]
    members = set(keep)
    nodes = [
        GraphNode(
            id=i,
            type=index.entities[i].type.value,
            name=index.entities[i].name,
            themes=sorted(index.themes(i)),
            municipalities=index.municipalities(i),
            centrality=snap.centrality.get(i, 0.0),
        )
        for i in keep
    ]
    edges = [
        GraphEdge(source=r.source, target=r.target, type=r.type.value, confidence=r.confidence)
        for i in keep
        for r in index.outgoing.get(i, [])
        if r.target in members
    ]
    return GraphView(nodes=nodes, edges=edges, truncated=truncated)


def neighbours(index: EntityIndex, start: str, depth: int, cap: int) -> tuple[list[str], bool]:
    """Ids within ``depth`` steps (either direction), breadth first; cut at ``cap`` nodes."""
    seen, frontier = [start], [start]
    known = {start}
    for _ in range(depth):
        nxt = []
        for node in frontier:
            links = [r.target for r in index.outgoing.get(node, [])]
            links += [r.source for r in index.incoming.get(node, [])]
            for other in links:
                if other in known:
                    continue
                if len(seen) >= cap:
                    return seen, True
                known.add(other)
                seen.append(other)
                nxt.append(other)
        frontier = nxt
    return seen, False


@router.get(
    "/entities/{entity_id}/neighbourhood",
    response_model=GraphView,
    summary="Nodes and edges around one entity",
)
def neighbourhood(
    snap: SnapshotDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_GRAPH_NODES)] = 500,
) -> GraphView:
    _get(snap.index, entity_id)
    ids, truncated = neighbours(snap.index, entity_id, depth, limit)
    return graph_view(snap, ids, truncated)


@router.get("/graph", response_model=GraphView, summary="The network of filtered entities")
def graph(
    snap: SnapshotDep,
    filters: FiltersDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_GRAPH_NODES)] = 500,
) -> GraphView:
    hits = snap.index.search(q, filters)
    if not q:  # the most central first, so a cut keeps the backbone of the network
        hits.sort(key=lambda h: -snap.centrality.get(h[0].id, 0.0))
    return graph_view(snap, (e.id for e, _ in hits[:limit]), len(hits) > limit)
