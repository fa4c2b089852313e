"""The guard refuses writes, loads, federation and procedure calls, and nothing else."""

from __future__ import annotations

import pytest

from queries.catalog import list_specs
from queries.errors import QueryRefusedError, QuerySyntaxError
from queries.guard import check_cypher, check_sparql, tokenize_cypher

SPARQL_REFUSED = [
    "insert data { <urn:a> <urn:b> <urn:c> }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "# a harmless comment\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX s: <urn:s:>\n# SELECT * { ?s ?p ?o }\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "load <file:///etc/passwd> into graph <urn:g>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "SELECT * WHERE { OPTIONAL { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <http://evil.example/> { ?s ?p ?x } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://evil.example/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
]

SPARQL_ACCEPTED = [
    ('SELECT ?s WHERE { ?s ?p "DELETE" }', "SELECT"),
    ("SELECT ?s WHERE { ?s ?p 'INSERT DATA { <a> <b> <c> }' } # DROP ALL", "SELECT"),
    ("ASK { ?s <urn:service> ?o }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT"),
    ("DESCRIBE <urn:x>", "DESCRIBE"),
    (
        "SELECT * FROM <https://w3id.org/samverkansgrafen/graph/reference/sdg> WHERE { ?s ?p ?o }",
        "SELECT",
    ),
]


@pytest.mark.parametrize("text", SPARQL_REFUSED)
def test_sparql_refusals(text: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_sparql(text)


@pytest.mark.parametrize(("text", "form"), SPARQL_ACCEPTED)
def test_sparql_reads_pass(text: str, form: str) -> None:
    assert check_sparql(text) == form


def test_sparql_update_message_is_clear() -> None:
    with pytest.raises(QueryRefusedError, match="Update"):
        check_sparql("insert data { <urn:a> <urn:b> 1 }")


@pytest.mark.parametrize(
    "text", ["SELECT * WHERE { ?s ?p }", "SELECT * {} ; INSERT DATA { <urn:a> <urn:b> 1 }", ""]
)
def test_sparql_garbage_is_a_syntax_error(text: str) -> None:
    with pytest.raises((QuerySyntaxError, QueryRefusedError)):
        check_sparql(text)


CYPHER_REFUSED = [
    "CREATE (n:Organisation {id: 'x'})",
    "match (n) detach delete n",
    "MATCH (n) SET n.name = 'x' RETURN n",
    "MATCH (n) REMOVE n.name",
    "MERGE (n:Organisation {id: 'x'})",
    "MATCH (n) // harmless\nDELETE n",
    "MATCH (n) /* RETURN n */ DELETE n",
    "MATCH (n) RETURN n UNION MATCH (m) DELETE m",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load csv with headers from 'http://x/y.csv' AS row RETURN row",
    "CALL db.idx.fulltext.createNodeIndex('Organisation', 'name')",
    "CALL db.clearQueryCache()",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL apoc.create.node(['X'], {})",
    "UNWIND [1, 2] AS x FOREACH (i IN [x] | CREATE (:T))",
    "DROP INDEX ON :Organisation(id)",
    "MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n",
    "MATCH (n) RETURN 'it\\'s' AS s, n; CREATE (x)",
    'MATCH (n) RETURN "a \\" quote" AS s CREATE (x)',
]

CYPHER_ACCEPTED = [
    "MATCH (n:Organisation) RETURN n.name",
    "MATCH (n) WHERE n.name = 'DELETE everything; CREATE (x)' RETURN n",
    'MATCH (n) WHERE n.name CONTAINS "SET" RETURN n',
    "MATCH (n) RETURN n // DELETE n",
    "MATCH (n) /* CREATE (x) */ RETURN n",
    "MATCH (n) RETURN n.delete AS `DELETE`, n.set",
    "CALL db.labels()",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "MATCH (n) CALL { WITH n MATCH (n)--(m) RETURN count(m) AS c } RETURN n, c",
    "MATCH (n) WHERE n.created > 1 RETURN n.createdAt",
]


@pytest.mark.parametrize("text", CYPHER_REFUSED)
def test_cypher_refusals(text: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_cypher(text)


@pytest.mark.parametrize("text", CYPHER_ACCEPTED)
def test_cypher_reads_pass(text: str) -> None:
    check_cypher(text)


@pytest.mark.parametrize(
    "text", ["MATCH (n) RETURN 'unterminated", "MATCH (n) /* never closed", "RETURN `x", "  "]
)
def test_cypher_untokenisable_is_a_syntax_error(text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        check_cypher(text)


def test_tokenizer_keeps_literals_whole() -> None:
    tokens = tokenize_cypher("MATCH (n) WHERE n.x = 'a // b' RETURN n // c")
    assert ("string", "'a // b'") in tokens
    assert ("word", "c") not in tokens


def test_every_named_query_passes_the_guard() -> None:
    for spec in list_specs():
        assert check_sparql(spec.sparql) == "SELECT", spec.name
        check_cypher(spec.cypher)
