"""The named questions: ``queries/<name>.rq`` + ``queries/<name>.cypher`` → :class:`QuerySpec`.

Each file starts with a comment header (``#`` in SPARQL, ``//`` in Cypher), identical in
both files of a pair::

    # title_sv: Vem samverkar om ett tema i ett område?
    # title_en: Who collaborates on a theme within an area?
    # description: Organisations that share an arena or project …
    # param: theme: theme = energi
    # column: partners: set

Parameter types: ``str``, ``int``, ``bool``, ``id`` (an entity id), ``theme`` (key, label or
id), ``sdg`` (goal number or ``sdg:N``), ``municipality`` (kommunkod, id or name) and
``area`` (see :mod:`queries.areas`). Column kinds: ``value`` (a scalar), ``set`` (an
unordered list, returned sorted) and ``path`` (an ordered list).

Example::

    >>> spec = get_spec("who_collaborates")
    >>> spec.bind({"theme": "energi"})["area"].name
    'inland'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict

from ontology.ids import type_of
from ontology.reference import themes
from queries.areas import ResolvedArea, resolve_area, resolve_municipality
from queries.errors import CatalogError, ParamError, UnknownQueryError

QUERY_DIR: Final = Path(__file__).resolve().parent
MAX_STR: Final = 200
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_ID = re.compile(r"^[a-z][a-z-]*:[a-z0-9][a-z0-9-]*$")
_PARAM = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\s*:\s*(?P<type>\w+)(?:\s*=\s*(?P<default>.*))?$")
_COLUMN = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\s*:\s*(?P<kind>\w+)$")

BoundValue = str | int | bool | ResolvedArea


class ParamType(StrEnum):
    STR = "str"
    INT = "int"
    BOOL = "bool"
    ID = "id"
    THEME = "theme"
    SDG = "sdg"
    MUNICIPALITY = "municipality"
    AREA = "area"


# Parameter types whose value is an entity id (bound as an IRI in SPARQL).
ENTITY_TYPES: Final = frozenset(
    {ParamType.ID, ParamType.THEME, ParamType.SDG, ParamType.MUNICIPALITY}
)


class ColumnKind(StrEnum):
    VALUE = "value"
    SET = "set"
    PATH = "path"


class ParamSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    type: ParamType
    default: str | None = None


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    kind: ColumnKind = ColumnKind.VALUE


class QuerySpec(BaseModel):
    """One named question with its SPARQL and Cypher text."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    title_sv: str
    title_en: str
    description: str
    params: tuple[ParamSpec, ...] = ()
    columns: tuple[ColumnSpec, ...] = ()
    sparql: str
    cypher: str

    def param(self, name: str) -> ParamSpec:
        for p in self.params:
            if p.name == name:
                return p
        raise ParamError(f"query {self.name!r} has no parameter {name!r}")

    def bind(
        self, raw: Mapping[str, object] | None = None, areas_file: Path | None = None
    ) -> dict[str, BoundValue]:
        """Validate and coerce ``raw`` (defaults fill the gaps); unknown names are refused."""
        raw = dict(raw or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ParamError(
                f"query {self.name!r} has no parameter(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known)) or 'none'}"
            )
        bound: dict[str, BoundValue] = {}
        for p in self.params:
            value = raw.get(p.name, p.default)
            if value is None:
                raise ParamError(f"query {self.name!r}: parameter {p.name!r} is required")
            bound[p.name] = coerce(p, value, self.name, areas_file)
        return bound


# --- coercion ----------------------------------------------------------------------


def _fail(query: str, p: ParamSpec, value: object, why: str) -> ParamError:
    return ParamError(f"query {query!r}: parameter {p.name!r} ({p.type}) = {value!r}: {why}")


def _as_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("a boolean is not an integer")
    if isinstance(value, int):
        return value
    return int(str(value).strip())


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "ja"}:
        return True
    if text in {"false", "0", "no", "nej"}:
        return False
    raise ValueError("expected true or false")


def _as_id(value: object) -> str:
    text = str(value).strip()
    if not _ID.match(text):
        raise ValueError("expected an entity id like org:umea-universitet")
    type_of(text)  # an unknown prefix raises ValueError
    return text


def _as_theme(value: object) -> str:
    text = str(value).strip().lower().removeprefix("theme:").replace("_", "-")
    for t in themes():
        if text in (t.id.removeprefix("theme:"), t.label_sv.lower(), t.label_en.lower()):
            return t.id
    keys = ", ".join(t.id.removeprefix("theme:") for t in themes())
    raise ValueError(f"unknown theme; themes: {keys}")


def _as_sdg(value: object) -> str:
    goal = _as_int(str(value).strip().lower().removeprefix("sdg:"))
    if not 1 <= goal <= 17:
        raise ValueError("an SDG goal is a number from 1 to 17")
    return f"sdg:{goal}"


