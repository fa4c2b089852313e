"""API load: requests/s and p50/p99 latency of three read endpoints under 1, 8 and 32 clients.

    .venv/bin/python bench/api_load.py                       # the corpus store, 300 requests
    .venv/bin/python bench/api_load.py --store var/bench/store-1000 --requests 100
    .venv/bin/python bench/api_load.py --requests 20 --clients 1

Starts ``samverkan serve`` (uvicorn, one process) on a free 127.0.0.1 port with a built store,
then drives it from this process with an httpx AsyncClient: ``--requests`` requests per
endpoint and concurrency level, spread over that many concurrent clients (one keep-alive
connection each). Endpoints: ``/entities?q=…`` (rotating search terms), ``/entities/{id}``
(rotating ids found by a first search) and ``/questions/who_collaborates?theme=energi&area=
inland``. The server's embedded FalkorDB is off (the named question runs on SPARQL).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from benchlib import CACHE, ROOT, Table, corpus_store, empty_dir, ms, percentile, render

SEARCH_TERMS = ("region", "umeå", "energi", "universitet", "nätverk", "luleå", "kommun", "forum")
QUESTION = "/questions/who_collaborates?theme=energi&area=inland"
START_TIMEOUT_S = 180.0
PR_SET_PDEATHSIG = 1


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def peak_rss_mb(self) -> float:
        """VmHWM of the server process (its peak resident set so far)."""
        status = Path(f"/proc/{self.process.pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve_command() -> list[str]:
    exe = Path(sys.executable).with_name("samverkan")
    if exe.exists():
        return [str(exe), "serve"]
    return [sys.executable, "-m", "samverkan", "serve"]


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM when this process dies (a killed bench leaves no server)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def serving(store: Path, cache: Path = CACHE) -> Iterator[Server]:
    """``samverkan serve --store STORE`` on a free port until the block ends."""
    port = free_port()
    env = dict(os.environ)
    env.update(
        SAMVERKAN_EMBEDDED_FALKORDB="false",
        SAMVERKAN_UPLOAD_DIR=str(empty_dir(cache / "api-load-uploads")),
    )
    env.pop("NEO4J_URI", None)
    log = cache / "api-load-server.log"
    cmd = [*_serve_command(), "--store", str(store), "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as fh:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_ready(server)
        yield server
    finally:
        process.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"samverkan serve exited: {' | '.join(tail)}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"samverkan serve did not answer /health within {START_TIMEOUT_S:.0f} s")


@dataclass
class LoadResult:
    endpoint: str
    clients: int
    requests: int
    seconds: float
    latencies: list[float]
    errors: int


async def drive(base: str, paths: Sequence[str], clients: int, requests: int) -> LoadResult:
    """``requests`` GETs of ``paths`` (in turn) by ``clients`` concurrent workers."""
    queue = iter(cycle(paths))
    remaining = requests
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal remaining, errors
        while remaining > 0:
            remaining -= 1
            path = next(queue)
            started = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        await client.get(paths[0])  # open one connection before the clock starts
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        seconds = time.perf_counter() - started
    return LoadResult(paths[0], clients, requests, seconds, latencies, errors)


def entity_ids(base: str, count: int = 40) -> list[str]:
    """Ids to fetch: the first hits of the search terms (real entities of this store)."""
    ids: list[str] = []
    for term in SEARCH_TERMS:
        page = httpx.get(f"{base}/entities", params={"q": term, "limit": 10}, timeout=60.0)
        page.raise_for_status()
        ids += [item["id"] for item in page.json()["items"] if item["id"] not in ids]
    return ids[:count] or ["municipality:umea"]


def run_api_load(
    store: Path | None = None,
    *,
    requests: int = 300,
    clients: Sequence[int] = (1, 8, 32),
    cache: Path = CACHE,
) -> list[Table]:
    store = store or corpus_store(cache)
    with serving(store, cache) as server:
        ids = entity_ids(server.url)
        endpoints = {
            "/entities?q=…": [f"/entities?q={t}" for t in SEARCH_TERMS],
            "/entities/{id}": [f"/entities/{i}" for i in ids],
            "/questions/who_collaborates": [QUESTION],
        }
        table = Table(
            f"API load: samverkan serve on 127.0.0.1, store {store.name}",
            ["endpoint", "clients", "requests", "req/s", "p50 ms", "p99 ms", "errors"],
        )
        for name, paths in endpoints.items():
            for c in clients:
                result = asyncio.run(drive(server.url, paths, c, requests))
                table.rows.append(
                    [
                        name,
                        str(c),
                        str(result.requests),
                        f"{result.requests / result.seconds:.1f}",
                        ms(percentile(result.latencies, 50)),
                        ms(percentile(result.latencies, 99)),
                        str(result.errors),
                    ]
                )
        peak = server.peak_rss_mb()
    table.notes.append(
        f"one uvicorn process (access log on, as `samverkan serve` runs it), client in a "
        f"second process on the same 2 cores; server peak RSS {peak:,.0f} MB; "
        f"{len(ids)} entity ids and {len(SEARCH_TERMS)} search terms in rotation"
    )
    return [table]


def _ints(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, default=None, help="default: data/corpus built")
    parser.add_argument("--requests", type=int, default=300, help="per endpoint and level")
    parser.add_argument("--clients", type=_ints, default=[1, 8, 32], help="e.g. 1,8,32")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    tables = run_api_load(
        args.store, requests=args.requests, clients=args.clients, cache=args.cache
    )
    print(render(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
