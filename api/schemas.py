"""Response envelopes of the HTTP API (docs/DESIGN.md, "HTTP API").

Entity, Evidence and Passage shapes come from ``ontology.model``; only the wrappers
(pages, graph views, question answers) are declared here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ontology.model import Entity, Evidence, Passage

_ENVELOPE = ConfigDict(extra="forbid")


class EntityItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str
    aliases: list[str]
    score: float | None = Field(description="search rank 0–1 when q is given, else null")
    attributes: dict[str, Any]


class EntityPage(BaseModel):
    model_config = _ENVELOPE
    items: list[EntityItem]
    total: int
    limit: int
    offset: int


class EntityRef(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str


class RelationLink(BaseModel):
    model_config = _ENVELOPE
    direction: Literal["out", "in"]
    other: EntityRef
    confidence: float
    evidence: list[Evidence]


class EntityDetail(BaseModel):
    model_config = _ENVELOPE
    entity: Entity
    relations: dict[str, list[RelationLink]]
    provenance: list[Passage]


class GraphNode(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str
    themes: list[str]
    municipalities: list[str]
    centrality: float


class GraphEdge(BaseModel):
    model_config = _ENVELOPE
    source: str
    target: str
    type: str
    confidence: float


class GraphView(BaseModel):
    model_config = _ENVELOPE
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


class ParamInfo(BaseModel):
    model_config = _ENVELOPE
    name: str
    type: str
    default: str | None


class QuestionInfo(BaseModel):
    model_config = _ENVELOPE
    name: str
    title_sv: str
    title_en: str
    description: str
    params: list[ParamInfo]


class QuestionAnswer(BaseModel):
    model_config = _ENVELOPE
    name: str
    engine: Literal["sparql", "cypher"]
    params: dict[str, Any]
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float
    sparql: str
    cypher: str
    subgraph: GraphView


# A Cypher parameter is written ``$name``: the name must be a bare identifier.
CypherParamName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]


def _check_map_keys(value: Any) -> None:
    """Map keys inside a parameter value must be non-empty and free of backticks.

    The FalkorDB client writes parameters into a ``CYPHER name=value`` header and quotes map
    keys with backticks; an empty key or one with a backtick cannot be written there.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if not key or "`" in key:
                raise ValueError(f"map key {key!r} in a parameter must be non-empty, no backtick")
            _check_map_keys(item)
    elif isinstance(value, list):
        for item in value:
            _check_map_keys(item)


class CypherRequest(BaseModel):
    model_config = _ENVELOPE
    query: str = Field(min_length=1, max_length=100_000, examples=["MATCH (n:Arena) RETURN n.name"])
    params: dict[CypherParamName, Any] = Field(
        default_factory=dict, description="values for $name placeholders in the query"
    )

    @field_validator("params")
    @classmethod
    def _map_keys(cls, params: dict[str, Any]) -> dict[str, Any]:
        _check_map_keys(list(params.values()))
        return params


class Table(BaseModel):
    model_config = _ENVELOPE
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    engine: str | None = None


class DocumentInfo(BaseModel):
    model_config = _ENVELOPE
    id: str
    title: str
    region: str | None
    path: str
    sha256: str | None
    published_year: int | None
    graph: str = Field(description="IRI of the document's named graph")
    entities: int = Field(description="entities the document mentions")
    relations: int = Field(description="relations it gives evidence for")


class UploadReport(BaseModel):
    model_config = _ENVELOPE
    document: str = Field(description="document id (slug of the file stem)")
    filename: str
    graph: str = Field(description="IRI of the document's named graph")
    version: int = Field(description="the store version now served")
    changed: bool = Field(description="false when the upload repeated what was stored")
    replaced: bool = Field(description="true when a document with this id was replaced")
    entities: int
    relations: int
    counts: dict[str, Any] = Field(description="store counts after the rebuild")
    seconds: float = Field(description="rebuild time")


class Health(BaseModel):
    model_config = _ENVELOPE
    status: Literal["ok"]
    version: int
    built_at: str
    counts: dict[str, Any]
    engine: str | None
    engine_error: str | None = None


class CentralityItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    name: str
    type: str
    degree: float
    betweenness: float


class CommunityItem(BaseModel):
    model_config = _ENVELOPE
    index: int
    members: list[EntityRef]


class BrokerItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    name: str
    separated_pairs: int
    inland_actors: int
    coastal_actors: int


class PathStepItem(BaseModel):
    model_config = _ENVELOPE
    source: EntityRef
    target: EntityRef
    shared: list[EntityRef]


class PathAnswer(BaseModel):
    model_config = _ENVELOPE
    source: str
    target: str
    found: bool
    steps: list[PathStepItem]