def _as_str(value: object) -> str:
    text = str(value)
    if len(text) > MAX_STR:
        raise ValueError(f"longer than {MAX_STR} characters")
    return text


def coerce(p: ParamSpec, value: object, query: str, areas_file: Path | None) -> BoundValue:
    """One raw value → its typed, validated form; :class:`ParamError` says why not."""
    try:
        if p.type is ParamType.AREA:
            return (
                value if isinstance(value, ResolvedArea) else resolve_area(str(value), areas_file)
            )
        if p.type is ParamType.MUNICIPALITY:
            return resolve_municipality(str(value))
        converters: dict[ParamType, Callable[[object], BoundValue]] = {
            ParamType.STR: _as_str,
            ParamType.INT: _as_int,
            ParamType.BOOL: _as_bool,
            ParamType.ID: _as_id,
            ParamType.THEME: _as_theme,
            ParamType.SDG: _as_sdg,
        }
        return converters[p.type](value)
    except ParamError as exc:
        raise ParamError(f"query {query!r}: parameter {p.name!r}: {exc}") from exc
    except ValueError as exc:
        raise _fail(query, p, value, str(exc)) from exc


# --- header parsing ----------------------------------------------------------------------


def parse_header(text: str, marker: str, source: str) -> dict[str, list[str]]:
    """The leading comment block as ``key → [values]`` (``description`` lines join)."""
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(marker):
            break
        body = stripped[len(marker) :].strip()
        key, sep, value = body.partition(":")
        if not sep or not _NAME.match(key.strip()):
            raise CatalogError(f"{source}: header line {line!r} is not 'key: value'")
        fields.setdefault(key.strip(), []).append(value.strip())
    return fields


def _param(text: str, source: str) -> ParamSpec:
    m = _PARAM.match(text)
    if not m:
        raise CatalogError(f"{source}: param {text!r} is not 'name: type [= default]'")
    try:
        ptype = ParamType(m["type"])
    except ValueError as exc:
        raise CatalogError(f"{source}: param {m['name']!r} has unknown type {m['type']!r}") from exc
    default = m["default"].strip() if m["default"] is not None else None
    return ParamSpec(name=m["name"], type=ptype, default=default)


def _column(text: str, source: str) -> ColumnSpec:
    m = _COLUMN.match(text)
    if not m or m["kind"] not in ColumnKind.__members__.values():
        raise CatalogError(f"{source}: column {text!r} is not 'name: value|set|path'")
    return ColumnSpec(name=m["name"], kind=ColumnKind(m["kind"]))


def _single(fields: dict[str, list[str]], key: str, source: str) -> str:
    values = fields.get(key)
    if not values:
        raise CatalogError(f"{source}: header lacks {key!r}")
    return " ".join(values)


def load_spec(name: str, directory: Path = QUERY_DIR) -> QuerySpec:
    """Read one pair of files; the two headers must agree exactly."""
    rq, cy = directory / f"{name}.rq", directory / f"{name}.cypher"
    for path in (rq, cy):
        if not path.is_file():
            raise CatalogError(f"query {name!r}: {path} is missing")
    sparql, cypher = rq.read_text(encoding="utf-8"), cy.read_text(encoding="utf-8")
    header = parse_header(sparql, "#", str(rq))
    if parse_header(cypher, "//", str(cy)) != header:
        raise CatalogError(f"query {name!r}: the headers of {rq.name} and {cy.name} differ")
    unknown = set(header) - {"title_sv", "title_en", "description", "param", "column"}
    if unknown:
        raise CatalogError(f"{rq}: unknown header keys {sorted(unknown)}")
    return QuerySpec(
        name=name,
        title_sv=_single(header, "title_sv", str(rq)),
        title_en=_single(header, "title_en", str(rq)),
        description=_single(header, "description", str(rq)),
        params=tuple(_param(v, str(rq)) for v in header.get("param", [])),
        columns=tuple(_column(v, str(rq)) for v in header.get("column", [])),
        sparql=sparql,
        cypher=cypher,
    )


@lru_cache(maxsize=4)
def _load_all(directory: Path) -> tuple[QuerySpec, ...]:
    names = sorted(
        {p.stem for p in directory.glob("*.rq")} | {p.stem for p in directory.glob("*.cypher")}
    )
    bad = [n for n in names if not _NAME.match(n)]
    if bad:
        raise CatalogError(f"{directory}: query file names must be snake_case: {bad}")
    return tuple(load_spec(n, directory) for n in names)


def list_specs(directory: Path = QUERY_DIR) -> list[QuerySpec]:
    """Every named query, sorted by name."""
    return list(_load_all(directory))


def get_spec(name: str, directory: Path = QUERY_DIR) -> QuerySpec:
    """The named query; :class:`UnknownQueryError` lists the valid names."""
    specs = {s.name: s for s in _load_all(directory)}
    if name not in specs:
        raise UnknownQueryError(f"no query named {name!r}; queries: {', '.join(sorted(specs))}")
    return specs[name]
