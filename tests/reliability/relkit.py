"""Helpers of the reliability tests: real server processes, store facts, small corpora.

The API runs as a real ``uvicorn`` subprocess (not a thread), so a test can kill it with
SIGKILL, read its resident memory from /proc and talk to it over TCP like any client.
Settings reach it through ``SAMVERKAN_*`` environment variables, exactly as in production;
it starts in a scratch working directory so no ``.env`` file of the tree leaks in.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from apitools import ALLOWED_ORIGIN, API_KEY, free_port

from graph.store import current_snapshot, open_current

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
PYTHON = Path(sys.executable)
SAMVERKAN = PYTHON.parent / "samverkan"
# The four small corpus documents (16 KB): fast builds that still hold real structure.
SMALL_DOCS = (
    "norrbotten-north-sweden-green-deal.txt",
    "norrbotten-rus-dialog-alvsbyn-2024.txt",
    "norrbotten-vagen-till-malet.txt",
    "vasterbotten-rus-kickoff-2012.txt",
)
BIG_DOC = "vasterbotten-resultat-2024.txt"
START_TIMEOUT_S = 90.0


def small_corpus(folder: Path, names: tuple[str, ...] = SMALL_DOCS) -> Path:
    """A corpus folder holding copies of the named corpus files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def clean_env(**settings: object) -> dict[str, str]:
    """The process environment with only our ``SAMVERKAN_*`` settings (no Neo4j, no .env)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "NEO4J_")) and not k.startswith("PYTEST_")
    }
    for key, value in settings.items():
        text = json.dumps(value) if isinstance(value, list | bool) else str(value)
        env[f"SAMVERKAN_{key.upper()}"] = text
    return env


def store_env(
    store_dir: Path, corpus_dir: Path, upload_dir: Path, **more: object
) -> dict[str, str]:
    return clean_env(
        store_dir=store_dir,
        corpus_dir=corpus_dir,
        upload_dir=upload_dir,
        curation_file=ROOT / "data" / "curation.yaml",
        **more,
    )


def temp_snapshots(store_dir: Path) -> list[Path]:
    """Snapshot directories of builds in progress (or killed)."""
    return sorted(store_dir.glob(".snap-*.tmp-*"))


def wait_for(predicate: object, timeout_s: float, what: str, every_s: float = 0.01) -> None:
    """Poll ``predicate()`` until it is true; AssertionError naming ``what`` on timeout."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(every_s)


@dataclass(frozen=True)
class StoreFacts:
    """What a store serves: version, manifest documents and every quad per named graph."""

    version: int
    snapshot: str
    documents: dict[str, str]  # doc id → graph hash
    graphs: dict[str, frozenset[str]]  # graph IRI → its quads (N-Quads lines)

    def graph_of(self, doc_id: str) -> frozenset[str]:
        iri = f"https://w3id.org/samverkansgrafen/graph/document/{doc_id}"
        return self.graphs[iri]


def store_facts(store_dir: Path) -> StoreFacts:
    """Open the served snapshot read-only and read every fact in it (queries must work)."""
    handle = open_current(store_dir)
    graphs: dict[str, set[str]] = {}
    for quad in handle.quads():
        name = getattr(quad.graph_name, "value", "")  # the default graph has none
        graphs.setdefault(name, set()).add(str(quad))
    probe = handle.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", timeout_s=60)
    assert probe.dicts()[0]["n"] > 0
    assert handle.extraction.documents  # extraction.json is whole
    served = current_snapshot(store_dir)
    return StoreFacts(
        version=handle.version,
        snapshot=str(served),
        documents={d: e.graph_hash for d, e in handle.manifest.documents.items()},
        graphs={g: frozenset(q) for g, q in graphs.items()},
    )


class ServerProcess:
    """``uvicorn --factory api.app:create_app`` in its own process and session."""

    def __init__(self, env: Mapping[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"uvicorn-{self.port}.log"
        self._log = self.log_path.open("wb")
        command = [
            str(PYTHON),
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
        ]
        self.proc = subprocess.Popen(
            command,
            cwd=workdir,
            env=dict(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_started()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _wait_started(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited at start:\n{self.log()}")
            try:
                httpx.get(f"{self.url}/style", timeout=2.0)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"uvicorn did not answer within {START_TIMEOUT_S} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def rss_kb(self) -> int:
        """Resident set size of the server process (kB, from /proc)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1])

    def kill9(self) -> None:
        kill9(self.proc)

    def stop(self) -> None:
        """SIGTERM (graceful: the lifespan stops a private FalkorDB), SIGKILL if it hangs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self._log.close()


def kill9(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL a process started with ``start_new_session`` and its whole group (pool workers
    included), as an OOM killer or a pulled plug would."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def start_build(
    env: Mapping[str, str], corpus: Path, store: Path, log: Path
) -> subprocess.Popen[bytes]:
    """``samverkan build`` in its own process group, output to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(SAMVERKAN), "build", "--corpus", str(corpus), "--store", str(store)],
            cwd=log.parent,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextmanager
def running_server(env: Mapping[str, str], workdir: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(env, workdir)
    try:
        yield server
    finally:
        server.stop()


def upload(
    client: httpx.Client, name: str, data: bytes, key: str | bytes | None = API_KEY
) -> httpx.Response:
    headers: dict[str, str | bytes] = {"X-API-Key": key} if key is not None else {}
    return client.post("/documents", params={"filename": name}, content=data, headers=headers)


__all__ = [
    "ALLOWED_ORIGIN",
    "API_KEY",
    "BIG_DOC",
    "CORPUS",
    "ROOT",
    "SAMVERKAN",
    "ServerProcess",
    "StoreFacts",
    "kill9",
    "running_server",
    "small_corpus",
    "start_build",
    "store_env",
    "store_facts",
    "temp_snapshots",
    "upload",
    "wait_for",
]
