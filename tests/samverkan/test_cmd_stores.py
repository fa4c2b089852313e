"""`samverkan falkordb load` / `samverkan neo4j load` through the real CLI entry point."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cypher_engines import FalkorEngine
from graph.falkor_server import FalkorServer
from ontology.model import Extraction

CLI = [sys.executable, "-m", "samverkan"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.cypher
def test_falkordb_load_into_a_running_server(
    falkordb_server: FalkorServer, mini_store_dir: Path, mini_extraction: Extraction
) -> None:
    graph = "cli-load"
    args = ["falkordb", "load", "--url", f"unix://{falkordb_server.socket_path}"]
    args += ["--graph", graph, "--store", str(mini_store_dir), "--batch-size", "25"]
    first = run(*args)
    assert first.returncode == 0, first.stderr
    assert "rows/s" in first.stdout
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, graph)
    try:
        count = "MATCH (o:Organisation) RETURN count(o)"
        orgs = sum(1 for e in mini_extraction.entities if e.type.value == "Organisation")
        assert engine.ro_query(count).rows == [[orgs]]
        again = run(*args)  # idempotent re-load
        assert again.returncode == 0, again.stderr
        assert engine.ro_query(count).rows == [[orgs]]
    finally:
        engine.clear()
        engine.close()


def test_unreachable_falkordb_is_one_line(mini_store_dir: Path, tmp_path: Path) -> None:
    result = run(
        "falkordb", "load", "--url", str(tmp_path / "none.sock"), "--store", str(mini_store_dir)
    )
    assert result.returncode == 1
    assert "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_neo4j_is_one_line(mini_store_dir: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run(
        "neo4j",
        "load",
        "--uri",
        f"bolt://127.0.0.1:{port}",
        "--password",
        "x",
        "--store",
        str(mini_store_dir),
    )
    assert result.returncode == 1
    assert f"Neo4j at bolt://127.0.0.1:{port} is unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = run("falkordb", "load", "--store", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "samverkan build" in result.stderr
