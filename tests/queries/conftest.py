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


def _opened_store(
    extraction: Extraction, factory: pytest.TempPathFactory, name: str
) -> StoreHandle:
    """A real snapshot written by graph.store and opened read-only."""
    store_dir = factory.mktemp(name)
    write_snapshot(store_dir, extraction)
    return open_current(store_dir)


def _loaded_falkor(
    server: FalkorServer, extraction: Extraction, prefix: str
) -> Iterator[FalkorEngine]:
    """The extraction loaded into a fresh graph of a real FalkorDB by GraphWriter."""
    engine = FalkorEngine.from_socket(server.socket_path, f"{prefix}-{uuid.uuid4().hex[:8]}")
    GraphWriter(engine).write(extraction)
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()


@pytest.fixture(scope="session")
def mini_store(
    mini_extraction: Extraction, tmp_path_factory: pytest.TempPathFactory
) -> StoreHandle:
    """The mini extraction (tests/conftest.py) as a real read-only snapshot."""
    return _opened_store(mini_extraction, tmp_path_factory, "query-store")


@pytest.fixture(scope="session")
def mini_falkor(
    falkordb_server: FalkorServer, mini_extraction: Extraction
) -> Iterator[FalkorEngine]:
    """The same extraction loaded into a real FalkorDB by graph.writer.GraphWriter."""
    yield from _loaded_falkor(falkordb_server, mini_extraction, "q")


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
    return _opened_store(corpus_extraction, tmp_path_factory, "corpus-store")


@pytest.fixture(scope="session")
def corpus_falkor(
    falkordb_server: FalkorServer, corpus_extraction: Extraction
) -> Iterator[FalkorEngine]:
    yield from _loaded_falkor(falkordb_server, corpus_extraction, "qc")
