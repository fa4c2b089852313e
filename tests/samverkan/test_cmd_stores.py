"""`samverkan falkordb load` / `samverkan neo4j load` through the real CLI entry point."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from graph.cypher_engines import FalkorEngine
from graph.falkor_server import FalkorServer, running_falkordb
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
    assert result.stderr.strip().count("\n") == 0, result.stderr


@pytest.mark.cypher
def test_refused_falkordb_credentials_are_one_line(mini_store_dir: Path, tmp_path: Path) -> None:
    with running_falkordb(tmp_path / "fk") as server:
        admin = redis.Redis(unix_socket_path=str(server.socket_path))
        try:
            admin.config_set("requirepass", "right-password")
        finally:
            admin.close()
        for url in (f"unix://{server.socket_path}?password=wrong-password", server.url):
            result = run("falkordb", "load", "--url", url, "--store", str(mini_store_dir))
            assert result.returncode == 1, result.stdout
            assert f"FalkorDB at {server.url}" in result.stderr
            assert "refused the credentials" in result.stderr
            assert "wrong-password" not in result.stderr  # never echo a secret
            assert result.stderr.strip().count("\n") == 0, result.stderr
        ok = f"unix://{server.socket_path}?password=right-password"
        loaded = run("falkordb", "load", "--url", ok, "--store", str(mini_store_dir))
        assert loaded.returncode == 0, loaded.stderr
        assert "right-password" not in loaded.stdout


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
    assert result.stderr.strip().count("\n") == 0, result.stderr


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = run("falkordb", "load", "--store", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "samverkan build" in result.stderr
