"""The explorer in Debian's chromium against the real app (uvicorn on 127.0.0.1).

Every request that is not to 127.0.0.1 is aborted and recorded; each test then asserts
that none was attempted, so the page works with the network unplugged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import uvicorn

from api.app import create_app
from graph.store import write_snapshot
from graph.viz import VizFilter, select
from ontology.ids import document_id
from ontology.model import Extraction

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(store_dir: Path) -> Iterator[str]:
    """The real app (create_app) under uvicorn on a free port of 127.0.0.1."""
    from apitools import api_test_settings

    port = _free_port()
    config = uvicorn.Config(
        create_app(api_test_settings(store_dir)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start the explorer app on {store_dir} within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def explorer_url(mini_store_dir: Path) -> Iterator[str]:
    """The explorer over the mini store (tests/fixtures/mini_extraction.json)."""
    with _serve(mini_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer over a store built from the whole corpus (data/corpus/*.txt)."""
    from loaders.pipeline import ExtractOptions, extract

    paths = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    paths = [p for p in paths if p.name != "README.txt"]
    result = extract(paths, ExtractOptions(workers=1))
    texts = {document_id(p.name): p.read_text(encoding="utf-8") for p in paths}
    store_dir = tmp_path_factory.mktemp("corpus-store")
    write_snapshot(store_dir, result.extraction, texts)
    with _serve(store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


class Offline:
    """Aborts and records every request leaving 127.0.0.1 (file:, data: and blob: allowed)."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.local: list[str] = []

    def route(self, route: sync_api.Route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("file", "data", "blob") or parsed.hostname == "127.0.0.1":
            self.local.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def offline() -> Offline:
    return Offline()


@pytest.fixture
def page(browser: sync_api.Browser, explorer_url: str, offline: Offline) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    context.route("**/*", offline.route)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert offline.blocked == [], f"requests outside 127.0.0.1: {offline.blocked}"
    assert errors == [], f"JavaScript errors: {errors}"


def _open(page: sync_api.Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.samverkan && document.body.dataset.layout === 'frozen'")


def _view_ids(page: sync_api.Page, type_: str) -> set[str]:
    ids: list[str] = page.evaluate(
        "t => samverkan.nodes.get({filter: n => n.type === t && !n.hidden}).map(n => n.id)", type_
    )
    return set(ids)


def test_served_page_loads_offline_and_draws_the_network(
    page: sync_api.Page, explorer_url: str, offline: Offline, tmp_path: Path
) -> None:
    _open(page, explorer_url)
    assert page.locator("#network canvas").count() == 1
    assert len(_view_ids(page, "Organisation")) > 5
    assert page.locator("#legend-types li").count() == 12
    assert any(u.endswith("vendor/vis-network.min.js") for u in offline.local)
    page.screenshot(path=str(tmp_path / "explorer-start.png"))


def test_search_region_10_opens_panel_with_provenance_quote(
    page: sync_api.Page, explorer_url: str, tmp_path: Path
) -> None:
    _open(page, explorer_url)
    page.fill("#search", "Region 10")
    option = page.locator('#search-list [role="option"][data-id="org:region-10"]')
    option.wait_for()
    # Results are grouped by type: the option sits under the Organisation group.
    assert page.locator("#search-list .group").first.text_content() == "Organisation"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    detail = page.locator('.detail[data-entity="org:region-10"]')
    detail.wait_for()
    quote = detail.locator(".sources blockquote.quote").first
    assert "Region 10" in quote.inner_text()
    assert "vasterbotten-resultat-2024" in quote.locator("cite").inner_text()
    assert "node=org%3Aregion-10" in page.url
    page.screenshot(path=str(tmp_path / "explorer-region10.png"))


def test_search_finds_acronyms(page: sync_api.Page, explorer_url: str) -> None:
    _open(page, explorer_url)
    page.fill("#search", "LTU")
    page.locator('#search-list [data-id="org:lulea-tekniska-universitet"]').wait_for()


def test_theme_energy_in_the_inland_shows_expected_organisations(
    page: sync_api.Page, explorer_url: str, mini_extraction: Extraction, tmp_path: Path
) -> None:
    _open(page, explorer_url)
    page.select_option("#f-theme", "energi")
    page.select_option("#f-area", "inland")
    page.wait_for_function("location.search.includes('area=inland')")
    page.wait_for_function("document.body.dataset.layout === 'frozen'")
    page.wait_for_function("samverkan.nodes.get('org:region-10') !== null")
    shown = _view_ids(page, "Organisation")
    # The same DESIGN.md reach rule, computed independently by graph.viz in Python.
    g = select(mini_extraction, VizFilter(theme="energi", area="inland"))
    expected = {n for n in g.nodes if n.startswith("org:")}
    assert {"org:region-10", "org:asele-kommun"} <= shown
    assert shown == expected
    assert "org:umea-universitet" not in shown  # a coastal, non-energy organisation
    assert "Region 10" in page.locator("#panel-body").inner_text()
    page.screenshot(path=str(tmp_path / "explorer-energy-inland.png"))
    # The URL keeps the state: reloading it restores the same view.
    page.reload()
    page.wait_for_function("document.body.dataset.layout === 'frozen'")
    page.wait_for_function("samverkan.nodes.get('org:region-10') !== null")
    assert page.input_value("#f-theme") == "energi"
    assert page.input_value("#f-area") == "inland"
    assert _view_ids(page, "Organisation") == shown


def test_energy_in_the_inland_question_shows_answer_and_subgraph(
    page: sync_api.Page, explorer_url: str, tmp_path: Path
) -> None:
    _open(page, explorer_url)
    page.click("#questions-button")
    page.get_by_role("menuitem", name="Vem samverkar om energi i inlandet?").click()
    table = page.locator("table.answer")
    table.wait_for()
    text = table.inner_text()
    assert "Region 10" in text
    assert "vasterbotten-resultat-2024" in text  # the sources column
    highlighted = page.evaluate(
        "samverkan.nodes.get({filter: n => n.opacity === 1}).map(n => n.id)"
    )
    assert "org:region-10" in highlighted
    assert parse_qs(urlparse(page.url).query)["question"] == ["who_collaborates"]
    page.screenshot(path=str(tmp_path / "explorer-question.png"))


def test_export_csv_of_the_current_view(
    page: sync_api.Page, explorer_url: str, tmp_path: Path
) -> None:
    _open(page, explorer_url + "?theme=energi&area=inland")
    page.wait_for_function("samverkan.nodes.get('org:region-10') !== null")
    page.click("#export-button")
    with page.expect_download() as info:
        page.get_by_role("menuitem", name="CSV – noder").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in rows} == set(
        page.evaluate("samverkan.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    )
    assert "Region 10" in {r["name"] for r in rows}


def test_export_graphml_and_png(page: sync_api.Page, explorer_url: str, tmp_path: Path) -> None:
    _open(page, explorer_url)
    page.click("#export-button")
    with page.expect_download() as info:
        page.get_by_role("menuitem", name="GraphML").click()
    graphml = tmp_path / "view.graphml"
    info.value.save_as(graphml)
    import networkx as nx

    g = nx.read_graphml(graphml)
    assert g.number_of_nodes() == len(_view_ids(page, "Organisation")) + sum(
        len(_view_ids(page, t)) for t in ("Arena", "Project", "Theme")
    )
    page.click("#export-button")
    with page.expect_download() as png:
        page.get_by_role("menuitem", name="Bild (PNG)").click()
    data = Path(png.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_hide_pin_and_expand(page: sync_api.Page, explorer_url: str) -> None:
    _open(page, explorer_url + "?node=org:region-10")
    page.locator('.detail[data-entity="org:region-10"]').wait_for()
    page.get_by_role("button", name="Fäst").click()
    assert page.evaluate("samverkan.nodes.get('org:region-10').fixed") is True
    page.evaluate("samverkan.expand('org:region-10')")
    page.wait_for_function("samverkan.nodes.get('project:resilify') !== null")
    page.get_by_role("button", name="Dölj").click()
    assert page.evaluate("samverkan.nodes.get('org:region-10').hidden") is True
    assert "hide=org%3Aregion-10" in page.url
    page.get_by_role("button", name="Visa dolda (1)").click()
    assert page.evaluate("samverkan.nodes.get('org:region-10').hidden") is False


def test_english_switch_and_keyboard_focus(page: sync_api.Page, explorer_url: str) -> None:
    _open(page, explorer_url)
    page.click("#lang-button")
    assert page.locator("#filters-heading").inner_text() == "Filters"
    assert "lang=en" in page.url
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("#search").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.id") == "questions-button"
    assert outline != "none"


@pytest.mark.slow
def test_interaction_stays_responsive_with_the_whole_corpus(
    page: sync_api.Page, corpus_url: str, tmp_path: Path
) -> None:
    """Frame rate while panning and latency of click → panel, printed for the report."""
    _open(page, corpus_url + "?" + "&".join(f"type={t}" for t in _ALL_TYPES))
    figures = page.evaluate(_MEASURE_JS)
    print("\nexplorer responsiveness (whole corpus):", json.dumps(figures))
    page.screenshot(path=str(tmp_path / "explorer-corpus.png"))
    assert figures["nodes"] > 200
    assert figures["frames"] > 0
    assert figures["physics_enabled"] is False  # frozen after stabilising


_ALL_TYPES = [
    "Organisation", "Arena", "Project", "Municipality", "County", "Strategy", "Priority",
    "StrategicArea", "Theme", "SDG", "Event", "ContactPerson",
]  # fmt: skip

_MEASURE_JS = """async () => {
  const net = samverkan.network;
  const frames = [];
  let last = performance.now();
  let running = true;
  const tick = (t) => { frames.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const start = performance.now();
  for (let i = 0; i < 12; i++) {
    const p = net.getViewPosition();
    net.moveTo({ position: { x: p.x + (i % 2 ? -80 : 80), y: p.y + 30 }, scale: 0.6 + 0.05 * (i % 4),
                 animation: { duration: 120, easingFunction: "linear" } });
    await new Promise((r) => setTimeout(r, 140));
  }
  running = false;
  const seconds = (performance.now() - start) / 1000;
  const sorted = [...frames].sort((a, b) => a - b);
  const id = samverkan.nodes.getIds()[0];
  const t0 = performance.now();
  await samverkan.select(id, { focus: false });
  await new Promise((resolve) => {
    const check = () => document.querySelector(`.detail[data-entity="${id}"]`) ? resolve() : setTimeout(check, 5);
    check();
  });
  return {
    nodes: samverkan.nodes.length, edges: samverkan.edges.length, frames: frames.length,
    fps: +(frames.length / seconds).toFixed(1),
    frame_ms_p95: +sorted[Math.floor(sorted.length * 0.95)].toFixed(1),
    click_to_panel_ms: +(performance.now() - t0).toFixed(1),
    physics_enabled: net.physics.physicsEnabled,
  };
}"""


def test_viz_html_opens_offline(
    browser: sync_api.Browser, mini_store_dir: Path, tmp_path: Path, offline: Offline
) -> None:
    out = tmp_path / "energi.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "samverkan", "viz", "--store", str(mini_store_dir)]
    cmd += ["--theme", "energi", "--area", "inland", "-o", str(out)]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", offline.route)
    pg = context.new_page()
    pg.goto(out.as_uri())
    pg.wait_for_function("typeof network !== 'undefined' && network.body.data.nodes.length > 0")
    ids = pg.evaluate("network.body.data.nodes.getIds()")
    assert "org:region-10" in ids
    assert "Region 10" in pg.evaluate("network.body.data.nodes.get('org:region-10').title")
    assert pg.locator("#samverkan-legend li").count() >= 4
    pg.screenshot(path=str(tmp_path / "viz-energy-inland.png"))
    context.close()
    assert offline.blocked == [], f"requests outside 127.0.0.1: {offline.blocked}"
    assert offline.local and all(u.startswith("file:") for u in offline.local)
