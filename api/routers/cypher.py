"""``POST /cypher``: read-only Cypher against the configured engine.

``queries.guard`` refuses writes, LOAD CSV and write procedures before the text reaches the
server (403); the engine then runs it read-only as well (FalkorDB ``GRAPH.RO_QUERY``, Neo4j
read transactions) within the time and row limits. 503 when no engine is available.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RuntimeDep, SettingsDep
from api.problems import Problem
from api.schemas import CypherRequest, Table
from api.state import Runtime, bounded, query_timeout_s
from graph.cypher_engines import CypherError
from queries.errors import QueryEngineError
from queries.guard import check_cypher
from queries.run import Limits, run_cypher
from samverkan.settings import Settings

router = APIRouter(tags=["cypher"])


def _run(runtime: Runtime, settings: Settings, body: CypherRequest) -> Table:
    check_cypher(body.query)  # refuse before even starting or loading an engine
    engine = runtime.engine()
    limits = Limits(timeout_ms=settings.query_timeout_ms, max_rows=settings.max_rows)
    try:
        result = run_cypher(engine, body.query, body.params, limits)
    except QueryEngineError as exc:
        # The engine rejected the text itself (syntax, unknown function): the client's error.
        if isinstance(exc.__cause__, CypherError):
            raise Problem(400, "Cypher rejected", str(exc), "query_syntax") from exc
        raise
    return Table(
        columns=result.columns, rows=result.rows, truncated=result.truncated, engine=engine.kind
    )


@router.post("/cypher", response_model=Table, summary="Read-only Cypher (parameters as $name)")
async def cypher(body: CypherRequest, runtime: RuntimeDep, settings: SettingsDep) -> Table:
    return await bounded(query_timeout_s(settings), _run, runtime, settings, body)
