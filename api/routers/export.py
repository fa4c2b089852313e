"""``GET /export?format=…``: the served snapshot as RDF, GraphML/GEXF or CSV (graph.export).

RDF: ttl, nt, jsonld (union of all graphs), nq, trig (named graphs kept); graphml and gexf
for Gephi/yEd; csv as a zip of nodes.csv and edges.csv. The file is named after the store
version so a download says which build it came from.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import SettingsDep, SnapshotDep
from api.state import bounded, query_timeout_s
from graph.export import FILE_SUFFIX, FORMATS, MEDIA_TYPES, render

router = APIRouter(tags=["export"])

_PATTERN: Final = "^(" + "|".join(FORMATS) + ")$"


def _body_schema(media_type: str) -> dict[str, Any]:
    """JSON-LD is a JSON document (clients parse it); the other formats are files."""
    if media_type.endswith("json"):
        return {"type": ["object", "array"]}
    return {"type": "string", "format": "binary"}


_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {
        "description": "the export file",
        "content": {t: {"schema": _body_schema(t)} for t in dict.fromkeys(MEDIA_TYPES.values())},
    }
}


@router.get("/export", responses=_RESPONSES, summary="Download the graph in one format")
async def export(
    snap: SnapshotDep,
    settings: SettingsDep,
    format: Annotated[
        str,
        Query(
            pattern=_PATTERN,
            description=", ".join(FORMATS),
            examples=["ttl"],
            json_schema_extra={"enum": list(FORMATS)},
        ),
    ] = "ttl",
) -> Response:
    data = await bounded(query_timeout_s(settings), render, snap.store, format)
    name = f"samverkansgrafen-v{snap.version}.{FILE_SUFFIX.get(format, format)}"
    return Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
