"""``GET /health``: the served store version, its counts and the Cypher engine."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RuntimeDep, SnapshotDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Store version, counts and engine")
def health(snap: SnapshotDep, runtime: RuntimeDep) -> Health:
    return Health(
        status="ok",
        version=snap.version,
        built_at=snap.manifest.built_at,
        counts=snap.manifest.counts,
        engine=runtime.engine_kind,
        engine_error=runtime.engine_error,
    )
