"""Dependencies: settings, the runtime and the current snapshot as ``Annotated`` aliases.

``get_settings`` is cached and read only here (and in ``samverkan``); ``create_app(settings)``
overrides it through ``app.dependency_overrides`` so tests pass their own settings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request

from api.state import Runtime, Snapshot
from samverkan.settings import Settings


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment (SAMVERKAN_*), read once per process."""
    return Settings()


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_snapshot(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Snapshot:
    """The served snapshot (reopened after a rebuild); 503 problem before the first build."""
    return runtime.snapshot()


SettingsDep = Annotated[Settings, Depends(get_settings)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
