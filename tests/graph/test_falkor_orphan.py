"""The private FalkorDB dies with the process that started it, even one killed by SIGKILL,
and is not killed early when the thread that started it ends (PR_SET_PDEATHSIG caveat)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from graphtools import child_env

pytestmark = [
    pytest.mark.cypher,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux"),
]

# Starts the server with the project's own function, from the main thread or from a thread
# that has fully ended (its /proc task is gone) before the pid is printed.
CHILD = """
import sys, threading, time
from pathlib import Path
from graph.falkor_server import start_falkordb
if sys.argv[1] == "thread":
    box = {}
    worker = threading.Thread(target=lambda: box.update(server=start_falkordb()))
    worker.start()
    worker.join()
    task = Path(f"/proc/self/task/{worker.native_id}")
    while task.exists():
        time.sleep(0.01)
    server = box["server"]
else:
    server = start_falkordb()
print(server.process.pid, server.directory, flush=True)
time.sleep(600)
"""
GONE_TIMEOUT_S = 30.0
LOG_NAME = "fk.log"


def _stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, or None when it does not exist."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], fields[19]


def _alive(pid: int, started: str) -> bool:
    """True while that very process runs (a zombie waiting for its reaper counts as gone)."""
    now = _stat(pid)
    return now is not None and now[1] == started and now[0] != "Z"


def _wait_gone(pid: int, started: str) -> bool:
    deadline = time.monotonic() + GONE_TIMEOUT_S
    while time.monotonic() < deadline:
        if not _alive(pid, started):
            return True
        time.sleep(0.05)
    return False


def _ping(directory: Path) -> bool:
    client = redis.Redis(unix_socket_path=str(directory / "fk.sock"), socket_timeout=5)
    try:
        return bool(client.ping())
    finally:
        client.close()


@contextmanager
def _started_child(mode: str) -> Iterator[tuple[subprocess.Popen[str], int, str, Path]]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    pid, started, directory = 0, "", Path()
    try:
        assert child.stdout is not None
        line = child.stdout.readline().split()
        assert len(line) == 2, f"the child did not start FalkorDB (exit {child.poll()})"
        pid, directory = int(line[0]), Path(line[1])
        stat = _stat(pid)
        assert stat is not None, "redis-server is not running"
        started = stat[1]
        yield child, pid, started, directory
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        if pid and _alive(pid, started):
            os.kill(pid, signal.SIGKILL)  # the orphan this test provoked, if the fix failed
        if directory.name.startswith("samverkan-fk-"):
            shutil.rmtree(directory, ignore_errors=True)  # a killed parent cannot clean it


@pytest.mark.parametrize("mode", ["main", "thread"])
def test_server_dies_when_its_parent_is_killed(mode: str) -> None:
    with _started_child(mode) as (child, pid, started, directory):
        assert _ping(directory)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert _wait_gone(pid, started), f"redis-server {pid} outlived its SIGKILLed parent"
        log = (directory / LOG_NAME).read_text(errors="replace")
        assert "SIGTERM" in log  # ended by the parent-death signal, not by chance


def test_server_outlives_the_thread_that_started_it() -> None:
    with _started_child("thread") as (_child, pid, started, directory):
        # The starting thread is gone: a parent-death signal tied to it would have been
        # delivered by now, and redis runs its signal handler before answering this ping.
        assert _ping(directory)
        assert _alive(pid, started)
        log = (directory / LOG_NAME).read_text(errors="replace")
        assert "SIGTERM" not in log
