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
from loaders.pipeline import extract
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


# --- the real corpus (data/corpus) in both engines ---------------------------------------
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_extraction() -> Extraction:
    """The loader's extraction of every corpus report (no curation: what the rules find)."""
    result = extract(sorted(CORPUS.glob("*.txt")))
    assert not result.errors, result.errors
    return result.extraction


@pytest.fixture(scope="session")
def corpus_store(
    corpus_extraction: Extraction, tmp_path_factory: pytest.TempPathFactory
) -> StoreHandle:
    store_dir = tmp_path_factory.mktemp("corpus-store")
    write_snapshot(store_dir, corpus_extraction)
    return open_current(store_dir)


@pytest.fixture(scope="session")
def corpus_falkor(
    falkordb_server: FalkorServer, corpus_extraction: Extraction
) -> Iterator[FalkorEngine]:
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, f"qc-{uuid.uuid4().hex[:8]}")
    GraphWriter(engine).write(corpus_extraction)
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()
