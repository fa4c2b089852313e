"""Network analytics (graph.analytics, computed once per store version).

``/analytics/centrality`` ranks entities (or only organisations in the collaboration
graph) by betweenness and degree, ``/analytics/communities`` gives seeded Louvain
communities of collaborating organisations, ``/analytics/brokers`` the organisations that
join inland and coastal actors, ``/analytics/path`` the shortest chain of shared arenas and
projects between two organisations.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import SettingsDep, SnapshotDep
from api.index import EntityIndex
from api.problems import Problem
from api.schemas import (
    BrokerItem,
    CentralityItem,
    CommunityItem,
    EntityRef,
    PathAnswer,
    PathStepItem,
)
from api.state import Snapshot, bounded, query_timeout_s
from graph.analytics import Analytics, analytics_for

router = APIRouter(prefix="/analytics", tags=["analytics"])

Limit = Annotated[int, Query(ge=1, le=1_000)]


def _analytics(snap: Snapshot) -> Analytics:
    # Version numbers restart per store directory: key on the snapshot path as well.
    return analytics_for(f"{snap.path}@{snap.version}", lambda: snap.extraction)


def _ref(index: EntityIndex, entity_id: str) -> EntityRef:
    e = index.entities.get(entity_id)
    if e is None:
        return EntityRef(id=entity_id, type="", name=entity_id)
    return EntityRef(id=e.id, type=e.type.value, name=e.name)


def _centrality(snap: Snapshot, scope: str, limit: int) -> list[CentralityItem]:
    a = _analytics(snap)
    table = a.organisation_centrality if scope == "organisations" else a.centrality
    ranked = sorted(table.values(), key=lambda c: (-c.betweenness, -c.degree, c.id))[:limit]
    return [
        CentralityItem(
            id=c.id,
            name=c.name,
            type=_ref(snap.index, c.id).type,
            degree=c.degree,
            betweenness=c.betweenness,
        )
        for c in ranked
    ]


@router.get("/centrality", response_model=list[CentralityItem], summary="Most central entities")
async def centrality(
    snap: SnapshotDep,
    settings: SettingsDep,
    scope: Annotated[Literal["all", "organisations"], Query()] = "all",
    limit: Limit = 50,
) -> list[CentralityItem]:
    return await bounded(query_timeout_s(settings), _centrality, snap, scope, limit)


def _communities(snap: Snapshot, limit: int) -> list[CommunityItem]:
    return [
        CommunityItem(index=c.index, members=[_ref(snap.index, m) for m in c.members])
        for c in _analytics(snap).communities[:limit]
    ]


@router.get("/communities", response_model=list[CommunityItem], summary="Communities")
async def communities(
    snap: SnapshotDep, settings: SettingsDep, limit: Limit = 100
) -> list[CommunityItem]:
    return await bounded(query_timeout_s(settings), _communities, snap, limit)


def _brokers(snap: Snapshot, limit: int) -> list[BrokerItem]:
    return [
        BrokerItem(
            id=b.id,
            name=b.name,
            separated_pairs=b.separated_pairs,
            inland_actors=b.inland_actors,
            coastal_actors=b.coastal_actors,
        )
        for b in _analytics(snap).brokers[:limit]
    ]


@router.get("/brokers", response_model=list[BrokerItem], summary="Inland–coast brokers")
async def brokers(snap: SnapshotDep, settings: SettingsDep, limit: Limit = 50) -> list[BrokerItem]:
    return await bounded(query_timeout_s(settings), _brokers, snap, limit)


def _path(snap: Snapshot, source: str, target: str) -> PathAnswer:
    try:
        steps = _analytics(snap).path(source, target)
    except KeyError as exc:
        raise Problem(404, "Not found", str(exc).strip("'\""), "unknown-entity") from exc
    items = [
        PathStepItem(
            source=_ref(snap.index, s.source),
            target=_ref(snap.index, s.target),
            shared=[_ref(snap.index, x) for x in s.shared],
        )
        for s in steps or []
    ]
    return PathAnswer(source=source, target=target, found=steps is not None, steps=items)


@router.get("/path", response_model=PathAnswer, summary="Shortest collaboration chain")
async def path(
    snap: SnapshotDep,
    settings: SettingsDep,
    source: Annotated[str, Query(alias="from", max_length=200, examples=["org:umea-universitet"])],
    target: Annotated[str, Query(alias="to", max_length=200, examples=["org:region-norrbotten"])],
) -> PathAnswer:
    return await bounded(query_timeout_s(settings), _path, snap, source, target)
