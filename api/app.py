"""The FastAPI app: ``create_app(settings)`` is the only place a FastAPI object is built.

Composition root #2 (the CLI is #1): it reads settings, opens the store snapshot and the
Cypher engine in the lifespan, installs problem+json errors, CORS from the allow-list, the
request-body limit, the routers, and the explorer's static files at ``/``.
Run it with ``uvicorn --factory api.app:create_app`` or ``samverkan serve``.
"""

from __future__ import annotations

import ctypes
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Final

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import problems
from api.deps import get_settings
from api.routers import (
    analytics,
    cypher,
    documents,
    entities,
    export,
    health,
    questions,
    sparql,
    style,
)
from api.state import Runtime
from samverkan.settings import Settings

EXPLORER_DIR: Final = Path(__file__).resolve().parent / "explorer"
_BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH"})


def _lifespan(runtime: Runtime) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(runtime.start_engine)
        runtime.warm()
        try:
            yield
        finally:
            await run_in_threadpool(runtime.close)

    return lifespan


def _body_limit(
    max_bytes: int,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """Refuse a declared body larger than ``max_bytes`` (413) before it is read."""

    async def limit(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method in _BODY_METHODS:
            declared = request.headers.get("content-length")
            too_big = declared is not None and (not declared.isdigit() or int(declared) > max_bytes)
            if too_big or (
                declared is None and "chunked" in request.headers.get("transfer-encoding", "")
            ):
                return problems.problem_response(
                    413,
                    "Content too large",
                    f"request bodies are limited to {max_bytes} bytes with a Content-Length",
                    "content-too-large",
                )
        return await call_next(request)

    return limit


# glibc malloc options (mallopt(3) parameter numbers). Under concurrent reads each upload's
# rebuild left native memory (RocksDB, Rust) fragmented over per-thread arenas that glibc
# never handed back: RSS grew 150 MB → 1.2 GB over ten uploads (tests/reliability load
# test). Large blocks from mmap, trimming and few arenas keep it flat (~190 MB).
_MALLOPT: Final = ((-8, 2), (-3, 64 * 1024), (-1, 64 * 1024))  # ARENA_MAX, MMAP_, TRIM_THRESHOLD


def _tune_malloc() -> None:
    """Apply :data:`_MALLOPT` where the C library is glibc (a no-op elsewhere)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        for param, value in _MALLOPT:
            libc.mallopt(param, value)
    except (OSError, AttributeError):
        return


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API for ``settings`` (from the environment when None)."""
    _tune_malloc()
    settings = settings or get_settings()
    runtime = Runtime(settings)
    app = FastAPI(
        title="Samverkansgrafen API",
        version="0.1.0",
        description="Actors, arenas and initiatives of regional development in northern Sweden.",
        lifespan=_lifespan(runtime),
        docs_url="/docs",
    )
    app.state.runtime = runtime
    app.dependency_overrides[get_settings] = lambda: settings
    problems.install(app)
    app.middleware("http")(_body_limit(settings.max_upload_bytes))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Content-Disposition", "X-API-Key"],
            # so a page on an allowed origin can see a cut answer and a download's name
            expose_headers=["Samverkan-Truncated", "Content-Disposition"],
        )
    for module in (
        health,
        entities,
        questions,
        analytics,
        sparql,
        cypher,
        documents,
        export,
        style,
    ):
        app.include_router(module.router, responses=problems.PROBLEM_RESPONSES)
    if (EXPLORER_DIR / "index.html").is_file():
        app.mount("/", StaticFiles(directory=EXPLORER_DIR, html=True), name="explorer")
    return app
