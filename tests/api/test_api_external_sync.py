"""An external Cypher engine (Neo4j in docker-compose) follows the served store after uploads.

Neo4j cannot run here; the runtime treats any engine it did not start itself as external,
so a real FalkorDB graph stands in for it and the same GraphWriter path is exercised.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from apitools import CORPUS, one_report_store

from api.state import Runtime
from graph.cypher_engines import FalkorEngine
from graph.falkor_server import FalkorServer
from samverkan.build import add_document


@pytest.fixture
def external(falkordb_server: FalkorServer) -> Iterator[FalkorEngine]:
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, f"ext-{uuid.uuid4().hex[:8]}")
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()


def _documents(engine: FalkorEngine) -> set[str]:
    rows = engine.query("MATCH (d:Document) RETURN d.id").rows
    return {str(r[0]) for r in rows}


def test_external_engine_is_loaded_and_follows_an_upload(
    tmp_path: Path, external: FalkorEngine
) -> None:
    settings, _ = one_report_store(tmp_path, "norrbotten-vagen-till-malet.txt")
    runtime = Runtime(settings)
    runtime._engine = external  # what start_engine() sets for NEO4J_URI
    runtime._warm()
    assert _documents(external) == {"norrbotten-vagen-till-malet"}
    text = (CORPUS / "norrbotten-rus-dialog-alvsbyn-2024.txt").read_bytes()
    add_document(settings, "dialog.txt", text)
    runtime._warm()
    assert _documents(external) == {"norrbotten-vagen-till-malet", "dialog"}
    runtime._warm()  # the same version again: nothing to do, nothing lost
    assert _documents(external) == {"norrbotten-vagen-till-malet", "dialog"}
