"""Neo4jEngine: the statements only Neo4j gets, error translation, and a live run when possible.

Neo4j cannot run on these machines (no Docker engine, no package), so the pure functions
that build Neo4j-only statements are tested here, the error paths are tested against a
port where nothing listens, and the integration tests run only when NEO4J_URI is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from apitools import free_port
from graphtools import load_mini
from neo4j.exceptions import Neo4jError

from graph import cypher
from graph.cypher_engines import (
    CypherError,
    EngineAuthError,
    EngineUnavailableError,
    Neo4jEngine,
    QueryTimeoutError,
    ReadOnlyError,
    falkor_index_statement,
    neo4j_constraint_name,
    neo4j_constraint_statement,
    neo4j_timeout_s,
)
from graph.writer import GraphWriter
from ontology.model import Extraction

NEO4J_URI = os.environ.get("NEO4J_URI")
needs_neo4j = pytest.mark.skipif(
    not NEO4J_URI, reason="NEO4J_URI is not set: no Neo4j server to test against"
)


@pytest.mark.parametrize("label", cypher.all_id_labels())
def test_constraint_statement_per_label(label: str) -> None:
    text = neo4j_constraint_statement(label)
    assert text == (
        f"CREATE CONSTRAINT samverkan_{label.lower()}_id_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )
    assert re.fullmatch(r"[a-z0-9_]+", neo4j_constraint_name(label))


def test_constraint_names_are_distinct() -> None:
    names = [neo4j_constraint_name(label) for label in cypher.all_id_labels()]
    assert len(names) == len(set(names))


def test_falkordb_gets_the_shared_index_statement() -> None:
    assert falkor_index_statement("Organisation") == "CREATE INDEX FOR (n:Organisation) ON (n.id)"


@pytest.mark.parametrize(("ms", "seconds"), [(None, None), (1500, 1.5), (100, 0.1)])
def test_timeout_is_passed_in_seconds(ms: int | None, seconds: float | None) -> None:
    assert neo4j_timeout_s(ms) == seconds


def test_unreachable_server_is_one_clear_error() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(EngineUnavailableError, match=f"Neo4j at {uri} is unreachable"):
        Neo4jEngine(uri, "neo4j", "secret")


def test_malformed_uri_is_reported() -> None:
    with pytest.raises(EngineUnavailableError, match="not valid"):
        Neo4jEngine("http//nowhere", "neo4j", "secret")


# --- what the adapter sends: a recording stand-in for the driver ---------------------------
# Neo4j cannot run here, so the driver object is replaced by one that records every call
# (statement, parameters, database, access mode, timeout) and answers like the driver does.


class _Record:
    def __init__(self, values: list[Any]) -> None:
        self._values = values

    def values(self) -> list[Any]:
        return self._values


class _Result:
    def __init__(self, keys: list[str], rows: list[list[Any]]) -> None:
        self._keys, self._rows = keys, rows

    def __iter__(self) -> Iterator[_Record]:
        return iter(_Record(r) for r in self._rows)

    def keys(self) -> list[str]:
        return self._keys


class _Tx:
    def __init__(self, driver: _RecordingDriver) -> None:
        self.driver = driver

    def run(self, query: str, parameters: dict[str, Any]) -> _Result:
        self.driver.calls.append(("tx.run", query, parameters))
        if self.driver.fail_with is not None:
            raise self.driver.fail_with
        return _Result(["n"], [[1]])


class _Session:
    def __init__(self, driver: _RecordingDriver, database: str) -> None:
        self.driver, self.database = driver, database

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.driver.calls.append(("session.close", self.database))

    def execute_read(self, work: Callable[[_Tx], Any]) -> Any:
        timeout = getattr(work, "timeout", "not set by unit_of_work")
        self.driver.calls.append(("execute_read", self.database, timeout))
        return work(_Tx(self.driver))


class _RecordingDriver:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.fail_with: Exception | None = None

    def verify_connectivity(self) -> None:
        self.calls.append(("verify_connectivity",))

    def execute_query(self, query: str, parameters: dict[str, Any], **kwargs: Any) -> Any:
        self.calls.append(("execute_query", query, parameters, kwargs))
        if self.fail_with is not None:
            raise self.fail_with
        return [], None, []

    def session(self, database: str) -> _Session:
        return _Session(self, database)

    def close(self) -> None:
        self.calls.append(("close",))


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[_RecordingDriver, list[Any]]:
    driver = _RecordingDriver()
    opened: list[Any] = []

    def fake_driver(uri: str, auth: tuple[str, str]) -> _RecordingDriver:
        opened.append((uri, auth))
        return driver

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", fake_driver)
    return driver, opened


def test_connect_verifies_connectivity_with_the_given_auth(
    recorded: tuple[_RecordingDriver, list[Any]],
) -> None:
    driver, opened = recorded
    engine = Neo4jEngine("bolt://db:7687", "alice", "s3cret", "graphs")
    assert opened == [("bolt://db:7687", ("alice", "s3cret"))]
    assert driver.calls == [("verify_connectivity",)]
    engine.close()
    assert driver.calls[-1] == ("close",)


def test_indexes_are_uniqueness_constraints_only(
    recorded: tuple[_RecordingDriver, list[Any]],
) -> None:
    driver, _ = recorded
    Neo4jEngine("bolt://db:7687", "neo4j", "pw", "graphs").ensure_id_indexes(["Entity", "Arena"])
    sent = [(c[1], c[2], c[3]) for c in driver.calls if c[0] == "execute_query"]
    assert sent == [
        (neo4j_constraint_statement("Entity"), {}, {"database_": "graphs"}),
        (neo4j_constraint_statement("Arena"), {}, {"database_": "graphs"}),
    ]
    assert not any("CREATE INDEX" in c[1] for c in sent)


def test_reads_run_in_a_read_transaction_with_the_timeout_in_seconds(
    recorded: tuple[_RecordingDriver, list[Any]],
) -> None:
    driver, _ = recorded
    engine = Neo4jEngine("bolt://db:7687", "neo4j", "pw", "graphs")
    result = engine.ro_query("MATCH (n:Arena {id: $id}) RETURN 1 AS n", {"id": "a"}, 2500)
    assert result.columns == ["n"] and result.rows == [[1]]
    assert driver.calls[1:] == [
        ("execute_read", "graphs", 2.5),
        ("tx.run", "MATCH (n:Arena {id: $id}) RETURN 1 AS n", {"id": "a"}),
        ("session.close", "graphs"),
    ]
    engine.ro_query("RETURN 1 AS n")
    assert ("execute_read", "graphs", None) in driver.calls  # no limit: the server default


def test_writer_sends_constraints_then_batched_unwind_merges(
    recorded: tuple[_RecordingDriver, list[Any]],
) -> None:
    driver, _ = recorded
    extraction = load_mini()
    GraphWriter(Neo4jEngine("bolt://db:7687", "neo4j", "pw", "graphs"), batch_size=40).write(
        extraction
    )
    sent = [c for c in driver.calls if c[0] == "execute_query"]
    labels = cypher.all_id_labels()
    assert [c[1] for c in sent[: len(labels)]] == [neo4j_constraint_statement(x) for x in labels]
    assert sent[len(labels)][1] == cypher.document_fingerprints()
    writes = sent[len(labels) + 1 :]
    assert writes and all(c[1].startswith("UNWIND $rows AS row ") for c in writes)
    assert all(set(c[2]) == {"rows"} and 0 < len(c[2]["rows"]) <= 40 for c in writes)
    assert all(c[3] == {"database_": "graphs"} for c in sent)
    merged = {r["id"] for c in writes if "MERGE (n:Entity:" in c[1] for r in c[2]["rows"]}
    assert {e.id for e in extraction.entities} <= merged
    relation_rows = sum(len(c[2]["rows"]) for c in writes if "MERGE (a)-[r:" in c[1])
    assert relation_rows == len({r.key for r in extraction.relations})


def test_clear_deletes_only_what_the_writer_wrote(
    recorded: tuple[_RecordingDriver, list[Any]],
) -> None:
    driver, _ = recorded
    Neo4jEngine("bolt://db:7687", "neo4j", "pw", "graphs").clear()
    assert driver.calls[-1] == (
        "execute_query",
        "MATCH (n) WHERE n:Entity OR n:Document OR n:GeoSet DETACH DELETE n",
        {},
        {"database_": "graphs"},
    )


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("Neo.ClientError.Statement.AccessMode", ReadOnlyError),
        ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeoutError),
        ("Neo.ClientError.Statement.SyntaxError", CypherError),
    ],
)
def test_server_errors_become_engine_errors(
    recorded: tuple[_RecordingDriver, list[Any]], code: str, error: type[Exception]
) -> None:
    driver, _ = recorded
    engine = Neo4jEngine("bolt://db:7687", "neo4j", "pw")
    driver.fail_with = Neo4jError._hydrate_neo4j(code=code, message="line one\nline two")
    with pytest.raises(error, match="Neo4j at bolt://db:7687") as raised:
        engine.ro_query("MATCH (n) RETURN n", timeout_ms=100)
    assert "\n" not in str(raised.value)
    with pytest.raises(error):
        engine.query("MATCH (n) RETURN n")


def test_refused_credentials_and_lost_server_are_one_clear_line(
    recorded: tuple[_RecordingDriver, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    driver, _ = recorded
    unauthorized = Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Security.Unauthorized", message="The client is unauthorized"
    )

    def refuse() -> None:
        raise unauthorized

    monkeypatch.setattr(driver, "verify_connectivity", refuse)
    with pytest.raises(EngineAuthError, match=r"Neo4j at bolt://db:7687 refused the credentials"):
        Neo4jEngine("bolt://db:7687", "neo4j", "wrong")
    monkeypatch.delattr(driver, "verify_connectivity")  # back to the recording method
    engine = Neo4jEngine("bolt://db:7687", "neo4j", "pw")
    driver.fail_with = neo4j.exceptions.ServiceUnavailable("connection lost\nto db:7687")
    with pytest.raises(
        EngineUnavailableError, match="Neo4j at bolt://db:7687 is unreachable"
    ) as lost:
        GraphWriter(engine).write(Extraction())
    assert "\n" not in str(lost.value)


# --- integration (NEO4J_URI set) ----------------------------------------------------------


@pytest.fixture
def neo4j_engine() -> Iterator[Neo4jEngine]:
    """The database named by NEO4J_DATABASE is WIPED before and after: point it at a test one."""
    assert NEO4J_URI is not None
    engine = Neo4jEngine(
        NEO4J_URI,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    engine.clear()
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_load_is_idempotent(neo4j_engine: Neo4jEngine) -> None:
    extraction = load_mini()
    writer = GraphWriter(neo4j_engine, batch_size=50)
    writer.write(extraction)
    count = "MATCH (o:Organisation) RETURN count(o)"
    first = neo4j_engine.ro_query(count).rows
    writer.write(extraction)
    assert neo4j_engine.ro_query(count).rows == first
    orgs = sum(1 for e in extraction.entities if e.type.value == "Organisation")
    assert first == [[orgs]]


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_read_transactions_refuse_writes(neo4j_engine: Neo4jEngine) -> None:
    with pytest.raises(ReadOnlyError):
        neo4j_engine.ro_query("CREATE (:Organisation {id: 'org:x'})")


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_wrong_password_is_refused() -> None:
    assert NEO4J_URI is not None
    with pytest.raises(EngineAuthError, match="refused the credentials"):
        Neo4jEngine(NEO4J_URI, "neo4j", "definitely-wrong-password")


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_counts_match_the_rdf_store(
    neo4j_engine: Neo4jEngine, mini_store_dir: Path, mini_extraction: Extraction
) -> None:
    from graph.store import manifest_json
    from ontology.model import EntityType, RelationType

    GraphWriter(neo4j_engine).write(mini_extraction)
    rdf = manifest_json(mini_store_dir)["counts"]
    for entity_type in (EntityType.ORGANISATION, EntityType.ARENA, EntityType.PROJECT):
        label = cypher.node_label(entity_type)
        assert neo4j_engine.ro_query(cypher.count_nodes(label)).rows == [[rdf["entities"][label]]]
    for rel in RelationType:
        if rel is not RelationType.MENTIONS:
            got = neo4j_engine.ro_query(cypher.count_relationships(cypher.rel_type(rel))).rows
            assert got == [[rdf["relations"][rel.value]]], rel


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_read_timeout(neo4j_engine: Neo4jEngine) -> None:
    with pytest.raises(QueryTimeoutError):
        neo4j_engine.ro_query(
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
            "WITH x, y WHERE x + y = -1 RETURN count(x)",
            timeout_ms=200,
        )
