"""Neo4jEngine: the statements only Neo4j gets, error translation, and a live run when possible.

Neo4j cannot run on these machines (no Docker engine, no package), so the pure functions
that build Neo4j-only statements are tested here, the error paths are tested against a
port where nothing listens, and the integration tests run only when NEO4J_URI is set.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import cypher
from graph.cypher_engines import (
    EngineUnavailableError,
    Neo4jEngine,
    ReadOnlyError,
    falkor_index_statement,
    neo4j_constraint_name,
    neo4j_constraint_statement,
    neo4j_timeout_s,
)
from graph.writer import GraphWriter
from ontology.model import Extraction

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_extraction.json"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_is_one_clear_error() -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    with pytest.raises(EngineUnavailableError, match=f"Neo4j at {uri} is unreachable"):
        Neo4jEngine(uri, "neo4j", "secret")


def test_malformed_uri_is_reported() -> None:
    with pytest.raises(EngineUnavailableError, match="not valid"):
        Neo4jEngine("http//nowhere", "neo4j", "secret")


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
    extraction = Extraction.model_validate_json(MINI.read_text(encoding="utf-8"))
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
    from graph.cypher_engines import EngineAuthError

    assert NEO4J_URI is not None
    with pytest.raises(EngineAuthError, match="refused the credentials"):
        Neo4jEngine(NEO4J_URI, "neo4j", "definitely-wrong-password")
