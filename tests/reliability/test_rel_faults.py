"""Faults (issue 7): SIGKILL of a `samverkan build` process and of the API server in the middle
of an upload leave the served store intact and consistent; the next build succeeds and clears
the killed build's leftovers; the API keeps answering reads while another process rebuilds."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from relkit import (
    BIG_DOC,
    CORPUS,
    ROOT,
    SMALL_DOCS,
    kill9,
    running_server,
    small_corpus,
    start_build,
    store_env,
    store_facts,
    temp_snapshots,
    upload,
    wait_for,
)

from samverkan.build import build_store, source_files
from samverkan.settings import Settings

SYNTH_DOCS = 60
BUILD_TIMEOUT_S = 300
PAUSE_S = 0.05
READ_PATHS = (
    "/health",
    "/documents",
    "/entities?q=Region&limit=5",
    "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
    "/graph?limit=50",
)


@pytest.fixture(scope="module")
def synth_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth.py"), f"--docs={SYNTH_DOCS}", f"--out={out}"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


@dataclass
class Reader:
    """A client thread that keeps reading until stopped, recording failures and versions."""

    url: str
    errors: list[str] = field(default_factory=list)
    versions: list[int] = field(default_factory=list)
    requests: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Reader:
        self._thread = threading.Thread(target=self._run, daemon=True, name="reader")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self._stop.wait(PAUSE_S):  # leave the cores to the builds under test
                for path in READ_PATHS:
                    self._get(client, path)

    def _get(self, client: httpx.Client, path: str) -> None:
        try:
            response = client.get(path)
        except httpx.HTTPError as exc:
            self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
            return
        self.requests += 1
        if response.status_code != 200:
            self.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
        elif path == "/health":
            self.versions.append(response.json()["version"])


@pytest.fixture
def readers() -> Iterator[list[Reader]]:
    """Readers a test starts; stopped even when the test fails."""
    started: list[Reader] = []
    yield started
    for reader in started:
        reader.stop()


def _settings(tmp: Path, corpus: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        corpus_dir=corpus,
        store_dir=tmp / "store",
        upload_dir=tmp / "uploads",
        embedded_falkordb=False,
    )


def _wait_until_served(reader: Reader, version: int) -> None:
    wait_for(lambda: reader.versions and reader.versions[-1] == version, 60, f"version {version}")


def test_kill9_during_build_keeps_the_served_store_and_reads_never_fail(
    tmp_path: Path, synth_corpus: Path, readers: list[Reader]
) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    settings = _settings(tmp_path, corpus)
    first = build_store(settings, workers=2, progress=False).version
    before = store_facts(settings.store_dir)
    env = store_env(settings.store_dir, corpus, settings.upload_dir, embedded_falkordb=False)
    with running_server(env, tmp_path / "server") as server:
        reader = Reader(server.url).start()
        readers.append(reader)
        _wait_until_served(reader, first)

        # A big build from another process, killed while it writes its snapshot aside.
        build = start_build(env, synth_corpus, settings.store_dir, tmp_path / "killed.log")
        try:
            wait_for(lambda: temp_snapshots(settings.store_dir), BUILD_TIMEOUT_S, "temp dir")
        finally:
            kill9(build)
        leftovers = temp_snapshots(settings.store_dir)
        assert leftovers, "the build finished before it could be killed"
        assert store_facts(settings.store_dir) == before  # same version, same facts

        # The next build (another process) succeeds and clears the killed build's temp dir.
        extra = sorted(synth_corpus.iterdir())[0]
        (corpus / extra.name).write_bytes(extra.read_bytes())
        done = subprocess.run(
            [sys.executable, "-m", "samverkan", "build"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
        assert done.returncode == 0, done.stderr
        after = store_facts(settings.store_dir)
        assert after.version == first + 1
        assert set(after.documents) == set(before.documents) | {extra.stem}
        assert not temp_snapshots(settings.store_dir)
        assert not list(settings.store_dir.glob(".current.tmp-*"))
        _wait_until_served(reader, first + 1)
        reader.stop()
    assert reader.errors == []
    assert set(reader.versions) == {first, first + 1}
    assert reader.requests > len(READ_PATHS)


def test_kill9_of_the_server_during_an_upload_keeps_the_store(
    tmp_path: Path, readers: list[Reader]
) -> None:
    corpus = small_corpus(tmp_path / "corpus", SMALL_DOCS[:2])
    settings = _settings(tmp_path, corpus)
    first = build_store(settings, workers=2, progress=False).version
    before = store_facts(settings.store_dir)
    env = store_env(
        settings.store_dir,
        corpus,
        settings.upload_dir,
        embedded_falkordb=False,
        api_key="test-api-key-0123456789",
        max_upload_bytes=2_000_000,
    )
    big = (CORPUS / BIG_DOC).read_bytes()  # 400 KB: its rebuild takes seconds
    answers: list[object] = []
    with running_server(env, tmp_path / "server") as server:

        def post() -> None:
            with httpx.Client(base_url=server.url, timeout=BUILD_TIMEOUT_S) as client:
                try:
                    answers.append(upload(client, "big-report.txt", big))
                except httpx.TransportError as exc:
                    answers.append(exc)

        poster = threading.Thread(target=post, daemon=True)
        poster.start()
        wait_for(lambda: temp_snapshots(settings.store_dir), BUILD_TIMEOUT_S, "temp dir")
        server.kill9()
        poster.join(timeout=60)
    assert len(answers) == 1 and isinstance(answers[0], httpx.TransportError), answers
    assert store_facts(settings.store_dir) == before
    # The upload itself is stored whole or not at all, never as a partial file.
    stored = [p for p in source_files(settings) if p.parent == settings.upload_dir]
    assert [p.read_bytes() == big for p in stored] in ([], [True])

    with running_server(env, tmp_path / "server-again") as server:
        reader = Reader(server.url).start()
        readers.append(reader)
        _wait_until_served(reader, first)
        with httpx.Client(base_url=server.url, timeout=BUILD_TIMEOUT_S) as client:
            small = (CORPUS / SMALL_DOCS[2]).read_bytes()
            answer = upload(client, "after-the-crash.txt", small)
            assert answer.status_code == 201, answer.text
            listed = {d["id"] for d in client.get("/documents").json()}
        reader.stop()
    # A killed upload that got as far as its file is built with the next one.
    assert listed == set(before.documents) | {"after-the-crash"} | {p.stem for p in stored}
    assert not temp_snapshots(settings.store_dir)
    assert reader.errors == []
    assert store_facts(settings.store_dir).version == first + 1
