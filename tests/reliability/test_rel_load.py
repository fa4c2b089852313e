"""Load (issue 7): the API in a real uvicorn process under 32 concurrent clients for 60 s of
reads plus a few uploads: no errors, no lost upload, resident memory stable.

Figures (requests, RSS before/after) are printed; run with ``-s`` to see them. Only a
generous memory bound is asserted: RSS after the run stays under twice the warmed-up RSS.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from relkit import API_KEY, CORPUS, SMALL_DOCS, running_server, small_corpus, store_env

from samverkan.build import build_store
from samverkan.settings import Settings

CLIENTS = 32
DURATION_S = 60.0
WARMUP_S = 5.0
UPLOADS = 4
REQUEST_TIMEOUT_S = 120.0
MAX_RSS_GROWTH = 2.0


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    uploaded: list[str] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def check(self, response: httpx.Response, expected: int = 200) -> None:
        self.requests += 1
        if response.status_code != expected:
            self.errors.append(f"{response.request.url}: {response.status_code} {response.text}")


@dataclass(frozen=True)
class Catalogue:
    """What the clients pick from: entity ids, names and parameter-free questions."""

    ids: list[str]
    names: list[str]
    questions: list[str]


async def _catalogue(client: httpx.AsyncClient) -> Catalogue:
    listed = (await client.get("/entities", params={"limit": 200})).json()["items"]
    questions = (await client.get("/questions")).json()
    free = [q["name"] for q in questions if all(p.get("default") is not None for p in q["params"])]
    return Catalogue(
        ids=[i["id"] for i in listed],
        names=[i["name"].split()[0] for i in listed],
        questions=free or [questions[0]["name"]],
    )


def _read(rng: random.Random, cat: Catalogue) -> tuple[str, dict[str, str | int]]:
    """One read of the mix an explorer and a few scripts would make."""
    entity = rng.choice(cat.ids)
    choices: list[tuple[str, dict[str, str | int]]] = [
        ("/entities", {"q": rng.choice(cat.names), "limit": 20}),
        ("/entities", {"type": "Organisation", "limit": 50}),
        (f"/entities/{entity}", {}),
        (f"/entities/{entity}/neighbourhood", {"depth": 2}),
        ("/graph", {"limit": 150}),
        (f"/questions/{rng.choice(cat.questions)}", {}),
        ("/documents", {}),
        ("/health", {}),
        ("/sparql", {"query": "SELECT ?s ?l { ?s rdfs:label ?l } LIMIT 20"}),
        ("/style", {}),
    ]
    return rng.choice(choices)


async def _reader(
    client: httpx.AsyncClient, cat: Catalogue, seed: int, until: float, tally: Tally
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        path, params = _read(rng, cat)
        try:
            tally.check(await client.get(path, params=params))
        except httpx.HTTPError as exc:
            tally.errors.append(f"{path}: {type(exc).__name__}: {exc}")


async def _uploader(client: httpx.AsyncClient, start: float, tally: Tally) -> None:
    text = (CORPUS / SMALL_DOCS[3]).read_text("utf-8")
    for n in range(UPLOADS):
        await asyncio.sleep(max(0.0, start + n * (DURATION_S - 10) / UPLOADS - time.monotonic()))
        name = f"load-upload-{n}.txt"
        data = f"Uppladdad rapport {n}\n{text}".encode()
        try:
            response = await client.post(
                "/documents",
                params={"filename": name},
                content=data,
                headers={"X-API-Key": API_KEY},
            )
        except httpx.HTTPError as exc:
            tally.errors.append(f"upload {name}: {type(exc).__name__}: {exc}")
            continue
        tally.check(response, 201)
        if response.status_code == 201:
            tally.uploaded.append(response.json()["document"])


async def _sample_rss(read_rss: object, until: float, tally: Tally) -> None:
    assert callable(read_rss)
    while time.monotonic() < until:
        tally.rss_kb.append(read_rss())
        await asyncio.sleep(1.0)


async def _load(url: str, read_rss: object) -> tuple[Tally, int, list[str]]:
    assert callable(read_rss)
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends: reusing one the
    # server is closing at that instant is a client-side race, not a server error.
    limits = httpx.Limits(
        max_connections=CLIENTS + 4, max_keepalive_connections=CLIENTS + 4, keepalive_expiry=2.0
    )
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        cat = await _catalogue(client)
        warm = Tally()
        warm_until = time.monotonic() + WARMUP_S
        await asyncio.gather(*(_reader(client, cat, -i, warm_until, warm) for i in range(8)))
        assert warm.errors == [], warm.errors[:5]
        baseline = int(read_rss())
        tally = Tally()
        start = time.monotonic()
        until = start + DURATION_S
        await asyncio.gather(
            *(_reader(client, cat, i, until, tally) for i in range(CLIENTS - 1)),
            _uploader(client, start, tally),
            _sample_rss(read_rss, until, tally),
        )
        listed = [d["id"] for d in (await client.get("/documents")).json()]
    return tally, baseline, listed


@pytest.fixture(scope="module")
def load_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    tmp = tmp_path_factory.mktemp("load")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        corpus_dir=small_corpus(tmp / "corpus"),
        store_dir=tmp / "store",
        upload_dir=tmp / "uploads",
        embedded_falkordb=False,
    )
    build_store(settings, workers=2, progress=False)
    return settings


def test_32_clients_for_60_s_with_uploads(load_settings: Settings, tmp_path: Path) -> None:
    env = store_env(
        load_settings.store_dir,
        load_settings.corpus_dir,
        load_settings.upload_dir,
        embedded_falkordb=False,
        api_key=API_KEY,
        query_timeout_ms=60_000,
    )
    with running_server(env, tmp_path / "server") as server:
        tally, baseline, listed = asyncio.run(_load(server.url, server.rss_kb))
        final = server.rss_kb()
    peak = max(tally.rss_kb, default=final)
    print(
        f"\nload: {tally.requests} requests in {DURATION_S:.0f} s from {CLIENTS} clients "
        f"({tally.requests / DURATION_S:.0f}/s), {len(tally.uploaded)} uploads; "
        f"RSS {baseline / 1024:.0f} MB warmed up, {peak / 1024:.0f} MB peak, "
        f"{final / 1024:.0f} MB after ({final / baseline:.2f}x)"
    )
    assert tally.errors == [], tally.errors[:10]
    assert len(tally.uploaded) == UPLOADS
    assert set(tally.uploaded) <= set(listed)  # no upload lost
    assert sorted(p.stem for p in load_settings.upload_dir.glob("*.txt")) == sorted(tally.uploaded)
    assert tally.requests > CLIENTS * 10
    assert final < MAX_RSS_GROWTH * baseline
