"""Two Cypher engines behind one small protocol: FalkorDB (Redis protocol) and Neo4j (Bolt).

Everything the project sends is in the Cypher subset both run (../shared/ENGINES.md);
only the statements that differ live here: id indexes vs uniqueness constraints,
read-only execution and time limits. Results come back as :class:`CypherResult` with
plain Python values (nodes → ``{"labels", "properties"}``, relationships →
``{"type", "properties"}``, paths → ``{"nodes", "relationships"}``), so callers never
see a driver type.

Example::

    engine = FalkorEngine.from_socket(server.socket_path, "samverkan")
    engine.ro_query("MATCH (n:Organisation) RETURN n.name LIMIT $k", {"k": 5}, timeout_ms=1000)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import neo4j
import neo4j.graph
import redis
from falkordb import FalkorDB
from falkordb.edge import Edge as FalkorEdge
from falkordb.node import Node as FalkorNode
from falkordb.path import Path as FalkorPath

from graph.cypher import delete_project_nodes


class EngineError(Exception):
    """A Cypher engine failed; the message names the engine, target and problem."""

    code = "engine_error"


class EngineUnavailableError(EngineError):
    code = "engine_unavailable"


class EngineAuthError(EngineError):
    code = "engine_auth"


class QueryTimeoutError(EngineError):
    code = "query_timeout"


class ReadOnlyError(EngineError):
    code = "read_only"


class CypherError(EngineError):
    code = "cypher_error"


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


class CypherEngine(Protocol):
    """What the writer and the query runner need from an engine."""

    kind: str

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> CypherResult: ...

    def ro_query(
        self, cypher: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None
    ) -> CypherResult: ...

    def ensure_id_indexes(self, labels: Sequence[str]) -> None: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


# --- messages ----------------------------------------------------------------------------


def one_line(detail: object) -> str:
    """A driver message on one line (the Neo4j driver's span several); CLI errors are one line."""
    return " ".join(str(detail).split())


def redact(target: str) -> str:
    """A server URL fit for a message or a log: any password replaced by ``***``."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return target
    if parts.password is None and "password" not in parts.query.lower():
        return target  # unchanged (urlunsplit would turn unix:///x into unix:/x)
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        name = user.split(":", 1)[0]
        netloc = f"{name}:***@{host}"
    query = parts.query
    if "password" in query.lower():
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, "***" if k.lower() == "password" else v) for k, v in pairs], safe="*"
        )
    rebuilt = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    # urlunsplit drops an empty authority: keep unix:///path as written.
    return rebuilt.replace(f"{parts.scheme}:/", f"{parts.scheme}:///", 1) if not netloc else rebuilt


def _unreachable(engine: str, target: str, exc: Exception) -> EngineUnavailableError:
    return EngineUnavailableError(f"{engine} at {target} is unreachable: {one_line(exc)}")


def _refused(engine: str, target: str) -> EngineAuthError:
    return EngineAuthError(f"{engine} at {target} refused the credentials")


# --- statements that differ (pure, unit-tested) ----------------------------------------


def falkor_index_statement(label: str) -> str:
    """The only DDL both engines accept; FalkorDB errors when it exists (tolerated)."""
    return f"CREATE INDEX FOR (n:{label}) ON (n.id)"


def neo4j_constraint_name(label: str) -> str:
    return f"samverkan_{label.lower()}_id_unique"


def neo4j_constraint_statement(label: str) -> str:
    """A uniqueness constraint (it brings its own index, so no CREATE INDEX for Neo4j)."""
    return (
        f"CREATE CONSTRAINT {neo4j_constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


def neo4j_timeout_s(timeout_ms: int | None) -> float | None:
    """The transaction timeout the driver takes (seconds) for a limit in milliseconds."""
    return None if timeout_ms is None else timeout_ms / 1000.0


def is_already_indexed(message: str) -> bool:
    text = message.lower()
    return "already indexed" in text or "already exists" in text


# --- value normalisation -------------------------------------------------------------


def plain(value: Any) -> Any:
    """Driver values → JSON-ready Python values (same shape for both engines)."""
    if isinstance(value, FalkorNode):
        return {"labels": list(value.labels or []), "properties": plain(value.properties)}
    if isinstance(value, FalkorEdge):
        return {"type": value.relation, "properties": plain(value.properties)}
    if isinstance(value, FalkorPath):
        return {
            "nodes": [plain(n) for n in value.nodes()],
            "relationships": [plain(e) for e in value.edges()],
        }
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


# --- FalkorDB ----------------------------------------------------------------------------


class FalkorEngine:
    """FalkorDB through its Redis protocol (never its Bolt port: ENGINES.md)."""

    kind = "falkordb"

    def __init__(self, db: FalkorDB, graph: str, target: str) -> None:
        self._db = db
        self._graph = db.select_graph(graph)
        self.graph_name = graph
        self.target = redact(target)

    @classmethod
    def from_socket(cls, socket_path: Path | str, graph: str) -> FalkorEngine:
        target = f"unix://{socket_path}"
        return cls.connect(lambda: FalkorDB(unix_socket_path=str(socket_path)), graph, target)

    @classmethod
    def from_url(cls, url: str, graph: str) -> FalkorEngine:
        """``redis://[:password@]host:port``, ``falkor://…`` or ``unix:///path/to.sock``."""
        return cls.connect(lambda: FalkorDB.from_url(url), graph, url)

    @classmethod
    def connect(cls, factory: Callable[[], FalkorDB], graph: str, target: str) -> FalkorEngine:
        """Build the client and PING it, so an unreachable server fails here, in one line."""
        target = redact(target)
        try:
            db = factory()
            db.connection.ping()
        except redis.AuthenticationError as exc:
            raise _refused("FalkorDB", target) from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise _unreachable("FalkorDB", target, exc) from exc
        except redis.ResponseError as exc:
            if "auth" in str(exc).lower() or "wrongpass" in str(exc).lower():
                raise _refused("FalkorDB", target) from exc
            raise EngineUnavailableError(f"FalkorDB at {target}: {one_line(exc)}") from exc
        except ValueError as exc:
            raise EngineUnavailableError(
                f"FalkorDB target {target!r} is not valid: {one_line(exc)}"
            ) from exc
        return cls(db, graph, target)

    def _run(
        self, cypher: str, params: Mapping[str, Any] | None, timeout_ms: int | None, ro: bool
    ) -> CypherResult:
        run = self._graph.ro_query if ro else self._graph.query
        try:
            try:
                result = run(cypher, dict(params) if params else None, timeout=timeout_ms)
            except redis.ResponseError as exc:
                if not ro or "empty key" not in str(exc):
                    raise
                # A read on a graph nobody wrote yet: create it empty, read again.
                self._graph.query("RETURN 1")
                result = run(cypher, dict(params) if params else None, timeout=timeout_ms)
        except redis.ResponseError as exc:
            raise _falkor_error(str(exc), self.target) from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise _unreachable("FalkorDB", self.target, exc) from exc
        columns = [h[1] if isinstance(h, list | tuple) else str(h) for h in result.header]
        return CypherResult(columns, [[plain(v) for v in row] for row in result.result_set])

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> CypherResult:
        return self._run(cypher, params, None, ro=False)

    def ro_query(
        self, cypher: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None
    ) -> CypherResult:
        return self._run(cypher, params, timeout_ms, ro=True)

    def ensure_id_indexes(self, labels: Sequence[str]) -> None:
        for label in labels:
            try:
                self._graph.query(falkor_index_statement(label))
            except redis.ResponseError as exc:
                if not is_already_indexed(str(exc)):
                    raise _falkor_error(str(exc), self.target) from exc

    def ensure_unique_constraints(self, labels: Sequence[str]) -> None:
        """Optional: GRAPH.CONSTRAINT CREATE … UNIQUE (after the index; built asynchronously)."""
        self.ensure_id_indexes(labels)
        for label in labels:
            try:
                self._graph.create_node_unique_constraint(label, "id")
            except redis.ResponseError as exc:
                if not is_already_indexed(str(exc)) and "constraint" not in str(exc).lower():
                    raise _falkor_error(str(exc), self.target) from exc

    def clear(self) -> None:
        """Drop the whole graph (a fresh load)."""
        try:
            self._graph.delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid" not in str(exc).lower():
                raise _falkor_error(str(exc), self.target) from exc

    def close(self) -> None:
        self._db.close()


def _falkor_error(message: str, target: str) -> EngineError:
    lowered = message.lower()
    if "timed out" in lowered or "timeout" in lowered:
        return QueryTimeoutError(f"FalkorDB at {target}: query timed out ({message})")
    if "read-only" in lowered or "ro_query" in lowered:
        return ReadOnlyError(f"FalkorDB at {target}: a read-only query tried to write")
    return CypherError(f"FalkorDB at {target}: {one_line(message)}")


# --- Neo4j ---------------------------------------------------------------------------------


class Neo4jEngine:
    """Neo4j 5 over Bolt with the official driver; reads run in read transactions."""

    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        self.target = uri = redact(uri)
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self._driver.verify_connectivity()
        except neo4j.exceptions.AuthError as exc:
            raise EngineAuthError(f"Neo4j at {uri} refused the credentials of {user!r}") from exc
        except (neo4j.exceptions.ServiceUnavailable, OSError) as exc:
            raise _unreachable("Neo4j", uri, exc) from exc
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise EngineUnavailableError(
                f"Neo4j URI {uri!r} is not valid: {one_line(exc)}"
            ) from exc
        except neo4j.exceptions.Neo4jError as exc:
            raise _neo4j_error(exc, uri) from exc

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> CypherResult:
        with self._engine_errors():
            records, _, keys = self._driver.execute_query(
                cypher, dict(params or {}), database_=self.database
            )
        return CypherResult(list(keys), [[plain(v) for v in r.values()] for r in records])

    def ro_query(
        self, cypher: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None
    ) -> CypherResult:
        # A transaction function's timeout is set by unit_of_work (tx.run refuses Query objects).
        @neo4j.unit_of_work(timeout=neo4j_timeout_s(timeout_ms))
        def work(tx: neo4j.ManagedTransaction) -> CypherResult:
            result = tx.run(cypher, dict(params or {}))
            rows = [[plain(v) for v in record.values()] for record in result]
            return CypherResult(list(result.keys()), rows)

        with self._engine_errors(), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    @contextmanager
    def _engine_errors(self) -> Iterator[None]:
        """Driver exceptions → :class:`EngineError`, so callers handle one family."""
        try:
            yield
        except neo4j.exceptions.Neo4jError as exc:
            raise _neo4j_error(exc, self.target) from exc
        except neo4j.exceptions.DriverError as exc:
            raise _driver_error(exc, self.target) from exc

    def ensure_id_indexes(self, labels: Sequence[str]) -> None:
        for label in labels:
            self.query(neo4j_constraint_statement(label))

    def clear(self) -> None:
        """Delete the project's nodes only: the database may hold other data."""
        self.query(delete_project_nodes())

    def close(self) -> None:
        self._driver.close()


def _driver_error(exc: neo4j.exceptions.DriverError, target: str) -> EngineError:
    """Lost server (stopped mid-load, network) vs other client-side failures."""
    if isinstance(exc, neo4j.exceptions.ServiceUnavailable | neo4j.exceptions.SessionExpired):
        return _unreachable("Neo4j", target, exc)
    return EngineUnavailableError(f"Neo4j at {target}: {one_line(exc)}")


def _neo4j_error(exc: neo4j.exceptions.Neo4jError, target: str) -> EngineError:
    code = exc.code or ""
    if "TransactionTimedOut" in code:
        return QueryTimeoutError(f"Neo4j at {target}: query timed out")
    if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
        return ReadOnlyError(f"Neo4j at {target}: a read-only query tried to write")
    if isinstance(exc, neo4j.exceptions.AuthError):
        return _refused("Neo4j", target)
    return CypherError(f"Neo4j at {target}: {one_line(exc.message or exc)}")
