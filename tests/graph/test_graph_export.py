"""Every export format parses back with a standard reader and carries the same facts."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from graph.export import FORMATS, ExportError, export_to, render
from graph.store import StoreHandle, open_current
from ontology.ids import document_graph_iri
from ontology.model import Extraction

RDF_PARSERS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def handle(mini_store_dir: Path) -> StoreHandle:
    return open_current(mini_store_dir)


@pytest.mark.parametrize("fmt", sorted(RDF_PARSERS))
def test_rdf_exports_parse_back_with_rdflib(handle: StoreHandle, fmt: str) -> None:
    data = render(handle, fmt)
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDF_PARSERS[fmt])
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert len(triples) == handle.counts()["triples"]
    if fmt in ("nq", "trig"):
        names = {str(g.identifier) for g in dataset.graphs()}
        assert document_graph_iri("vasterbotten-resultat-2024") in names
    if fmt in ("ttl", "trig"):
        assert b"@prefix sam:" in data and b" sam:" in data  # prefixes declared and used
    if fmt == "jsonld":
        assert b'"sam:' in data  # CURIE keys under the @context


def test_jsonld_has_a_context(handle: StoreHandle) -> None:
    document = json.loads(render(handle, "jsonld"))
    assert document["@context"]["sam"] == "https://w3id.org/samverkansgrafen/ontology#"
    assert document["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_parse_back_with_networkx(
    handle: StoreHandle, mini_extraction: Extraction, fmt: str
) -> None:
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = reader(io.BytesIO(render(handle, fmt)))
    assert graph.number_of_edges() == len(mini_extraction.relations)
    freia = graph.nodes["arena:freia"]
    assert freia["label"] == "Framtidens Robusta Energisystem i AC"
    assert freia["type"] == "Arena"
    assert "theme:energi" in freia["themes"]
    green = graph.nodes["project:north-sweden-green-deal"]
    assert "municipality:kiruna" in green["municipalities"]


def test_csv_export_has_nodes_and_edges(
    tmp_path: Path, handle: StoreHandle, mini_extraction: Extraction
) -> None:
    written = export_to(handle, "csv", tmp_path / "csv")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    with written[1].open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    expected = Counter(r.type.value.upper() for r in mini_extraction.relations)
    assert Counter(e["type"] for e in edges) == expected
    with written[0].open(encoding="utf-8", newline="") as fh:
        nodes = {row["id"]: row for row in csv.DictReader(fh)}
    assert nodes["org:umea-kommun"]["municipalities"] == "municipality:umea"
    assert nodes["municipality:umea"]["type"] == "Municipality"
    assert (
        json.loads(nodes["project:north-sweden-green-deal"]["attributes"])["budget_sek"]
        == 112_500_000
    )
    archive = zipfile.ZipFile(io.BytesIO(render(handle, "csv")))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]


def test_unknown_format_is_refused(handle: StoreHandle) -> None:
    with pytest.raises(ExportError, match="xlsx"):
        render(handle, "xlsx")
    assert "csv" in FORMATS
