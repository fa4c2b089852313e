"""Fixtures for the query tests: the mini extraction in the RDF store and in FalkorDB."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.cypher_engines import FalkorEngine
from graph.falkor_server import FalkorServer
from graph.store import StoreHandle, open_current, write_snapshot
from graph.writer import GraphWriter
from ontology.model import Extraction

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_extraction.json"


@pytest.fixture(scope="session")
def mini_extraction() -> Extraction:
    return Extraction.model_validate_json(MINI.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mini_store(
    mini_extraction: Extraction, tmp_path_factory: pytest.TempPathFactory
) -> StoreHandle:
    """A real snapshot written by graph.store and opened read-only."""
    store_dir = tmp_path_factory.mktemp("query-store")
    write_snapshot(store_dir, mini_extraction)
    return open_current(store_dir)


@pytest.fixture(scope="session")
def mini_falkor(
    falkordb_server: FalkorServer, mini_extraction: Extraction
) -> Iterator[FalkorEngine]:
    """The same extraction loaded into a real FalkorDB by graph.writer.GraphWriter."""
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, f"q-{uuid.uuid4().hex[:8]}")
    GraphWriter(engine).write(mini_extraction)
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()
