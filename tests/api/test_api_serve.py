"""``samverkan serve`` on a fresh machine: no store yet, so it builds first, then serves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from apitools import free_port

ROOT = Path(__file__).resolve().parents[2]
SAMVERKAN = Path(sys.executable).parent / "samverkan"


@pytest.mark.timeout(180)
def test_serve_builds_a_missing_store_then_serves(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "data" / "corpus" / "norrbotten-vagen-till-malet.txt", corpus)
    store, port = tmp_path / "store", free_port()
    env = {
        **os.environ,
        "SAMVERKAN_EMBEDDED_FALKORDB": "false",
        "SAMVERKAN_UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    command = [str(SAMVERKAN), "serve", "--port", str(port), "--store", str(store)]
    command += ["--corpus", str(corpus)]
    log = (tmp_path / "serve.log").open("w+")
    # cwd=tmp_path: no .env of the working tree leaks into the settings
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        health = None
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        log.seek(0)
        output = log.read()
        assert health is not None, f"serve never answered; exit {proc.poll()}; output:\n{output}"
        assert health.status_code == 200, health.text
        assert health.json()["version"] == 1 and health.json()["counts"]["documents"] == 1
        assert "building it from" in output
        assert (store / "current").is_symlink()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
