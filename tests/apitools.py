"""Helpers shared by API, e2e and reliability tests (tests/ is on sys.path: `import apitools`)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from hypothesis import HealthCheck, settings
from pydantic import SecretStr

from samverkan.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
API_KEY = "test-api-key-0123456789"
ALLOWED_ORIGIN = "http://explorer.example"


def api_test_settings(store_dir: Path, **changes: object) -> Settings:
    """Settings for an API test: the given store, no embedded FalkorDB unless asked.

    Uploads go to a folder beside the store (never the real var/uploads).
    """
    values: dict[str, object] = {
        "store_dir": store_dir,
        "upload_dir": store_dir.with_name(store_dir.name + "-uploads"),
        "embedded_falkordb": False,
        "api_key": SecretStr(API_KEY),
        "cors_origins": [ALLOWED_ORIGIN],
        "max_rows": 1_000,
        "query_timeout_ms": 20_000,
        "max_upload_bytes": 200_000,
    }
    values.update(changes)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def one_report_store(root: Path, report: str) -> tuple[Settings, int]:
    """Settings whose corpus is a copy of one report of data/corpus, built under ``root``.

    Returns the settings and the built version; uploads then add to that small store.
    """
    from samverkan.build import build_store  # the build pulls in the loaders: only when asked

    (root / "corpus").mkdir()
    shutil.copy(CORPUS / report, root / "corpus" / report)
    settings = api_test_settings(root / "store", corpus_dir=root / "corpus")
    return settings, build_store(settings, progress=False).version


def fuzz_settings(max_examples: int) -> settings:
    """Hypothesis settings for fuzzing the API: the same examples every run, none stored.

    No deadline: a request's time depends on the shared machine, not on the example.
    """
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_app(settings: Settings, start_timeout_s: float = 60.0) -> Iterator[str]:
    """``create_app(settings)`` under a real uvicorn on 127.0.0.1; yields the base URL."""
    from api.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError(f"uvicorn did not start on port {port} within {start_timeout_s} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
