"""Resolve an ``area`` parameter into the places a query filters on.

Areas are data (``data/reference/areas.toml``, an operator's extra file, every county and
every municipality, via :func:`ontology.reference.area_sets`), never query text: a query
receives the resolved list of place ids as one parameter (``$area`` in Cypher, a
``VALUES ?area`` block in SPARQL).

Accepted values: a set name (``inland``, ``coast``, ``region10``, ``norrbotten``, or one
from the operator's file, settings.areas_file), matched ignoring case, spaces, hyphens and
å/ä/ö, also by its labels (``Region 10``, ``Inlandet``, ``Norrbottens län``); a county id
(``county:norrbottens-lan``) or county code (``25``); a kommunkod (``2480``), a municipality
id (``municipality:umea``) or a municipality name (``Umeå``).

An operator's file has the shape of ``data/reference/areas.toml`` (a table per set with
``codes``, ``county_code`` or ``from``; ``label_sv``, ``label_en``, ``source``); a set of the
same name replaces the built-in one. A missing or malformed file is an
:class:`AreaFileError` (a configuration error, not a bad parameter).

A set that covers every municipality of a county also includes the county id itself, so an
arena that targets the whole county (``TARGETS_PLACE`` → county) is in that area.

Example::

    >>> resolve_area("vasterbotten").county_ids
    ('county:vasterbottens-lan',)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ontology.ids import slug
from ontology.reference import REFERENCE_DIR, AreaSet, area_sets, county_id, municipalities
from queries.errors import AreaFileError, UnknownAreaError


class ResolvedArea(BaseModel):
    """An area with its member places as entity ids (sorted, so results are stable)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    label_sv: str
    label_en: str
    source: str
    codes: tuple[str, ...]
    municipality_ids: tuple[str, ...]
    county_ids: tuple[str, ...]

    @property
    def places(self) -> list[str]:
        """Municipality ids plus the ids of counties the area covers completely."""
        return [*self.municipality_ids, *self.county_ids]


def _norm(text: str) -> str:
    """Comparable form of a name: ``Region 10`` → ``region10``, ``Umeå`` → ``umea``."""
    return slug(text).replace("-", "")


def _lookup_key(value: str, sets: dict[str, AreaSet], directory: Path) -> str | None:
    """The area_sets key a user value names, or None (set names win over labels)."""
    text = value.strip()
    if text in sets:
        return text
    if not any(ch.isalnum() for ch in text):
        return None
    wanted = _norm(text)
    for key in sets:
        if _norm(key) == wanted:
            return key
    munis = municipalities(directory)
    for m in munis:
        if text.lower() == m.id or wanted == _norm(m.name):
            return m.code
    for m in munis:
        if text == m.county_code:
            return county_id(m.county)
    for key, area in sets.items():
        if wanted in (_norm(area.label_sv), _norm(area.label_en)):
            return key
    return None


def _stamp(path: Path | None) -> tuple[int, int] | None:
    """When and how big the operator's file is: an edit is seen without a restart."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # reported by the read below, with the reason
    return (info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=8)
def _read_sets(
    directory: Path, extra_file: Path | None, stamp: tuple[int, int] | None
) -> dict[str, AreaSet]:
    # area_sets caches by path only; the stamp in this key re-reads an edited file.
    return area_sets.__wrapped__(directory, extra_file)


def _sets(directory: Path, extra_file: Path | None) -> dict[str, AreaSet]:
    """All sets; an unreadable or malformed operator file names itself and what is wrong."""
    try:
        return _read_sets(directory, extra_file, _stamp(extra_file))
    except OSError as exc:
        raise AreaFileError(
            f"areas file {extra_file}: cannot be read ({exc.strerror or exc})"
        ) from exc
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError too
        raise AreaFileError(f"areas file {extra_file or directory / 'areas.toml'}: {exc}") from exc


def _covered_counties(codes: frozenset[str], directory: Path) -> tuple[str, ...]:
    by_county: dict[str, set[str]] = {}
    for m in municipalities(directory):
        by_county.setdefault(county_id(m.county), set()).add(m.code)
    return tuple(sorted(c for c, members in by_county.items() if members <= codes))


def resolve_area(
    value: str, extra_file: Path | None = None, directory: Path = REFERENCE_DIR
) -> ResolvedArea:
    """Resolve ``value``; :class:`UnknownAreaError` names the value and a few valid names."""
    sets = _sets(directory, extra_file)
    key = _lookup_key(value, sets, directory)
    if key is None:
        named = sorted(k for k in sets if not k[0].isdigit() and not k.startswith("county:"))
        raise UnknownAreaError(
            f"area {value!r} is not a geography set, county id, kommunkod or municipality; "
            f"sets: {', '.join(named)}"
        )
    area = sets[key]
    by_code = {m.code: m.id for m in municipalities(directory)}
    return ResolvedArea(
        name=area.name,
        label_sv=area.label_sv,
        label_en=area.label_en,
        source=area.source,
        codes=tuple(sorted(area.codes)),
        municipality_ids=tuple(sorted(by_code[c] for c in area.codes)),
        county_ids=_covered_counties(area.codes, directory),
    )


def resolve_municipality(value: str, directory: Path = REFERENCE_DIR) -> str:
    """A kommunkod, municipality id or name → the municipality id."""
    lowered = value.strip().lower()
    for m in municipalities(directory):
        if lowered in (m.code, m.id, m.name.lower()):
            return m.id
    raise UnknownAreaError(f"municipality {value!r} is not a kommunkod, municipality id or name")


def area_names(extra_file: Path | None = None, directory: Path = REFERENCE_DIR) -> list[str]:
    """Names of the named sets (not the per-county and per-municipality ones)."""
    sets = _sets(directory, extra_file)
    return sorted(k for k in sets if not k[0].isdigit() and not k.startswith("county:"))
