"""`samverkan viz` and graph.viz without a browser: selection, offline HTML, CLI errors.

The browser half (the page opens with the network unplugged) is in test_explorer.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from graphtools import run_samverkan

from graph.viz import VizError, VizFilter, node_tooltip, render_html, select
from ontology.model import Entity, EntityType, Extraction

# Any attribute that would make the browser fetch something (scripts, styles, images, fonts).
_FETCHING = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=""", re.I)


def _nodes(page: str) -> list[dict[str, object]]:
    """The node list pyvis writes into the page (``nodes = new vis.DataSet([...])``)."""
    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert found, "no node data in the page"
    data: list[dict[str, object]] = json.loads(found.group(1))
    return data


def test_page_is_self_contained_with_legend_and_quoted_sources(
    mini_extraction: Extraction,
) -> None:
    page = render_html(select(mini_extraction, VizFilter(theme="energi", area="inland")))
    assert _FETCHING.findall(page) == []
    assert "bootstrap" not in page.lower()
    assert 'id="samverkan-legend"' in page and "Organisation" in page
    nodes = {str(n["id"]): n for n in _nodes(page)}
    tooltip = str(nodes["org:region-10"]["title"])
    assert tooltip.startswith("Region 10")
    # Provenance: a quote with its document and character positions.
    assert re.search(r"«[^»]+»\s+— vasterbotten-resultat-2024, tecken \d+–\d+", tooltip)


def test_tooltips_leave_out_contact_details() -> None:
    person = Entity(
        id="person:test-person",
        type=EntityType.CONTACT_PERSON,
        name="Test Person",
        attributes={"email": ["test.person@example.se"], "phone": ["070-000 00 00"]},
    )
    tooltip = node_tooltip(person, [])
    assert "Test Person" in tooltip
    assert "example.se" not in tooltip and "070" not in tooltip


def test_around_depth_grows_the_neighbourhood(mini_extraction: Extraction) -> None:
    one = select(mini_extraction, VizFilter(around="Region 10", depth=1))
    two = select(mini_extraction, VizFilter(around="org:region-10", depth=2))
    assert "org:region-10" in one
    assert set(one.nodes) < set(two.nodes)


def test_english_legend(mini_extraction: Extraction) -> None:
    page = render_html(select(mini_extraction, VizFilter(county="norrbotten")), lang="en")
    assert "<h2>Types</h2>" in page and "<h2>Relations</h2>" in page


def test_unknown_filters_name_the_known_values(mini_extraction: Extraction) -> None:
    with pytest.raises(VizError, match="energi"):
        select(mini_extraction, VizFilter(theme="no-such-theme"))
    with pytest.raises(VizError, match="inland"):
        select(mini_extraction, VizFilter(area="atlantis"))
    with pytest.raises(VizError, match="no entity"):
        select(mini_extraction, VizFilter(around="org:nobody"))


@pytest.mark.parametrize(
    "args",
    [
        ["--theme", "no-such-theme"],
        ["--around", "org:nobody", "--depth", "2"],
        ["--lang", "fi"],
    ],
)
def test_cli_errors_are_one_line(mini_store_dir: Path, tmp_path: Path, args: list[str]) -> None:
    done = run_samverkan(
        ["viz", "--store", str(mini_store_dir), *args, "-o", str(tmp_path / "x.html")], tmp_path
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_without_a_store_says_so(tmp_path: Path) -> None:
    args = ["viz", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "x.html")]
    done = run_samverkan(args, tmp_path)
    assert done.returncode != 0
    assert "samverkan build" in done.stderr
