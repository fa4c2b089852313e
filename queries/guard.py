"""Refuse anything but a read before it reaches an engine.

SPARQL: the text is parsed with rdflib's SPARQL 1.1 grammar (``parseQuery``); a text that is
not a query but parses as an Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, …) is
refused as an update, anything else that does not parse is a syntax error. In an accepted
query the parse tree is walked for ``SERVICE`` (federation: the server would call out) and
for ``FROM``/``FROM NAMED`` IRIs outside our named graphs (an engine could fetch them).

Cypher: a small tokenizer skips string literals, backtick names and comments, so a quoted
``"DELETE"`` does not trip it and a comment cannot hide a clause. Write and admin keywords
are refused wherever they appear as words; ``CALL`` is refused except for ``CALL { … }``
subqueries (their contents are scanned like the rest) and a short list of read procedures.
Both engines also run reads read-only (FalkorDB ``GRAPH.RO_QUERY``, Neo4j read
transactions): this guard is the first of two locks, and it says *why*.

Example::

    >>> check_sparql("SELECT * WHERE { ?s ?p 'DELETE' }")
    'SELECT'
    >>> check_cypher("MATCH (n) RETURN n.name // DELETE n")
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any, Final, Literal

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from ontology.ids import GRAPH_NS
from queries.errors import QueryRefusedError, QuerySyntaxError

SparqlForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
_FORMS: Final[dict[str, SparqlForm]] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

CYPHER_WRITE_WORDS: Final = frozenset(
    {
        "create", "merge", "set", "delete", "detach", "remove", "drop", "foreach", "load",
        "grant", "deny", "revoke", "alter", "rename", "terminate",
    }
)  # fmt: skip
# Procedures that only read; every other CALL of a procedure is refused.
CYPHER_READ_PROCEDURES: Final = frozenset(
    {
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes",
        "db.idx.fulltext.querynodes",
    }
)  # fmt: skip


# --- SPARQL ---------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value)


# rdflib's grammar (pyparsing) is not thread-safe: parsed concurrently from the API's worker
# threads it fails at random ("TypeError: <lambda>() missing 1 required positional
# argument"), so one parse runs at a time. Parsing is fast next to evaluation.
_PARSER_LOCK = threading.Lock()


def _is_update(text: str) -> bool:
    try:
        with _PARSER_LOCK:
            parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def _parse_query(text: str) -> Any:
    try:
        with _PARSER_LOCK:
            return parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise QueryRefusedError(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, …) is refused: "
                "this endpoint is read-only"
            ) from exc
        raise QuerySyntaxError(f"SPARQL does not parse: {exc}") from exc


def _check_dataset(node: CompValue) -> None:
    for key in ("default", "named"):
        iri = dict.get(node, key)  # CompValue.get answers missing keys with the key itself
        if iri is not None and not str(iri).startswith(GRAPH_NS):
            raise QueryRefusedError(
                f"FROM <{iri}> is refused: only this store's graphs ({GRAPH_NS}…) can be named"
            )


def check_sparql(text: str) -> SparqlForm:
    """The query form of an acceptable read; :class:`QueryRefusedError` or a syntax error if not."""
    tree = _parse_query(text)
    form: SparqlForm | None = None
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            raise QueryRefusedError(
                f"SERVICE <{dict.get(node, 'term')}> is refused: no federated queries"
            )
        if node.name == "DatasetClause":
            _check_dataset(node)
        form = form or _FORMS.get(node.name)
    if form is None:
        raise QueryRefusedError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries are accepted")
    return form


# --- Cypher ---------------------------------------------------------------------------

Token = tuple[str, str]  # (kind, text); kinds: word, punct, string, name, param, number
_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"\d[\w.]*")
_PARAM = re.compile(r"\$\w+")


def _skip_quoted(text: str, i: int, quote: str) -> int:
    """Index just past the literal that opens at ``i``; backslash escapes and `` doubled."""
    j = i + 1
    while j < len(text):
        ch = text[j]
        if ch == "\\" and quote != "`":
            j += 2
            continue
        if ch == quote:
            if quote == "`" and text.startswith("``", j):
                j += 2
                continue
            return j + 1
        j += 1
    kind = "backtick name" if quote == "`" else "string literal"
    raise QuerySyntaxError(f"Cypher has an unterminated {kind} starting at offset {i}")


def _skip_comment(text: str, i: int) -> int:
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end + 1
    end = text.find("*/", i + 2)
    if end < 0:
        raise QuerySyntaxError(f"Cypher has an unterminated /* comment at offset {i}")
    return end + 2


def tokenize_cypher(text: str) -> list[Token]:
    """Words, punctuation, literals and parameters; whitespace and comments are dropped."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith(("//", "/*"), i):
            i = _skip_comment(text, i)
        elif ch in "'\"`":
            end = _skip_quoted(text, i, ch)
            tokens.append(("name" if ch == "`" else "string", text[i:end]))
            i = end
        elif m := (_PARAM.match(text, i) or _WORD.match(text, i) or _NUMBER.match(text, i)):
            kind = "param" if ch == "$" else "word" if not ch.isdigit() else "number"
            tokens.append((kind, m.group()))
            i = m.end()
        else:
            tokens.append(("punct", ch))
            i += 1
    return tokens


def _procedure_name(tokens: list[Token], start: int) -> str:
    parts: list[str] = []
    i = start
    while i < len(tokens) and tokens[i][0] in ("word", "name"):
        parts.append(tokens[i][1].strip("`"))
        if i + 1 < len(tokens) and tokens[i + 1] == ("punct", "."):
            i += 2
            continue
        break
    return ".".join(parts)


def _check_call(tokens: list[Token], i: int) -> None:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ("punct", "")
    if nxt == ("punct", "{"):
        return  # a subquery: its clauses are scanned with the rest
    name = _procedure_name(tokens, i + 1)
    if name.lower() not in CYPHER_READ_PROCEDURES:
        raise QueryRefusedError(
            f"CALL {name or '…'} is refused: only these read procedures may be called: "
            f"{', '.join(sorted(CYPHER_READ_PROCEDURES))}"
        )


def _words(tokens: list[Token]) -> Iterable[tuple[int, str]]:
    """Clause-position words: not property keys (after a dot)."""
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and not (i > 0 and tokens[i - 1] == ("punct", ".")):
            yield i, text.lower()


def check_cypher(text: str) -> None:
    """Return quietly for a read; :class:`QueryRefusedError` names the clause that would write."""
    tokens = tokenize_cypher(text)
    if not tokens:
        raise QuerySyntaxError("Cypher query is empty")
    for i, word in _words(tokens):
        if word in CYPHER_WRITE_WORDS:
            clause = "LOAD CSV" if word == "load" else word.upper()
            raise QueryRefusedError(f"Cypher {clause} is refused: only read queries are accepted")
        if word == "call":
            _check_call(tokens, i)
