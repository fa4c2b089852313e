"""Take the README screenshot: the explorer serving the whole corpus, answering a question.

    .venv/bin/python tests/e2e/shoot_explorer.py docs/explorer.png

Builds a store from data/corpus/*.txt in a temporary directory, serves the real app on
127.0.0.1, opens a ready-made question in Debian's chromium (no network beyond 127.0.0.1)
and saves a 1600×900 screenshot. Not a test (pytest collects only test_*.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

VIEW = "?question=inland_coast_bridges&q.a=inland&q.b=coast"
WIDTH, HEIGHT = 1600, 900


def build_store(store_dir: Path) -> None:
    from graphtools import build_corpus_store

    build_corpus_store(store_dir, workers=None)  # None: every core, as `samverkan build`


def shoot(store_dir: Path, target: Path) -> None:
    from apitools import api_test_settings, serve_app
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        host = route.request.url.split("/")[2].split(":")[0]
        route.continue_() if host == "127.0.0.1" else route.abort()

    with serve_app(api_test_settings(store_dir)) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        context.route("**/*", local_only)
        page = context.new_page()
        page.goto(f"{base}/{VIEW}")
        page.locator("table.answer tbody tr").first.wait_for(timeout=60_000)
        page.wait_for_function("document.body.dataset.layout === 'frozen'", timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(target))
        browser.close()


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/explorer.png")
    with tempfile.TemporaryDirectory() as tmp:
        build_store(Path(tmp))
        shoot(Path(tmp), target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
