"""Named questions: ``GET /questions`` lists them, ``GET /questions/{name}`` runs one.

The answer carries the SPARQL and Cypher text of the question (so analysts can learn from
and adapt it), ``truncated`` when the row limit cut it, and a ``subgraph`` of the entities
named in the rows, ready for the explorer. ``Accept: text/csv`` gives the table as CSV.
Parameters are bound by ``queries.run`` (VALUES blocks / ``$params``), never pasted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import Response

from api.deps import RuntimeDep, SettingsDep, SnapshotDep
from api.negotiation import negotiate
from api.routers.entities import graph_view
from api.schemas import ParamInfo, QuestionAnswer, QuestionInfo
from api.state import Runtime, Snapshot, bounded, query_timeout_s
from queries.catalog import QuerySpec, get_spec, list_specs
from queries.run import Limits, QueryResult, run_cypher, run_sparql
from samverkan.settings import Settings

router = APIRouter(tags=["questions"])

RESERVED: Final = frozenset({"engine"})
TRUNCATED_HEADER: Final = "Samverkan-Truncated"
_OFFERS: Final = ("application/json", "text/csv")
_CSV_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}


def _info(spec: QuerySpec) -> QuestionInfo:
    return QuestionInfo(
        name=spec.name,
        title_sv=spec.title_sv,
        title_en=spec.title_en,
        description=spec.description,
        params=[ParamInfo(name=p.name, type=p.type.value, default=p.default) for p in spec.params],
    )


@router.get("/questions", response_model=list[QuestionInfo], summary="The named questions")
def questions() -> list[QuestionInfo]:
    return [_info(s) for s in list_specs()]


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)
    else:
        yield value


def subgraph_ids(result: QueryResult, known: dict[str, Any]) -> list[str]:
    """Entity ids that appear anywhere in the rows (in order of first appearance)."""
    ids = (v for row in result.rows for cell in row for v in _values(cell))
    return [v for v in dict.fromkeys(ids) if isinstance(v, str) and v in known]


def _execute(
    snap: Snapshot, runtime: Runtime, settings: Settings, spec: QuerySpec,
    raw: dict[str, str], engine: str,
) -> QueryResult:  # fmt: skip
    limits = Limits(timeout_ms=settings.query_timeout_ms, max_rows=settings.max_rows)
    if engine == "cypher":
        return run_cypher(runtime.engine(), spec, raw, limits, areas_file=settings.areas_file)
    return run_sparql(snap.rdf, spec, raw, limits, areas_file=settings.areas_file)


def to_csv(result: QueryResult) -> str:
    """The table as CSV; list cells are joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["; ".join(map(str, c)) if isinstance(c, list) else c for c in row])
    return out.getvalue()


@router.get(
    "/questions/{name}",
    response_model=QuestionAnswer,
    responses=_CSV_RESPONSES,
    summary="Run a named question; other query parameters are its parameters",
)
async def ask(
    request: Request,
    response: Response,
    snap: SnapshotDep,
    runtime: RuntimeDep,
    settings: SettingsDep,
    name: Annotated[str, Path(max_length=80, examples=["who_collaborates"])],
    engine: Annotated[Literal["sparql", "cypher"], Query()] = "sparql",
    accept: Annotated[str | None, Header()] = None,
) -> Response | QuestionAnswer:
    spec = get_spec(name)
    media_type = negotiate(accept, _OFFERS)
    raw = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    result = await bounded(
        query_timeout_s(settings), _execute, snap, runtime, settings, spec, raw, engine
    )
    headers = {TRUNCATED_HEADER: "true"} if result.truncated else {}
    if media_type == "text/csv":
        return Response(to_csv(result), media_type="text/csv; charset=utf-8", headers=headers)
    response.headers.update(headers)  # the JSON body says it too ("truncated")
    return QuestionAnswer(
        name=spec.name,
        engine="cypher" if engine == "cypher" else "sparql",
        params={p.name: raw.get(p.name, p.default) for p in spec.params},
        columns=result.columns,
        rows=result.rows,
        truncated=result.truncated,
        elapsed_ms=round(result.elapsed_ms, 3),
        sparql=spec.sparql,
        cypher=spec.cypher,
        subgraph=graph_view(snap, subgraph_ids(result, snap.index.entities), truncated=False),
    )
