"""``/sparql``: the SPARQL 1.1 Protocol, read-only. https://www.w3.org/TR/sparql11-protocol/

Dispatch on (method, Content-Type), as Oxigraph's server does: GET ``?query=``, POST
``application/x-www-form-urlencoded`` (``query=``) and POST ``application/sparql-query``.
The body is decoded exactly once (percent-encoded IRIs such as ``…/ume%C3%A5`` survive).
Update and SERVICE are refused by ``queries.guard`` before the store sees the text; every
query runs with the time and row limits from settings, and a cut answer carries the
``Samverkan-Truncated: true`` header. SELECT/ASK results by Accept: SPARQL JSON, XML, CSV,
TSV; CONSTRUCT/DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Final
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from api.deps import SettingsDep, SnapshotDep
from api.negotiation import RDF_TYPES, RESULTS_TYPES, negotiate
from api.problems import Problem
from api.state import Snapshot, bounded, query_timeout_s
from graph.store import QueryResult
from ontology.vocab import PREFIXES
from queries.guard import check_sparql
from samverkan.settings import Settings

router = APIRouter(tags=["sparql"])

TRUNCATED_HEADER: Final = "Samverkan-Truncated"
_FORM: Final = "application/x-www-form-urlencoded"
_QUERY: Final = "application/sparql-query"
_UPDATE: Final = "application/sparql-update"
_RESULT_OFFERS: Final = list(RESULTS_TYPES)
_RDF_OFFERS: Final = list(RDF_TYPES)

_POST_BODY: Final[dict[str, Any]] = {
    "requestBody": {
        "required": True,
        "content": {
            _QUERY: {"schema": {"type": "string"}, "example": "ASK { ?s ?p ?o }"},
            _FORM: {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}},
                    "required": ["query"],
                }
            },
        },
    }
}
_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {
        "description": "SPARQL results or RDF, by Accept",
        "content": {t: {} for t in dict.fromkeys([*_RESULT_OFFERS, *_RDF_OFFERS])},
    }
}


def _bad(detail: str, status: int = 400, code: str = "bad-sparql-request") -> Problem:
    return Problem(status, "Bad SPARQL request", detail, code)


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"{what} is not UTF-8: {exc}") from exc


def query_from_form(body: bytes) -> str:
    """The ``query`` field of a form body, percent-decoded once; updates refused."""
    form = parse_qs(_decode(body, "form body"), keep_blank_values=True)
    if "update" in form:
        raise Problem(
            403, "Update refused", "SPARQL Update is refused: read-only endpoint", "query_refused"
        )
    queries = form.get("query", [])
    if len(queries) != 1:
        raise _bad(f"the form needs exactly one 'query' field, got {len(queries)}")
    return queries[0]


def query_from_body(content_type: str | None, body: bytes) -> str:
    """The query text of a POST by its media type (SPARQL 1.1 Protocol §2.1)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media == _FORM:
        return query_from_form(body)
    if media == _QUERY:
        return _decode(body, "application/sparql-query body")
    if media == _UPDATE:
        raise Problem(
            403, "Update refused", "SPARQL Update is refused: read-only endpoint", "query_refused"
        )
    raise Problem(
        415,
        "Unsupported media type",
        f"POST /sparql takes {_QUERY} or {_FORM}, not {media or 'no Content-Type'}",
        "unsupported-media-type",
    )


def serialize(result: QueryResult, media_type: str) -> bytes:
    """The result in ``media_type`` (pyoxigraph's writers; SELECT goes through SPARQL JSON)."""
    if result.kind == "graph":
        fmt = getattr(ox.RdfFormat, RDF_TYPES[media_type])
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        return ox.serialize(result.triples, format=fmt, prefixes=prefixes) or b""
    data = json.dumps(result.to_sparql_json(), ensure_ascii=False).encode("utf-8")
    name = RESULTS_TYPES[media_type]
    if name == "JSON":
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=getattr(ox.QueryResultsFormat, name)) or b""


def run(snap: Snapshot, settings: Settings, text: str, accept: str | None) -> Response:
    """Guard, negotiate, run within limits and serialise (in a worker thread)."""
    form = check_sparql(text)
    offers = _RDF_OFFERS if form in ("CONSTRUCT", "DESCRIBE") else _RESULT_OFFERS
    media_type = negotiate(accept, offers)
    result = snap.store.query(text, timeout_s=query_timeout_s(settings), max_rows=settings.max_rows)
    headers = {TRUNCATED_HEADER: "true"} if result.truncated else {}
    charset = "" if media_type.endswith("json") else "; charset=utf-8"
    return Response(serialize(result, media_type), media_type=media_type + charset, headers=headers)


@router.get("/sparql", responses=_RESPONSES, summary="SPARQL 1.1 Protocol query (GET)")
async def sparql_get(
    snap: SnapshotDep,
    settings: SettingsDep,
    query: Annotated[str, Query(min_length=1, max_length=100_000, examples=["ASK { ?s ?p ?o }"])],
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    return await bounded(query_timeout_s(settings), run, snap, settings, query, accept)


@router.post(
    "/sparql",
    responses=_RESPONSES,
    openapi_extra=_POST_BODY,
    summary="SPARQL 1.1 Protocol query (POST form or application/sparql-query)",
)
async def sparql_post(
    request: Request,
    snap: SnapshotDep,
    settings: SettingsDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    text = query_from_body(request.headers.get("content-type"), await request.body())
    return await bounded(query_timeout_s(settings), run, snap, settings, text, accept)
